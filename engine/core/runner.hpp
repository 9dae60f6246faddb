// The public API of the engine: Trio's, spelled in C++20.
//
//   trio::Async<void> child(std::string name, double t) {
//     trio::print("Child " + name + " is going to sleep");
//     co_await trio::sleep(t);
//   }
//   trio::Async<void> parent() {
//     co_await trio::open_nursery([](trio::Nursery& nursery) -> trio::Async<void> {
//       nursery.start_soon(child("A", 3), trio::call_label("child", {"A", 3}));
//       co_return;
//     });
//   }
//   trio::RunResult r = trio::run(parent);
//
// Semantics are current Trio's (0.34), rule by rule as in ../shared/spec/trio-semantics.md;
// time is virtual (MockClock with autojump_threshold=0). Everything that happens is
// recorded in the returned trace.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/async.hpp"
#include "core/choices.hpp"
#include "core/exception.hpp"
#include "core/limits.hpp"
#include "core/trace.hpp"
#include "core/value.hpp"

namespace trio {

inline constexpr double inf = std::numeric_limits<double>::infinity();

// ---- trio.run ----------------------------------------------------------------------------

enum class Scheduling : std::uint8_t {
  fifo,    // every batch runs in the order its tasks became runnable; ties as documented
  random,  // Trio's policy: each batch is reversed with probability 1/2, and ties drawn (seeded)
};

struct RunSettings {
  bool strict_exception_groups = true;  // Trio >= 0.25's default
  Scheduling scheduling = Scheduling::fifo;
  std::uint64_t seed = 0;
  // What the run may consume (limits.hpp): a runaway ends with a message naming the limit.
  RunLimits limits;
  std::string main_label = "main";
  // Where the run's scheduling choices come from (choices.hpp). When set it decides every
  // choice and `scheduling` / `seed` are not used; it must outlive the run.
  ChoiceSource* choices = nullptr;
  // What the trace keeps. A caller that only prints the transcript (`trioscope run
  // --transcript`) keeps just the events it shows, which is a fifth of them in a typical
  // run: the run is the same, its limits count every event, and event indices (`cause`,
  // spawned_event) still count every event, so they do not index such a trace.
  enum class Keep : std::uint8_t { everything, transcript } keep = Keep::everything;
};

// stopped: the choice source ended the run early (the explorer had seen the rest).
enum class RunEnd : std::uint8_t { returned, raised, deadlock, budget_exhausted, stopped };

struct RunResult {
  Trace trace;
  RunEnd end = RunEnd::returned;
  Exc error;              // RunEnd::raised: what escaped trio.run
  std::string diagnosis;  // deadlock / budget_exhausted: what happened, in words
  Limit limit = Limit::events;  // budget_exhausted: the limit that stopped the run
  // What the run used of its limits: statements interpreted, the most tasks alive at once,
  // bytes printed, and the most memory (as the memory limit counts it) seen at a check.
  std::uint64_t statements = 0, peak_tasks = 0, printed_bytes = 0, peak_memory = 0;
  double end_time = 0;
  // Every choice the run made, in order (empty under fifo without a source: all were 0).
  // schedule_string(choices) replays the run through ReplayChoices.
  std::vector<ChoiceMade> choices;
  // A replayed schedule that did not fit this program ("" when it did).
  std::string schedule_problem;
};

RunResult run(std::function<Async<void>()> main, RunSettings settings = {});

// ---- inside a run ----------------------------------------------------------------------

double current_time();
// How many events the run has recorded so far (for instrumentation and benchmarks).
std::int64_t current_event_count();
// Heap bytes the trace of the run in progress holds so far (Trace::bytes()).
std::size_t current_trace_bytes();
// The limits of the run in progress (limits.hpp).
const RunLimits& current_limits();
// Counts `units` statements of work against the statement limit (one per statement; more
// for work that costs more, such as copying a long text). Stops the run past the limit.
void count_work(std::uint64_t units = 1);
// Stops the run in progress at limit `l` (a print that grows past the line limit while its
// text is built, say). Nothing of the program runs after it: no except, no finally.
[[noreturn]] void stop_run(Limit l);

// Memory a task holds while it runs (the arguments copied into a call's frame), counted
// against the memory limit while the hold lives. Made before the memory is taken: a hold
// that would pass the limit stops the run instead.
class MemoryHold {
 public:
  MemoryHold() = default;
  explicit MemoryHold(std::size_t bytes);
  MemoryHold(MemoryHold&& o) noexcept : bytes_(o.bytes_) { o.bytes_ = 0; }
  MemoryHold& operator=(MemoryHold&& o) noexcept;
  MemoryHold(const MemoryHold&) = delete;
  MemoryHold& operator=(const MemoryHold&) = delete;
  ~MemoryHold();

