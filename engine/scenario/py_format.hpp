// Python's format() for the values a print template shows: `{x:.2f}`, `{name:>8}`, `{n:+,}`.
#pragma once

#include <optional>
#include <string>

#include "core/value.hpp"

namespace trioscope::scenario {

// format(v, spec), with the whole format-spec mini-language for int, float, bool and str
// (fill, align, sign, z, #, 0, width, grouping, precision, every presentation type). nullopt
// where Python raises: an option or type the value's type refuses (ValueError), a code point
// out of range for 'c' (OverflowError), or any spec for None, an exception, a nursery or a
// cancel scope (TypeError: object.__format__ takes only the empty spec).
std::optional<std::string> format_value(const trio::Value& v, const std::string& spec);

}  // namespace trioscope::scenario
