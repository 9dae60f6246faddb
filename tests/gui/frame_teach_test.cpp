// The teaching mode through the app's own frames: Predict stops playback before each key
// moment and takes 1-4 and Space; P does nothing while a text field has the keyboard; a
// click on a task opens "Why?" for it, W for the step; the question fits projector windows.
#include <gtest/gtest.h>

#include "document/step_spec.hpp"
#include "frame_harness.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {
namespace {

using testing::centre;
using testing::Frames;
using testing::kLessons;

bool inside(const ImVec4& r, float w, float h) { return r.x >= 0 && r.y >= 0 && r.z <= w && r.w <= h && r.z > r.x; }

// Lesson 03 in Predict, as a class plays it: Space plays, playback stops at each question,
// a key chooses, Space reveals, Space plays on; every question of the run is met in order.
TEST(Teach, PredictStopsAtEveryQuestionOfLessonThree) {
  Frames f(1920, 1080, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  f.key(GLFW_KEY_P);
  ASSERT_TRUE(f.app.input().predict);
  const auto& qs = f.app.teaching().data().questions;
  ASSERT_GE(qs.size(), 4u);
  f.app.prefs().speed = 30;
  f.key(GLFW_KEY_SPACE);
  ASSERT_TRUE(f.app.input().playing);
  for (const teach::Question& q : qs) {
    for (int i = 0; i < 600 && f.app.input().playing; ++i) f.frame();
    ASSERT_FALSE(f.app.input().playing);
    ASSERT_EQ(f.app.view().step, q.stop) << q.prompt;
    EXPECT_TRUE(f.app.report().predict_shown);
    EXPECT_EQ(f.app.report().predict_prompt, q.prompt);
    EXPECT_FALSE(f.app.report().predict_revealed);
    // Space while the question waits reveals; it does not play on.
    f.key(GLFW_KEY_1 + static_cast<int>(q.answer));
    EXPECT_EQ(f.app.teaching().answer(q.stop).chosen, static_cast<int>(q.answer));
    f.key(GLFW_KEY_SPACE);
    EXPECT_FALSE(f.app.input().playing);
    EXPECT_TRUE(f.app.report().predict_revealed);
    EXPECT_EQ(f.app.view().step, q.stop);
    f.key(GLFW_KEY_SPACE);  // and now plays on, into the key moment
    EXPECT_TRUE(f.app.input().playing);
  }
  for (int i = 0; i < 600 && f.app.input().playing; ++i) f.frame();
  EXPECT_EQ(f.app.view().step, f.app.last_step());
  // P again: no more questions.
  f.key(GLFW_KEY_P);
  EXPECT_FALSE(f.app.input().predict);
  f.key(GLFW_KEY_HOME);
  f.app.go_to(qs[0].stop);
  f.frames(2);
  EXPECT_FALSE(f.app.report().predict_shown);
}

TEST(Teach, PIsTheFieldsWhileItHasTheKeyboard) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(3);
  f.click(centre(f.app.report().open_field));
  ASSERT_TRUE(text_field_active());
  f.type("p");
  f.key(GLFW_KEY_P);
  EXPECT_FALSE(f.app.input().predict);
  f.key(GLFW_KEY_W);
  EXPECT_EQ(f.app.input().why_event, -1);
  f.key(GLFW_KEY_ESCAPE);
  f.click(ImVec2(5, 990));  // away from the field
  f.frames(2);
  ASSERT_FALSE(text_field_active());
  f.key(GLFW_KEY_P);
  EXPECT_TRUE(f.app.input().predict);
}

// The code is an editor: while it has the keyboard, P and W are letters of the program.
TEST(Teach, PIsTheEditorsWhileItHasTheKeyboard) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(3);
  const std::string before = f.app.session().editor(edit::EditSession::View::python).text();
  f.click(centre(f.app.report().code));
  f.frames(1);
  ASSERT_TRUE(f.app.input().editor_focused);
  // As GLFW reports a letter: the key, then the character it typed.
  for (int k : {GLFW_KEY_P, GLFW_KEY_W}) {
    f.app.input().keys.push_back({0, 0, false, static_cast<unsigned>(k == GLFW_KEY_P ? 'p' : 'w')});
    f.key(k);
  }
  f.frames(1);
  EXPECT_FALSE(f.app.input().predict);
  EXPECT_EQ(f.app.input().why_event, -1);
  EXPECT_EQ(f.app.session().editor(edit::EditSession::View::python).text().size(), before.size() + 2);
  // A click on the tree gives the keyboard back to the app.
  f.click(ImVec2(f.app.report().tree.x + 5, f.app.report().tree.w - 5));
  f.frames(2);
  ASSERT_FALSE(f.app.input().editor_focused);
  f.key(GLFW_KEY_P);
  EXPECT_TRUE(f.app.input().predict);
}

