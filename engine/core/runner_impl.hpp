// Engine internals shared by runner.cpp, cancel.cpp, nursery.cpp and checkpoints.cpp.
// Not part of the public API (runner.hpp is).
//
// The shape follows Trio's _core/_run.py: a Runner owns the run queue, the deadline heap
// and the clock; a Task is one coroutine stack; CancelScope is where a cancellation starts
// and CancelStatus is the tree that carries effective cancellation down to tasks.
#pragma once

#include <coroutine>
#include <memory>
#include <queue>
#include <random>
#include <unordered_map>
#include <vector>

#include "core/runner.hpp"

namespace trio {

struct Task;

// What an abort function tells the runner when a cancellation reaches a blocked task
// (Trio's Abort enum): SUCCEEDED means "wake me with Cancelled", FAILED "leave me be".
enum class Abort : std::uint8_t { succeeded, failed };
using AbortFn = Abort (*)(Task&);

// Why a task was made runnable; stored in the `woken` event's flag.
enum class WakeReason : std::uint8_t { value = 0, timer = 1, cancelled = 2 };

// How a task's step ended, as told by the trap it suspended in.
enum class Yield : std::uint8_t { none, schedule_point, wait };

// A node of the cancel-status tree. Invariant: every task in `tasks` has this as its
// cancel_status; every child's parent is this.
struct CancelStatus {
  CancelScope* scope;
  CancelStatus* parent = nullptr;
  // Insertion-ordered children and tasks, as intrusive lists so that joining and leaving
  // are O(1) even with 10,000 tasks under one nursery. Trio keeps sets here, so the order a
  // cancel reaches tasks in is arbitrary; insertion order is one of the orders Trio can
  // take, and it is the same every run.
  CancelStatus* first_child = nullptr;
  CancelStatus* last_child = nullptr;
  CancelStatus* prev_sibling = nullptr;
  CancelStatus* next_sibling = nullptr;
  Task* first_task = nullptr;
  Task* last_task = nullptr;
  bool effectively_cancelled = false;

  void add_task(Task* t);
  void remove_task(Task* t);

  CancelStatus(CancelScope* s, CancelStatus* p);
  bool parent_cancellation_is_visible_to_us() const;
  void set_parent(CancelStatus* p);
  // Depth-first walk that brings this subtree's effective state up to date and delivers
  // Cancelled to the blocked tasks that just became cancelled. When the run takes choices,
  // the order of those deliveries is one (Trio walks sets here: cancel_fanout).
  void recalculate();
  bool walk_would_wake();  // recalculate()'s helper: would this subtree wake anybody?
  // Detaches from the tree when the scope exits.
  void close();
};

struct Task {
  std::int32_t id = -1;
  std::coroutine_handle<> top;        // the task's outermost frame (owned)
  std::coroutine_handle<> resume_at;  // the innermost suspended frame
  CancelStatus* cancel_status = nullptr;
  Task* prev_in_status = nullptr;  // intrusive list of cancel_status->tasks
  Task* next_in_status = nullptr;
  Nursery* parent_nursery = nullptr;
  bool is_main = false;
  bool first_step = true;
  bool in_runq = false;

  // Set by the trap the task is suspended in.
  Yield yield = Yield::none;
  AbortFn abort_fn = nullptr;
  const char* waiting_for = "";  // for deadlock diagnoses: "sleeps forever", ...

  // What the next resume delivers: nothing, or an exception to raise at the trap.
  Exc next_send;
  std::int32_t wake_event = -1;

  // Set by the task's top frame when it ends.
  bool done = false;
  Exc outcome;

  SourceLoc loc;
  std::shared_ptr<void> keepalive;  // e.g. the TaskStatus of nursery.start()

  void activate_cancel_status(CancelStatus* s);
  void attempt_delivery_of_any_pending_cancel();
};

// Thrown through a task's frames when a limit of the run is reached; not a Python
// exception, so no `except` or `finally` of the program runs for it.
struct BudgetExhausted {
  Limit limit = Limit::events;
};

class Runner {
 public:
  explicit Runner(RunSettings s);
  ~Runner();

