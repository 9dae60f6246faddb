#include "view/listing_wrap.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace trioscope::view {

namespace {

std::vector<std::string_view> split_lines(std::string_view text, std::vector<std::uint32_t>& starts) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    starts.push_back(static_cast<std::uint32_t>(pos));
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

int code_points(std::string_view s) { return static_cast<int>(trio::utf8::count(s)); }

// The byte offset after `n` code points of s (or its end).
std::size_t advance(std::string_view s, std::size_t from, int n) {
  std::size_t i = from;
  for (; i < s.size() && n > 0; --n) i = trio::utf8::next(s, i);
  return i;
}

}  // namespace

std::vector<char> lines_in_triple_string(std::string_view listing) {
  std::vector<std::uint32_t> starts;
  const auto lines = split_lines(listing, starts);
  std::vector<char> out(lines.size(), 0);
  const char* open = nullptr;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out[i] = open != nullptr;
    std::string_view l = lines[i];
    std::size_t pos = 0;
    while (true) {
      if (open) {
        const std::size_t end = l.find(open, pos);
        if (end == std::string_view::npos) break;
        pos = end + 3;
        open = nullptr;
      } else {
        // A quote inside a comment opens nothing.
        const std::size_t hash = l.find('#', pos);
        const std::size_t a = l.find("\"\"\"", pos), b = l.find("'''", pos);
        const std::size_t start = std::min(a, b);
        if (start == std::string_view::npos || (hash != std::string_view::npos && hash < start)) break;
        open = start == a ? "\"\"\"" : "'''";
        pos = start + 3;
      }
    }
  }
  return out;
}

ListingRows wrap_listing(std::string_view listing, int columns) {
  ListingRows out;
  out.columns = columns;
  const auto lines = split_lines(listing, out.line_start);
  const std::vector<char> doc = lines_in_triple_string(listing);
  out.first_row.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    const auto number = static_cast<std::uint32_t>(i + 1);
    out.first_row[i] = static_cast<std::uint32_t>(out.rows.size());
    // A docstring's text is prose: it is not what the code panel must fit.
    const bool prose = doc[i] || l.find_first_not_of(' ') == l.find("\"\"\"");
    if (!prose) out.code_columns = std::max(out.code_columns, code_points(l));
    const int indent = static_cast<int>(std::min(l.find_first_not_of(' '), l.size()));
    // Continuation rows sit under the statement, one level deeper (prose: at its margin).
    // In a narrow panel they keep to the statement's indentation (within a third of the
    // width), marked only by the gutter's ↪, so that rows keep room for code.
    const int deeper = prose ? indent : indent + 4;
    const int cont_indent = std::min(deeper, std::max(columns / 3, std::min(indent, columns / 2)));
    std::size_t pos = 0;
    // Code points from `pos` to the line's end, counted once and kept as rows are cut, so
    // that a megabyte-long line wraps in time linear in its length.
    int left = code_points(l);
    bool first = true;
    do {
      const int room = first ? columns : columns - cont_indent;
      ListingRow row;
      row.line = number;
      row.in_docstring = doc[i] != 0;
      row.continuation = !first;
      row.indent = static_cast<std::uint16_t>(first ? 0 : cont_indent);
      std::size_t end = l.size();
      if (columns > 0 && left > room) {
        end = advance(l, pos, std::max(1, room));
        // Break after the last space that leaves something on this row (looked for on this
        // row only: a line without spaces must not be searched back to its start each row).
        const std::size_t on_row = l.substr(pos, end - pos).rfind(' ');
        const std::size_t text_start = first ? static_cast<std::size_t>(indent) : pos;
        if (on_row != std::string_view::npos && pos + on_row > text_start) end = pos + on_row + 1;
      }
      row.begin = static_cast<std::uint32_t>(out.line_start[i] + pos);
      row.end = static_cast<std::uint32_t>(out.line_start[i] + end);
      out.rows.push_back(row);
      // The next row starts at the next word: spaces at a break are not shown.
      left -= code_points(l.substr(pos, end - pos));
      pos = end;
      if (end < l.size())
        while (pos < l.size() && l[pos] == ' ') ++pos, --left;
      first = false;
    } while (pos < l.size());
  }
  return out;
}

}  // namespace trioscope::view
