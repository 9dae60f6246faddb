// What changes a document: commands. Panels never change the document while they draw;
// they queue a command, and the app applies the queue between frames, so every panel of
// a frame sees the same run. The queue is also where undo and the unsaved-changes guards
// sit, in front of the document.
//
//   commands.push(document::SetChoice{c});   // in a panel
//   ...
//   for (auto& c : commands.take()) apply(doc, view, c);   // between frames
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "document/document.hpp"
#include "document/document_view.hpp"

namespace trioscope::document {

struct OpenFile {
  std::string path;
};
struct OpenText {
  std::string text;
  std::string path;  // names the text in messages; not opened
};
struct OpenUntitled {
  std::string text;
  std::string name;  // "Untitled.json": names it until it is saved
};
struct Reload {};
struct SetText {
  std::string text;
};
// The program edited in the view that is not the file's format (Document::set_view_text).
struct SetViewText {
  scenario::SourceKind view = scenario::SourceKind::python;
  std::string text;
};
struct SetChoice {
  RunChoice choice;
};
struct Save {};
struct SaveAs {
  std::string path;
};
// The file changed on disk while the document has edits: keep the edits.
struct KeepMine {};
using Command = std::variant<OpenFile, OpenText, OpenUntitled, Reload, SetChoice, SetText, SetViewText, Save, SaveAs,
                             KeepMine>;

struct Applied {
  bool ok = true;         // false: the document says why in problems(), or `error` does
  bool replaced = false;  // another lesson is open now (the view starts at its beginning)
  bool rerun = false;     // the run was made again (the view stays at the same moment)
  bool saved = false;     // the text was written to the document's file
  std::string error;      // a save that failed: why ("cannot write /x/y.json: Permission denied")
};

// Applies `c`. When the same lesson runs again, `view` moves to the same moment of the
// new run (moment.hpp); when another lesson opens, `view` starts at its beginning.
Applied apply(Document& doc, DocumentView& view, const Command& c);

class CommandQueue {
 public:
  void push(Command c) { pending_.push_back(std::move(c)); }
  bool empty() const { return pending_.empty(); }
  std::vector<Command> take() { return std::exchange(pending_, {}); }

 private:
  std::vector<Command> pending_;
};

}  // namespace trioscope::document
