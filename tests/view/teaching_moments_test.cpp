// The moments a lesson is about, read the way a class reads them: why an except clause lets
// a group pass, a sleeper woken late by a blocked loop, the checkpoint a Cancelled arrives
// at as the code spells it, what the scheduler does when no task is left.
//
// The traces follow real Trio's runs of the article's programs (conformance p02/p03/p05):
// with strict_exception_groups=True, `except ValueError` around the nursery does not catch
// the ExceptionGroup and it leaves trio.run; a time.sleep(10) in one task makes a sibling's
// trio.sleep(1) wake at t = 10.
//
// [SECTION] Except clauses and the handlers around a line
// [SECTION] Strict groups: why `except ValueError` lets the group pass
// [SECTION] A sleeper woken late by a blocked loop
// [SECTION] Checkpoints as the code spells them; what the scheduler does next
// [SECTION] Keeping the step's part of the tree in view
#include <gtest/gtest.h>

#include "trace_builder.hpp"
#include "view/caption.hpp"
#include "view/except_clause.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {
namespace {

using testing::Resilient;
using testing::TraceBuilder;
using K = trio::EventKind;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
  const SourceBlocks blocks(testing::kResilientListing);
  // The async with (14) and its body (15, 16) are in the try body; the handler is line 17.
  EXPECT_EQ(blocks.handlers_around(14), std::vector<std::uint32_t>{17});
  EXPECT_EQ(blocks.handlers_around(16), std::vector<std::uint32_t>{17});
  // Inside the handler itself, or outside any try: nothing catches it in this function.
  EXPECT_TRUE(blocks.handlers_around(18).empty());
  EXPECT_TRUE(blocks.handlers_around(10).empty());

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
  const SourceBlocks blocks(testing::kResilientListing);
  const std::string reraise = caption_at(r.b.t, r.reraise, &blocks);
  EXPECT_TRUE(has(reraise, "is raised out of the async with block in resilient_parent (line 14).")) << reraise;
  EXPECT_TRUE(has(reraise, "`except ValueError` (line 17) does not match")) << reraise;
  EXPECT_TRUE(has(reraise, "`except* ValueError` would catch it")) << reraise;
  EXPECT_FALSE(has(reraise, "catches it next")) << reraise;

  const std::string end = caption_at(r.b.t, r.run_end, &blocks);
  EXPECT_TRUE(has(end, "trio.run raises ExceptionGroup(")) << end;
  EXPECT_TRUE(has(end, "`except ValueError` (line 17) does not match")) << end;
  EXPECT_TRUE(has(end, "`except* ValueError` would catch it")) << end;
}

// Loose groups (older Trio): the bare ValueError comes out and the handler catches it.
TEST(TeachingMoments, TheLooseErrorIsCaughtByTheClauseTheListingShows) {
  Resilient r(/*strict=*/false);
  const SourceBlocks blocks(testing::kResilientListing);
  const std::string reraise = caption_at(r.b.t, r.reraise, &blocks);
  EXPECT_TRUE(has(reraise, "`except ValueError` (line 17) catches it next.")) << reraise;
}

// Lesson 10's shape (a move_on_after around a nursery): the nursery re-raises its
// children's Cancelled, and it is the timeout's scope, not an except clause, that stops it.
TEST(TeachingMoments, ACancelledGroupIsAbsorbedByTheScopeAroundIt) {
  TraceBuilder b;
  const int main = b.task("main");
  const int timeout = b.scope(trio::ScopeKind::move_on_after, main, "timeout", 2);
  const int n = b.nursery(main, true);
  const trio::Exc cancelled = trio::make_cancelled(trio::CancelSource::deadline);
  const int group = b.exc(trio::make_group("Exceptions from Trio nursery", {cancelled}));
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::scope_entered, main, 2).scope = timeout;
  b.open(n, 3);
  auto& rr = b.add(K::nursery_reraise, main, 3);
  rr.nursery = n;
  rr.exc = group;
  const int reraise = b.last();
  b.add(K::scope_caught_cancelled, main, 2).scope = timeout;
  const std::string c = caption_at(b.t, reraise);
  EXPECT_TRUE(has(c, "The scope trio.move_on_after(2) as timeout around it absorbs it next")) << c;
  EXPECT_FALSE(has(c, "keeps going up")) << c;
}

