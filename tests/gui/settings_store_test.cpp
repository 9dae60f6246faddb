// The app's settings file: round trip, forgiving reads, atomic writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "gui/settings_store.hpp"

namespace trioscope::gui {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const char* name) {
  fs::path d = fs::temp_directory_path() / (std::string("trioscope_settings_") + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

TEST(SettingsStore, WhatIsSavedIsReadBack) {
  const fs::path dir = temp_dir("roundtrip");
  const std::string path = (dir / "nested" / "app.ini").string();
  Preferences vs;
  vs.theme = view::Theme::dark;
  vs.ui_scale = 1.75f;
  vs.anim_seconds = 1.25f;
  vs.side_width = 0.4f;
  vs.show_lessons = false;
  vs.window = {12, 34, 1280, 720, false};
  vs.last_file = "/tmp/some lesson.json";
  ASSERT_TRUE(save_settings(path, vs));

  Preferences back;
  ASSERT_TRUE(load_settings(path, back));
  EXPECT_EQ(back.theme, view::Theme::dark);
  EXPECT_FLOAT_EQ(back.ui_scale, 1.75f);
  EXPECT_FLOAT_EQ(back.anim_seconds, 1.25f);
  EXPECT_FLOAT_EQ(back.side_width, 0.4f);
  EXPECT_FALSE(back.show_lessons);
  EXPECT_EQ(back.window.x, 12);
  EXPECT_EQ(back.window.width, 1280);
  EXPECT_EQ(back.last_file, "/tmp/some lesson.json");
  // Nothing but the file is left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir / "nested")) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  fs::remove_all(dir);
}

TEST(SettingsStore, ReadingIsForgiving) {
  const fs::path dir = temp_dir("forgiving");
  fs::create_directories(dir);
  const std::string path = (dir / "app.ini").string();
  std::ofstream(path) << "ui_scale=99\nnonsense line\nunknown_key=3\nside_width=abc\nwindow_width=-5\n";
  Preferences vs;
  ASSERT_TRUE(load_settings(path, vs));
  EXPECT_FLOAT_EQ(vs.ui_scale, kScaleMax);   // clamped
  EXPECT_FLOAT_EQ(vs.side_width, Preferences{}.side_width);  // unreadable: default kept
  EXPECT_EQ(vs.window.width, 320);           // clamped to the smallest window
  EXPECT_FALSE(load_settings((dir / "missing.ini").string(), vs));
  fs::remove_all(dir);
}

TEST(SettingsStore, AFailedWriteLeavesTheOldFileAlone) {
  const fs::path dir = temp_dir("failed");
  fs::create_directories(dir);
  const std::string path = (dir / "app.ini").string();
  Preferences vs;
  ASSERT_TRUE(save_settings(path, vs));
  const std::string before = settings_text(vs);
  // A path under a regular file: its folder cannot be made, so nothing can be written.
  const std::string impossible = (dir / "app.ini" / "deeper.ini").string();
  vs.ui_scale = 2;
  EXPECT_FALSE(save_settings(impossible, vs));
  std::ifstream in(path);
  const std::string now((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(now, before);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace trioscope::gui
