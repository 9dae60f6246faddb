// Captions: one function per EventKind, dispatched from caption().
//
// [SECTION] Helpers: names of tasks, nurseries and scopes
// [SECTION] Scheduling: run_started ... clock_jump
// [SECTION] Cancellation: scope_* and cancel_delivered
// [SECTION] Exceptions and nurseries: raised ... nursery_closed
// [SECTION] start(), task end, output, run end
// [SECTION] Dispatch
//
// Style: present tense, the program's own names (task labels as the transcript prints
// them, Trio's API as the listing spells it), and the consequence a student should notice
// ("... so no other task runs"). Numbers are virtual seconds.
#include "view/caption.hpp"

#include <algorithm>
#include <cmath>

#include "view/except_clause.hpp"
#include "view/run_stop.hpp"
#include "view/step_facts.hpp"
#include "view/text_cap.hpp"
#include "view/exc_text.hpp"

namespace trioscope::view {

using trio::Event;
using trio::EventKind;

// ---------------------------------------------------------------------------------------
// [SECTION] Helpers: names of tasks, nurseries and scopes
// ---------------------------------------------------------------------------------------
namespace {

struct Ctx {
  const trio::Trace& t;
  const Snapshot& before;
  const Snapshot& after;
  const Event& e;
  std::int32_t index;
  const SourceBlocks* blocks;

  std::string task() const { return task_label(t, e.task); }
  std::string exc() const { return describe_exc(t, e.exc); }
};

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// Starts a sentence with a phrase; code (trio.move_on_after...) keeps its spelling.
std::string capitalized(std::string s) {
  if (s.rfind("the ", 0) == 0) s[0] = 'T';
  else if (s.rfind("trio.", 0) == 0) s = "The scope " + s;
  return s;
}

std::string at_time(double x) { return "t = " + format_seconds(x); }

std::int32_t nursery_owner(const trio::Trace& t, std::int32_t n) {
  return valid(n, t.nurseries.size()) ? t.nurseries[n].task : -1;
}

// "resilient_parent's nursery"
std::string nursery_name(const trio::Trace& t, std::int32_t n) {
  if (!valid(n, t.nurseries.size())) return "the nursery";
  const auto& info = t.nurseries[n];
  if (info.for_start) return "the hidden nursery of nursery.start() in " + task_label(t, info.task);
  return task_label(t, info.task) + "'s nursery";
}

std::string line_suffix(const Event& e) {
  return e.loc.line > 0 ? " (line " + std::to_string(e.loc.line) + ")" : "";
}

// The checkpoint a task waits in (or last waited in), for "gets Cancelled at ..., trio.sleep".
std::string wait_name(const TaskSnap& t) {
  switch (t.wait) {
    case WaitKind::sleep: return "trio.sleep";
    case WaitKind::sleep_forever: return "trio.sleep_forever";
    case WaitKind::checkpoint: return "trio.lowlevel.checkpoint";
    case WaitKind::start: return "nursery.start";
    case WaitKind::nursery_exit: return "the end of its nursery";
    case WaitKind::none: return "";
  }
  return "";
}

// Only a task that is suspended right now is "in" its checkpoint.
std::string current_wait_name(const TaskSnap& t) {
  const bool suspended = t.phase == TaskPhase::sleeping || t.phase == TaskPhase::waiting_start;
  return suspended ? wait_name(t) : "";
}

// The checkpoint as the code spells it, "`await trio.sleep(0)` (line 19)", when the listing
// is at hand and `line` is an await; else `fallback` (the Trio call behind it).
std::string checkpoint_text(const Ctx& c, std::uint32_t line, const std::string& fallback) {
  if (c.blocks && line > 0) {
    const std::string_view st = c.blocks->statement(line);
    if (st.starts_with("await ")) return "`" + std::string(st) + "` (line " + std::to_string(line) + ")";
  }
  return fallback;
}

// The tasks a cancellation just reached: not cancel-pending before, cancel-pending after.
std::vector<std::int32_t> newly_pending(const Ctx& c) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < c.after.tasks.size(); ++i)
    if (c.after.tasks[i].cancel_pending && !c.before.tasks[i].cancel_pending)
      out.push_back(static_cast<std::int32_t>(i));
  return out;
}

// Live tasks that are inside `scope` but behind a shield: the cancellation stops there.
std::vector<std::int32_t> shielded_inside(const Ctx& c, std::int32_t scope) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < c.after.tasks.size(); ++i) {
    const auto id = static_cast<std::int32_t>(i);
    if (!is_alive(c.after.tasks[i])) continue;
    bool shielded = false;
    std::int32_t x = task_scope(c.after, c.t, id);
    for (std::size_t guard = 0; x >= 0 && guard <= c.after.scopes.size(); ++guard) {
      if (x == scope) {
        if (shielded) out.push_back(id);
        break;
      }
      if (c.t.scopes[x].shield) shielded = true;
      x = enclosing_scope(c.after, c.t, x);
    }
  }
  return out;
}

