// The run loop, tasks and the trace writer. Trio: _core/_run.py, "Task and friends" and
// "The central Runner object".
//
// [SECTION] Run context
// [SECTION] Trace
// [SECTION] Memory
// [SECTION] Tasks
// [SECTION] Traps
// [SECTION] Deadlines
// [SECTION] The loop
// [SECTION] Program-facing calls (print, raise, block...)
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/runner_impl.hpp"

namespace trio {

// ---- [SECTION] Run context -------------------------------------------------------------

namespace {
thread_local Runner* g_runner = nullptr;
}

Runner* runner_or_null() { return g_runner; }

Runner& runner() {
  if (!g_runner) throw std::logic_error("trio: this call needs a running trio.run()");
  return *g_runner;
}

Task& current_task() {
  Runner& r = runner();
  if (!r.current) throw std::logic_error("trio: this call needs a current task");
  return *r.current;
}

Runner::Runner(RunSettings s) : settings(std::move(s)), frames_at_start_(detail::frame_bytes()) {
  trace.transcript_only = settings.keep == RunSettings::Keep::transcript;
  if (settings.choices) {
    source_ = settings.choices;
  } else if (settings.scheduling == Scheduling::random) {
    owned_source_ = std::make_unique<RandomChoices>(settings.seed);
    source_ = owned_source_.get();
  }
  track_ = source_ && source_->wants_fingerprints();
}

Runner::~Runner() {
  // A run that ended early (deadlock, budget) still has suspended frames. Destroying a
  // task's top frame destroys the frames it awaits, which run no program code.
  tearing_down = true;
  for (auto& t : tasks_)
    if (t && t->top) t->top.destroy();
  if (g_runner == this) g_runner = nullptr;
}

// ---- [SECTION] Trace -------------------------------------------------------------------

std::int32_t Runner::emit_final(Event e) {
  e.time = now;
  if (e.task >= 0 && std::size_t(e.task) < tasks_.size() && tasks_[e.task] && e.loc.line == 0)
    e.loc = tasks_[e.task]->loc;
  if (track_ && e.task >= 0) note_history(e);
  if (keeps(e.kind)) trace.events.push_back(e);
  return std::int32_t(emitted_++);
}

bool Runner::keeps(EventKind k) const {
  if (settings.keep == RunSettings::Keep::everything) return true;
  switch (k) {
    case EventKind::print:
    case EventKind::handler_entered:
    case EventKind::task_finished:
    case EventKind::run_finished:
    case EventKind::deadlock:
    case EventKind::budget_exhausted: return true;
    default: return false;
  }
}

std::int32_t Runner::emit(Event e) {
  if (stopping_) stop(stopped_by_);
  if (emitted_ >= settings.limits.events) stop(Limit::events);
  if (trace.events.full() && keeps(e.kind)) check_memory(EventLog::chunk_bytes());
  // Memory grows with events only a little at a time (a texts' or a task's worth); looking
  // every few thousand events is enough, and large additions look at once.
  if (++since_check_ >= 4096) {
    since_check_ = 0;
    check_memory();
  }
  return emit_final(e);
}

void Runner::count_work(std::uint64_t units) {
  if (stopping_) stop(stopped_by_);
  work_ += units;
  if (work_ > settings.limits.statements) stop(Limit::statements);
}

std::int32_t Runner::intern(std::string_view s) {
  if (s.size() >= (64u << 10)) check_memory(s.size());
  return trace.strings.add(s);
}

std::int32_t Runner::record_exc(const Exc& e) {
  // The same exception object is recorded once; events share its index.
  if (e->trace_index >= 0 && std::size_t(e->trace_index) < trace.exceptions.size() &&
      trace.exceptions[e->trace_index] == e)
    return e->trace_index;
  trace.exceptions.push_back(e);
  e->trace_index = std::int32_t(trace.exceptions.size() - 1);
  // What the exception itself holds (its members are recorded, and counted, on their own).
  std::size_t bytes = sizeof(PyException) + e->type.size() + e->message.size() + e->cancel_reason.size() +
                      e->cancel_source_task.size() + e->exceptions.size() * sizeof(Exc) +
                      e->args.size() * sizeof(Value);
  for (const Value& v : e->args)
    if (auto s = std::get_if<std::string>(&v)) bytes += s->size();
  trace_text_ += bytes;
  if (bytes >= (64u << 10)) check_memory();
  return e->trace_index;
}

// ---- [SECTION] Memory ---------------------------------------------------------------------

namespace {
// What a live task costs besides its entry in the trace and its coroutine frames (counted as
// they are allocated): the Task, and what its nursery or start() keeps for it.
constexpr std::uint64_t kLiveTaskBytes = 256 + sizeof(Task);
}  // namespace

std::uint64_t Runner::memory_in_use() const {
  const Trace& t = trace;
  return std::uint64_t(t.events.bytes()) + std::uint64_t(t.strings.bytes()) +
         std::uint64_t(t.exceptions.capacity()) * sizeof(Exc) + std::uint64_t(t.tasks.capacity()) * sizeof(TaskInfo) +
         std::uint64_t(t.nurseries.capacity()) * sizeof(NurseryInfo) +
         std::uint64_t(t.scopes.capacity()) * sizeof(ScopeInfo) + trace_text_ +
         std::uint64_t(tasks_.capacity()) * sizeof(std::unique_ptr<Task>) + std::uint64_t(live_) * kLiveTaskBytes +
         std::uint64_t(choices_made_.capacity()) * sizeof(ChoiceMade) +
         std::uint64_t(histories_.capacity()) * sizeof(StateFingerprint) + held_ +
         (detail::frame_bytes() > frames_at_start_ ? detail::frame_bytes() - frames_at_start_ : 0);
}

void Runner::check_memory(std::uint64_t more) {
  const std::uint64_t now_used = memory_in_use();
  peak_memory_ = std::max(peak_memory_, now_used);
  if (now_used + more > settings.limits.memory_bytes) stop(Limit::memory_bytes);
}

void Runner::hold(std::size_t bytes) {
  if (bytes >= (64u << 10)) check_memory(bytes);
  held_ += bytes;
}

void Runner::release(std::size_t bytes) { held_ -= std::min<std::uint64_t>(held_, bytes); }

void Runner::note_printed(std::size_t bytes) {
  if (bytes > settings.limits.line_bytes) stop(Limit::line_bytes);
  printed_ += bytes + 1;  // and its newline
  if (printed_ > settings.limits.output_bytes) stop(Limit::output_bytes);
}

// ---- [SECTION] Tasks -------------------------------------------------------------------

void Task::activate_cancel_status(CancelStatus* s) {
  if (cancel_status) cancel_status->remove_task(this);
  cancel_status = s;
  if (cancel_status) {
    cancel_status->add_task(this);
    if (cancel_status->effectively_cancelled) attempt_delivery_of_any_pending_cancel();
  }
}

void Task::attempt_delivery_of_any_pending_cancel() {
  if (!abort_fn || !cancel_status || !cancel_status->effectively_cancelled) return;
  AbortFn fn = abort_fn;
  abort_fn = nullptr;
  if (fn(*this) != Abort::succeeded) return;
  CancelScope* origin = cancel_origin(cancel_status);
  // A sleep whose own timer fired is woken by a Cancelled that its hidden scope swallows:
  // to the program (and the trace) that is just the timer going off. It gets a shared
  // marker rather than a new exception; sleep makes a real one if it ever escapes.
  if (origin && origin->hidden()) {
    runner().reschedule(*this, timer_fired(), WakeReason::timer, -1);
    return;
  }
  Exc c = cancelled_for(cancel_status);
  c->origin_scope = origin ? origin->id() : -1;
  runner().reschedule(*this, c, WakeReason::cancelled, origin ? origin->cancel_event() : -1);
}

std::string task_repr(std::int32_t task) {
  // Task.__repr__ is f"<Task {name!r} at {id:#x}>"; the address is elided.
  return "<Task " + py_repr(Value(runner().trace.tasks[task].label)) + " at 0x\u2026>";
}

Exc cancelled_for(CancelStatus* s) {
  const auto& reason = s->scope->cancel_reason();
  if (!reason) return make_cancelled(CancelSource::unknown, "misnesting");
  return make_cancelled(reason->source, reason->reason, reason->source_task);
}

namespace {
// The outermost frame of every task: turns how the program ended into the task's outcome.
Async<void> task_main(Task* t, Async<void> fn) {
  try {
    co_await std::move(fn);
  } catch (const Error& e) {
    t->outcome = e.exc;
  }
  t->done = true;
}
}  // namespace

Task& Runner::spawn(Async<void> fn, Nursery* nursery, std::string label, std::shared_ptr<void> keepalive) {
  if (std::uint64_t(live_) >= settings.limits.tasks) stop(Limit::tasks);
  trace_text_ += label.size();
  if (label.size() >= (64u << 10)) check_memory();
  auto t = std::make_unique<Task>();
  t->id = std::int32_t(tasks_.size());
  t->parent_nursery = nursery;
  t->is_main = nursery == nullptr;
  t->keepalive = std::move(keepalive);
  t->loc = current ? current->loc : SourceLoc{};
  Async<void> top = task_main(t.get(), std::move(fn));
  t->top = top.release();
  t->resume_at = t->top;
  TaskInfo info;
  info.id = t->id;
  info.label = std::move(label);
  info.nursery = nursery ? nursery->id() : -1;
  info.is_main = t->is_main;
  Task& ref = *t;
  tasks_.push_back(std::move(t));
  ++live_;
  peak_tasks_ = std::max<std::uint64_t>(peak_tasks_, std::uint64_t(live_));
  Event e;
  e.kind = EventKind::task_spawned;
  e.task = ref.id;
  e.nursery = info.nursery;
  info.spawned_event = std::int32_t(emitted_);
  trace.tasks.push_back(std::move(info));
  emit(e);
  if (nursery) {
    nursery->children_ += 1;
    ref.activate_cancel_status(nursery->cancel_scope().status_);
  }
  reschedule(ref);
  return ref;
}

void Runner::reschedule(Task& t, Exc send, WakeReason why, std::int32_t cause) {
  t.next_send = std::move(send);
  t.abort_fn = nullptr;
  t.waiting_for = "";
  t.in_runq = true;
  runq_.push_back(&t);
  Event e;
  e.kind = EventKind::woken;
  e.task = t.id;
  e.flag = std::uint8_t(why);
  e.cause = cause;
  if (why == WakeReason::cancelled && t.next_send) e.exc = record_exc(t.next_send);
  t.wake_event = emit(e);
}

void Runner::task_exited(Task& t) {
  Event e;
  e.kind = EventKind::task_finished;
  e.task = t.id;
  if (t.outcome) {
    e.exc = record_exc(t.outcome);
    e.cause = t.outcome->raised_event;
  }
  std::int32_t finished = emit(e);
  t.activate_cancel_status(nullptr);
  --live_;
  Nursery* parent = t.parent_nursery;
  Exc outcome = t.outcome;
  std::int32_t id = t.id;
  if (t.is_main) main_outcome_ = outcome;
  // The nursery hears of it while the task still exists: what it does (cancel siblings,
  // wake the parent) is recorded as caused by this task.
  if (parent) parent->child_finished(id, outcome, finished);
  t.top.destroy();
  t.top = {};
  if (current == &t) current = nullptr;
  tasks_[id].reset();
}

// ---- [SECTION] Traps -------------------------------------------------------------------

void YieldToScheduler::await_suspend(std::coroutine_handle<> h) const {
  Task& t = current_task();
  t.resume_at = h;
  t.yield = Yield::schedule_point;
}

void WaitTaskRescheduled::await_suspend(std::coroutine_handle<> h) const {
  Task& t = current_task();
  t.resume_at = h;
  t.yield = Yield::wait;
  t.abort_fn = abort;
  t.waiting_for = waiting_for;
}

Exc WaitTaskRescheduled::await_resume() const {
  Task& t = current_task();
  if (!t.next_send) return nullptr;
  Exc e = std::move(t.next_send);
  t.next_send = nullptr;
  Runner& r = runner();
  if (is_cancelled(*e) && e->origin_scope >= 0 && e->raised_event < 0) {
    Event ev;
    ev.kind = EventKind::cancel_delivered;
    ev.task = t.id;
    ev.scope = e->origin_scope;
    ev.exc = r.record_exc(e);
    ev.cause = t.wake_event;
    e->raised_event = r.emit(ev);
  }
  return e;
}

const Exc& timer_fired() {
  static const Exc marker = [] {
    Exc c = make_cancelled(CancelSource::deadline);
    c->origin_scope = -2;
    return c;
  }();
  return marker;
}

Abort abort_succeeded(Task&) { return Abort::succeeded; }
Abort abort_failed(Task&) { return Abort::failed; }

// ---- [SECTION] Deadlines ---------------------------------------------------------------
// A heap of (deadline, registration) with lazy deletion: a scope whose deadline changes or
// that exits just drops out of `registered_`, and stale heap entries are skipped.

std::uint64_t Runner::register_deadline(double deadline, CancelScope* scope) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = std::uint32_t(slots_.size());
    slots_.emplace_back();
  }
  std::uint64_t reg = next_registration_++;
  slots_[slot] = {scope, reg};
  heap_.push({deadline, reg, slot});
  return slot;
}

