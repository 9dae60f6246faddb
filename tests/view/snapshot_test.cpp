// The state of tasks, nurseries and scopes at a step, rebuilt from the trace.
#include <gtest/gtest.h>

#include "engine_run.hpp"
#include "view/playback.hpp"
#include "view/snapshot.hpp"

namespace trioscope::view {
namespace {

using testing::EngineRun;
using testing::Resilient;
using K = trio::EventKind;

Snapshot state_at(const trio::Trace& t, int step, const SourceBlocks* blocks = nullptr) {
  Snapshot s = initial_snapshot(t);
  while (s.step < step) apply_next(s, t, blocks);
  return s;
}

TEST(Snapshot, ChildrenSleepWhileTheParentWaitsAtTheNursery) {
  Resilient r;
  const Snapshot s = state_at(r.trace(), r.sleeping_well);
  EXPECT_EQ(s.tasks[r.well].phase, TaskPhase::sleeping);
  EXPECT_DOUBLE_EQ(s.tasks[r.well].until, 3.0);
  EXPECT_EQ(s.tasks[r.well].line, r.sleep_line);
  EXPECT_EQ(display_state(s, r.problem), DisplayState::runnable);  // spawned, not run yet
  EXPECT_EQ(display_state(s, r.parent), DisplayState::waiting_children);
  EXPECT_EQ(s.tasks[r.parent].count, 2);
  EXPECT_EQ(s.nurseries[r.nursery].status, NurseryStatus::open);
  // The spawn line belongs to the parent that ran start_soon, not to the new child.
  EXPECT_EQ(state_at(r.trace(), r.spawned_well).tasks[r.parent].line, r.line_of("nursery.start_soon(child"));
  EXPECT_EQ(state_at(r.trace(), r.spawned_well).tasks[r.well].line, 0u);
}

TEST(Snapshot, TheRunningTaskIsRunning) {
  Resilient r;
  const Snapshot s = state_at(r.trace(), r.spawned_well);
  EXPECT_EQ(s.running, r.parent);
  EXPECT_EQ(display_state(s, r.parent), DisplayState::running);
}

TEST(Snapshot, AChildErrorMakesItsSiblingCancelPendingButNotTheWaitingParent) {
  Resilient r;
  const Snapshot before = state_at(r.trace(), r.cancelled_scope - 1);
  const Snapshot after = state_at(r.trace(), r.cancelled_scope);
  EXPECT_FALSE(before.tasks[r.well].cancel_pending);
  EXPECT_TRUE(after.tasks[r.well].cancel_pending);
  EXPECT_EQ(display_state(after, r.well), DisplayState::cancel_pending);
  EXPECT_EQ(display_state(after, r.problem), DisplayState::crashed);
  // Waiting at the end of its own nursery is not a cancel point (Trio >= 0.23).
  EXPECT_FALSE(after.tasks[r.parent].cancel_pending);
  EXPECT_EQ(display_state(after, r.parent), DisplayState::waiting_children);
  EXPECT_TRUE(after.scopes[r.trace().nurseries[r.nursery].scope].cancelled);
}

TEST(Snapshot, DeliveredCancelledUnwindsThenEndsTheTask) {
  Resilient r;
  const Snapshot d = state_at(r.trace(), r.delivered);
  EXPECT_EQ(display_state(d, r.well), DisplayState::raising);
  EXPECT_FALSE(d.tasks[r.well].cancel_pending);  // the Cancelled is already on its way
  const Snapshot f = state_at(r.trace(), r.well_finished);
  EXPECT_EQ(display_state(f, r.well), DisplayState::cancelled);
}

TEST(Snapshot, NurseryCollectsErrorsAndReraisesInTheParent) {
  Resilient r;
  const Snapshot g = state_at(r.trace(), r.group);
  EXPECT_EQ(g.nurseries[r.nursery].errors, 2);  // the ValueError and the sibling's Cancelled
  // Both are gathered in a (loose) group; what comes out is decided at the nursery's scope.
  const std::int32_t group = g.nurseries[r.nursery].group_exc;
  ASSERT_GE(group, 0);
  ASSERT_TRUE(r.trace().exceptions[group]->is_group());
  EXPECT_EQ(r.trace().exceptions[group]->exceptions.size(), 2u);
  // The nursery closes with the bare ValueError leaving its scope; the parent no longer
  // stands in it.
  const Snapshot c = state_at(r.trace(), r.closed);
  EXPECT_EQ(c.nurseries[r.nursery].status, NurseryStatus::closed);
  EXPECT_EQ(c.scopes[r.nursery_scope(r.nursery)].exit_exc, r.value_error);
  EXPECT_EQ(c.tasks[r.parent].scope, -1);  // the nursery's scope is gone
  // Then it is raised out of the `async with` in the parent.
  const Snapshot rr = state_at(r.trace(), r.reraise);
  EXPECT_EQ(display_state(rr, r.parent), DisplayState::raising);
  EXPECT_EQ(rr.tasks[r.parent].live_exc, r.value_error);
}

TEST(Snapshot, HandlingLastsWhileTheTaskIsInsideItsExceptBlock) {
  const EngineRun r(R"({"version": 1, "functions": {"resilient_parent": {"body": [
      {"try": [{"raise": "ValueError", "message": "x"}],
       "except": [{"type": "ValueError", "body": [{"print": "caught"}, {"sleep": 1}]}]},
      {"checkpoint": true}]}}, "main": "resilient_parent"})");
  const SourceBlocks blocks(r.listing);
  const int main = r.task("resilient_parent");
  const int entered = r.find(K::handler_entered);
  const int printed = r.find(K::print);
  const int asleep = r.find(K::sleeping);                 // the sleep inside the except block
  const int after = r.find(K::schedule_point);           // the checkpoint after it
  const std::int32_t err = r.trace().events[r.find(K::raised)].exc;

  const Snapshot s = state_at(r.trace(), entered, &blocks);
  EXPECT_EQ(s.tasks[main].handled_exc, err);
  EXPECT_EQ(s.tasks[main].live_exc, -1);  // caught: no longer unwinding
  EXPECT_EQ(state_at(r.trace(), printed, &blocks).tasks[main].handled_exc, err);
  EXPECT_EQ(state_at(r.trace(), after, &blocks).tasks[main].handled_exc, -1);
  // Without the listing the view cannot tell, and keeps showing the handler.
  EXPECT_EQ(state_at(r.trace(), after).tasks[main].handled_exc, err);
  // While the task runs, "running" is what it shows; once it waits inside the handler,
  // "handling" is.
  EXPECT_EQ(display_state(state_at(r.trace(), printed, &blocks), main), DisplayState::running);
  EXPECT_EQ(display_state(state_at(r.trace(), asleep, &blocks), main), DisplayState::handling);
}

