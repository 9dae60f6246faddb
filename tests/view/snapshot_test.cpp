// The state of tasks, nurseries and scopes at a step, rebuilt from the trace.
#include <gtest/gtest.h>

#include "trace_builder.hpp"
#include "view/playback.hpp"
#include "view/snapshot.hpp"

namespace trioscope::view {
namespace {

using testing::Resilient;
using testing::TraceBuilder;
using K = trio::EventKind;

Snapshot state_at(const trio::Trace& t, int step, const SourceBlocks* blocks = nullptr) {
  Snapshot s = initial_snapshot(t);
  while (s.step < step) apply_next(s, t, blocks);
  return s;
}

TEST(Snapshot, ChildrenSleepWhileTheParentWaitsAtTheNursery) {
  Resilient r;
  const Snapshot s = state_at(r.b.t, r.sleeping_well);
  EXPECT_EQ(s.tasks[r.well].phase, TaskPhase::sleeping);
  EXPECT_DOUBLE_EQ(s.tasks[r.well].until, 3.0);
  EXPECT_EQ(s.tasks[r.well].line, 5u);
  EXPECT_EQ(display_state(s, r.problem), DisplayState::runnable);  // spawned, not run yet
  EXPECT_EQ(display_state(s, r.parent), DisplayState::waiting_children);
  EXPECT_EQ(s.tasks[r.parent].count, 2);
  EXPECT_EQ(s.nurseries[r.nursery].status, NurseryStatus::open);
  // The spawn line belongs to the parent that ran start_soon, not to the new child.
  EXPECT_EQ(state_at(r.b.t, r.spawned_well).tasks[r.parent].line, 15u);
  EXPECT_EQ(state_at(r.b.t, r.spawned_well).tasks[r.well].line, 0u);
}

TEST(Snapshot, TheRunningTaskIsRunning) {
  Resilient r;
  const Snapshot s = state_at(r.b.t, r.spawned_well);
  EXPECT_EQ(s.running, r.parent);
  EXPECT_EQ(display_state(s, r.parent), DisplayState::running);
}

TEST(Snapshot, AChildErrorMakesItsSiblingCancelPendingButNotTheWaitingParent) {
  Resilient r;
  const Snapshot before = state_at(r.b.t, r.cancelled_scope - 1);
  const Snapshot after = state_at(r.b.t, r.cancelled_scope);
  EXPECT_FALSE(before.tasks[r.well].cancel_pending);
  EXPECT_TRUE(after.tasks[r.well].cancel_pending);
  EXPECT_EQ(display_state(after, r.well), DisplayState::cancel_pending);
  EXPECT_EQ(display_state(after, r.problem), DisplayState::crashed);
  // Waiting at the end of its own nursery is not a cancel point (Trio >= 0.23).
  EXPECT_FALSE(after.tasks[r.parent].cancel_pending);
  EXPECT_EQ(display_state(after, r.parent), DisplayState::waiting_children);
  EXPECT_TRUE(after.scopes[r.b.t.nurseries[r.nursery].scope].cancelled);
}

TEST(Snapshot, DeliveredCancelledUnwindsThenEndsTheTask) {
  Resilient r;
  const Snapshot d = state_at(r.b.t, r.delivered);
  EXPECT_EQ(display_state(d, r.well), DisplayState::raising);
  EXPECT_FALSE(d.tasks[r.well].cancel_pending);  // the Cancelled is already on its way
  const Snapshot f = state_at(r.b.t, r.well_finished);
  EXPECT_EQ(display_state(f, r.well), DisplayState::cancelled);
}

TEST(Snapshot, NurseryCollectsErrorsAndReraisesInTheParent) {
  Resilient r;
  const Snapshot g = state_at(r.b.t, r.group);
  EXPECT_EQ(g.nurseries[r.nursery].errors, 2);  // the ValueError and the sibling's Cancelled
  EXPECT_EQ(g.nurseries[r.nursery].group_exc, r.value_error);
  const Snapshot rr = state_at(r.b.t, r.reraise);
  EXPECT_EQ(display_state(rr, r.parent), DisplayState::raising);
  const Snapshot c = state_at(r.b.t, r.closed);
  EXPECT_EQ(c.nurseries[r.nursery].status, NurseryStatus::closed);
  EXPECT_EQ(c.tasks[r.parent].scope, -1);  // the nursery's scope is gone
}

TEST(Snapshot, HandlingLastsWhileTheTaskIsInsideItsExceptBlock) {
  const SourceBlocks blocks(testing::kResilientListing);
  TraceBuilder b;
  const int main = b.task("resilient_parent");
  const int err = b.exc(trio::make_exc("ValueError", std::string("x")));
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::raised, main, 10).exc = err;
  b.add(K::handler_entered, main, 17).exc = err;
  const int entered = b.last();
  b.print(main, "caught", 18);
  const int printed = b.last();
  b.add(K::schedule_point, main, 20);  // the line after the except block
  const int after = b.last();

