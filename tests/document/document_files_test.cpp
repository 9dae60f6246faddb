// The document's file: saving (atomically, each way it can fail), Save As in the other
// format, untitled documents, noticing changes on disk, and the other view's text.
#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "document/atomic_file.hpp"
#include "document/document.hpp"

namespace trioscope::document {
namespace {

namespace fs = std::filesystem;
using scenario::SourceKind;

const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

struct TempDir {
  TempDir() {
    std::string t = (fs::temp_directory_path() / "trioscope-doc-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  fs::path path;
};

// A lesson copied into a folder of its own.
fs::path copy_lesson(const TempDir& d, const std::string& lesson, const std::string& as) {
  const fs::path to = d.path / as;
  fs::copy_file(kLessons + lesson, to);
  return to;
}

TEST(DocumentFiles, ASaveWritesTheTextAndKeepsPermissions) {
  TempDir d;
  const fs::path f = copy_lesson(d, "01_first_nursery.json", "lesson.json");
  ::chmod(f.c_str(), 0640);
  Document doc;
  ASSERT_TRUE(doc.open_file(f.string()));
  EXPECT_FALSE(doc.modified());
  std::string text = doc.text();
  text.replace(text.find("\"B\", 1"), 6, "\"B\", 5");
  ASSERT_TRUE(doc.set_text(text));
  EXPECT_TRUE(doc.modified());
  const WriteResult w = doc.save();
  ASSERT_TRUE(w.ok) << w.error;
  EXPECT_FALSE(doc.modified());
  EXPECT_EQ(read(f), text);
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u) << "the original's permissions are kept";
  for (const auto& e : fs::directory_iterator(d.path)) EXPECT_EQ(e.path().filename(), "lesson.json") << "no temporary file left";
}

TEST(DocumentFiles, AFailedSaveSaysWhyAndKeepsTheEdits) {
  TempDir d;
  const fs::path f = copy_lesson(d, "01_first_nursery.json", "lesson.json");
  const std::string original = read(f);
  Document doc;
  ASSERT_TRUE(doc.open_file(f.string()));
  std::string text = doc.text();
  text.replace(text.find("\"A\", 3"), 6, "\"A\", 4");
  ASSERT_TRUE(doc.set_text(text));
  // A full disk, at each stage of the write.
  for (WriteStage stage : {WriteStage::open, WriteStage::write, WriteStage::sync, WriteStage::rename}) {
    inject_write_fault(stage, ENOSPC);
    const WriteResult w = doc.save();
    clear_write_faults();
    EXPECT_FALSE(w.ok);
    EXPECT_NE(w.error.find("No space left on device"), std::string::npos) << w.error;
    EXPECT_NE(w.error.find(f.string()), std::string::npos) << "the message names the file";
    EXPECT_EQ(read(f), original) << "the file is untouched";
    EXPECT_TRUE(doc.modified());
    EXPECT_EQ(doc.text(), text) << "the edits are kept";
  }
  // A read-only folder: as the system says it (injected, since root may write anywhere),
  // then for real where the tests do not run as root.
  inject_write_fault(WriteStage::open, EACCES);
  const WriteResult ro = doc.save();
  clear_write_faults();
  EXPECT_NE(ro.error.find("Permission denied"), std::string::npos) << ro.error;
  EXPECT_TRUE(doc.modified());
  if (::geteuid() != 0) {
    fs::permissions(d.path, fs::perms::owner_read | fs::perms::owner_exec);
    const WriteResult w = doc.save();
    EXPECT_FALSE(w.ok);
    EXPECT_NE(w.error.find("Permission denied"), std::string::npos) << w.error;
    fs::permissions(d.path, fs::perms::owner_all);
  }
  // The folder gone.
  TempDir other;
  const fs::path gone = other.path / "sub";
  fs::create_directory(gone);
  const WriteResult moved = doc.save_as((gone / "x.json").string());
  ASSERT_TRUE(moved.ok) << moved.error;
  fs::remove_all(gone);
  const WriteResult w = doc.save();
  EXPECT_FALSE(w.ok);
  EXPECT_NE(w.error.find("No such file or directory"), std::string::npos) << w.error;
}

TEST(DocumentFiles, SaveAsPythonConvertsAndTheLessonReadsBack) {
  TempDir d;
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "01_first_nursery.json"));
  const auto events = doc.trace()->events.size();
  const fs::path py = d.path / "nursery.py";
  const WriteResult w = doc.save_as(py.string());
  ASSERT_TRUE(w.ok) << w.error;
  EXPECT_EQ(doc.kind(), SourceKind::python);
  EXPECT_EQ(doc.path(), py.string());
  EXPECT_FALSE(doc.modified());
  EXPECT_NE(read(py).find("async def child(name, sleep_time):"), std::string::npos);
  EXPECT_EQ(doc.text(), read(py));
  EXPECT_EQ(doc.trace()->events.size(), events) << "the same run";
  // And back to JSON.
  const fs::path json = d.path / "again.json";
  ASSERT_TRUE(doc.save_as(json.string()).ok);
  EXPECT_EQ(doc.kind(), SourceKind::json);
  EXPECT_EQ(read(json).front(), '{');
  // Invalid text converts to nothing: the save is refused, nothing written.
  ASSERT_FALSE(doc.set_text("{ not json"));
  const WriteResult bad = doc.save_as((d.path / "broken.py").string());
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("fix them first"), std::string::npos) << bad.error;
  EXPECT_FALSE(fs::exists(d.path / "broken.py"));
  // In its own format it saves as it is: the user's text, errors and all.
  ASSERT_TRUE(doc.save_as((d.path / "broken.json").string()).ok);
  EXPECT_EQ(read(d.path / "broken.json"), "{ not json");
}

