// The state of every task, nursery and cancel scope after one step of a recorded run.
//
// A snapshot is rebuilt from the trace, never from the engine: `apply` moves it forward by
// one event in O(1) (a scope_cancelled event is the exception: it visits the live tasks to
// find whom the cancellation reaches: the scopes and tasks that began after the cancelled
// scope, once each). Everything is flat arrays of small records indexed
// by the trace's ids, so copying a snapshot is a memcpy and Playback can keep one every K
// events to seek anywhere quickly.
//
// Which scope encloses which: a task's innermost scope is `TaskSnap::scope`; each scope
// remembers what was innermost in its task when it was entered (`ScopeSnap::outer`). Below
// a task's first scope comes the cancel scope of the nursery the task lives in, which
// belongs to the parent task, and so on up to the main task. Following the nursery rather
// than the recorded `ScopeInfo::parent` keeps this right for a task that nursery.start()
// moved to another nursery.
#pragma once

#include <cstdint>
#include <vector>

#include "core/trace.hpp"
#include "view/source_blocks.hpp"
#include "view/task_state.hpp"

namespace trioscope::view {

// The checkpoint a task is suspended in, or was last suspended in: where a Cancelled is
// delivered to it.
enum class WaitKind : std::uint8_t { none, sleep, sleep_forever, checkpoint, start, nursery_exit };

struct TaskSnap {
  double until = 0;              // sleeping / blocking: until when
  std::int32_t nursery = -1;     // the nursery the task lives in now
  std::int32_t scope = -1;       // its innermost open cancel scope (-1: none of its own)
  std::int32_t count = 0;        // waiting_children: how many; waiting_start: the child task
  std::int32_t live_exc = -1;    // an exception unwinding the task (raised, not yet handled)
  std::int32_t handled_exc = -1; // the exception an except block of the task is handling
  std::int32_t final_exc = -1;   // crashed / cancelled: what the task ended with
  std::int32_t woken_exc = -1;   // the exception it gets when it next runs (Cancelled)
  std::int32_t last_event = -1;  // the last event that concerned the task
  std::uint32_t line = 0;        // the Python listing line it is at (0: unknown)
  std::uint32_t handler_line = 0;  // the `except` line of handled_exc
  TaskPhase phase = TaskPhase::absent;
  WaitKind wait = WaitKind::none;
  // Its cancel scope (or an enclosing one not blocked by a shield) is cancelled and no
  // Cancelled is unwinding it yet: it will get Cancelled at its next checkpoint.
  bool cancel_pending = false;
};

enum class ScopeStatus : std::uint8_t { not_entered, open, exited };

struct ScopeSnap {
  std::int32_t outer = -1;         // the task's innermost scope when this one was entered
  // Tasks spawned before the scope was entered (ids below this), its own task apart, are
  // never inside it: nursery.start() moves a task only into a nursery that was open before
  // the task began. A cancellation then looks at the tasks from here on, not at every task.
  std::int32_t first_task = 0;
  std::int32_t cancel_event = -1;  // the scope_cancelled event
  std::int32_t exit_exc = -1;      // the exception that left it (-1: none or still open)
  ScopeStatus status = ScopeStatus::not_entered;
  bool cancelled = false;
  // While open: cancelled itself, or not shielded and inside an effectively cancelled scope
  // (kept up to date as scopes open, are cancelled and tasks move, so that asking costs one
  // look however deep the scopes nest).
  bool effective = false;
  bool caught = false;             // cancelled_caught
  trio::CancelSource source = trio::CancelSource::unknown;
};

enum class NurseryStatus : std::uint8_t { not_opened, open, closed };

struct NurserySnap {
  std::int32_t errors = 0;        // exceptions collected so far (exception_to_nursery)
  std::int32_t last_error = -1;   // the newest of them
  std::int32_t group_exc = -1;    // group_formed: what the errors were combined into
  std::int32_t waiting = 0;       // nursery_waiting: children the parent waits for
  NurseryStatus status = NurseryStatus::not_opened;
  bool parent_waiting = false;
};

enum class RunStatus : std::uint8_t { not_started, running, returned, raised, deadlock,
                                      budget_exhausted };

struct Snapshot {
  std::int32_t step = -1;     // the last event applied (-1: none yet)
  double time = 0;
  std::int32_t running = -1;  // the task whose step is executing (-1: the scheduler)
  std::int32_t batch = 0;     // step_started's batch number
  std::int32_t run_exc = -1;  // run_finished: what escaped trio.run
  std::int32_t spawned = 0;   // tasks spawned so far (they are numbered in spawn order)
  std::int32_t entered = 0;   // scopes entered so far (numbered in the order they are entered)
  RunStatus run = RunStatus::not_started;
  std::vector<TaskSnap> tasks;
  std::vector<ScopeSnap> scopes;
  std::vector<NurserySnap> nurseries;

  std::size_t bytes() const;
};

// The state before any event.
Snapshot initial_snapshot(const trio::Trace& trace);

// Applies trace.events[s.step + 1]. `blocks` (optional) lets it tell when a task leaves an
// except block; without it, "handling" ends only when the task raises, enters another
// handler or finishes.
void apply_next(Snapshot& s, const trio::Trace& trace, const SourceBlocks* blocks = nullptr);

// ---- questions about a snapshot ---------------------------------------------------------

// The scope just outside `scope`, following the nursery a task lives in (see above).
std::int32_t enclosing_scope(const Snapshot& s, const trio::Trace& trace, std::int32_t scope);
// The innermost scope that applies to `task`: its own, else its nursery's.
std::int32_t task_scope(const Snapshot& s, const trio::Trace& trace, std::int32_t task);
// Trio's rule: cancelled itself, or not shielded and inside an effectively cancelled scope.
bool effectively_cancelled(const Snapshot& s, const trio::Trace& trace, std::int32_t scope);
// The live tasks whose innermost scope chain reaches `scope` without crossing a shield:
// those that a cancellation of `scope` cancels. In id order.
std::vector<std::int32_t> tasks_covered_by(const Snapshot& s, const trio::Trace& trace,
                                           std::int32_t scope);
bool is_alive(const TaskSnap& t);

// What the task is shown as (task_state.hpp), by priority: ended; blocking; an exception
// unwinding it (unless it is suspended in a finally block); running; cancel pending
// (unless it waits at a nursery's end, which no cancellation interrupts); handling an
// exception; what it waits for.
DisplayState display_state(const Snapshot& s, std::int32_t task);

// What a nursery's errors have become so far, one fact for the tree, the caption and the
// timeline: nothing before its errors are combined (-1); the group it formed; and once its
// cancel scope has taken out its own Cancelled (or exited), what goes on out of it (-1 when
// the scope absorbed everything). `left` (optional) is set from that point on.
std::int32_t nursery_outcome(const Snapshot& s, const trio::Trace& trace, std::int32_t nursery, bool* left = nullptr);

// True when exception index `exc` is a bare Cancelled.
bool is_cancelled_exc(const trio::Trace& trace, std::int32_t exc);

}  // namespace trioscope::view
