// Steps as the command line and the export dialog name them: a number, "last", the N-th
// event of a kind, and ranges of them.
#include <gtest/gtest.h>

#include "document/document.hpp"
#include "document/step_spec.hpp"

namespace trioscope::document {
namespace {

struct Lesson02 {
  Lesson02() { EXPECT_TRUE(doc.open_file(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/02_child_trips_loose_groups.json")); }
  const trio::Trace& t() const { return *doc.trace(); }
  Document doc;
};

TEST(StepSpec, NumbersLastAndKinds) {
  Lesson02 l;
  std::int32_t s = 0;
  ASSERT_TRUE(find_step(l.t(), "12", s));
  EXPECT_EQ(s, 12);
  ASSERT_TRUE(find_step(l.t(), "9999", s));
  EXPECT_EQ(s, 44) << "clamped to the last step";
  ASSERT_TRUE(find_step(l.t(), "-5", s));
  EXPECT_EQ(s, -1) << "before the first step";
  ASSERT_TRUE(find_step(l.t(), "last", s));
  EXPECT_EQ(s, 44);
  ASSERT_TRUE(find_step(l.t(), "end", s));
  EXPECT_EQ(s, 44);
  ASSERT_TRUE(find_step(l.t(), "scope_cancelled", s));
  EXPECT_EQ(l.t().events[s].kind, trio::EventKind::scope_cancelled);
  std::int32_t first = 0, second = 0;
  ASSERT_TRUE(find_step(l.t(), "print:1", first));
  ASSERT_TRUE(find_step(l.t(), "print:2", second));
  EXPECT_LT(first, second);
  EXPECT_EQ(l.t().events[second].kind, trio::EventKind::print);
  EXPECT_FALSE(find_step(l.t(), "print:3", s)) << "lesson 02 prints twice";
  EXPECT_FALSE(find_step(l.t(), "no_such_kind", s));
  EXPECT_FALSE(find_step(l.t(), "12x", s));
}

TEST(StepSpec, Ranges) {
  Lesson02 l;
  std::string error;
  auto r = find_step_range(l.t(), "20..25", error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(*r, (StepRange{20, 25}));
  r = find_step_range(l.t(), "raised..last", error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(l.t().events[r->first].kind, trio::EventKind::raised);
  EXPECT_EQ(r->last, 44);
  r = find_step_range(l.t(), "..3", error);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (StepRange{-1, 3}));
  r = find_step_range(l.t(), "40..", error);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (StepRange{40, 44}));
  r = find_step_range(l.t(), "7", error);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (StepRange{7, 7}));
  EXPECT_FALSE(find_step_range(l.t(), "30..10", error));
  EXPECT_NE(error.find("before it begins"), std::string::npos) << error;
  EXPECT_FALSE(find_step_range(l.t(), "1..nope", error));
  EXPECT_NE(error.find("no step matches nope"), std::string::npos) << error;
}

}  // namespace
}  // namespace trioscope::document
