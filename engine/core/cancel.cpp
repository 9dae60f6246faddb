// Cancel scopes (where a cancellation starts) and the cancel-status tree (how it reaches
// tasks). Trio: _core/_run.py, "CancelScope and friends".
//
// [SECTION] CancelStatus
// [SECTION] CancelScope
// [SECTION] timeouts
#include <cmath>

#include "core/runner_impl.hpp"

namespace trio {

// ---- [SECTION] CancelStatus ------------------------------------------------------------------------

CancelStatus::CancelStatus(CancelScope* s, CancelStatus* p) : scope(s) {
  set_parent(p);
  // A root status (the main task's first scope) has no parent to recalculate it; a scope
  // entered already cancelled (move_on_after(0)) must still start out cancelled.
  if (!p) recalculate();
}

bool CancelStatus::parent_cancellation_is_visible_to_us() const {
  return parent && !scope->shield() && parent->effectively_cancelled;
}

void CancelStatus::add_task(Task* t) {
  t->prev_in_status = last_task;
  t->next_in_status = nullptr;
  (last_task ? last_task->next_in_status : first_task) = t;
  last_task = t;
}

void CancelStatus::remove_task(Task* t) {
  (t->prev_in_status ? t->prev_in_status->next_in_status : first_task) = t->next_in_status;
  (t->next_in_status ? t->next_in_status->prev_in_status : last_task) = t->prev_in_status;
  t->prev_in_status = t->next_in_status = nullptr;
}

void CancelStatus::set_parent(CancelStatus* p) {
  if (parent) {
    (prev_sibling ? prev_sibling->next_sibling : parent->first_child) = next_sibling;
    (next_sibling ? next_sibling->prev_sibling : parent->last_child) = prev_sibling;
    prev_sibling = next_sibling = nullptr;
  }
  parent = p;
  if (parent) {
    prev_sibling = parent->last_child;
    (parent->last_child ? parent->last_child->next_sibling : parent->first_child) = this;
    parent->last_child = this;
    recalculate();
  }
}

namespace {

// A blocked task that a cancellation wakes (its abort succeeds). The parent waiting at the
// end of its nursery is blocked too, but its abort fails: nothing happens to it.
bool wakes_on_cancel(const Task* t) { return t->abort_fn && t->abort_fn != abort_failed; }

}  // namespace

// Whether the walk of recalculate() would wake any task here or below, now that this
// status's parent has just become cancelled. Delivery never changes the tree, so this is
// exact: the walk descends only into statuses whose state changes.
bool CancelStatus::walk_would_wake() {
  std::vector<CancelStatus*> todo{this};
  while (!todo.empty()) {
    CancelStatus* cur = todo.back();
    todo.pop_back();
    // Its parent is (or is about to be) cancelled, so it becomes cancelled unless shielded.
    bool new_state = cur->scope->cancel_called_ || !cur->scope->shield_;
    if (!new_state || cur->effectively_cancelled) continue;
    for (Task* t = cur->first_task; t; t = t->next_in_status)
      if (wakes_on_cancel(t)) return true;
    for (CancelStatus* k = cur->first_child; k; k = k->next_sibling) todo.push_back(k);
  }
  return false;
}

void CancelStatus::recalculate() {
  // The common case (a new scope inside an uncancelled one) changes nothing: answer it
  // without building the walk.
  if ((scope->cancel_called_ || parent_cancellation_is_visible_to_us()) == effectively_cancelled) return;
  Runner& r = runner();
  // An explicit stack rather than recursion: nesting depth is the program's to choose.
  std::vector<CancelStatus*> todo{this};
  std::vector<Task*> woken;
  std::vector<CancelStatus*> waking, quiet;
  while (!todo.empty()) {
    CancelStatus* cur = todo.back();
    todo.pop_back();
    bool new_state = cur->scope->cancel_called_ || cur->parent_cancellation_is_visible_to_us();
    if (new_state == cur->effectively_cancelled) continue;
    // A scope that an outer cancellation reaches first takes on that reason.
    if (!cur->scope->reason_ && cur->parent_cancellation_is_visible_to_us())
      cur->scope->reason_ = cur->parent->scope->reason_;
    cur->effectively_cancelled = new_state;
    if (!new_state || !r.choosing()) {
      // The documented order: tasks in the order they joined, children first to last.
      if (new_state) {
        for (Task* t = cur->first_task; t;) {
          Task* next = t->next_in_status;  // delivery never moves a task, but be safe
          t->attempt_delivery_of_any_pending_cancel();
          t = next;
        }
      }
      // Pushed last-first so that the first child is visited first.
      for (CancelStatus* c = cur->last_child; c; c = c->prev_sibling) todo.push_back(c);
      continue;
    }
    // Trio walks `_tasks` and `_children`, both sets, so any order of the tasks woken here,
    // and any order of the subtrees below, can happen. Only what wakes somebody is a choice:
    // the order of the rest changes nothing.
    woken.clear();
    for (Task* t = cur->first_task; t; t = t->next_in_status)
      if (wakes_on_cancel(t)) woken.push_back(t);
    if (woken.size() > 1) r.choose_order(ChoiceKind::cancel_fanout, woken);
    for (Task* t : woken) t->attempt_delivery_of_any_pending_cancel();
    waking.clear();
    quiet.clear();
    for (CancelStatus* c = cur->first_child; c; c = c->next_sibling) (c->walk_would_wake() ? waking : quiet).push_back(c);
    if (waking.size() > 1) r.choose_order(ChoiceKind::cancel_fanout, waking);
    // The stack pops last-pushed first: quiet subtrees go in first (visited last).
    for (CancelStatus* c : quiet) todo.push_back(c);
    for (auto it = waking.rbegin(); it != waking.rend(); ++it) todo.push_back(*it);
  }
}

void CancelStatus::close() { set_parent(nullptr); }

CancelScope* cancel_origin(CancelStatus* s) {
  CancelScope* origin = nullptr;
  while (s && s->effectively_cancelled) {
    if (s->scope->cancel_called_) origin = s->scope;
    if (!s->parent_cancellation_is_visible_to_us()) break;
    s = s->parent;
  }
  return origin;
}

// ---- [SECTION] CancelScope ---------------------------------------------------------------------------

namespace {
constexpr std::int32_t kHidden = -2;  // id_ of a scope the trace does not show
}

CancelScope::CancelScope(Options o)
    : kind_(o.kind),
      name_(std::move(o.name)),
      deadline_(o.deadline),
      relative_(o.relative),
      shield_(o.shield),
      nursery_(o.nursery) {
  if (o.hidden) id_ = kHidden;
}

CancelScope::~CancelScope() {
  Runner* r = runner_or_null();
  if (registered_deadline_ != inf && r && !r->tearing_down) r->unregister_deadline(registration_);
  delete status_;  // only non-null when a run is torn down mid-flight
}

bool CancelScope::hidden() const { return id_ == kHidden; }

void CancelScope::update_registered_deadline() {
  double want = (status_ && !cancel_called_ && std::isfinite(deadline_)) ? deadline_ : inf;
  if (want == registered_deadline_) return;
  Runner& r = runner();
  if (registered_deadline_ != inf) r.unregister_deadline(registration_);
  registered_deadline_ = want;
  if (want != inf) registration_ = r.register_deadline(want, this);
}

void CancelScope::enter() {
  Runner& r = runner();
  Task& t = current_task();
  if (entered_)
    raise(make_exc("RuntimeError", "Each CancelScope may only be used for a single 'with' block"));
  entered_ = true;
  entered_at_ = t.loc;
  // Trio >= 0.27: move_on_after / fail_after fix their deadline when entered.
  if (relative_ != inf) deadline_ = r.now + relative_;
  if (!hidden()) {
    id_ = std::int32_t(r.trace.scopes.size());
    ScopeInfo info;
    info.id = id_;
    info.kind = kind_;
    info.name = name_;
    info.task = t.id;
    if (CancelScope* p = visible_scope(t.cancel_status)) info.parent = p->id_;
    info.nursery = nursery_;
    info.shield = shield_;
    info.relative = relative_;
    info.deadline = deadline_;
    info.loc = t.loc;
    r.trace.scopes.push_back(info);
    Event e;
    e.kind = EventKind::scope_entered;
    e.task = t.id;
    e.scope = id_;
    e.nursery = nursery_;
    e.until = deadline_;
    r.emit(e);
  }
  if (r.now >= deadline_) cancel_internal(CancelSource::deadline, -1);
  status_ = new CancelStatus(this, t.cancel_status);
  t.activate_cancel_status(status_);
  update_registered_deadline();
}

Exc CancelScope::close(Exc exc) {
  Task& t = current_task();
  t.activate_cancel_status(status_->parent);
  // The outermost cancelled scope catches: an inner one that can see its parent's
  // cancellation lets Cancelled pass, so that the scope that owns it ends the unwinding.
  if (exc && status_->effectively_cancelled && !status_->parent_cancellation_is_visible_to_us()) {
    bool caught = false;
    if (is_cancelled(*exc)) {
      caught = true;
      exc = nullptr;
    } else if (exc->is_group()) {
      auto [matched, rest] = split(exc, [](const PyException& e) { return is_cancelled(e); });
      caught = matched != nullptr;
      exc = rest ? collapse_exception_group(rest) : nullptr;
    }
    if (caught) {
      cancelled_caught_ = true;
      emit_scope_event(EventKind::scope_caught_cancelled, t.id, nullptr);
    }
  }
  status_->close();
  delete status_;
  status_ = nullptr;
  update_registered_deadline();
  emit_scope_event(EventKind::scope_exited, t.id, exc);
  return exc;
}

void CancelScope::emit_scope_event(EventKind kind, std::int32_t task, const Exc& exc) {
  if (hidden()) return;
  Runner& r = runner();
  Event e;
  e.kind = kind;
  e.task = task;
  e.scope = id_;
  e.nursery = nursery_;
  e.exc = exc ? r.record_exc(exc) : -1;
  r.emit(e);
}

void CancelScope::cancel_internal(CancelSource source, std::int32_t cause, std::string reason,
                                  std::string source_task) {
  if (cancel_called_) return;
  Runner& r = runner();
  cancel_source_ = source;
  cancel_called_ = true;
  if (!hidden() && id_ >= 0) {
    Event e;
    e.kind = EventKind::scope_cancelled;
    e.task = r.current ? r.current->id : -1;
    e.scope = id_;
    e.nursery = nursery_;
    e.flag = std::uint8_t(source);
    e.cause = cause;
    cancel_event_ = r.emit(e);
  }
  if (!reason_)
    reason_ = std::make_shared<const CancelReason>(CancelReason{source, std::move(reason), std::move(source_task), cancel_event_});
  if (status_) {
    update_registered_deadline();
    status_->recalculate();
  }
}

void CancelScope::cancel() {
  Runner& r = runner();
  cancel_internal(CancelSource::explicit_, -1, {}, r.current ? task_repr(r.current->id) : std::string());
}

bool CancelScope::cancel_called() {
  if ((status_ || !entered_) && !cancel_called_ && runner().now >= deadline_)
    cancel_internal(CancelSource::deadline, -1);
  return cancel_called_;
}

CancelScope* visible_scope(CancelStatus* s) {
  for (; s; s = s->parent)
    if (!s->scope->hidden()) return s->scope;
  return nullptr;
}

// ---- [SECTION] timeouts --------------------------------------------------------------------------

namespace {
CancelScope::Options relative_scope(ScopeKind kind, double seconds, bool shield) {
  if (seconds < 0) raise(make_exc("ValueError", "`seconds` must be non-negative"));
  if (std::isnan(seconds)) raise(make_exc("ValueError", "`seconds` must not be NaN"));
  CancelScope::Options o;
  o.kind = kind;
  o.relative = seconds;
  o.shield = shield;
  return o;
}
}  // namespace

CancelScope::Options move_on_after(double seconds, bool shield) {
  return relative_scope(ScopeKind::move_on_after, seconds, shield);
}

CancelScope::Options fail_after(double seconds, bool shield) {
  return relative_scope(ScopeKind::fail_after, seconds, shield);
}

CancelScope::Options hidden_scope(double deadline) {
  CancelScope::Options o;
  o.deadline = deadline;
  o.hidden = true;
  return o;
}

Async<void> with(CancelScope& scope, std::function<Async<void>()> body) {
  scope.enter();
  Exc error;
  try {
    co_await body();
  } catch (const Error& e) {
    error = e.exc;
  }
  // Leaving the block (and a TooSlowError) happens on the `with` line.
  current_task().loc = scope.entered_at();
  Exc rest = scope.close(error);
  if (rest) throw Error(rest);  // already recorded where it was raised
  // fail_after is move_on_after plus this: a deadline that fired becomes TooSlowError.
  if (scope.kind() == ScopeKind::fail_after && scope.cancelled_caught()) raise(make_exc("TooSlowError"));
}

}  // namespace trio
