#include "document/moment.hpp"

#include <algorithm>

namespace trioscope::document {

namespace {
const std::string& label_of(const trio::Trace& t, std::int32_t task) {
  static const std::string none;
  return task >= 0 && static_cast<std::size_t>(task) < t.tasks.size() ? t.tasks[task].label : none;
}
}  // namespace

Moment moment_at(const trio::Trace& trace, std::int32_t step) {
  Moment m;
  const auto n = static_cast<std::int32_t>(trace.events.size());
  if (step < 0 || n == 0) return m;
  step = std::min(step, n - 1);
  const trio::Event& e = trace.events[step];
  m.step = step;
  m.kind = e.kind;
  m.task = label_of(trace, e.task);
  m.time = e.time;
  for (std::int32_t i = 0; i <= step; ++i) {
    const trio::Event& o = trace.events[i];
    m.occurrence += o.kind == e.kind && (o.task == e.task || label_of(trace, o.task) == m.task);
  }
  return m;
}

std::int32_t find_moment(const trio::Trace& trace, const Moment& m) {
  if (m.step < 0 || trace.events.empty()) return -1;
  std::int32_t seen = 0;
  for (std::size_t i = 0; i < trace.events.size(); ++i) {
    const trio::Event& e = trace.events[i];
    if (e.kind == m.kind && label_of(trace, e.task) == m.task && ++seen == m.occurrence)
      return static_cast<std::int32_t>(i);
  }
  for (std::size_t i = 0; i < trace.events.size(); ++i)
    if (trace.events[i].time >= m.time) return static_cast<std::int32_t>(i);
  return static_cast<std::int32_t>(trace.events.size()) - 1;
}

}  // namespace trioscope::document