TEST(Teach, TheQuestionFitsProjectorWindows) {
  for (auto [w, h, scale] : {std::tuple{1920, 1080, 1.0f}, std::tuple{1280, 720, 1.5f}, std::tuple{1920, 1080, 2.0f}}) {
    SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + " at " + std::to_string(scale));
    Frames f(w, h, scale);
    ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
    f.frames(2);
    f.key(GLFW_KEY_P);
    for (const teach::Question& q : f.app.teaching().data().questions) {
      for (bool reveal : {false, true}) {
        f.app.teaching().answer(q.stop).revealed = reveal;
        f.app.go_to(q.stop);
        f.frames(2);
        const FrameReport& r = f.app.report();
        ASSERT_TRUE(r.predict_shown);
        EXPECT_TRUE(r.predict_fits) << q.prompt;
        EXPECT_TRUE(inside(r.predict, static_cast<float>(w), static_cast<float>(h)));
        // Before the reveal the top of the tree stays in view, above the question.
        if (!reveal) {
          EXPECT_GT(r.predict.y, r.tree.y + 2 * 17 * scale) << q.prompt;
        }
      }
    }
  }
}

// A click on a task's box in the tree: "Why isn't it running?", following the step.
TEST(Teach, AClickOnATaskAsksWhy) {
  Frames f(1920, 1080, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(2);
  std::int32_t step = -1;
  ASSERT_TRUE(document::find_step(*f.app.doc().trace(), "sleeping:3", step));
  f.app.go_to(step);
  f.frames(3);
  const view::PaintedText* label = nullptr;
  for (const view::PaintedText& t : f.app.report().tree_texts)
    if (t.text == "child('A', 3)") label = &t;
  ASSERT_NE(label, nullptr);
  const ImVec2 at((label->rect.x0 + label->rect.x1) * 0.5f, (label->rect.y0 + label->rect.y1) * 0.5f);
  f.click(at);
  f.frames(2);
  ASSERT_GE(f.app.input().why_task, 0);
  EXPECT_EQ(view::task_label(*f.app.doc().trace(), f.app.input().why_task), "child('A', 3)");
  EXPECT_EQ(f.app.report().why_question, "Why isn't child('A', 3) running?");
  EXPECT_NE(f.app.report().why_answer.find("sleeping until t = 3.0"), std::string::npos) << f.app.report().why_answer;
  EXPECT_TRUE(inside(f.app.report().why, 1920, 1080));
  // The answer follows the step; Escape closes the window.
  f.key(GLFW_KEY_END);
  f.frames(1);
  EXPECT_NE(f.app.report().why_answer.find("finished"), std::string::npos) << f.app.report().why_answer;
  f.key(GLFW_KEY_ESCAPE);
  f.frames(1);
  EXPECT_EQ(f.app.input().why_task, -1);
  EXPECT_EQ(f.app.report().why_question, "");
}

TEST(Teach, WAsksWhyTheStepHappened) {
  Frames f(1280, 720, 1.5f);
  ASSERT_TRUE(f.app.open(kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  std::int32_t step = -1;
  ASSERT_TRUE(document::find_step(*f.app.doc().trace(), "cancel_delivered", step));
  f.app.go_to(step);
  f.frames(2);
  f.key(GLFW_KEY_W);
  EXPECT_EQ(f.app.input().why_event, step);
  f.frames(1);
  EXPECT_NE(f.app.report().why_answer.find("It goes back to step"), std::string::npos) << f.app.report().why_answer;
  EXPECT_NE(f.app.report().why_answer.find("raises ValueError"), std::string::npos);
  EXPECT_GE(f.app.report().why_links, 4);
  EXPECT_TRUE(inside(f.app.report().why, 1280, 720));
}

TEST(Teach, TheCodeMarginMarksTheLint) {
  Frames f(1920, 1080, 1.0f);
  ASSERT_TRUE(f.app.open(kLessons + "05_blocking_call_freezes_everyone.json"));
  f.frames(2);
  std::int32_t step = -1;
  ASSERT_TRUE(document::find_step(*f.app.doc().trace(), "blocking_ended", step));
  f.app.go_to(step);
  f.frames(3);
  EXPECT_EQ(f.app.report().lint_marks, 1);
  // On the line of the blocking call, in the program the editor shows.
  const auto& marks = f.app.teaching().data().marks;
  ASSERT_EQ(marks.size(), 1u);
  const std::string& text = f.app.session().editor(edit::EditSession::View::python).text();
  std::size_t at = 0;
  for (std::uint32_t l = 1; l < marks.begin()->first && at != std::string::npos; ++l) at = text.find('\n', at) + 1;
  EXPECT_EQ(text.substr(at, text.find('\n', at) - at).find("time.sleep(10)") != std::string::npos, true)
      << text.substr(at, text.find('\n', at) - at);
  EXPECT_EQ(f.app.caption().rfind("\xE2\x9A\xA0 ASYNC251: ", 0), 0u) << f.app.caption();
  // A lesson without lints has no marks.
  ASSERT_TRUE(f.app.open(kLessons + "01_first_nursery.json"));
  f.frames(3);
  EXPECT_EQ(f.app.report().lint_marks, 0);
}

}  // namespace
}  // namespace trioscope::gui
