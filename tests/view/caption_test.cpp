// Captions: one sentence per step, in the program's own names.
#include <gtest/gtest.h>

#include <set>

#include "trace_builder.hpp"
#include "view/caption.hpp"
#include "view/playback.hpp"

namespace trioscope::view {
namespace {

using testing::Resilient;
using testing::TraceBuilder;
using K = trio::EventKind;

std::string caption_at(const trio::Trace& t, int step) {
  Playback pb(t);
  const Snapshot before = pb.snapshot_at(step - 1);
  return caption(t, before, pb.seek(step));
}

TEST(Caption, AChildErrorCancelsItsSiblingsAsTheArticleTellsIt) {
  Resilient r;
  EXPECT_EQ(caption_at(r.b.t, r.cancelled_scope),
            "problematic_child() raised ValueError. Its nursery cancels the other children: "
            "child('Well-behaved', 3) gets Cancelled at its next checkpoint, trio.sleep.");
}

TEST(Caption, TheExceptionsPathToTheHandler) {
  Resilient r;
  EXPECT_EQ(caption_at(r.b.t, r.raised), "problematic_child() raises ValueError('Oops, I tripped!') (line 10).");
  EXPECT_EQ(caption_at(r.b.t, r.crashed),
            "problematic_child() crashes with ValueError('Oops, I tripped!'); the error goes to resilient_parent's nursery.");
  EXPECT_EQ(caption_at(r.b.t, r.to_nursery),
            "ValueError('Oops, I tripped!') leaves problematic_child() and reaches resilient_parent's nursery (1 error so far).");
  EXPECT_EQ(caption_at(r.b.t, r.delivered),
            "child('Well-behaved', 3) gets Cancelled at its checkpoint, trio.sleep. The exception unwinds the task, "
            "through any finally blocks, up to the cancel scope of resilient_parent's nursery.");
  // strict_exception_groups=False: the lone error leaves the nursery as it is.
  EXPECT_NE(caption_at(r.b.t, r.group).find("a single error leaves the nursery as it is: ValueError('Oops, I tripped!')"),
            std::string::npos);
  // The trace shows the handler that runs next.
  EXPECT_EQ(caption_at(r.b.t, r.reraise),
            "ValueError('Oops, I tripped!') is raised out of the async with block in resilient_parent (line 14). "
            "Its except block (line 17) catches it next.");
  EXPECT_EQ(caption_at(r.b.t, r.caught),
            "resilient_parent catches ValueError('Oops, I tripped!'): its except block (line 17) runs now.");
  EXPECT_EQ(caption_at(r.b.t, r.printed),
            "resilient_parent prints \"The parent caught the child's error: Oops, I tripped!\".");
  EXPECT_EQ(caption_at(r.b.t, r.run_end), "trio.run returns at t = 1.0: every task has finished.");
}

TEST(Caption, StrictGroupsAreWrappedAndLeaveTrioRun) {
  Resilient r(/*strict=*/true);
  const std::string g = caption_at(r.b.t, r.group);
  EXPECT_NE(g.find("wraps its 2 errors in ExceptionGroup('Exceptions from Trio nursery', [ValueError('Oops, I tripped!')])"),
            std::string::npos) << g;
  EXPECT_NE(g.find("strict_exception_groups=True"), std::string::npos);
  EXPECT_EQ(caption_at(r.b.t, r.run_end),
            "trio.run raises ExceptionGroup('Exceptions from Trio nursery', [ValueError('Oops, I tripped!')]): "
            "nothing caught it, so the program ends with this error.");
}

TEST(Caption, SleepingAndWaking) {
  Resilient r;
  EXPECT_EQ(caption_at(r.b.t, r.sleeping_well),
            "child('Well-behaved', 3) calls trio.sleep: it sleeps until t = 3.0. A sleep is a checkpoint, so other "
            "tasks can run meanwhile.");
  EXPECT_EQ(caption_at(r.b.t, r.waiting),
            "resilient_parent reaches the end of the async with block and waits there for its 2 children to finish.");
  EXPECT_EQ(caption_at(r.b.t, r.spawned_well),
            "resilient_parent calls start_soon: child('Well-behaved', 3) is created in resilient_parent's nursery. "
            "start_soon is not a checkpoint, so child('Well-behaved', 3) first runs in the next batch.");
}

TEST(Caption, DeadlineExpiryNamesTheScopeAndWhomItReaches) {
  TraceBuilder b;
  const int main = b.task("main");
  const int timeout = b.scope(trio::ScopeKind::move_on_after, main, "timeout", 2);
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::scope_entered, main, 7).scope = timeout;
  const int entered = b.last();
  b.sleep(main, 5, 8);
  b.end_step(main);
  b.jump(2);
  auto& c = b.add(K::scope_cancelled);
  c.scope = timeout;
  c.flag = static_cast<std::uint8_t>(trio::CancelSource::deadline);
  const int cancelled = b.last();
  EXPECT_EQ(caption_at(b.t, entered),
            "main enters trio.move_on_after(2) as timeout: if the block is still running at t = 2.0, it is cancelled "
            "and the program moves on after it.");
  EXPECT_EQ(caption_at(b.t, cancelled),
            "The deadline of trio.move_on_after(2) as timeout (t = 2.0) has passed: the scope is cancelled. main gets "
            "Cancelled at its next checkpoint, trio.sleep.");
  b.add(K::scope_caught_cancelled, main).scope = timeout;
  EXPECT_EQ(caption_at(b.t, b.last()),
            "The scope trio.move_on_after(2) as timeout in main catches the Cancelled: the cancellation was its own, so it stops "
            "here (cancelled_caught = True).");
}

TEST(Caption, BlockingTellsWhyNothingElseRuns) {
  TraceBuilder b;
  const int main = b.task("main");
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::blocking_started, main).until = 10;
  EXPECT_EQ(caption_at(b.t, b.last()),
            "main calls time.sleep: the whole event loop freezes for 10.0 s, until t = 10.0. time.sleep is not a "
            "checkpoint, so no other task runs and no cancellation can reach main meanwhile.");
}

