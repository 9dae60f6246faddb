// `print` text: the body of a Python f-string, restricted to what a scenario can show.
//
//   {name}  {name!r}  {name!s}  {name!a}  {name:>8}  {name!r:^10}
//                                                           str / repr / ascii / format of a variable
//   {scope.cancelled_caught}  {scope.cancel_called}          a cancel scope's flags (for a
//   {nursery.cancel_scope.cancelled_caught}                  nursery: its cancel scope)
//   {{  }}                                                   literal braces
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

struct TemplateError {
  std::size_t index = 0;  // byte in the text where the problem is
  std::string message;    // Python's wording where it has one ("single '}' is not allowed")
};

struct ParsedTemplate {
  std::vector<TemplatePart> parts;  // adjacent literal text merged; empty text: no parts
  std::optional<TemplateError> error;
};

ParsedTemplate parse_template(std::string_view text);

// Python formats any text after ':' (and raises at run time when the value's type refuses it);
// a print refuses only specs whose width or precision is above this limit, since Python would
// build a string that large.
inline constexpr std::int64_t kMaxFormatWidth = 1'000'000;
bool is_format_spec(std::string_view spec);

bool has_fields(const std::vector<TemplatePart>& parts);

}  // namespace trioscope::scenario
