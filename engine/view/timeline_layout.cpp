// [SECTION] The axis: event slots and stretched time
// [SECTION] Marks
// [SECTION] The layout: lanes, spans, marks, arrows, overdue sleepers
#include "view/timeline_layout.hpp"

#include <algorithm>
#include <cmath>

#include "view/snapshot.hpp"

namespace trioscope::view {

using trio::EventKind;

// ---- [SECTION] The axis ---------------------------------------------------------------------------

TimeAxis build_time_axis(const trio::Trace& trace, const TimelineOptions& options) {
  TimeAxis a;
  a.event_width = options.event_width;
  const auto& ev = trace.events;
  const std::size_t n = ev.size();
  a.event_x.resize(n);
  if (n == 0) return a;
  const double total_time = ev.back().time - ev.front().time;
  const double share = std::clamp(options.time_share, 0.0, 0.95);
  a.seconds = options.seconds > 0 ? options.seconds
              : total_time > 0 ? share / (1 - share) * static_cast<double>(n) * a.event_width / total_time
                               : 0;
  double x = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) {
      x += a.event_width;
      const double dt = ev[i].time - ev[i - 1].time;
      if (dt > 0) x += dt * a.seconds;
    }
    a.event_x[i] = x;
    if (a.ticks.empty() || a.ticks.back().time != ev[i].time)
      a.ticks.push_back({x, ev[i].time, static_cast<std::int32_t>(i)});
  }
  a.end_x = x + a.event_width;
  return a;
}

InvolvedLanes involved_lanes(const TimelineLayout& tl, const trio::Trace& trace, std::int32_t step) {
  InvolvedLanes out;
  if (step < 0 || static_cast<std::size_t>(step) >= trace.events.size()) return out;
  auto add = [&](std::int32_t lane) {
    if (lane < 0) return;
    out.first = out.first < 0 ? lane : std::min(out.first, lane);
    out.last = std::max(out.last, lane);
  };
  const std::int32_t task = trace.events[step].task;
  if (task >= 0 && static_cast<std::size_t>(task) < tl.lane_of_task.size()) add(out.acting = tl.lane_of_task[task]);
  // Arrows are ordered by where they start: those of this step start within its slot.
  const double x = tl.axis.x_of(step);
  auto [a0, a1] = tl.arrows_in(x - tl.max_arrow_span - 1, x + 1);
  for (std::size_t i = a0; i < a1; ++i)
    if (tl.arrows[i].event == step) {
      add(tl.arrows[i].lane0);
      add(tl.arrows[i].lane1);
    }
  return out;
}

double TimeAxis::x_of(std::int32_t step) const {
  if (step < 0 || event_x.empty()) return 0;
  if (static_cast<std::size_t>(step) >= event_x.size()) return end_x;
  return event_x[step];
}

std::int32_t TimeAxis::step_at(double x) const {
  auto it = std::upper_bound(event_x.begin(), event_x.end(), x);
  return static_cast<std::int32_t>(it - event_x.begin()) - 1;
}

double TimeAxis::time_at(double x) const {
  if (ticks.empty()) return 0;
  auto it = std::upper_bound(ticks.begin(), ticks.end(), x, [](double v, const Tick& t) { return v < t.x; });
  if (it == ticks.begin()) return ticks.front().time;
  const Tick& t = *(it - 1);
  // Inside an instant's events the time stands still; after them it runs at `seconds`.
  const std::size_t next_first = it == ticks.end() ? event_x.size() : static_cast<std::size_t>(it->first_event);
  const double busy_end = next_first > 0 ? event_x[next_first - 1] + event_width : t.x;
  if (x <= busy_end || seconds <= 0) return t.time;
  const double tt = t.time + (x - busy_end) / seconds;
  return it == ticks.end() ? tt : std::min(tt, it->time);
}

double TimeAxis::x_at_time(double t) const {
  if (ticks.empty()) return 0;
  auto it = std::upper_bound(ticks.begin(), ticks.end(), t, [](double v, const Tick& k) { return v < k.time; });
  if (it == ticks.begin()) return ticks.front().x;
  const Tick& k = *(it - 1);
  if (k.time >= t || seconds <= 0) return k.x;
  const std::size_t next_first = it == ticks.end() ? event_x.size() : static_cast<std::size_t>(it->first_event);
  const double busy_end = next_first > 0 ? event_x[next_first - 1] + event_width : k.x;
  const double x = busy_end + (t - k.time) * seconds;
  return it == ticks.end() ? x : std::min(x, it->x);
}

