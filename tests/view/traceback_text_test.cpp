// What escaped trio.run, printed the way Python 3.11 prints it: checked against lines
// Python's own traceback module wrote (traceback_cases.py -> traceback_cases.inc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "view/traceback_text.hpp"

namespace trioscope::view {
namespace {

trio::Exc E(std::string type, std::string message) { return trio::make_exc(std::move(type), std::move(message)); }
trio::Exc E(std::string type) { return trio::make_exc(std::move(type)); }
trio::Exc G(std::string message, std::vector<trio::Exc> members, bool loose = false) {
  return trio::make_group(std::move(message), std::move(members), loose);
}
const std::string NURSERY = "Exceptions from Trio nursery";
std::vector<trio::Exc> many(int n) {
  std::vector<trio::Exc> out;
  for (int i = 0; i < n; ++i) out.push_back(trio::make_exc("ValueError", std::vector<trio::Value>{trio::Value(std::int64_t{i})}));
  return out;
}
trio::Exc deep(int n) {
  trio::Exc e = G(NURSERY, {E("ValueError", std::string("bottom"))});
  for (int i = 1; i < n; ++i) e = G(NURSERY, {e});
  return e;
}

struct Case {
  trio::Exc exc;
  std::vector<std::string> lines;
};

TEST(TracebackText, PrintsAsPython311Does) {
  const std::vector<Case> cases = {
#include "traceback_cases.inc"
  };
  ASSERT_GE(cases.size(), 12u);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.lines.front());
    EXPECT_EQ(python_traceback_lines(*c.exc), c.lines);
  }
}

}  // namespace
}  // namespace trioscope::view
