// Print templates format values as Python's format(value, spec) does, for every spec, and
// raise what Python raises, with Python's message, where a type refuses a spec. The expected
// outcomes come from real Python: py_format_cases.py ran format() on each row of
// py_format_cases.inc, with real Trio objects for the nursery and the cancel scope.
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string_view>
#include <vector>
#include <string>

#include "core/exception.hpp"
#include "core/runner.hpp"
#include "core/text.hpp"
#include "scenario/print_template.hpp"
#include "scenario/py_format.hpp"

namespace trioscope::scenario {
namespace {

struct Outcome {
  std::optional<std::string> text;  // nullopt: Python raised
  std::string exc_type, message;
};

// The table is plain constants (a string_view keeps any NUL); values are built when read.
#define SV(literal) std::string_view(literal, sizeof(literal) - 1)
enum class V { integer, floating, boolean, str, none, exc, group, nursery, scope };
struct RawValue {
  V kind;
  long long i;
  double d;
  std::string_view text;      // str: the value; exc: its one argument; group: its message
  std::string_view exc_type;  // exc and group
};
struct RawCase {
  RawValue value;
  std::string_view spec, exc_type, text;  // exc_type empty: text is format()'s result
};

const RawCase kRaw[] = {
#define PY_FORMAT_CASES
#include "py_format_cases.inc"
#undef PY_FORMAT_CASES
};

trio::Value value_of(const RawValue& r) {
  switch (r.kind) {
    case V::integer: return std::int64_t(r.i);
    case V::floating: return r.d;
    case V::boolean: return r.i != 0;
    case V::str: return std::string(r.text);
    case V::none: return trio::None{};
    case V::exc: return trio::make_exc(std::string(r.exc_type), std::string(r.text));
    case V::group: return trio::make_group(std::string(r.text), {trio::make_exc("ValueError", {trio::Value(std::int64_t(1))})});
    case V::nursery: return std::make_shared<trio::Nursery>(0, 0, nullptr, true);
    case V::scope: return std::make_shared<trio::CancelScope>();
  }
  return trio::None{};
}

struct Case {
  trio::Value value;
  std::string spec;
  Outcome python;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<Case> out;
    for (const RawCase& r : kRaw) {
      Outcome o;
      if (r.exc_type.empty()) o.text = std::string(r.text);
      else o = {std::nullopt, std::string(r.exc_type), std::string(r.text)};
      out.push_back({value_of(r.value), std::string(r.spec), std::move(o)});
    }
    return out;
  }();
  return all;
}

Outcome ok(std::string s) { return {std::move(s), "", ""}; }
Outcome raised(std::string type, std::string message) { return {std::nullopt, std::move(type), std::move(message)}; }

std::string describe(const Outcome& o) {
  if (o.text) return "'" + *o.text + "'";
  return o.exc_type + "(" + trio::py_repr(trio::Value(o.message)) + ")";
}

TEST(PyFormat, MatchesPythonsFormatAndErrorsForEveryCaseInTheTable) {
  int failures = 0, refusals = 0;
  for (const Case& c : cases()) {
    Formatted got = format_value(c.value, c.spec);
    Outcome mine = got.error ? raised(got.error->type, got.error->message) : ok(got.text);
    refusals += !c.python.text;
    if (mine.text == c.python.text && mine.exc_type == c.python.exc_type && mine.message == c.python.message)
      continue;
    if (++failures > 40) break;  // enough to see the pattern
    ADD_FAILURE() << "format(" << trio::py_repr(c.value) << ", " << trio::py_repr(trio::Value(c.spec))
                  << "): Python " << describe(c.python) << ", got " << describe(mine);
  }
  EXPECT_GT(cases().size(), 5000u);
  EXPECT_GT(refusals, 2500);  // the refusals are as much the point as the results
}

// A spec Python formats with must load: the loader may only refuse what it states a limit for.
TEST(PyFormat, EverySpecPythonFormatsWithLoads) {
  for (const Case& c : cases()) {
    if (!c.python.text) continue;
    EXPECT_TRUE(is_format_spec(c.spec)) << "Python formats with '" << c.spec << "', the loader refuses it";
  }
}

// spec_error is what the loader warns about: refused for every type alike.
// Python would build these (memory permitting); the engine states a limit, and raises
// MemoryError only once every check Python makes before building has passed.
TEST(PyFormat, HugeWidthsRaiseMemoryErrorAfterPythonsOwnChecks) {
  EXPECT_EQ(format_value(std::int64_t(1), "1000000").text.size(), 1000000u);
  EXPECT_EQ(format_value(std::int64_t(1), "1000001").error->type, "MemoryError");
  EXPECT_EQ(format_value(std::string("a"), "<9223372036854775807").error->type, "MemoryError");
  EXPECT_EQ(format_value(1.5, ".2000000f").error->type, "MemoryError");
  EXPECT_EQ(format_value(std::string("abc"), ".2000000").text, "abc");  // a precision only cuts a str
  // Python's earlier refusals win, with its messages (the table has these rows too).
  EXPECT_EQ(format_value(std::int64_t(1), "9223372036854775807a").error->message,
            "Unknown format code 'a' for object of type 'int'");
  EXPECT_EQ(format_value(1.5, ".9223372036854775807").error->message, "precision too big");
}

TEST(PyFormat, SpecErrorsAreTheRefusalsEveryTypeShares) {
  for (const Case& c : cases()) {
    auto err = spec_error(c.spec);
    if (!err) continue;
    EXPECT_FALSE(c.python.text) << "spec_error('" << c.spec << "') but Python formats " << trio::py_repr(c.value);
    if (!std::holds_alternative<std::string>(c.value) && !std::holds_alternative<std::int64_t>(c.value)) continue;
    if (c.python.message.find("Invalid format specifier") == 0) continue;  // names the value's type
    EXPECT_EQ(err->message, c.python.message) << c.spec;
  }
}

struct EncodeCase {
  std::string_view text, repr, str;
};

const EncodeCase kEncode[] = {
#define PRINT_ENCODE_CASES
#include "py_format_cases.inc"
#undef PRINT_ENCODE_CASES
};

// print() of a lone surrogate: the UnicodeEncodeError the engine raises, shown as Python shows it.
TEST(PyFormat, LoneSurrogatesMakeThePrintErrorPythonRaises) {
  for (const auto& c : kEncode) {
    auto run = trio::surrogate_run(c.text);
    const std::string text(c.text);
    ASSERT_TRUE(run) << c.repr;
    trio::PyException e;
    e.type = "UnicodeEncodeError";
    e.args = {trio::Value(std::string("utf-8")), trio::Value(text), trio::Value(std::int64_t(run->first)),
              trio::Value(std::int64_t(run->second)), trio::Value(std::string("surrogates not allowed"))};
    EXPECT_EQ(trio::exc_repr(e), c.repr);
    EXPECT_EQ(trio::exc_str(e), c.str);
  }
  EXPECT_FALSE(trio::surrogate_run("caf\xC3\xA9 \xED\x9F\xBF"));  // U+D7FF is no surrogate
}

}  // namespace
}  // namespace trioscope::scenario