// ---- [SECTION] Marks --------------------------------------------------------------------------------

const char* mark_word(MarkKind k) {
  switch (k) {
    case MarkKind::checkpoint: return "checkpoint";
    case MarkKind::sleep: return "sleep";
    case MarkKind::block: return "time.sleep";
    case MarkKind::spawn: return "spawned";
    case MarkKind::cancel: return "cancel";
    case MarkKind::cancel_hit: return "Cancelled";
    case MarkKind::raise: return "raise";
    case MarkKind::reraise: return "re-raise";
    case MarkKind::caught: return "caught";
    case MarkKind::crash: return "crash";
    case MarkKind::print: return "print";
  }
  return "?";
}

ColorRole mark_role(MarkKind k) {
  switch (k) {
    case MarkKind::checkpoint: case MarkKind::sleep: return ColorRole::checkpoint;
    case MarkKind::block: return ColorRole::blocking;
    case MarkKind::spawn: return ColorRole::spawn;
    case MarkKind::cancel: case MarkKind::cancel_hit: return ColorRole::cancellation;
    case MarkKind::raise: case MarkKind::reraise: case MarkKind::crash: return ColorRole::exception;
    case MarkKind::caught: return ColorRole::handling;
    case MarkKind::print: return ColorRole::output;
  }
  return ColorRole::text;
}

int mark_priority(MarkKind k) {
  switch (k) {
    case MarkKind::checkpoint: return 0;
    case MarkKind::sleep: return 1;
    case MarkKind::print: return 2;
    case MarkKind::spawn: return 3;
    case MarkKind::block: return 4;
    case MarkKind::caught: return 5;
    case MarkKind::cancel_hit: return 6;
    case MarkKind::cancel: return 7;
    case MarkKind::reraise: return 8;
    case MarkKind::raise: return 9;
    case MarkKind::crash: return 10;
  }
  return 0;
}

std::pair<std::size_t, std::size_t> Lane::spans_in(double x0, double x1) const {
  auto first = std::lower_bound(spans.begin(), spans.end(), x0, [](const Span& s, double v) { return s.x1 < v; });
  auto last = std::upper_bound(first, spans.end(), x1, [](double v, const Span& s) { return v < s.x0; });
  return {static_cast<std::size_t>(first - spans.begin()), static_cast<std::size_t>(last - spans.begin())};
}

std::pair<std::size_t, std::size_t> Lane::marks_in(double x0, double x1) const {
  auto first = std::lower_bound(marks.begin(), marks.end(), x0, [](const Mark& m, double v) { return m.x < v; });
  auto last = std::upper_bound(first, marks.end(), x1, [](double v, const Mark& m) { return v < m.x; });
  return {static_cast<std::size_t>(first - marks.begin()), static_cast<std::size_t>(last - marks.begin())};
}

std::pair<std::size_t, std::size_t> TimelineLayout::arrows_in(double x0, double x1) const {
  auto key = [](const Arrow& a) { return std::min(a.x0, a.x1); };
  auto first = std::lower_bound(arrows.begin(), arrows.end(), x0 - max_arrow_span,
                                [&](const Arrow& a, double v) { return key(a) < v; });
  auto last = std::upper_bound(first, arrows.end(), x1, [&](double v, const Arrow& a) { return v < key(a); });
  return {static_cast<std::size_t>(first - arrows.begin()), static_cast<std::size_t>(last - arrows.begin())};
}

// ---- [SECTION] The layout ---------------------------------------------------------------------------

