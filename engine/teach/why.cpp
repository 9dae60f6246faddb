// [SECTION] Events in a few words
// [SECTION] Causes
// [SECTION] Why isn't this task running?
// [SECTION] As text
#include "teach/why.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/task_state.hpp"

namespace trioscope::teach {

using trio::Event;
using trio::EventKind;

namespace {

// The `woken` event's flag: why the task was made runnable (core's WakeReason).
constexpr std::uint8_t kWokenByTimer = 1;
constexpr std::uint8_t kWokenCancelled = 2;

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }
std::string at(double t) { return "t = " + view::format_seconds(t); }

std::string line_words(std::uint32_t line, const view::SourceBlocks* blocks) {
  if (!line) return "";
  std::string s = " (line " + std::to_string(line);
  if (blocks) {
    const std::string_view st = blocks->statement(line);
    if (!st.empty() && st.size() <= 60) s += ": " + std::string(st);
  }
  return s + ")";
}

std::string nursery_words(const trio::Trace& t, std::int32_t n) {
  if (!valid(n, t.nurseries.size())) return "the nursery";
  const trio::NurseryInfo& info = t.nurseries[n];
  if (info.for_start) return "the nursery.start() of " + view::task_label(t, info.task);
  return view::task_label(t, info.task) + "'s nursery";
}

}  // namespace

const char* why_kind_name(WhyKind k) {
  switch (k) {
    case WhyKind::not_started: return "not started";
    case WhyKind::runnable: return "runnable";
    case WhyKind::running: return "running";
    case WhyKind::sleeping: return "sleeping";
    case WhyKind::sleeping_forever: return "sleeping forever";
    case WhyKind::frozen: return "frozen";
    case WhyKind::blocking: return "blocking";
    case WhyKind::waiting_children: return "waiting for children";
    case WhyKind::waiting_start: return "waiting in nursery.start";
    case WhyKind::cancel_pending: return "cancel pending";
    case WhyKind::raising: return "raising";
    case WhyKind::handling: return "handling";
    case WhyKind::finished: return "finished";
    case WhyKind::crashed: return "crashed";
    case WhyKind::cancelled: return "cancelled";
  }
  return "";
}

// ---------------------------------------------------------------------------------------
// [SECTION] Events in a few words
// ---------------------------------------------------------------------------------------

