#include "scenario/py_format.hpp"

#include <cmath>
#include <cstdio>

namespace trioscope::scenario {

namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^' or 0
  bool zero = false;
  int width = 0;
  int precision = -1;
  char type = 0;
  bool ok = true;
};

// [[fill]align][0][width][.precision][type], Python's format-spec mini-language minus
// sign, '#', ',' and '_' options.
Spec parse_spec(const std::string& s) {
  Spec sp;
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^'; };
  if (s.size() >= 2 && is_align(s[1])) {
    sp.fill = s[0];
    sp.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    ++i;
  }
  while (i < s.size() && std::isdigit((unsigned char)s[i])) sp.width = sp.width * 10 + (s[i++] - '0');
  if (i < s.size() && s[i] == '.') {
    ++i;
    sp.precision = 0;
    while (i < s.size() && std::isdigit((unsigned char)s[i])) sp.precision = sp.precision * 10 + (s[i++] - '0');
  }
  if (i < s.size()) sp.type = s[i++];
  if (i != s.size()) sp.ok = false;
  return sp;
}

std::string pad(std::string body, const Spec& sp, bool numeric) {
  if (int(body.size()) >= sp.width) return body;
  std::size_t n = sp.width - body.size();
  char align = sp.align ? sp.align : (numeric ? '>' : '<');
  char fill = sp.fill;
  if (sp.zero && !sp.align) {
    fill = '0';
    align = '>';
  }
  if (align == '<') return body + std::string(n, fill);
  if (align == '>') return std::string(n, fill) + body;
  return std::string(n / 2, fill) + body + std::string(n - n / 2, fill);
}

}  // namespace

std::optional<std::string> format_value(const trio::Value& v, const std::string& spec) {
  if (spec.empty()) return trio::py_str(v);
  Spec sp = parse_spec(spec);
  if (!sp.ok) return std::nullopt;
  bool numeric = trio::is_number(v) && !std::holds_alternative<bool>(v);
  if (numeric) {
    double d = trio::as_double(v);
    char buf[512];
    switch (sp.type) {
      case 'f':
      case 'F':
      case '%': {
        int prec = sp.precision < 0 ? 6 : sp.precision;
        if (sp.type == '%') {
          std::snprintf(buf, sizeof buf, "%.*f%%", prec, d * 100);
        } else {
          std::snprintf(buf, sizeof buf, "%.*f", prec, d);
        }
        return pad(buf, sp, true);
      }
      case 'e':
      case 'E':
        std::snprintf(buf, sizeof buf, sp.type == 'e' ? "%.*e" : "%.*E", sp.precision < 0 ? 6 : sp.precision, d);
        return pad(buf, sp, true);
      case 'd':
        if (!std::holds_alternative<std::int64_t>(v)) return std::nullopt;
        return pad(std::to_string(std::get<std::int64_t>(v)), sp, true);
      case 0:
        if (sp.precision >= 0 && std::holds_alternative<double>(v)) {
          std::snprintf(buf, sizeof buf, "%.*g", sp.precision, d);
          return pad(buf, sp, true);
        }
        return pad(trio::py_str(v), sp, true);
      default: return std::nullopt;
    }
  }
  if (sp.type != 0 && sp.type != 's') return std::nullopt;
  std::string s = trio::py_str(v);
  if (sp.precision >= 0 && int(s.size()) > sp.precision) s.resize(sp.precision);
  return pad(s, sp, false);
}

}  // namespace trioscope::scenario
