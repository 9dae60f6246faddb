// [SECTION] The format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// [SECTION] Laying out a number: sign, prefix, padding, digit groups
// [SECTION] int, float and str
//
// Follows CPython's Python/formatter_unicode.c (3.11), the one definition of the mini-language:
// which options each type takes, where padding goes, how zero padding meets digit groups.
// Widths and precisions count code points, as Python's do; the text is UTF-8.
#include "scenario/py_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

namespace trioscope::scenario {

namespace {

// ---- [SECTION] The format spec -----------------------------------------------------------------

// Beyond these Python would still format (memory permitting); a scenario has no use for it.
constexpr int kMaxWidth = 1'000'000;
constexpr int kMaxPrecision = 1'000;

struct Spec {
  std::string fill = " ";  // one code point
  char align = 0;          // '<', '>', '^', '=' (0 until the type's default is known)
  char sign = 0;           // '+', '-', ' '
  bool no_neg_0 = false;   // 'z'
  bool alternate = false;  // '#'
  int width = -1;
  char grouping = 0;  // ',' or '_'
  int precision = -1;
  char type = 0;
};

std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits into `out`; false when there are too many to be sensible.
bool read_number(std::string_view s, std::size_t& p, int& out, int limit) {
  std::size_t start = p;
  long long n = 0;
  while (p < s.size() && is_digit(s[p])) {
    n = n * 10 + (s[p++] - '0');
    if (n > limit) return false;
  }
  if (p > start) out = int(n);
  return true;
}

// Python's parse_internal_render_format_spec: `default_align` is '>' for numbers and '<' for
// strings, and decides what a leading '0' means. Only what every type refuses is refused here.
std::optional<Spec> parse_spec(std::string_view s, char default_type, char default_align) {
  Spec sp;
  sp.type = default_type;
  sp.align = default_align;
  std::size_t p = 0;
  bool fill_given = false, align_given = false;
  std::size_t first = s.empty() ? 0 : std::min(utf8_length((unsigned char)s[0]), s.size());
  if (s.size() > first && is_align(s[first])) {
    sp.fill = std::string(s.substr(0, first));
    sp.align = s[first];
    fill_given = align_given = true;
    p = first + 1;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    align_given = true;
    p = 1;
  }
  if (p < s.size() && (s[p] == '+' || s[p] == '-' || s[p] == ' ')) sp.sign = s[p++];
  if (p < s.size() && s[p] == 'z') {
    sp.no_neg_0 = true;
    ++p;
  }
  if (p < s.size() && s[p] == '#') {
    sp.alternate = true;
    ++p;
  }
  // A '0' before the width pads with zeros after the sign ('=' alignment), for numbers; for
  // strings (since Python 3.10) it only makes '0' the fill.
  if (!fill_given && p < s.size() && s[p] == '0') {
    sp.fill.assign(1, '0');
    if (!align_given && default_align == '>') sp.align = '=';
    ++p;
  }
  if (!read_number(s, p, sp.width, kMaxWidth)) return std::nullopt;
  if (p < s.size() && (s[p] == ',' || s[p] == '_')) sp.grouping = s[p++];
  if (p < s.size() && (s[p] == ',' || s[p] == '_') && (sp.grouping == '_' || s[p] == '_'))
    return std::nullopt;  // both ',' and '_'
  if (p < s.size() && s[p] == '.') {
    ++p;
    std::size_t digits = p;
    if (!read_number(s, p, sp.precision, kMaxPrecision)) return std::nullopt;
    if (p == digits) return std::nullopt;  // "Format specifier missing precision"
  }
  std::string_view rest = s.substr(p);
  if (code_points(rest) > 1) return std::nullopt;  // "Invalid format specifier"
  if (!rest.empty()) {
    if (rest.size() > 1) return std::nullopt;  // a non-ASCII type: no such type
    sp.type = rest[0];
  }
  if (sp.grouping) {
    switch (sp.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0: break;
      case 'b': case 'o': case 'x': case 'X':
        if (sp.grouping == '_') break;  // every four digits
        return std::nullopt;
      default: return std::nullopt;  // "Cannot specify ',' with 's'."
    }
  }
  return sp;
}

// ---- [SECTION] Laying out a number ----------------------------------------------------------

std::string repeat(const std::string& fill, long n) {
  std::string out;
  for (long i = 0; i < n; ++i) out += fill;
  return out;
}

// Python's _PyUnicode_InsertThousandsGrouping: `digits` in groups of `size` (0: no groups)
// joined by `sep`, and, for zero padding, left-filled with zeros (grouped too) up to
// `min_width` characters.
std::string group_digits(std::string_view digits, long min_width, std::string_view sep, long size) {
  std::vector<std::string> groups;  // right to left
  long remaining = long(digits.size());
  auto take = [&](long len) {
    long zeros = std::max(0L, len - remaining);
    long chars = std::max(0L, std::min(remaining, len));
    groups.push_back(std::string(std::size_t(zeros), '0') +
                     std::string(digits.substr(std::size_t(remaining - chars), std::size_t(chars))));
    remaining -= chars;
  };
  bool done = false;
  while (size > 0) {
    long len = std::min(size, std::max({remaining, min_width, 1L}));
    take(len);
    min_width -= len;
    if (remaining <= 0 && min_width <= 0) {
      done = true;
      break;
    }
    min_width -= long(sep.size());
  }
  if (!done) take(std::max({remaining, min_width, 1L}));
  std::string out;
  for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
    if (it != groups.rbegin()) out += sep;
    out += *it;
  }
  return out;
}

// Python's calc_number_widths and fill_number: the output is
//   <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal point> <remainder> <rpadding>
// `digits` are the integer digits (none for 'c', inf and nan), `remainder` what follows the
// decimal point (fraction, exponent, '%'), or the whole text for 'c', inf and nan.
std::string lay_out(const Spec& sp, bool negative, std::string_view prefix, std::string_view digits,
                    bool has_decimal, std::string_view remainder, long group_size) {
  std::string sign;
  if (negative) sign = "-";
  else if (sp.sign == '+') sign = "+";
  else if (sp.sign == ' ') sign = " ";
  long non_digits = long(sign.size() + prefix.size() + (has_decimal ? 1 : 0) + code_points(remainder));
  long min_width = sp.fill == "0" && sp.align == '=' ? sp.width - non_digits : 0;
  std::string_view sep = sp.grouping == ',' ? "," : sp.grouping == '_' ? "_" : "";
  std::string grouped = digits.empty() ? "" : group_digits(digits, min_width, sep, sep.empty() ? 0 : group_size);
  long padding = sp.width - (non_digits + long(grouped.size()));
  long left = 0, inner = 0, right = 0;
  if (padding > 0) {
    switch (sp.align) {
      case '<': right = padding; break;
      case '^': left = padding / 2; right = padding - left; break;
      case '=': inner = padding; break;
      default: left = padding; break;
    }
  }
  std::string out = repeat(sp.fill, left) + sign + std::string(prefix) + repeat(sp.fill, inner) + grouped;
  if (has_decimal) out += '.';
  out += remainder;
  return out + repeat(sp.fill, right);
}

// ---- [SECTION] int, float and str ------------------------------------------------------------

std::string printf_double(const char* format, int precision, double v) {
  int n = std::snprintf(nullptr, 0, format, precision, v);
  std::string out(std::size_t(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), format, precision, v);
  out.resize(std::size_t(n));
  return out;
}

// 'g' with `p` significant digits, written out rather than left to printf, whose "%#g" (glibc)
// loses a zero when rounding adds a digit (99.995 at "#.2g": "1.e+02", Python "1.0e+02").
// `repr_like` is the no-type form: an exponent from p - 1 digits on, and ".0" on integers.
std::string general(double v, int p, bool alternate, bool upper, bool repr_like) {
  if (!std::isfinite(v)) return printf_double(upper ? "%.*G" : "%.*g", p, v);
  std::string e = printf_double(upper ? "%.*E" : "%.*e", p - 1, v);
  int exponent = std::atoi(e.c_str() + e.find_first_of("eE") + 1);
  bool fixed = exponent >= -4 && exponent < (repr_like ? p - 1 : p);
  std::string text = fixed ? printf_double(alternate ? "%#.*f" : "%.*f", p - 1 - exponent, v)
                           : (alternate ? printf_double(upper ? "%#.*E" : "%#.*e", p - 1, v) : e);
  if (!alternate) {
    // Trailing zeros of the fraction go, and a '.' left with nothing after it.
    std::size_t end = fixed ? text.size() : text.find_first_of("eE");
    std::size_t dot = text.find('.');
    if (dot != std::string::npos && dot < end) {
      std::size_t cut = end;
      while (cut > dot + 1 && text[cut - 1] == '0') --cut;
      if (cut == dot + 1) cut = dot;
      text.erase(cut, end - cut);
    }
  }
  if (repr_like && fixed && text.find('.') == std::string::npos) text += ".0";
  return text;
}

// Python's float.__format__ (also int's, for the float presentation types).
std::optional<std::string> format_float(double v, Spec sp) {
  char type = sp.type;
  if (std::string_view("eEfFgGn%").find(type) == std::string_view::npos && type != 0) return std::nullopt;
  if (type == 'n') type = 'g';  // 'g' in the C locale, which Python keeps for numbers
  bool percent = type == '%';
  if (percent) {
    type = 'f';
    v *= 100;
  }
  std::string text;
  if (type == 0 && sp.precision < 0) {
    // No type and no precision: repr(), with a '.' even before an exponent for '#'.
    text = trio::float_repr(v);
    if (sp.alternate && std::isfinite(v) && text.find('.') == std::string::npos) {
      auto e = text.find('e');
      text.insert(e == std::string::npos ? text.size() : e, 1, '.');
    }
  } else if (type == 0) {
    // No type but a precision: like 'g', except that it switches to an exponent one digit
    // sooner and always shows a decimal point ("1e+02", "123.0" for 100.0 and 123.0 at .3).
    text = general(v, std::max(sp.precision, 1), sp.alternate, false, true);
  } else if (type == 'g' || type == 'G') {
    text = general(v, std::max(sp.precision < 0 ? 6 : sp.precision, 1), sp.alternate, type == 'G', false);
  } else {
    int p = sp.precision < 0 ? 6 : sp.precision;
    char format[8] = {'%', 0};
    std::size_t n = 1;
    if (sp.alternate) format[n++] = '#';
    format[n++] = '.';
    format[n++] = '*';
    format[n++] = type;
    format[n] = 0;
    text = printf_double(format, p, v);
  }
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  if (negative && sp.no_neg_0) {
    // 'z': a result that rounded to zero loses its minus sign.
    std::string_view mantissa = std::string_view(text).substr(0, text.find_first_of("eE"));
    if (mantissa.find_first_not_of("0.") == std::string_view::npos) negative = false;
  }
  if (percent) text += '%';
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  bool has_decimal = digits < text.size() && text[digits] == '.';
  std::string_view t = text;
  return lay_out(sp, negative, "", t.substr(0, digits), has_decimal, t.substr(digits + (has_decimal ? 1 : 0)), 3);
}

// Python's int.__format__ (bool's too, which is int's once there is a spec).
std::optional<std::string> format_int(std::int64_t v, std::string_view spec) {
  auto sp = parse_spec(spec, 'd', '>');
  if (!sp) return std::nullopt;
  switch (sp->type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return format_float(double(v), *sp);
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    default: return std::nullopt;  // "Unknown format code"
  }
  if (sp->precision >= 0 || sp->no_neg_0) return std::nullopt;
  bool negative = v < 0;
  std::uint64_t magnitude = negative ? ~std::uint64_t(v) + 1 : std::uint64_t(v);
  if (sp->type == 'c') {
    if (sp->sign || sp->alternate || negative || magnitude > 0x10FFFF) return std::nullopt;
    // The code point as UTF-8; Python treats it as text that is not digits.
    auto c = std::uint32_t(magnitude);
    std::string ch;
    if (c < 0x80) {
      ch += char(c);
    } else if (c < 0x800) {
      ch += char(0xC0 | (c >> 6));
      ch += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      ch += char(0xE0 | (c >> 12));
      ch += char(0x80 | ((c >> 6) & 0x3F));
      ch += char(0x80 | (c & 0x3F));
    } else {
      ch += char(0xF0 | (c >> 18));
      ch += char(0x80 | ((c >> 12) & 0x3F));
      ch += char(0x80 | ((c >> 6) & 0x3F));
      ch += char(0x80 | (c & 0x3F));
    }
    return lay_out(*sp, false, "", "", false, ch, 3);
  }
  int base = sp->type == 'b' ? 2 : sp->type == 'o' ? 8 : sp->type == 'x' || sp->type == 'X' ? 16 : 10;
  char digits[72];
  char* end = std::to_chars(digits, digits + sizeof digits, magnitude, base).ptr;
  if (sp->type == 'X') std::transform(digits, end, digits, [](char c) { return c >= 'a' ? char(c - 32) : c; });
  std::string prefix;
  if (sp->alternate && base != 10) prefix = std::string("0") + sp->type;
  return lay_out(*sp, negative, prefix, std::string_view(digits, std::size_t(end - digits)), false, "",
                 base == 10 ? 3 : 4);
}

// Python's str.__format__.
std::optional<std::string> format_str(std::string_view s, std::string_view spec) {
  auto sp = parse_spec(spec, 's', '<');
  if (!sp || sp->type != 's' || sp->sign || sp->no_neg_0 || sp->alternate || sp->align == '=') return std::nullopt;
  if (sp->precision >= 0) {
    // Keep the first `precision` code points.
    std::size_t keep = 0;
    for (int n = 0; keep < s.size() && n < sp->precision; ++n) keep += utf8_length((unsigned char)s[keep]);
    s = s.substr(0, std::min(keep, s.size()));
  }
  long padding = sp->width - long(code_points(s));
  if (padding <= 0) return std::string(s);
  long left = sp->align == '>' ? padding : sp->align == '^' ? padding / 2 : 0;
  return repeat(sp->fill, left) + std::string(s) + repeat(sp->fill, padding - left);
}

}  // namespace

std::optional<std::string> format_value(const trio::Value& v, const std::string& spec) {
  // format(x, "") is str(x), for every type (True stays "True").
  if (spec.empty()) return trio::py_str(v);
  if (auto* b = std::get_if<bool>(&v)) return format_int(*b ? 1 : 0, spec);
  if (auto* i = std::get_if<std::int64_t>(&v)) return format_int(*i, spec);
  if (auto* d = std::get_if<double>(&v)) {
    auto sp = parse_spec(spec, 0, '>');
    if (!sp) return std::nullopt;
    return format_float(*d, *sp);
  }
  if (auto* s = std::get_if<std::string>(&v)) return format_str(*s, spec);
  // None, exceptions, nurseries and cancel scopes have object.__format__, which takes no spec.
  return std::nullopt;
}

}  // namespace trioscope::scenario
