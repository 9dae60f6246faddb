// Autosave and recovery without a window: edits copied to the state folder come back
// after the process that made them is gone; a lesson saved since is not offered.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "document/document.hpp"
#include "edit/autosave.hpp"

namespace trioscope::edit {
namespace {

namespace fs = std::filesystem;
const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

struct TempDir {
  TempDir() {
    std::string t = (fs::temp_directory_path() / "trioscope-auto-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Autosave, TheStateFolderFollowsTheEnvironment) {
  const char* old = std::getenv("TRIOSCOPE_STATE_DIR");
  const std::string keep = old ? old : "";
  ::setenv("TRIOSCOPE_STATE_DIR", "none", 1);
  EXPECT_EQ(autosave_dir(), "");
  ::setenv("TRIOSCOPE_STATE_DIR", "/tmp/x", 1);
  EXPECT_EQ(autosave_dir(), "/tmp/x/autosave");
  ::unsetenv("TRIOSCOPE_STATE_DIR");
  const char* xdg = std::getenv("XDG_STATE_HOME");
  const std::string keep_xdg = xdg ? xdg : "";
  ::setenv("XDG_STATE_HOME", "/tmp/state", 1);
  EXPECT_EQ(autosave_dir(), "/tmp/state/trioscope/autosave");
  ::unsetenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  const std::string keep_home = home ? home : "";
  ::setenv("HOME", "/home/teacher", 1);
  EXPECT_EQ(autosave_dir(), "/home/teacher/.local/state/trioscope/autosave");
  if (!keep_home.empty()) ::setenv("HOME", keep_home.c_str(), 1);
  if (!keep_xdg.empty()) ::setenv("XDG_STATE_HOME", keep_xdg.c_str(), 1);
  if (!keep.empty()) ::setenv("TRIOSCOPE_STATE_DIR", keep.c_str(), 1);
}

TEST(Autosave, EditsComeBackAfterACrash) {
  TempDir state, work;
  const fs::path lesson = work.path / "lesson.json";
  fs::copy_file(kLessons + "01_first_nursery.json", lesson);
  std::string edited;
  {
    // The session that crashes: it edits and autosaves, and never saves.
    document::Document doc;
    ASSERT_TRUE(doc.open_file(lesson.string()));
    edited = doc.text();
    edited.replace(edited.find("\"B\", 1"), 6, "\"B\", 5");
    ASSERT_TRUE(doc.set_text(edited));
    Autosave a;
    a.path = doc.path();
    a.name = "lesson.json";
    a.kind = doc.kind();
    a.text = doc.text();
    const auto w = write_autosave(state.path.string(), a);
    ASSERT_TRUE(w.ok) << w.error;
    EXPECT_TRUE(fs::exists(a.file));
  }
  // The next start.
  const auto offers = recoverable(state.path.string());
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].path, fs::absolute(lesson).string());
  EXPECT_EQ(offers[0].text, edited);
  EXPECT_GT(offers[0].saved_at, 0);
  document::Document doc;
  ASSERT_TRUE(doc.open_file(offers[0].path));
  ASSERT_TRUE(doc.set_text(offers[0].text));
  EXPECT_TRUE(doc.modified()) << "recovered edits are unsaved edits";
  EXPECT_EQ(read(lesson), read(kLessons + "01_first_nursery.json")) << "the file itself is untouched";
}

TEST(Autosave, ALessonSavedSinceIsNotOfferedAndUntitledOnesAre) {
  TempDir state, work;
  const fs::path lesson = work.path / "saved.json";
  fs::copy_file(kLessons + "01_first_nursery.json", lesson);
  Autosave same;
  same.path = lesson.string();
  same.name = "saved.json";
  same.text = read(lesson);
  ASSERT_TRUE(write_autosave(state.path.string(), same).ok);
  Autosave untitled;
  untitled.name = "Untitled.py";
  untitled.kind = scenario::SourceKind::python;
  untitled.text = "import trio\n";
  ASSERT_TRUE(write_autosave(state.path.string(), untitled).ok);
  EXPECT_NE(same.file, untitled.file);
  // Something that is not an autosave, and a broken one.
  std::ofstream(state.path / "notes.txt") << "hello";
  std::ofstream(state.path / "broken.autosave.json") << "{\"trioscope_autosave\": 1, \"text\": ";
  const auto offers = recoverable(state.path.string());
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].name, "Untitled.py");
  EXPECT_EQ(offers[0].kind, scenario::SourceKind::python);
  EXPECT_FALSE(fs::exists(same.file)) << "the autosave of a saved lesson is cleaned up";
  remove_autosave(offers[0].file);
  EXPECT_TRUE(recoverable(state.path.string()).empty());
}

TEST(Autosave, AnAutosaveThatCannotBeWrittenSaysWhy) {
  TempDir work;
  const fs::path file = work.path / "a-file";
  std::ofstream(file) << "x";
  Autosave a;
  a.name = "x.json";
  a.text = "{}";
  const auto w = write_autosave((file / "autosave").string(), a);  // a folder under a file
  EXPECT_FALSE(w.ok);
  EXPECT_FALSE(w.error.empty());
}

}  // namespace
}  // namespace trioscope::edit
