// [SECTION] Other runs of the program
// [SECTION] Building a question
// [SECTION] The questions, one kind per key moment
// [SECTION] A lesson's own questions
// [SECTION] All of them
#include "teach/questions.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "document/step_spec.hpp"
#include "explore/background.hpp"
#include "explore/explorer.hpp"
#include "teach/lint.hpp"
#include "teach/misconceptions.hpp"
#include "teach/program_facts.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/task_state.hpp"

namespace trioscope::teach {

using trio::Event;
using trio::EventKind;

namespace {

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }
std::string at(double t) { return "t = " + view::format_seconds(t); }

std::string canonical(const trio::Trace& t, std::int32_t exc) {
  if (!valid(exc, t.exceptions.size()) || !t.exceptions[exc]) return "";
  return trio::canonical(*t.exceptions[exc]);
}

// A task of another run by its label (-1: none).
std::int32_t task_named(const trio::Trace& t, const std::string& label) {
  for (const trio::TaskInfo& k : t.tasks)
    if (k.label == label) return k.id;
  return -1;
}

// The first event after `from` matching `pred` (-1: none).
template <class P>
std::int32_t first_after(const trio::Trace& t, std::int32_t from, P&& pred) {
  for (std::int32_t i = std::max(0, from + 1); i < static_cast<std::int32_t>(t.events.size()); ++i)
    if (pred(t.events[i])) return i;
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Other runs of the program
// ---------------------------------------------------------------------------------------

std::vector<Alternative> alternatives(const scenario::Scenario& s, const scenario::RunOverrides& overrides,
                                      const trio::Trace& this_run, const AlternativeLimits& limits) {
  std::vector<Alternative> out;
  const bool strict = overrides.strict_exception_groups.value_or(s.settings.strict_exception_groups);
  scenario::RunOverrides flipped = overrides;
  flipped.strict_exception_groups = !strict;
  const std::string flag = std::string("strict_exception_groups=") + (strict ? "False" : "True");
  out.push_back({"with " + flag, flag, scenario::run_scenario(s, flipped)});
  if (this_run.events.size() > limits.max_events) return out;
  scenario::RunOverrides base = overrides;
  base.schedule.reset();
  explore::Options options;
  options.max_runs = limits.max_runs;
  options.max_seconds = limits.max_seconds;
  const explore::Report report = explore::explore_scenario(s, base, options);
  const std::string mine = explore::outcome_key(this_run);
  for (const explore::Outcome& o : report.outcomes) {
    if (o.key == mine) continue;
    if (out.size() > limits.max_schedules) break;
    scenario::RunOverrides replay = base;
    replay.schedule = o.schedule_text;
    out.push_back({"under another schedule (trioscope run --schedule " + o.schedule_text + ")", "another schedule",
                   scenario::run_scenario(s, replay)});
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Building a question
// ---------------------------------------------------------------------------------------

namespace {

// FNV-1a: a fixed order of the choices that does not put the right one first.
std::uint64_t fnv(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct Draft {
  Question q;
  std::vector<Choice> wrong;  // in order of preference

  void right(std::string text, std::string claim) {
    Choice c;
    c.text = std::move(text);
    c.correct = true;
    c.claim = std::move(claim);
    q.choices = {c};
  }
  // A wrong choice; one that says what the right one says is not wrong, and is left out.
  void wrong_choice(std::string text, std::string why, std::string from, std::string claim) {
    if (q.choices.empty() || text == q.choices[0].text) return;
    if (!claim.empty() && claim == q.choices[0].claim) return;
    for (Choice& w : wrong) {
      if (w.text != text && (claim.empty() || w.claim != claim)) continue;
      // Said twice (a misconception that another setting makes true): keep one, both reasons.
      if (from == "a misconception" && w.from != "a misconception") {
        w.why = why + " (" + w.why + ")";
        w.from = from;
      }
      return;
    }
    Choice c;
    c.text = std::move(text);
    c.why = std::move(why);
    c.from = std::move(from);
    c.claim = std::move(claim);
    wrong.push_back(std::move(c));
  }
  void misconception_choice(Misconception m, std::string text, std::string claim) {
    wrong_choice(std::move(text), misconception(m).truth, "a misconception", std::move(claim));
  }
  void alternative_choice(const Alternative& a, std::string text, std::string claim) {
    wrong_choice(std::move(text), "That is what happens " + a.why + "; this run does otherwise.", a.from,
                 std::move(claim));
  }

  // Up to four choices in a fixed shuffled order; none without a wrong choice.
  bool finish() {
    if (q.choices.empty() || wrong.empty()) return false;
    for (std::size_t i = 0; i < wrong.size() && q.choices.size() < 4; ++i) q.choices.push_back(wrong[i]);
    std::stable_sort(q.choices.begin(), q.choices.end(),
                     [](const Choice& a, const Choice& b) { return fnv(a.text) < fnv(b.text); });
    for (std::size_t i = 0; i < q.choices.size(); ++i)
      if (q.choices[i].correct) q.answer = i;
    return true;
  }
};

// ---------------------------------------------------------------------------------------
// [SECTION] The questions, one kind per key moment
// ---------------------------------------------------------------------------------------

struct Gen {
  const QuestionInput& in;
  const trio::Trace& t;
  std::vector<Question> out;
  std::set<std::int32_t> told_raises;     // raise steps a question already asked about
  std::set<std::int32_t> told_cancels;    // scope_cancelled steps whose deliveries were asked
  std::int32_t told_reraise_task = -1;    // the task of the last "where does it go" question
  std::int32_t told_reraise_step = -1;
  bool told_run_end = false;
  std::set<std::int32_t> told_nurseries;  // nurseries whose end was asked about
  std::int32_t d_answer_step_ = -1;

  std::int32_t n() const { return static_cast<std::int32_t>(t.events.size()); }
  std::string who(std::int32_t k) const { return view::task_label(t, k); }
  const std::vector<Alternative>& alts() const {
    static const std::vector<Alternative> none;
    return in.alternatives ? *in.alternatives : none;
  }
  view::Snapshot state(std::int32_t step) const { return in.playback.snapshot_at(step); }

  // The listing's words for a line: "`await trio.sleep(sleep_time)`" ("" if unknown).
  std::string quote(std::uint32_t line) const {
    if (!in.blocks || !line) return "";
    const std::string_view st = in.blocks->statement(line);
    return st.empty() ? "" : "`" + std::string(st) + "`";
  }

  // Where the Cancelled that task `k` got before step `before` came from: the source of the
  // scope it was delivered from (unknown when none).
  trio::CancelSource cancel_source_of(std::int32_t k, std::int32_t before) const {
    for (std::int32_t i = std::min(before, n()) - 1; i >= 0; --i) {
      const Event& f = t.events[i];
      if (f.task != k || f.kind != EventKind::cancel_delivered) continue;
      for (std::int32_t j = 0; j < i; ++j)
        if (t.events[j].kind == EventKind::scope_cancelled && t.events[j].scope == f.scope)
          return static_cast<trio::CancelSource>(t.events[j].flag);
      break;
    }
    return trio::CancelSource::unknown;
  }

  Draft draft(std::int32_t key, view::KeyMoment m, const char* kind) const {
    Draft d;
    d.q.key = key;
    d.q.stop = key - 1;
    d.q.moment = m;
    d.q.kind = kind;
    return d;
  }
  // A question about when something happens stops before the virtual instant of its key step
  // begins, so that the clock on screen does not give the answer away.
  std::int32_t before_instant(std::int32_t key) const {
    const std::int32_t i = in.playback.instant_of(key);
    return i > 0 ? in.playback.instants()[static_cast<std::size_t>(i - 1)].last : key - 1;
  }
  void keep(Draft& d) {
    if (!d.finish()) return;
    if (d.q.answer_step < 0) d.q.answer_step = d.q.key;
    const view::Snapshot before = state(d.q.answer_step - 1), after = state(d.q.answer_step);
    d.q.caption = view::caption(t, before, after, in.blocks);
    out.push_back(std::move(d.q));
  }

  // A transcript line (transcript-format.md) of a task, as a claim: "line LABEL KIND TIME DETAIL".
  struct Line {
    std::string kind, detail;
    double time = 0;
    bool ok = false;
  };
  static std::string line_claim(const trio::Trace& tr, std::int32_t task, const Line& l, double time) {
    if (!l.ok || !valid(task, tr.tasks.size())) return "";
    return "line " + tr.tasks[task].label + " " + l.kind + " " + view::format_seconds(time) + " " + l.detail;
  }
  // The first transcript line of `task` after `step`: a print, a caught, its error or return.
  static Line line_after(const trio::Trace& tr, std::int32_t step, std::int32_t task) {
    for (std::int32_t i = std::max(0, step + 1); i < static_cast<std::int32_t>(tr.events.size()); ++i) {
      const Event& e = tr.events[i];
      if (e.task != task) continue;
      if (e.kind == EventKind::print) return {"print", std::string(tr.text(e)), e.time, true};
      if (e.kind == EventKind::handler_entered) return {"caught", canonical(tr, e.exc), e.time, true};
      if (e.kind == EventKind::task_finished)
        return e.exc < 0 ? Line{"return", "", e.time, true} : Line{"error", canonical(tr, e.exc), e.time, true};
    }
    return {};
  }
  // How a task ended: its error or return line.
  static std::string end_claim(const trio::Trace& tr, std::int32_t task) {
    for (std::int32_t i = static_cast<std::int32_t>(tr.events.size()) - 1; i >= 0; --i) {
      const Event& e = tr.events[i];
      if (e.kind != EventKind::task_finished || e.task != task) continue;
      return line_claim(tr, task, line_after(tr, i - 1, task), e.time);
    }
    return "";
  }

  // ---- children spawned: when does the nursery block end? ----
  void nursery_end(std::int32_t key) {
    const std::int32_t N = t.events[key].nursery;
    if (!valid(N, t.nurseries.size()) || !told_nurseries.insert(N).second) return;
    const std::int32_t close = first_after(t, key, [&](const Event& e) { return e.kind == EventKind::nursery_closed && e.nursery == N; });
    if (close < 0) return;
    const double T = t.events[close].time;
    const std::int32_t parent = t.nurseries[N].task;
    std::vector<std::string> kids;
    std::vector<std::int32_t> kid_ids;
    for (const trio::TaskInfo& k : t.tasks)
      if (k.nursery == N && k.spawned_event >= 0 && k.spawned_event <= key) {
        kids.push_back(k.label);
        kid_ids.push_back(k.id);
      }
    Draft d = draft(key, view::KeyMoment::children_spawned, "nursery end");
    d.q.prompt = who(parent) + " starts " + view::join_names(kids, 4) +
                 " in its nursery. When does its `async with trio.open_nursery()` block end?";
    d.q.answer_step = close;
    // What the transcript shows of it: the parent's first line after the block, at that time.
    const Line after = line_after(t, close, parent);
    auto time_choice = [&](double x) { return std::make_pair("At " + at(x), line_claim(t, parent, after, x)); };
    d.right("At " + at(T), line_claim(t, parent, after, T));
    // Misconceptions, each where it predicts another time.
    const std::int32_t waiting = first_after(t, key - 1, [&](const Event& e) { return e.kind == EventKind::nursery_waiting && e.nursery == N; });
    const double body_end = waiting >= 0 ? t.events[waiting].time : t.events[key].time;
    {
      auto [text, claim] = time_choice(body_end);
      d.misconception_choice(Misconception::nursery_ends_with_body, text + ", when its body ends", claim);
    }
    bool all_returned = true;
    double in_turn = body_end;
    double wait_for = -1;
    bool wait_for_error = false;  // the longest sleep was cut short by a child's error
    for (std::int32_t k : kid_ids) {
      const std::int32_t fin = first_after(t, t.tasks[k].spawned_event, [&](const Event& e) { return e.kind == EventKind::task_finished && e.task == k; });
      if (fin < 0) {
        all_returned = false;
        continue;
      }
      if (t.events[fin].exc >= 0) all_returned = false;
      in_turn += t.events[fin].time - t.events[t.tasks[k].spawned_event].time;
      // A child cancelled in its sleep: the time the sleep would have ended.
      if (view::is_cancelled_exc(t, t.events[fin].exc))
        for (std::int32_t i = fin - 1; i > t.tasks[k].spawned_event; --i)
          if (t.events[i].task == k && t.events[i].kind == EventKind::sleeping) {
            if (!std::isinf(t.events[i].until) && t.events[i].until > wait_for) {
              wait_for = t.events[i].until;
              wait_for_error = cancel_source_of(k, fin) == trio::CancelSource::nursery;
            }
            break;
          }
    }
    if (all_returned && kid_ids.size() > 1) {
      auto [text, claim] = time_choice(in_turn);
      d.misconception_choice(Misconception::children_run_in_turn, text + ", once each child has had its turn", claim);
    }
    if (wait_for > T) {
      // A child's error, or a deadline or cancel() from outside: each has its own belief.
      auto [text, claim] = time_choice(wait_for);
      d.misconception_choice(wait_for_error ? Misconception::error_waits_for_siblings : Misconception::cancel_waits_for_sleep,
                             text + ", when the last sleep would have ended", claim);
    }
    const std::uint32_t line = t.nurseries[N].loc.line;
    for (const Alternative& a : alts()) {
      const trio::Trace& at2 = a.run.trace;
      const std::int32_t p2 = task_named(at2, t.tasks[parent].label);
      for (std::int32_t i = 0; i < static_cast<std::int32_t>(at2.events.size()); ++i) {
        const Event& e = at2.events[i];
        if (e.kind == EventKind::nursery_closed && valid(e.nursery, at2.nurseries.size()) && at2.nurseries[e.nursery].loc.line == line) {
          d.alternative_choice(a, "At " + at(e.time), line_claim(at2, p2, line_after(at2, i, p2), e.time));
          break;
        }
      }
    }
    // Last: the first child's end, which is not the nursery's.
    double first_end = -1;
    std::int32_t first_kid = -1;
    for (std::int32_t k : kid_ids) {
      const std::int32_t fin = first_after(t, t.tasks[k].spawned_event, [&](const Event& e) { return e.kind == EventKind::task_finished && e.task == k; });
      if (fin >= 0 && (first_end < 0 || t.events[fin].time < first_end)) {
        first_end = t.events[fin].time;
        first_kid = k;
      }
    }
    if (first_kid >= 0 && d.wrong.size() < 2) {
      auto [text, claim] = time_choice(first_end);
      d.wrong_choice(text + ", when " + who(first_kid) + " is done",
                     who(first_kid) + " finishes then, but a nursery waits for all its children.", "later in this run",
                     claim);
    }
    keep(d);
  }

  // ---- children spawned, and the spawner prints before they run: what is printed next? ----
  bool print_after_spawn(std::int32_t key) {
    const std::int32_t spawner = state(key).running;
    const std::int32_t child = t.events[key].task;
    if (spawner < 0 || child < 0) return false;
    std::int32_t next = -1, child_print = -1;
    for (std::int32_t i = key + 1; i < n() && child_print < 0; ++i) {
      const Event& f = t.events[i];
      if (f.kind != EventKind::print) continue;
      if (f.task == spawner && next < 0) next = i;
      if (f.task == child) child_print = i;
    }
    if (next < 0 || child_print < 0 || next > child_print) return false;
    Draft d = draft(key, view::KeyMoment::children_spawned, "after start_soon");
    d.q.prompt = who(spawner) + " calls start_soon for " + who(child) + ". What is printed next?";
    const std::string mine(t.text(t.events[next])), theirs(t.text(t.events[child_print]));
    d.right("\"" + mine + "\"", "order " + mine + " < " + theirs);
    d.misconception_choice(Misconception::start_soon_runs_immediately, "\"" + theirs + "\"", "order " + theirs + " < " + mine);
    keep(d);
    return !out.empty() && out.back().key == key;
  }

  // ---- first print: what is printed first? ----
  void first_print(std::int32_t key) {
    const Event& e = t.events[key];
    Draft d = draft(key, view::KeyMoment::first_print, "first print");
    d.q.prompt = "What is printed first?";
    d.right("\"" + std::string(t.text(e)) + "\"", "first-print " + std::string(t.text(e)));
    for (const Alternative& a : alts())
      for (const Event& f : a.run.trace.events)
        if (f.kind == EventKind::print) {
          d.alternative_choice(a, "\"" + std::string(a.run.trace.text(f)) + "\"", "first-print " + std::string(a.run.trace.text(f)));
          break;
        }
    // Lines this run prints later, from other tasks first.
    std::set<std::int32_t> tasks_used{e.task};
    for (int pass = 0; pass < 2 && d.wrong.size() < 3; ++pass)
      for (std::int32_t i = key + 1; i < n() && d.wrong.size() < 3; ++i) {
        const Event& f = t.events[i];
        if (f.kind != EventKind::print || (pass == 0 && tasks_used.count(f.task))) continue;
        tasks_used.insert(f.task);
        d.wrong_choice("\"" + std::string(t.text(f)) + "\"", who(f.task) + " prints that later, at " + at(f.time) + ".",
                       "later in this run", "first-print " + std::string(t.text(f)));
      }
    keep(d);
  }

  // ---- raise: what happens to the sibling? or, delayed by a freeze, when? ----
  void raised(std::int32_t key) {
    const Event& e = t.events[key];
    const std::int32_t X = e.task;
    // Caught by the task itself: the handler question asks.
    const std::int32_t fin = first_after(t, key, [&](const Event& f) { return f.task == X && f.kind == EventKind::task_finished; });
    if (fin < 0 || t.events[fin].exc < 0) return;
    // Woken late because a time.sleep held the clock: when does it raise?
    for (std::int32_t i = key - 1; i >= 0; --i) {
      const Event& f = t.events[i];
      if (f.task != X || f.kind != EventKind::sleeping) continue;
      if (f.until < e.time && !std::isinf(f.until)) return when_raised(key, f.until);
      break;
    }
    const view::Snapshot s = state(key - 1);
    std::int32_t S = -1;
    for (std::size_t k = 0; k < s.tasks.size(); ++k) {
      const auto& ts = s.tasks[k];
      if (static_cast<std::int32_t>(k) == X || !view::is_alive(ts) || ts.phase == view::TaskPhase::absent) continue;
      if (ts.nursery != s.tasks[X].nursery || ts.cancel_pending) continue;
      if (S < 0 || ts.phase == view::TaskPhase::sleeping || ts.phase == view::TaskPhase::blocking) S = static_cast<std::int32_t>(k);
      if (ts.phase == view::TaskPhase::sleeping || ts.phase == view::TaskPhase::blocking) break;
    }
    if (S < 0) return;
    const view::TaskSnap& ss = s.tasks[S];
    std::string doing = "waiting for its turn";
    if (ss.phase == view::TaskPhase::sleeping)
      doing = std::isinf(ss.until) ? "asleep in trio.sleep_forever" : "asleep in trio.sleep until " + at(ss.until);
    if (ss.phase == view::TaskPhase::blocking) doing = "inside time.sleep until " + at(ss.until);
    if (ss.phase == view::TaskPhase::waiting_children) doing = "waiting for its own children";
    Draft d = draft(key, view::KeyMoment::raised, "sibling");
    d.q.prompt = who(X) + " is about to raise " + view::describe_exc(t, e.exc) + ". What happens to " + who(S) + ", " +
                 doing + "?";
    const std::int32_t hit = first_after(t, key, [&](const Event& f) {
      return f.task == S && (f.kind == EventKind::cancel_delivered || f.kind == EventKind::task_finished);
    });
    if (hit < 0) return;
    const Event& h = t.events[hit];
    const std::string claim = end_claim(t, S);
    d.q.answer_step = hit;
    if (h.kind == EventKind::cancel_delivered) {
      const std::string where = quote(h.loc.line);
      d.right("It gets Cancelled at its next checkpoint" + (where.empty() ? "" : ", " + where + ",") + " at " + at(h.time),
              claim);
      d.misconception_choice(Misconception::sibling_killed_at_once, "It is stopped on the spot, without running any more of its code",
                             "");
      if (ss.phase == view::TaskPhase::sleeping && !std::isinf(ss.until) && ss.until > e.time)
        d.misconception_choice(Misconception::error_waits_for_siblings,
                               "It sleeps until " + at(ss.until) + ", and then the error comes out",
                               "line " + t.tasks[S].label + " return " + view::format_seconds(ss.until) + " ");
      d.misconception_choice(Misconception::errors_stay_in_their_task,
                             "Nothing: the error ends only " + who(X) + ", and " + who(S) + " carries on", "");
    } else {
      d.right(h.exc < 0 ? "It carries on and returns at " + at(h.time) : "It ends with " + view::describe_exc(t, h.exc), claim);
    }
    for (const Alternative& a : alts()) {
      const std::int32_t S2 = task_named(a.run.trace, t.tasks[S].label);
      if (S2 < 0) continue;
      const std::string c2 = end_claim(a.run.trace, S2);
      const std::int32_t f2 = first_after(a.run.trace, -1, [&](const Event& f) { return f.task == S2 && f.kind == EventKind::task_finished; });
      if (!c2.empty() && c2 != claim && f2 >= 0 && a.run.trace.events[f2].exc < 0)
        d.alternative_choice(a, "It carries on and returns at " + at(a.run.trace.events[f2].time), c2);
    }
    told_raises.insert(key);
    keep(d);
  }

  void when_raised(std::int32_t key, double due) {
    const Event& e = t.events[key];
    Draft d = draft(key, view::KeyMoment::raised, "when raise");
    d.q.stop = before_instant(key);
    if (d.q.stop < 0) return;
    d.q.prompt = who(e.task) + " sleeps until " + at(due) + " and then raises " + view::describe_exc(t, e.exc) +
                 ". When does it raise?";
    // The transcript shows the raise as the task's error line.
    const std::int32_t fin = first_after(t, key, [&](const Event& f) { return f.task == e.task && f.kind == EventKind::task_finished; });
    const Line err = line_after(t, fin - 1, e.task);
    d.right("At " + at(e.time), line_claim(t, e.task, err, e.time));
    d.misconception_choice(Misconception::time_sleep_lets_others_run, "At " + at(due) + ", as planned",
                           line_claim(t, e.task, err, due));
    for (const Alternative& a : alts()) {
      const std::int32_t X2 = task_named(a.run.trace, t.tasks[e.task].label);
      for (const Event& f : a.run.trace.events)
        if (f.kind == EventKind::raised && f.loc.line == e.loc.line && f.task == X2) {
          d.alternative_choice(a, "At " + at(f.time), line_claim(a.run.trace, X2, err, f.time));
          break;
        }
    }
    told_raises.insert(key);
    keep(d);
  }

  // The raise a cancellation goes back to, through its causes (-1: none).
  std::int32_t root_raise(std::int32_t step) const {
    for (std::int32_t cur = step, guard = 0; cur >= 0 && guard < 64; ++guard) {
      if (t.events[cur].kind == EventKind::raised) return cur;
      const std::int32_t c = t.events[cur].cause;
      if (c < 0 || c >= cur) return -1;
      cur = c;
    }
    return -1;
  }

  // ---- cancellation: which tasks get Cancelled? ----
  void cancellation(std::int32_t key) {
    const Event& e = t.events[key];
    const std::int32_t C = e.scope;
    if (!valid(C, t.scopes.size())) return;
    const std::int32_t r = root_raise(key);
    if (r >= 0 && told_raises.count(r)) {
      told_cancels.insert(key);
      return;
    }
    std::vector<std::int32_t> D;
    for (std::int32_t i = key + 1; i < n(); ++i) {
      const Event& f = t.events[i];
      if (f.kind == EventKind::cancel_delivered && f.scope == C && std::find(D.begin(), D.end(), f.task) == D.end())
        D.push_back(f.task);
      if (f.kind == EventKind::scope_exited && f.scope == C) break;
    }
    if (D.empty()) return;
    auto names = [&](const trio::Trace& tr, std::vector<std::int32_t> ids) {
      std::vector<std::string> out;
      for (std::int32_t k : ids) out.push_back(tr.tasks[k].label);
      std::vector<std::string> sorted = out;
      std::sort(sorted.begin(), sorted.end());
      std::string claim = "cancelled " + view::format_seconds(e.time);
      for (std::size_t i = 0; i < sorted.size(); ++i) claim += (i ? "|" : " ") + sorted[i];
      return std::make_pair(view::join_names(out, 5), claim);
    };
    Draft d = draft(key, view::KeyMoment::cancellation, "cancellation");
    const std::string scope = view::describe_scope(t, C);
    switch (static_cast<trio::CancelSource>(e.flag)) {
      case trio::CancelSource::deadline:
        d.q.prompt = "The deadline " + at(t.scopes[C].deadline) + " of " + scope + " is here. Which tasks get Cancelled?";
        break;
      case trio::CancelSource::explicit_:
        d.q.prompt = (e.task >= 0 ? who(e.task) : std::string("The program")) + " calls cancel() on " + scope +
                     ". Which tasks get Cancelled?";
        break;
      default: d.q.prompt = scope + " is about to be cancelled. Which tasks get Cancelled?"; break;
    }
    auto [right_text, right_claim] = names(t, D);
    d.right(right_text, right_claim);
    // Live tasks it does not reach: outside the scope, or behind a shield.
    const view::Snapshot s = state(key);
    std::vector<std::int32_t> others;
    for (std::size_t k = 0; k < s.tasks.size(); ++k)
      if (view::is_alive(s.tasks[k]) && s.tasks[k].phase != view::TaskPhase::absent &&
          std::find(D.begin(), D.end(), static_cast<std::int32_t>(k)) == D.end())
        others.push_back(static_cast<std::int32_t>(k));
    if (!others.empty()) {
      // Why each of them gets no Cancelled, in the run's own terms.
      const std::vector<std::int32_t> covered = view::tasks_covered_by(s, t, C);
      std::map<std::string, std::vector<std::string>> because;
      for (std::int32_t k : others) {
        const bool inside = std::find(covered.begin(), covered.end(), k) != covered.end();
        std::string reason;
        if (s.tasks[k].phase == view::TaskPhase::waiting_children)
          reason = "waiting at the end of `async with`, which a cancellation does not interrupt";
        else if (inside)
          reason = "inside the scope, but ending before it reaches a checkpoint, where Cancelled would be delivered";
        else
          reason = "not inside " + scope + " (or behind a shield): a cancellation reaches only the tasks in the "
                   "cancelled scope";
        because[reason].push_back(who(k));
      }
      std::string why;
      for (const auto& [reason, ks] : because)
        why += (why.empty() ? "" : " ") + view::join_names(ks) + (ks.size() == 1 ? " is " : " are ") + reason + ".";
      std::vector<std::int32_t> all = D;
      all.insert(all.end(), others.begin(), others.end());
      auto [text, claim] = names(t, all);
      d.wrong_choice(text, why, "later in this run", claim);
    }
    if (D.size() > 1) {
      auto [text, claim] = names(t, {D.front()});
      d.wrong_choice("Only " + text, "Every task inside the scope gets Cancelled, each at its own next checkpoint.",
                     "later in this run", claim);
    }
    for (const Alternative& a : alts()) {
      const trio::Trace& tr = a.run.trace;
      std::vector<std::int32_t> D2;
      for (const Event& f : tr.events)
        if (f.kind == EventKind::cancel_delivered && valid(f.scope, tr.scopes.size()) &&
            tr.scopes[f.scope].loc.line == t.scopes[C].loc.line && std::find(D2.begin(), D2.end(), f.task) == D2.end())
          D2.push_back(f.task);
      if (!D2.empty()) {
        auto [text, claim] = names(tr, D2);
        d.alternative_choice(a, text, claim);
      }
    }
    if (d.wrong.empty()) {
      // Nothing to ask about who: ask when the sleeper goes on (lesson 08's timeout).
      cut_short(key, D);
      return;
    }
    told_cancels.insert(key);
    keep(d);
  }

  // ---- a cancellation while a task sleeps past it: when does it go on? ----
  void cut_short(std::int32_t key, const std::vector<std::int32_t>& D) {
    const Event& e = t.events[key];
    const std::int32_t C = e.scope;
    for (std::int32_t k : D) {
      // Asleep at the cancellation: its last event before it (past the ends of steps) is a sleep.
      std::int32_t sl = -1;
      for (std::int32_t i = key - 1; i >= 0; --i) {
        const Event& f = t.events[i];
        if (f.task != k || f.kind == EventKind::step_ended) continue;
        if (f.kind == EventKind::sleeping) sl = i;
        break;
      }
      if (sl < 0 || std::isinf(t.events[sl].until) || t.events[sl].until <= e.time + 1e-9) continue;
      const double until = t.events[sl].until;
      const std::int32_t got = first_after(t, key, [&](const Event& f) {
        return f.kind == EventKind::cancel_delivered && f.task == k && f.scope == C;
      });
      if (got < 0) continue;
      const Line next = line_after(t, got, k);
      if (!next.ok) continue;
      Draft d = draft(key, view::KeyMoment::cancellation, "cut short");
      // A question about when: asked before the instant, so that the clock does not tell.
      d.q.stop = before_instant(key);
      d.q.answer_step = got;
      const std::string what = next.kind == "print"    ? "print \"" + next.detail + "\""
                               : next.kind == "caught" ? "catch " + next.detail
                                                       : "end";
      const std::string where = quote(t.events[sl].loc.line);
      std::string cause;
      switch (static_cast<trio::CancelSource>(e.flag)) {
        case trio::CancelSource::deadline: cause = "the deadline " + at(e.time) + " of " + view::describe_scope(t, C); break;
        case trio::CancelSource::explicit_: cause = "a cancel() of " + view::describe_scope(t, C) + " at " + at(e.time); break;
        default: cause = "the cancellation of " + view::describe_scope(t, C) + " at " + at(e.time); break;
      }
      d.q.prompt = who(k) + " is asleep" + (where.empty() ? "" : " in " + where) + " until " + at(until) + ", and " +
                   cause + " comes first. When does " + who(k) + " " + what + "?";
      d.right("At " + at(next.time), line_claim(t, k, next, next.time));
      d.misconception_choice(Misconception::cancel_waits_for_sleep, "At " + at(until) + ", when its sleep ends",
                             line_claim(t, k, next, until));
      for (const Alternative& a : alts()) {
        const trio::Trace& tr = a.run.trace;
        const std::int32_t k2 = task_named(tr, t.tasks[k].label);
        if (k2 < 0) continue;
        for (std::int32_t i = 0; i < static_cast<std::int32_t>(tr.events.size()); ++i) {
          const Event& f = tr.events[i];
          if (f.kind != EventKind::cancel_delivered || f.task != k2 || !valid(f.scope, tr.scopes.size()) ||
              tr.scopes[f.scope].loc.line != t.scopes[C].loc.line)
            continue;
          const Line n2 = line_after(tr, i, k2);
          if (n2.ok && n2.kind == next.kind && n2.detail == next.detail)
            d.alternative_choice(a, "At " + at(n2.time), line_claim(tr, k2, n2, n2.time));
          break;
        }
      }
      told_cancels.insert(key);
      keep(d);
      return;
    }
  }

  // ---- Cancelled delivered: again, after a swallow or in a finally block; or late ----
  void delivered(std::int32_t key) {
    const Event& e = t.events[key];
    const std::int32_t T = e.task;
    std::int32_t earlier = -1, swallowed = -1;
    for (std::int32_t i = key - 1; i >= 0; --i) {
      const Event& f = t.events[i];
      if (f.task != T) continue;
      if (f.kind == EventKind::cancel_delivered && f.scope == e.scope) {
        earlier = i;
        break;
      }
      if (f.kind == EventKind::handler_entered && view::is_cancelled_exc(t, f.exc)) swallowed = i;
    }
    const std::string await_words = quote(e.loc.line);
    if (earlier >= 0) {
      Draft d = draft(key, view::KeyMoment::cancel_delivered, "again");
      const bool in_finally = in.blocks && in.blocks->in_finally(e.loc.line);
      const std::string at_line = await_words.empty() ? "its next await" : await_words;
      if (swallowed >= 0)
        d.q.prompt = who(T) + " caught Cancelled and went on. What happens at " + at_line + "?";
      else if (in_finally)
        d.q.prompt = who(T) + " is being cancelled, and its finally block reaches " + at_line + ". What happens there?";
      else
        d.q.prompt = who(T) + " got Cancelled once already. What happens at " + at_line + "?";
      d.right("It gets Cancelled again, at once (" + at(e.time) + "): the scope is still cancelled", end_claim(t, T));
      const scenario::Statement* st = statement_on_line(in.scenario, e.loc.line);
      std::string wait = "It waits there as usual and carries on";
      if (st && st->op == scenario::Op::sleep && !st->value.is_var)
        wait = "It sleeps its " + expr_text(st->value) + " s there and carries on";
      if (swallowed >= 0) d.misconception_choice(Misconception::swallowing_stops_cancellation, wait + ": the cancellation is over", "");
      else if (in_finally) d.misconception_choice(Misconception::cleanup_always_finishes, wait + ": a finally block always runs to its end", "");
      else d.misconception_choice(Misconception::swallowing_stops_cancellation, wait, "");
      keep(d);
      return;
    }
    const std::int32_t sc = valid(e.scope, t.scopes.size()) ? state(key).scopes[e.scope].cancel_event : -1;
    if (sc < 0 || told_cancels.count(sc)) return;
    if (!(t.events[sc].time < e.time)) return;  // at once: the cancellation question's business
    Draft d = draft(key, view::KeyMoment::cancel_delivered, "late");
    d.q.stop = before_instant(key);
    if (d.q.stop < 0) return;
    d.q.prompt = view::describe_scope(t, e.scope) + " is cancelled at " + at(t.events[sc].time) + ". When does " + who(T) +
                 " get Cancelled?";
    // The transcript shows it when the Cancelled ends the task then.
    const std::int32_t fin = first_after(t, key, [&](const Event& f) { return f.task == T && f.kind == EventKind::task_finished; });
    const bool ends = fin >= 0 && view::is_cancelled_exc(t, t.events[fin].exc) && t.events[fin].time == e.time;
    const Line end = ends ? line_after(t, fin - 1, T) : Line{};
    d.right("At " + at(e.time) + ", at its next checkpoint", line_claim(t, T, end, e.time));
    d.misconception_choice(Misconception::sibling_killed_at_once, "At " + at(t.events[sc].time) + ", at once",
                           line_claim(t, T, end, t.events[sc].time));
    keep(d);
  }

  // ---- group formed: what comes out of the async with? ----
  void group(std::int32_t key) {
    const Event& e = t.events[key];
    const std::int32_t N = e.nursery;
    if (!valid(N, t.nurseries.size())) return;
    const std::uint32_t line = t.nurseries[N].loc.line;
    // What leaves the nursery of trace `tr`, and how the transcript shows it: "leaves P X" when
    // a handler or the task's end shows X; "engine ..." when only the trace does.
    auto leaves = [&](const trio::Trace& tr, std::int32_t nursery, std::string& claim) -> std::string {
      for (std::int32_t i = 0; i < static_cast<std::int32_t>(tr.events.size()); ++i) {
        const Event& f = tr.events[i];
        if (f.kind != EventKind::nursery_reraise || f.nursery != nursery) continue;
        const std::string x = canonical(tr, f.exc);
        Gen other{in, tr, {}, {}, {}, -1, -1, false, {}, -1};
        const Where w = other.where_it_goes(i, f.task, f.exc);
        // A transcript shows X itself where a plain handler catches it, the task ends with it,
        // or trio.run raises it; except* shows only its parts (a bare error wrapped in a group).
        const bool shown = (w.claim.starts_with("caught ") && w.parts.size() == 1 && w.parts[0] == x &&
                            !(in.blocks && in.blocks->statement(w.lines[0]).starts_with("except*"))) ||
                           w.claim.starts_with("run ") || w.claim.starts_with("line ");
        claim = shown ? "leaves " + tr.tasks[f.task].label + " " + x : "engine leaves " + x;
        return x;
      }
      claim = "engine leaves none";
      return "";
    };
    auto choice_text = [](const std::string& c) {
      return c.empty() ? std::string("Nothing: the nursery's own cancel scope absorbs the Cancelled") : c;
    };
    std::string out_claim;
    const std::string out_exc = leaves(t, N, out_claim);
    const std::string parent = t.tasks[t.nurseries[N].task].label;
    // Another exception's claim in the same terms as this run's.
    auto claim_of = [&](const std::string& x) {
      return out_claim.starts_with("leaves ") ? "leaves " + parent + " " + x : "engine leaves " + x;
    };
    d_answer_step_ = -1;
    for (std::int32_t i = key + 1; i < n(); ++i)
      if ((t.events[i].kind == EventKind::nursery_reraise || t.events[i].kind == EventKind::nursery_closed) &&
          t.events[i].nursery == N) {
        d_answer_step_ = i;
        if (t.events[i].kind == EventKind::nursery_reraise) break;
      }
    std::vector<std::string> errors;
    std::vector<std::int32_t> real_errors;
    for (std::int32_t i = 0; i < key; ++i) {
      const Event& f = t.events[i];
      if (f.kind != EventKind::exception_to_nursery || f.nursery != N) continue;
      errors.push_back(view::exc_type(t, f.exc) + " from " + who(f.task));
      if (!view::is_cancelled_exc(t, f.exc)) real_errors.push_back(f.exc);
    }
    Draft d = draft(key, view::KeyMoment::group_formed, "group");
    d.q.answer_step = d_answer_step_;
    d.q.prompt = who(t.nurseries[N].task) + "'s nursery holds " + view::join_names(errors, 4) +
                 ". What comes out of its `async with`?";
    d.right(choice_text(out_exc), out_claim);
    for (const Alternative& a : alts()) {
      const trio::Trace& tr = a.run.trace;
      for (std::size_t k = 0; k < tr.nurseries.size(); ++k)
        if (tr.nurseries[k].loc.line == line) {
          std::string c2;
          const std::string x = leaves(tr, static_cast<std::int32_t>(k), c2);
          d.alternative_choice(a, choice_text(x), c2);
          break;
        }
    }
    const std::string raw = canonical(t, e.exc);
    if (raw != out_exc)
      d.wrong_choice(raw, "The nursery's own cancel scope takes out the Cancelled it caused; only the real errors go on.",
                     "later in this run", claim_of(raw));
    if (real_errors.size() >= 2) {
      const std::string first = canonical(t, real_errors.front());
      d.misconception_choice(Misconception::only_first_error_kept, first + " alone", claim_of(first));
    }
    keep(d);
  }

  // ---- re-raise: where does it go? ----
  struct Where {
    std::string text, claim;
    bool escapes = false;
    std::int32_t step = -1;  // where it shows
    std::vector<std::uint32_t> lines;  // the handlers that catch it (except*: each part's)
    std::vector<std::string> parts;    // what each of them catches
  };
  // "caught LABEL TIME X & Y": the task's caught lines from TIME on are exactly these.
  static std::string caught_claim(const trio::Trace& tr, std::int32_t task, double time, std::vector<std::string> parts) {
    std::sort(parts.begin(), parts.end());
    std::string c = "caught " + tr.tasks[task].label + " " + view::format_seconds(time);
    for (std::size_t k = 0; k < parts.size(); ++k) c += (k ? " & " : " ") + parts[k];
    return c;
  }
  Where where_it_goes(std::int32_t key, std::int32_t task, std::int32_t exc) const {
    for (std::int32_t i = key + 1; i < n(); ++i) {
      const Event& f = t.events[i];
      if (f.task != task) continue;
      if (f.kind == EventKind::scope_caught_cancelled)
        return {view::describe_scope(t, f.scope) + " absorbs it: the Cancelled came from its own cancellation",
                "engine absorbed " + std::to_string(t.scopes[f.scope].loc.line), false, i, {}, {}};
      if (f.kind == EventKind::handler_entered) {
        // except*: every clause that matches a part of the group runs, one after another.
        std::vector<std::uint32_t> lines{f.loc.line};
        std::vector<std::string> parts{canonical(t, f.exc)};
        for (std::int32_t j = i + 1; j < n() && j <= i + 16; ++j) {
          const Event& g2 = t.events[j];
          if (g2.task != task) continue;
          if (g2.kind == EventKind::handler_entered && !(g2.loc.line == lines.back())) {
            lines.push_back(g2.loc.line);
            parts.push_back(canonical(t, g2.exc));
          }
          if (g2.kind == EventKind::task_finished || g2.kind == EventKind::raised) break;
        }
        std::string text;
        for (std::size_t k = 0; k < lines.size(); ++k) {
          const std::string q = quote(lines[k]);
          text += (k == 0 ? "" : k + 1 == lines.size() ? " and " : ", ") + (q.empty() ? std::string("the handler") : q) +
                  " (line " + std::to_string(lines[k]) + ")";
        }
        Where w{(lines.size() == 1 ? "It is caught by " : "Each part is caught: ") + text,
                caught_claim(t, task, f.time, parts), false, i, {}, {}};
        w.lines = lines;
        w.parts = parts;
        return w;
      }
      if (f.kind == EventKind::task_finished) {
        if (f.exc < 0) return {"It is caught, and " + who(task) + " returns", "engine returns", false, i, {}, {}};
        if (t.tasks[task].is_main)
          return {"Nothing catches it: it escapes trio.run", "run error " + canonical(t, f.exc), true, i, {}, {}};
        return {"Nothing catches it: " + who(task) + " ends with it", end_claim(t, task), false, i, {}, {}};
      }
    }
    return {};
  }

  // The wrong places an exception could go: the handlers around `line` that do not catch it
  // (for except*, one clause alone when several share the group), and out of the task.
  void handler_choices(Draft& d, const Where& w, std::uint32_t line, std::int32_t task, std::int32_t exc, double time) {
    const std::string x = canonical(t, exc);
    const bool group = valid(exc, t.exceptions.size()) && t.exceptions[exc] && !t.exceptions[exc]->exceptions.empty();
    if (in.blocks)
      for (std::uint32_t h : in.blocks->handlers_around(line)) {
        const std::string q = quote(h);
        const auto caught = std::find(w.lines.begin(), w.lines.end(), h);
        if (caught != w.lines.end()) {
          if (w.lines.size() > 1)
            d.wrong_choice("Only " + q + " (line " + std::to_string(h) + ")",
                           "except* runs every clause that matches a part of the group; here more than one does.",
                           "later in this run",
                           caught_claim(t, task, time, {w.parts[static_cast<std::size_t>(caught - w.lines.begin())]}));
          continue;
        }
        const std::string text = "It is caught by " + q + " (line " + std::to_string(h) + ")";
        const std::string_view words = in.blocks->statement(h);
        if (group && words.starts_with("except ") && words != "except:" && words.find("Exception") == std::string_view::npos)
          d.misconception_choice(Misconception::except_catches_child_error, text, caught_claim(t, task, time, {x}));
        else
          d.wrong_choice(text, q + " does not match " + view::exc_type(t, exc) + ".", "later in this run",
                         caught_claim(t, task, time, {x}));
      }
    const std::string first = w.claim.starts_with("engine absorbed") ? "The cancel scope around it catches the Cancelled it caused first."
                                                                    : "The handler around it catches it first.";
    if (w.escapes) return;
    if (t.tasks[task].is_main)
      d.wrong_choice("Nothing catches it: it escapes trio.run", first, "later in this run", "run error " + x);
    else
      d.wrong_choice("Nothing catches it: " + who(task) + " ends with it", first, "later in this run",
                     "next " + t.tasks[task].label + " " + view::format_seconds(time) + " error " + x);
  }

  void reraise(std::int32_t key) {
    const Event& e = t.events[key];
    const std::int32_t P = e.task;
    const std::uint32_t nline = valid(e.nursery, t.nurseries.size()) ? t.nurseries[e.nursery].loc.line : e.loc.line;
    Draft d = draft(key, view::KeyMoment::nursery_reraise, "where");
    d.q.prompt = canonical(t, e.exc) + " is about to leave the `async with` in " + who(P) + ". Where does it go?";
    const Where w = where_it_goes(key, P, e.exc);
    if (w.text.empty()) return;
    d.right(w.text, w.claim);
    d.q.answer_step = w.step;
    handler_choices(d, w, nline, P, e.exc, e.time);
    for (const Alternative& a : alts()) {
      const trio::Trace& tr = a.run.trace;
      const std::int32_t P2 = task_named(tr, t.tasks[P].label);
      if (P2 < 0) continue;
      for (std::int32_t i = 0; i < static_cast<std::int32_t>(tr.events.size()); ++i) {
        const Event& f = tr.events[i];
        if (f.kind != EventKind::nursery_reraise || f.task != P2 || !valid(f.nursery, tr.nurseries.size()) ||
            tr.nurseries[f.nursery].loc.line != nline)
          continue;
        Gen other{in, tr, {}, {}, {}, -1, -1, false, {}, -1};
        const Where w2 = other.where_it_goes(i, P2, f.exc);
        if (!w2.text.empty()) d.alternative_choice(a, w2.text, w2.claim);
        break;
      }
    }
    if (w.escapes) told_run_end = true;
    told_reraise_task = P;
    told_reraise_step = key;
    keep(d);
  }

  // ---- handler entered (not right after a re-raise question): which handler? ----
  void handler(std::int32_t key) {
    const Event& e = t.events[key];
    if (e.task == told_reraise_task && told_reraise_step >= 0 && key - told_reraise_step <= 8) return;
    // The exception it catches came from a raise (or a delivery) just before.
    std::int32_t from = -1;
    for (std::int32_t i = key - 1; i >= 0 && i >= key - 8; --i)
      if (t.events[i].task == e.task && (t.events[i].kind == EventKind::raised || t.events[i].kind == EventKind::cancel_delivered ||
                                         t.events[i].kind == EventKind::nursery_reraise)) {
        from = i;
        break;
      }
    if (from < 0) return;
    Draft d = draft(key, view::KeyMoment::handler_entered, "handler");
    d.q.stop = from;
    d.q.prompt = view::describe_exc(t, e.exc) + " is unwinding " + who(e.task) + ". Where is it caught?";
    const Where w = where_it_goes(from, e.task, e.exc);
    if (w.text.empty()) return;
    d.right(w.text, w.claim);
    handler_choices(d, w, t.events[from].loc.line, e.task, e.exc, e.time);
    keep(d);
  }

  // ---- end of the run: how does trio.run end? ----
  static std::pair<std::string, std::string> ending(const trio::Trace& tr) {
    for (std::int32_t i = static_cast<std::int32_t>(tr.events.size()) - 1; i >= 0; --i) {
      const Event& f = tr.events[i];
      if (f.kind == EventKind::run_finished)
        return f.exc < 0 ? std::make_pair(std::string("trio.run returns"), std::string("run return"))
                         : std::make_pair("trio.run raises " + canonical(tr, f.exc), "run error " + canonical(tr, f.exc));
      if (f.kind == EventKind::deadlock) return {"The run never ends: every task waits forever (deadlock)", "run deadlock"};
      if (f.kind == EventKind::budget_exhausted) return {"The run does not finish: it goes on forever", "run budget"};
    }
    return {"", ""};
  }

  void run_end(std::int32_t key) {
    if (told_run_end) return;
    Draft d = draft(key, view::KeyMoment::run_end, "run end");
    d.q.prompt = "How does trio.run end?";
    auto [text, claim] = ending(t);
    if (text.empty()) return;
    d.right(text, claim);
    for (const Alternative& a : alts()) {
      auto [t2, c2] = ending(a.run.trace);
      if (!t2.empty()) d.alternative_choice(a, t2, c2);
    }
    // `except ValueError` around a strict nursery: what a student expects of it.
    if (claim != "run return")
      for (const Lint& l : static_lints(in.scenario, in.strict))
        if (l.code == "TS001" && in.strict) {
          d.misconception_choice(Misconception::except_catches_child_error,
                                 "trio.run returns: the handler caught the child's error", "run return");
          break;
        }
    // An error this run raised and caught.
    if (claim == "run return")
      for (const Event& f : t.events)
        if (f.kind == EventKind::raised && !view::is_cancelled_exc(t, f.exc)) {
          d.wrong_choice("trio.run raises " + canonical(t, f.exc), "It was raised, but a handler caught it.",
                         "later in this run", "run error " + canonical(t, f.exc));
          break;
        }
    keep(d);
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] A lesson's own questions
// ---------------------------------------------------------------------------------------

namespace {

std::vector<Question> authored(const QuestionInput& in) {
  std::vector<Question> out;
  for (const scenario::AuthoredQuestion& a : in.scenario.questions) {
    std::int32_t step = -1;
    if (!document::find_step(in.trace, a.at, step) || step < 0) continue;
    Question q;
    q.key = step;
    q.stop = step - 1;
    q.kind = "lesson";
    q.authored = true;
    q.prompt = a.prompt;
    for (std::size_t i = 0; i < a.choices.size(); ++i) {
      Choice c;
      c.text = a.choices[i].text;
      c.why = a.choices[i].why;
      c.correct = i == a.answer;
      c.from = "the lesson";
      q.choices.push_back(std::move(c));
    }
    q.answer = a.answer;
    q.caption = view::caption(in.trace, in.playback.snapshot_at(step - 1), in.playback.snapshot_at(step), in.blocks);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] All of them
// ---------------------------------------------------------------------------------------

std::vector<Question> questions(const QuestionInput& in) {
  Gen g{in, in.trace, {}, {}, {}, -1, -1, false, {}, -1};
  for (const view::KeyStep& k : view::key_steps(in.trace)) {
    if (k.step <= 0) continue;
    switch (k.moment) {
      case view::KeyMoment::children_spawned:
        if (!g.print_after_spawn(k.step)) g.nursery_end(k.step);
        break;
      case view::KeyMoment::first_print: g.first_print(k.step); break;
      case view::KeyMoment::raised: g.raised(k.step); break;
      case view::KeyMoment::cancellation: g.cancellation(k.step); break;
      case view::KeyMoment::cancel_delivered: g.delivered(k.step); break;
      case view::KeyMoment::group_formed: g.group(k.step); break;
      case view::KeyMoment::nursery_reraise: g.reraise(k.step); break;
      case view::KeyMoment::handler_entered: g.handler(k.step); break;
      case view::KeyMoment::run_end: g.run_end(k.step); break;
    }
  }
  std::vector<Question> qs = std::move(g.out);
  // A lesson's own question takes its stop; then one question per stop, in step order.
  for (Question& a : authored(in)) {
    std::erase_if(qs, [&](const Question& q) { return q.stop == a.stop; });
    qs.push_back(std::move(a));
  }
  std::stable_sort(qs.begin(), qs.end(), [](const Question& a, const Question& b) { return a.stop < b.stop; });
  qs.erase(std::unique(qs.begin(), qs.end(), [](const Question& a, const Question& b) { return a.stop == b.stop; }),
           qs.end());
  return qs;
}

const Question* question_at(const std::vector<Question>& qs, std::int32_t stop) {
  for (const Question& q : qs)
    if (q.stop == stop) return &q;
  return nullptr;
}

std::string to_text(const Question& q, bool reveal) {
  std::string out = q.prompt + "\n";
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    const Choice& c = q.choices[i];
    out += "  " + std::to_string(i + 1) + ". " + c.text;
    if (reveal) out += c.correct ? "   <- right" : "";
    out += "\n";
  }
  if (!reveal) return out;
  if (!q.caption.empty()) out += "What happens: " + q.caption + "\n";
  for (std::size_t i = 0; i < q.choices.size(); ++i)
    if (!q.choices[i].correct && !q.choices[i].why.empty())
      out += "  " + std::to_string(i + 1) + " is wrong: " + q.choices[i].why + "\n";
  return out;
}

}  // namespace trioscope::teach
