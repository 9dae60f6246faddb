// Python's format() for the values a print template shows: `{x:.2f}`, `{name:>8}`.
#pragma once

#include <optional>
#include <string>

#include "core/value.hpp"

namespace trioscope::scenario {

// format(v, spec); nullopt when Python would raise ValueError (an unknown format code).
std::optional<std::string> format_value(const trio::Value& v, const std::string& spec);

}  // namespace trioscope::scenario
