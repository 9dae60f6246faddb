// The editor in the app's own frames: keys and characters go in as the window sends them
// (the queue GLFW's callbacks fill), the mouse through Dear ImGui, and what the app does
// is read back from the document, the files and the frame report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "edit/autosave.hpp"
#include "frame_harness.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;
using testing::read;
using testing::TempDir;
namespace fs = std::filesystem;

double b_wakes(const document::Document& doc) {
  for (const auto& e : doc.trace()->events)
    if (e.kind == trio::EventKind::print && doc.trace()->text(e) == "Child B is awake!") return e.time;
  return -1;
}

// Clicks into the code editor and goes to `line` with Ctrl+G, as a user would.
void go_to_line(Frames& f, int line) {
  const ImVec4 r = f.app.report().editor;
  f.click(testing::centre(r));
  ASSERT_TRUE(f.app.input().editor_focused) << "a click in the code gives it the keyboard";
  f.key(GLFW_KEY_G, /*ctrl=*/true);
  f.frames(2);  // the line-number field takes the keyboard in the next frame, as Dear ImGui focuses
  f.type(std::to_string(line).c_str());
  f.key(GLFW_KEY_ENTER);
  f.frames(2);
  ASSERT_TRUE(f.app.input().editor_focused);
}

// Lesson 01, child B's sleep made 5 s by typing in the Python view.
TEST(Editor, TypingChangesTheRunAfterAPause) {
  TempDir d;
  const fs::path lesson = d.path / "lesson.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(3);
  EXPECT_EQ(b_wakes(f.app.doc()), 1.0);
  go_to_line(f, 19);  // nursery.start_soon(child, "B", 1)
  f.key(GLFW_KEY_END);
  f.key(GLFW_KEY_LEFT);
  f.key(GLFW_KEY_BACKSPACE);
  f.chars("5");
  f.frames(3);
  EXPECT_EQ(b_wakes(f.app.doc()), 1.0) << "not while typing";
  EXPECT_NE(f.app.window_title().find("\xE2\x80\xA2"), std::string::npos) << "the title says there are unsaved changes";
  f.pause();
  EXPECT_EQ(b_wakes(f.app.doc()), 5.0);
  EXPECT_NE(f.app.doc().text().find("\"B\", 5"), std::string::npos) << "the file's JSON follows";
  // Space typed in the editor is a space, not Play.
  f.key(GLFW_KEY_SPACE);
  f.chars(" ");
  EXPECT_FALSE(f.app.input().playing);
  // Esc gives the keyboard back to playback.
  f.key(GLFW_KEY_ESCAPE);
  EXPECT_FALSE(f.app.input().editor_focused);
  f.key(GLFW_KEY_SPACE);
  EXPECT_TRUE(f.app.input().playing);
}

TEST(Editor, AnErrorIsListedAtItsLineAndUndoRestoresTheText) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "01_first_nursery.json"));
  f.frames(3);
  const std::string text = f.app.doc().text();
  const auto events = f.app.doc().trace()->events.size();
  go_to_line(f, 11);  // await trio.sleep(sleep_time)
  f.key(GLFW_KEY_END);
  f.chars("(");
  f.pause();
  ASSERT_FALSE(f.app.report().code_problems.empty());
  EXPECT_EQ(f.app.report().code_problems.front().rfind("11:", 0), 0u) << f.app.report().code_problems.front();
  EXPECT_EQ(f.app.doc().trace()->events.size(), events) << "the last run that worked stays";
  EXPECT_TRUE(f.app.report().error_banner.empty()) << "the lesson's own problems are the code panel's, not a banner";
  const std::vector<std::string> marked = f.app.report().stale_marks;
  EXPECT_NE(std::find(marked.begin(), marked.end(), "tree"), marked.end()) << "the tree says its run is out of date";
  EXPECT_NE(std::find(marked.begin(), marked.end(), "timeline"), marked.end()) << "so does the timeline";
  // Ctrl+Z takes the typing back; the problem is gone.
  f.key(GLFW_KEY_Z, /*ctrl=*/true);
  f.pause();
  EXPECT_TRUE(f.app.report().code_problems.empty());
  EXPECT_TRUE(f.app.report().stale_marks.empty());
  EXPECT_EQ(f.app.doc().text(), text);
  EXPECT_TRUE(f.app.doc().problems().empty());
}

