// The moments a lesson is about, read the way a class reads them: why an except clause lets
// a group pass, a sleeper woken late by a blocked loop, the checkpoint a Cancelled arrives
// at as the code spells it, what the scheduler does when no task is left.
//
// The traces are the engine's runs of the article's programs (real Trio's behaviour in
// conformance p02/p03/p05): with strict_exception_groups=True, `except ValueError` around
// the nursery does not catch the ExceptionGroup and it leaves trio.run; a time.sleep(10) in
// one task makes a sibling's trio.sleep(1) wake at t = 10.
//
// [SECTION] Except clauses and the handlers around a line
// [SECTION] Strict groups: why `except ValueError` lets the group pass
// [SECTION] A sleeper woken late by a blocked loop
// [SECTION] Checkpoints as the code spells them; what the scheduler does next
// [SECTION] Keeping the step's part of the tree in view
#include <gtest/gtest.h>

#include "engine_run.hpp"
#include "view/caption.hpp"
#include "view/except_clause.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {
namespace {

using testing::EngineRun;
using testing::Resilient;
using K = trio::EventKind;

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string caption_at(const trio::Trace& t, int step, const SourceBlocks* blocks = nullptr) {
  Playback pb(t);
  const Snapshot before = pb.snapshot_at(step - 1);
  return caption(t, before, pb.seek(step), blocks);
}

// ---- [SECTION] Except clauses ---------------------------------------------------------------------

TEST(ExceptClause, ReadsTheClauseAsWritten) {
  ExceptClause c;
  ASSERT_TRUE(parse_except("except ValueError as e:", c));
  EXPECT_FALSE(c.star);
  EXPECT_EQ(c.types, std::vector<std::string>{"ValueError"});
  EXPECT_EQ(c.text, "except ValueError");
  ASSERT_TRUE(parse_except("except* (KeyError, trio.TooSlowError) as eg:", c));
  EXPECT_TRUE(c.star);
  EXPECT_EQ(c.types, (std::vector<std::string>{"KeyError", "TooSlowError"}));
  ASSERT_TRUE(parse_except("except:", c));
  EXPECT_TRUE(c.types.empty());
  EXPECT_FALSE(parse_except("exceptional = 1", c));
  EXPECT_FALSE(parse_except("try:", c));
}

// Python: an ExceptionGroup is an Exception, so `except Exception` catches it whole;
// `except ValueError` does not, even when the group holds a ValueError; except* does.
TEST(ExceptClause, MatchesAsPythonDoes) {
  const trio::Exc value = trio::make_exc("ValueError", std::string("v"));
  const trio::Exc key = trio::make_exc("KeyError", std::string("k"));
  const trio::Exc group = trio::make_group("Exceptions from Trio nursery", {value});
  const trio::Exc both = trio::make_group("Exceptions from Trio nursery", {value, key});
  ExceptClause plain, star, any, exception;
  ASSERT_TRUE(parse_except("except ValueError as e:", plain));
  ASSERT_TRUE(parse_except("except* ValueError as eg:", star));
  ASSERT_TRUE(parse_except("except:", any));
  ASSERT_TRUE(parse_except("except Exception:", exception));
  EXPECT_EQ(match(plain, *value), ClauseMatch::catches);
  EXPECT_EQ(match(plain, *group), ClauseMatch::misses);
  EXPECT_EQ(match(star, *group), ClauseMatch::catches);
  EXPECT_EQ(match(star, *value), ClauseMatch::catches);
  EXPECT_EQ(match(star, *both), ClauseMatch::catches_part);
  EXPECT_EQ(match(star, *key), ClauseMatch::misses);
  EXPECT_EQ(match(exception, *group), ClauseMatch::catches);
  EXPECT_EQ(match(any, *group), ClauseMatch::catches);
  const std::string why = why_missed(plain, *group, "ExceptionGroup");
  EXPECT_TRUE(has(why, "`except ValueError` does not match")) << why;
  EXPECT_TRUE(has(why, "`except* ValueError` would catch it")) << why;
}

TEST(SourceBlocks, TheHandlersAroundALine) {
  const Resilient r;
  const SourceBlocks blocks(r.listing);
  // The async with and its body are in the try body; the handler is the except line.
  const std::uint32_t second_spawn = r.line_of("nursery.start_soon(problematic_child)");
  EXPECT_EQ(blocks.handlers_around(r.async_with_line), std::vector<std::uint32_t>{r.except_line});
  EXPECT_EQ(blocks.handlers_around(second_spawn), std::vector<std::uint32_t>{r.except_line});
  // Inside the handler itself, or outside any try: nothing catches it in this function.
  EXPECT_TRUE(blocks.handlers_around(r.line_of("print(f\"The parent caught")).empty());
  EXPECT_TRUE(blocks.handlers_around(r.raise_line).empty());

  const SourceBlocks nested(
      "async def main():\n"          // 1
      "    try:\n"                   // 2
      "        try:\n"               // 3
      "            await work()\n"   // 4
      "        except* KeyError:\n"  // 5
      "            pass\n"           // 6
      "\n"                           // 7
      "        except* OSError:\n"   // 8
      "            pass\n"           // 9
      "        finally:\n"           // 10
      "            await tidy()\n"   // 11
      "    except ValueError:\n"     // 12
      "        pass\n");             // 13
  EXPECT_EQ(nested.handlers_around(4), (std::vector<std::uint32_t>{5, 8, 12}));
  EXPECT_EQ(nested.handlers_around(11), std::vector<std::uint32_t>{12});
}

// ---- [SECTION] Strict groups: why `except ValueError` lets the group pass -----------------------

TEST(TeachingMoments, TheStrictGroupPassesExceptValueErrorAndTheCaptionSaysWhy) {
  Resilient r(/*strict=*/true);
  const SourceBlocks blocks(r.listing);
  const std::string except = "`except ValueError` " + r.line(r.except_line) + " does not match";
  const std::string reraise = caption_at(r.trace(), r.reraise, &blocks);
  EXPECT_TRUE(has(reraise, "is raised out of the async with block in resilient_parent " + r.line(r.async_with_line) + "."))
      << reraise;
  EXPECT_TRUE(has(reraise, except)) << reraise;
  EXPECT_TRUE(has(reraise, "`except* ValueError` would catch it")) << reraise;
  EXPECT_FALSE(has(reraise, "catches it next")) << reraise;

  const std::string end = caption_at(r.trace(), r.run_end, &blocks);
  EXPECT_TRUE(has(end, "trio.run raises ExceptionGroup(")) << end;
  EXPECT_TRUE(has(end, except)) << end;
  EXPECT_TRUE(has(end, "`except* ValueError` would catch it")) << end;
}

// Loose groups (older Trio): the bare ValueError comes out and the handler catches it.
TEST(TeachingMoments, TheLooseErrorIsCaughtByTheClauseTheListingShows) {
  Resilient r(/*strict=*/false);
  const SourceBlocks blocks(r.listing);
  const std::string reraise = caption_at(r.trace(), r.reraise, &blocks);
  EXPECT_TRUE(has(reraise, "`except ValueError` " + r.line(r.except_line) + " catches it next.")) << reraise;
}

// Lesson 10's shape (a move_on_after around a nursery): the nursery re-raises its
// children's Cancelled, and it is the timeout's scope, not an except clause, that stops it.
TEST(TeachingMoments, ACancelledGroupIsAbsorbedByTheScopeAroundIt) {
  const EngineRun r(R"({"version": 1, "functions": {
      "child": {"params": ["name", "t"], "body": [{"sleep": "$t"}]},
      "main": {"body": [{"move_on_after": 2, "as": "timeout", "body": [
        {"open_nursery": "nursery", "body": [{"start_soon": "child", "args": ["A", 5]}]}]}]}},
    "main": "main"})");
  const int reraise = r.find(K::nursery_reraise);
  const int absorbed = r.find(K::scope_caught_cancelled);
  ASSERT_LT(reraise, absorbed);
  ASSERT_EQ(r.trace().events[absorbed].scope, r.scope(trio::ScopeKind::move_on_after, "timeout"));
  const std::string c = caption_at(r.trace(), reraise);
  EXPECT_TRUE(has(c, "The scope trio.move_on_after(2) as timeout around it absorbs it next")) << c;
  EXPECT_FALSE(has(c, "keeps going up")) << c;
}

