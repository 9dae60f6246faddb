// The window at the sizes a classroom uses: a projector at 1920x1080 and 1280x720 with the
// UI at 1.75x, and the default 1440x900 window. The layout must keep the code readable
// (nothing past the panel's edge), the part of the tree the step is about in view, every
// timeline lane reachable, and tell when the lessons are folded away.
#include <gtest/gtest.h>

#include <cmath>

#include "document/commands.hpp"
#include "frame_harness.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;
using testing::height;
using testing::kLessons;
using testing::width;

int first(const trio::Trace& t, trio::EventKind kind) {
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == kind) return static_cast<int>(i);
  return -1;
}

void open_at(Frames& f, const std::string& lesson, trio::EventKind kind) {
  ASSERT_TRUE(f.app.open(kLessons + lesson));
  f.frames(2);
  const int step = first(*f.app.doc().trace(), kind);
  ASSERT_GE(step, 0);
  f.app.go_to(step);
  f.frames(6);  // scrolling into view settles over a few frames
}

// Lesson 12 at group_formed, 1920x1080 at 1.75x: the group chip sits at the bottom of a
// nursery taller than the panel; the code has lines wider than half the window.
TEST(ProjectorLayout, At1080TheGroupChipTheCodeAndEveryLaneAreInView) {
  Frames f(1920, 1080, 1.75f);
  open_at(f, "12_two_failures_except_star.json", trio::EventKind::group_formed);
  const FrameReport& r = f.app.report();
  EXPECT_FALSE(r.compact);
  EXPECT_TRUE(r.tree_focus_visible);
  // No code row runs past the panel's edge: long lines wrap.
  EXPECT_LE(r.code_overflow, 0.5f);
  EXPECT_GE(r.code_rows_visible, 6);
  // The tree keeps at least half of the row, the code gets a real share of it.
  EXPECT_GE(width(r.tree), width(r.code) * 0.95f);
  EXPECT_GE(width(r.code), 1920 * 0.3f);
  EXPECT_EQ(r.lanes, 4);
  EXPECT_EQ(r.lanes_visible, 4);
  EXPECT_FALSE(r.lane_scrollbar);
  // Too narrow for the lessons column at this scale: folded into a strip, not gone.
  EXPECT_EQ(r.lessons_shown, FrameReport::Lessons::strip);
}

TEST(ProjectorLayout, At720TheWindowFoldsButKeepsCodeTreeAndLanes) {
  Frames f(1280, 720, 1.75f);
  open_at(f, "12_two_failures_except_star.json", trio::EventKind::group_formed);
  const FrameReport& r = f.app.report();
  EXPECT_TRUE(r.compact);
  EXPECT_TRUE(r.tree_focus_visible);
  EXPECT_LE(r.code_overflow, 0.5f);
  EXPECT_GE(r.code_rows_visible, 4);
  EXPECT_GE(height(r.tree), 200.0f);
  // At least two whole lanes, and a scrollbar for the others.
  EXPECT_GE(r.lanes_visible, 2);
  EXPECT_TRUE(r.lanes_visible == r.lanes || r.lane_scrollbar);
  // The long title gives way to the settings, shortened rather than cut.
  EXPECT_NE(r.title_shown, f.app.doc().title());
  EXPECT_EQ(r.title_shown.rfind("\xE2\x80\xA6"), r.title_shown.size() - 3);
}

// Every lesson, through its steps, on both projectors: no code past the panel's edge, the
// tree showing the step's part, every lane reachable.
class EveryLesson : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(EveryLesson, KeepsItsStepInView) {
  Frames f(GetParam().first, GetParam().second, 1.75f);
  for (const Lesson& l : f.app.lessons()) {
    if (!l.valid) continue;
    SCOPED_TRACE(l.file);
    ASSERT_TRUE(f.app.open(l.path));
    f.frames(2);
    const int last = f.app.last_step();
    for (int step = 0; step <= last; step += std::max(1, last / 12)) {
      f.app.go_to(step);
      f.frames(5);
      EXPECT_TRUE(f.app.report().tree_focus_visible) << "step " << step;
      EXPECT_LE(f.app.report().code_overflow, 0.5f) << "step " << step;
      EXPECT_GT(f.app.report().code_line, 0u) << "every step has a line to show, step " << step;
      EXPECT_TRUE(f.app.report().code_line_visible) << "line " << f.app.report().code_line << ", step " << step;
      EXPECT_TRUE(f.app.report().lanes_visible == f.app.report().lanes || f.app.report().lane_scrollbar) << "step " << step;
      EXPECT_GE(f.app.report().lanes_visible, std::min(2, f.app.report().lanes)) << "step " << step;
    }
  }
}

