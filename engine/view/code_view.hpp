// The code view: the scenario as Trio Python, each task's current line lit: the line of
// this step strongly (the task that just ran), the lines other live tasks are at faintly.
//
// Long lines wrap at the view's width (listing_wrap.hpp), continuation rows indented
// under their statement and marked ↪ in the gutter, so nothing hides past the edge and a
// class never scrolls sideways. Who is on a line is a state icon in its own column left
// of the line numbers, so that it never covers code; the names follow the code when they
// fit.
//
//   ▶   22 │         async with trio.open_nursery() as nursery:   ◀ main
//   ☾   11 │     await trio.sleep(sleep_time)
//        ↪ │         ...
//
// The screen's code panel and every export of the code paint rows with paint_code_row.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/trace.hpp"
#include "view/listing_wrap.hpp"
#include "view/painter.hpp"
#include "view/snapshot.hpp"

namespace trioscope::view {

// What the code panel's title says its code is.
inline const char* code_subtitle(bool written_in_python) {
  return written_in_python ? "the program as written" : "the scenario as Trio Python";
}

// ---- syntax colours ----
enum class Token : std::uint8_t { text, keyword, string, comment };
struct TokenSpan {
  std::size_t begin, end;
  Token token;
};
// Light syntax colouring of one line of Python (keywords, strings, comments), as spans of
// the line, so that a wrapped line keeps its colours across rows. `in_string`: the line
// starts inside a triple-quoted string.
std::vector<TokenSpan> tokenize_python_line(std::string_view line, bool in_string);
// JSON: keys in the keyword colour, string values as strings, the rest as text.
std::vector<TokenSpan> tokenize_json_line(std::string_view line);

// ---- columns ----
struct CodeGutter {
  float char_w = 8;     // the mono font's advance
  float marker_x = 0;   // the "who is here" icon
  float number_x = 0;   // right edge of the line number
  float code_x = 0;     // where the code starts
};
CodeGutter code_gutter(const Painter& p, std::size_t line_count);
// The columns of code that fit in `width` pixels.
int code_columns(const CodeGutter& g, float width);
// The width that shows the widest code line unwrapped (docstrings wrap), without padding.
float code_width(const Painter& p, std::string_view listing);

// ---- what is lit ----
struct CodeLit {
  std::uint32_t strong = 0;        // the line of this step (0: none)
  std::int32_t strong_task = -1;   // the task it belongs to
  std::vector<std::vector<std::int32_t>> at;  // at[line]: the live tasks on it
  // Who is on `line`: the step's task first, then the others there.
  std::vector<std::int32_t> who(std::uint32_t line) const;
};
CodeLit code_lit(const trio::Trace& t, const Snapshot& s, std::int32_t step, std::size_t line_count,
                 std::string_view listing = {});

// The listing line a step is about, for every kind of step: its own statement; for a spawn
// the start_soon line; a scope's or nursery's `with` line; the task's current line; for the
// run's own steps the `trio.run(...)` line; a clock jump, the statement that acts next; else
// the line of the step before. 0 only when nothing of the run has a line.
std::uint32_t step_line(const trio::Trace& t, const Snapshot& s, std::int32_t step, std::string_view listing);

// What the editor adds to the rows it paints: the selection, the cursor, the current
// line, find's matches and the problems of the text (a mark in the gutter, the place
// underlined). Offsets are bytes of the text; lines and columns 1-based.
struct LineMark {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // code points; 0: the whole line
  bool warning = false;      // a warning's mark, else an error's
};
struct EditOverlay {
  std::size_t sel_begin = 0, sel_end = 0;
  std::size_t cursor = 0;
  bool show_cursor = false;
  std::uint32_t cursor_line = 0;
  const std::vector<LineMark>* marks = nullptr;                     // sorted by line
  const std::vector<std::pair<std::size_t, std::size_t>>* found = nullptr;  // find's matches, sorted
};

struct CodeScene {
  const trio::Trace* trace = nullptr;
  const Snapshot* snapshot = nullptr;
  std::string_view listing;
  const ListingRows* rows = nullptr;
  const CodeLit* lit = nullptr;  // null: nothing lit (a text being edited, the JSON view)
  Theme theme = Theme::light;
  const EditOverlay* edit = nullptr;  // null: a listing to watch
  bool json = false;                  // the text is JSON (for its colours)
};

// Where byte `offset` of row `i` is drawn, in x from the row's left edge (an offset in the
// spaces skipped at a wrap is at the row's end); and the offset nearest to `x` on row `i`.
float code_x_of(const Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, std::size_t offset);
std::size_t code_offset_at(const Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, float x);
// The row that shows byte `offset`.
std::size_t code_row_of(const ListingRows& rows, std::size_t offset);

// Paints row `i` of the wrapped listing with its top-left corner at `at`, `width` wide
// and `height` high; text past `visible_right` is clipped by the caller. Returns how far
// the row's code reaches past `visible_right` (negative: it fits). `tokens` caches the
// colours of the last line painted (rows of one line come one after another).
struct RowTokens {
  std::uint32_t line = 0;
  std::vector<TokenSpan> spans;
};
float paint_code_row(Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, Vec2 at, float width,
                     float height, float visible_right, RowTokens& tokens);

// Where a listing `h` high and scrolled to `top` scrolls to bring the row at `y` (rows `lh`
// apart) into view: it stays when the row is well inside, else the row comes a third of
// the way down.
float code_scroll_to(float y, float top, float h, float lh);

}  // namespace trioscope::view