// The nursery closes while its errors are leaving: it must not say the parent goes on
// after the block. The engine records nursery_closed, carrying what leaves, before the
// re-raise.
TEST(TeachingMoments, TheNurseryClosesWhileItsErrorsLeave) {
  Resilient r(/*strict=*/true);
  ASSERT_LT(r.closed, r.reraise);
  const std::int32_t group_exc = r.trace().events[r.closed].exc;
  ASSERT_GE(group_exc, 0);
  EXPECT_EQ(group_exc, r.trace().events[r.reraise].exc);
  const std::string c = caption_at(r.trace(), r.closed);
  EXPECT_TRUE(has(c, "resilient_parent's nursery is closed")) << c;
  EXPECT_TRUE(has(c, "Its errors leave the async with block in resilient_parent as ExceptionGroup(")) << c;
  EXPECT_FALSE(has(c, "continues after the async with block")) << c;
  // The nursery's scope is left with the group, not with nothing.
  Playback pb(r.trace());
  const Snapshot& s = pb.seek(r.closed);
  EXPECT_EQ(s.scopes[r.nursery_scope(r.nursery)].exit_exc, group_exc);
}

// ---- [SECTION] A sleeper woken late by a blocked loop --------------------------------------------

// Lesson 05's shape: a time.sleep(10) in one child makes its sibling's trio.sleep(1) wake
// at t = 10.
struct BlockedLoop : EngineRun {
  int main, bad, child, blocked, unblocked, woken;
  BlockedLoop()
      : EngineRun(R"({"version": 1, "functions": {
          "problematic_child": {"body": [{"sleep": 1}]},
          "uncancellable_bad_task": {"body": [{"block": 10}, {"sleep": 5}]},
          "main": {"body": [{"open_nursery": "nursery", "body": [
            {"start_soon": "problematic_child"}, {"start_soon": "uncancellable_bad_task"}]}]}},
        "main": "main"})") {
    main = task("main");
    child = task("problematic_child()");
    bad = task("uncancellable_bad_task()");
    blocked = find(K::blocking_started, bad);
    unblocked = find(K::blocking_ended, bad);
    woken = find(K::woken, child, unblocked);
  }
};