void Runner::unregister_deadline(std::uint64_t handle) {
  slots_[handle] = {};
  free_slots_.push_back(std::uint32_t(handle));
}

double Runner::next_deadline() {
  while (!heap_.empty() && !is_live(heap_.top())) heap_.pop();
  return heap_.empty() ? inf : heap_.top().deadline;
}

void Runner::expire() {
  while (!heap_.empty() && heap_.top().deadline <= now) {
    HeapEntry top = heap_.top();
    heap_.pop();
    if (!is_live(top)) continue;
    if (!choosing() || heap_.empty() || heap_.top().deadline != top.deadline) {
      slots_[top.slot].scope->cancel_internal(CancelSource::deadline, -1);
      continue;
    }
    // Identical deadlines: Trio pops them in id(scope) order, which is memory order, so any
    // order can happen. Registration order is option 0.
    std::vector<HeapEntry> tied{top};
    while (!heap_.empty() && heap_.top().deadline == top.deadline) {
      if (is_live(heap_.top())) tied.push_back(heap_.top());
      heap_.pop();
    }
    if (tied.size() > 1) choose_order(ChoiceKind::deadline_tie, tied);
    // Cancelling one scope never changes another's registration (no program code runs
    // here), but check anyway: a stale entry is skipped as Trio skips it.
    for (const HeapEntry& e : tied)
      if (is_live(e)) slots_[e.slot].scope->cancel_internal(CancelSource::deadline, -1);
  }
}

