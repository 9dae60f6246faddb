// Print templates format values as Python's format(value, spec) does, for every spec the
// loader accepts. The expected strings come from real Python: py_format_cases.py ran
// format() on each row of py_format_cases.inc (nullopt: Python raised).
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>

#include "scenario/print_template.hpp"
#include "scenario/py_format.hpp"

namespace trioscope::scenario {
namespace {

struct Case {
  trio::Value value;
  std::string spec;
  std::optional<std::string> python;
};

const Case kCases[] = {
#include "py_format_cases.inc"
};

TEST(PyFormat, MatchesPythonsFormatForEveryCaseInTheTable) {
  int failures = 0;
  for (const Case& c : kCases) {
    auto got = format_value(c.value, c.spec);
    if (got == c.python) continue;
    if (++failures > 40) break;  // enough to see the pattern
    ADD_FAILURE() << "format(" << trio::py_repr(c.value) << ", '" << c.spec << "'): Python "
                  << (c.python ? "'" + *c.python + "'" : std::string("raised")) << ", got "
                  << (got ? "'" + *got + "'" : std::string("nullopt"));
  }
  EXPECT_GT(sizeof kCases / sizeof kCases[0], 3000u);
}

// A spec Python formats with must load: the loader's grammar (is_format_spec) may not be
// narrower than Python's.
TEST(PyFormat, EverySpecPythonFormatsWithLoads) {
  for (const Case& c : kCases) {
    if (!c.python) continue;
    if (c.spec.find_first_of("{}\"'\\") != std::string::npos) continue;  // not allowed in an f-string
    EXPECT_TRUE(is_format_spec(c.spec)) << "Python formats with '" << c.spec << "', the loader refuses it";
  }
}

TEST(PyFormat, ObjectsWithoutAFormatTakeOnlyTheEmptySpec) {
  EXPECT_EQ(format_value(trio::None{}, ""), "None");
  EXPECT_EQ(format_value(trio::None{}, ">8"), std::nullopt);
}

}  // namespace
}  // namespace trioscope::scenario