// "child('Well-behaved', 3) gets Cancelled at its next checkpoint, trio.sleep."
std::string reach_sentence(const Ctx& c, std::int32_t scope) {
  std::vector<std::int32_t> hit = newly_pending(c), waiting;
  // A parent waiting at its nursery's end is not interrupted: say so apart. So is the
  // task that is running right now (often the one that called cancel()).
  std::erase_if(hit, [&](std::int32_t id) {
    if (c.after.tasks[id].phase != TaskPhase::waiting_children) return false;
    waiting.push_back(id);
    return true;
  });
  std::int32_t self = -1;
  std::erase_if(hit, [&](std::int32_t id) {
    if (id != c.after.running) return false;
    self = id;
    return true;
  });
  std::string out;
  if (hit.empty() && (!waiting.empty() || self >= 0)) {
    out.clear();
  } else if (hit.empty()) {
    out = "No task in it is left to cancel.";
  } else {
    std::vector<std::string> names;
    for (auto id : hit) names.push_back(task_label(c.t, id));
    std::string where = current_wait_name(c.after.tasks[hit[0]]);
    for (auto id : hit)
      if (current_wait_name(c.after.tasks[id]) != where) where.clear();
    const bool one = hit.size() == 1;
    if (one && !where.empty()) where = checkpoint_text(c, c.after.tasks[hit[0]].line, where);
    out = join_names(names) + (one ? " gets" : " get") + " Cancelled at " +
          (one ? "its" : "their") + " next checkpoint";
    if (!where.empty()) out += one ? ", " + where : (hit.size() == 2 ? " (both are in " : " (all are in ") + where + ")";
    out += ".";
    for (auto id : hit) {
      if (c.after.tasks[id].phase == TaskPhase::blocking) {
        out += " " + task_label(c.t, id) +
               " is inside time.sleep, which is not a checkpoint: it keeps the loop frozen until it returns.";
        break;
      }
    }
  }
  if (self >= 0)
    out += std::string(out.empty() ? "" : " ") + task_label(c.t, self) +
           ", which is running, is inside it too: it gets Cancelled only if it reaches another checkpoint.";
  if (!waiting.empty()) {
    std::vector<std::string> names;
    for (auto id : waiting) names.push_back(task_label(c.t, id));
    const bool one = waiting.size() == 1;
    out += std::string(out.empty() ? "" : " ") + join_names(names) + (one ? " keeps" : " keep") +
           " waiting at the end of " + (one ? "its" : "their") + " nursery: that wait is not a checkpoint.";
  }
  const std::vector<std::int32_t> safe = shielded_inside(c, scope);
  if (!safe.empty()) {
    std::vector<std::string> names;
    for (auto id : safe) names.push_back(task_label(c.t, id));
    out += " " + join_names(names) + (safe.size() == 1 ? " is" : " are") +
           " behind a shield and " + (safe.size() == 1 ? "keeps" : "keep") + " going.";
  }
  return out;
}

}  // namespace

std::string pending_checkpoint(const Snapshot& s, std::int32_t task) {
  if (!valid(task, s.tasks.size())) return "";
  return current_wait_name(s.tasks[task]);
}

std::string describe_scope(const trio::Trace& t, std::int32_t scope) {
  if (!valid(scope, t.scopes.size())) return "a cancel scope";
  const trio::ScopeInfo& s = t.scopes[scope];
  const std::string as = s.name.empty() ? "" : " as " + s.name;
  const std::string shield = s.shield ? "shield=True" : "";
  switch (s.kind) {
    case trio::ScopeKind::move_on_after:
      return "trio.move_on_after(" + format_number(s.relative) + (s.shield ? ", " + shield : "") + ")" + as;
    case trio::ScopeKind::fail_after:
      return "trio.fail_after(" + format_number(s.relative) + (s.shield ? ", " + shield : "") + ")" + as;
    case trio::ScopeKind::cancel_scope:
      return "trio.CancelScope(" + shield + ")" + as;
    case trio::ScopeKind::nursery:
      return "the cancel scope of " + nursery_name(t, s.nursery);
  }
  return "a cancel scope";
}

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Scheduling: run_started ... clock_jump
// ---------------------------------------------------------------------------------------

std::string caption_run_started(const Ctx& c) {
  return "trio.run starts the program: " + c.task() + " is the main task, and the only one so far.";
}

