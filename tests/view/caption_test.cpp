// Captions: one sentence per step, in the program's own names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine_run.hpp"
#include "view/caption.hpp"
#include "view/playback.hpp"

namespace trioscope::view {
namespace {

using testing::EngineRun;
using testing::Resilient;
using K = trio::EventKind;

std::string caption_at(const trio::Trace& t, int step) {
  Playback pb(t);
  const Snapshot before = pb.snapshot_at(step - 1);
  return caption(t, before, pb.seek(step));
}

TEST(Caption, AChildErrorCancelsItsSiblingsAsTheArticleTellsIt) {
  Resilient r;
  EXPECT_EQ(caption_at(r.trace(), r.cancelled_scope),
            "problematic_child() raised ValueError. Its nursery cancels the other children: "
            "child('Well-behaved', 3) gets Cancelled at its next checkpoint, trio.sleep.");
}

TEST(Caption, TheExceptionsPathToTheHandler) {
  Resilient r;
  EXPECT_EQ(caption_at(r.trace(), r.raised),
            "problematic_child() raises ValueError('Oops, I tripped!') " + r.line(r.raise_line) + ".");
  EXPECT_EQ(caption_at(r.trace(), r.crashed),
            "problematic_child() crashes with ValueError('Oops, I tripped!'); the error goes to resilient_parent's nursery.");
  EXPECT_EQ(caption_at(r.trace(), r.to_nursery),
            "ValueError('Oops, I tripped!') leaves problematic_child() and reaches resilient_parent's nursery (1 error so far).");
  EXPECT_EQ(caption_at(r.trace(), r.delivered),
            "child('Well-behaved', 3) gets Cancelled at its checkpoint, trio.sleep. The exception unwinds the task, "
            "through any finally blocks, up to the cancel scope of resilient_parent's nursery.");
  // strict_exception_groups=False: Trio still gathers both errors (the ValueError and the
  // sibling's Cancelled) in a loose group; the nursery's scope then takes its own Cancelled
  // out, and the lone ValueError comes out bare.
  const std::string group = caption_at(r.trace(), r.group);
  EXPECT_NE(group.find("combines its 2 errors into BaseExceptionGroup('Exceptions from Trio nursery', "
                       "[ValueError('Oops, I tripped!'), Cancelled"),
            std::string::npos)
      << group;
  EXPECT_NE(group.find("a lone error comes out bare"), std::string::npos) << group;
  // The nursery closes with the bare error, which is then raised out of the block.
  EXPECT_EQ(caption_at(r.trace(), r.closed),
            "resilient_parent's nursery is closed: every child is accounted for. Its errors leave the async with "
            "block in resilient_parent as ValueError('Oops, I tripped!').");
  // The trace shows the handler that runs next.
  EXPECT_EQ(caption_at(r.trace(), r.reraise),
            "ValueError('Oops, I tripped!') is raised out of the async with block in resilient_parent " +
                r.line(r.async_with_line) + ". Its except block " + r.line(r.except_line) + " catches it next.");
  EXPECT_EQ(caption_at(r.trace(), r.caught),
            "resilient_parent catches ValueError('Oops, I tripped!'): its except block " + r.line(r.except_line) +
                " runs now.");
  EXPECT_EQ(caption_at(r.trace(), r.printed),
            "resilient_parent prints \"The parent caught the child's error: Oops, I tripped!\".");
  EXPECT_EQ(caption_at(r.trace(), r.run_end), "trio.run returns at t = 1.0: every task has finished.");
}

// A loose nursery that gathers a single error passes it on as it is, without a group.
TEST(Caption, ALooseNurseryPassesALoneErrorOnAsItIs) {
  const EngineRun r(R"({"version": 1, "settings": {"strict_exception_groups": false},
    "functions": {
      "problematic_child": {"body": [{"raise": "ValueError", "message": "Oops, I tripped!"}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [{"start_soon": "problematic_child"}]}]}},
    "main": "main"})");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::group_formed)),
            "Every child of main's nursery is done. With strict_exception_groups=False a single error leaves the "
            "nursery as it is: ValueError('Oops, I tripped!').");
}

TEST(Caption, StrictGroupsAreWrappedAndLeaveTrioRun) {
  Resilient r(/*strict=*/true);
  const std::string g = caption_at(r.trace(), r.group);
  // Inside the nursery the group holds the sibling's Cancelled too; the nursery's scope
  // takes it out on the way (trio-semantics.md).
  EXPECT_NE(g.find("wraps its 2 errors in BaseExceptionGroup('Exceptions from Trio nursery', "
                   "[ValueError('Oops, I tripped!'), Cancelled"),
            std::string::npos)
      << g;
  EXPECT_NE(g.find("strict_exception_groups=True"), std::string::npos);
  EXPECT_EQ(caption_at(r.trace(), r.run_end),
            "trio.run raises ExceptionGroup('Exceptions from Trio nursery', [ValueError('Oops, I tripped!')]): "
            "nothing caught it, so the program ends with this error.");
}

TEST(Caption, SleepingAndWaking) {
  Resilient r;
  EXPECT_EQ(caption_at(r.trace(), r.sleeping_well),
            "child('Well-behaved', 3) calls trio.sleep: it sleeps until t = 3.0. A sleep is a checkpoint, so other "
            "tasks can run meanwhile.");
  EXPECT_EQ(caption_at(r.trace(), r.waiting),
            "resilient_parent reaches the end of the async with block and waits there for its 2 children to finish.");
  EXPECT_EQ(caption_at(r.trace(), r.spawned_well),
            "resilient_parent calls start_soon: child('Well-behaved', 3) is created in resilient_parent's nursery. "
            "start_soon is not a checkpoint, so child('Well-behaved', 3) first runs in the next batch.");
}