TEST(Caption, ManyCancelledTasksAreSummarised) {
  TraceBuilder b;
  const int main = b.task("main");
  const int n = b.nursery(main, true);
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.open(n);
  for (int i = 0; i < 10; ++i) b.spawn(b.task("child(" + std::to_string(i) + ")", n), n);
  b.add(K::nursery_waiting, main).nursery = n;
  auto& c = b.add(K::scope_cancelled, main);
  c.scope = b.t.nurseries[n].scope;
  c.flag = static_cast<std::uint8_t>(trio::CancelSource::explicit_);
  EXPECT_EQ(caption_at(b.t, b.last()),
            "main calls nursery.cancel_scope.cancel(): everything in main's nursery is cancelled. "
            "child(0), child(1), child(2), child(3) and 6 other tasks get Cancelled at their next checkpoint.");
}

// Every kind of event gets its own sentence, naming the task it concerns.
TEST(Caption, EveryEventKindHasACaption) {
  TraceBuilder b;
  const int main = b.task("main");
  const int n = b.nursery(main, true);
  const int hidden = b.nursery(main, true, "", true);
  const int kid = b.task("server(8080)", hidden);
  const int scope = b.scope(trio::ScopeKind::cancel_scope, main, "cs", testing::kForever, true);
  const int err = b.exc(trio::make_exc("KeyError", std::string("k")));
  b.t.strings.push_back("every task waits forever");
  for (int k = 0; k <= static_cast<int>(K::budget_exhausted); ++k) {
    auto& e = b.add(static_cast<K>(k), main, 3);
    e.scope = scope;
    e.nursery = n;
    e.exc = err;
    e.until = 4;
    e.text = 0;
    if (e.kind == K::task_spawned) { e.task = kid; e.nursery = hidden; }
    if (e.kind == K::start_waiting) e.count = kid;
    if (e.kind == K::task_started) e.task = kid;
    if (e.kind == K::woken || e.kind == K::scope_exited || e.kind == K::task_finished || e.kind == K::run_finished) e.exc = -1;
    if (e.kind == K::scope_cancelled) e.flag = static_cast<std::uint8_t>(trio::CancelSource::explicit_);
  }
  Playback pb(b.t);
  std::set<std::string> seen;
  for (int i = 0; i < pb.size(); ++i) {
    const auto kind = b.t.events[i].kind;
    SCOPED_TRACE(trio::event_kind_name(kind));
    const Snapshot before = pb.snapshot_at(i - 1);
    const std::string c = caption(b.t, before, pb.seek(i));
    EXPECT_GT(c.size(), 15u) << c;
    EXPECT_EQ(c.find("Step "), std::string::npos) << c;  // not the fallback
    EXPECT_TRUE(seen.insert(c).second) << "two kinds share the caption: " << c;
    const bool about_task = kind != K::clock_jump && kind != K::run_finished && kind != K::deadlock &&
                            kind != K::budget_exhausted;
    if (about_task) {
      EXPECT_TRUE(c.find("main") != std::string::npos || c.find("server(8080)") != std::string::npos) << c;
    }
  }
}

TEST(Caption, BeforeTheFirstStep) {
  Resilient r;
  Playback pb(r.b.t);
  EXPECT_EQ(caption(r.b.t, pb.snapshot_at(-1), pb.seek(-1)), "trio.run has not started yet.");
}

}  // namespace
}  // namespace trioscope::view