TEST(TeachingMoments, ASleeperWokenLateSaysTheLoopWasBlocked) {
  BlockedLoop l;
  const std::string c = caption_at(l.trace(), l.woken);
  EXPECT_TRUE(has(c, "sleep was due at t = 1.0")) << c;
  EXPECT_TRUE(has(c, "9.0 s late")) << c;
  EXPECT_TRUE(has(c, "time.sleep in uncancellable_bad_task() blocked the loop")) << c;

  // The tree: while the loop is blocked the sleep is not yet due; once time has passed its
  // deadline, the box says it is overdue instead of "sleeping until t = 1.0".
  Playback pb(l.trace());
  const TreeLayout during = layout_tree(l.trace(), pb.seek(l.blocked), approximate_metrics(18), {.playback = &pb});
  ASSERT_TRUE(during.find(BoxKind::task, l.child));
  EXPECT_EQ(during.find(BoxKind::task, l.child)->detail, "\xE2\x98\xBE sleeping until t = 1.0");
  const TreeLayout after = layout_tree(l.trace(), pb.seek(l.unblocked), approximate_metrics(18), {.playback = &pb});
  ASSERT_TRUE(after.find(BoxKind::task, l.child));
  const std::string detail = after.find(BoxKind::task, l.child)->detail;
  EXPECT_TRUE(has(detail, "sleep was due at t = 1.0")) << detail;
  EXPECT_TRUE(has(detail, "overdue: the loop was blocked")) << detail;
}

