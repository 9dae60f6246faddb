// What the run proves about each lint, found in one pass over the trace with the state
// after every event (view/snapshot). Every sentence is read off events that happened.
//
// [SECTION] Reading the run
// [SECTION] Evidence for each lint
// [SECTION] prove
#include <algorithm>
#include <cmath>
#include <set>

#include "teach/lint.hpp"
#include "teach/program_facts.hpp"
#include "view/exc_text.hpp"
#include "view/snapshot.hpp"
#include "view/task_state.hpp"

namespace trioscope::teach {

using trio::Event;
using trio::EventKind;

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Reading the run
// ---------------------------------------------------------------------------------------

std::string at(double t) { return "t = " + view::format_seconds(t); }
std::string secs(double d) { return view::format_seconds(d) + " s"; }

// One time.sleep as it happened.
struct Freeze {
  std::int32_t task = -1, start = -1, end = -1;  // blocking_started / blocking_ended steps
  std::uint32_t line = 0;
  double t0 = 0, t1 = 0;
  std::vector<std::int32_t> runnable;            // others ready to run when it began
  struct Due {
    std::int32_t task;
    double until;
  };
  std::vector<Due> sleepers;                     // sleeping others, each with when it was due
  std::vector<std::int32_t> deadlines;           // open scopes whose deadline fell inside it
};

// A Cancelled that reached its task later than its scope was cancelled.
struct LateCancel {
  std::int32_t task = -1, delivered = -1;  // cancel_delivered step
  double requested = 0, reached = 0;
};

struct RunFacts {
  std::vector<Freeze> freezes;
  std::vector<LateCancel> late;
  // woken events (step) of each task, to tell when a sleeper finally ran
  std::vector<std::vector<std::int32_t>> woken;
  // per task: its steps (step_started, step_ended) and the lines it ran in each
  struct Step {
    std::int32_t start, end;
    double t0, t1;
    std::uint32_t min_line, max_line;
  };
  std::vector<std::vector<Step>> steps;
};

RunFacts read_run(const trio::Trace& t) {
  RunFacts rf;
  rf.woken.resize(t.tasks.size());
  rf.steps.resize(t.tasks.size());
  view::Snapshot s = view::initial_snapshot(t);
  std::vector<std::int32_t> open_freeze(t.tasks.size(), -1);
  std::vector<std::int32_t> open_step(t.tasks.size(), -1);
  const std::int32_t n = static_cast<std::int32_t>(t.events.size());
  for (std::int32_t i = 0; i < n; ++i) {
    const Event& e = t.events[i];
    // Facts before the event: who was ready or asleep when a freeze began.
    if (e.kind == EventKind::blocking_started && e.task >= 0) {
      Freeze f;
      f.task = e.task;
      f.start = i;
      f.line = e.loc.line;
      f.t0 = e.time;
      f.t1 = e.until;
      for (std::size_t k = 0; k < s.tasks.size(); ++k) {
        if (static_cast<std::int32_t>(k) == e.task) continue;
        const view::TaskSnap& ts = s.tasks[k];
        if (ts.phase == view::TaskPhase::runnable) f.runnable.push_back(static_cast<std::int32_t>(k));
        if (ts.phase == view::TaskPhase::sleeping && ts.until > f.t0 && ts.until < f.t1)
          f.sleepers.push_back({static_cast<std::int32_t>(k), ts.until});
      }
      for (std::size_t k = 0; k < s.scopes.size(); ++k) {
        const double d = t.scopes[k].deadline;
        if (s.scopes[k].status == view::ScopeStatus::open && !s.scopes[k].cancelled && d > f.t0 && d < f.t1)
          f.deadlines.push_back(static_cast<std::int32_t>(k));
      }
      open_freeze[e.task] = static_cast<std::int32_t>(rf.freezes.size());
      rf.freezes.push_back(std::move(f));
    }
    if (e.kind == EventKind::blocking_ended && e.task >= 0 && open_freeze[e.task] >= 0) {
      Freeze& f = rf.freezes[open_freeze[e.task]];
      f.end = i;
      f.t1 = e.time;
      open_freeze[e.task] = -1;
    }
    if (e.kind == EventKind::cancel_delivered && e.task >= 0 && e.scope >= 0 &&
        static_cast<std::size_t>(e.scope) < s.scopes.size()) {
      const std::int32_t ce = s.scopes[e.scope].cancel_event;
      if (ce >= 0 && t.events[ce].time < e.time) rf.late.push_back({e.task, i, t.events[ce].time, e.time});
    }
    if (e.kind == EventKind::woken && e.task >= 0) rf.woken[e.task].push_back(i);
    if (e.kind == EventKind::step_started && e.task >= 0) {
      open_step[e.task] = static_cast<std::int32_t>(rf.steps[e.task].size());
      rf.steps[e.task].push_back({i, -1, e.time, e.time, ~0u, 0});
    }
    if (e.task >= 0 && static_cast<std::size_t>(e.task) < t.tasks.size() && open_step[e.task] >= 0) {
      RunFacts::Step& st = rf.steps[e.task][open_step[e.task]];
      if (e.loc.line) {
        st.min_line = std::min(st.min_line, e.loc.line);
        st.max_line = std::max(st.max_line, e.loc.line);
      }
      if (e.kind == EventKind::step_ended) {
        st.end = i;
        st.t1 = e.time;
        open_step[e.task] = -1;
      }
    }
    view::apply_next(s, t, nullptr);
  }
  return rf;
}

// When `task` next ran after `step` (its first woken event after it), or -1.
std::int32_t woken_after(const RunFacts& rf, std::int32_t task, std::int32_t step) {
  for (std::int32_t w : rf.woken[task])
    if (w > step) return w;
  return -1;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Evidence for each lint
// ---------------------------------------------------------------------------------------

struct Prover {
  const scenario::Scenario& s;
  const trio::Trace& t;
  const RunFacts& rf;

  std::string who(std::int32_t task) const { return view::task_label(t, task); }

  // ASYNC251: the freeze of this time.sleep that did the most harm.
  std::optional<RunProof> blocking(const Lint& l) const {
    const Freeze* best = nullptr;
    std::size_t best_harm = 0;
    for (const Freeze& f : rf.freezes) {
      if (f.line != l.py_line || f.end < 0) continue;
      const std::size_t harm = f.runnable.size() + f.sleepers.size() + f.deadlines.size() + late_during(f).size();
      if (!best || harm > best_harm) {
        best = &f;
        best_harm = harm;
      }
    }
    if (!best) return std::nullopt;
    const Freeze& f = *best;
    std::vector<std::string> harms;
    if (!f.runnable.empty()) {
      std::vector<std::string> names;
      for (std::int32_t k : f.runnable) names.push_back(who(k));
      harms.push_back(view::join_names(names, 3) + (names.size() == 1 ? " was" : " were") + " ready to run");
    }
    for (const Freeze::Due& d : f.sleepers) {
      const std::int32_t w = woken_after(rf, d.task, f.start);
      std::string h = who(d.task) + " was due to wake at " + at(d.until);
      if (w >= 0) h += " and woke only at " + at(t.events[w].time);
      harms.push_back(h);
      if (harms.size() >= 3) break;
    }
    for (std::int32_t scope : f.deadlines) harms.push_back("the deadline " + at(t.scopes[scope].deadline) + " passed");
    for (const LateCancel* lc : late_during(f))
      harms.push_back("the cancellation requested at " + at(lc->requested) + " reached " + who(lc->task) + " only at " +
                      at(lc->reached));
    std::string text = "this call froze the whole program for " + secs(f.t1 - f.t0) + " (" + at(f.t0) + " to " +
                       view::format_seconds(f.t1) + ")";
    if (!harms.empty()) {
      text += " while ";
      for (std::size_t i = 0; i < harms.size(); ++i)
        text += (i == 0 ? "" : i + 1 == harms.size() ? " and " : ", ") + harms[i];
    }
    const scenario::Statement* st = statement_on_line(s, f.line);
    return RunProof{text, f.end,
                    "this " + (st ? await_text(*st) : std::string("time.sleep")) + " froze everything for " +
                        secs(f.t1 - f.t0)};
  }

  // Late cancellations whose wait this freeze was part of.
  std::vector<const LateCancel*> late_during(const Freeze& f) const {
    std::vector<const LateCancel*> out;
    for (const LateCancel& lc : rf.late)
      if (lc.task == f.task && lc.requested <= f.t0 && lc.reached >= f.t1) out.push_back(&lc);
    return out;
  }

  // ASYNC102: the await in a cleanup block that raised Cancelled at once.
  std::optional<RunProof> cleanup_await(const Lint& l) const {
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      const Event& e = t.events[i];
      if (e.kind != EventKind::cancel_delivered || e.loc.line != l.py_line) continue;
      return RunProof{"at " + at(e.time) + " " + who(e.task) + " reached this await while being cancelled: it raised "
                          "Cancelled at once and the cleanup after it never ran",
                      static_cast<std::int32_t>(i), "this await in a cleanup block raised Cancelled at once"};
    }
    return std::nullopt;
  }

  // ASYNC103 / ASYNC104: what became of the task after the handler swallowed Cancelled.
  std::optional<RunProof> swallowed(const Lint& l) const {
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      const Event& e = t.events[i];
      if (e.kind != EventKind::handler_entered || e.loc.line != l.py_line || !view::is_cancelled_exc(t, e.exc)) continue;
      const double swallowed_at = e.time;
      for (std::size_t j = i + 1; j < t.events.size(); ++j) {
        const Event& f = t.events[j];
        if (f.task != e.task) continue;
        if (f.kind == EventKind::cancel_delivered) {
          const scenario::Statement* next = statement_on_line(s, f.loc.line);
          const std::string where = next && awaits(*next) ? ", `" + await_text(*next) + "`," : "";
          std::string text = "at " + at(swallowed_at) + " this handler swallowed Cancelled, but the scope was still "
                             "cancelled, so the task's next checkpoint" + where + " raised it again at " + at(f.time);
          if (f.time > swallowed_at) text += ": the nursery waited " + secs(f.time - swallowed_at) + " more";
          return RunProof{text, static_cast<std::int32_t>(j), "Cancelled was swallowed, and the next checkpoint raised it again"};
        }
        if (f.kind == EventKind::task_finished) {
          std::string text = "at " + at(swallowed_at) + " this handler swallowed Cancelled and " + who(e.task) +
                             " went on until " + at(f.time);
          if (f.time > swallowed_at) text += ": the nursery waited " + secs(f.time - swallowed_at) + " more";
          return RunProof{text, static_cast<std::int32_t>(j), "Cancelled was swallowed here"};
        }
      }
    }
    return std::nullopt;
  }

