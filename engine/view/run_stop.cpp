#include "view/run_stop.hpp"

namespace trioscope::view {

trio::Limit stopping_limit(const trio::Event& e) {
  if (e.kind != trio::EventKind::budget_exhausted || e.flag >= trio::limit_table().size()) return trio::Limit::events;
  return static_cast<trio::Limit>(e.flag);
}

std::string limit_reached(trio::Limit l) {
  const std::string name = trio::limit_name(l);
  switch (l) {
    case trio::Limit::events:
    case trio::Limit::statements:
      return "it reached its " + name + ", the limit that keeps a program that never ends from running forever";
    case trio::Limit::tasks: return "it reached its " + name + ": too many tasks were alive at once";
    case trio::Limit::output_bytes: return "it reached its " + name + ": it printed more text than a lesson needs";
    case trio::Limit::line_bytes: return "it reached its " + name + ": one print made a line longer than a lesson needs";
    case trio::Limit::memory_bytes:
      return "it reached its " + name + ": what it recorded and what its tasks held took too much memory";
    case trio::Limit::call_depth:
    case trio::Limit::format_width: break;
  }
  return "it reached its " + name;
}

std::string limit_advice(trio::Limit l) {
  switch (l) {
    case trio::Limit::tasks: return "Does a task start tasks without end?";
    case trio::Limit::output_bytes:
    case trio::Limit::line_bytes: return "Does a print run in a loop without an end, or ask for a huge width?";
    case trio::Limit::memory_bytes: return "Does the program start tasks or recurse without end, with long texts?";
    default: return "Is there a loop without an end?";
  }
}

}  // namespace trioscope::view
