// Opening lessons and driving playback from the keyboard, through the app's own frames:
// another lesson starts at its beginning; after the Open field the playback keys work
// again; a run that did not finish says so as soon as it is loaded.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "document/moment.hpp"
#include "frame_harness.hpp"
#include "view/key_steps.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {
namespace {

using testing::centre;
using testing::Frames;
using testing::kLessons;

TEST(Playback, AnotherLessonStartsAtItsBeginning) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "02_child_trips_loose_groups.json"));
  f.frames(2);
  f.app.go_to(20);
  f.frames(2);
  // A setting changed on the same lesson keeps the moment a class is looking at.
  document::RunChoice c = f.app.doc().choice();
  c.strict_exception_groups = true;
  const document::Moment before = document::moment_at(*f.app.doc().trace(), 20);
  f.app.submit(document::SetChoice{c});
  f.frames(2);
  EXPECT_TRUE(f.app.doc().strict());
  const document::Moment after = document::moment_at(*f.app.doc().trace(), f.app.view().step);
  EXPECT_EQ(after.kind, before.kind);
  EXPECT_EQ(after.task, before.task);
  EXPECT_EQ(after.occurrence, before.occurrence);
  // Another lesson (from the list, the Open field, a drop) starts before its first step.
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  EXPECT_EQ(f.app.view().step, -1);
  EXPECT_FALSE(f.app.input().playing);
  EXPECT_EQ(f.app.report().scrub_label, "before the first step");
  f.app.go_to(7);
  f.app.input().dropped.push_back(kLessons + "01_first_nursery.json");
  f.frames(2);
  EXPECT_EQ(f.app.view().step, -1);
  EXPECT_EQ(f.app.report().scrub_label, "before the first step");
  f.key(GLFW_KEY_RIGHT);
  EXPECT_EQ(f.app.report().scrub_label, "step 0 of " + std::to_string(f.app.last_step()));
}

// Type a path in the Open field and press Enter: the lesson opens, and Right, Space, Home
// and End drive playback at once, without a click elsewhere first.
TEST(Playback, TheKeysComeBackAfterTheOpenField) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(3);
  ASSERT_GT(testing::width(f.app.report().open_field), 0.0f);
  f.click(centre(f.app.report().open_field));
  ASSERT_TRUE(text_field_active());
  f.type((kLessons + "05_blocking_call_freezes_everyone.json").c_str());
  // While the field is being edited, the arrows and Space are the field's.
  f.key(GLFW_KEY_RIGHT);
  f.key(GLFW_KEY_SPACE);
  EXPECT_EQ(f.app.view().step, -1);
  f.key(GLFW_KEY_BACKSPACE);  // the space typed above
  f.key(GLFW_KEY_ENTER);
  ASSERT_NE(f.app.doc().path().find("05_blocking_call_freezes_everyone.json"), std::string::npos)
      << (f.app.doc().problems().empty() ? "" : f.app.doc().problems().lines().front());
  f.frame();  // Dear ImGui says whether a field wants the keyboard as of the frame before
  EXPECT_FALSE(text_field_active());
  f.key(GLFW_KEY_RIGHT);
  f.key(GLFW_KEY_RIGHT);
  EXPECT_EQ(f.app.view().step, 1);
  f.key(GLFW_KEY_END);
  EXPECT_EQ(f.app.view().step, f.app.last_step());
  f.key(GLFW_KEY_HOME);
  EXPECT_EQ(f.app.view().step, -1);
  f.key(GLFW_KEY_SPACE);
  EXPECT_TRUE(f.app.input().playing);
}

// A loop that never ends, stopped by its event limit: the banner is there from the first
// frame, and its numbers are the ones the screen shows.
TEST(Playback, ARunThatDidNotFinishSaysSoAtOnce) {
  const std::string path = ::testing::TempDir() + "endless_loop.json";
  std::ofstream(path) << R"({"version": 1, "functions": {"main": {"body": [)"
                      << R"({"repeat": 100000000, "as": "i", "body": [{"checkpoint": true}]}]}}, "main": "main"})";
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.doc().open_text("{\"version\": 1, \"functions\": {\"main\": {\"body\": [{\"sleep\": 1}]}}, \"main\": \"main\"}",
                                  "tiny.json"));
  // The budget is the app's safety limit, not a lesson's setting: it stays when the next
  // lesson is opened.
  document::RunChoice budget;
  budget.event_budget = 3000;
  f.app.doc().set_choice(budget);
  ASSERT_TRUE(f.app.open(path)) << f.app.doc().problems().lines().front();
  f.frames(2);
  ASSERT_EQ(f.app.doc().run()->end, trio::RunEnd::budget_exhausted);
  EXPECT_EQ(f.app.view().step, -1);
  const std::string& banner = f.app.report().run_banner;
  const std::string last = view::thousands(static_cast<std::size_t>(f.app.last_step()));
  EXPECT_NE(banner.find("did not finish"), std::string::npos) << banner;
  EXPECT_NE(banner.find("stopped at step " + last), std::string::npos) << banner;
  EXPECT_NE(banner.find("its event limit"), std::string::npos) << banner;  // which limit stopped it
  // The last step's caption uses the same number, once.
  f.app.go_to(f.app.last_step());
  f.frames(1);
  const std::string& caption = f.app.caption();
  EXPECT_NE(caption.find("stopped at step " + last), std::string::npos) << caption;
  EXPECT_EQ(caption.find("3000"), std::string::npos) << caption;
  std::remove(path.c_str());
}