TEST(TeachingMoments, TheTimelineMarksTheDeadlineThatPassedWhileBlocked) {
  BlockedLoop l;
  const TimelineLayout t = build_timeline(l.trace());
  ASSERT_EQ(t.overdue.size(), 1u);
  const Overdue& o = t.overdue[0];
  EXPECT_DOUBLE_EQ(o.time, 1.0);
  EXPECT_EQ(o.lane, t.lane_of_task[l.child]);
  EXPECT_EQ(o.event, l.woken);
  // Nothing happened at t = 1, so there is no instant there; the mark sits where the
  // stretched axis puts t = 1, inside the blocked stretch, and reads back as t = 1.
  for (const auto& tick : t.axis.ticks) EXPECT_NE(tick.time, 1.0);
  EXPECT_GT(o.x_due, t.axis.x_of(l.blocked));
  EXPECT_LT(o.x_due, t.axis.x_of(l.unblocked));
  EXPECT_NEAR(t.axis.time_at(o.x_due), 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(o.x_woken, t.axis.x_of(l.woken));
}

TEST(TeachingMoments, ASleeperWokenOnTimeIsNotOverdue) {
  Resilient r;
  EXPECT_TRUE(build_timeline(r.trace()).overdue.empty());
  int woken = -1;
  for (int i = 0; i < static_cast<int>(r.trace().events.size()); ++i)
    if (r.trace().events[i].kind == K::woken && r.trace().events[i].task == r.problem) woken = i;
  ASSERT_GE(woken, 0);
  const std::string c = caption_at(r.trace(), woken);
  EXPECT_EQ(c, "problematic_child()'s sleep is over at t = 1.0: it is runnable again.");
}

// ---- [SECTION] Checkpoints as the code spells them; what the scheduler does next -----------------

TEST(TeachingMoments, CancelledArrivesAtTheCheckpointTheCodeShows) {
  // A worker loop that yields with `await trio.sleep(0)` and is cancelled there.
  const EngineRun r(R"({"version": 1, "functions": {"worker": {"body": [
      {"cancel_scope": "cs", "body": [
        {"cancel": "$cs"},
        {"repeat": 10, "as": "i", "body": [{"block": 0.4}, {"sleep": 0}]}]}]}},
    "main": "worker"})");
  const SourceBlocks blocks(r.listing);
  const std::uint32_t checkpoint = r.line_of("await trio.sleep(0)");
  const int delivered = r.find(K::cancel_delivered);
  ASSERT_EQ(r.trace().events[delivered].loc.line, checkpoint);
  const std::string with_code = caption_at(r.trace(), delivered, &blocks);
  EXPECT_TRUE(has(with_code, "gets Cancelled at its checkpoint, `await trio.sleep(0)` " + Resilient::line(checkpoint) + "."))
      << with_code;
  EXPECT_FALSE(has(with_code, "trio.lowlevel.checkpoint")) << with_code;
}

TEST(TeachingMoments, AfterTheLastTaskNoOtherTaskIsPromised) {
  Resilient r;
  const auto& ev = r.trace().events;
  // The parent's last step_ended: no task is left.
  int last_end = -1;
  for (int i = 0; i < static_cast<int>(ev.size()); ++i)
    if (ev[i].kind == K::step_ended) last_end = i;
  const std::string end = caption_at(r.trace(), last_end);
  EXPECT_FALSE(has(end, "next runnable task")) << end;
  EXPECT_TRUE(has(end, "no task is left")) << end;
  // Both children asleep, the parent waiting: nothing is runnable until a deadline.
  int both_asleep = -1;
  for (int i = r.sleeping_well; i < static_cast<int>(ev.size()); ++i)
    if (ev[i].kind == K::step_ended && ev[i].task == r.problem) {
      both_asleep = i;
      break;
    }
  const std::string asleep = caption_at(r.trace(), both_asleep);
  EXPECT_TRUE(has(asleep, "has no runnable task now: it waits for the next deadline")) << asleep;
  // While another task is runnable, the scheduler does move on to it.
  ASSERT_EQ(ev[r.sleeping_well + 1].kind, K::step_ended);
  const std::string well_asleep = caption_at(r.trace(), r.sleeping_well + 1);
  EXPECT_TRUE(has(well_asleep, "which runs the next runnable task")) << well_asleep;
}