// The nursery closes while its errors are leaving: it must not say the parent goes on
// after the block. The engine records nursery_closed, carrying what leaves, before the
// re-raise.
TEST(TeachingMoments, TheNurseryClosesWhileItsErrorsLeave) {
  Resilient r(/*strict=*/true);
  auto& ev = r.b.t.events;
  const int group_exc = ev[r.reraise].exc;
  ev[r.closed].exc = group_exc;
  std::swap(ev[r.reraise], ev[r.closed]);  // closed first, then the re-raise
  const int closed = r.reraise;
  const std::string c = caption_at(r.b.t, closed);
  EXPECT_TRUE(has(c, "resilient_parent's nursery is closed")) << c;
  EXPECT_TRUE(has(c, "Its errors leave the async with block in resilient_parent as ExceptionGroup(")) << c;
  EXPECT_FALSE(has(c, "continues after the async with block")) << c;
  // The nursery's scope is left with the group, not with nothing.
  Playback pb(r.b.t);
  const Snapshot& s = pb.seek(closed);
  EXPECT_EQ(s.scopes[r.b.t.nurseries[r.nursery].scope].exit_exc, group_exc);
}

// ---- [SECTION] A sleeper woken late by a blocked loop --------------------------------------------

struct BlockedLoop {
  TraceBuilder b;
  int main, bad, child, blocked, unblocked, woken;
  BlockedLoop() {
    main = b.task("main");
    const int n = b.nursery(main, true);
    child = b.task("problematic_child()", n);
    bad = b.task("uncancellable_bad_task()", n);
    b.add(K::run_started, main);
    b.step(main, 1, true);
    b.open(n);
    b.spawn(child, n);
    b.spawn(bad, n);
    b.add(K::nursery_waiting, main).nursery = n;
    b.end_step(main);
    b.step(child, 2, true);
    b.sleep(child, 1);
    b.end_step(child);
    b.step(bad, 2, true);
    b.add(K::blocking_started, bad).until = 10;
    blocked = b.last();
    b.now = 10;
    b.add(K::blocking_ended, bad);
    unblocked = b.last();
    b.sleep(bad, 5);
    b.end_step(bad);
    b.add(K::woken, child);
    woken = b.last();
  }
};

TEST(TeachingMoments, ASleeperWokenLateSaysTheLoopWasBlocked) {
  BlockedLoop l;
  const std::string c = caption_at(l.b.t, l.woken);
  EXPECT_TRUE(has(c, "sleep was due at t = 1.0")) << c;
  EXPECT_TRUE(has(c, "9.0 s late")) << c;
  EXPECT_TRUE(has(c, "time.sleep in uncancellable_bad_task() blocked the loop")) << c;

  // The tree: while the loop is blocked the sleep is not yet due; once time has passed its
  // deadline, the box says it is overdue instead of "sleeping until t = 1.0".
  Playback pb(l.b.t);
  const TreeLayout during = layout_tree(l.b.t, pb.seek(l.blocked), approximate_metrics(18), {.playback = &pb});
  ASSERT_TRUE(during.find(BoxKind::task, l.child));
  EXPECT_EQ(during.find(BoxKind::task, l.child)->detail, "\xE2\x98\xBE sleeping until t = 1.0");
  const TreeLayout after = layout_tree(l.b.t, pb.seek(l.unblocked), approximate_metrics(18), {.playback = &pb});
  ASSERT_TRUE(after.find(BoxKind::task, l.child));
  const std::string detail = after.find(BoxKind::task, l.child)->detail;
  EXPECT_TRUE(has(detail, "sleep was due at t = 1.0")) << detail;
  EXPECT_TRUE(has(detail, "overdue: the loop was blocked")) << detail;
}

TEST(TeachingMoments, TheTimelineMarksTheDeadlineThatPassedWhileBlocked) {
  BlockedLoop l;
  const TimelineLayout t = build_timeline(l.b.t);
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
  EXPECT_TRUE(build_timeline(r.b.t).overdue.empty());
  int woken = -1;
  for (int i = 0; i < static_cast<int>(r.b.t.events.size()); ++i)
    if (r.b.t.events[i].kind == K::woken && r.b.t.events[i].task == r.problem) woken = i;
  ASSERT_GE(woken, 0);
  const std::string c = caption_at(r.b.t, woken);
  EXPECT_EQ(c, "problematic_child()'s sleep is over at t = 1.0: it is runnable again.");
}

// ---- [SECTION] Checkpoints as the code spells them; what the scheduler does next -----------------

TEST(TeachingMoments, CancelledArrivesAtTheCheckpointTheCodeShows) {
  // A worker loop that yields with `await trio.sleep(0)` (line 4) and is cancelled there.
  const SourceBlocks blocks(
      "async def worker():\n"
      "    for i in range(10):\n"
      "        time.sleep(0.4)\n"
      "        await trio.sleep(0)\n");
  TraceBuilder b;
  const int main = b.task("worker()");
  const int scope = b.scope(trio::ScopeKind::cancel_scope, main, "cs");
  const int cancelled = b.exc(trio::make_cancelled(trio::CancelSource::explicit_));
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::scope_entered, main, 2).scope = scope;
  b.add(K::schedule_point, main, 4);
  auto& sc = b.add(K::scope_cancelled, main, 4);
  sc.scope = scope;
  sc.flag = static_cast<std::uint8_t>(trio::CancelSource::explicit_);
  b.end_step(main);
  b.step(main, 2);
  auto& d = b.add(K::cancel_delivered, main, 4);
  d.scope = scope;
  d.exc = cancelled;
  const std::string with_code = caption_at(b.t, b.last(), &blocks);
  EXPECT_TRUE(has(with_code, "gets Cancelled at its checkpoint, `await trio.sleep(0)` (line 4).")) << with_code;
  EXPECT_FALSE(has(with_code, "trio.lowlevel.checkpoint")) << with_code;
}

