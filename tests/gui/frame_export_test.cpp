// File → Export… in the app's own frames: the window opens on what the screen shows, the
// export runs on its thread while frames go on, a file already there is replaced only
// after asking, and a cancelled export writes nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>

#include "frame_harness.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;
using testing::read;
using testing::TempDir;
namespace fs = std::filesystem;

// Frames until the export is no longer running (the thread works in real time).
void wait_for_export(Frames& f) {
  for (int i = 0; i < 3000 && f.app.export_dialog().running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    f.frame();
  }
  f.frames(2);
}

TEST(Export, CtrlEWritesTheStepOnScreenAndAsksBeforeReplacingIt) {
  TempDir d;
  const fs::path lesson = d.path / "lesson.json";
  fs::copy_file(testing::kLessons + "01_first_nursery.json", lesson);
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson.string()));
  f.app.go_to(7);
  f.frames(2);
  f.key(GLFW_KEY_E, /*ctrl=*/true);
  f.frames(2);
  ASSERT_EQ(f.app.report().export_state, "ready");
  EXPECT_EQ(f.app.export_dialog().out(), (d.path / "lesson-step7.png").string()) << "beside the lesson, named for its step";
  EXPECT_GE(f.app.report().export_previews + 1, 1);
  const fs::path out = f.app.export_dialog().out();
  ASSERT_TRUE(f.press("Export"));
  wait_for_export(f);
  ASSERT_TRUE(fs::exists(out));
  EXPECT_EQ(read(out).substr(1, 3), "PNG");
  EXPECT_TRUE(f.app.report().export_state.empty()) << "the window closes when done";
  EXPECT_NE(f.app.report().message.find("Exported " + out.string()), std::string::npos) << f.app.report().message;

  // Again, to the same file: it asks; Cancel leaves the file as it is.
  std::ofstream(out, std::ios::binary) << "mine";
  f.key(GLFW_KEY_E, /*ctrl=*/true);
  f.frames(2);
  EXPECT_EQ(f.app.export_dialog().out(), out.string());
  ASSERT_TRUE(f.press("Export"));
  f.frames(2);
  EXPECT_NE(f.app.report().dialog.find("Replace " + out.string()), std::string::npos) << f.app.report().dialog;
  ASSERT_TRUE(f.press("Cancel"));
  f.frames(2);
  EXPECT_EQ(read(out), "mine");
  // Replace writes it.
  ASSERT_TRUE(f.press("Export"));
  f.frames(2);
  ASSERT_TRUE(f.press("Replace"));
  wait_for_export(f);
  EXPECT_EQ(read(out).substr(1, 3), "PNG");
}

TEST(Export, ACancelledDeckWritesNothing) {
  TempDir d;
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "03_child_trips_strict_groups.json"));
  f.frames(2);
  f.key(GLFW_KEY_E, /*ctrl=*/true);
  f.frames(2);
  ExportDialog& dialog = f.app.export_dialog();
  EXPECT_EQ(dialog.out().rfind(std::getenv("HOME") ? std::getenv("HOME") : "", 0), 0u)
      << "a bundled lesson's folder is not where exports go: " << dialog.out();
  dialog.set_format(exporting::Format::deck);
  dialog.options().steps = exporting::StepChoice::all;
  dialog.options().threads = 1;
  const fs::path out = d.path / "slides";
  dialog.out() = out.string();
  f.frames(2);  // the form as the deck has it (its button moves down)
  ASSERT_TRUE(f.press("Export"));
  EXPECT_TRUE(dialog.running()) << f.app.report().export_state << " / " << f.app.report().message;
  ASSERT_TRUE(f.press("Cancel"));
  wait_for_export(f);
  EXPECT_FALSE(fs::exists(out)) << "nothing is written";
  EXPECT_NE(f.app.report().export_state.find("Cancelled"), std::string::npos) << f.app.report().export_state;
}

TEST(Export, AFolderThatCannotBeWrittenSaysSo) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(testing::kLessons + "01_first_nursery.json"));
  f.frames(2);
  f.key(GLFW_KEY_E, /*ctrl=*/true);
  f.frames(2);
  f.app.export_dialog().out() = "/nonexistent-folder/x.png";
  ASSERT_TRUE(f.press("Export"));
  f.frames(2);
  EXPECT_FALSE(f.app.export_dialog().running());
  EXPECT_NE(f.app.report().export_state.find("/nonexistent-folder"), std::string::npos) << f.app.report().export_state;
}

}  // namespace
}  // namespace trioscope::gui
