#include "scenario/python_strings.hpp"

#include <cstdint>
#include <cstdio>

namespace trioscope::scenario::python {

namespace {

void put_utf8(std::string& out, char32_t c) {
  if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;  // a lone surrogate cannot be UTF-8
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
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

StringForm string_form(std::string_view token) {
  StringForm f;
  while (f.prefix < token.size() && token[f.prefix] != '\'' && token[f.prefix] != '"') {
    char c = token[f.prefix++];
    if (c == 'r' || c == 'R') f.raw = true;
    if (c == 'b' || c == 'B') f.bytes = true;
    if (c == 'f' || c == 'F') f.f = true;
  }
  if (token.size() >= f.prefix + 6 && token[f.prefix] == token[f.prefix + 1] && token[f.prefix] == token[f.prefix + 2])
    f.quotes = 3;
  return f;
}

std::string_view string_body(std::string_view token, const StringForm& form) {
  std::size_t open = form.prefix + form.quotes;
  if (token.size() < open + form.quotes) return {};
  return token.substr(open, token.size() - open - form.quotes);
}

Decoded decode_escapes(std::string_view text, bool raw, bool bytes) {
  Decoded d;
  // Python reads source text with universal newlines: \r\n and \r are \n in a literal.
  std::string normalized;
  if (text.find('\r') != std::string_view::npos) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        normalized += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        normalized += text[i];
      }
    }
    text = normalized;
  }
  std::string_view body = text;
  if (!bytes) {
    // A literal's text must be UTF-8, as the file must (comments excepted).
    for (std::size_t i = 0; i < body.size();) {
      auto b = static_cast<unsigned char>(body[i]);
      std::size_t len = b < 0x80 ? 1 : b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
      bool ok = len && i + len <= body.size();
      for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(body[i + k]) & 0xC0) == 0x80;
      if (!ok) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", unsigned(b));
        d.error = "(unicode error) 'utf-8' codec can't decode byte " + std::string(buf) + " in position " +
                  std::to_string(i) + (len ? ": invalid continuation byte" : ": invalid start byte");
        return d;
      }
      i += len;
    }
  }
  if (raw || body.find('\\') == std::string_view::npos) {
    d.value = std::string(body);
    return d;
  }
  d.value.reserve(body.size());
  auto truncated = [&](std::size_t at, std::size_t end, const char* what) {
    if (bytes) {
      d.error = "(value error) invalid \\x escape at position " + std::to_string(at);
    } else {
      d.error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(at) + "-" +
                std::to_string(end - 1) + ": truncated " + what + " escape";
    }
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      d.value += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case '\n': break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\\': case '\'': case '"': d.value += e; break;
      case 'a': d.value += '\a'; break;
      case 'b': d.value += '\b'; break;
      case 'f': d.value += '\f'; break;
      case 'n': d.value += '\n'; break;
      case 'r': d.value += '\r'; break;
      case 't': d.value += '\t'; break;
      case 'v': d.value += '\v'; break;
      case 'x': case 'u': case 'U': {
        if (bytes && e != 'x') {
          d.value += '\\';
          d.value += e;
          break;
        }
        std::size_t want = e == 'x' ? 2 : e == 'u' ? 4 : 8, got = 0;
        std::uint32_t v = 0;
        while (got < want && i + 1 + got < body.size() && hex_value(body[i + 1 + got]) >= 0)
          v = v * 16 + std::uint32_t(hex_value(body[i + 1 + got++]));
        std::size_t at = i - 1;
        if (got < want) {
          truncated(at, at + 2 + got, e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX");
          return d;
        }
        if (v > 0x10FFFF) {
          d.error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(at) + "-" +
                    std::to_string(at + 9) + ": illegal Unicode character";
          return d;
        }
        i += want;
        if (bytes) d.value += char(v);
        else put_utf8(d.value, char32_t(v));
        break;
      }
      case 'N':
        if (!bytes) {
          std::size_t close = i + 1 < body.size() && body[i + 1] == '{' ? body.find('}', i + 2) : std::string_view::npos;
          if (close == std::string_view::npos) {
            d.error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(i - 1) +
                      "-" + std::to_string(i) + ": malformed \\N character escape";
            return d;
          }
          d.named_escape = true;
          d.value += body.substr(i - 1, close - i + 2);  // kept as written
          i = close;
          break;
        }
        [[fallthrough]];
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t v = std::uint32_t(e - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
            v = v * 8 + std::uint32_t(body[++i] - '0');
          if (bytes) d.value += char(v & 0xFF);
          else put_utf8(d.value, char32_t(v));
        } else {
          d.value += '\\';  // an unknown escape stays (Python only warns)
          d.value += e;
        }
    }
  }
  return d;
}

namespace {

class FStringSplitter {
 public:
  FStringSplitter(std::string_view body, bool raw, const std::function<bool(std::size_t, std::size_t)>& compile)
      : s_(body), raw_(raw), compile_(compile) {}

  FSplit run() {
    std::size_t at = 0;
    parse(at, 0, &out_.parts);
    return std::move(out_);
  }

 private:
  bool fail(std::string message) { return fail_as_is("f-string: " + std::move(message)); }
  bool fail_as_is(std::string message) {
    if (out_.error.empty()) out_.error = std::move(message);
    return false;
  }

