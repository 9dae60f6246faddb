// Python's format() for the values a print template shows: `{x:.2f}`, `{name:>8}`, `{n:+,}`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/value.hpp"

namespace trioscope::scenario {

// The exception Python raises for a spec the value's type refuses.
struct FormatError {
  std::string type;     // "ValueError", "TypeError" or "OverflowError"
  std::string message;  // Python 3.11's own words
};

struct Formatted {
  std::string text;                  // when there is no error
  std::optional<FormatError> error;
};

// format(v, spec), with the whole format-spec mini-language for int, float, bool and str
// (fill, align, sign, z, #, 0, width, grouping, precision, every presentation type), and
// Python's exception for every spec a type refuses: ValueError with Python's message (an
// option or presentation type the type does not take, a malformed spec), OverflowError for a
// code point out of range for 'c', TypeError for any spec on None, an exception, a nursery
// or a cancel scope (object.__format__ takes only the empty spec).
Formatted format_value(const trio::Value& v, std::string_view spec);

// What Python raises for `spec` whatever the value (its parse of the mini-language fails),
// or nullopt when some type may take it.
std::optional<FormatError> spec_error(std::string_view spec);

// The larger of the spec's width and precision (-1: none, or the spec does not parse); the
// loader refuses specs whose output would be larger than its stated limit.
std::int64_t spec_width(std::string_view spec);

}  // namespace trioscope::scenario