TEST(Snapshot, StrictModeEndsTheRunWithTheGroup) {
  Resilient r(/*strict=*/true);
  const Snapshot s = state_at(r.trace(), r.run_end);
  EXPECT_EQ(s.run, RunStatus::raised);
  EXPECT_EQ(display_state(s, r.parent), DisplayState::crashed);
  ASSERT_GE(s.run_exc, 0);
  EXPECT_TRUE(r.trace().exceptions[s.run_exc]->is_group());
}

// A shielded cleanup inside a cancelled nursery is not reached by the cancellation
// (trio-semantics.md 6.2, 7.1).
TEST(Snapshot, AShieldStopsTheCancellation) {
  const EngineRun r(R"({"version": 1, "functions": {
      "server": {"params": ["port"], "body": [
        {"cancel_scope": "s", "shield": true, "body": [{"sleep": 0.25}]}, {"sleep": 1}]},
      "child": {"params": ["name", "t"], "body": [{"sleep": "$t"}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [
        {"start_soon": "server", "args": [8080]}, {"start_soon": "child", "args": ["B", 1]},
        {"checkpoint": true}, {"cancel": "$nursery"}]}]}},
    "main": "main"})");
  const int main = r.task("main");
  const int server = r.task("server(8080)");
  const int other = r.task("child('B', 1)");
  const int n = r.nursery_scope(0);
  const int cancel = r.find(K::scope_cancelled);
  ASSERT_EQ(r.trace().events[cancel].scope, n);
  const Snapshot s = state_at(r.trace(), cancel);
  ASSERT_EQ(s.tasks[server].phase, TaskPhase::sleeping);  // inside its shield
  EXPECT_FALSE(s.tasks[server].cancel_pending);
  EXPECT_TRUE(s.tasks[other].cancel_pending);
  EXPECT_TRUE(s.tasks[main].cancel_pending);  // the running body inside the cancelled nursery
  EXPECT_EQ(tasks_covered_by(s, r.trace(), n), (std::vector<std::int32_t>{main, other}));
  // Leaving the shield exposes the task to the cancellation again.
  const int left = r.find(K::scope_exited, server);
  ASSERT_EQ(r.trace().events[left].scope, r.scope(trio::ScopeKind::cancel_scope, "s"));
  EXPECT_FALSE(state_at(r.trace(), left - 1).tasks[server].cancel_pending);
  EXPECT_TRUE(state_at(r.trace(), left).tasks[server].cancel_pending);
}

