// Follows CPython 3.11's Parser/tokenizer.c: the same indentation rules (tabs to multiples
// of 8, checked against tabs as 1 for consistency), the same number and string scanning, and
// the same error messages at the same places. Where CPython reports an error "at the
// cursor", the column is the number of characters before the cursor, which is why some
// columns below are one less than the offending character's.
//
// [SECTION] Lines and characters
// [SECTION] The tokenizer: indentation, names, numbers, strings, operators
// [SECTION] lex()
#include "scenario/python_lexer.hpp"

#include <cstdio>

namespace trioscope::scenario::python {

// ---- [SECTION] Lines and characters ------------------------------------------------------

std::string_view Lexed::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  std::size_t b = line_starts[line - 1];
  std::size_t e = b;
  while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
  return text.substr(b, e - b);
}

std::uint32_t Lexed::column_of(std::uint32_t line, std::uint32_t offset) const {
  if (line == 0 || line > line_starts.size()) return 1;
  std::uint32_t col = 1;
  for (std::size_t i = line_starts[line - 1]; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return col;
}

std::string describe_code_point(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", unsigned(c));
  return buf;
}

namespace {

bool is_newline(char c) { return c == '\n' || c == '\r'; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
// CPython's is_potential_identifier_char: every byte of a non-ASCII character counts.
bool is_id_char(int c) { return is_ascii_alpha(c) || is_digit(c) || c >= 128; }

// Decodes the UTF-8 character at s[i]; length 0 for an invalid sequence.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::size_t len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (!len || i + len > s.size()) return {0, 0};
  char32_t c = b & (0x3F >> (len - 1));
  for (std::size_t k = 1; k < len; ++k) {
    auto n = static_cast<unsigned char>(s[i + k]);
    if ((n & 0xC0) != 0x80) return {0, 0};
    c = (c << 6) | (n & 0x3F);
  }
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
    return {0, 0};
  return {c, len};
}

// Characters Python refuses in identifiers that people paste into programs: typographic
// quotes and dashes, non-breaking spaces, arrows, symbols, emoji, full-width punctuation.
// (Python's exact rule is Unicode's XID classes; letters of every script pass both.)
bool is_non_printable(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0xAD || (c >= 0x2000 && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF;
}
bool is_invalid_in_name(char32_t c) {
  if (c < 0x80) return false;
  if (is_non_printable(c)) return true;
  if (c >= 0xA1 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA;
  return c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
         (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x214F && c != 0x2118 && c != 0x212E) ||
         (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3001 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) ||
         (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40 && c != 0xFF3F) || (c >= 0xFF5B && c <= 0xFF65) ||
         (c >= 0x1F000 && c <= 0x1FAFF);
}

// Python's words for bytes that are not UTF-8, at `at` in `token` (CPython decodes a name
// token by token, so positions count from the token's start). `last` becomes the offset in
// the token of the byte Python reports the error at: the last one it looked at.
std::string utf8_error(std::string_view token, std::size_t at, std::size_t& last) {
  last = at;
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(token[i]); };
  auto hex = [&](std::size_t i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", unsigned(byte(i)));
    return std::string(buf);
  };
  std::string head = "(unicode error) 'utf-8' codec can't decode ";
  unsigned char b = byte(at);
  std::size_t len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (!len) return head + "byte " + hex(at) + " in position " + std::to_string(at) + ": invalid start byte";
  std::size_t good = 1;
  while (good < len && at + good < token.size() && (byte(at + good) & 0xC0) == 0x80) ++good;
  last = at + good - 1;
  if (at + good < token.size() || good == len)
    return last = at + good, head + "byte " + hex(at) + " in position " + std::to_string(at) + ": invalid continuation byte";
  if (good == 1) return head + "byte " + hex(at) + " in position " + std::to_string(at) + ": unexpected end of data";
  return head + "bytes in position " + std::to_string(at) + "-" + std::to_string(at + good - 1) + ": unexpected end of data";
}

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
  return out;
}

bool is_string_prefix(std::string_view w) {
  if (w.size() > 2) return false;
  std::string l;
  for (char c : w) l += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return l == "r" || l == "u" || l == "b" || l == "f" || l == "br" || l == "rb" || l == "fr" || l == "rf";
}

constexpr std::size_t kMaxIndent = 100;   // CPython's MAXINDENT
constexpr std::size_t kMaxBrackets = 200;  // CPython's MAXLEVEL

// ---- [SECTION] The tokenizer ---------------------------------------------------------------

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {
    out_.text = text;
    out_.line_starts.push_back(0);
    for (std::size_t i = 0; i < s_.size(); ++i) {
      if (s_[i] == '\r' && i + 1 < s_.size() && s_[i + 1] == '\n') ++i;
      if (s_[i] == '\n' || s_[i] == '\r') out_.line_starts.push_back(std::uint32_t(i + 1));
    }
    ascii_.resize(out_.line_starts.size(), true);
    for (std::size_t l = 0, i = 0; i < s_.size(); ++i) {
      while (l + 1 < out_.line_starts.size() && out_.line_starts[l + 1] <= i) ++l;
      if (static_cast<unsigned char>(s_[i]) >= 0x80) ascii_[l] = false;
    }
  }

  Lexed run() {
    bool at_line_start = true;
    while (!stopped_) {
      if (at_line_start) {
        at_line_start = false;
        if (brackets_.empty() && !indentation()) break;
        if (stopped_) break;
      }
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\f')) ++i_;
      if (i_ >= s_.size()) {
        at_eof();
        break;
      }
      char c = s_[i_];
      if (c == '#') {
        comment();
      } else if (is_newline(c)) {
        if (brackets_.empty() && line_has_tokens_) emit(Tok::newline, i_, i_ + 1);
        if (brackets_.empty()) line_has_tokens_ = false;
        next_line();
        at_line_start = true;
        code_on_line_ = false;
      } else if (c == '\\') {
        continuation();
      } else if (is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 128) {
        name_or_string();
      } else if (is_digit(c) || (c == '.' && i_ + 1 < s_.size() && is_digit(s_[i_ + 1]))) {
        number();
      } else if (c == '\'' || c == '"') {
        string(i_, i_);
      } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        if (c == '\0') fail(LexErrorKind::direct, "SyntaxError", "source code cannot contain null bytes", here(i_ + 1));
        else fail(LexErrorKind::direct, "SyntaxError", "invalid non-printable character U+" + describe_code_point(char32_t(c)), here(i_ + 1));
      } else {
        op();
      }
    }
    return std::move(out_);
  }

 private:
  // The place of byte `offset` on the current line.
  Pos at(std::size_t offset) const { return {line_, column(offset)}; }
  std::uint32_t column(std::size_t offset) const {
    std::size_t start = out_.line_starts[line_ - 1];
    if (ascii_[line_ - 1]) return std::uint32_t(offset - start + 1);
    return out_.column_of(line_, std::uint32_t(offset));
  }
  // CPython's "error at the cursor": the column is the number of characters before it.
  Pos here(std::size_t cursor) const { return {line_, column(cursor) - 1}; }

  void next_line() {
    if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
  }

  void emit(Tok kind, std::size_t begin, std::size_t end, std::uint16_t indent_chars = 0) {
    Token t;
    t.kind = kind;
    t.begin = std::uint32_t(begin);
    t.end = std::uint32_t(end);
    t.pos = at(begin);
    t.end_pos = at(end);
    t.level = std::uint16_t(brackets_.size());
    t.indent_chars = indent_chars;
    out_.tokens.push_back(t);
    if (kind != Tok::newline && kind != Tok::indent && kind != Tok::dedent) {
      line_has_tokens_ = true;
      code_on_line_ = true;
    }
  }

  void fail(LexErrorKind kind, std::string type, std::string message, Pos pos) {
    out_.error = SyntaxIssue{std::move(type), std::move(message), pos};
    out_.error_kind = kind;
    Token t;
    t.kind = Tok::error;
    t.begin = t.end = std::uint32_t(i_ < s_.size() ? i_ : s_.size());
    t.pos = t.end_pos = pos;
    t.level = std::uint16_t(brackets_.size());
    out_.tokens.push_back(t);
    stopped_ = true;
  }

  // At the start of a logical line: INDENT or DEDENTs, unless the line is blank.
  // Returns false at the end of the text.
  bool indentation() {
    std::size_t col = 0, alt = 0, j = i_;
    for (; j < s_.size(); ++j) {
      if (s_[j] == ' ') ++col, ++alt;
      else if (s_[j] == '\t') col = (col / 8 + 1) * 8, ++alt;
      else if (s_[j] == '\f') col = alt = 0;
      else break;
    }
    if (j >= s_.size() || s_[j] == '#' || is_newline(s_[j])) {
      i_ = j;  // blank or comment-only: no effect on indentation
      return true;
    }
    auto tab_error = [&] {
      fail(LexErrorKind::state, "TabError", "inconsistent use of tabs and spaces in indentation", {line_, 1});
    };
    if (col == ind_.back()) {
      if (alt != alt_.back()) return tab_error(), true;
    } else if (col > ind_.back()) {
      if (ind_.size() >= kMaxIndent) {
        fail(LexErrorKind::state, "IndentationError", "too many levels of indentation", {line_, 1});
        return true;
      }
      if (alt <= alt_.back()) return tab_error(), true;
      ind_.push_back(col);
      alt_.push_back(alt);
      emit(Tok::indent, j, j, std::uint16_t(j - i_));
    } else {
      std::size_t dedents = 0;
      while (ind_.size() > 1 && col < ind_.back()) {
        ind_.pop_back();
        alt_.pop_back();
        ++dedents;
      }
      if (col != ind_.back()) {
        // CPython reports it past the end of the line (its cursor is there by then).
        std::uint32_t chars = out_.column_of(line_, std::uint32_t(out_.line_starts[line_ - 1] + out_.line_text(line_).size()));
        fail(LexErrorKind::state, "IndentationError", "unindent does not match any outer indentation level", {line_, chars});
        return true;
      }
      if (alt != alt_.back()) return tab_error(), true;
      for (std::size_t k = 0; k < dedents; ++k) emit(Tok::dedent, j, j);
    }
    i_ = j;
    return true;
  }

  void at_eof() {
    if (!brackets_.empty()) {
      const Open& o = brackets_.back();
      out_.error = SyntaxIssue{"SyntaxError", std::string("'") + o.c + "' was never closed", o.pos};
      out_.error_kind = LexErrorKind::unclosed;
      Token t;
      t.kind = Tok::error;
      t.begin = t.end = std::uint32_t(s_.size());
      t.pos = t.end_pos = o.pos;
      t.level = std::uint16_t(brackets_.size());
      out_.tokens.push_back(t);
      return;
    }
    if (line_has_tokens_) emit(Tok::newline, s_.size(), s_.size());
    while (ind_.size() > 1) {
      ind_.pop_back();
      emit(Tok::dedent, s_.size(), s_.size());
    }
    Token t;
    t.kind = Tok::end;
    t.begin = t.end = std::uint32_t(s_.size());
    t.pos = t.end_pos = Pos{line_, column(s_.size())};
    out_.tokens.push_back(t);
  }

  void comment() {
    std::size_t e = i_;
    while (e < s_.size() && !is_newline(s_[e])) ++e;
    out_.comments.push_back({at(i_), s_.substr(i_ + 1, e - i_ - 1), brackets_.empty() && !code_on_line_});
    i_ = e;
  }

  void continuation() {
    std::size_t j = i_ + 1;
    if (j < s_.size() && is_newline(s_[j])) {
      i_ = j;
      next_line();
      return;
    }
    if (j >= s_.size()) {
      fail(LexErrorKind::state, "SyntaxError", "unexpected EOF while parsing", at(i_));
      return;
    }
    fail(LexErrorKind::state, "SyntaxError", "unexpected character after line continuation character", at(j));
  }

  void name_or_string() {
    std::size_t j = i_;
    while (j < s_.size() && is_id_char(static_cast<unsigned char>(s_[j]))) ++j;
    std::string_view word = s_.substr(i_, j - i_);
    if (j < s_.size() && (s_[j] == '\'' || s_[j] == '"') && is_string_prefix(word)) {
      string(i_, j);
      return;
    }
    for (std::size_t k = i_; k < j;) {
      auto [c, len] = decode(s_, k);
      if (!len) {
        std::size_t last = 0;
        std::string why = utf8_error(word, k - i_, last);
        std::size_t where = i_ + last;
        i_ = k;
        fail(LexErrorKind::direct, "SyntaxError", why, at(where));
        return;
      }
      if (is_invalid_in_name(c)) {
        i_ = k;
        if (is_non_printable(c))
          fail(LexErrorKind::direct, "SyntaxError", "invalid non-printable character U+" + describe_code_point(c), at(k));
        else
          fail(LexErrorKind::direct, "SyntaxError",
               "invalid character '" + utf8(c) + "' (U+" + describe_code_point(c) + ")", at(k));
        return;
      }
      k += len;
    }
    emit(Tok::name, i_, j);
    i_ = j;
  }

  // ---- numbers: CPython's scanner, cursor and all --------------------------------------
  int nextc() { return k_ < s_.size() ? static_cast<unsigned char>(s_[k_++]) : (++k_, -1); }
  void backup(int) { --k_; }
  bool number_error(const std::string& message) {
    fail(LexErrorKind::direct, "SyntaxError", message, here(k_ < s_.size() ? k_ : s_.size()));
    return false;
  }
  bool decimal_tail(int& c) {
    while (true) {
      do c = nextc();
      while (is_digit(c));
      if (c != '_') return true;
      c = nextc();
      if (!is_digit(c)) {
        backup(c);
        return number_error("invalid decimal literal");
      }
    }
  }
  // A number may be followed by a keyword (`1if x else 2`), not by a name.
  bool end_of_number(int c, const char* kind) {
    auto ahead = [&](std::string_view rest) { return s_.substr(k_, rest.size()) == rest; };
    bool keyword = (c == 'a' && ahead("nd")) || (c == 'e' && ahead("lse")) || (c == 'f' && ahead("or")) ||
                   (c == 'o' && ahead("r")) || (c == 'n' && ahead("ot")) ||
                   (c == 'i' && k_ < s_.size() && (s_[k_] == 'f' || s_[k_] == 'n' || s_[k_] == 's'));
    if (!keyword && c >= 0 && is_id_char(c)) {
      backup(c);
      return number_error(std::string("invalid ") + kind + " literal");
    }
    return true;
  }
  bool radix(int& c, const char* kind, int base) {
    auto ok = [&](int d) { return base == 16 ? is_xdigit(d) : d >= '0' && d < '0' + base; };
    c = nextc();
    do {
      if (c == '_') c = nextc();
      if (!ok(c)) {
        if (base != 16 && is_digit(c))
          return number_error(std::string("invalid digit '") + char(c) + "' in " + kind + " literal");
        backup(c);
        return number_error(std::string("invalid ") + kind + " literal");
      }
      do c = nextc();
      while (ok(c));
    } while (c == '_');
    if (base != 16 && is_digit(c)) return number_error(std::string("invalid digit '") + char(c) + "' in " + kind + " literal");
    return end_of_number(c, kind);
  }

  void number() {
    k_ = i_;
    int c = nextc();
    bool ok = true;
    auto fraction = [&] {  // c: the character after the '.'
      if (is_digit(c)) ok = decimal_tail(c);
    };
    auto exponent_and_imaginary = [&]() -> bool {  // returns false when the number ended early
      if (ok && (c == 'e' || c == 'E')) {
        int e = c;
        c = nextc();
        if (c == '+' || c == '-') {
          c = nextc();
          if (!is_digit(c)) {
            backup(c);
            return ok = number_error("invalid decimal literal");
          }
        } else if (!is_digit(c)) {
          backup(c);
          if (!(ok = end_of_number(e, "decimal"))) return false;
          backup(e);
          return false;  // `1e` then a keyword: the number is `1`
        }
        ok = decimal_tail(c);
      }
      if (!ok) return false;
      if (c == 'j' || c == 'J') {
        c = nextc();
        ok = end_of_number(c, "imaginary");
      } else {
        ok = end_of_number(c, "decimal");
      }
      return true;
    };
    if (c == '.') {
      c = nextc();
      fraction();
      if (ok && exponent_and_imaginary() && ok) backup(c);
    } else if (c == '0') {
      c = nextc();
      if (c == 'x' || c == 'X') ok = radix(c, "hexadecimal", 16) && (backup(c), true);
      else if (c == 'o' || c == 'O') ok = radix(c, "octal", 8) && (backup(c), true);
      else if (c == 'b' || c == 'B') ok = radix(c, "binary", 2) && (backup(c), true);
      else {
        bool nonzero = false;
        while (true) {
          if (c == '_') {
            c = nextc();
            if (!is_digit(c)) {
              backup(c);
              ok = number_error("invalid decimal literal");
              break;
            }
          }
          if (c != '0') break;
          c = nextc();
        }
        std::size_t zeros_end = k_;
        if (ok && is_digit(c)) {
          nonzero = true;
          ok = decimal_tail(c);
        }
        if (ok) {
          if (c == '.') {
            c = nextc();
            fraction();
            if (ok && exponent_and_imaginary() && ok) backup(c);
          } else if (c == 'e' || c == 'E' || c == 'j' || c == 'J') {
            if (exponent_and_imaginary() && ok) backup(c);
          } else if (nonzero) {
            backup(c);
            (void)zeros_end;
            fail(LexErrorKind::direct, "SyntaxError",
                 "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                 at(i_));
            ok = false;
          } else {
            ok = end_of_number(c, "decimal");
            if (ok) backup(c);
          }
        }
      }
    } else {
      ok = decimal_tail(c);
      if (ok && c == '.') {
        c = nextc();
        fraction();
      }
      if (ok && exponent_and_imaginary() && ok) backup(c);
    }
    if (!ok) return;
    emit(Tok::number, i_, k_);
    i_ = k_;
  }

  // ---- strings -------------------------------------------------------------------------
  void string(std::size_t start, std::size_t quote_at) {
    std::size_t k = quote_at;
    char quote = s_[k++];
    int size = 1, end_quotes = 0;
    if (k < s_.size() && s_[k] == quote) {
      ++k;
      if (k < s_.size() && s_[k] == quote) ++k, size = 3;
      else end_quotes = 1;  // the empty string
    }
    std::uint32_t start_line = line_;
    Pos start_pos = at(start);
    while (end_quotes != size) {
      if (k >= s_.size() || (size == 1 && is_newline(s_[k]))) {
        // Python names the line of the last character it read.
        std::uint32_t detected = line_;
        if (k >= s_.size() && !s_.empty() && is_newline(s_.back()) && line_ > start_line) detected = line_ - 1;
        i_ = start;
        fail(LexErrorKind::direct, "SyntaxError",
             std::string(size == 3 ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                 " (detected at line " + std::to_string(detected) + ")",
             start_pos);
        return;
      }
      char c = s_[k];
      if (c == quote) {
        ++end_quotes;
        ++k;
        continue;
      }
      end_quotes = 0;
      if (c == '\\') {
        ++k;
        if (k < s_.size() && is_newline(s_[k])) {
          i_ = k;
          next_line();
          k = i_;
        } else if (k < s_.size()) {
          ++k;
        }
      } else if (is_newline(c)) {
        i_ = k;
        next_line();
        k = i_;
      } else {
        ++k;
      }
    }
    Token t;
    t.kind = Tok::string;
    t.begin = std::uint32_t(start);
    t.end = std::uint32_t(k);
    t.pos = start_pos;
    t.end_pos = at(k);
    t.level = std::uint16_t(brackets_.size());
    out_.tokens.push_back(t);
    line_has_tokens_ = code_on_line_ = true;
    i_ = k;
  }

  // ---- operators and brackets ----------------------------------------------------------
  // The length of the operator at i_: Python's longest match (`**=` before `**` before `*`).
  std::size_t operator_length() const {
    char c = s_[i_];
    char d = i_ + 1 < s_.size() ? s_[i_ + 1] : 0, e = i_ + 2 < s_.size() ? s_[i_ + 2] : 0;
    if ((c == '*' || c == '/' || c == '>' || c == '<') && d == c) return e == '=' ? 3 : 2;  // ** // >> <<
    if (c == '.' && d == '.' && e == '.') return 3;
    if (d == '=' && (c == '!' || c == '%' || c == '&' || c == '*' || c == '+' || c == '-' || c == '/' || c == ':' ||
                     c == '<' || c == '=' || c == '>' || c == '@' || c == '^' || c == '|'))
      return 2;
    if (c == '-' && d == '>') return 2;
    return 1;
  }

  void op() {
    if (std::size_t n = operator_length(); n > 1) {
      emit(Tok::op, i_, i_ + n);
      i_ += n;
      return;
    }
    char c = s_[i_];
    if (c == '(' || c == '[' || c == '{') {
      if (brackets_.size() >= kMaxBrackets) {
        fail(LexErrorKind::direct, "SyntaxError", "too many nested parentheses", at(i_));
        return;
      }
      brackets_.push_back({c, at(i_), line_});
    } else if (c == ')' || c == ']' || c == '}') {
      if (brackets_.empty()) {
        fail(LexErrorKind::direct, "SyntaxError", std::string("unmatched '") + c + "'", at(i_));
        return;
      }
      char open = brackets_.back().c;
      if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}')) {
        std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open + "'";
        if (brackets_.back().line != line_) msg += " on line " + std::to_string(brackets_.back().line);
        fail(LexErrorKind::direct, "SyntaxError", msg, at(i_));
        return;
      }
      brackets_.pop_back();
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      auto [cp, len] = decode(s_, i_);
      (void)len;
      fail(LexErrorKind::direct, "SyntaxError", "invalid character '" + utf8(cp) + "' (U+" + describe_code_point(cp) + ")",
           at(i_));
      return;
    }
    emit(Tok::op, i_, i_ + 1);
    ++i_;
  }

  struct Open {
    char c;
    Pos pos;
    std::uint32_t line;
  };

  std::string_view s_;
  Lexed out_;
  std::vector<bool> ascii_;  // per line: only ASCII bytes (columns are then byte offsets)
  std::size_t i_ = 0;
  std::size_t k_ = 0;  // the number scanner's cursor
  std::uint32_t line_ = 1;
  std::vector<std::size_t> ind_{0}, alt_{0};
  std::vector<Open> brackets_;
  bool stopped_ = false;
  bool line_has_tokens_ = false;  // the logical line so far has tokens: it ends with NEWLINE
  bool code_on_line_ = false;     // the physical line so far has tokens (for comments)
};

}  // namespace

// ---- [SECTION] lex() -------------------------------------------------------------------------

Lexed lex(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte-order mark
  return Lexer(text).run();
}

}  // namespace trioscope::scenario::python