  // TS001: the group went past the handler (strict), or the handler caught a bare error
  // only because the run is loose.
  std::optional<RunProof> except_around(const Lint& l, std::uint32_t try_line, std::uint32_t try_end) const {
    std::int32_t reraise = -1;
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      const Event& e = t.events[i];
      if (e.kind == EventKind::handler_entered && e.loc.line == l.py_line) {
        const trio::PyException* x = t.exception(e);
        if (x && x->exceptions.empty())
          return RunProof{"at " + at(e.time) + " it caught " + view::describe_exc(t, e.exc) + " bare, only because this "
                              "run has strict_exception_groups=False",
                          static_cast<std::int32_t>(i), "this except matches only because strict_exception_groups=False"};
        return std::nullopt;  // it did match: nothing to prove
      }
      if (e.kind == EventKind::nursery_reraise && e.nursery >= 0 && reraise < 0) {
        const std::uint32_t nl = t.nurseries[e.nursery].loc.line;
        if (nl > try_line && nl <= try_end && e.exc >= 0) reraise = static_cast<std::int32_t>(i);
      }
    }
    if (reraise < 0) return std::nullopt;
    const Event& e = t.events[reraise];
    return RunProof{"at " + at(e.time) + " the nursery raised " + view::exc_chip(t, e.exc) +
                        " and this handler let it through",
                    reraise, "the nursery raises " + view::exc_chip(t, e.exc) + ", which this handler never matches"};
  }

  // ASYNC100: the deadline passed inside the block and no Cancelled reached it.
  std::optional<RunProof> timeout(const Lint& l) const {
    for (std::size_t k = 0; k < t.scopes.size(); ++k) {
      if (t.scopes[k].loc.line != l.py_line) continue;
      for (std::size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        if (e.kind != EventKind::scope_exited || e.scope != static_cast<std::int32_t>(k)) continue;
        if (e.time <= t.scopes[k].deadline) break;
        return RunProof{"its deadline " + at(t.scopes[k].deadline) + " passed, but the block ran on until " + at(e.time) +
                            " and nothing inside it was cancelled",
                        static_cast<std::int32_t>(i), "the deadline passed and nothing was cancelled"};
      }
    }
    return std::nullopt;
  }

  // TS002: the longest step of a task inside this loop.
  std::optional<RunProof> loop(const Lint& l, std::uint32_t end_line) const {
    const RunFacts::Step* best = nullptr;
    std::int32_t best_task = -1;
    for (std::size_t k = 0; k < rf.steps.size(); ++k)
      for (const RunFacts::Step& st : rf.steps[k])
        if (st.end >= 0 && st.max_line >= l.py_line && st.min_line <= end_line && (!best || st.t1 - st.t0 > best->t1 - best->t0)) {
          best = &st;
          best_task = static_cast<std::int32_t>(k);
        }
    if (!best || best->t1 <= best->t0) return std::nullopt;
    return RunProof{"one step of " + who(best_task) + " in this loop lasted " + secs(best->t1 - best->t0) + " (" +
                        at(best->t0) + " to " + view::format_seconds(best->t1) + "), and no other task ran meanwhile",
                    best->end, "this loop ran " + secs(best->t1 - best->t0) + " without a checkpoint"};
  }
};