std::string caption_task_spawned(const Ctx& c) {
  if (c.e.nursery < 0) return "trio.run creates the main task, " + c.task() + ".";
  const std::int32_t owner = nursery_owner(c.t, c.e.nursery);
  const std::string spawner = task_label(c.t, c.before.running >= 0 ? c.before.running : owner);
  if (c.t.nurseries[c.e.nursery].for_start)
    return spawner + " calls nursery.start(): " + c.task() + " begins in a hidden nursery inside " +
           task_label(c.t, owner) + " and stays there until it calls task_status.started().";
  return spawner + " calls start_soon: " + c.task() + " is created in " + nursery_name(c.t, c.e.nursery) +
         ". start_soon is not a checkpoint, so " + c.task() + " first runs in the next batch.";
}

std::string caption_step_started(const Ctx& c) {
  const TaskSnap& b = c.before.tasks[c.e.task];
  if (c.e.flag) return c.task() + " runs for the first time (batch " + std::to_string(c.e.count) + ").";
  if (b.woken_exc >= 0)
    return "The scheduler resumes " + c.task() + ", which must now raise " + describe_exc(c.t, b.woken_exc) + ".";
  return "The scheduler resumes " + c.task() + " (batch " + std::to_string(c.e.count) + ").";
}

// What the scheduler does next, from the tasks' states after a step ends: run another
// task, wait for a deadline, or finish the run. "the scheduler moves on to ..." or, after
// "the scheduler, which", "runs ...".
std::string scheduler_next(const Ctx& c, bool which) {
  bool runnable = false, alive = false;
  for (const TaskSnap& t : c.after.tasks) {
    runnable |= t.phase == TaskPhase::runnable;
    alive |= is_alive(t);
  }
  if (runnable) return which ? "runs the next runnable task." : "the scheduler moves on to the next runnable task.";
  if (alive)
    return which ? "has no runnable task now: it waits for the next deadline."
                 : "no task is runnable now, so the scheduler waits for the next deadline.";
  return which ? "has no task left: trio.run is about to finish." : "no task is left, so trio.run is about to finish.";
}

std::string caption_step_ended(const Ctx& c) {
  const TaskSnap& a = c.after.tasks[c.e.task];
  switch (a.phase) {
    case TaskPhase::finished:
    case TaskPhase::crashed:
    case TaskPhase::cancelled:
      return c.task() + " has ended; " + scheduler_next(c, false);
    case TaskPhase::sleeping:
      return c.task() + " is asleep, so control goes back to the scheduler, which " + scheduler_next(c, true);
    case TaskPhase::waiting_children:
    case TaskPhase::waiting_start:
      return c.task() + " is waiting, so control goes back to the scheduler.";
    default:
      return c.task() + " yields to the scheduler; it runs again in the next batch.";
  }
}

std::string caption_schedule_point(const Ctx& c) {
  return c.task() + " reaches a checkpoint: it lets the other runnable tasks go first and runs again in the next batch.";
}

std::string caption_sleeping(const Ctx& c) {
  if (std::isinf(c.e.until))
    return c.task() + " calls trio.sleep_forever(): only a cancellation can wake it.";
  return c.task() + " calls trio.sleep: it sleeps until " + at_time(c.e.until) +
         ". A sleep is a checkpoint, so other tasks can run meanwhile.";
}

// The task whose time.sleep had the loop frozen at virtual time `at` (-1: none found). A
// block freezes everything, so the last one that started at or before `at` is the only
// one that can cover it.
std::int32_t blocker_at(const Ctx& c, double at) {
  constexpr std::int32_t kLookBack = 100000;  // a caption must stay cheap on a huge trace
  for (std::int32_t i = c.index - 1; i >= 0 && i >= c.index - kLookBack; --i) {
    const Event& e = c.t.events[i];
    if (e.kind == EventKind::blocking_started && e.time <= at) return e.until >= at ? e.task : -1;
  }
  return -1;
}

