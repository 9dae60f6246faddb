// [SECTION] Time and writing events
// [SECTION] Spans: lives, scopes, states
// [SECTION] Instants and flows
#include "export/chrome_trace.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "export/json_text.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/snapshot.hpp"

namespace trioscope::exporting {

using trio::EventKind;

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Time and writing events
// ---------------------------------------------------------------------------------------

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// Microseconds of virtual time, each event at least 1 µs after the one before.
std::vector<double> timestamps(const trio::Trace& t) {
  std::vector<double> ts(t.events.size());
  double last = -1;
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const double us = std::round(t.events[i].time * 1e6);
    last = std::max(us, last + 1);
    ts[i] = last;
  }
  return ts;
}

struct Span {
  double ts = 0, dur = 0;
  std::int32_t tid = 0;
  std::string name;
  const char* cat = "";
  const char* cname = nullptr;
  std::string args;  // a JSON object's members, without braces
};

// Chrome's reserved colour names, so that chrome://tracing colours states as the app does
// (Perfetto picks its own).
const char* cname_of(view::DisplayState s) {
  using D = view::DisplayState;
  switch (s) {
    case D::running: return "thread_state_running";
    case D::runnable: return "thread_state_runnable";
    case D::sleeping: return "thread_state_sleeping";
    case D::blocking: return "thread_state_iowait";
    case D::waiting_children: case D::waiting_start: return "thread_state_uninterruptible";
    case D::cancel_pending: return "yellow";
    case D::raising: case D::crashed: return "terrible";
    case D::handling: return "olive";
    case D::cancelled: return "bad";
    default: return "grey";
  }
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void begin() { out_ += first_ ? "\n" : ",\n"; first_ = false; }
  void field(const char* key, std::string_view s) {
    out_ += ",\"";
    out_ += key;
    out_ += "\":";
    append_json_string(out_, s);
  }
  void field(const char* key, double v) {
    out_ += ",\"";
    out_ += key;
    out_ += "\":";
    append_json_number(out_, v);
  }
  void span(const Span& s) {
    begin();
    out_ += "{\"ph\":\"X\",\"pid\":1";
    field("tid", s.tid);
    field("ts", s.ts);
    field("dur", s.dur);
    field("name", s.name);
    field("cat", s.cat);
    if (s.cname) field("cname", s.cname);
    out_ += ",\"args\":{";
    out_ += s.args;
    out_ += "}}";
  }
  std::string& out_;
  bool first_ = true;
};

std::string step_args(const trio::Trace& t, std::int32_t step) {
  std::string a = "\"step\":";
  append_json_number(a, step);
  a += ",\"t\":";
  append_json_number(a, t.events[step].time);
  return a;
}

}  // namespace