std::string event_phrase(const trio::Trace& t, std::int32_t step, const view::SourceBlocks* blocks) {
  if (!valid(step, t.events.size())) return "before the run";
  const Event& e = t.events[step];
  const std::string who = e.task >= 0 ? view::task_label(t, e.task) : std::string();
  const std::string exc = view::describe_exc(t, e.exc);
  const std::string line = line_words(e.loc.line, blocks);
  switch (e.kind) {
    case EventKind::run_started: return "trio.run starts " + who;
    case EventKind::task_spawned:
      return e.nursery < 0 ? "trio.run starts " + who : who + " is started in " + nursery_words(t, e.nursery) + line;
    case EventKind::step_started: return "Trio resumes " + who + " (batch " + std::to_string(e.count) + ")";
    case EventKind::step_ended: return who + " yields to the scheduler" + line;
    case EventKind::schedule_point: return who + " passes a checkpoint" + line;
    case EventKind::sleeping:
      return std::isinf(e.until) ? who + " sleeps forever" + line
                                 : who + " sleeps until " + at(e.until) + line;
    case EventKind::woken:
      if (e.flag == kWokenByTimer) return who + "'s sleep ends: it is runnable again";
      if (e.flag == kWokenCancelled) return who + " is woken to get Cancelled";
      {
        // What woke it, when the trace says: its nursery's last child, or a started() call.
        const std::int32_t c = cause_of(t, step);
        if (c >= 0 && t.events[c].kind == EventKind::task_finished)
          return who + " can go on: " + view::task_label(t, t.events[c].task) + " was the last child it waited for";
        if (c >= 0 && t.events[c].kind == EventKind::task_started)
          return who + " can go on: " + view::task_label(t, t.events[c].task) + " called task_status.started()";
      }
      return who + " is made runnable";
    case EventKind::blocking_started:
      return who + " calls time.sleep until " + at(e.until) + line + ": the whole program freezes";
    case EventKind::blocking_ended: return who + "'s time.sleep returns: the program runs again";
    case EventKind::clock_jump: return "every task waits, so the clock jumps to " + at(e.until);
    case EventKind::scope_entered: return who + " enters " + view::describe_scope(t, e.scope) + line;
    case EventKind::scope_exited:
      return who + " leaves " + view::describe_scope(t, e.scope) + (e.exc >= 0 ? " with " + exc : std::string());
    case EventKind::scope_cancelled: {
      const std::string scope = view::describe_scope(t, e.scope);
      switch (static_cast<trio::CancelSource>(e.flag)) {
        case trio::CancelSource::deadline:
          return "the deadline " + at(valid(e.scope, t.scopes.size()) ? t.scopes[e.scope].deadline : e.time) + " of " +
                 scope + " passes: the scope is cancelled";
        case trio::CancelSource::nursery: return scope + " is cancelled because a task in it failed";
        case trio::CancelSource::explicit_:
          return (who.empty() ? std::string("cancel()") : who + " calls cancel()") + " on " + scope + line;
        default: return scope + " is cancelled";
      }
    }
    case EventKind::cancel_delivered: return who + " gets Cancelled at its checkpoint" + line;
    case EventKind::scope_caught_cancelled: return view::describe_scope(t, e.scope) + " catches the Cancelled it caused";
    case EventKind::raised: return who + " raises " + exc + line;
    case EventKind::handler_entered: return who + "'s handler" + line + " catches " + exc;
    case EventKind::nursery_opened: return who + " opens a nursery" + line;
    case EventKind::nursery_waiting:
      return who + " waits at the end of `async with` for " + std::to_string(e.count) +
             (e.count == 1 ? " child" : " children") + line;
    case EventKind::exception_to_nursery: return exc + " from " + who + " reaches " + nursery_words(t, e.nursery);
    case EventKind::group_formed: return nursery_words(t, e.nursery) + " combines its errors into " + exc;
    case EventKind::nursery_reraise: return exc + " leaves the `async with` of " + nursery_words(t, e.nursery);
    case EventKind::nursery_closed: return nursery_words(t, e.nursery) + " closes";
    case EventKind::start_waiting: return who + " waits in nursery.start() for " + view::task_label(t, e.count) + line;
    case EventKind::task_started: return who + " calls task_status.started()" + line;
    case EventKind::task_finished: return e.exc >= 0 ? who + " ends with " + exc : who + " returns";
    case EventKind::print: return who + " prints \"" + std::string(t.text(e)) + "\"";
    case EventKind::run_finished: return e.exc >= 0 ? "trio.run raises " + exc : "trio.run returns";
    case EventKind::deadlock: return "deadlock: every task waits forever";
    case EventKind::budget_exhausted: return "the run's event budget is spent";
  }
  return trio::event_kind_name(e.kind);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Causes
// ---------------------------------------------------------------------------------------

namespace {

// The freeze (blocking_started) that covers time `when` before `step`, or -1.
std::int32_t freeze_over(const trio::Trace& t, std::int32_t step, double when) {
  for (std::int32_t i = step - 1; i >= 0; --i) {
    const Event& e = t.events[i];
    if (e.kind == EventKind::blocking_started && e.time <= when && e.until > when) return i;
    if (e.time < when) break;
  }
  return -1;
}

// The step that ran task `task` at event `step`: its step_started before it.
std::int32_t running_step(const trio::Trace& t, std::int32_t step, std::int32_t task) {
  for (std::int32_t i = step - 1; i >= 0; --i) {
    const Event& e = t.events[i];
    if (e.task != task) continue;
    if (e.kind == EventKind::step_started) return i;
    if (e.kind == EventKind::step_ended) return -1;
  }
  return -1;
}

bool is_root(const trio::Trace& t, const Event& e) {
  switch (e.kind) {
    case EventKind::raised: return !view::is_cancelled_exc(t, e.exc);
    case EventKind::blocking_started:
    case EventKind::task_spawned:
    case EventKind::run_started: return true;
    default: return false;
  }
}

std::int32_t implied_cause(const trio::Trace& t, std::int32_t step) {
  const Event& e = t.events[step];
  switch (e.kind) {
    case EventKind::woken:
      if (e.flag == kWokenByTimer) {
        // Its sleep ended; late, when a time.sleep held the clock.
        for (std::int32_t i = step - 1; i >= 0; --i) {
          const Event& f = t.events[i];
          if (f.task != e.task || f.kind != EventKind::sleeping) continue;
          if (e.time > f.until) {
            const std::int32_t freeze = freeze_over(t, step, f.until);
            if (freeze >= 0) return freeze;
          }
          return i;
        }
        return -1;
      }
      // Just started: the start_soon that made it.
      if (step > 0 && t.events[step - 1].kind == EventKind::task_spawned && t.events[step - 1].task == e.task)
        return step - 1;
      // A parent woken at its nursery's end: the child that finished last.
      for (std::int32_t i = step - 1; i >= 0 && i >= step - 64; --i) {
        const Event& f = t.events[i];
        if (f.kind == EventKind::task_finished && valid(f.task, t.tasks.size())) {
          const std::int32_t n = t.tasks[f.task].nursery;
          if (valid(n, t.nurseries.size()) && t.nurseries[n].task == e.task) return i;
        }
        if (f.kind == EventKind::task_started && f.task >= 0) return i;
      }
      return -1;
    case EventKind::scope_cancelled:
      if (static_cast<trio::CancelSource>(e.flag) == trio::CancelSource::deadline && valid(e.scope, t.scopes.size()) &&
          e.time > t.scopes[e.scope].deadline)
        return freeze_over(t, step, t.scopes[e.scope].deadline);
      if (static_cast<trio::CancelSource>(e.flag) == trio::CancelSource::explicit_ && e.task >= 0)
        return -1;  // the cancel() call is the root
      return -1;
    case EventKind::blocking_ended:
      for (std::int32_t i = step - 1; i >= 0; --i)
        if (t.events[i].task == e.task && t.events[i].kind == EventKind::blocking_started) return i;
      return -1;
    case EventKind::run_finished:
      for (std::int32_t i = step - 1; i >= 0; --i)
        if (t.events[i].kind == EventKind::task_finished && valid(t.events[i].task, t.tasks.size()) &&
            t.tasks[t.events[i].task].is_main)
          return i;
      return -1;
    default: break;
  }
  if (e.exc >= 0 && valid(e.exc, t.exceptions.size()) && t.exceptions[e.exc]) {
    const std::int32_t r = t.exceptions[e.exc]->raised_event;
    if (r >= 0 && r < step) return r;
    // A group: the `async with` it left, then the nursery that formed it.
    if (e.kind != EventKind::nursery_reraise)
      for (std::int32_t i = step - 1; i >= 0 && i >= step - 4096; --i)
        if (t.events[i].kind == EventKind::nursery_reraise && t.events[i].exc == e.exc) return i;
    if (e.nursery >= 0)
      for (std::int32_t i = step - 1; i >= 0; --i)
        if (t.events[i].kind == EventKind::group_formed && t.events[i].nursery == e.nursery) return i;
  }
  if (e.task >= 0 && e.kind != EventKind::step_started) return running_step(t, step, e.task);
  return -1;
}

}  // namespace

std::int32_t cause_of(const trio::Trace& t, std::int32_t step) {
  if (!valid(step, t.events.size())) return -1;
  const Event& e = t.events[step];
  if (e.cause >= 0 && e.cause < step) return e.cause;
  if (e.kind == EventKind::scope_cancelled && static_cast<trio::CancelSource>(e.flag) == trio::CancelSource::explicit_)
    return -1;  // the cancel() call
  if (e.kind == EventKind::scope_cancelled && static_cast<trio::CancelSource>(e.flag) == trio::CancelSource::deadline)
    return implied_cause(t, step);  // the deadline, unless a freeze held it back
  return implied_cause(t, step);
}

CauseChain why_event(const trio::Trace& t, std::int32_t step, const view::SourceBlocks* blocks) {
  CauseChain c;
  c.question = "Why did this happen? (step " + std::to_string(step) + ")";
  if (!valid(step, t.events.size())) return c;
  std::int32_t cur = step;
  for (int n = 0; cur >= 0 && n < 40; ++n) {
    c.links.push_back({event_phrase(t, cur, blocks), cur});
    // The step asked about may itself be a root (a raise): then the chain says why its task
    // was there; any later root ends it.
    if (cur != step && is_root(t, t.events[cur])) break;
    const std::int32_t next = cause_of(t, cur);
    if (next < 0 || next >= cur) break;
    cur = next;
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Why isn't this task running?
// ---------------------------------------------------------------------------------------

namespace {

struct Asker {
  const trio::Trace& t;
  const view::Snapshot& s;
  std::int32_t task;
  const view::SourceBlocks* blocks;

  std::string who(std::int32_t k) const { return view::task_label(t, k); }
  std::string line(std::uint32_t l) const { return line_words(l, blocks); }
  std::int32_t n() const { return static_cast<std::int32_t>(t.events.size()); }

  // The first event of `task` after this step matching `pred`.
  template <class P>
  std::int32_t next_event(P&& pred) const {
    for (std::int32_t i = s.step + 1; i < n(); ++i)
      if (t.events[i].task == task && pred(t.events[i])) return i;
    return -1;
  }
  template <class P>
  std::int32_t last_event(P&& pred, std::int32_t k) const {
    for (std::int32_t i = std::min(s.step, n() - 1); i >= 0; --i)
      if (t.events[i].task == k && pred(t.events[i])) return i;
    return -1;
  }

  Link event_link(const char* lead, std::int32_t step) const {
    return {std::string(lead) + event_phrase(t, step, blocks) + " (" + at(t.events[step].time) + ")", step};
  }

  // What could cancel it: the scopes around it, innermost first, up to a shield.
  void scopes_around(TaskAnswer& a) const {
    std::int32_t sc = view::task_scope(s, t, task);
    std::vector<std::string> lines;
    for (int guard = 0; sc >= 0 && guard < 64; ++guard) {
      const trio::ScopeInfo& info = t.scopes[sc];
      std::string l = view::describe_scope(t, sc);
      if (!std::isinf(info.deadline) && info.deadline > 0) l += ", whose deadline is " + at(info.deadline);
      else if (info.kind == trio::ScopeKind::nursery) l += ", if a task in that nursery fails or it is cancelled";
      if (info.shield) {
        lines.push_back(l + " (shielded: no cancellation from outside gets past it)");
        break;
      }
      lines.push_back(l);
      sc = view::enclosing_scope(s, t, sc);
    }
    if (lines.empty()) return;
    a.details.push_back({"What could wake it sooner: a cancellation of a scope around it:"});
    for (const std::string& l : lines) a.details.push_back({"  \xE2\x80\xA2 " + l});
  }

  // When (and how) it next runs in this run.
  void next_run(TaskAnswer& a) const {
    const std::int32_t w = next_event([](const Event& e) { return e.kind == EventKind::woken; });
    if (w >= 0) a.details.push_back(event_link("In this run: ", w));
  }

  // The cancelled scope that makes it cancel pending.
  std::int32_t cancelled_scope() const {
    for (std::int32_t sc = view::task_scope(s, t, task), guard = 0; sc >= 0 && guard < 64;
         sc = view::enclosing_scope(s, t, sc), ++guard) {
      if (s.scopes[sc].cancelled) return sc;
      if (t.scopes[sc].shield) break;
    }
    return -1;
  }

  void cancel_pending(TaskAnswer& a) const {
    const std::int32_t sc = cancelled_scope();
    const view::TaskSnap& ts = s.tasks[task];
    const std::string where = view::pending_checkpoint(s, task);
    a.kind = WhyKind::cancel_pending;
    a.answer = "Its cancellation is pending: " + (sc >= 0 ? view::describe_scope(t, sc) : std::string("a scope around it")) +
               " is cancelled, and it gets Cancelled at its next checkpoint" +
               (where.empty() || blocks ? std::string() : " (" + where + ")") + line(ts.line) + ".";
    if (sc >= 0 && s.scopes[sc].cancel_event >= 0) a.details.push_back(event_link("It began here: ", s.scopes[sc].cancel_event));
    a.details.push_back({"Trio never stops a task in the middle of its code: Cancelled arrives only at a checkpoint "
                         "(an await such as trio.sleep)."});
    const std::int32_t d = next_event([](const Event& e) { return e.kind == EventKind::cancel_delivered; });
    if (d >= 0) a.details.push_back(event_link("In this run: ", d));
  }

  TaskAnswer answer() const {
    TaskAnswer a;
    const std::string me = who(task);
    a.question = "Why isn't " + me + " running?";
    const view::TaskSnap& ts = s.tasks[task];
    const view::DisplayState st = view::display_state(s, task);
    // Someone is inside time.sleep: nothing else can run, whatever it waits for.
    std::int32_t blocker = -1;
    for (std::size_t k = 0; k < s.tasks.size(); ++k)
      if (static_cast<std::int32_t>(k) != task && s.tasks[k].phase == view::TaskPhase::blocking) blocker = static_cast<std::int32_t>(k);
    if (blocker >= 0 && view::is_alive(ts) && ts.phase != view::TaskPhase::absent) {
      const view::TaskSnap& b = s.tasks[blocker];
      a.kind = WhyKind::frozen;
      a.answer = "It is frozen: " + who(blocker) + " is inside time.sleep until " + at(b.until) + line(b.line) +
                 ", and while it is, no other task runs, no deadline fires and no cancellation arrives.";
      const std::int32_t bs = last_event([](const Event& e) { return e.kind == EventKind::blocking_started; }, blocker);
      if (bs >= 0) a.details.push_back(event_link("The freeze began when ", bs));
      if (ts.phase == view::TaskPhase::sleeping && !std::isinf(ts.until))
        a.details.push_back({"On its own it is sleeping until " + at(ts.until) + line(ts.line) +
                             (ts.until <= b.until ? ", a time the freeze goes past: it wakes only when the freeze ends."
                                                  : ".")});
      else if (ts.phase == view::TaskPhase::runnable)
        a.details.push_back({"On its own it is runnable: it would run now, if the program could."});
      next_run(a);
      return a;
    }
    switch (st) {
      case view::DisplayState::absent: {
        a.kind = WhyKind::not_started;
        const std::int32_t sp = t.tasks[task].spawned_event;
        a.answer = "It does not exist yet: nothing has started it at this step.";
        if (sp >= 0) a.details.push_back(event_link("It is started later: ", sp));
        return a;
      }
      case view::DisplayState::running:
        a.kind = WhyKind::running;
        a.question = "Why is " + me + " running?";
        a.answer = "It is running: Trio resumed it and runs it until its next checkpoint; every other task waits.";
        if (s.running == task) {
          const std::int32_t ss = last_event([](const Event& e) { return e.kind == EventKind::step_started; }, task);
          if (ss >= 0 && cause_of(t, ss) >= 0) a.details.push_back(event_link("It runs because ", cause_of(t, ss)));
        }
        return a;
      case view::DisplayState::runnable: {
        a.kind = WhyKind::runnable;
        a.answer = "It is runnable: it waits for its turn. Trio runs one task at a time, each until it reaches a "
                   "checkpoint.";
        if (s.running >= 0 && s.running != task) a.details.push_back({who(s.running) + " is running now."});
        // Who runs before it: the steps that start before its own, from the trace.
        std::vector<std::string> ahead;
        std::set<std::int32_t> seen;
        std::int32_t mine = -1;
        for (std::int32_t i = s.step + 1; i < n(); ++i) {
          const Event& e = t.events[i];
          if (e.kind != EventKind::step_started) continue;
          if (e.task == task) {
            mine = i;
            break;
          }
          if (seen.insert(e.task).second && e.task != s.running) ahead.push_back(who(e.task));
        }
        if (!ahead.empty()) a.details.push_back({"Ahead of it in the run queue: " + view::join_names(ahead, 4) + "."});
        const std::int32_t w = last_event([](const Event& e) { return e.kind == EventKind::woken; }, task);
        // Just started: the start_soon says more than "made runnable".
        const std::int32_t c = w >= 0 ? cause_of(t, w) : -1;
        if (c >= 0 && t.events[c].kind == EventKind::task_spawned) a.details.push_back(event_link("It became runnable when ", c));
        else if (w >= 0) a.details.push_back(event_link("It became runnable when ", w));
        if (mine >= 0) a.details.push_back(event_link("In this run: ", mine));
        return a;
      }
      case view::DisplayState::sleeping:
        if (std::isinf(ts.until)) {
          a.kind = WhyKind::sleeping_forever;
          a.answer = "It is sleeping forever" + (blocks ? line(ts.line) : " in trio.sleep_forever" + line(ts.line)) +
                     ": only a cancellation wakes it.";
        } else {
          a.kind = WhyKind::sleeping;
          a.answer = "It is sleeping until " + at(ts.until) + line(ts.line) + ".";
        }
        scopes_around(a);
        next_run(a);
        return a;
      case view::DisplayState::blocking:
        a.kind = WhyKind::blocking;
        a.question = "Why is everything waiting for " + me + "?";
        a.answer = "It is inside time.sleep until " + at(ts.until) + line(ts.line) +
                   ": a blocking call never gives control back to Trio, so the whole program is frozen until it "
                   "returns.";
        a.details.push_back({"`await trio.sleep(...)` would let the other tasks run meanwhile."});
        return a;
      case view::DisplayState::waiting_children: {
        a.kind = WhyKind::waiting_children;
        std::int32_t nursery = -1;
        for (std::size_t k = 0; k < s.nurseries.size(); ++k)
          if (t.nurseries[k].task == task && s.nurseries[k].parent_waiting) nursery = static_cast<std::int32_t>(k);
        std::vector<std::string> kids;
        for (std::size_t k = 0; k < s.tasks.size(); ++k)
          if (s.tasks[k].nursery == nursery && view::is_alive(s.tasks[k])) kids.push_back(who(static_cast<std::int32_t>(k)));
        const std::uint32_t nl = valid(nursery, t.nurseries.size()) ? t.nurseries[nursery].loc.line : ts.line;
        a.answer = "It is waiting at the end of `async with`" + line(nl) + " for " +
                   (kids.empty() ? std::string("its children") : view::join_names(kids, 4)) +
                   ": a nursery ends only when every task in it has finished.";
        next_run(a);
        return a;
      }
      case view::DisplayState::waiting_start:
        a.kind = WhyKind::waiting_start;
        a.answer = "It is waiting in `await nursery.start(...)`" + line(ts.line) + " until " +
                   (valid(ts.count, t.tasks.size()) ? who(ts.count) : std::string("the task it started")) +
                   " calls task_status.started().";
        next_run(a);
        return a;
      case view::DisplayState::cancel_pending:
        cancel_pending(a);
        return a;
      case view::DisplayState::raising: {
        a.kind = WhyKind::raising;
        a.answer = "An exception is unwinding it: " + view::describe_exc(t, ts.live_exc) + ".";
        const std::int32_t r = valid(ts.live_exc, t.exceptions.size()) && t.exceptions[ts.live_exc]
                                   ? t.exceptions[ts.live_exc]->raised_event
                                   : -1;
        if (r >= 0 && r <= s.step) a.details.push_back(event_link("It was raised when ", r));
        return a;
      }
      case view::DisplayState::handling:
        a.kind = WhyKind::handling;
        a.answer = "It is inside an except block" + line(ts.handler_line) + ", handling " +
                   view::describe_exc(t, ts.handled_exc) + ".";
        if (ts.phase == view::TaskPhase::sleeping && !std::isinf(ts.until))
          a.details.push_back({"There it is sleeping until " + at(ts.until) + line(ts.line) + "."});
        next_run(a);
        return a;
      case view::DisplayState::finished:
      case view::DisplayState::crashed:
      case view::DisplayState::cancelled: {
        const std::int32_t end = last_event([](const Event& e) { return e.kind == EventKind::task_finished; }, task);
        if (st == view::DisplayState::finished) {
          a.kind = WhyKind::finished;
          a.answer = "It has finished: it returned.";
        } else if (st == view::DisplayState::cancelled) {
          a.kind = WhyKind::cancelled;
          a.answer = "It was cancelled: it ended with Cancelled.";
        } else {
          a.kind = WhyKind::crashed;
          a.answer = "It crashed: it ended with " + view::describe_exc(t, ts.final_exc) + ".";
        }
        if (end >= 0) {
          a.details.push_back(event_link("", end));
          const std::int32_t c = cause_of(t, end);
          if (c >= 0 && st != view::DisplayState::finished) a.details.push_back(event_link("Because ", c));
        }
        return a;
      }
    }
    return a;
  }
};

}  // namespace

TaskAnswer why_task(const trio::Trace& trace, const view::Snapshot& s, std::int32_t task,
                    const view::SourceBlocks* blocks) {
  if (!valid(task, s.tasks.size())) {
    TaskAnswer a;
    a.question = "Why?";
    a.answer = "There is no such task.";
    return a;
  }
  return Asker{trace, s, task, blocks}.answer();
}

// ---------------------------------------------------------------------------------------
// [SECTION] As text
// ---------------------------------------------------------------------------------------

std::string to_text(const TaskAnswer& a) {
  std::string out = a.question + "\n" + a.answer + "\n";
  for (const Link& l : a.details) out += "  " + (l.step >= 0 ? "[step " + std::to_string(l.step) + "] " : "") + l.text + "\n";
  return out;
}

std::string to_text(const CauseChain& c, const trio::Trace& t) {
  std::string out = c.question + "\n";
  for (std::size_t i = 0; i < c.links.size(); ++i) {
    const Link& l = c.links[i];
    out += (i == 0 ? "  " : "  \xE2\x86\x90 ");  // ←
    out += "step " + std::to_string(l.step) + "  " + at(t.events[l.step].time) + "  " + l.text + "\n";
  }
  if (c.links.size() > 1) out += "  (the last line is the root cause)\n";
  return out;
}

}  // namespace trioscope::teach