  RunSettings settings;
  Trace trace;
  double now = 0;
  Task* current = nullptr;
  bool tearing_down = false;

  // ---- trace -----------------------------------------------------------------------
  std::int32_t emit(Event e);  // fills time, and loc from the event's task
  std::int32_t emit_final(Event e);  // not counted against the limits
  std::int32_t intern(std::string_view s);  // the text's index in trace.strings
  std::int32_t record_exc(const Exc& e);
  void count_work(std::uint64_t units);  // interpreted statements (the statement limit)
  // Stops the run at limit `l`. The first limit reached is the one reported: a frame that
  // stores the BudgetExhausted on its way out must not let the run go on, so every event
  // and every step afterwards throws it again until it leaves the loop.
  [[noreturn]] void stop(Limit l) {
    if (!stopping_) {
      stopping_ = true;
      stopped_by_ = l;
    }
    throw BudgetExhausted{stopped_by_};
  }
  bool stopping() const { return stopping_; }

  // ---- memory (the memory limit) -------------------------------------------------------
  // What the trace holds, by the capacity of its tables, plus what live tasks hold.
  std::uint64_t memory_in_use() const;
  void check_memory(std::uint64_t more = 0);  // stops the run if `more` bytes would pass the limit
  void hold(std::size_t bytes);   // MemoryHold
  void release(std::size_t bytes);
  void note_printed(std::size_t bytes);  // the output and line limits

  // ---- tasks -------------------------------------------------------------------------
  Task& spawn(Async<void> fn, Nursery* nursery, std::string label, std::shared_ptr<void> keepalive = {});
  Task& task(std::int32_t id) { return *tasks_[id]; }
  void reschedule(Task& t, Exc send = nullptr, WakeReason why = WakeReason::value, std::int32_t cause = -1);
  std::int32_t live_tasks() const { return live_; }
  std::uint64_t events_emitted() const { return emitted_; }

  // ---- deadlines ---------------------------------------------------------------------
  // Returns a handle for unregister_deadline.
  std::uint64_t register_deadline(double deadline, CancelScope* scope);
  void unregister_deadline(std::uint64_t handle);
  double next_deadline();
  void expire();

  // ---- the loop ----------------------------------------------------------------------
  RunResult run(std::function<Async<void>()> main);

  // ---- scheduling choices (choices.hpp) ----------------------------------------------------
  // False under plain fifo: every choice is then the documented order, and none is asked.
  bool choosing() const { return source_ != nullptr; }
  std::uint32_t choose(ChoiceKind kind, std::uint32_t options);
  // Puts `items` into the order the choice source picks. Choice i says which of the n-i
  // items left comes next (a Fisher-Yates shuffle driven by the choices), so all zeros keep
  // the order and every order has exactly one choice string.
  template <class T>
  void choose_order(ChoiceKind kind, std::vector<T>& items) {
    for (std::size_t i = 0; i + 1 < items.size(); ++i) {
      std::size_t j = i + choose(kind, std::uint32_t(items.size() - i));
      if (j != i) std::swap(items[i], items[j]);
    }
  }

  // ---- state fingerprints (fingerprint.cpp) --------------------------------------------------
  StateFingerprint fingerprint() const;
  static std::uint64_t scope_identity(const CancelScope* s);
  bool tracking_histories() const { return track_; }
  void register_nursery(const std::shared_ptr<Nursery>& n);

 private:
  void step(Task& t);
  void task_exited(Task& t);
  std::string deadlock_diagnosis();
  void note_history(const Event& e);  // fingerprint.cpp

