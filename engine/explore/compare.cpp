// The compare model (compare.hpp).
#include "explore/compare.hpp"

#include <algorithm>

namespace trioscope::explore {

std::vector<std::string> output_lines(const trio::Trace& t) {
  std::vector<std::string> out;
  for (const trio::Event& e : t.events) {
    switch (e.kind) {
      case trio::EventKind::print: out.emplace_back(t.text(e)); break;
      case trio::EventKind::run_finished:
        if (const trio::PyException* x = t.exception(e))
          out.push_back("trio.run raised " + trio::canonical(*x));
        else
          out.push_back("trio.run returned");
        break;
      case trio::EventKind::deadlock: out.push_back("deadlock: " + std::string(t.text(e))); break;
      case trio::EventKind::budget_exhausted: out.push_back("stopped: " + std::string(t.text(e))); break;
      default: break;
    }
  }
  return out;
}

std::vector<DiffLine> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<DiffLine> out;
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  for (std::size_t i = 0; i < head; ++i) out.push_back({DiffLine::Side::both, a[i], std::int32_t(i), std::int32_t(i)});

  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  auto only_a = [&](std::size_t i) { out.push_back({DiffLine::Side::only_a, a[head + i], std::int32_t(head + i), -1}); };
  auto only_b = [&](std::size_t j) { out.push_back({DiffLine::Side::only_b, b[head + j], -1, std::int32_t(head + j)}); };
  constexpr std::size_t kTableLimit = std::size_t(16) << 20;
  if (n && m && (n + 1) * (m + 1) <= kTableLimit) {
    // lcs[i][j]: the longest common subsequence of a's middle from i and b's from j.
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[head + i] == b[head + j]) {
        out.push_back({DiffLine::Side::both, a[head + i], std::int32_t(head + i), std::int32_t(head + j)});
        ++i, ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        only_a(i++);
      } else {
        only_b(j++);
      }
    }
    while (i < n) only_a(i++);
    while (j < m) only_b(j++);
  } else {
    for (std::size_t i = 0; i < n; ++i) only_a(i);
    for (std::size_t j = 0; j < m; ++j) only_b(j);
  }
  for (std::size_t k = 0; k < tail; ++k) {
    std::size_t ia = a.size() - tail + k, ib = b.size() - tail + k;
    out.push_back({DiffLine::Side::both, a[ia], std::int32_t(ia), std::int32_t(ib)});
  }
  return out;
}

namespace {

// Whether two events say the same thing (their causes are indices into their own traces,
// equal as long as the traces agree, so they are compared too).
bool same_event(const trio::Trace& ta, const trio::Event& a, const trio::Trace& tb, const trio::Event& b) {
  if (a.kind != b.kind || a.time != b.time || a.until != b.until || a.task != b.task || a.nursery != b.nursery ||
      a.scope != b.scope || a.cause != b.cause || a.count != b.count || a.flag != b.flag || !(a.loc == b.loc))
    return false;
  if (ta.text(a) != tb.text(b)) return false;
  const trio::PyException* xa = ta.exception(a);
  const trio::PyException* xb = tb.exception(b);
  if (!xa || !xb) return xa == xb;
  return trio::exc_repr(*xa) == trio::exc_repr(*xb) && trio::canonical(*xa) == trio::canonical(*xb);
}

}  // namespace

Comparison compare_runs(const trio::Trace& a, const trio::Trace& b) {
  Comparison c;
  c.output = diff_lines(output_lines(a), output_lines(b));
  c.same_output = std::all_of(c.output.begin(), c.output.end(), [](const DiffLine& d) { return d.side == DiffLine::Side::both; });

  std::size_t common = 0;
  const std::size_t limit = std::min(a.events.size(), b.events.size());
  while (common < limit && same_event(a, a.events[common], b, b.events[common])) ++common;
  // Task labels are part of what a step is: the same id may name different tasks.
  for (std::size_t i = 0; i < common; ++i) {
    const trio::Event& e = a.events[i];
    if (e.kind == trio::EventKind::task_spawned && a.tasks[e.task].label != b.tasks[e.task].label) {
      common = i;
      break;
    }
  }
  if (common == a.events.size() && common == b.events.size()) return c;

  // The step that holds the first differing event; an event between steps (a deadline
  // expiring, the clock jumping) shows at the step that follows it.
  Divergence d;
  d.common_events = common;
  std::size_t steps = 0;  // steps started before `common` (the same in both traces)
  std::int32_t open_step = -1;
  for (std::size_t i = 0; i < common; ++i) {
    if (a.events[i].kind == trio::EventKind::step_started) {
      ++steps;
      open_step = std::int32_t(i);
    } else if (a.events[i].kind == trio::EventKind::step_ended) {
      open_step = -1;
    }
  }
  auto nth_step = [](const trio::Trace& t, std::size_t n) -> std::int32_t {
    for (std::size_t i = 0; i < t.events.size(); ++i)
      if (t.events[i].kind == trio::EventKind::step_started && n-- == 0) return std::int32_t(i);
    return -1;
  };
  if (open_step >= 0) {
    d.step = steps - 1;
    d.event_a = d.event_b = open_step;
  } else {
    d.step = steps;
    d.event_a = nth_step(a, steps);
    d.event_b = nth_step(b, steps);
  }
  if (d.event_a >= 0) d.task_a = a.tasks[a.events[d.event_a].task].label;
  if (d.event_b >= 0) d.task_b = b.tasks[b.events[d.event_b].task].label;
  d.time = d.event_a >= 0 ? a.events[d.event_a].time : d.event_b >= 0 ? b.events[d.event_b].time : 0;
  c.divergence = d;
  return c;
}

}  // namespace trioscope::explore