std::string caption_woken(const Ctx& c) {
  const TaskSnap& b = c.before.tasks[c.e.task];
  if (c.e.exc >= 0) {
    const std::string w = current_wait_name(b);
    return c.task() + " is woken early: its cancel scope was cancelled, so " +
           (w.empty() ? std::string("its wait") : w) + " ends with " + c.exc() + " when it runs next.";
  }
  switch (b.phase) {
    case TaskPhase::sleeping: {
      if (c.after.time > b.until + 1e-9) {
        // Only a blocked loop wakes a sleeper late in virtual time: say who blocked it.
        const std::int32_t blocker = blocker_at(c, b.until);
        return c.task() + "'s sleep was due at " + at_time(b.until) + ", but it wakes only now, at " +
               at_time(c.after.time) + ": " + format_seconds(c.after.time - b.until) + " s late, because " +
               (blocker >= 0 ? "time.sleep in " + task_label(c.t, blocker) + " blocked the loop"
                             : std::string("the loop was blocked")) +
               ". It is runnable again.";
      }
      return c.task() + "'s sleep is over at " + at_time(c.after.time) + ": it is runnable again.";
    }
    case TaskPhase::waiting_children:
      return "The last child of " + c.task() + "'s nursery has finished: " + c.task() +
             " can leave the async with block.";
    case TaskPhase::waiting_start:
      return "The new task called task_status.started(): nursery.start() in " + c.task() + " can return.";
    default:
      return c.task() + " becomes runnable.";
  }
}

std::string caption_blocking_started(const Ctx& c) {
  return c.task() + " calls time.sleep: the whole event loop freezes for " +
         format_seconds(c.e.until - c.e.time) + " s, until " + at_time(c.e.until) +
         ". time.sleep is not a checkpoint, so no other task runs and no cancellation can reach " + c.task() +
         " meanwhile.";
}

std::string caption_blocking_ended(const Ctx& c) {
  return "time.sleep in " + c.task() + " returns at " + at_time(c.after.time) +
         ". The loop was frozen all that time: other tasks could not run, and nothing could cancel " + c.task() +
         ".";
}

std::string caption_clock_jump(const Ctx& c) {
  return "Every task is waiting, so virtual time jumps ahead to " + at_time(c.e.until) + ", the next deadline.";
}

// ---------------------------------------------------------------------------------------
// [SECTION] Cancellation: scope_* and cancel_delivered
// ---------------------------------------------------------------------------------------

std::string caption_scope_entered(const Ctx& c) {
  if (!valid(c.e.scope, c.t.scopes.size())) return c.task() + " enters a cancel scope.";
  const trio::ScopeInfo& s = c.t.scopes[c.e.scope];
  const std::string name = describe_scope(c.t, c.e.scope);
  const std::string shield = s.shield ? " It is shielded: cancellations from outside cannot reach the code inside." : "";
  switch (s.kind) {
    case trio::ScopeKind::move_on_after:
      return c.task() + " enters " + name + ": if the block is still running at " + at_time(s.deadline) +
             ", it is cancelled and the program moves on after it." + shield;
    case trio::ScopeKind::fail_after:
      return c.task() + " enters " + name + ": if the block is still running at " + at_time(s.deadline) +
             ", it is cancelled and raises TooSlowError." + shield;
    case trio::ScopeKind::cancel_scope:
      if (s.shield)
        return c.task() + " enters " + name + ": cancellations from outside cannot reach the code inside it.";
      return c.task() + " enters " + name + (s.name.empty() ? "" : ": " + s.name + ".cancel() will cancel everything inside it") + ".";
    case trio::ScopeKind::nursery:
      return c.task() + " enters " + name + ": cancelling it cancels the body and every child.";
  }
  return c.task() + " enters " + name + ".";
}

std::string caption_scope_exited(const Ctx& c) {
  const std::string name = describe_scope(c.t, c.e.scope);
  if (c.e.exc >= 0) return c.exc() + " propagates out of " + name + " in " + c.task() + ".";
  if (valid(c.e.scope, c.after.scopes.size()) && c.after.scopes[c.e.scope].caught)
    return c.task() + " leaves " + name + " (cancelled_caught is True) and carries on after the with block.";
  return c.task() + " leaves " + name + ".";
}

