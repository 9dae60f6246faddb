// Python string literals: prefixes, escapes and the parts of an f-string, as CPython 3.11
// reads them (Parser/string_parser.c), with its error messages.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace trioscope::scenario::python {

struct StringForm {
  bool raw = false, bytes = false, f = false;
  std::size_t prefix = 0;  // prefix characters before the quote
  std::size_t quotes = 1;  // 1 or 3
};

// The form of a string token's text (`rb'...'`, `f"""..."""`) and the text between its quotes.
StringForm string_form(std::string_view token);
std::string_view string_body(std::string_view token, const StringForm& form);

struct Decoded {
  std::string value;  // UTF-8 (bytes literals: their bytes)
  std::string error;  // Python's message, "(unicode error) 'unicodeescape' codec can't ..."
  bool named_escape = false;  // a `\N{...}` escape: its name is kept, not looked up
};

// Applies backslash escapes (none when `raw`): \n \t \\ \' \x41 \u00e9 \U0001F600 \101 ...
// An unknown escape such as `\q` stays as it is, as in Python.
Decoded decode_escapes(std::string_view body, bool raw, bool bytes);

// One replacement field found in an f-string body.
struct FField {
  std::size_t brace = 0;                     // offset of its `{` in the body
  std::size_t expr_begin = 0, expr_end = 0;  // the expression, as offsets in the body
  char conversion = 0;                       // 0, 's', 'r' or 'a'
  bool debug = false;                        // `{x=}`
  std::string spec;                          // as written after ':'
  bool spec_has_fields = false;
};

struct FPart {
  bool field = false;
  std::string text;  // literal text, escapes applied, `{{` `}}` made single
  FField f;
};

struct FSplit {
  std::vector<FPart> parts;
  std::string error;  // "f-string: expecting '}'", ...; empty when the body is well formed
};

// Splits an f-string body into literal text and fields. `compile(begin, end)` is called for
// each field's expression (also those inside a format spec) as soon as it is found, as
// CPython compiles them, so that an error in an expression is reported before errors after
// it; it returns false to stop (the caller keeps that error).
FSplit split_fstring(std::string_view body, bool raw, const std::function<bool(std::size_t, std::size_t)>& compile);

}  // namespace trioscope::scenario::python
