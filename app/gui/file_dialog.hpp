// Choosing a file to open or a place to save: the desktop's own dialog where there is one
// (zenity or kdialog, run as a program the way tinyfiledialogs does it, in the background
// so that the window keeps drawing), else a browser inside the app: folders, *.json and
// *.py, the places a teacher keeps lessons, and a name field for saving. Saving over a
// file that exists asks first, in either kind.
//
//   dialog.open({.save = true, .title = "Save lesson as", .folder = ..., .name = "lesson.json"});
//   each frame:  dialog.draw(ctx);  if (auto r = dialog.take_result()) ... r->path ...
//
// TRIOSCOPE_FILE_DIALOG=builtin always uses the app's browser (tests, or a desktop whose
// dialog misbehaves); =zenity or =kdialog picks that one.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gui/panel.hpp"

namespace trioscope::gui {

struct FileRequest {
  bool save = false;
  std::string title = "Open a lesson";
  std::string folder;  // where it starts ("" the current folder)
  std::string name;    // saving: the name it suggests
  // Places offered on the side of the app's browser: (label, folder).
  std::vector<std::pair<std::string, std::string>> places;
};

struct FileChoice {
  bool chosen = false;  // false: cancelled
  std::string path;
};

// ---- the desktop's dialog (GUI-free, tested without it) ----
enum class NativeTool { none, zenity, kdialog };
// Which program to use: TRIOSCOPE_FILE_DIALOG, then kdialog on KDE, zenity elsewhere, if
// it is on PATH and there is a display.
NativeTool native_tool();
// The program's command line (argv) for a request.
std::vector<std::string> native_command(NativeTool tool, const FileRequest& r);
// What the program printed, as a choice: its exit status 0 and a path, else cancelled.
FileChoice native_result(int exit_status, const std::string& output);

// ---- the app's browser (GUI-free listing) ----
struct FolderEntry {
  std::string name;
  bool folder = false;
};
// The folder's subfolders, then its .json and .py files, each sorted by name; hidden
// entries left out. `error` says why a folder cannot be read.
std::vector<FolderEntry> list_folder(const std::string& folder, std::string& error);

class FileDialog {
 public:
  FileDialog();
  ~FileDialog();
  void open(FileRequest r);
  bool active() const { return active_; }
  // Draws the app's browser (or the note that the desktop's dialog is open).
  void draw(PanelContext& ctx);
  // Once, when the user has chosen or cancelled.
  std::optional<FileChoice> take_result();

 private:
  void finish(FileChoice c);
  void enter(const std::string& folder);
  void confirm(PanelContext& ctx);

  bool active_ = false;
  bool native_ = false;
  FileRequest request_;
  std::optional<FileChoice> result_;
  // The desktop's dialog, running in the background.
  struct Native;
  std::shared_ptr<Native> running_;
  std::thread thread_;
  // The browser.
  std::string folder_, name_, error_, typed_folder_;
  std::vector<FolderEntry> entries_;
  int selected_ = -1;
  bool ask_overwrite_ = false;
  bool opened_popup_ = false;
};

}  // namespace trioscope::gui
