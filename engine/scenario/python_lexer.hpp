// Trio Python text -> tokens, the way CPython 3.11's tokenizer cuts it.
//
// One pass over the text gives every token with its place, INDENT/DEDENT from the
// indentation of each logical line, and the comments (which Python drops but a scenario
// keeps). Lines inside brackets or after a backslash continue the logical line; blank and
// comment-only lines do not count for indentation, exactly as in Python.
//
// The tokenizer stops at its first error, as Python's does. Python tokenizes lazily, so
// whether that error is the one reported depends on how far the parser got; the parser
// (python_parser.hpp) decides, using `error_kind`:
//   - direct: the tokenizer raised it itself (bad string, number or character, unmatched
//     bracket); it wins over a parser error earlier in the file, as in CPython;
//   - state: indentation, tabs or a backslash; reported only if the parser reaches it;
//   - unclosed: the text ends inside brackets ("'(' was never closed").
//
// Places are 1-based lines and columns, columns counting characters (code points), which is
// what Python's SyntaxError reports and what editors show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trioscope::scenario::python {

struct Pos {
  std::uint32_t line = 0, col = 0;
  bool operator<(const Pos& o) const { return line != o.line ? line < o.line : col < o.col; }
  bool operator==(const Pos& o) const = default;
};

// An error as Python reports it: `type` is SyntaxError, IndentationError or TabError.
struct SyntaxIssue {
  std::string type;
  std::string message;
  Pos pos;
};

enum class Tok : std::uint8_t { name, number, string, op, newline, indent, dedent, end, error };

struct Token {
  Tok kind = Tok::end;
  std::uint32_t begin = 0, end = 0;  // bytes of the text it covers
  Pos pos, end_pos;                  // end_pos: just past its last character
  std::uint16_t level = 0;           // brackets open after this token (CPython's tok->level)
  // indent: the number of indentation characters (Python reports "unexpected indent" there)
  std::uint16_t indent_chars = 0;
};

struct Comment {
  Pos pos;                // of the `#`
  std::string_view text;  // after the `#`, up to the end of the line
  bool own_line = false;  // nothing but the comment on its line (and not inside brackets)
};

enum class LexErrorKind : std::uint8_t { none, direct, state, unclosed };

struct Lexed {
  std::string_view text;  // the text tokenized (without a leading byte-order mark)
  std::vector<Token> tokens;  // ends with Tok::end, or Tok::error where the error is
  std::vector<Comment> comments;
  std::optional<SyntaxIssue> error;
  LexErrorKind error_kind = LexErrorKind::none;
  std::vector<std::uint32_t> line_starts;  // byte offset of each line's first byte (line 1 at [0])

  std::string_view token_text(const Token& t) const { return text.substr(t.begin, t.end - t.begin); }
  // The text of line `line` (1-based), without its line break.
  std::string_view line_text(std::uint32_t line) const;
  // Characters of line `line` before byte `offset`, plus one: the column of that byte.
  std::uint32_t column_of(std::uint32_t line, std::uint32_t offset) const;
};

// `text` must outlive the result (tokens and comments point into it).
Lexed lex(std::string_view text);

// For messages: `'“' (U+201C)`.
std::string describe_code_point(char32_t c);

}  // namespace trioscope::scenario::python
