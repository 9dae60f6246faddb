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
// `max_width`: the run's format width limit (see kMaxFormatWidth, its default).
Formatted format_value(const trio::Value& v, std::string_view spec, std::int64_t max_width);

// What Python raises for `spec` whatever the value (its parse of the mini-language fails),
// or nullopt when some type may take it.
std::optional<FormatError> spec_error(std::string_view spec);

// Python builds a string as wide as a spec asks, memory permitting (and raises MemoryError
// for 9223372036854775807). The engine raises MemoryError() for a width, or a float's
// precision, above the run's format width limit (trio::RunLimits::format_width, by default
// this), once every check Python makes before building the string has passed (so
// `{x:5000000q}` still raises Python's ValueError).
inline constexpr std::int64_t kMaxFormatWidth = 1'000'000;
inline Formatted format_value(const trio::Value& v, std::string_view spec) {
  return format_value(v, spec, kMaxFormatWidth);
}

}  // namespace trioscope::scenario
