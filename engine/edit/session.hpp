// One document's editing: the program as Trio Python and as JSON, two views of one
// scenario, each with its text editor, and when what is typed goes to the document.
//
// The file's own format is the file view: its text is the document's text, and its
// undo history is the lesson's (every change, from whichever view or form, is a step
// there). The other view is converted from the last valid scenario; typing in it is sent
// as that view's text (document::SetViewText) and, once it reads, comes back into the
// file view as one step. So Ctrl+Z in the other view first takes back what was typed
// there and not yet accepted, then walks the lesson's history.
//
//   between frames:  apply the commands; session.reset(doc) for another lesson,
//                    else session.follow(doc)
//   in the frame:    the editor widget changes session.editor(v) and calls typed(v, now)
//                    if (auto c = session.due(now)) commands.push(*c);   // after a pause
#pragma once

#include <optional>
#include <string>

#include "document/commands.hpp"
#include "document/document.hpp"
#include "edit/text_editor.hpp"

namespace trioscope::edit {

class EditSession {
 public:
  using View = scenario::SourceKind;
  // What is typed is read after this much quiet (seconds), or at once with Ctrl+Enter.
  static constexpr double kQuietSeconds = 0.3;

  EditSession();

  TextEditor& editor(View v) { return v == View::python ? python_ : json_; }
  const TextEditor& editor(View v) const { return v == View::python ? python_ : json_; }
  View file_view() const { return file_view_; }

  // Another lesson: both views start from its text, with no history.
  void reset(const document::Document& doc);
  // The same lesson after commands were applied: the file view takes the document's text
  // when it changed elsewhere (a reload, the other view accepted), as an undo step; the
  // other view is converted again from the new scenario unless it holds edits of its own.
  void follow(const document::Document& doc);

  // The user changed view `v` at `now` (seconds).
  void typed(View v, double now);
  // What is due for the document: the text typed, once it has been quiet for a moment
  // (`at_once`: Ctrl+Enter, a save, a tab switch).
  std::optional<document::Command> due(double now, bool at_once = false);
  // Typed, not yet sent.
  bool pending() const { return pending_.has_value(); }
  // The other view holds text that is not in the lesson (it has errors, or is not sent).
  bool other_view_dirty() const { return other_dirty_; }
  // Anything typed that the file on disk does not have.
  bool unsaved(const document::Document& doc) const;

  // Undo and redo from view `v`: see the top of this file. Returns what to send at once.
  std::optional<document::Command> undo(View v);
  std::optional<document::Command> redo(View v);
  bool can_undo(View v) const;
  bool can_redo(View v) const;

  // A form's or a drag's edit: the file's new text (the scenario written out again). One
  // undo step, or part of the open group. Returns the command that applies it.
  document::Command direct_edit(std::string file_text);
  // A drag: its edits are one undo step.
  void begin_group() { editor(file_view_).begin_group(); }
  void end_group() { editor(file_view_).end_group(); }

  // The other view back to the lesson (its edits dropped).
  void discard_other_view(const document::Document& doc);

 private:
  View other() const { return file_view_ == View::python ? View::json : View::python; }
  void refresh_other(const document::Document& doc);

  TextEditor python_{Language::python};
  TextEditor json_{Language::json};
  View file_view_ = View::json;
  std::optional<View> pending_;  // the view typed in and not yet sent
  double typed_at_ = 0;
  std::optional<View> sent_;     // the view whose text went last (what follow() sees come back)
  bool other_dirty_ = false;
  std::uint64_t generation_ = ~0ull;
};

}  // namespace trioscope::edit