// ---- [SECTION] The loop ------------------------------------------------------------------

std::uint32_t Runner::choose(ChoiceKind kind, std::uint32_t options) {
  std::uint32_t c = source_->choose(kind, options);
  if (c >= options) c = 0;
  choices_made_.push_back({kind, options, c});
  return c;
}

void Runner::step(Task& t) {
  current = &t;
  t.in_runq = false;
  Event start;
  start.kind = EventKind::step_started;
  start.task = t.id;
  start.count = batch_;
  start.flag = t.first_step ? 1 : 0;
  start.cause = t.wake_event;
  emit(start);
  t.first_step = false;
  t.yield = Yield::none;
  t.resume_at.resume();
  if (t.done) {
    std::int32_t id = t.id;
    Event end;
    end.kind = EventKind::step_ended;
    end.task = id;
    task_exited(t);  // frees t
    emit(end);
  } else {
    Event end;
    end.kind = EventKind::step_ended;
    end.task = t.id;
    emit(end);
    if (t.yield == Yield::schedule_point) {
      reschedule(t);
    } else {
      // Trio delivers a pending cancellation as soon as a task blocks: a cancelled task
      // that starts to wait is woken with Cancelled at once (one batch later).
      t.attempt_delivery_of_any_pending_cancel();
    }
  }
  current = nullptr;
}