TEST(Editor, SavingWritesTheFileAndABundledLessonAsksWhere) {
  TempDir d;
  const fs::path lesson = d.path / "mine.py";
  Frames f(1600, 1000, 1.0f);
  // A Python lesson of one's own.
  ASSERT_TRUE(f.app.open(testing::kLessons + "01_first_nursery.json"));
  std::ofstream(lesson) << f.app.doc().listing();
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(3);
  EXPECT_EQ(f.app.session().file_view(), scenario::SourceKind::python);
  go_to_line(f, 20);  // nursery.start_soon(child, "C", 2)
  f.key(GLFW_KEY_END);
  f.key(GLFW_KEY_LEFT);
  f.key(GLFW_KEY_BACKSPACE);
  f.chars("7");
  f.key(GLFW_KEY_S, /*ctrl=*/true);  // saves what was typed, pause or not
  f.frames(3);
  EXPECT_NE(read(lesson).find("nursery.start_soon(child, \"C\", 7)"), std::string::npos) << read(lesson);
  EXPECT_EQ(f.app.window_title().find("\xE2\x80\xA2"), std::string::npos) << f.app.window_title();
  EXPECT_NE(f.app.report().message.find("Saved"), std::string::npos);

  // A bundled lesson is never written: Save asks where (the app's file browser here).
  ASSERT_TRUE(f.app.open(testing::kLessons + "02_child_trips_loose_groups.json"));
  f.frames(2);
  f.key(GLFW_KEY_S, /*ctrl=*/true);
  f.frames(3);
  EXPECT_TRUE(f.app.report().file_dialog);
  f.key(GLFW_KEY_ESCAPE);
  f.frames(2);
  EXPECT_FALSE(f.app.report().file_dialog);
}

TEST(Editor, UnsavedChangesAreGuardedWhenAnotherLessonOpens) {
  TempDir d;
  const fs::path lesson = d.path / "lesson.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(2);
  go_to_line(f, 16);
  f.chars("x");
  f.key(GLFW_KEY_ESCAPE);
  // Another lesson from the lessons list.
  f.app.input().open_requests.push_back(testing::kLessons + "02_child_trips_loose_groups.json");
  f.frames(3);
  EXPECT_NE(f.app.report().dialog.find("Save the changes to lesson.json"), std::string::npos) << f.app.report().dialog;
  EXPECT_EQ(f.app.doc().path(), lesson.string()) << "nothing happens before the answer";
  ASSERT_TRUE(f.press("Cancel"));
  f.frames(2);
  EXPECT_EQ(f.app.doc().path(), lesson.string());
  EXPECT_TRUE(f.app.report().dialog.empty());
  // Asked again: don't save.
  f.app.input().open_requests.push_back(testing::kLessons + "02_child_trips_loose_groups.json");
  f.frames(3);
  ASSERT_TRUE(f.press("Don't save"));
  f.frames(2);
  EXPECT_EQ(f.app.doc().path(), testing::kLessons + "02_child_trips_loose_groups.json");
  EXPECT_EQ(read(lesson), read(testing::kLessons + "01_first_nursery.json")) << "the file was not written";
  // Quit with unsaved changes asks too; Save writes them, then quits.
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(2);
  go_to_line(f, 19);  // nursery.start_soon(child, "B", 1): B sleeps 7 s
  f.key(GLFW_KEY_END);
  f.key(GLFW_KEY_LEFT);
  f.key(GLFW_KEY_BACKSPACE);
  f.chars("7");
  f.key(GLFW_KEY_ESCAPE);
  EXPECT_FALSE(f.app.may_close());
  f.frames(2);
  ASSERT_TRUE(f.press("Save"));
  f.frames(3);
  EXPECT_TRUE(f.app.requests().quit) << f.app.report().message;
  EXPECT_NE(read(lesson).find("\"B\", 7"), std::string::npos) << read(lesson);
}

