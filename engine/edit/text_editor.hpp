// The text editor's model: one text, its cursor and selection, the edits a person makes
// with the keyboard and the mouse, and their undo history. No window: the app's editor
// widget draws it and turns keys into these calls, and tests make the same calls.
//
// Places in the text are byte offsets, always at a code point boundary (the text is
// UTF-8). Lines are separated by '\n'; line and column numbers are 0-based here (the
// widget shows line + 1), columns count code points.
//
//   TextEditor ed(Language::python);
//   ed.set_text("async def main():");
//   ed.move(Motion::doc_end, false);
//   ed.newline();                // "\n    ": the block after ':' is indented
//   ed.type("await trio.sleep(1)");
//   ed.undo();                   // typing comes back a word at a time
//
// Undo: every change is one step, except that typing and deleting coalesce into words
// (a word and the space after it), and a group (begin_group .. end_group: a drag) is one
// step however many changes it holds. Moving the cursor ends the word being typed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edit/text_diff.hpp"

namespace trioscope::edit {

enum class Language : std::uint8_t { python, json };

struct Selection {
  std::size_t anchor = 0;  // where it started (stays while Shift+arrows move the head)
  std::size_t head = 0;    // the cursor
  bool empty() const { return anchor == head; }
  std::size_t begin() const { return anchor < head ? anchor : head; }
  std::size_t end() const { return anchor < head ? head : anchor; }
  bool operator==(const Selection&) const = default;
};

enum class Motion : std::uint8_t {
  left, right,            // a character
  word_left, word_right,  // to the start of the word before / the end of the word after
  home,                   // the line's first non-blank character, then its very start
  end,                    // the end of the line
  up, down,               // a line, keeping the column the cursor wants
  doc_start, doc_end,
};

class TextEditor {
 public:
  explicit TextEditor(Language language = Language::python);

  Language language() const { return language_; }
  void set_language(Language l) { language_ = l; }
  // Replaces the text, not as an edit: the history starts again. The cursor stays on
  // the same line and column where it can (`keep_cursor`), else goes to the start.
  void set_text(std::string text, bool keep_cursor = false);
  const std::string& text() const { return text_; }
  // Changes with every change of the text (for what is derived from it).
  std::uint64_t version() const { return version_; }

  // ---- lines ----
  std::size_t line_count() const;
  std::size_t line_start(std::size_t line) const;
  std::size_t line_end(std::size_t line) const;  // before its '\n'
  std::string_view line_text(std::size_t line) const;
  std::size_t line_of(std::size_t offset) const;
  std::size_t column_of(std::size_t offset) const;  // in code points
  // The offset at `column` (code points) of `line`, clamped to the line.
  std::size_t offset_at(std::size_t line, std::size_t column) const;

  // ---- cursor and selection ----
  const Selection& selection() const { return sel_; }
  std::size_t cursor() const { return sel_.head; }
  std::string selected_text() const;
  // Puts the cursor at `offset` (clamped, onto a boundary); `extend` keeps the anchor.
  void set_cursor(std::size_t offset, bool extend = false);
  void select(std::size_t anchor, std::size_t head);
  void select_all();
  void select_word_at(std::size_t offset);  // a double-click
  void select_line(std::size_t line);       // a triple-click, or a click on the number
  void move(Motion m, bool extend);
  // Up or down by `lines` (negative: up): Page Up / Page Down.
  void move_lines(int lines, bool extend);
  void go_to_line(std::size_t line);  // the cursor at the line's first non-blank character

  // ---- edits (each returns whether the text changed) ----
  // What the keyboard types (one or more characters): replaces the selection.
  bool type(std::string_view text);
  // Enter: a new line indented as this one, one level deeper after a block opener (`:` in
  // Python, `{` or `[` in JSON).
  bool newline();
  // Backspace (in leading blanks, back to the previous indent stop) and Delete; `word`
  // (Ctrl): the whole word.
  bool backspace(bool word = false);
  bool delete_forward(bool word = false);
  // Tab: with a selection over lines, indents them; else inserts blanks to the next stop.
  bool tab();
  bool untab();  // Shift+Tab: the lines of the selection one level out
  // Ctrl+/ in Python: "# " before every line of the selection, or off when all have it.
  bool toggle_comment();
  // The clipboard: paste normalises line ends ("\r\n" -> "\n").
  std::string cut();
  bool paste(std::string_view text);
  // The whole text replaced by `text` as one undo step (a form's edit, a re-listing); the
  // cursor stays on its line where it can.
  bool replace_text(std::string_view text);

  // ---- undo ----
  bool undo();
  bool redo();
  bool can_undo() const { return !undo_.empty() || group_open_; }
  bool can_redo() const { return !redo_.empty(); }
  // Until end_group(), every change joins one undo step (a drag that edits as it moves).
  void begin_group();
  void end_group();
  // Forgets the history (a new document).
  void clear_history();

  // ---- find ----
  // The next match of `needle` from `from` (forwards, wrapping round), or before it.
  std::optional<Selection> find(std::string_view needle, std::size_t from, bool forwards, bool match_case) const;
  // Selects the next (or previous) match after the selection; false when there is none.
  bool find_next(std::string_view needle, bool forwards, bool match_case);

  int indent_unit() const { return language_ == Language::python ? 4 : 2; }

 private:
  enum class Kind : std::uint8_t { typing, deleting, other };
  struct Step {
    Change change;
    Selection before, after;
    Kind kind = Kind::other;
  };
  // Replaces [a, b) by `text` and records it; the selection after is `after`.
  void edit(std::size_t a, std::size_t b, std::string_view text, Selection after, Kind kind);
  void record(Step step);
  void changed();
  void index_lines() const;
  std::size_t clamp_offset(std::size_t offset) const;
  // The lines the selection touches: [first, last].
  std::pair<std::size_t, std::size_t> selected_lines() const;
  // Replaces whole lines [first, last] by `lines` joined, keeping the selection on them.
  bool rewrite_lines(std::size_t first, std::size_t last, const std::vector<std::string>& lines, long head_shift,
                     long anchor_shift);
  // Rewrites each line of [first, last] with `rewrite(line, col)`, which returns how many
  // bytes it added (negative: removed); `shift(col, change)` says how far a selection edge
  // at byte column `col` of that line moves.
  template <class Rewrite, class Shift>
  bool change_lines(std::size_t first, std::size_t last, Rewrite&& rewrite, Shift&& shift);

  Language language_;
  std::string text_;
  Selection sel_;
  std::size_t goal_column_ = 0;  // where up/down want to be (kept across short lines)
  bool goal_set_ = false;
  std::uint64_t version_ = 0;
  mutable std::vector<std::size_t> line_starts_;
  mutable bool lines_dirty_ = true;

  std::vector<Step> undo_, redo_;
  std::size_t history_bytes_ = 0;
  bool coalesce_ = false;  // the next typing may join the last step
  bool group_open_ = false;
  std::string group_base_;  // the text when the group began
  Selection group_before_;
};

}  // namespace trioscope::edit