  ChoiceSource* source_ = nullptr;
  std::unique_ptr<ChoiceSource> owned_source_;  // Scheduling::random's generator
  std::vector<ChoiceMade> choices_made_;
  bool track_ = false;
  std::vector<StateFingerprint> histories_;  // per task id: hash of its own events
  // The transcript groups lines by task label, not by task, so tasks that share a label
  // share a line sequence, and the interleaving of their lines is part of the outcome
  // although no task's own history shows it. Per label: a rolling hash of which task wrote
  // each transcript line; `label_lines_sum_` is their order-free sum, what the fingerprint
  // adds. (For a task with a label of its own this follows from its history: no state
  // that merged before stops merging.)
  std::unordered_map<std::string, StateFingerprint> label_lines_;
  StateFingerprint label_lines_sum_{};
  std::vector<std::weak_ptr<Nursery>> nurseries_;  // by id, while tracking

  std::vector<std::unique_ptr<Task>> tasks_;
  std::int32_t live_ = 0;
  Exc main_outcome_;
  std::vector<Task*> runq_;
  std::int32_t batch_ = 0;
  std::uint64_t work_ = 0;
  std::uint64_t emitted_ = 0;      // events of the run so far, kept or not (RunSettings::keep)
  bool keeps(EventKind k) const;
  std::uint64_t printed_ = 0;      // bytes printed, newlines included
  std::uint64_t trace_text_ = 0;   // bytes of task labels and exceptions the trace keeps
  std::uint64_t held_ = 0;         // bytes MemoryHolds keep
  std::uint32_t since_check_ = 0;  // events since memory was last checked
  std::size_t frames_at_start_ = 0;  // detail::frame_bytes() when the run began
  std::uint64_t peak_memory_ = 0, peak_tasks_ = 0;
  bool stopping_ = false;          // a limit was reached (stop())
  Limit stopped_by_ = Limit::events;

  // Deadline registrations live in reusable slots; a heap entry is current only while its
  // slot still holds the same registration number. (Trio prunes its heap the same lazy way.)
  struct HeapEntry {
    double deadline;
    std::uint64_t registration;  // registration order breaks ties (Trio: id(scope))
    std::uint32_t slot;
    bool operator>(const HeapEntry& o) const {
      return deadline != o.deadline ? deadline > o.deadline : registration > o.registration;
    }
  };
  struct Slot {
    CancelScope* scope = nullptr;
    std::uint64_t registration = 0;
  };
  bool is_live(const HeapEntry& e) const { return slots_[e.slot].registration == e.registration; }
  std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<>> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_registration_ = 1;
};

// The runner of the run in progress on this thread (Trio's GLOBAL_RUN_CONTEXT).
Runner& runner();
Runner* runner_or_null();
Task& current_task();

// The scope whose cancellation reaches `s`: the outermost cancelled scope visible from it.
// (What the trace draws the arrow from; the Cancelled's reason follows Trio's rule instead.)
CancelScope* cancel_origin(CancelStatus* s);
// Trio's repr of a task, minus the memory address nobody could reproduce.
std::string task_repr(std::int32_t task);
// The Cancelled a task blocked in `s` is woken with (Trio: raise_cancel).
Exc cancelled_for(CancelStatus* s);

// ---- traps: the only ways a task gives control back to the runner ------------------

// Trio's cancel_shielded_checkpoint yield: back in the run queue at once.
struct YieldToScheduler {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const;
  void await_resume() const noexcept {}
};

// Trio's wait_task_rescheduled: suspend until someone reschedules the task; if a
// cancellation reaches it first, `abort` decides whether it wakes with Cancelled.
// It hands back what the task was woken with instead of throwing it: a sleep whose timer
// fires is woken by a Cancelled its own scope swallows, and a C++ throw per sleep would
// dominate the cost of a run. Callers raise what is left.
struct WaitTaskRescheduled {
  AbortFn abort;
  const char* waiting_for;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const;
  Exc await_resume() const;
};

// The Cancelled a sleep's own timer wakes it with (shared; never raised to the program).
const Exc& timer_fired();

Abort abort_succeeded(Task&);
Abort abort_failed(Task&);

// Internal cancel scope options: not shown in the trace (sleep's timer, checkpoint's
// already-cancelled scope).
CancelScope::Options hidden_scope(double deadline);

}  // namespace trio