// nursery.start(): the task lives in a hidden nursery in the caller until started(), then
// in the target nursery; a cancellation of the target reaches it only after the move.
TEST(Snapshot, StartedTaskMovesToItsNewNursery) {
  const EngineRun r(R"({"version": 1, "functions": {
      "server": {"params": ["port"], "body": [{"started": "$port"}, {"sleep_forever": true}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [
        {"start": "server", "args": [8080], "as": "port"}, {"cancel": "$nursery"}]}]}},
    "main": "main"})");
  const int main = r.task("main");
  const int server = r.task("server(8080)");
  const int outer = r.trace().events[r.find(K::nursery_opened)].nursery;
  const int hidden = r.trace().tasks[server].nursery;
  ASSERT_NE(hidden, outer);
  ASSERT_TRUE(r.trace().nurseries[hidden].for_start);
  const int waiting = r.find(K::start_waiting);
  const Snapshot w = state_at(r.trace(), waiting);
  EXPECT_EQ(w.tasks[server].nursery, hidden);
  EXPECT_EQ(task_scope(w, r.trace(), server), r.nursery_scope(hidden));
  const Snapshot s = state_at(r.trace(), r.find(K::task_started));
  EXPECT_EQ(s.tasks[server].nursery, outer);
  EXPECT_EQ(display_state(s, main), DisplayState::waiting_start);
  EXPECT_EQ(task_scope(s, r.trace(), server), r.nursery_scope(outer));
}

TEST(Snapshot, BlockingFreezesTheLoopUntilItEnds) {
  const EngineRun r(R"({"version": 1, "functions": {"main": {"body": [{"block": 10}]}}, "main": "main"})");
  const int main = r.task("main");
  EXPECT_EQ(display_state(state_at(r.trace(), r.find(K::blocking_started)), main), DisplayState::blocking);
  const Snapshot after = state_at(r.trace(), r.find(K::blocking_ended));
  EXPECT_EQ(display_state(after, main), DisplayState::running);
  EXPECT_DOUBLE_EQ(after.time, 10.0);
}

TEST(SourceBlocks, BlocksFollowIndentation) {
  const Resilient r;
  const SourceBlocks blocks(r.listing);
  const std::uint32_t except = r.except_line, with = r.async_with_line;
  const std::uint32_t handler_print = r.line_of("print(f\"The parent caught");
  const std::uint32_t second_spawn = r.line_of("nursery.start_soon(problematic_child)");
  const std::uint32_t print = r.line_of("print(f\"Child {name} is going");
  EXPECT_EQ(blocks.block_end(except), handler_print);           // except ValueError as e:
  EXPECT_EQ(blocks.block_end(with), second_spawn);              // async with ...
  EXPECT_EQ(blocks.block_end(r.line_of("try:")), second_spawn);  // try:
  EXPECT_EQ(blocks.block_end(r.line_of("async def resilient_parent")), handler_print);
  EXPECT_EQ(blocks.block_end(print), print);                    // a plain statement
  EXPECT_TRUE(blocks.inside(except, handler_print));
  EXPECT_FALSE(blocks.inside(except, r.line_of("trio.run(")));
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
  const EngineRun r(R"({"version": 1, "functions": {"careful_worker": {"body": [
      {"move_on_after": 1, "body": [{"try": [{"sleep": 10}], "finally": [
        {"cancel_scope": "cleanup", "shield": true, "body": [{"sleep": 1}]}]}]}]}},
    "main": "careful_worker"})");
  const int main = r.task("careful_worker");
  const int delivered = r.find(K::cancel_delivered);
  const std::int32_t c = r.trace().events[delivered].exc;
  EXPECT_EQ(display_state(state_at(r.trace(), delivered), main), DisplayState::raising);
  const Snapshot s = state_at(r.trace(), r.find(K::sleeping, main, delivered));
  EXPECT_EQ(display_state(s, main), DisplayState::sleeping);
  EXPECT_EQ(s.tasks[main].live_exc, c);
}

}  // namespace
}  // namespace trioscope::view
