// [SECTION] Construction
// [SECTION] Which scope encloses which, and who is cancelled
// [SECTION] Bookkeeping shared by the events (scopes opening and closing, task ends)
// [SECTION] apply_next: one event
// [SECTION] What the screen shows
#include "view/snapshot.hpp"

#include <algorithm>
#include <cmath>

namespace trioscope::view {

using trio::Event;
using trio::EventKind;

// ---------------------------------------------------------------------------------------
// [SECTION] Construction
// ---------------------------------------------------------------------------------------

std::size_t Snapshot::bytes() const {
  return sizeof(Snapshot) + tasks.size() * sizeof(TaskSnap) + scopes.size() * sizeof(ScopeSnap) +
         nurseries.size() * sizeof(NurserySnap);
}

Snapshot initial_snapshot(const trio::Trace& trace) {
  Snapshot s;
  s.tasks.resize(trace.tasks.size());
  s.scopes.resize(trace.scopes.size());
  s.nurseries.resize(trace.nurseries.size());
  return s;
}

bool is_cancelled_exc(const trio::Trace& trace, std::int32_t exc) {
  if (exc < 0 || exc >= static_cast<std::int32_t>(trace.exceptions.size())) return false;
  const auto& e = trace.exceptions[exc];
  return e && e->type == "Cancelled";
}

bool is_alive(const TaskSnap& t) {
  return t.phase != TaskPhase::absent && t.phase != TaskPhase::finished &&
         t.phase != TaskPhase::crashed && t.phase != TaskPhase::cancelled;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Which scope encloses which, and who is cancelled
// ---------------------------------------------------------------------------------------

namespace {

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

std::int32_t scope_owner(const trio::Trace& trace, std::int32_t scope) {
  return trace.scopes[scope].task;
}

std::int32_t nursery_scope(const Snapshot& s, const trio::Trace& trace, std::int32_t nursery) {
  if (!valid(nursery, trace.nurseries.size())) return -1;
  const std::int32_t sc = trace.nurseries[nursery].scope;
  return valid(sc, s.scopes.size()) ? sc : -1;
}

}  // namespace

std::int32_t task_scope(const Snapshot& s, const trio::Trace& trace, std::int32_t task) {
  if (!valid(task, s.tasks.size())) return -1;
  const TaskSnap& t = s.tasks[task];
  if (t.scope >= 0) return t.scope;
  return nursery_scope(s, trace, t.nursery);
}

std::int32_t enclosing_scope(const Snapshot& s, const trio::Trace& trace, std::int32_t scope) {
  if (!valid(scope, s.scopes.size())) return -1;
  const ScopeSnap& sc = s.scopes[scope];
  if (sc.outer >= 0) return sc.outer;
  // The bottom of its task's own scopes: the task's nursery comes next.
  const std::int32_t owner = scope_owner(trace, scope);
  if (!valid(owner, s.tasks.size())) return -1;
  const std::int32_t above = nursery_scope(s, trace, s.tasks[owner].nursery);
  return above == scope ? -1 : above;
}

bool effectively_cancelled(const Snapshot& s, const trio::Trace& trace, std::int32_t scope) {
  if (valid(scope, s.scopes.size()) && s.scopes[scope].status == ScopeStatus::open) return s.scopes[scope].effective;
  // Bounded walk: a malformed trace must not hang the app.
  for (std::size_t guard = 0; scope >= 0 && guard <= s.scopes.size(); ++guard) {
    if (s.scopes[scope].cancelled) return true;
    if (trace.scopes[scope].shield) return false;
    scope = enclosing_scope(s, trace, scope);
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Bookkeeping shared by the events (scopes opening and closing, task ends)
// ---------------------------------------------------------------------------------------

namespace {

// Which scopes a cancellation of `target` reaches, for the scopes from `target` on: a scope
// encloses only scopes entered after it (its ids are smaller), so one pass in id order
// settles each from the one just outside it. reached[k] is scope target + k.
std::vector<char> reached_from(const Snapshot& s, const trio::Trace& trace, std::int32_t target) {
  const auto n = std::clamp(s.entered, target + 1, static_cast<std::int32_t>(s.scopes.size()));
  std::vector<char> reached(static_cast<std::size_t>(n - target), 0);
  reached[0] = 1;
  for (std::int32_t sc = target + 1; sc < n; ++sc) {
    if (s.scopes[sc].status != ScopeStatus::open || trace.scopes[sc].shield) continue;
    const std::int32_t up = enclosing_scope(s, trace, sc);
    if (up >= target && up < sc) reached[static_cast<std::size_t>(sc - target)] = reached[static_cast<std::size_t>(up - target)];
  }
  return reached;
}

// f(task) for every live task whose scope chain reaches `scope` without a shield: its own
// task, and of the tasks spawned since it was entered those under it (see first_task).
template <class F>
void for_each_task_under(const Snapshot& s, const trio::Trace& trace, std::int32_t scope, F&& f) {
  const std::int32_t n = static_cast<std::int32_t>(s.tasks.size());
  const std::int32_t owner = scope_owner(trace, scope);
  const std::vector<char> reached = reached_from(s, trace, scope);
  auto consider = [&](std::int32_t i) {
    if (!is_alive(s.tasks[i])) return;
    const std::int32_t from = task_scope(s, trace, i);
    if (from >= scope && static_cast<std::size_t>(from - scope) < reached.size() &&
        reached[static_cast<std::size_t>(from - scope)])
      f(i);
  };
  const std::int32_t first = std::clamp(s.scopes[scope].first_task, 0, n);
  if (valid(owner, s.tasks.size()) && owner < first) consider(owner);
  for (std::int32_t i = first, end = std::min(n, s.spawned); i < end; ++i) consider(i);
}

// Brings ScopeSnap::effective up to date for the open scopes from `from` on (after a
// cancellation, or a task moved by nursery.start()): in id order, each from the one outside.
void refresh_effective(Snapshot& s, const trio::Trace& trace, std::int32_t from) {
  const auto n = std::min(s.entered, static_cast<std::int32_t>(s.scopes.size()));
  for (std::int32_t sc = std::max(from, 0); sc < n; ++sc) {
    ScopeSnap& x = s.scopes[sc];
    if (x.status != ScopeStatus::open) continue;
    const std::int32_t up = enclosing_scope(s, trace, sc);
    x.effective = x.cancelled || (!trace.scopes[sc].shield && valid(up, s.scopes.size()) && up < sc &&
                                  s.scopes[up].status == ScopeStatus::open && s.scopes[up].effective);
  }
}

void update_pending(Snapshot& s, const trio::Trace& trace, std::int32_t task) {
  TaskSnap& t = s.tasks[task];
  std::int32_t from = task_scope(s, trace, task);
  // Once the parent is in the nursery's exit (waiting for the children, then combining
  // their errors), nothing there is a cancel point (Trio >= 0.23), and the nursery's scope
  // ends with it: only what encloses the nursery can still hit the parent.
  if (from >= 0 && trace.scopes[from].kind == trio::ScopeKind::nursery && scope_owner(trace, from) == task) {
    const std::int32_t n = trace.scopes[from].nursery;
    if (valid(n, s.nurseries.size()) && s.nurseries[n].parent_waiting) from = enclosing_scope(s, trace, from);
  }
  t.cancel_pending = is_alive(t) && !is_cancelled_exc(trace, t.live_exc) &&
                     effectively_cancelled(s, trace, from);
}

void close_scope(Snapshot& s, const trio::Trace& trace, std::int32_t scope, std::int32_t exc) {
  ScopeSnap& sc = s.scopes[scope];
  if (sc.status != ScopeStatus::open) return;
  sc.status = ScopeStatus::exited;
  sc.exit_exc = exc;
  const std::int32_t owner = scope_owner(trace, scope);
  if (!valid(owner, s.tasks.size())) return;
  TaskSnap& t = s.tasks[owner];
  if (t.scope == scope) {
    t.scope = sc.outer;
  } else {
    // Out of order (should not happen: scopes nest): unlink it from the chain.
    for (std::int32_t x = t.scope, guard = 0; x >= 0 && guard <= static_cast<std::int32_t>(s.scopes.size());
         x = s.scopes[x].outer, ++guard) {
      if (s.scopes[x].outer == scope) { s.scopes[x].outer = sc.outer; break; }
    }
  }
}

void open_scope(Snapshot& s, const trio::Trace& trace, std::int32_t scope, std::int32_t task) {
  ScopeSnap& sc = s.scopes[scope];
  if (sc.status != ScopeStatus::not_entered) return;
  sc.status = ScopeStatus::open;
  sc.first_task = s.spawned;
  s.entered = std::max(s.entered, scope + 1);
  if (!valid(task, s.tasks.size())) task = scope_owner(trace, scope);
  if (!valid(task, s.tasks.size())) return;
  sc.outer = s.tasks[task].scope;
  s.tasks[task].scope = scope;
  const std::int32_t up = enclosing_scope(s, trace, scope);
  sc.effective = !trace.scopes[scope].shield && valid(up, s.scopes.size()) && up < scope &&
                 s.scopes[up].status == ScopeStatus::open && s.scopes[up].effective;
}

// The line of the statement an event happened at belongs to the task executing it, which
// for task_spawned is the spawner (the event's task is the new child).
std::int32_t line_owner(const Snapshot& s, const Event& e) {
  return e.kind == EventKind::task_spawned ? s.running : e.task;
}

void finish_task(TaskSnap& t, const trio::Trace& trace, std::int32_t exc) {
  if (exc < 0) t.phase = TaskPhase::finished;
  else if (is_cancelled_exc(trace, exc)) t.phase = TaskPhase::cancelled;
  else t.phase = TaskPhase::crashed;
  t.final_exc = exc;
  t.live_exc = -1;
  t.handled_exc = -1;
  t.woken_exc = -1;
  t.cancel_pending = false;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] apply_next: one event
// ---------------------------------------------------------------------------------------

void apply_next(Snapshot& s, const trio::Trace& trace, const SourceBlocks* blocks) {
  const std::int32_t index = s.step + 1;
  if (!valid(index, trace.events.size())) return;
  const Event& e = trace.events[index];
  s.step = index;
  s.time = e.time;
  const std::size_t ntasks = s.tasks.size();
  const bool has_task = valid(e.task, ntasks);
  const bool has_scope = valid(e.scope, s.scopes.size());
  const bool has_nursery = valid(e.nursery, s.nurseries.size());
  TaskSnap dummy;
  TaskSnap& t = has_task ? s.tasks[e.task] : dummy;
  if (has_task) t.last_event = index;

  switch (e.kind) {
    case EventKind::run_started:
      s.run = RunStatus::running;
      if (has_task && t.phase == TaskPhase::absent) t.phase = TaskPhase::runnable;
      break;
    case EventKind::task_spawned:
      if (has_task) {
        t.phase = TaskPhase::runnable;
        t.nursery = e.nursery >= 0 ? e.nursery : trace.tasks[e.task].nursery;
        s.spawned = std::max(s.spawned, e.task + 1);
      }
      break;
    case EventKind::step_started:
      s.running = e.task;
      s.batch = e.count;
      if (has_task) t.phase = TaskPhase::running;
      break;
    case EventKind::step_ended:
      if (s.running == e.task) s.running = -1;
      if (has_task && t.phase == TaskPhase::running) t.phase = TaskPhase::runnable;
      break;
    case EventKind::schedule_point:
      t.wait = WaitKind::checkpoint;  // it stays running until step_ended makes it runnable
      break;
    case EventKind::sleeping:
      t.phase = TaskPhase::sleeping;
      t.until = e.until;
      t.wait = std::isinf(e.until) ? WaitKind::sleep_forever : WaitKind::sleep;
      break;
    case EventKind::woken:
      if (has_task && is_alive(t)) t.phase = TaskPhase::runnable;
      t.woken_exc = e.exc;
      break;
    case EventKind::blocking_started:
      t.phase = TaskPhase::blocking;
      t.until = e.until;
      break;
    case EventKind::blocking_ended:
      if (t.phase == TaskPhase::blocking) t.phase = TaskPhase::running;
      break;
    case EventKind::clock_jump:
      s.time = e.until;
      break;
    case EventKind::scope_entered:
      if (has_scope) open_scope(s, trace, e.scope, e.task);
      break;
    case EventKind::scope_exited:
      if (has_scope) close_scope(s, trace, e.scope, e.exc);
      break;
    case EventKind::scope_cancelled:
      if (has_scope) {
        ScopeSnap& sc = s.scopes[e.scope];
        sc.cancelled = true;
        sc.cancel_event = index;
        sc.source = static_cast<trio::CancelSource>(e.flag);
        refresh_effective(s, trace, e.scope);
        // The one event that changes other tasks: everyone under the scope learns of it.
        for_each_task_under(s, trace, e.scope, [&](std::int32_t i) { update_pending(s, trace, i); });
      }
      break;
    case EventKind::cancel_delivered:
      t.live_exc = e.exc;
      t.woken_exc = -1;
      break;
    case EventKind::scope_caught_cancelled:
      if (has_scope) {
        s.scopes[e.scope].caught = true;
        const std::int32_t owner = scope_owner(trace, e.scope);
        if (valid(owner, ntasks)) {
          TaskSnap& o = s.tasks[owner];
          // The Cancelled stops here; anything else in flight (a group's rest) goes on.
          if (is_cancelled_exc(trace, o.live_exc) || o.live_exc < 0) o.live_exc = -1;
          else if (trace.exceptions[o.live_exc] && trace.exceptions[o.live_exc]->is_group())
            o.live_exc = -1;
        }
      }
      break;
    case EventKind::raised:
      t.live_exc = e.exc;
      t.handled_exc = -1;
      break;
    case EventKind::handler_entered:
      t.handled_exc = e.exc;
      t.handler_line = e.loc.line;
      t.live_exc = -1;
      break;
    // The nursery's cancel scope is entered and left by its own scope_entered and
    // scope_exited events, which the engine records just before these two.
    case EventKind::nursery_opened:
      if (has_nursery) s.nurseries[e.nursery].status = NurseryStatus::open;
      break;
    case EventKind::nursery_waiting:
      if (has_nursery) {
        s.nurseries[e.nursery].waiting = e.count;
        s.nurseries[e.nursery].parent_waiting = true;
      }
      // The hidden nursery of nursery.start(): the caller is waiting in start(), which
      // says more than "waiting for children".
      if (!(has_nursery && trace.nurseries[e.nursery].for_start && t.phase == TaskPhase::waiting_start)) {
        t.phase = TaskPhase::waiting_children;
        t.count = e.count;
        t.wait = WaitKind::nursery_exit;
      }
      break;
    case EventKind::exception_to_nursery:
      if (has_nursery) {
        s.nurseries[e.nursery].errors += 1;
        s.nurseries[e.nursery].last_error = e.exc;
      }
      // From now on the nursery carries it, not the task (the body's error included).
      if (has_task && t.live_exc == e.exc) t.live_exc = -1;
      break;
    case EventKind::group_formed:
      if (has_nursery) s.nurseries[e.nursery].group_exc = e.exc;
      break;
    case EventKind::nursery_reraise:
      if (has_nursery) {
        const std::int32_t parent = trace.nurseries[e.nursery].task;
        if (valid(parent, ntasks)) {
          s.tasks[parent].live_exc = e.exc;
          s.tasks[parent].handled_exc = -1;
        }
      } else if (has_task) {
        t.live_exc = e.exc;
      }
      break;
    case EventKind::nursery_closed:
      if (has_nursery) {
        NurserySnap& n = s.nurseries[e.nursery];
        n.status = NurseryStatus::closed;
        n.parent_waiting = false;
      }
      break;
    case EventKind::start_waiting:
      t.phase = TaskPhase::waiting_start;
      t.count = e.count;
      t.wait = WaitKind::start;
      break;
    case EventKind::task_started:
      if (has_task && e.nursery >= 0) {
        t.nursery = e.nursery;
        // Its scopes (and what opened inside them) now sit under another nursery.
        std::int32_t bottom = t.scope;
        for (std::int32_t x = t.scope, guard = 0; valid(x, s.scopes.size()) && guard <= static_cast<std::int32_t>(s.scopes.size());
             x = s.scopes[x].outer, ++guard)
          bottom = x;
        if (bottom >= 0) refresh_effective(s, trace, bottom);
      }
      break;
    case EventKind::task_finished:
      if (has_task) finish_task(t, trace, e.exc);
      if (s.running == e.task) s.running = -1;
      break;
    case EventKind::print:
      break;
    case EventKind::run_finished:
      s.run_exc = e.exc;
      s.run = e.exc >= 0 ? RunStatus::raised : RunStatus::returned;
      s.running = -1;
      break;
    case EventKind::deadlock:
      s.run = RunStatus::deadlock;
      s.running = -1;
      break;
    case EventKind::budget_exhausted:
      s.run = RunStatus::budget_exhausted;
      s.running = -1;
      break;
  }

  const std::int32_t owner = line_owner(s, e);
  if (e.loc.line > 0 && valid(owner, ntasks)) {
    TaskSnap& o = s.tasks[owner];
    o.line = e.loc.line;
    if (blocks && o.handled_exc >= 0 && e.kind != EventKind::handler_entered &&
        !blocks->inside(o.handler_line, o.line))
      o.handled_exc = -1;
  }
  if (has_task && e.kind != EventKind::task_finished) update_pending(s, trace, e.task);
}

// ---------------------------------------------------------------------------------------
// [SECTION] What the screen shows
// ---------------------------------------------------------------------------------------

DisplayState display_state(const Snapshot& s, std::int32_t task) {
  if (!valid(task, s.tasks.size())) return DisplayState::absent;
  const TaskSnap& t = s.tasks[task];
  switch (t.phase) {
    case TaskPhase::absent: return DisplayState::absent;
    case TaskPhase::finished: return DisplayState::finished;
    case TaskPhase::crashed: return DisplayState::crashed;
    case TaskPhase::cancelled: return DisplayState::cancelled;
    case TaskPhase::blocking: return DisplayState::blocking;
    default: break;
  }
  // An exception on its way out says more than anything else; then the one task that is
  // executing; then a cancellation that is about to hit; then what it waits for.
  // An exception on its way out is what matters, unless the task is suspended (a finally
  // block that sleeps): then what it waits for is, and the exception waits with it.
  const bool suspended = t.phase == TaskPhase::sleeping || t.phase == TaskPhase::waiting_children ||
                         t.phase == TaskPhase::waiting_start;
  if (t.live_exc >= 0 && !suspended) return DisplayState::raising;
  if (t.phase == TaskPhase::running) return DisplayState::running;
  // Waiting at a nursery's end is not a cancel point: the task goes on waiting for its
  // children, whatever its scope says (the badge tells the cancellation).
  if (t.cancel_pending && t.phase != TaskPhase::waiting_children) return DisplayState::cancel_pending;
  if (t.handled_exc >= 0) return DisplayState::handling;
  switch (t.phase) {
    case TaskPhase::runnable: return DisplayState::runnable;
    case TaskPhase::sleeping: return DisplayState::sleeping;
    case TaskPhase::waiting_children: return DisplayState::waiting_children;
    case TaskPhase::waiting_start: return DisplayState::waiting_start;
    default: return DisplayState::runnable;
  }
}

std::vector<std::int32_t> tasks_covered_by(const Snapshot& s, const trio::Trace& trace,
                                           std::int32_t scope) {
  std::vector<std::int32_t> out;
  if (!valid(scope, s.scopes.size())) return out;
  for_each_task_under(s, trace, scope, [&](std::int32_t i) { out.push_back(i); });
  return out;
}

std::int32_t nursery_outcome(const Snapshot& s, const trio::Trace& trace, std::int32_t nursery, bool* left) {
  if (left) *left = false;
  if (!valid(nursery, s.nurseries.size()) || !valid(nursery, trace.nurseries.size())) return -1;
  const NurserySnap& n = s.nurseries[nursery];
  const std::int32_t sc = trace.nurseries[nursery].scope;
  if (n.group_exc < 0 || !valid(sc, s.scopes.size())) return n.group_exc;
  const ScopeSnap& ss = s.scopes[sc];
  if (ss.status == ScopeStatus::exited) {
    if (left) *left = true;
    return ss.exit_exc;
  }
  // The scope has taken its Cancelled out and is about to exit: what goes on is what its
  // exit carries (the next event or so of the trace).
  if (ss.caught) {
    if (left) *left = true;
    for (std::size_t i = static_cast<std::size_t>(std::max(0, s.step + 1)); i < trace.events.size(); ++i) {
      const trio::Event& e = trace.events[i];
      if (e.kind == trio::EventKind::scope_exited && e.scope == sc) return e.exc;
    }
  }
  return n.group_exc;
}

}  // namespace trioscope::view