TEST(DocumentFiles, AnUntitledLessonHasNoFileUntilSaveAs) {
  TempDir d;
  Document doc;
  const std::string text = read(kLessons + "01_first_nursery.json");
  ASSERT_TRUE(doc.open_untitled(text, "Untitled.json"));
  EXPECT_TRUE(doc.untitled());
  EXPECT_FALSE(doc.modified()) << "unchanged from the lesson it was made from";
  EXPECT_FALSE(doc.save().ok);
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::same) << "nothing on disk to watch";
  const fs::path f = d.path / "mine.json";
  ASSERT_TRUE(doc.save_as(f.string()).ok);
  EXPECT_FALSE(doc.untitled());
  EXPECT_EQ(read(f), text);
}

TEST(DocumentFiles, AChangeOnDiskIsNoticedOnce) {
  TempDir d;
  const fs::path f = copy_lesson(d, "01_first_nursery.json", "lesson.json");
  Document doc;
  ASSERT_TRUE(doc.open_file(f.string()));
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::same);
  // Touched, not changed.
  fs::last_write_time(f, fs::last_write_time(f) + std::chrono::seconds(5));
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::same);
  std::string theirs = read(f);
  theirs.replace(theirs.find("\"C\", 2"), 6, "\"C\", 9");
  write(f, theirs);
  fs::last_write_time(f, fs::last_write_time(f) + std::chrono::seconds(10));
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::changed);
  EXPECT_EQ(doc.disk_news(), theirs);
  // No edits here: load theirs.
  ASSERT_TRUE(doc.reload());
  EXPECT_EQ(doc.text(), theirs);
  EXPECT_FALSE(doc.modified());
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::same);

  // With edits: keep mine, and the same version on disk is not news again.
  std::string mine = doc.text();
  mine.replace(mine.find("\"A\", 3"), 6, "\"A\", 7");
  ASSERT_TRUE(doc.set_text(mine));
  std::string again = theirs;
  again.replace(again.find("\"B\", 1"), 6, "\"B\", 8");
  write(f, again);
  fs::last_write_time(f, fs::last_write_time(f) + std::chrono::seconds(20));
  ASSERT_EQ(doc.check_disk(), Document::OnDisk::changed);
  doc.keep_mine();
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::same);
  EXPECT_TRUE(doc.modified());
  EXPECT_EQ(doc.text(), mine);

  fs::remove(f);
  EXPECT_EQ(doc.check_disk(), Document::OnDisk::missing);
  EXPECT_EQ(doc.text(), mine) << "the text stays when its file goes";
}

TEST(DocumentFiles, ThePythonViewOfAJsonLessonBecomesItsJson) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "01_first_nursery.json"));
  std::string py = doc.view_text(SourceKind::python);
  EXPECT_EQ(py, doc.listing());
  const std::size_t at = py.find("\"B\", 1)");
  ASSERT_NE(at, std::string::npos);
  py.replace(at, 7, "\"B\", 5)");
  py.insert(py.find("async def parent():"), "# B is the slow one now\n");
  ASSERT_TRUE(doc.set_view_text(SourceKind::python, py)) << doc.problems().lines().front();
  EXPECT_EQ(doc.kind(), SourceKind::json);
  EXPECT_EQ(doc.listing(), py) << "the Python as typed is what the code view shows";
  EXPECT_NE(doc.text().find("\"B\", 5"), std::string::npos) << doc.text();
  EXPECT_EQ(doc.text().front(), '{');
  EXPECT_TRUE(doc.modified());
  // Its lines are the typed text's: B's sleep is on the line `await trio.sleep` has there.
  std::uint32_t sleep_line = 0, line = 1;
  for (std::size_t i = 0; i < py.size(); ++i) {
    if (py.compare(i, 16, "await trio.sleep") == 0 && !sleep_line) sleep_line = line;
    if (py[i] == '\n') ++line;
  }
  bool found = false;
  for (const auto& e : doc.trace()->events) found |= e.kind == trio::EventKind::sleeping && e.loc.line == sleep_line;
  EXPECT_TRUE(found);
  // Invalid Python: problems about the Python text, the lesson as it was.
  const std::string before = doc.text();
  EXPECT_FALSE(doc.set_view_text(SourceKind::python, "async def main(:\n"));
  EXPECT_EQ(doc.problems().view, SourceKind::python);
  EXPECT_EQ(doc.text(), before);
}

}  // namespace
}  // namespace trioscope::document
