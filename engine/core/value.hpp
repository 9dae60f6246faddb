// Python-like values: what scenario variables, task arguments, `started(value)` and
// exception arguments hold. Printing follows Python's `str` and `repr` exactly, because
// transcripts are compared character for character with real Trio's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

namespace trio {

struct PyException;
class Nursery;
class CancelScope;
using Exc = std::shared_ptr<const PyException>;

struct None {
  bool operator==(const None&) const = default;
};

// One variant, ordered as Python would name them: None, bool, int, float, str, then the
// objects a Trio program passes around (exceptions, nurseries, cancel scopes).
using Value = std::variant<None, bool, std::int64_t, double, std::string, Exc,
                           std::shared_ptr<Nursery>, std::shared_ptr<CancelScope>>;

// Python's repr(float): the shortest string that round-trips, with ".0" for integral
// values and exponent notation outside 1e-4 <= |x| < 1e16 (`1e-05`, `1e+16`, `inf`, `nan`).
std::string float_repr(double x);

std::string py_str(const Value& v);   // str(v)
// repr(v). A nursery shows as <nursery> and a cancel scope as <trio.CancelScope>: Trio's own
// reprs carry a memory address, which no two runs share.
std::string py_repr(const Value& v);
std::string py_ascii(const Value& v);  // ascii(v): repr with non-ASCII code points escaped
std::string type_name(const Value& v);  // type(v).__name__: "int", "str", "ValueError", ...
bool is_number(const Value& v);
double as_double(const Value& v);  // int or float; 0 otherwise

}  // namespace trio