// Python typed into a JSON lesson that does not read is not in the file's text yet: Save
// says so rather than writing the file without it.
TEST(Editor, SaveRefusesAnEditThatDoesNotReadYet) {
  TempDir d;
  const fs::path lesson = d.path / "lesson.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(2);
  go_to_line(f, 16);
  f.chars("x");  // "x    print(...)": not Python
  f.key(GLFW_KEY_S, /*ctrl=*/true);
  f.frames(3);
  EXPECT_NE(f.app.report().message.find("Could not save"), std::string::npos) << f.app.report().message;
  EXPECT_NE(f.app.report().message.find("line 16"), std::string::npos) << f.app.report().message;
  EXPECT_EQ(read(lesson), read(testing::kLessons + "01_first_nursery.json"));
  EXPECT_TRUE(f.app.session().unsaved(f.app.doc())) << "the edit is kept";
  // Undone, the lesson saves (and there is nothing new to write).
  f.click(testing::centre(f.app.report().editor));
  f.key(GLFW_KEY_Z, /*ctrl=*/true);
  f.pause();
  f.key(GLFW_KEY_S, /*ctrl=*/true);
  f.frames(3);
  EXPECT_EQ(f.app.report().message.find("Could not save"), std::string::npos) << f.app.report().message;
}

TEST(Editor, DraggingASleepOnTheTimelineChangesItAndSaving) {
  TempDir d;
  const fs::path lesson = d.path / "drag.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.app.go_to(f.app.last_step());
  f.frames(4);
  std::int32_t b = -1;
  for (const auto& t : f.app.doc().trace()->tasks)
    if (t.label == "child('B', 1)") b = t.id;
  ASSERT_GE(b, 0);
  const FrameReport::SleepEnd* end = nullptr;
  for (const auto& s : f.app.report().sleep_ends)
    if (s.task == b) end = &s;
  ASSERT_NE(end, nullptr) << "B's sleep can be dragged";
  // A second on the axis, in pixels: from where A's (3 s) and B's (1 s) sleeps end.
  float a_x = 0;
  for (const auto& s : f.app.report().sleep_ends)
    if (f.app.doc().trace()->tasks[s.task].label == "child('A', 3)") a_x = s.x;
  ASSERT_GT(a_x, end->x);
  const float per_second = (a_x - end->x) / 2;
  const ImVec2 from(end->x, end->y);
  f.drag(from, ImVec2(end->x + per_second * 4, end->y), 12);  // to t = 5
  f.frames(3);
  EXPECT_NEAR(b_wakes(f.app.doc()), 5.0, 0.3);
  ASSERT_NE(f.app.doc().text().find("\"B\", 5"), std::string::npos) << f.app.doc().text();
  // One undo step for the whole drag.
  f.key(GLFW_KEY_Z, true);
  f.frames(2);
  EXPECT_EQ(b_wakes(f.app.doc()), 1.0);
  f.key(GLFW_KEY_Y, true);
  f.frames(2);
  EXPECT_NEAR(b_wakes(f.app.doc()), 5.0, 0.3);
  f.key(GLFW_KEY_S, true);
  f.frames(2);
  EXPECT_NE(read(lesson).find("\"B\", 5"), std::string::npos) << "the saved file has the dragged sleep";
}

// A task picked on the timeline: a right-click on its lane's label opens the form on it.
TEST(Editor, ARightClickOnALaneOpensTheForm) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "01_first_nursery.json"));
  f.app.go_to(f.app.last_step());
  f.frames(3);
  const view::PaintedText* label = nullptr;
  for (const auto& t : f.app.report().timeline_texts)
    if (t.text == "child('C', 2)") label = &t;
  ASSERT_NE(label, nullptr);
  EXPECT_TRUE(f.app.report().dialog.empty());
  f.right_click(ImVec2((label->rect.x0 + label->rect.x1) / 2, (label->rect.y0 + label->rect.y1) / 2));
  f.frames(2);
  EXPECT_EQ(f.app.report().dialog, "Change");
}