TEST(Caption, DeadlineExpiryNamesTheScopeAndWhomItReaches) {
  const EngineRun r(R"({"version": 1, "functions": {"main": {"body": [
      {"move_on_after": 2, "as": "timeout", "body": [{"sleep": 5}]}]}}, "main": "main"})");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::scope_entered)),
            "main enters trio.move_on_after(2) as timeout: if the block is still running at t = 2.0, it is cancelled "
            "and the program moves on after it.");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::scope_cancelled)),
            "The deadline of trio.move_on_after(2) as timeout (t = 2.0) has passed: the scope is cancelled. main gets "
            "Cancelled at its next checkpoint, trio.sleep.");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::scope_caught_cancelled)),
            "The scope trio.move_on_after(2) as timeout in main catches the Cancelled: the cancellation was its own, so it stops "
            "here (cancelled_caught = True).");
}

TEST(Caption, BlockingTellsWhyNothingElseRuns) {
  const EngineRun r(R"({"version": 1, "functions": {"main": {"body": [{"block": 10}]}}, "main": "main"})");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::blocking_started)),
            "main calls time.sleep: the whole event loop freezes for 10.0 s, until t = 10.0. time.sleep is not a "
            "checkpoint, so no other task runs and no cancellation can reach main meanwhile.");
}

TEST(Caption, ManyCancelledTasksAreSummarised) {
  const EngineRun r(R"({"version": 1, "functions": {
      "child": {"params": ["i"], "body": [{"sleep_forever": true}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [
        {"repeat": 10, "as": "i", "body": [{"start_soon": "child", "args": ["$i"]}]},
        {"cancel": "$nursery"}]}]}},
    "main": "main"})");
  EXPECT_EQ(caption_at(r.trace(), r.find(K::scope_cancelled)),
            "main calls nursery.cancel_scope.cancel(): everything in main's nursery is cancelled. "
            "child(0), child(1), child(2), child(3) and 6 other tasks get Cancelled at their next checkpoint. "
            "main, which is running, is inside it too: it gets Cancelled only if it reaches another checkpoint.");
}

// ---- Every kind of event, as real runs record it ----------------------------------------------

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The bundled lessons, plus the two endings no lesson has: a deadlock and an exhausted
// event budget.
std::vector<EngineRun> runs_with_every_kind() {
  std::vector<EngineRun> runs;
  std::vector<std::filesystem::path> lessons;
  for (const auto& f : std::filesystem::directory_iterator(TRIOSCOPE_SOURCE_DIR "/scenarios"))
    if (f.path().extension() == ".json" && f.path().filename() != "schema.json") lessons.push_back(f.path());
  std::sort(lessons.begin(), lessons.end());
  for (const auto& p : lessons) runs.emplace_back(read_text(p));
  runs.emplace_back(R"({"version": 1, "functions": {"main": {"body": [{"sleep_forever": true}]}}, "main": "main"})");
  runs.emplace_back(R"({"version": 1, "functions": {"main": {"body": [
      {"repeat": 1000, "as": "i", "body": [{"checkpoint": true}]}]}}, "main": "main"})",
                    testing::event_budget(40));
  return runs;
}

// Every kind of event gets its own sentence, naming the task it concerns: checked on the
// first event of each kind in the lessons' runs, and every step of them has a caption.
TEST(Caption, EveryEventKindHasACaption) {
  const std::vector<EngineRun> runs = runs_with_every_kind();
  std::map<K, std::string> first;  // kind -> its first caption
  for (const EngineRun& r : runs) {
    const trio::Trace& t = r.trace();
    const SourceBlocks blocks(r.listing);
    Playback pb(t, {.blocks = &blocks});
    for (int i = 0; i < pb.size(); ++i) {
      const trio::Event& e = t.events[i];
      SCOPED_TRACE(std::string(trio::event_kind_name(e.kind)) + " at step " + std::to_string(i) + " of\n" + r.listing);
      const Snapshot before = pb.snapshot_at(i - 1);
      const std::string c = caption(t, before, pb.seek(i), &blocks);
      EXPECT_GT(c.size(), 15u) << c;
      EXPECT_EQ(c.find("Step "), std::string::npos) << c;  // not the fallback
      if (first.count(e.kind)) continue;
      first[e.kind] = c;
      if (e.task >= 0) {
        EXPECT_NE(c.find(t.tasks[e.task].label), std::string::npos) << c;
      }
    }
  }
  std::set<std::string> seen;
  for (int k = 0; k <= static_cast<int>(K::budget_exhausted); ++k) {
    const auto kind = static_cast<K>(k);
    SCOPED_TRACE(trio::event_kind_name(kind));
    if (!first.count(kind)) {
      ADD_FAILURE() << "no run records this kind; give it a scenario here";
      continue;
    }
    EXPECT_TRUE(seen.insert(first[kind]).second) << "two kinds share the caption: " << first[kind];
  }
}

TEST(Caption, BeforeTheFirstStep) {
  Resilient r;
  Playback pb(r.trace());
  EXPECT_EQ(caption(r.trace(), pb.snapshot_at(-1), pb.seek(-1)), "trio.run has not started yet.");
}

}  // namespace
}  // namespace trioscope::view