  // Literal text up to the next field (or, in a format spec, up to its end).
  // Returns false on an error; `at` is left on the `{` or `}` that stopped it.
  bool literal(std::size_t& at, int level, std::string& text) {
    std::size_t start = at;
    std::string raw_text;
    while (at < s_.size()) {
      char c = s_[at++];
      if (!raw_ && c == '\\' && at < s_.size()) {
        char e = s_[at];
        if (e == 'N' && at + 1 < s_.size() && s_[at + 1] == '{') {
          std::size_t close = s_.find('}', at + 2);
          at = close == std::string_view::npos ? s_.size() : close + 1;
          continue;
        }
        if (e != '{' && e != '}') {
          ++at;
          continue;
        }
        c = s_[at++];  // `\{`: the backslash stays, the brace starts a field
      }
      if (c == '{' || c == '}') {
        if (level == 0) {
          if (at < s_.size() && s_[at] == c) {  // `{{` or `}}`: one literal brace
            raw_text += s_.substr(start, at - start);
            start = ++at;
            continue;
          }
          if (c == '}') {
            --at;
            return fail("single '}' is not allowed");
          }
        }
        --at;
        break;
      }
    }
    raw_text += s_.substr(start, at - start);
    Decoded d = decode_escapes(raw_text, raw_, false);
    if (!d.error.empty()) return out_.error.empty() ? (out_.error = d.error, false) : false;
    text = std::move(d.value);
    return true;
  }

  // A field from its `{`: the expression, `=`, `!conversion`, `:spec`, `}`.
  bool field(std::size_t& at, int level, FField& f) {
    if (level >= 2) return fail("expressions nested too deeply");
    f.brace = at++;
    f.expr_begin = at;
    char quote = 0;
    int quotes = 0;
    std::string brackets;
    for (; at < s_.size(); ++at) {
      char c = s_[at];
      if (c == '\\') return fail_as_is("f-string expression part cannot include a backslash");
      if (quote) {
        if (c == quote) {
          if (quotes == 3) {
            if (at + 2 < s_.size() && s_[at + 1] == c && s_[at + 2] == c) at += 2, quote = 0;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quotes = at + 2 < s_.size() && s_[at + 1] == c && s_[at + 2] == c ? 3 : 1;
        if (quotes == 3) at += 2;
        quote = c;
      } else if (c == '[' || c == '{' || c == '(') {
        if (brackets.size() >= 200) return fail("too many nested parenthesis");
        brackets += c;
      } else if (c == '#') {
        return fail_as_is("f-string expression part cannot include '#'");
      } else if (brackets.empty() && (c == '!' || c == ':' || c == '}' || c == '=' || c == '>' || c == '<')) {
        if (at + 1 < s_.size() && s_[at + 1] == '=' && c != ':' && c != '}') {
          ++at;  // != == <= >=
          continue;
        }
        if (c == '>' || c == '<') continue;
        break;
      } else if (c == ']' || c == '}' || c == ')') {
        if (brackets.empty()) return fail(std::string("unmatched '") + c + "'");
        char open = brackets.back();
        brackets.pop_back();
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}')))
          return fail(std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open + "'");
      }
    }
    f.expr_end = at;
    if (quote) return fail("unterminated string");
    if (!brackets.empty()) return fail(std::string("unmatched '") + brackets.back() + "'");
    if (at >= s_.size()) return fail("expecting '}'");
    bool blank = true;
    for (std::size_t k = f.expr_begin; k < f.expr_end; ++k) blank = blank && is_space(s_[k]);
    if (blank) return fail("empty expression not allowed");
    if (!compile_(f.expr_begin, f.expr_end)) return false;
    if (s_[at] == '=') {
      f.debug = true;
      ++at;
      while (at < s_.size() && is_space(s_[at])) ++at;
      if (at >= s_.size()) return fail("expecting '}'");
    }
    if (s_[at] == '!') {
      if (++at >= s_.size()) return fail("expecting '}'");
      f.conversion = s_[at++];
      if (f.conversion != 's' && f.conversion != 'r' && f.conversion != 'a')
        return fail("invalid conversion character: expected 's', 'r', or 'a'");
    }
    if (at < s_.size() && s_[at] == ':') {
      if (++at >= s_.size()) return fail("expecting '}'");
      std::size_t spec_begin = at;
      std::vector<FPart> inner;
      if (!parse(at, level + 1, &inner)) return false;
      f.spec = std::string(s_.substr(spec_begin, at - spec_begin));
      for (const auto& p : inner) f.spec_has_fields = f.spec_has_fields || p.field;
    }
    if (at >= s_.size() || s_[at] != '}') return fail("expecting '}'");
    ++at;
    return true;
  }

  // Literals and fields until the end (level 0) or the `}` ending a format spec.
  bool parse(std::size_t& at, int level, std::vector<FPart>* parts) {
    while (true) {
      std::string text;
      if (!literal(at, level, text)) return false;
      if (!text.empty()) parts->push_back({false, std::move(text), {}});
      if (at >= s_.size() || s_[at] == '}') return true;
      FPart p;
      p.field = true;
      if (!field(at, level, p.f)) return false;
      parts->push_back(std::move(p));
    }
  }

  std::string_view s_;
  bool raw_;
  const std::function<bool(std::size_t, std::size_t)>& compile_;
  FSplit out_;
};

}  // namespace

FSplit split_fstring(std::string_view body, bool raw, const std::function<bool(std::size_t, std::size_t)>& compile) {
  return FStringSplitter(body, raw, compile).run();
}

}  // namespace trioscope::scenario::python