std::string Runner::deadlock_diagnosis() {
  std::string s = "every task is waiting and no deadline is pending, so nothing can ever wake them:";
  for (auto& t : tasks_) {
    if (!t) continue;
    s += " " + trace.tasks[t->id].label + " " + (*t->waiting_for ? t->waiting_for : "waits") + ";";
  }
  if (!s.empty() && s.back() == ';') s.back() = '.';
  return s;
}

RunResult Runner::run(std::function<Async<void>()> main) {
  g_runner = this;
  RunResult result;
  Event e0;
  e0.kind = EventKind::run_started;
  e0.task = 0;
  try {
    emit(e0);
    spawn(main(), nullptr, settings.main_label);
    while (live_ > 0) {
      if (source_ && !source_->at_loop_iteration(choices_made_.size())) {
        result.end = RunEnd::stopped;
        result.diagnosis = "the run was stopped by its choice source";
        break;
      }
      if (runq_.empty()) {
        double next = next_deadline();
        if (next == inf) {
          result.end = RunEnd::deadlock;
          result.diagnosis = deadlock_diagnosis();
          break;
        }
        // MockClock(autojump_threshold=0): with every task blocked, jump to the next
        // deadline. Trio expires it on the next loop iteration, before any batch runs.
        if (next > now) {
          now = now + (next - now);
          Event j;
          j.kind = EventKind::clock_jump;
          j.until = now;
          emit(j);
        }
      }
      expire();
      // Only tasks runnable now run in this batch; what becomes runnable meanwhile waits
      // for the next one. That bounds every batch and keeps the order reproducible.
      std::vector<Task*> batch;
      batch.swap(runq_);
      ++batch_;
      // Trio: `if _r.random() < 0.5: batch.reverse()`; a batch of one has no choice.
      if (choosing() && batch.size() >= 2 && choose(ChoiceKind::batch_order, 2) == 1)
        std::reverse(batch.begin(), batch.end());
      for (Task* t : batch) {
        step(*t);
        if (stopping_) stop(stopped_by_);  // however the step ended
      }
    }
  } catch (const BudgetExhausted& b) {
    current = nullptr;
    result.end = RunEnd::budget_exhausted;
    result.limit = b.limit;
    result.diagnosis = limit_diagnosis(b.limit, settings.limits);
  }
  if (result.end == RunEnd::deadlock || result.end == RunEnd::budget_exhausted) {
    Event e;
    e.kind = result.end == RunEnd::deadlock ? EventKind::deadlock : EventKind::budget_exhausted;
    // budget_exhausted: which limit stopped the run (limits.hpp), for the views' words.
    if (result.end == RunEnd::budget_exhausted) e.flag = std::uint8_t(result.limit);
    e.text = intern(result.diagnosis);
    emit_final(e);
  } else if (result.end != RunEnd::stopped) {
    result.end = main_outcome_ ? RunEnd::raised : RunEnd::returned;
    result.error = main_outcome_;
    Event e;
    e.kind = EventKind::run_finished;
    if (main_outcome_) e.exc = record_exc(main_outcome_);
    emit_final(e);
  }
  result.end_time = now;
  peak_memory_ = std::max(peak_memory_, memory_in_use());
  result.statements = work_;
  result.peak_tasks = peak_tasks_;
  result.printed_bytes = printed_;
  result.peak_memory = peak_memory_;
  result.choices = std::move(choices_made_);
  if (source_) result.schedule_problem = source_->problem();
  trace.strings.seal();  // nothing more is recorded: the interning index can go
  return result;
}