const scenario::Statement* statement_at(const scenario::Scenario& s, std::uint32_t py_line, const char* code) {
  const scenario::Statement* found = nullptr;
  for (const auto& fn : s.functions)
    for_each_statement(fn.body, [&](const scenario::Statement& st) {
      if (found) return;
      if (std::string(code) == "TS001") {
        if (st.op == scenario::Op::try_)
          for (const auto& h : st.handlers)
            if (h.py_line == py_line) found = &st;
      } else if (st.py_line == py_line) {
        found = &st;
      }
    });
  return found;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] prove
// ---------------------------------------------------------------------------------------

void prove(std::vector<Lint>& lints, const scenario::Scenario& s, const trio::Trace& trace) {
  const RunFacts rf = read_run(trace);
  const Prover p{s, trace, rf};
  for (Lint& l : lints) {
    if (l.code == "ASYNC251") l.proof = p.blocking(l);
    else if (l.code == "ASYNC102") l.proof = p.cleanup_await(l);
    else if (l.code == "ASYNC103" || l.code == "ASYNC104") l.proof = p.swallowed(l);
    else if (l.code == "ASYNC100") l.proof = p.timeout(l);
    else if (l.code == "TS001" || l.code == "TS002") {
      const scenario::Statement* st = statement_at(s, l.py_line, l.code.c_str());
      if (st && l.code == "TS001") l.proof = p.except_around(l, st->py_line, last_line(*st));
      if (st && l.code == "TS002") l.proof = p.loop(l, last_line(*st));
    }
  }
  // TS101: a cancellation that reached its task late, where no lint above says why: the
  // time.sleep the task was in when it came (a chunk of work the static lints accept).
  std::set<std::uint32_t> covered;
  for (const Lint& l : lints) covered.insert(l.py_line);
  for (const LateCancel& lc : rf.late) {
    for (const Freeze& f : rf.freezes) {
      if (f.task != lc.task || f.end < 0 || f.t0 < lc.requested || f.t1 > lc.reached || covered.count(f.line)) continue;
      const scenario::Statement* st = nullptr;
      for (const auto& fn : s.functions)
        for_each_statement(fn.body, [&](const scenario::Statement& x) {
          if (!st && x.py_line == f.line && x.op == scenario::Op::block) st = &x;
        });
      if (!st) continue;
      Lint l;
      l.code = "TS101";
      l.pos = st->pos;
      l.py_line = f.line;
      l.message = "a cancellation had to wait for this time.sleep: Trio delivers Cancelled only at a checkpoint";
      l.fix = "make the chunks of work shorter, or put a checkpoint (`await trio.sleep(0)`) before this call";
      if (s.source == scenario::SourceKind::python) l.pos.pointer.clear();
      l.proof = RunProof{"the cancellation requested at " + at(lc.requested) + " reached " + p.who(lc.task) +
                             " only at " + at(lc.reached),
                         lc.delivered, "this cancellation waited " + secs(lc.reached - lc.requested) + " for the work to end"};
      covered.insert(f.line);
      lints.push_back(std::move(l));
    }
  }
  std::stable_sort(lints.begin(), lints.end(), [](const Lint& a, const Lint& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
  });
}

}  // namespace trioscope::teach
