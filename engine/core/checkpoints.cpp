// Checkpoints: the places where a task lets others run and where Cancelled can arrive.
// Trio: _core/_run.py checkpoint(), _timeouts.py sleep / sleep_until / sleep_forever.
#include <cmath>

#include "core/runner_impl.hpp"

namespace trio {

namespace {

void emit_for_current(EventKind kind, double until = 0) {
  Runner& r = runner();
  Event e;
  e.kind = kind;
  e.task = current_task().id;
  e.until = until;
  r.emit(e);
}

// A Cancelled that a hidden scope let through (its parent is cancelled too) becomes the
// program's business here: record where it came from, once.
void note_cancel_leaving_hidden_scope(const Exc& e) {
  if (!is_cancelled(*e) || e->raised_event >= 0) return;
  Runner& r = runner();
  Task& t = current_task();
  CancelScope* origin = cancel_origin(t.cancel_status);
  Event ev;
  ev.kind = EventKind::cancel_delivered;
  ev.task = t.id;
  ev.scope = origin ? origin->id() : -1;
  ev.exc = r.record_exc(e);
  ev.cause = origin ? origin->cancel_event() : t.wake_event;
  e->origin_scope = ev.scope;
  e->raised_event = r.emit(ev);
}

}  // namespace

Async<void> cancel_shielded_checkpoint() {
  emit_for_current(EventKind::schedule_point);
  co_await YieldToScheduler{};
}

Async<void> checkpoint() {
  // The schedule point comes first: the scheduler is what turns expired deadlines into
  // cancellations, so the cancel point then sees the most up-to-date state.
  co_await cancel_shielded_checkpoint();
  Task& t = current_task();
  if (!t.cancel_status || !t.cancel_status->effectively_cancelled) co_return;
  // Already cancelled: block in a scope that is cancelled from the start, so the abort
  // succeeds right away and Cancelled arrives one batch later. That scope sees its
  // parent's cancellation, so the Cancelled carries the reason of the scope that really
  // cancelled us, and it is that scope (or an outer one) that catches it.
  CancelScope already(hidden_scope(-inf));
  already.adopt_reason(t.cancel_status->scope->cancel_reason());
  already.enter();
  Exc error = co_await WaitTaskRescheduled{abort_succeeded, "is at a checkpoint"};
  Exc rest = already.close(error);
  if (rest) {
    note_cancel_leaving_hidden_scope(rest);
    throw Error(rest);
  }
}

Async<void> sleep(double seconds) {
  if (seconds < 0) raise(make_exc("ValueError", "`seconds` must be non-negative"));
  if (std::isnan(seconds)) raise(make_exc("ValueError", "`seconds` must not be NaN"));
  if (seconds == 0) {
    co_await checkpoint();
    co_return;
  }
  // `with move_on_at(now + seconds): await sleep_forever()`, in this frame: a Cancelled
  // that leaves it then crosses one coroutine frame fewer (each crossing is a C++ rethrow).
  const double deadline = current_time() + seconds;
  CancelScope timer(hidden_scope(deadline));
  timer.enter();
  emit_for_current(EventKind::sleeping, deadline);
  Exc error = co_await WaitTaskRescheduled{abort_succeeded, "sleeps"};
  Exc rest = timer.close(error);
  if (rest == timer_fired()) {
    // The timer fired, but an enclosing scope was cancelled before we ran again: the
    // Cancelled is the program's now (trio-semantics.md 6.8), so make it a real one.
    // Trio made it when the timer fired, from the timer's own reason: a deadline.
    rest = make_cancelled(CancelSource::deadline);
  }
  if (rest) {
    note_cancel_leaving_hidden_scope(rest);
    throw Error(rest);
  }
}

Async<void> sleep_forever() {
  emit_for_current(EventKind::sleeping, inf);
  Exc woken_by = co_await WaitTaskRescheduled{abort_succeeded, "sleeps forever"};
  if (woken_by) throw Error(woken_by);
  raise(make_exc("RuntimeError", "Should never have been rescheduled!"));
}

}  // namespace trio