RunResult run(std::function<Async<void>()> main, RunSettings settings) {
  if (runner_or_null()) raise(make_exc("RuntimeError", "Attempted to call run() from inside a run()"));
  RunResult result;
  {
    Runner r(std::move(settings));
    result = r.run(std::move(main));
    result.trace = std::move(r.trace);
  }
  return result;
}

// ---- [SECTION] Program-facing calls ------------------------------------------------------

double current_time() { return runner().now; }

std::int64_t current_event_count() { return std::int64_t(runner().events_emitted()); }
std::size_t current_trace_bytes() { return runner().trace.bytes(); }

const RunLimits& current_limits() { return runner().settings.limits; }

void count_work(std::uint64_t units) { runner().count_work(units); }

namespace detail {
// An exception leaving a coroutine frame costs the C++ runtime about as much as forty
// statements (measured: a few microseconds); a recursion whose every frame swallows and re-raises would otherwise run for
// minutes within the statement limit.
constexpr std::uint64_t kUnwindUnits = 40;
void count_unwind() {
  if (Runner* r = runner_or_null(); r && !r->stopping()) r->count_work(kUnwindUnits);
}
}  // namespace detail

void stop_run(Limit l) { runner().stop(l); }

MemoryHold::MemoryHold(std::size_t bytes) {
  if (bytes == 0) return;
  runner().hold(bytes);  // may stop the run: then nothing is held
  bytes_ = bytes;
}

