#include "core/value.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/exception.hpp"
#include "core/text.hpp"

namespace trio {

std::string float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
  // Shortest round-trip digits, in scientific form: "d.ddde[+-]XX".
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp10 = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  // Python (float_repr_style 'short') switches to exponent notation when the decimal
  // point position is <= -4 or > 16, counting from the first digit.
  int decpt = exp10 + 1;
  std::string out;
  if (decpt <= -4 || decpt > 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
    out += e;
  } else if (decpt <= 0) {
    out = "0." + std::string(-decpt, '0') + digits;
  } else if (decpt >= int(digits.size())) {
    out = digits + std::string(decpt - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  return neg ? "-" + out : out;
}


std::string py_str(const Value& v) {
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto e = std::get_if<Exc>(&v)) return *e ? exc_str(**e) : "None";
  return py_repr(v);
}

std::string py_repr(const Value& v) {
  struct V {
    std::string operator()(None) const { return "None"; }
    std::string operator()(bool b) const { return b ? "True" : "False"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return float_repr(d); }
    std::string operator()(const std::string& s) const { return str_repr(s); }
    std::string operator()(const Exc& e) const { return e ? exc_repr(*e) : "None"; }
    std::string operator()(const std::shared_ptr<Nursery>&) const { return "<nursery>"; }
    std::string operator()(const std::shared_ptr<CancelScope>&) const { return "<trio.CancelScope>"; }
  };
  return std::visit(V{}, v);
}

std::string py_ascii(const Value& v) { return ascii_of_repr(py_repr(v)); }

std::string type_name(const Value& v) {
  if (auto e = std::get_if<Exc>(&v); e && *e) return (*e)->type;
  static const char* names[] = {"NoneType", "bool", "int", "float", "str", "NoneType", "Nursery", "CancelScope"};
  return names[v.index()];
}

bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

double as_double(const Value& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return double(*i);
  if (auto d = std::get_if<double>(&v)) return *d;
  return 0;
}

}  // namespace trio