namespace {

bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// Lanes in spawn-tree order: each task directly above its children, so that spawn and
// exception arrows stay short.
void order_lanes(const trio::Trace& trace, TimelineLayout& out) {
  const std::size_t n = trace.tasks.size();
  std::vector<std::vector<std::int32_t>> kids(n);
  std::vector<std::int32_t> roots;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t nursery = trace.tasks[i].nursery;
    const std::int32_t parent = valid(nursery, trace.nurseries.size()) ? trace.nurseries[nursery].task : -1;
    if (valid(parent, n) && parent != static_cast<std::int32_t>(i)) kids[parent].push_back(static_cast<std::int32_t>(i));
    else roots.push_back(static_cast<std::int32_t>(i));
  }
  out.lane_of_task.assign(n, -1);
  std::vector<std::pair<std::int32_t, std::int32_t>> stack;  // (task, depth)
  for (auto r = roots.rbegin(); r != roots.rend(); ++r) stack.push_back({*r, 0});
  while (!stack.empty()) {
    auto [task, depth] = stack.back();
    stack.pop_back();
    if (out.lane_of_task[task] >= 0) continue;
    out.lane_of_task[task] = static_cast<std::int32_t>(out.lanes.size());
    Lane lane;
    lane.task = task;
    lane.depth = depth;
    out.lanes.push_back(std::move(lane));
    for (auto k = kids[task].rbegin(); k != kids[task].rend(); ++k) stack.push_back({*k, depth + 1});
  }
}

std::int32_t owner_of_nursery(const trio::Trace& t, std::int32_t n) {
  return valid(n, t.nurseries.size()) ? t.nurseries[n].task : -1;
}

}  // namespace