 private:
  std::size_t bytes_ = 0;
};
// The statement the current task is executing, for the trace (see SourceLoc).
void at(SourceLoc loc);
// print(text): recorded in the trace; that is the program's output.
void print(std::string text);
// Records `raised` for e (once per exception object) and throws it. Use for every raise.
[[noreturn]] void raise(Exc e);
// An except / except* handler is about to run with `caught` bound.
void handler_entered(const Exc& caught);
// time.sleep(seconds): virtual time moves on, but this is not a checkpoint: no other task
// runs and no cancellation is delivered meanwhile (MockClock.jump).
void block(double seconds);

// ---- checkpoints -----------------------------------------------------------------------

// `await trio.sleep(seconds)`: sleep(0) is checkpoint(); otherwise
// `with move_on_at(now + seconds): await sleep_forever()`.
Async<void> sleep(double seconds);
Async<void> sleep_forever();
// trio.lowlevel.checkpoint(): a schedule point, then a cancel point (Cancelled is raised one
// batch later than for a blocking wait; trio-semantics.md 4.1).
Async<void> checkpoint();
// A schedule point but not a cancel point.
Async<void> cancel_shielded_checkpoint();

// ---- cancel scopes ---------------------------------------------------------------------

class Runner;
struct CancelStatus;
struct NurseryOptions;
class Nursery;

// Why a scope is cancelled (Trio's CancelReason): its own cancel() or deadline, or, when
// an enclosing scope's cancellation reached it first, that scope's reason.
struct CancelReason {
  CancelSource source = CancelSource::unknown;
  std::string reason;       // "child task raised exception ValueError('boom')"
  std::string source_task;  // "<Task 'main' at 0x…>"
  std::int32_t event = -1;  // the scope_cancelled event of the scope that started it
};

class CancelScope {
 public:
  struct Options {
    ScopeKind kind = ScopeKind::cancel_scope;
    double deadline = inf;  // absolute
    double relative = inf;  // seconds, fixed into `deadline` on entry (Trio >= 0.27)
    bool shield = false;
    std::string name;       // the `as` variable, for the trace
    bool hidden = false;    // Trio's own internal scopes (sleep's timer): not in the trace
    std::int32_t nursery = -1;  // kind nursery: the nursery's trace id
  };
  explicit CancelScope(Options o);
  CancelScope() : CancelScope(Options{}) {}
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;
  ~CancelScope();

  void cancel();
  // Reading it after the deadline has passed cancels the scope right then, as in Trio.
  bool cancel_called();
  bool cancelled_caught() const { return cancelled_caught_; }
  bool shield() const { return shield_; }
  double deadline() const { return deadline_; }
  ScopeKind kind() const { return kind_; }
  std::int32_t id() const { return id_; }  // trace id once entered
  bool hidden() const;
  CancelSource cancel_source() const { return cancel_source_; }
  std::int32_t cancel_event() const { return cancel_event_; }
  const std::shared_ptr<const CancelReason>& cancel_reason() const { return reason_; }
  SourceLoc entered_at() const { return entered_at_; }

  // `with scope:` as two halves; `with()` below is the usual way to use them.
  void enter();
  // Returns what leaves the `with` block: null when it swallowed the error.
  Exc close(Exc exc);

 private:
  friend class Runner;
  friend struct CancelStatus;
  friend class Nursery;
  friend class TaskStatus;
  friend CancelScope* cancel_origin(CancelStatus*);
  void update_registered_deadline();
  void emit_scope_event(EventKind kind, std::int32_t task, const Exc& exc);

 public:
  // Internal: cancels with a recorded reason and cause (the event that made it happen).
  void cancel_internal(CancelSource source, std::int32_t cause, std::string reason = {},
                       std::string source_task = {});
  // Trio copies the reason before entering checkpoint()'s already-cancelled scope.
  void adopt_reason(const std::shared_ptr<const CancelReason>& r) { if (!reason_) reason_ = r; }

