#include "document/step_spec.hpp"

#include <algorithm>
#include <cstdlib>

namespace trioscope::document {

const char* const kStepSyntax = "a step number, \"last\" or an event kind such as scope_cancelled[:N]";

bool find_step(const trio::Trace& t, const std::string& spec, std::int32_t& step) {
  const std::int32_t last = static_cast<std::int32_t>(t.events.size()) - 1;
  if (spec == "last" || spec == "end") {
    step = last;
    return true;
  }
  char* end = nullptr;
  const long n = std::strtol(spec.c_str(), &end, 10);
  if (end != spec.c_str() && !*end) {
    step = static_cast<std::int32_t>(std::max(-1L, std::min<long>(n, last)));
    return true;
  }
  const auto colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  int wanted = colon == std::string::npos ? 1 : std::atoi(spec.c_str() + colon + 1);
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    if (kind == trio::event_kind_name(t.events[i].kind) && --wanted == 0) {
      step = static_cast<std::int32_t>(i);
      return true;
    }
  }
  return false;
}

std::optional<StepRange> find_step_range(const trio::Trace& t, const std::string& spec, std::string& error) {
  error.clear();
  const auto dots = spec.find("..");
  StepRange r;
  auto one = [&](const std::string& part, std::int32_t fallback, std::int32_t& out) {
    if (part.empty()) {
      out = fallback;
      return true;
    }
    if (find_step(t, part, out)) return true;
    error = "no step matches " + part + " (a step is " + kStepSyntax + ")";
    return false;
  };
  const std::int32_t last = static_cast<std::int32_t>(t.events.size()) - 1;
  if (dots == std::string::npos) {
    if (!one(spec, last, r.first)) return std::nullopt;
    r.last = r.first;
    return r;
  }
  if (!one(spec.substr(0, dots), -1, r.first) || !one(spec.substr(dots + 2), last, r.last)) return std::nullopt;
  if (r.last < r.first) {
    error = "the range " + spec + " ends (step " + std::to_string(r.last) + ") before it begins (step " +
            std::to_string(r.first) + ")";
    return std::nullopt;
  }
  return r;
}

}  // namespace trioscope::document
