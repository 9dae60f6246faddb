// The trace: every state change of a run, in the order it happened.
//
// The engine writes it; the CLI, the app and the exporters only read it. An event is small
// and flat (no strings inline) so that a million-event trace stays cheap to keep and to
// scan; texts and exceptions live in side tables and events refer to them by index.
//
// Ids: tasks, nurseries and scopes are numbered from 0 in creation order; -1 means none.
// `cause` is the index of the event that made this one happen (-1 when it is the program's
// own doing, such as a print).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "exception.hpp"

namespace trio {

// Where a statement is: for a scenario, the line of the Trio Python listing (1-based) that
// the statement is shown on; for a C++ program, whatever the program passes to `at()`.
struct SourceLoc {
  std::uint32_t line = 0;
  bool operator==(const SourceLoc&) const = default;
};

enum class EventKind : std::uint8_t {
  run_started,        // time 0; task = main task
  task_spawned,       // task = new task, nursery = its nursery (-1 for main); loc = start_soon/start line
  step_started,       // the scheduler resumes `task`; count = batch number; flag = 1 on its first step
  step_ended,         // `task` yielded to the scheduler (or exited)
  schedule_point,     // `task` reached a checkpoint that yields (sleep(0), checkpoint, closed nursery exit)
  sleeping,           // `task` blocks in trio.sleep / sleep_forever; until = deadline (inf: forever)
  woken,              // `task` was made runnable; exc >= 0 when it will get that exception (Cancelled)
  blocking_started,   // time.sleep: `task` freezes the whole loop; until = when it ends
  blocking_ended,
  clock_jump,         // autojump: every task is blocked, so virtual time jumps; until = new time
  scope_entered,      // scope = entered cancel scope (see ScopeInfo)
  scope_exited,       // scope; exc = exception leaving it (-1: none)
  scope_cancelled,    // scope; flag = CancelSource; cause = the event that made it happen
  cancel_delivered,   // `task` gets Cancelled at its checkpoint (exc = it); scope = whose cancel
  scope_caught_cancelled,  // scope swallowed the Cancelled (cancelled_caught = True)
  raised,             // exc raised in `task` (by a raise statement, or by Trio: TooSlowError, RuntimeError...)
  handler_entered,    // an except / except* handler of `task` caught exc
  nursery_opened,     // nursery; scope = its cancel scope; flag = 1 when strict_exception_groups
  nursery_waiting,    // the parent waits at the end of `async with` for count children
  exception_to_nursery,  // exc left `task` (or the body) and was added to `nursery`'s errors
  group_formed,       // nursery combined its errors into exc (a group, or the lone error when loose)
  nursery_reraise,    // exc leaves the `async with` of `nursery` in its parent task
  nursery_closed,     // nursery's `async with` is done
  start_waiting,      // `task` awaits nursery.start(): child = the task it started (count)
  task_started,       // task_status.started(value) in `task`; nursery = the nursery it moved to
  task_finished,      // exc = the error, or -1 when the task returned
  print,              // text = what the program printed
  run_finished,       // exc = what escaped trio.run (-1: it returned)
  deadlock,           // every task waits forever and no deadline is pending; text = diagnosis
  budget_exhausted,   // the run hit its event budget; text = diagnosis
};
const char* event_kind_name(EventKind k);

struct Event {
  double time = 0;           // virtual seconds
  double until = 0;          // sleeping / blocking_started / clock_jump
  std::int32_t task = -1;
  std::int32_t nursery = -1;
  std::int32_t scope = -1;
  std::int32_t cause = -1;
  std::int32_t exc = -1;     // index into Trace::exceptions
  std::int32_t text = -1;    // index into Trace::strings
  std::int32_t count = 0;    // nursery_waiting children, step batch number, start_waiting child
  SourceLoc loc;
  EventKind kind = EventKind::run_started;
  std::uint8_t flag = 0;
};

struct TaskInfo {
  std::int32_t id = -1;
  std::string label;          // scenario-format.md "Task labels"; the transcript's TASK
  std::int32_t nursery = -1;  // where it was spawned (for start(): the hidden start nursery)
  std::int32_t spawned_event = -1;
  bool is_main = false;
};

enum class ScopeKind : std::uint8_t { cancel_scope, move_on_after, fail_after, nursery };

struct ScopeInfo {
  std::int32_t id = -1;
  ScopeKind kind = ScopeKind::cancel_scope;
  std::string name;           // the `as` variable, "" if none
  std::int32_t task = -1;     // the task that entered it
  std::int32_t parent = -1;   // the scope it was entered inside (-1: none visible)
  std::int32_t nursery = -1;  // kind == nursery: the nursery it belongs to
  bool shield = false;
  double relative = 0;        // move_on_after / fail_after seconds
  double deadline = 0;        // absolute, fixed on entry (inf: none)
  SourceLoc loc;
};

struct NurseryInfo {
  std::int32_t id = -1;
  std::int32_t task = -1;     // the parent task (that runs the `async with`)
  std::int32_t scope = -1;    // its cancel scope
  std::string name;           // the `as` variable
  bool strict = true;
  bool for_start = false;     // the hidden nursery that nursery.start() opens in its caller
  SourceLoc loc;
};

struct Trace {
  std::vector<Event> events;
  std::vector<TaskInfo> tasks;
  std::vector<NurseryInfo> nurseries;
  std::vector<ScopeInfo> scopes;
  std::vector<std::string> strings;
  std::vector<Exc> exceptions;

  const std::string& text(const Event& e) const;  // "" when none
  const PyException* exception(const Event& e) const;  // null when none
};

// Python's f"{t:.6f}": the transcript's TIME field, every digit at any magnitude.
std::string fixed_seconds(double t);

// The transcript (transcript-format.md) of a recorded run: print, caught, error and return
// lines, then the <run> line.
std::string transcript(const Trace& t);

// One transcript line, before formatting. `time` is the TIME field ("1.000000").
struct TranscriptLine {
  const char* time;
  const std::string& task;
  const char* kind;
  const std::string& detail;
};
// Calls f(line) for every line of transcript(t), in order.
void for_each_transcript_line(const Trace& t, const std::function<void(const TranscriptLine&)>& f);

}  // namespace trio