 private:

  ScopeKind kind_;
  std::string name_;
  double deadline_;
  double relative_;
  bool shield_;
  bool cancel_called_ = false;
  bool cancelled_caught_ = false;
  bool entered_ = false;
  CancelSource cancel_source_ = CancelSource::unknown;
  std::int32_t cancel_event_ = -1;   // the scope_cancelled event
  std::int32_t id_ = -1;             // trace id, given on entry
  CancelStatus* status_ = nullptr;   // while entered
  double registered_deadline_ = inf;  // the deadline the runner's heap knows about
  std::uint64_t registration_ = 0;
  std::int32_t nursery_ = -1;        // kind nursery: its nursery id
  SourceLoc entered_at_;             // the `with` line
  // Shared: every scope the cancellation reaches takes the reason of the one it came from.
  std::shared_ptr<const CancelReason> reason_;
};

// The innermost scope around `s` that the trace shows.
CancelScope* visible_scope(CancelStatus* s);

CancelScope::Options move_on_after(double seconds, bool shield = false);
CancelScope::Options fail_after(double seconds, bool shield = false);

// `with scope: body` (and for fail_after, the TooSlowError when the scope caught Cancelled).
Async<void> with(CancelScope& scope, std::function<Async<void>()> body);

// ---- nurseries ---------------------------------------------------------------------------

class Nursery;

// What `nursery.start()` hands to the function it starts.
class TaskStatus {
 public:
  void started(Value value);
  void started() { started(Value(None{})); }

 private:
  friend class Nursery;
  Nursery* old_nursery_ = nullptr;  // the hidden nursery inside start()
  Nursery* new_nursery_ = nullptr;  // the nursery the task moves to
  std::int32_t task_ = -1;
  std::optional<Value> value_;
};

struct NurseryOptions {
  std::optional<bool> strict_exception_groups;  // default: the run's setting
  std::string name;                             // the `as` variable, for the trace
  bool for_start = false;                       // internal: the hidden nursery of start()
};

class Nursery : public std::enable_shared_from_this<Nursery> {
 public:
  // Not a checkpoint. The task runs from the next batch on. Raises
  // RuntimeError('Nursery is closed to new arrivals') once the nursery is closed.
  void start_soon(Async<void> fn, std::string label);
  // `await nursery.start(fn)`: returns the value fn passes to task_status.started().
  Async<Value> start(std::function<Async<void>(TaskStatus&)> fn, std::string label);
  CancelScope& cancel_scope() { return *scope_; }
  std::int32_t id() const { return id_; }
  bool closed() const { return closed_; }

  // Internal (used by the runner and open_nursery).
  Nursery(std::int32_t id, std::int32_t parent_task, std::shared_ptr<CancelScope> scope, bool strict);
  void child_finished(std::int32_t task, const Exc& error, std::int32_t finished_event);
  Async<Exc> nested_child_finished(Exc body_error);
  void check_nursery_closed();

 private:
  friend class TaskStatus;
  friend class Runner;
  void add_exc(const Exc& e, std::int32_t cause, std::int32_t from_task, bool child_error);

  std::int32_t id_;
  std::int32_t parent_task_;
  std::shared_ptr<CancelScope> scope_;
  bool strict_;
  std::int32_t children_ = 0;
  std::vector<Exc> pending_excs_;
  std::int32_t first_exc_event_ = -1;
  bool nested_child_running_ = true;
  bool parent_waiting_in_aexit_ = false;
  std::int32_t pending_starts_ = 0;
  bool closed_ = false;
};

// `async with trio.open_nursery() as nursery: body`. The body is the nursery's "nested
// child": exit waits for every child, and errors come out combined (strict or loose).
// (Overloads rather than a default argument: GCC 12 mishandles defaulted class-type
// arguments of calls made inside a coroutine.)
Async<void> open_nursery(std::function<Async<void>(Nursery&)> body, NurseryOptions options);
Async<void> open_nursery(std::function<Async<void>(Nursery&)> body);

// `child('A', 3)`: a function name and the Python repr of its arguments.
std::string call_label(const std::string& function, const std::vector<Value>& args);

}  // namespace trio