TEST(TeachingMoments, ABudgetStopNamesTheStepItStoppedAt) {
  const EngineRun r(R"({"version": 1, "functions": {"main": {"body": [
      {"repeat": 1000, "as": "i", "body": [{"checkpoint": true}]}]}}, "main": "main"})",
                    testing::statement_limit(40));
  const int stop = r.find(K::budget_exhausted);
  ASSERT_EQ(stop, r.size() - 1);
  // The engine's diagnosis counts statements, which are not the steps the screen shows.
  ASSERT_TRUE(has(r.trace().text(r.trace().events[stop]), "after 40 statements"));
  ASSERT_NE(stop, 40);
  const std::string c = caption_at(r.trace(), stop);
  EXPECT_TRUE(has(c, "stopped at step " + std::to_string(stop) + ":")) << c;
  EXPECT_FALSE(has(c, "40")) << c;  // one count, the one the screen shows
  EXPECT_EQ(c.find("stopped"), c.rfind("stopped")) << c;  // said once
}

// ---- [SECTION] Keeping the step's part of the tree in view ---------------------------------------

TEST(TeachingMoments, TheFocusOfAGroupStepIsTheGroupChip) {
  Resilient r(/*strict=*/true);
  Playback pb(r.trace());
  const TreeLayout tl = layout_tree(r.trace(), pb.seek(r.group), approximate_metrics(18), {.max_width = 300, .playback = &pb});
  const TreeBox* n = tl.find(BoxKind::nursery, r.nursery);
  ASSERT_TRUE(n);
  ASSERT_FALSE(n->chips.empty());
  const FocusRect f = focus_of(tl, r.trace(), r.group);
  ASSERT_TRUE(f.valid);
  // The last chip (the group) lies inside the focus rect.
  const float gy = n->y + n->chip_y.back();
  EXPECT_GE(gy, f.y0);
  EXPECT_LE(gy + 18 * kChipHeight, f.y1 + 0.01f);
  // A task's step focuses its own box.
  const TreeLayout at_raise = layout_tree(r.trace(), pb.seek(r.raised), approximate_metrics(18), {.playback = &pb});
  const FocusRect g = focus_of(at_raise, r.trace(), r.raised);
  const TreeBox* problem = at_raise.find(BoxKind::task, r.problem);
  ASSERT_TRUE(g.valid && problem);
  EXPECT_FLOAT_EQ(g.y0, problem->y);
  EXPECT_FALSE(focus_of(at_raise, r.trace(), -1).valid);
}

// A title is drawn in bold while its task runs: the box is measured for bold.
TEST(TeachingMoments, ARunningTasksTitleFitsItsBox) {
  Resilient r;
  Playback pb(r.trace());
  TextMetrics m = approximate_metrics(18);
  m.bold_width = [](std::string_view s) { return 0.75f * 18 * static_cast<float>(s.size()); };
  ASSERT_EQ(r.trace().events[r.spawned_well].task, r.well);  // the parent runs start_soon
  const TreeLayout tl = layout_tree(r.trace(), pb.seek(r.spawned_well), m, {.playback = &pb});
  ASSERT_EQ(pb.current().running, r.parent);
  const TreeBox* parent = tl.find(BoxKind::task, r.parent);
  ASSERT_TRUE(parent);
  EXPECT_GT(parent->w, m.bold_width(parent->title));
}

}  // namespace
}  // namespace trioscope::view
