// [SECTION] The format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// [SECTION] Laying out a number: sign, prefix, padding, digit groups
// [SECTION] int, float and str
// [SECTION] format(value, spec)
//
// Follows CPython's Python/formatter_unicode.c (3.11), the one definition of the mini-language:
// which options each type takes, where padding goes, how zero padding meets digit groups, and
// which error, with which message, each refusal raises (in the order Python checks them).
// Widths and precisions count code points, as Python's do; the text is UTF-8.
#include "scenario/py_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>
#include <vector>

#include "core/exception.hpp"
#include "core/text.hpp"

namespace trioscope::scenario {

namespace {

// ---- [SECTION] The format spec -----------------------------------------------------------------

struct Spec {
  std::string fill = " ";  // one code point, as UTF-8
  char32_t fill_char = U' ';
  char32_t align = 0;      // '<', '>', '^', '='
  char32_t sign = 0;       // '+', '-', ' '
  bool no_neg_0 = false;   // 'z'
  bool alternate = false;  // '#'
  std::int64_t width = -1;
  char grouping = 0;  // ',' or '_'
  std::int64_t precision = -1;
  char32_t type = 0;
  std::int64_t max_width = kMaxFormatWidth;  // the run's format width limit (not Python's)
};

FormatError value_error(std::string message) { return {"ValueError", std::move(message)}; }

bool is_align(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign(char32_t c) { return c == '+' || c == '-' || c == ' '; }

// A code point in an error message, as Python's "%c" or "\x%x" writes it.
std::string code_in_message(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, char(c));
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x%x", unsigned(c));
  return buf;
}

// Python's get_integer: decimal digits (any script's) into `out`; false on overflow.
bool read_integer(const std::u32string& s, std::size_t& p, std::int64_t& out, std::size_t& digits) {
  std::int64_t n = 0;
  digits = 0;
  for (; p < s.size(); ++p, ++digits) {
    int d = trio::decimal_value(s[p]);
    if (d < 0) break;
    if (n > (std::numeric_limits<std::int64_t>::max() - d) / 10) return false;
    n = n * 10 + d;
  }
  out = n;
  return true;
}

// Python's parse_internal_render_format_spec: `default_type` is 'd' for int, 0 for float and
// 's' for str; `default_align` '>' for numbers and '<' for str, and it decides what a leading
// '0' means. `type_name` is for the one message that names the value's type.
std::variant<Spec, FormatError> parse_spec(std::string_view text, char default_type, char default_align,
                                           const std::string& type_name) {
  std::u32string s = trio::decode_utf8(text);
  Spec sp;
  sp.type = char32_t(default_type);
  sp.align = char32_t(default_align);
  std::size_t p = 0, end = s.size();
  bool fill_given = false, align_given = false;
  if (end - p >= 2 && is_align(s[p + 1])) {
    sp.fill_char = s[p];
    sp.align = s[p + 1];
    fill_given = align_given = true;
    p += 2;
  } else if (end - p >= 1 && is_align(s[p])) {
    sp.align = s[p];
    align_given = true;
    ++p;
  }
  if (end - p >= 1 && is_sign(s[p])) sp.sign = s[p++];
  if (end - p >= 1 && s[p] == 'z') {
    sp.no_neg_0 = true;
    ++p;
  }
  if (end - p >= 1 && s[p] == '#') {
    sp.alternate = true;
    ++p;
  }
  // A '0' before the width pads with zeros after the sign ('=' alignment), for numbers; for
  // strings (since Python 3.10) it only makes '0' the fill.
  if (!fill_given && end - p >= 1 && s[p] == '0') {
    sp.fill_char = U'0';
    if (!align_given && default_align == '>') sp.align = U'=';
    ++p;
  }
  std::size_t digits = 0;
  if (!read_integer(s, p, sp.width, digits)) return value_error("Too many decimal digits in format string");
  if (digits == 0) sp.width = -1;
  if (end - p >= 1 && s[p] == ',') {
    sp.grouping = ',';
    ++p;
  }
  if (end - p >= 1 && s[p] == '_') {
    if (sp.grouping) return value_error("Cannot specify both ',' and '_'.");
    sp.grouping = '_';
    ++p;
  }
  if (end - p >= 1 && s[p] == ',' && sp.grouping == '_') return value_error("Cannot specify both ',' and '_'.");
  if (end - p >= 1 && s[p] == '.') {
    ++p;
    if (!read_integer(s, p, sp.precision, digits)) return value_error("Too many decimal digits in format string");
    if (digits == 0) return value_error("Format specifier missing precision");
  }
  if (end - p > 1)
    return value_error("Invalid format specifier '" + std::string(text) + "' for object of type '" + type_name + "'");
  if (end - p == 1) sp.type = s[p];
  if (sp.grouping) {
    switch (sp.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0: break;
      case 'b': case 'o': case 'x': case 'X':
        if (sp.grouping == '_') break;  // every four digits
        [[fallthrough]];
      default:
        return value_error(std::string("Cannot specify '") + sp.grouping + "' with '" + code_in_message(sp.type) + "'.");
    }
  }
  sp.fill.clear();
  trio::append_utf8(sp.fill, sp.fill_char);
  return sp;
}

// Past every check of Python's: the string would be larger than the engine builds.
bool too_large(const Spec& sp, bool precision_counts) {
  return sp.width > sp.max_width || (precision_counts && sp.precision > sp.max_width);
}
const FormatError kMemoryError{"MemoryError", ""};

FormatError unknown_type(char32_t type, const std::string& type_name) {
  return value_error("Unknown format code '" + code_in_message(type) + "' for object of type '" + type_name + "'");
}

std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
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
  long non_digits = long(sign.size() + prefix.size() + (has_decimal ? 1 : 0) + trio::code_points(remainder));
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
Formatted format_float(double v, Spec sp, const std::string& type_name) {
  switch (sp.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: return {"", unknown_type(sp.type, type_name)};
  }
  if (sp.precision > std::numeric_limits<int>::max()) return {"", value_error("precision too big")};
  if (too_large(sp, true)) return {"", kMemoryError};
  char type = char(sp.type);
  if (type == 'n') type = 'g';  // 'g' in the C locale, which Python keeps for numbers
  bool percent = type == '%';
  if (percent) {
    type = 'f';
    v *= 100;
  }
  int precision = int(sp.precision);
  std::string text;
  if (type == 0 && precision < 0) {
    // No type and no precision: repr(), with a '.' even before an exponent for '#'.
    text = trio::float_repr(v);
    if (sp.alternate && std::isfinite(v) && text.find('.') == std::string::npos) {
      auto e = text.find('e');
      text.insert(e == std::string::npos ? text.size() : e, 1, '.');
    }
  } else if (type == 0) {
    // No type but a precision: like 'g', except that it switches to an exponent one digit
    // sooner and always shows a decimal point ("1e+02", "123.0" for 100.0 and 123.0 at .3).
    text = general(v, std::max(precision, 1), sp.alternate, false, true);
  } else if (type == 'g' || type == 'G') {
    text = general(v, std::max(precision < 0 ? 6 : precision, 1), sp.alternate, type == 'G', false);
  } else {
    int p = precision < 0 ? 6 : precision;
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
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  bool has_decimal = digits < text.size() && text[digits] == '.';
  std::string_view t = text;
  return {lay_out(sp, negative, "", t.substr(0, digits), has_decimal, t.substr(digits + (has_decimal ? 1 : 0)), 3),
          std::nullopt};
}

// Python's int.__format__ (bool's too: bool has none of its own).
Formatted format_int(std::int64_t v, std::string_view spec, const std::string& type_name, std::int64_t max_width) {
  auto parsed = parse_spec(spec, 'd', '>', type_name);
  if (auto* err = std::get_if<FormatError>(&parsed)) return {"", *err};
  Spec& sp = std::get<Spec>(parsed);
  sp.max_width = max_width;
  switch (sp.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return format_float(double(v), sp, type_name);
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    default: return {"", unknown_type(sp.type, type_name)};
  }
  if (sp.precision >= 0) return {"", value_error("Precision not allowed in integer format specifier")};
  if (sp.no_neg_0) return {"", value_error("Negative zero coercion (z) not allowed in integer format specifier")};
  bool negative = v < 0;
  std::uint64_t magnitude = negative ? ~std::uint64_t(v) + 1 : std::uint64_t(v);
  if (sp.type == 'c') {
    if (sp.sign) return {"", value_error("Sign not allowed with integer format specifier 'c'")};
    if (sp.alternate) return {"", value_error("Alternate form (#) not allowed with integer format specifier 'c'")};
    if (negative || magnitude > 0x10FFFF) return {"", FormatError{"OverflowError", "%c arg not in range(0x110000)"}};
    if (too_large(sp, false)) return {"", kMemoryError};
    // The code point (a lone surrogate too, as WTF-8); Python treats it as text, not digits.
    std::string ch;
    trio::append_utf8(ch, char32_t(magnitude));
    return {lay_out(sp, false, "", "", false, ch, 3), std::nullopt};
  }
  if (too_large(sp, false)) return {"", kMemoryError};
  char type = char(sp.type);
  int base = type == 'b' ? 2 : type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
  char digits[72];
  char* end = std::to_chars(digits, digits + sizeof digits, magnitude, base).ptr;
  if (type == 'X') std::transform(digits, end, digits, [](char c) { return c >= 'a' ? char(c - 32) : c; });
  std::string prefix;
  if (sp.alternate && base != 10) prefix = std::string("0") + type;
  return {lay_out(sp, negative, prefix, std::string_view(digits, std::size_t(end - digits)), false, "",
                  base == 10 ? 3 : 4),
          std::nullopt};
}

// Python's str.__format__.
Formatted format_str(std::string_view s, std::string_view spec, std::int64_t max_width) {
  auto parsed = parse_spec(spec, 's', '<', "str");
  if (auto* err = std::get_if<FormatError>(&parsed)) return {"", *err};
  Spec& sp = std::get<Spec>(parsed);
  sp.max_width = max_width;
  if (sp.type != 's') return {"", unknown_type(sp.type, "str")};
  if (sp.sign == ' ') return {"", value_error("Space not allowed in string format specifier")};
  if (sp.sign) return {"", value_error("Sign not allowed in string format specifier")};
  if (sp.no_neg_0) return {"", value_error("Negative zero coercion (z) not allowed in string format specifier")};
  if (sp.alternate) return {"", value_error("Alternate form (#) not allowed in string format specifier")};
  if (sp.align == '=') return {"", value_error("'=' alignment not allowed in string format specifier")};
  if (too_large(sp, false)) return {"", kMemoryError};
  if (sp.precision >= 0) {
    // Keep the first `precision` code points.
    std::size_t keep = 0;
    for (std::int64_t n = 0; keep < s.size() && n < sp.precision; ++n) keep += utf8_length((unsigned char)s[keep]);
    s = s.substr(0, std::min(keep, s.size()));
  }
  long padding = long(sp.width) - long(trio::code_points(s));
  if (padding <= 0) return {std::string(s), std::nullopt};
  long left = sp.align == '>' ? padding : sp.align == '^' ? padding / 2 : 0;
  return {repeat(sp.fill, left) + std::string(s) + repeat(sp.fill, padding - left), std::nullopt};
}

}  // namespace

// ---- [SECTION] format(value, spec) -------------------------------------------------------------

Formatted format_value(const trio::Value& v, std::string_view spec, std::int64_t max_width) {
  // format(x, "") is str(x), for every type (True stays "True").
  if (spec.empty()) return {trio::py_str(v), std::nullopt};
  std::string type_name = trio::type_name(v);
  if (auto* b = std::get_if<bool>(&v)) return format_int(*b ? 1 : 0, spec, type_name, max_width);
  if (auto* i = std::get_if<std::int64_t>(&v)) return format_int(*i, spec, type_name, max_width);
  if (auto* d = std::get_if<double>(&v)) {
    auto parsed = parse_spec(spec, 0, '>', type_name);
    if (auto* err = std::get_if<FormatError>(&parsed)) return {"", *err};
    std::get<Spec>(parsed).max_width = max_width;
    return format_float(*d, std::get<Spec>(parsed), type_name);
  }
  if (auto* s = std::get_if<std::string>(&v)) return format_str(*s, spec, max_width);
  // None, exceptions, nurseries and cancel scopes have object.__format__, which takes no spec.
  return {"", FormatError{"TypeError", "unsupported format string passed to " + type_name + ".__format__"}};
}

std::optional<FormatError> spec_error(std::string_view spec) {
  if (spec.empty()) return std::nullopt;
  // int, float and str share the parse; what it refuses, it refuses for all three, and None
  // and the other objects refuse every non-empty spec.
  auto parsed = parse_spec(spec, 'd', '>', "int");
  if (auto* err = std::get_if<FormatError>(&parsed)) return *err;
  return std::nullopt;
}


}  // namespace trioscope::scenario