  const Snapshot s = state_at(b.t, entered, &blocks);
  EXPECT_EQ(s.tasks[main].handled_exc, err);
  EXPECT_EQ(s.tasks[main].live_exc, -1);  // caught: no longer unwinding
  EXPECT_EQ(state_at(b.t, printed, &blocks).tasks[main].handled_exc, err);
  EXPECT_EQ(state_at(b.t, after, &blocks).tasks[main].handled_exc, -1);
  // Without the listing the view cannot tell, and keeps showing the handler.
  EXPECT_EQ(state_at(b.t, after).tasks[main].handled_exc, err);
  // Once the task waits, "handling" is what it shows.
  b.end_step(main);
  Snapshot w = state_at(b.t, printed, &blocks);
  EXPECT_EQ(display_state(w, main), DisplayState::running);
}

TEST(Snapshot, StrictModeEndsTheRunWithTheGroup) {
  Resilient r(/*strict=*/true);
  const Snapshot s = state_at(r.b.t, r.run_end);
  EXPECT_EQ(s.run, RunStatus::raised);
  EXPECT_EQ(display_state(s, r.parent), DisplayState::crashed);
  ASSERT_GE(s.run_exc, 0);
  EXPECT_TRUE(r.b.t.exceptions[s.run_exc]->is_group());
}

// A shielded cleanup inside a cancelled nursery is not reached by the cancellation
// (trio-semantics.md 6.2, 7.1).
TEST(Snapshot, AShieldStopsTheCancellation) {
  TraceBuilder b;
  const int main = b.task("main");
  const int n = b.nursery(main, true);
  const int server = b.task("server(8080)", n);
  const int other = b.task("child('B', 1)", n);
  const int shield = b.scope(trio::ScopeKind::cancel_scope, server, "s", testing::kForever, true);
  b.add(K::run_started, main);
  b.spawn(main, -1);
  b.step(main, 1, true);
  b.open(n);
  b.spawn(server, n);
  b.spawn(other, n);
  b.end_step(main);
  b.step(server, 2, true);
  b.add(K::scope_entered, server).scope = shield;
  b.sleep(server, 0.25);
  b.end_step(server);
  b.step(other, 2, true);
  b.sleep(other, 1);
  b.end_step(other);
  auto& c = b.add(K::scope_cancelled);
  c.scope = b.t.nurseries[n].scope;
  c.flag = static_cast<std::uint8_t>(trio::CancelSource::explicit_);
  const Snapshot s = state_at(b.t, b.last());
  EXPECT_FALSE(s.tasks[server].cancel_pending);
  EXPECT_TRUE(s.tasks[other].cancel_pending);
  EXPECT_TRUE(s.tasks[main].cancel_pending);  // runnable body inside the cancelled nursery
  EXPECT_EQ(tasks_covered_by(s, b.t, b.t.nurseries[n].scope), (std::vector<std::int32_t>{main, other}));
  // Leaving the shield exposes the task to the cancellation again.
  b.step(server, 3);
  b.add(K::scope_exited, server).scope = shield;
  const Snapshot s2 = state_at(b.t, b.last());
  EXPECT_TRUE(s2.tasks[server].cancel_pending);
}

// nursery.start(): the task lives in a hidden nursery in the caller until started(), then
// in the target nursery; a cancellation of the target reaches it only after the move.
TEST(Snapshot, StartedTaskMovesToItsNewNursery) {
  TraceBuilder b;
  const int main = b.task("main");
  const int outer = b.nursery(main, true);
  const int hidden = b.nursery(main, true, "", true);
  const int server = b.task("server(8080)", hidden);
  b.add(K::run_started, main);
  b.spawn(main, -1);
  b.step(main, 1, true);
  b.open(outer);
  b.open(hidden);
  b.spawn(server, hidden);
  auto& w = b.add(K::start_waiting, main);
  w.count = server;
  b.end_step(main);
  b.step(server, 2, true);
  auto& st = b.add(K::task_started, server);
  st.nursery = outer;
  const Snapshot s = state_at(b.t, b.last());
  EXPECT_EQ(s.tasks[server].nursery, outer);
  EXPECT_EQ(display_state(s, main), DisplayState::waiting_start);
  EXPECT_EQ(task_scope(s, b.t, server), b.t.nurseries[outer].scope);
}

TEST(Snapshot, BlockingFreezesTheLoopUntilItEnds) {
  TraceBuilder b;
  const int main = b.task("main");
  b.add(K::run_started, main);
  b.step(main, 1, true);
  b.add(K::blocking_started, main).until = 10;
  EXPECT_EQ(display_state(state_at(b.t, b.last()), main), DisplayState::blocking);
  b.now = 10;
  b.add(K::blocking_ended, main);
  EXPECT_EQ(display_state(state_at(b.t, b.last()), main), DisplayState::running);
}

TEST(SourceBlocks, BlocksFollowIndentation) {
  const SourceBlocks blocks(testing::kResilientListing);
  EXPECT_EQ(blocks.block_end(17), 18u);  // except ValueError as e:
  EXPECT_EQ(blocks.block_end(14), 16u);  // async with ...
  EXPECT_EQ(blocks.block_end(13), 16u);  // try:
  EXPECT_EQ(blocks.block_end(12), 18u);  // async def resilient_parent():
  EXPECT_EQ(blocks.block_end(4), 4u);    // a plain statement
  EXPECT_TRUE(blocks.inside(17, 18));
  EXPECT_FALSE(blocks.inside(17, 20));
}

}  // namespace
}  // namespace trioscope::view