// A bad file from the command line: the first lesson is opened, and the banner says so.
TEST(Playback, ABadFileOnTheCommandLineOpensTheFirstLessonAndSaysSo) {
  Frames f(1600, 1000, 1.0f);
  EXPECT_FALSE(f.app.open_or(kLessons + "no_such_lesson.json", kLessons + "01_first_nursery.json"));
  f.frames(2);
  EXPECT_NE(f.app.doc().path().find("01_first_nursery.json"), std::string::npos);
  const std::string& banner = f.app.report().error_banner;
  EXPECT_NE(banner.find("no_such_lesson.json"), std::string::npos) << banner;
  EXPECT_NE(banner.find("The first lesson was opened instead."), std::string::npos) << banner;
  EXPECT_EQ(banner.find("unchanged"), std::string::npos) << banner;
  // A bad file opened later leaves the lesson on screen, and says that.
  EXPECT_FALSE(f.app.open(kLessons + "no_such_lesson_either.json"));
  f.frames(1);
  EXPECT_NE(f.app.report().error_banner.find("The lesson on screen is unchanged."), std::string::npos);
}

// A presentation clicker sends PageDown / PageUp; with Shift they jump between the
// teaching moments (view/key_steps). A tap shorter than a frame still counts: keys are
// queued as the window reports them, not read as "down this frame".
TEST(Playback, ClickerKeysStepAndJumpToTeachingMoments) {
  Frames f(1280, 720, 1.5f);
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  f.key(GLFW_KEY_PAGE_DOWN);
  EXPECT_EQ(f.app.view().step, 0);
  f.key(GLFW_KEY_PAGE_DOWN);
  EXPECT_EQ(f.app.view().step, 1);
  f.key(GLFW_KEY_PAGE_UP);
  EXPECT_EQ(f.app.view().step, 0);
  const auto keys = view::key_steps(*f.app.doc().trace());
  ASSERT_GE(keys.size(), 3u);
  f.key(GLFW_KEY_PAGE_DOWN, false, /*shift=*/true);
  EXPECT_EQ(f.app.view().step, keys[0].step > 0 ? keys[0].step : keys[1].step);
  const std::int32_t at = f.app.view().step;
  f.key(GLFW_KEY_PAGE_DOWN, false, true);
  EXPECT_GT(f.app.view().step, at);
  f.key(GLFW_KEY_PAGE_UP, false, true);
  EXPECT_EQ(f.app.view().step, at);
  // A tap that went down and up between two frames: ImGui never saw it down.
  const std::int32_t before = f.app.view().step;
  f.app.input().keys.push_back({GLFW_KEY_RIGHT, 0, false});
  f.frame();
  EXPECT_EQ(f.app.view().step, before + 1);
}

// F1 shows the keys and the legend; Esc closes it, then the lessons over the tree, and
// last leaves presentation mode.
TEST(Playback, EscapeClosesTheInnermostThing) {
  Frames f(1280, 720, 1.5f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(2);
  f.key(GLFW_KEY_F1);
  EXPECT_TRUE(f.app.input().help);
  f.app.input().lessons_over = true;
  f.app.input().fullscreen = true;
  f.key(GLFW_KEY_ESCAPE);
  EXPECT_FALSE(f.app.input().help);
  EXPECT_TRUE(f.app.input().lessons_over);
  f.key(GLFW_KEY_ESCAPE);
  EXPECT_FALSE(f.app.input().lessons_over);
  EXPECT_FALSE(f.app.requests().toggle_fullscreen);
  f.app.input().keys.push_back({GLFW_KEY_ESCAPE, 0, false});
  f.frame();
  EXPECT_TRUE(f.app.requests().toggle_fullscreen) << "the last Esc leaves presentation mode";
}

}  // namespace
}  // namespace trioscope::gui