MemoryHold& MemoryHold::operator=(MemoryHold&& o) noexcept {
  if (this != &o) {
    if (bytes_)
      if (Runner* r = runner_or_null()) r->release(bytes_);
    bytes_ = o.bytes_;
    o.bytes_ = 0;
  }
  return *this;
}

MemoryHold::~MemoryHold() {
  if (bytes_)
    if (Runner* r = runner_or_null()) r->release(bytes_);
}

void at(SourceLoc loc) {
  Runner& r = runner();
  r.count_work(1);
  if (r.current) r.current->loc = loc;
}

void print(std::string text) {
  Runner& r = runner();
  r.note_printed(text.size());
  Event e;
  e.kind = EventKind::print;
  e.task = r.current ? r.current->id : -1;
  e.text = r.intern(std::move(text));
  r.emit(e);
}

void raise(Exc e) {
  if (Runner* r = runner_or_null(); r && r->current && e->raised_event < 0) {
    Event ev;
    ev.kind = EventKind::raised;
    ev.task = r->current->id;
    ev.exc = r->record_exc(e);
    e->raised_event = r->emit(ev);
  }
  throw Error(std::move(e));
}

void handler_entered(const Exc& caught) {
  Runner& r = runner();
  Event e;
  e.kind = EventKind::handler_entered;
  e.task = r.current ? r.current->id : -1;
  e.exc = r.record_exc(caught);
  e.cause = caught->raised_event;
  r.emit(e);
}

void block(double seconds) {
  Runner& r = runner();
  if (seconds < 0) raise(make_exc("ValueError", "sleep length must be non-negative"));
  Event s;
  s.kind = EventKind::blocking_started;
  s.task = r.current ? r.current->id : -1;
  s.until = r.now + seconds;
  r.emit(s);
  // MockClock.jump: time moves, nothing else runs, deadlines that passed are expired at
  // the start of the next loop iteration.
  r.now = r.now + seconds;
  Event e;
  e.kind = EventKind::blocking_ended;
  e.task = s.task;
  r.emit(e);
}

}  // namespace trio
