// What a user asks of the lesson's file, the way a desktop app does it: New from a
// lesson, Open, Save, Save As, Revert, Quit. Each is guarded against losing work: with
// unsaved edits it first asks whether to save them. Saving a bundled lesson goes to Save
// As (its original is never changed). A save that fails says why and keeps the edits.
//
// It also looks after the file while it is open: unsaved edits are autosaved every few
// seconds (edit/autosave.hpp) and offered back after a crash; a change on disk reloads
// the lesson when there are no edits, and asks when there are (keep mine, load theirs).
//
// Everything it does to the document goes through the command queue, between frames.
#pragma once

#include <optional>
#include <string>

#include "document/commands.hpp"
#include "document/document.hpp"
#include "edit/autosave.hpp"
#include "edit/session.hpp"
#include "gui/file_dialog.hpp"
#include "gui/input_state.hpp"
#include "gui/panel.hpp"
#include "gui/preferences.hpp"

namespace trioscope::gui {

enum class FileAction : std::uint8_t { new_from_lesson, open_dialog, open_path, save, save_as, revert, quit };

class FileFlow {
 public:
  FileFlow(document::Document& doc, edit::EditSession& session, document::CommandQueue& commands, InputState& input,
           Preferences& prefs, WindowRequests& requests, std::string lessons_dir);

  // Asks for an action (`path`: the lesson to open or copy). Guarded: with unsaved edits
  // it asks first.
  void ask(FileAction a, std::string path = {});
  // After a command was applied: a save's result, a file opened.
  void applied(const document::Command& c, const document::Applied& a);
  // Every frame: autosave and the file on disk (each acts every few seconds), and what a
  // file dialog chose.
  void tick(double now, bool deterministic);
  // The questions it asks, and the file dialog (at the end of the frame).
  void draw(PanelContext& ctx);
  // At start: offers back what an earlier session did not save.
  void offer_recovery();
  // Whether a question or a dialog is open (the keys wait).
  bool busy() const { return question_ != Question::none || dialog_.active(); }
  // The lesson is one of the bundled ones (read only: Save goes to Save As).
  bool bundled(const std::string& path) const;
  // Closing the window: true when it may close now (nothing unsaved), else it asks.
  bool may_close();

 private:
  enum class Question : std::uint8_t { none, unsaved, revert, reload_conflict, recovery };
  void perform(FileAction a, const std::string& path);
  void flush();
  void message(std::string text, bool error);
  void autosave(double now);
  void watch_disk(double now);
  void draw_unsaved(PanelContext& ctx);
  void draw_revert(PanelContext& ctx);
  void draw_conflict(PanelContext& ctx);
  void draw_recovery(PanelContext& ctx);
  std::string display_name() const;
  FileRequest request(bool save) const;

  document::Document& doc_;
  edit::EditSession& session_;
  document::CommandQueue& commands_;
  InputState& input_;
  Preferences& prefs_;
  WindowRequests& requests_;
  std::string lessons_dir_, lessons_canonical_;
  double now_ = 0;

  Question question_ = Question::none;
  bool question_opened_ = false;
  // The action waiting for the answer to "save first?", and for a save to succeed.
  std::optional<std::pair<FileAction, std::string>> waiting_;
  std::optional<std::pair<FileAction, std::string>> after_save_;
  FileDialog dialog_;
  enum class Choosing : std::uint8_t { nothing, file_to_open, place_to_save } choosing_ = Choosing::nothing;

  // Autosave.
  std::string autosave_dir_;
  std::string autosave_file_;  // the current lesson's, once written
  std::string autosaved_text_;
  double next_autosave_ = 0;
  bool autosave_failed_ = false;
  std::vector<edit::Autosave> offers_;
  // The file on disk.
  double next_watch_ = 0;
  bool told_missing_ = false;
};

}  // namespace trioscope::gui