std::string chrome_trace(const trio::Trace& t, const view::TimelineLayout& tl, const std::string& title) {
  std::string out;
  out.reserve(t.events.size() * 160 + 4096);
  out += "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"producer\":\"trioscope\",\"title\":";
  append_json_string(out, title);
  out += ",\"time\":\"virtual microseconds; events at one instant 1 us apart, in order\"},\"traceEvents\":[";
  Writer w(out);
  const std::vector<double> ts = timestamps(t);
  const double end_ts = ts.empty() ? 0 : ts.back() + 1;
  auto at = [&](std::int32_t step) { return valid(step, ts.size()) ? ts[step] : end_ts; };
  const std::size_t ntasks = t.tasks.size();
  auto tid_of = [&](std::int32_t task) {
    return valid(task, tl.lane_of_task.size()) ? tl.lane_of_task[task] + 1 : 0;
  };

  // Names: the process is the lesson, each track a task, in the timeline's order.
  w.begin();
  out += "{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"process_name\",\"args\":{\"name\":";
  append_json_string(out, title.empty() ? std::string("trio.run") : title);
  out += "}}";
  for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
    const std::int32_t tid = static_cast<std::int32_t>(l) + 1;
    w.begin();
    out += "{\"ph\":\"M\",\"pid\":1,\"name\":\"thread_name\"";
    w.field("tid", tid);
    out += ",\"args\":{\"name\":";
    append_json_string(out, view::task_label(t, tl.lanes[l].task));
    out += "}}";
    w.begin();
    out += "{\"ph\":\"M\",\"pid\":1,\"name\":\"thread_sort_index\"";
    w.field("tid", tid);
    out += ",\"args\":{\"sort_index\":";
    append_json_number(out, static_cast<double>(l));
    out += "}}";
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] Spans: lives, scopes, states
  // ---------------------------------------------------------------------------------------
  std::vector<std::vector<Span>> spans(tl.lanes.size() + 1);
  std::vector<std::vector<double>> cuts(tl.lanes.size() + 1);  // where each track's scopes begin and end
  std::vector<std::int32_t> born(ntasks, -1), ended(ntasks, -1);
  std::vector<std::int32_t> entered(t.scopes.size(), -1);
  auto scope_name = [&](std::int32_t scope) {
    const trio::ScopeInfo& s = t.scopes[scope];
    if (s.kind == trio::ScopeKind::nursery && valid(s.nursery, t.nurseries.size())) {
      const trio::NurseryInfo& n = t.nurseries[s.nursery];
      if (n.for_start) return std::string("nursery.start()");
      return "async with trio.open_nursery()" + (n.name.empty() ? std::string() : " as " + n.name);
    }
    return view::describe_scope(t, scope);
  };
  auto close_scope = [&](std::int32_t scope, std::int32_t exit_step) {
    const std::int32_t task = t.scopes[scope].task;
    const std::int32_t tid = tid_of(task);
    Span s;
    s.tid = tid;
    s.ts = at(entered[scope]);
    s.dur = at(exit_step) - s.ts;
    s.name = scope_name(scope);
    s.cat = t.scopes[scope].kind == trio::ScopeKind::nursery ? "nursery" : "cancel_scope";
    s.args = step_args(t, entered[scope]);
    if (valid(exit_step, t.events.size()) && t.events[exit_step].exc >= 0) {
      s.args += ",\"exception\":";
      append_json_string(s.args, view::describe_exc(t, t.events[exit_step].exc));
    }
    spans[tid].push_back(std::move(s));
    cuts[tid].push_back(at(entered[scope]));
    cuts[tid].push_back(at(exit_step));
    entered[scope] = -1;
  };
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const trio::Event& e = t.events[i];
    const std::int32_t step = static_cast<std::int32_t>(i);
    if (e.kind == EventKind::task_spawned && valid(e.task, ntasks) && born[e.task] < 0) born[e.task] = step;
    if (e.kind == EventKind::task_finished && valid(e.task, ntasks)) ended[e.task] = step;
    if (e.kind == EventKind::scope_entered && valid(e.scope, t.scopes.size())) entered[e.scope] = step;
    if (e.kind == EventKind::scope_exited && valid(e.scope, t.scopes.size()) && entered[e.scope] >= 0) close_scope(e.scope, step);
  }
  for (std::size_t s = 0; s < t.scopes.size(); ++s)
    if (entered[s] >= 0) close_scope(static_cast<std::int32_t>(s), -1);  // still open at the end
  for (std::size_t task = 0; task < ntasks; ++task) {
    if (born[task] < 0) continue;
    const std::int32_t tid = tid_of(static_cast<std::int32_t>(task));
    Span s;
    s.tid = tid;
    s.ts = at(born[task]);
    double end = at(ended[task]);
    // A life holds every state the timeline shows for the task (the main task is runnable
    // from the run's first event, before its spawn is recorded).
    if (valid(static_cast<std::int32_t>(task), tl.lane_of_task.size())) {
      const auto& lane_spans = tl.lanes[tl.lane_of_task[task]].spans;
      if (!lane_spans.empty()) {
        s.ts = std::min(s.ts, at(tl.axis.step_at(lane_spans.front().x0)));
        const double x1 = lane_spans.back().x1;
        end = std::max(end, at(x1 >= tl.axis.end_x ? -1 : tl.axis.step_at(x1)));
      }
    }
    s.dur = end - s.ts;
    s.name = view::task_label(t, static_cast<std::int32_t>(task));
    s.cat = "task";
    s.args = step_args(t, born[task]);
    if (ended[task] >= 0) {
      const std::int32_t exc = t.events[ended[task]].exc;
      s.args += ",\"result\":";
      append_json_string(s.args, exc < 0 ? std::string("returned")
                                         : (view::is_cancelled_exc(t, exc) ? "cancelled: " : "crashed: ") +
                                               view::describe_exc(t, exc));
    }
    spans[tid].push_back(std::move(s));
  }
  // States, from the timeline's lanes (one definition of what a task is doing), cut where
  // a scope of the task begins or ends so that each lies inside one.
  for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
    const std::int32_t tid = static_cast<std::int32_t>(l) + 1;
    std::vector<double>& c = cuts[tid];
    std::sort(c.begin(), c.end());
    for (const view::Span& sp : tl.lanes[l].spans) {
      const std::int32_t a = tl.axis.step_at(sp.x0);
      const std::int32_t b = sp.x1 >= tl.axis.end_x ? -1 : tl.axis.step_at(sp.x1);
      double from = at(a);
      const double to = at(b);
      if (to <= from) continue;
      auto piece = [&](double x0, double x1) {
        Span s;
        s.tid = tid;
        s.ts = x0;
        s.dur = x1 - x0;
        s.name = view::state_word(sp.state);
        s.cat = "state";
        s.cname = cname_of(sp.state);
        s.args = step_args(t, a);
        spans[tid].push_back(std::move(s));
      };
      for (auto it = std::upper_bound(c.begin(), c.end(), from); it != c.end() && *it < to; ++it) {
        if (*it <= from) continue;
        piece(from, *it);
        from = *it;
      }
      piece(from, to);
    }
  }
  // Each track in order of start, a parent before the spans it holds.
  for (auto& track : spans) {
    std::stable_sort(track.begin(), track.end(),
                     [](const Span& a, const Span& b) { return a.ts < b.ts || (a.ts == b.ts && a.dur > b.dur); });
    for (const Span& s : track) w.span(s);
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] Instants and flows
  // ---------------------------------------------------------------------------------------
  auto instant = [&](std::int32_t step, std::int32_t task, const char* cat, const std::string& name, bool global) {
    w.begin();
    out += "{\"ph\":\"i\",\"pid\":1";
    w.field("s", global ? "g" : "t");
    w.field("tid", global ? 0 : tid_of(task));
    w.field("ts", at(step));
    w.field("name", name);
    w.field("cat", cat);
    out += ",\"args\":{";
    out += step_args(t, step);
    out += "}}";
  };
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const trio::Event& e = t.events[i];
    const std::int32_t step = static_cast<std::int32_t>(i);
    auto exc = [&] { return view::describe_exc(t, e.exc); };
    switch (e.kind) {
      case EventKind::scope_cancelled:
        if (valid(e.scope, t.scopes.size())) instant(step, t.scopes[e.scope].task, "cancel", "cancel " + view::describe_scope(t, e.scope), false);
        break;
      case EventKind::cancel_delivered: instant(step, e.task, "cancel", "Cancelled delivered", false); break;
      case EventKind::scope_caught_cancelled:
        if (valid(e.scope, t.scopes.size())) instant(step, t.scopes[e.scope].task, "cancel", "Cancelled caught by " + view::describe_scope(t, e.scope), false);
        break;
      case EventKind::raised: instant(step, e.task, "exception", "raise " + exc(), false); break;
      case EventKind::exception_to_nursery: instant(step, e.task, "exception", exc() + " to its nursery", false); break;
      case EventKind::group_formed:
        if (valid(e.nursery, t.nurseries.size())) instant(step, t.nurseries[e.nursery].task, "exception", "group formed: " + exc(), false);
        break;
      case EventKind::nursery_reraise:
        if (valid(e.nursery, t.nurseries.size())) instant(step, t.nurseries[e.nursery].task, "exception", "re-raised at async with: " + exc(), false);
        break;
      case EventKind::handler_entered: instant(step, e.task, "exception", "caught " + exc(), false); break;
      case EventKind::print: instant(step, e.task, "print", "print: " + std::string(t.text(e)), false); break;
      case EventKind::clock_jump: instant(step, -1, "scheduler", "clock jumps to t = " + view::format_seconds(e.until), true); break;
      case EventKind::run_finished:
        instant(step, -1, "scheduler", e.exc >= 0 ? "trio.run raised " + exc() : std::string("trio.run returned"), true);
        break;
      case EventKind::deadlock: instant(step, -1, "scheduler", "deadlock", true); break;
      case EventKind::budget_exhausted: instant(step, -1, "scheduler", "event budget exhausted", true); break;
      default: break;
    }
  }
  // Flows: the timeline's arrows, each from the event at its tail to the one at its head.
  long long id = 0;
  for (const view::Arrow& a : tl.arrows) {
    const std::int32_t from = tl.axis.step_at(a.x0);
    if (!valid(from, t.events.size()) || !valid(a.event, t.events.size())) continue;
    const char* name = a.kind == view::ArrowKind::spawn    ? "spawn"
                       : a.kind == view::ArrowKind::cancel ? "cancellation"
                                                           : "exception";
    ++id;
    for (int end = 0; end < 2; ++end) {
      w.begin();
      out += end == 0 ? "{\"ph\":\"s\",\"pid\":1" : "{\"ph\":\"f\",\"bp\":\"e\",\"pid\":1";
      w.field("tid", (end == 0 ? a.lane0 : a.lane1) + 1);
      w.field("ts", at(end == 0 ? from : a.event));
      w.field("id", static_cast<double>(id));
      w.field("name", name);
      w.field("cat", name);
      out += '}';
    }
  }
  out += "\n]}\n";
  return out;
}

}  // namespace trioscope::exporting
