// The article's lessons at their teaching moments, on the projectors a class has: 1280x720
// at 1.5x, 1024x768 at 1.25x and 1920x1080 at 2x. At every key step the task that acts is
// in view in the tree, every lane the step involves is in view in the timeline, the line
// of the step is in view in the code, and no two labels of the tree or of the timeline
// overlap. (The screenshot tests take the same frames under Xvfb.)
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "frame_harness.hpp"
#include "view/key_steps.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;
using testing::kLessons;

std::string describe(const view::PaintedText& t) {
  return "'" + t.text + "' at (" + std::to_string(static_cast<int>(t.rect.x0)) + ", " +
         std::to_string(static_cast<int>(t.rect.y0)) + ")";
}

class Classroom : public ::testing::TestWithParam<std::tuple<int, int, float>> {};

TEST_P(Classroom, KeyStepsOfTheArticlesLessonsReadWhole) {
  const auto [w, h, scale] = GetParam();
  Frames f(w, h, scale);
  int checked = 0;
  for (const Lesson& l : f.app.lessons()) {
    if (l.file.substr(0, 2) > "07") continue;  // lessons 01 to 07 are the article's
    SCOPED_TRACE(l.file);
    ASSERT_TRUE(f.app.open(l.path));
    f.frames(2);
    for (const view::KeyStep& k : view::key_steps(*f.app.doc().trace())) {
      SCOPED_TRACE(std::string("step ") + std::to_string(k.step) + " (" + view::key_moment_name(k.moment) + ")");
      f.app.go_to(k.step);
      f.frames(5);  // scrolling into view settles over a few frames
      const FrameReport& r = f.app.report();
      EXPECT_TRUE(r.tree_focus_visible) << "the acting task's box";
      EXPECT_TRUE(r.involved_lanes_visible) << "the lanes of the step";
      EXPECT_TRUE(r.code_line_visible) << "line " << r.code_line;
      EXPECT_LE(r.code_overflow, 0.5f);
      if (auto o = view::first_overlap(r.tree_texts)) ADD_FAILURE() << "tree: " << describe(o->first) << " over " << describe(o->second);
      if (auto o = view::first_overlap(r.timeline_texts))
        ADD_FAILURE() << "timeline: " << describe(o->first) << " over " << describe(o->second);
      ++checked;
    }
  }
  EXPECT_GE(checked, 30);
}

INSTANTIATE_TEST_SUITE_P(Projectors, Classroom,
                         ::testing::Values(std::make_tuple(1280, 720, 1.5f), std::make_tuple(1024, 768, 1.25f),
                                           std::make_tuple(1920, 1080, 2.0f)),
                         [](const auto& info) {
                           return std::to_string(std::get<0>(info.param)) + "x" + std::to_string(std::get<1>(info.param)) +
                                  "_at_" + std::to_string(static_cast<int>(std::get<2>(info.param) * 100));
                         });

}  // namespace
}  // namespace trioscope::gui
