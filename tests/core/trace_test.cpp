// The trace is what the app animates: these tests pin down the causal links it draws
// (cancellation travelling down, exceptions travelling up) on the article's program.
#include <gtest/gtest.h>

#include "core/runner.hpp"

using trio::Async;
using trio::Event;
using trio::EventKind;

namespace {

Async<void> well_behaved() { co_await trio::sleep(3); }
Async<void> problematic() {
  co_await trio::sleep(1);
  trio::raise(trio::make_exc("ValueError", "Oops, I tripped!"));
}

trio::RunResult article_run() {
  return trio::run([]() -> Async<void> {
    co_await trio::open_nursery([](trio::Nursery& n) -> Async<void> {
      n.start_soon(well_behaved(), "child('Well-behaved', 3)");
      n.start_soon(problematic(), "problematic_child()");
      co_return;
    });
  });
}

// An event of the trace and where it is (the trace hands events out by value).
struct Found {
  std::int32_t index = -1;
  Event e;
  explicit operator bool() const { return index >= 0; }
  const Event* operator->() const { return &e; }
  const Event& operator*() const { return e; }
};

Found find(const trio::Trace& t, EventKind k, int task = -2) {
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const Event e = t.events[i];
    if (e.kind == k && (task == -2 || e.task == task)) return {std::int32_t(i), e};
  }
  return {};
}

TEST(Trace, ErrorTravelsUpAndCancellationTravelsDown) {
  auto r = article_run();
  const trio::Trace& t = r.trace;
  ASSERT_EQ(t.tasks.size(), 3u);
  EXPECT_EQ(t.tasks[0].label, "main");
  EXPECT_EQ(t.tasks[1].label, "child('Well-behaved', 3)");

  // problematic_child raises; its task finishes with that error, caused by the raise.
  const Found raised = find(t, EventKind::raised, 2);
  ASSERT_TRUE(raised);
  const Found finished = find(t, EventKind::task_finished, 2);
  ASSERT_TRUE(finished && finished->exc == raised->exc);
  EXPECT_EQ(finished->cause, raised.index);

  // The error arrives in the nursery, which cancels its scope because of it.
  const Found arrived = find(t, EventKind::exception_to_nursery);
  ASSERT_TRUE(arrived);
  EXPECT_EQ(arrived->cause, finished.index);
  const Found cancelled = find(t, EventKind::scope_cancelled);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->cause, arrived.index);
  EXPECT_EQ(cancelled->flag, std::uint8_t(trio::CancelSource::nursery));

  // The sibling is woken with Cancelled by that cancellation and gets it at its checkpoint.
  Found woken;
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (const Event e = t.events[i]; e.kind == EventKind::woken && e.task == 1 && e.exc >= 0) woken = {std::int32_t(i), e};
  ASSERT_TRUE(woken);
  EXPECT_EQ(woken->cause, cancelled.index);
  const Found delivered = find(t, EventKind::cancel_delivered, 1);
  ASSERT_TRUE(delivered);
  EXPECT_EQ(delivered->cause, woken.index);
  EXPECT_EQ(delivered->scope, cancelled->scope);
  EXPECT_DOUBLE_EQ(delivered->time, 1.0);

  // The parent waited for both children. The group forms with the sibling's Cancelled in
  // it; the nursery's own scope, which owns that cancellation, takes the Cancelled out, and
  // what is left is re-raised at `async with` (trio-semantics.md 7.3).
  const Found waiting = find(t, EventKind::nursery_waiting, 0);
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->count, 2);
  const Found formed = find(t, EventKind::group_formed);
  ASSERT_TRUE(formed);
  EXPECT_EQ(trio::canonical(*t.exception(*formed)), "BaseExceptionGroup[Cancelled, ValueError('Oops, I tripped!')]");
  const Found caught = find(t, EventKind::scope_caught_cancelled, 0);
  ASSERT_TRUE(caught);
  EXPECT_EQ(caught->scope, cancelled->scope);
  const Found reraised = find(t, EventKind::nursery_reraise, 0);
  ASSERT_TRUE(reraised);
  EXPECT_EQ(trio::canonical(*t.exception(*reraised)), "ExceptionGroup[ValueError('Oops, I tripped!')]");
  EXPECT_EQ(t.events.back().kind, EventKind::run_finished);
}

TEST(Trace, TimerWakeIsNotACancellation) {
  auto r = article_run();
  int timer_wakes = 0;
  for (const Event& e : r.trace.events)
    if (e.kind == EventKind::woken && e.flag == 1) {
      ++timer_wakes;
      EXPECT_EQ(e.exc, -1);
    }
  EXPECT_EQ(timer_wakes, 1);  // problematic_child's sleep(1); the other sleep is cancelled
}

TEST(Trace, EventsAreInTimeOrder) {
  auto r = article_run();
  for (std::size_t i = 1; i < r.trace.events.size(); ++i)
    EXPECT_LE(r.trace.events[i - 1].time, r.trace.events[i].time);
}

}  // namespace