TEST(Editor, TheFormChangesATaskAndAChildIsAdded) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "01_first_nursery.json"));
  f.frames(2);
  std::int32_t c = -1;
  for (const auto& t : f.app.doc().trace()->tasks)
    if (t.label == "child('C', 2)") c = t.id;
  f.app.input().change = InputState::ChangeTarget{.task = c};
  f.frames(3);
  EXPECT_EQ(f.app.report().dialog, "Change");
  // The nursery: a child added, which runs.
  f.app.input().change = InputState::ChangeTarget{.nursery = 0};
  f.frames(3);
  ASSERT_TRUE(f.press("Add a child"));
  f.frames(3);
  EXPECT_EQ(f.app.doc().trace()->tasks.size(), 5u);
  EXPECT_TRUE(f.app.session().unsaved(f.app.doc()));
  f.key(GLFW_KEY_Z, true);
  f.frames(2);
  EXPECT_EQ(f.app.doc().trace()->tasks.size(), 4u);
}

TEST(Editor, AChangeOnDiskIsReadAgainOrAsked) {
  TempDir d;
  const fs::path lesson = d.path / "watched.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.frames(2);
  std::string theirs = read(lesson);
  theirs.replace(theirs.find("\"B\", 1"), 6, "\"B\", 4");
  std::ofstream(lesson) << theirs;
  fs::last_write_time(lesson, fs::last_write_time(lesson) + std::chrono::seconds(3));
  f.frames(70);  // the file is looked at every second
  EXPECT_EQ(b_wakes(f.app.doc()), 4.0) << "no edits here: read again";
  EXPECT_NE(f.app.report().message.find("changed on disk"), std::string::npos);
  // With edits, it asks.
  go_to_line(f, 16);
  f.chars("z");
  f.key(GLFW_KEY_ESCAPE);
  f.pause();
  theirs.replace(theirs.find("\"A\", 3"), 6, "\"A\", 6");
  std::ofstream(lesson) << theirs;
  fs::last_write_time(lesson, fs::last_write_time(lesson) + std::chrono::seconds(6));
  f.frames(70);
  EXPECT_NE(f.app.report().dialog.find("changed on disk"), std::string::npos) << f.app.report().dialog;
  ASSERT_TRUE(f.press("Keep mine"));
  f.frames(70);
  EXPECT_TRUE(f.app.report().dialog.empty()) << "not asked again for the same version: " << f.app.report().dialog;
  EXPECT_TRUE(f.app.session().unsaved(f.app.doc()));
}

TEST(Editor, EditsComeBackAfterACrash) {
  TempDir state, d;
  ::setenv("TRIOSCOPE_STATE_DIR", state.path.c_str(), 1);
  const fs::path lesson = d.path / "crash.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  {
    Frames f(1600, 1000, 1.0f);
    ASSERT_TRUE(f.app.open(lesson.string()));
    f.frames(2);
    go_to_line(f, 19);
    f.key(GLFW_KEY_END);
    f.key(GLFW_KEY_LEFT);
    f.key(GLFW_KEY_BACKSPACE);
    f.chars("5");
    f.frames(200);  // autosave runs every few seconds
    ASSERT_FALSE(edit::read_autosaves(edit::autosave_dir()).empty()) << "an autosave was written";
    // ...and the app is gone without saving (its destructor writes nothing).
  }
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "03_child_trips_strict_groups.json"));
  f.app.files().offer_recovery();
  f.frames(3);
  EXPECT_NE(f.app.report().dialog.find("closed without saving"), std::string::npos) << f.app.report().dialog;
  ASSERT_TRUE(f.press("Recover"));
  f.frames(3);
  EXPECT_EQ(fs::path(f.app.doc().path()), lesson);
  EXPECT_EQ(b_wakes(f.app.doc()), 5.0);
  EXPECT_TRUE(f.app.session().unsaved(f.app.doc()));
  EXPECT_EQ(read(lesson), read(testing::kLessons + "01_first_nursery.json"));
  ::setenv("TRIOSCOPE_STATE_DIR", "none", 1);
}

}  // namespace
}  // namespace trioscope::gui
