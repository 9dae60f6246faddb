// `print` text: the body of a Python f-string, restricted to what a scenario can show.
//
//   {name}  {name!r}  {name!s}  {name!a}  {name:>8}  {name!r:^10}
//                                                           str / repr / ascii / format of a variable
//   {scope.cancelled_caught}  {scope.cancel_called}          a cancel scope's flags (for a
//   {nursery.cancel_scope.cancelled_caught}                  nursery: its cancel scope)
//   {{  }}                                                   literal braces
#pragma once

#include <cstddef>
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

// Python's f-string parser takes any text after ':' but a brace (a nested field, which prints
// do not support) as a format spec; format() decides at run time whether the value's type
// takes it, and raises as Python does if not (py_format.hpp).
bool is_format_spec(std::string_view spec);

bool has_fields(const std::vector<TemplatePart>& parts);

// The text of a print as the format writes it (an f-string's body): the inverse of
// parse_template, braces of the literal text doubled.
std::string template_text(const std::vector<TemplatePart>& parts);

}  // namespace trioscope::scenario
