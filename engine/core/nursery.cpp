// Nurseries: open_nursery, start_soon, start / task_status.started, and how a nursery
// collects its children's errors. Trio: _core/_run.py, "Nursery and friends".
#include "core/runner_impl.hpp"

namespace trio {

Nursery::Nursery(std::int32_t id, std::int32_t parent_task, std::shared_ptr<CancelScope> scope, bool strict)
    : id_(id), parent_task_(parent_task), scope_(std::move(scope)), strict_(strict) {}

void Nursery::add_exc(const Exc& e, std::int32_t cause, std::int32_t from_task, bool child_error) {
  Runner& r = runner();
  pending_excs_.push_back(e);
  Event ev;
  ev.kind = EventKind::exception_to_nursery;
  ev.task = from_task;
  ev.nursery = id_;
  ev.scope = scope_->id();
  ev.exc = r.record_exc(e);
  ev.cause = cause;
  std::int32_t at = r.emit(ev);
  if (first_exc_event_ < 0) first_exc_event_ = at;
  // One failure cancels everything else in the nursery: siblings and the body get
  // Cancelled at their next checkpoint.
  bool from_body = from_task == parent_task_ && !child_error;
  scope_->cancel_internal(CancelSource::nursery, at,
                          (from_body ? "Code block inside nursery contextmanager raised exception "
                                     : "child task raised exception ") + exc_repr(*e),
                          task_repr(from_task));
}

void Nursery::check_nursery_closed() {
  if (nested_child_running_ || children_ > 0 || pending_starts_ > 0) return;
  closed_ = true;
  if (parent_waiting_in_aexit_) {
    parent_waiting_in_aexit_ = false;
    runner().reschedule(runner().task(parent_task_));
  }
}

void Nursery::child_finished(std::int32_t task, const Exc& error, std::int32_t finished_event) {
  children_ -= 1;
  if (error) add_exc(error, finished_event, task, true);
  check_nursery_closed();
}

Async<Exc> Nursery::nested_child_finished(Exc body_error) {
  Runner& r = runner();
  if (body_error) add_exc(body_error, body_error->raised_event, parent_task_, false);
  nested_child_running_ = false;
  check_nursery_closed();
  if (!closed_) {
    // Waiting for the children is not a cancel point (Trio >= 0.23): a cancellation that
    // reaches the parent here is left to the children, whose errors say what happened.
    parent_waiting_in_aexit_ = true;
    Event e;
    e.kind = EventKind::nursery_waiting;
    e.task = parent_task_;
    e.nursery = id_;
    e.count = children_ + pending_starts_;
    r.emit(e);
    // Only check_nursery_closed() wakes us, with no exception: the abort always fails.
    (void)co_await WaitTaskRescheduled{abort_failed, "waits at the end of its nursery"};
  } else {
    // Nothing to wait for: still a schedule point, as every async call should have one.
    co_await cancel_shielded_checkpoint();
  }
  if (pending_excs_.empty()) co_return nullptr;
  Exc combined = (!strict_ && pending_excs_.size() == 1)
                     ? pending_excs_[0]
                     : make_group("Exceptions from Trio nursery", pending_excs_, /*loose=*/!strict_);
  Event e;
  e.kind = EventKind::group_formed;
  e.task = parent_task_;
  e.nursery = id_;
  e.exc = r.record_exc(combined);
  e.cause = first_exc_event_;
  std::int32_t formed = r.emit(e);
  if (combined->raised_event < 0) combined->raised_event = formed;
  co_return combined;
}

void Nursery::start_soon(Async<void> fn, std::string label) {
  if (closed_) raise(make_exc("RuntimeError", "Nursery is closed to new arrivals"));
  runner().spawn(std::move(fn), this, std::move(label));
}

Async<Value> Nursery::start(std::function<Async<void>(TaskStatus&)> fn, std::string label) {
  if (closed_) raise(make_exc("RuntimeError", "Nursery is closed to new arrivals"));
  Runner& r = runner();
  auto keep_open = shared_from_this();
  pending_starts_ += 1;
  // The status object belongs to the child task: it may call started() again after
  // start() has returned (and must then get the "twice" error).
  auto status = std::make_shared<TaskStatus>();
  Exc error;
  try {
    // Until started(), the child runs inside a hidden nursery in the caller, under the
    // caller's cancel scopes: cancelling the caller cancels the child, and the child's
    // early error comes out of start().
    NurseryOptions hidden;
    hidden.strict_exception_groups = true;
    hidden.for_start = true;
    co_await open_nursery(
        [&](Nursery& old) -> Async<void> {
          status->old_nursery_ = &old;
          status->new_nursery_ = this;
          Task& child = r.spawn(fn(*status), &old, label, status);
          status->task_ = child.id;
          Event e;
          e.kind = EventKind::start_waiting;
          e.task = r.current->id;
          e.nursery = id_;
          e.count = child.id;
          r.emit(e);
          co_return;
        },
        hidden);
  } catch (const Error& e) {
    error = e.exc;
  }
  pending_starts_ -= 1;
  check_nursery_closed();
  if (error) {
    // The hidden nursery is strict, so a lone error arrives wrapped; start() re-raises it
    // bare (Trio >= 0.23).
    if (error->is_group() && error->exceptions.size() == 1) throw Error(error->exceptions[0]);
    throw Error(error);
  }
  if (!status->value_) raise(make_exc("RuntimeError", "child exited without calling task_status.started()"));
  co_return *status->value_;
}

void TaskStatus::started(Value value) {
  if (value_) raise(make_exc("RuntimeError", "called 'started' twice on the same task status"));
  value_ = std::move(value);
  Runner& r = runner();
  CancelStatus* old_status = old_nursery_->scope_->status_;
  // Too late: start() was cancelled, so the child stays where it is and start() waits
  // for it to exit.
  if (old_status->effectively_cancelled) return;
  Task& child = r.task(task_);
  child.parent_nursery = new_nursery_;
  old_nursery_->children_ -= 1;
  new_nursery_->children_ += 1;
  // Move the child's cancel-status subtree (and the child itself, if it is directly in
  // the hidden nursery's status) under the new nursery.
  CancelStatus* new_status = new_nursery_->scope_->status_;
  std::vector<CancelStatus*> kids;
  for (CancelStatus* c = old_status->first_child; c; c = c->next_sibling) kids.push_back(c);
  std::vector<Task*> tasks;
  for (Task* t = old_status->first_task; t; t = t->next_in_status)
    if (t->id != old_nursery_->parent_task_) tasks.push_back(t);
  for (CancelStatus* c : kids) c->set_parent(nullptr);
  for (Task* t : tasks) t->activate_cancel_status(nullptr);
  for (CancelStatus* c : kids) c->set_parent(new_status);
  for (Task* t : tasks) t->activate_cancel_status(new_status);
  Event e;
  e.kind = EventKind::task_started;
  e.task = child.id;
  e.nursery = new_nursery_->id_;
  if (auto* i = std::get_if<std::int64_t>(&*value_)) e.count = std::int32_t(*i);
  e.text = r.intern(py_repr(*value_));
  r.emit(e);
  old_nursery_->check_nursery_closed();
}

namespace {
Async<void> open_nursery_impl(std::function<Async<void>(Nursery&)> body, NurseryOptions options) {
  Runner& r = runner();
  Task& t = current_task();
  std::int32_t id = std::int32_t(r.trace.nurseries.size());
  bool strict = options.strict_exception_groups.value_or(r.settings.strict_exception_groups);
  CancelScope::Options so;
  so.kind = ScopeKind::nursery;
  so.name = options.name;
  so.nursery = id;
  auto scope = std::make_shared<CancelScope>(so);
  NurseryInfo info;
  info.id = id;
  info.task = t.id;
  info.name = options.name;
  info.strict = strict;
  info.for_start = options.for_start;
  info.loc = t.loc;
  r.trace.nurseries.push_back(info);
  // Entering the nursery is not a checkpoint: its scope is entered and that is all.
  scope->enter();
  r.trace.nurseries[id].scope = scope->id();
  auto nursery = std::make_shared<Nursery>(id, t.id, scope, strict);
  r.register_nursery(nursery);
  {
    Event e;
    e.kind = EventKind::nursery_opened;
    e.task = t.id;
    e.nursery = id;
    e.scope = scope->id();
    e.flag = strict ? 1 : 0;
    r.emit(e);
  }
  Exc body_error;
  try {
    co_await body(*nursery);
  } catch (const Error& e) {
    body_error = e.exc;
  }
  // From here on the parent is at the end of the `async with`: waiting for children, and
  // re-raising their errors, happen on the `async with` line.
  t.loc = r.trace.nurseries[id].loc;
  Exc combined = co_await nursery->nested_child_finished(body_error);
  Exc rest = scope->close(combined);
  {
    Event e;
    e.kind = EventKind::nursery_closed;
    e.task = t.id;
    e.nursery = id;
    e.exc = rest ? r.record_exc(rest) : -1;
    r.emit(e);
  }
  if (rest) {
    Event e;
    e.kind = EventKind::nursery_reraise;
    e.task = t.id;
    e.nursery = id;
    e.exc = r.record_exc(rest);
    e.cause = rest->raised_event;
    r.emit(e);
    throw Error(rest);
  }
}
}  // namespace

Async<void> open_nursery(std::function<Async<void>(Nursery&)> body, NurseryOptions options) {
  return open_nursery_impl(std::move(body), std::move(options));
}

Async<void> open_nursery(std::function<Async<void>(Nursery&)> body) {
  return open_nursery_impl(std::move(body), NurseryOptions{});
}

std::string call_label(const std::string& function, const std::vector<Value>& args) {
  std::string s = function + "(";
  for (std::size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + py_repr(args[i]);
  return s + ")";
}

}  // namespace trio