std::string caption_scope_cancelled(const Ctx& c) {
  const std::string reach = reach_sentence(c, c.e.scope);
  const auto source = static_cast<trio::CancelSource>(c.e.flag);
  const trio::ScopeInfo* s = valid(c.e.scope, c.t.scopes.size()) ? &c.t.scopes[c.e.scope] : nullptr;
  switch (source) {
    case trio::CancelSource::nursery: {
      // Who failed: the event that caused this, else the nursery's newest error.
      std::int32_t failed = -1, exc = -1;
      if (valid(c.e.cause, c.t.events.size())) {
        failed = c.t.events[c.e.cause].task;
        exc = c.t.events[c.e.cause].exc;
      }
      const std::int32_t n = s ? s->nursery : -1;
      if (exc < 0 && valid(n, c.after.nurseries.size())) exc = c.after.nurseries[n].last_error;
      const std::int32_t owner = nursery_owner(c.t, n);
      const std::string type = exc >= 0 ? exc_type(c.t, exc) : "an exception";
      if (failed >= 0 && failed == owner)
        return "The body of " + nursery_name(c.t, n) + " raised " + type + ". The nursery cancels its children: " + reach;
      const std::string who = failed >= 0 ? task_label(c.t, failed) : "A child";
      return who + " raised " + type + ". Its nursery cancels the other children: " + reach;
    }
    case trio::CancelSource::deadline:
      return "The deadline of " + describe_scope(c.t, c.e.scope) + " (" + at_time(s ? s->deadline : c.e.time) +
             ") has passed: the scope is cancelled. " + reach;
    case trio::CancelSource::explicit_: {
      std::int32_t who = c.before.running >= 0 ? c.before.running : (s ? s->task : -1);
      if (valid(c.e.cause, c.t.events.size()) && c.t.events[c.e.cause].task >= 0) who = c.t.events[c.e.cause].task;
      std::string call;
      if (s && s->kind == trio::ScopeKind::nursery) {
        const std::string var = valid(s->nursery, c.t.nurseries.size()) ? c.t.nurseries[s->nursery].name : "";
        call = (var.empty() ? "nursery" : var) + ".cancel_scope.cancel()";
      } else {
        call = (s && !s->name.empty() ? s->name : "scope") + ".cancel()";
      }
      const std::string what = s && s->kind == trio::ScopeKind::nursery ? "everything in " + nursery_name(c.t, s->nursery)
                                                                        : "everything inside " + describe_scope(c.t, c.e.scope);
      return task_label(c.t, who) + " calls " + call + ": " + what + " is cancelled. " + reach;
    }
    default:
      return capitalized(describe_scope(c.t, c.e.scope)) + " is cancelled. " + reach;
  }
}

std::string caption_cancel_delivered(const Ctx& c) {
  const std::string w = checkpoint_text(c, c.e.loc.line, wait_name(c.before.tasks[c.e.task]));
  std::string where = w.empty() ? "its checkpoint" : "its checkpoint, " + w;
  std::string until = "the scope that was cancelled";
  if (valid(c.e.scope, c.t.scopes.size())) until = describe_scope(c.t, c.e.scope);
  return c.task() + " gets Cancelled at " + where + ". The exception unwinds the task, through any finally blocks, up to " +
         until + ".";
}

