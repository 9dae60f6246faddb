// The Python listing as rows of a fixed number of columns (a monospace panel of a given
// width): long lines wrap at a space where they can, their continuation rows indented
// under the statement, so that no code hides past the panel's edge and a classroom never
// has to scroll sideways. Line numbers keep their meaning: every row knows its line.
//
//   31 │     nursery.start_soon(child, "Well-behaved",
//    ↪ │         3)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trioscope::view {

struct ListingRow {
  std::uint32_t line = 0;      // 1-based line of the listing
  std::uint32_t begin = 0;     // byte range of the line's text shown on this row
  std::uint32_t end = 0;
  std::uint16_t indent = 0;    // columns of space before the text (continuation rows)
  bool continuation = false;   // not the line's first row
  bool in_docstring = false;   // the line is inside a triple-quoted string
};

struct ListingRows {
  std::vector<ListingRow> rows;
  std::vector<std::uint32_t> first_row;  // first_row[line - 1]: the line's first row
  std::vector<std::uint32_t> line_start; // byte offset of each line in the listing
  int columns = 0;
  // The widest line outside docstrings, in columns: what the code needs to show unwrapped.
  int code_columns = 0;

  std::uint32_t row_of_line(std::uint32_t line) const {
    return line >= 1 && line <= first_row.size() ? first_row[line - 1] : 0;
  }
};

// Columns are counted in code points (a monospace font gives each the same width). With
// `columns` <= 0 nothing wraps.
ListingRows wrap_listing(std::string_view listing, int columns);

// Which lines start inside a triple-quoted string, per line (1 = inside).
std::vector<char> lines_in_triple_string(std::string_view listing);

}  // namespace trioscope::view
