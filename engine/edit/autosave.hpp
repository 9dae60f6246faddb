// Autosave: unsaved edits are copied every few seconds to the user's state folder, so
// that after a crash, a power cut or `kill -9` the next start offers them back. One file
// per lesson (per file path, or per untitled name), written atomically; it is removed once
// the lesson is saved, reverted, or its edits are thrown away.
//
//   state folder: TRIOSCOPE_STATE_DIR ("none": no autosave), else $XDG_STATE_HOME/trioscope,
//                 else ~/.local/state/trioscope; autosaves in its autosave/ folder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "document/atomic_file.hpp"
#include "scenario/ast.hpp"

namespace trioscope::edit {

// "" when autosave is off (TRIOSCOPE_STATE_DIR=none, or no home folder).
std::string autosave_dir();

struct Autosave {
  std::string file;   // the autosave's own file (set by read_autosaves, and by write)
  std::string path;   // the lesson's file; "" for an untitled lesson
  std::string name;   // how the lesson is called (the untitled name, else the file's name)
  scenario::SourceKind kind = scenario::SourceKind::json;
  std::string text;        // the lesson's text (its file's format)
  std::string other_text;  // the other view's text when it held edits of its own ("" none)
  std::int64_t saved_at = 0;  // seconds since 1970
};

// The autosave file of a lesson in `dir`.
std::string autosave_file(const std::string& dir, const std::string& path, const std::string& name);
// Writes `a` (its `file` is set from dir, path and name).
document::WriteResult write_autosave(const std::string& dir, Autosave& a);
// Every readable autosave in `dir`, newest first (unreadable ones are left alone).
std::vector<Autosave> read_autosaves(const std::string& dir);
void remove_autosave(const std::string& file);
// The autosaves worth offering back: an untitled lesson's, or one whose text is not what
// its file holds now (the file may be gone). Those that match their file are removed.
std::vector<Autosave> recoverable(const std::string& dir);

}  // namespace trioscope::edit