TimelineLayout build_timeline(const trio::Trace& trace, const TimelineOptions& options, const SourceBlocks* blocks) {
  TimelineLayout out;
  out.axis = build_time_axis(trace, options);
  order_lanes(trace, out);
  const std::size_t ntasks = trace.tasks.size();
  const auto& x = out.axis.event_x;
  auto lane = [&](std::int32_t task) -> Lane* {
    return valid(task, ntasks) ? &out.lanes[out.lane_of_task[task]] : nullptr;
  };
  auto lane_index = [&](std::int32_t task) { return valid(task, ntasks) ? out.lane_of_task[task] : -1; };

  Snapshot s = initial_snapshot(trace);
  std::vector<DisplayState> shown(ntasks, DisplayState::absent);
  std::vector<double> since(ntasks, 0);
  std::vector<std::vector<std::pair<double, std::int32_t>>> errors_in(trace.nurseries.size());
  std::vector<std::int32_t> touched;

  auto refresh = [&](std::int32_t task, double at) {
    if (!valid(task, ntasks)) return;
    const DisplayState now = display_state(s, task);
    if (now == shown[task]) return;
    const DisplayState was = shown[task];
    if (was != DisplayState::absent && !is_terminal(was) && at > since[task])
      lane(task)->spans.push_back({since[task], at, was});
    shown[task] = now;
    since[task] = at;
  };

  for (std::size_t i = 0; i < trace.events.size(); ++i) {
    const trio::Event& e = trace.events[i];
    const std::int32_t ev = static_cast<std::int32_t>(i);
    const double xi = x[i];
    const std::int32_t was_running = s.running;
    if (e.kind == EventKind::woken && e.exc < 0 && valid(e.task, ntasks) &&
        s.tasks[e.task].phase == TaskPhase::sleeping && e.time > s.tasks[e.task].until + 1e-9) {
      const double due = s.tasks[e.task].until;
      out.overdue.push_back({out.axis.x_at_time(due), xi, due, lane_index(e.task), ev});
    }
    apply_next(s, trace, blocks);

    touched.clear();
    touched.push_back(e.task);
    touched.push_back(was_running);
    touched.push_back(s.running);
    if (valid(e.nursery, trace.nurseries.size())) touched.push_back(owner_of_nursery(trace, e.nursery));
    if (valid(e.scope, trace.scopes.size())) touched.push_back(trace.scopes[e.scope].task);
    if (e.kind == EventKind::scope_cancelled) {
      for (std::size_t t = 0; t < ntasks; ++t)
        if (s.tasks[t].cancel_pending) touched.push_back(static_cast<std::int32_t>(t));
    }
    for (std::int32_t t : touched) refresh(t, xi);

    auto mark = [&](std::int32_t task, MarkKind k) {
      if (Lane* l = lane(task)) l->marks.push_back({xi, ev, k});
    };
    switch (e.kind) {
      case EventKind::schedule_point: mark(e.task, MarkKind::checkpoint); break;
      case EventKind::sleeping: mark(e.task, MarkKind::sleep); break;
      case EventKind::blocking_started: mark(e.task, MarkKind::block); break;
      case EventKind::task_spawned:
        mark(e.task, MarkKind::spawn);
        if (valid(e.nursery, trace.nurseries.size()) && valid(e.task, ntasks)) {
          const std::int32_t parent = owner_of_nursery(trace, e.nursery);
          if (valid(parent, ntasks) && parent != e.task)
            out.arrows.push_back({xi, xi, lane_index(parent), lane_index(e.task), ev, ArrowKind::spawn});
        }
        break;
      case EventKind::scope_cancelled:
        if (valid(e.scope, trace.scopes.size())) mark(trace.scopes[e.scope].task, MarkKind::cancel);
        break;
      case EventKind::cancel_delivered:
        mark(e.task, MarkKind::cancel_hit);
        if (valid(e.scope, s.scopes.size()) && s.scopes[e.scope].cancel_event >= 0 && valid(e.task, ntasks)) {
          const std::int32_t from = s.scopes[e.scope].cancel_event;
          const std::int32_t owner = trace.scopes[e.scope].task;
          if (valid(owner, ntasks))
            out.arrows.push_back({x[from], xi, lane_index(owner), lane_index(e.task), ev, ArrowKind::cancel});
        }
        break;
      case EventKind::raised: mark(e.task, MarkKind::raise); break;
      case EventKind::handler_entered: mark(e.task, MarkKind::caught); break;
      case EventKind::print: mark(e.task, MarkKind::print); break;
      case EventKind::task_finished:
        if (e.exc >= 0 && !is_cancelled_exc(trace, e.exc)) mark(e.task, MarkKind::crash);
        break;
      case EventKind::exception_to_nursery:
        if (valid(e.nursery, errors_in.size()) && valid(e.task, ntasks) && !is_cancelled_exc(trace, e.exc) &&
            e.task != owner_of_nursery(trace, e.nursery))
          errors_in[e.nursery].push_back({xi, lane_index(e.task)});
        break;
      case EventKind::nursery_reraise: mark(owner_of_nursery(trace, e.nursery), MarkKind::reraise); break;
      case EventKind::nursery_closed: {
        // The children's errors reach the parent where the nursery closes: that event carries
        // what leaves the `async with`, and the re-raise comes right after it.
        const std::int32_t owner = owner_of_nursery(trace, e.nursery);
        if (valid(e.nursery, errors_in.size()) && valid(owner, ntasks)) {
          for (auto [x0, l0] : errors_in[e.nursery])
            out.arrows.push_back({x0, xi, l0, lane_index(owner), ev, ArrowKind::exception});
          errors_in[e.nursery].clear();
        }
        break;
      }
      default: break;
    }
  }
  // Tasks still alive at the end (a deadlock, a budget stop) run to the edge.
  for (std::size_t t = 0; t < ntasks; ++t) {
    if (shown[t] != DisplayState::absent && !is_terminal(shown[t]) && out.axis.end_x > since[t])
      out.lanes[out.lane_of_task[t]].spans.push_back({since[t], out.axis.end_x, shown[t]});
  }
  std::stable_sort(out.overdue.begin(), out.overdue.end(),
                   [](const Overdue& a, const Overdue& b) { return a.x_due < b.x_due; });
  std::stable_sort(out.arrows.begin(), out.arrows.end(),
                   [](const Arrow& a, const Arrow& b) { return std::min(a.x0, a.x1) < std::min(b.x0, b.x1); });
  for (const Arrow& a : out.arrows) out.max_arrow_span = std::max(out.max_arrow_span, std::fabs(a.x1 - a.x0));
  // What the legend needs to explain.
  for (const Lane& l : out.lanes) {
    for (const Span& s : l.spans) out.states_used |= 1u << static_cast<unsigned>(s.state);
    for (const Mark& m : l.marks) out.marks_used |= 1u << static_cast<unsigned>(m.kind);
  }
  return out;
}

}  // namespace trioscope::view