namespace trioscope::view {
namespace {

TEST(SourceBlocks, FinallyBlocksAreKnown) {
  const SourceBlocks b(
      "async def worker():\n    try:\n        await trio.sleep(10)\n    finally:\n"
      "        with trio.CancelScope(shield=True):\n            await trio.sleep(1)\n    print('after')\n");
  EXPECT_FALSE(b.in_finally(3));
  EXPECT_FALSE(b.in_finally(4));  // the header itself
  EXPECT_TRUE(b.in_finally(5));
  EXPECT_TRUE(b.in_finally(6));
  EXPECT_FALSE(b.in_finally(7));
}

// A finally block that sleeps: the task is shown sleeping, with the exception waiting.
TEST(Snapshot, ASuspendedFinallyShowsWhatItWaitsFor) {
  testing::TraceBuilder b;
  const int main = b.task("careful_worker()");
  const int c = b.exc(trio::make_cancelled(trio::CancelSource::deadline));
  b.add(trio::EventKind::run_started, main);
  b.step(main, 1, true);
  b.add(trio::EventKind::cancel_delivered, main, 3).exc = c;
  EXPECT_EQ(display_state(state_at(b.t, b.last()), main), DisplayState::raising);
  b.sleep(main, 1, 6);
  const Snapshot s = state_at(b.t, b.last());
  EXPECT_EQ(display_state(s, main), DisplayState::sleeping);
  EXPECT_EQ(s.tasks[main].live_exc, c);
}

}  // namespace
}  // namespace trioscope::view