TEST(TeachingMoments, AfterTheLastTaskNoOtherTaskIsPromised) {
  Resilient r;
  const auto& ev = r.b.t.events;
  // The parent's last step_ended: no task is left.
  int last_end = -1;
  for (int i = 0; i < static_cast<int>(ev.size()); ++i)
    if (ev[i].kind == K::step_ended) last_end = i;
  const std::string end = caption_at(r.b.t, last_end);
  EXPECT_FALSE(has(end, "next runnable task")) << end;
  EXPECT_TRUE(has(end, "no task is left")) << end;
  // Both children asleep, the parent waiting: nothing is runnable until a deadline.
  int both_asleep = -1;
  for (int i = r.sleeping_well; i < static_cast<int>(ev.size()); ++i)
    if (ev[i].kind == K::step_ended && ev[i].task == r.problem) {
      both_asleep = i;
      break;
    }
  const std::string asleep = caption_at(r.b.t, both_asleep);
  EXPECT_TRUE(has(asleep, "has no runnable task now: it waits for the next deadline")) << asleep;
  // While another task is runnable, the scheduler does move on to it.
  ASSERT_EQ(ev[r.sleeping_well + 1].kind, K::step_ended);
  const std::string well_asleep = caption_at(r.b.t, r.sleeping_well + 1);
  EXPECT_TRUE(has(well_asleep, "which runs the next runnable task")) << well_asleep;
}

TEST(TeachingMoments, ABudgetStopNamesTheStepItStoppedAt) {
  TraceBuilder b;
  const int main = b.task("main");
  b.t.strings.push_back("the run was stopped after 5000 events (the event budget); is there a loop that never ends?");
  b.add(K::run_started, main);
  b.step(main, 1, true);
  for (int i = 0; i < 40; ++i) b.add(K::schedule_point, main);
  b.add(K::budget_exhausted).text = 0;
  const std::string c = caption_at(b.t, b.last());
  EXPECT_TRUE(has(c, "stopped at step 42")) << c;
  EXPECT_FALSE(has(c, "5000")) << c;  // one count, the one the screen shows
  EXPECT_EQ(c.find("stopped"), c.rfind("stopped")) << c;  // said once
}

// ---- [SECTION] Keeping the step's part of the tree in view ---------------------------------------

TEST(TeachingMoments, TheFocusOfAGroupStepIsTheGroupChip) {
  Resilient r(/*strict=*/true);
  Playback pb(r.b.t);
  const TreeLayout tl = layout_tree(r.b.t, pb.seek(r.group), approximate_metrics(18), {.max_width = 300, .playback = &pb});
  const TreeBox* n = tl.find(BoxKind::nursery, r.nursery);
  ASSERT_TRUE(n);
  ASSERT_FALSE(n->chips.empty());
  const FocusRect f = focus_of(tl, r.b.t, r.group);
  ASSERT_TRUE(f.valid);
  // The last chip (the group) lies inside the focus rect.
  const float gy = n->y + n->chip_y.back();
  EXPECT_GE(gy, f.y0);
  EXPECT_LE(gy + 18 * kChipHeight, f.y1 + 0.01f);
  // A task's step focuses its own box.
  const TreeLayout at_raise = layout_tree(r.b.t, pb.seek(r.raised), approximate_metrics(18), {.playback = &pb});
  const FocusRect g = focus_of(at_raise, r.b.t, r.raised);
  const TreeBox* problem = at_raise.find(BoxKind::task, r.problem);
  ASSERT_TRUE(g.valid && problem);
  EXPECT_FLOAT_EQ(g.y0, problem->y);
  EXPECT_FALSE(focus_of(at_raise, r.b.t, -1).valid);
}

// A title is drawn in bold while its task runs: the box is measured for bold.
TEST(TeachingMoments, ARunningTasksTitleFitsItsBox) {
  Resilient r;
  Playback pb(r.b.t);
  TextMetrics m = approximate_metrics(18);
  m.bold_width = [](std::string_view s) { return 0.75f * 18 * static_cast<float>(s.size()); };
  const TreeLayout tl = layout_tree(r.b.t, pb.seek(3), m, {.playback = &pb});
  const TreeBox* parent = tl.find(BoxKind::task, r.parent);
  ASSERT_TRUE(parent);
  EXPECT_GT(parent->w, m.bold_width(parent->title));
}

}  // namespace
}  // namespace trioscope::view