// The line of the step stays in view when the window is resized, the UI is scaled, a
// setting reruns the lesson, and when another lesson opens (at its top, not the last one's
// scroll position).
TEST(CodePanel, TheLineOfTheStepStaysInView) {
  Frames f(1280, 720, 1.5f);
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  const int reraise = first(*f.app.doc().trace(), trio::EventKind::nursery_reraise);
  f.app.go_to(reraise);
  f.frames(5);
  EXPECT_TRUE(f.app.report().code_line_visible);
  ImGui::GetIO().DisplaySize = ImVec2(1024, 640);
  f.frames(5);
  EXPECT_TRUE(f.app.report().code_line_visible) << "after a resize";
  f.key(GLFW_KEY_EQUAL, /*ctrl=*/true);
  f.frames(5);
  EXPECT_TRUE(f.app.report().code_line_visible) << "after Ctrl+plus";
  document::RunChoice c = f.app.doc().choice();
  c.strict_exception_groups = false;
  f.app.submit(document::SetChoice{c});
  f.frames(5);
  for (int i = 0; i < 5; ++i) {
    f.key(GLFW_KEY_LEFT);
    f.frames(3);
    EXPECT_TRUE(f.app.report().code_line_visible) << "a step back after a rerun, line " << f.app.report().code_line;
  }
  ASSERT_TRUE(f.app.open(kLessons + "12_two_failures_except_star.json"));
  f.frames(3);
  f.key(GLFW_KEY_RIGHT);
  f.frames(3);
  EXPECT_TRUE(f.app.report().code_line_visible) << "another lesson, line " << f.app.report().code_line;
}

INSTANTIATE_TEST_SUITE_P(Projectors, EveryLesson,
                         ::testing::Values(std::make_pair(1920, 1080), std::make_pair(1280, 720)),
                         [](const auto& info) {
                           return std::to_string(info.param.first) + "x" + std::to_string(info.param.second);
                         });

// The default window, then Ctrl + to 1.25x and 1.5x: the lessons stay as a column or fold
// into a strip; they never just disappear.
TEST(ProjectorLayout, ScalingUpFoldsTheLessonsVisibly) {
  Frames f(1440, 900, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(3);
  EXPECT_EQ(f.app.report().lessons_shown, FrameReport::Lessons::column);
  for (float scale : {1.25f, 1.5f, 1.75f, 2.0f}) {
    SCOPED_TRACE(scale);
    f.key(GLFW_KEY_EQUAL, /*ctrl=*/true);
    f.frames(2);
    EXPECT_FLOAT_EQ(f.app.prefs().ui_scale, scale);
    EXPECT_NE(f.app.report().lessons_shown, FrameReport::Lessons::hidden);
    EXPECT_GT(width(f.app.report().lessons), 0.0f);
  }
  // The strip opens the lessons over the tree.
  ASSERT_EQ(f.app.report().lessons_shown, FrameReport::Lessons::strip);
  f.click(testing::centre(f.app.report().lessons));
  EXPECT_TRUE(f.app.report().lessons_overlay);
}

// The toolbar at the default size shows the whole title and the settings.
TEST(ProjectorLayout, TheDefaultWindowShowsTheWholeTitle) {
  Frames f(1440, 900, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(3);
  EXPECT_EQ(f.app.report().title_shown, f.app.doc().title());
}

TEST(DarkTheme, FramesStandOutFromThePanel) {
  Frames f(1440, 900, 1.0f, view::Theme::dark);
  f.frames(1);
  const ImGuiStyle& st = ImGui::GetStyle();
  auto luminance = [](ImVec4 c) { return 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z; };
  const float bg = luminance(st.Colors[ImGuiCol_WindowBg]);
  const float frame = luminance(st.Colors[ImGuiCol_FrameBg]);
  // WCAG contrast ratio between an unchecked checkbox and the panel behind it.
  const float ratio = (std::max(bg, frame) + 0.05f) / (std::min(bg, frame) + 0.05f);
  EXPECT_GE(ratio, 1.6f);
  EXPECT_GT(st.FrameBorderSize, 0.0f);
  EXPECT_GT(st.Colors[ImGuiCol_Border].w, 0.5f);
}

}  // namespace
}  // namespace trioscope::gui