std::string caption_scope_caught_cancelled(const Ctx& c) {
  const std::string name = describe_scope(c.t, c.e.scope);
  const trio::ScopeInfo* s = valid(c.e.scope, c.t.scopes.size()) ? &c.t.scopes[c.e.scope] : nullptr;
  const std::string owner = task_label(c.t, s ? s->task : c.e.task);
  if (s && s->kind == trio::ScopeKind::nursery) {
    std::string out = capitalized(name) + " absorbs the Cancelled: the cancellation was the nursery's own, so it ends here.";
    // What goes on without it (step_facts.hpp: the tree's chip and the timeline say the same).
    if (const std::int32_t rest = current_exception(c.t, c.after); rest >= 0)
      out += " " + describe_exc(c.t, rest) + " goes on.";
    return out;
  }
  std::string out = capitalized(name) + " in " + owner + " catches the Cancelled: the cancellation was its own, so it stops here (cancelled_caught = True).";
  if (s && s->kind == trio::ScopeKind::fail_after) out += " fail_after turns it into TooSlowError.";
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Exceptions and nurseries: raised ... nursery_closed
// ---------------------------------------------------------------------------------------

std::string caption_raised(const Ctx& c) {
  const trio::PyException* p = valid(c.e.exc, c.t.exceptions.size()) ? c.t.exceptions[c.e.exc].get() : nullptr;
  if (p && p->raised_event >= 0 && p->raised_event < c.index)
    return c.task() + " re-raises " + c.exc() + line_suffix(c.e) + ".";
  return c.task() + " raises " + c.exc() + line_suffix(c.e) + ".";
}

std::string caption_handler_entered(const Ctx& c) {
  // Quote the handler when the listing is at hand: except and except* read differently.
  std::string_view header = c.blocks ? c.blocks->statement(c.e.loc.line) : std::string_view();
  if (header.starts_with("except")) {
    if (header.ends_with(":")) header.remove_suffix(1);
    const bool star = header.starts_with("except*");
    return c.task() + (star ? " receives " : " catches ") + c.exc() + " in `" + std::string(header) + "`" +
           line_suffix(c.e) + ": the handler runs now.";
  }
  return c.task() + " catches " + c.exc() + ": its except block" + line_suffix(c.e) + " runs now.";
}

std::string caption_nursery_opened(const Ctx& c) {
  if (valid(c.e.nursery, c.t.nurseries.size()) && c.t.nurseries[c.e.nursery].for_start)
    return c.task() + " calls nursery.start(): Trio opens a hidden nursery in " + c.task() +
           " that holds the new task until it calls task_status.started().";
  const std::string strict = c.e.flag
      ? " Errors will leave it wrapped in an ExceptionGroup (strict_exception_groups=True)."
      : " A single error will leave it unwrapped (strict_exception_groups=False).";
  return c.task() + " opens a nursery" + line_suffix(c.e) + ": tasks started in it cannot outlive the async with block." + strict;
}

std::string caption_nursery_waiting(const Ctx& c) {
  const std::string n = thousands(static_cast<std::size_t>(std::max(0, c.e.count)));
  std::string out = c.task() + " reaches the end of the async with block and waits there for its " +
                    (c.e.count == 1 ? std::string("child") : n + " children") + " to finish.";
  if (valid(c.e.nursery, c.after.nurseries.size()) && c.after.nurseries[c.e.nursery].errors > 0)
    out += " The nursery already holds an error, so they are being cancelled.";
  return out;
}

std::string caption_exception_to_nursery(const Ctx& c) {
  const std::int32_t owner = nursery_owner(c.t, c.e.nursery);
  const std::int32_t k = valid(c.e.nursery, c.after.nurseries.size()) ? c.after.nurseries[c.e.nursery].errors : 1;
  const std::string held = " (" + std::to_string(k) + (k == 1 ? " error" : " errors") + " so far).";
  if (c.e.task == owner)
    return c.exc() + " leaves the body of " + nursery_name(c.t, c.e.nursery) +
           "; the nursery keeps it with its children's errors" + held;
  std::string out = c.exc() + " leaves " + c.task() + " and reaches " + nursery_name(c.t, c.e.nursery) + held;
  if (is_cancelled_exc(c.t, c.e.exc)) out += " A Cancelled is dropped later if the cancellation was the nursery's own.";
  return out;
}

std::string caption_group_formed(const Ctx& c) {
  const std::string nursery = nursery_name(c.t, c.e.nursery);
  const trio::PyException* p = valid(c.e.exc, c.t.exceptions.size()) ? c.t.exceptions[c.e.exc].get() : nullptr;
  const bool strict = valid(c.e.nursery, c.t.nurseries.size()) ? c.t.nurseries[c.e.nursery].strict : true;
  const std::int32_t k = valid(c.e.nursery, c.after.nurseries.size()) ? c.after.nurseries[c.e.nursery].errors : 0;
  const std::string errs = k == 1 ? "its error" : "its " + std::to_string(k) + " errors";
  if (p && !p->is_group())
    return "Every child of " + nursery + " is done. With strict_exception_groups=False a single error leaves the nursery as it is: " +
           c.exc() + ".";
  if (strict)
    return "Every child of " + nursery + " is done. The nursery wraps " + errs + " in " + c.exc() +
           " (strict_exception_groups=True).";
  std::string out = "Every child of " + nursery + " is done. The nursery combines " + errs + " into " + c.exc() + ".";
  if (p && p->loose) out += " It is a loose group (strict_exception_groups=False): once the nursery's own Cancelled is removed, a lone error comes out bare.";
  return out;
}

// The event that stops what leaves `task` at step `from`: the task's next except handler
// (handler_entered) or cancel scope absorbing a Cancelled (scope_caught_cancelled), before
// it finishes (-1: it finishes, or the trace ends, without one).
std::int32_t next_catch(const Ctx& c, std::int32_t task, std::int32_t from) {
  constexpr std::int32_t kLookAhead = 100000;
  const auto n = static_cast<std::int32_t>(c.t.events.size());
  for (std::int32_t i = from + 1; i < n && i <= from + kLookAhead; ++i) {
    const Event& e = c.t.events[i];
    const bool scope_of_task = e.kind == EventKind::scope_caught_cancelled && valid(e.scope, c.t.scopes.size()) &&
                               c.t.scopes[e.scope].task == task;
    if (scope_of_task) return i;
    if (e.task != task) continue;
    if (e.kind == EventKind::handler_entered) return i;
    if (e.kind == EventKind::task_finished) return -1;
  }
  return -1;
}

// Why the except clauses around `line` let `exc` go past: a sentence per clause that does
// not match it (at most two). "" without the listing or without such clauses.
std::string missed_clauses(const Ctx& c, std::uint32_t line, std::int32_t exc) {
  if (!c.blocks || line == 0 || !valid(exc, c.t.exceptions.size()) || !c.t.exceptions[exc]) return "";
  const trio::PyException& p = *c.t.exceptions[exc];
  std::string out;
  int said = 0;
  for (std::uint32_t h : c.blocks->handlers_around(line)) {
    ExceptClause clause;
    if (!parse_except(c.blocks->statement(h), clause) || match(clause, p) != ClauseMatch::misses) continue;
    if (said++ == 2) break;
    std::string why = why_missed(clause, p, exc_type(c.t, exc));
    // "`except ValueError` (line 25) does not match..."
    const auto tick = why.find('`', 1);
    if (tick != std::string::npos) why.insert(tick + 1, " (line " + std::to_string(h) + ")");
    out += (out.empty() ? "" : " ") + why;
  }
  return out;
}

// "`except* ValueError` (line 29)": the clause a handler_entered event ran.
std::string clause_of(const Ctx& c, const Event& handler) {
  ExceptClause clause;
  if (c.blocks && parse_except(c.blocks->statement(handler.loc.line), clause))
    return "`" + clause.text + "`" + line_suffix(handler);
  return "Its except block" + line_suffix(handler);
}

std::string caption_nursery_reraise(const Ctx& c) {
  const std::int32_t owner = nursery_owner(c.t, c.e.nursery);
  const std::int32_t who = owner >= 0 ? owner : c.e.task;
  const std::string out = c.exc() + " is raised out of the async with block in " + task_label(c.t, who) + line_suffix(c.e) + ".";
  const std::int32_t h = next_catch(c, who, c.index);
  if (h >= 0 && c.t.events[h].kind == EventKind::scope_caught_cancelled)
    return out + " " + capitalized(describe_scope(c.t, c.t.events[h].scope)) +
           " around it absorbs it next: the cancellation was its own.";
  if (h >= 0) return out + " " + clause_of(c, c.t.events[h]) + " catches it next.";
  const std::string missed = missed_clauses(c, c.e.loc.line, c.e.exc);
  if (!missed.empty()) return out + " " + missed + " So it keeps going up.";
  return out + " Nothing in " + task_label(c.t, who) + " catches it, so it keeps going up.";
}

std::string caption_nursery_closed(const Ctx& c) {
  const std::int32_t owner = nursery_owner(c.t, c.e.nursery);
  const std::string who = task_label(c.t, owner >= 0 ? owner : c.e.task);
  // The event carries what leaves the `async with` (the re-raise comes after it).
  if (c.e.exc >= 0)
    return capitalized(nursery_name(c.t, c.e.nursery)) + " is closed: every child is accounted for. Its errors leave the "
           "async with block in " + who + " as " + c.exc() + ".";
  return capitalized(nursery_name(c.t, c.e.nursery)) + " is closed: every child is accounted for, and " + who +
         " continues after the async with block.";
}

// ---------------------------------------------------------------------------------------
// [SECTION] start(), task end, output, run end
// ---------------------------------------------------------------------------------------

std::string caption_start_waiting(const Ctx& c) {
  return c.task() + " waits in nursery.start() until " + task_label(c.t, c.e.count) +
         " calls task_status.started().";
}

std::string caption_task_started(const Ctx& c) {
  std::int32_t caller = -1;
  if (valid(c.e.task, c.t.tasks.size())) caller = nursery_owner(c.t, c.t.tasks[c.e.task].nursery);
  return c.task() + " calls task_status.started(): it moves into " + nursery_name(c.t, c.e.nursery) +
         ", and nursery.start() in " + task_label(c.t, caller) + " can return.";
}

std::string caption_task_finished(const Ctx& c) {
  if (c.e.exc < 0) return c.task() + " returns: it is finished.";
  if (is_cancelled_exc(c.t, c.e.exc)) return c.task() + " ends with Cancelled: it was cancelled.";
  std::int32_t nursery = valid(c.e.task, c.before.tasks.size()) ? c.before.tasks[c.e.task].nursery : -1;
  if (nursery < 0) return c.task() + " crashes with " + c.exc() + "; the main task's error leaves trio.run.";
  return c.task() + " crashes with " + c.exc() + "; the error goes to " + nursery_name(c.t, nursery) + ".";
}

std::string caption_print(const Ctx& c) {
  return c.task() + " prints \"" + shown_text(c.t.text(c.e)) + "\".";
}

std::string caption_run_finished(const Ctx& c) {
  if (c.e.exc < 0) return "trio.run returns at " + at_time(c.after.time) + ": every task has finished.";
  std::string out = "trio.run raises " + c.exc() + ": nothing caught it, so the program ends with this error.";
  // Where it left the main task's code, to say why the handlers there let it pass.
  std::int32_t main = 0;
  for (std::size_t i = 0; i < c.t.tasks.size(); ++i)
    if (c.t.tasks[i].is_main) main = static_cast<std::int32_t>(i);
  for (std::int32_t i = c.index - 1; i >= 0 && i >= c.index - 100000; --i) {
    const Event& e = c.t.events[i];
    const bool leaves = e.kind == EventKind::nursery_reraise || e.kind == EventKind::raised;
    const std::int32_t who = e.kind == EventKind::nursery_reraise ? nursery_owner(c.t, e.nursery) : e.task;
    if (!leaves || who != main || e.loc.line == 0) continue;
    if (e.exc != c.e.exc && describe_exc(c.t, e.exc) != c.exc()) continue;
    const std::string missed = missed_clauses(c, e.loc.line, c.e.exc);
    if (!missed.empty()) out += " " + missed;
    break;
  }
  return out;
}

std::string caption_deadlock(const Ctx& c) {
  const std::string d(c.t.text(c.e));
  return "Deadlock: " + (d.empty() ? std::string("every task waits forever and no deadline is pending, so real Trio would hang here.") : shown_text(d));
}

std::string caption_budget_exhausted(const Ctx& c) {
  // The engine's own diagnosis counts its internal work too; the step number is the one
  // the screen shows.
  const trio::Limit l = stopping_limit(c.e);
  return "The run was stopped at step " + thousands(static_cast<std::size_t>(c.index)) + ": " + limit_reached(l) +
         ". " + limit_advice(l);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Dispatch
// ---------------------------------------------------------------------------------------

std::string caption(const trio::Trace& trace, const Snapshot& before, const Snapshot& after,
                    const SourceBlocks* blocks) {
  if (after.step < 0) return "trio.run has not started yet.";
  if (!valid(after.step, trace.events.size())) return "";
  const Event& e = trace.events[after.step];
  // Events that name a task need it to exist; a malformed trace gets a neutral caption.
  const bool needs_task = e.kind != EventKind::clock_jump && e.kind != EventKind::run_finished &&
                          e.kind != EventKind::deadlock && e.kind != EventKind::budget_exhausted &&
                          e.kind != EventKind::scope_cancelled && e.kind != EventKind::group_formed &&
                          e.kind != EventKind::nursery_closed && e.kind != EventKind::nursery_reraise &&
                          e.kind != EventKind::scope_caught_cancelled && e.kind != EventKind::exception_to_nursery;
  if (needs_task && !valid(e.task, trace.tasks.size()))
    return std::string("Step ") + std::to_string(after.step) + ": " + trio::event_kind_name(e.kind) + ".";
  const Ctx c{trace, before, after, e, after.step, blocks};
  switch (e.kind) {
    case EventKind::run_started: return caption_run_started(c);
    case EventKind::task_spawned: return caption_task_spawned(c);
    case EventKind::step_started: return caption_step_started(c);
    case EventKind::step_ended: return caption_step_ended(c);
    case EventKind::schedule_point: return caption_schedule_point(c);
    case EventKind::sleeping: return caption_sleeping(c);
    case EventKind::woken: return caption_woken(c);
    case EventKind::blocking_started: return caption_blocking_started(c);
    case EventKind::blocking_ended: return caption_blocking_ended(c);
    case EventKind::clock_jump: return caption_clock_jump(c);
    case EventKind::scope_entered: return caption_scope_entered(c);
    case EventKind::scope_exited: return caption_scope_exited(c);
    case EventKind::scope_cancelled: return caption_scope_cancelled(c);
    case EventKind::cancel_delivered: return caption_cancel_delivered(c);
    case EventKind::scope_caught_cancelled: return caption_scope_caught_cancelled(c);
    case EventKind::raised: return caption_raised(c);
    case EventKind::handler_entered: return caption_handler_entered(c);
    case EventKind::nursery_opened: return caption_nursery_opened(c);
    case EventKind::nursery_waiting: return caption_nursery_waiting(c);
    case EventKind::exception_to_nursery: return caption_exception_to_nursery(c);
    case EventKind::group_formed: return caption_group_formed(c);
    case EventKind::nursery_reraise: return caption_nursery_reraise(c);
    case EventKind::nursery_closed: return caption_nursery_closed(c);
    case EventKind::start_waiting: return caption_start_waiting(c);
    case EventKind::task_started: return caption_task_started(c);
    case EventKind::task_finished: return caption_task_finished(c);
    case EventKind::print: return caption_print(c);
    case EventKind::run_finished: return caption_run_finished(c);
    case EventKind::deadlock: return caption_deadlock(c);
    case EventKind::budget_exhausted: return caption_budget_exhausted(c);
  }
  return "";
}

}  // namespace trioscope::view
