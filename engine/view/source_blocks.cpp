#include "view/source_blocks.hpp"

namespace trioscope::view {

SourceBlocks::SourceBlocks(std::string_view text) {
  struct Line { int indent; bool blank; bool finally; };
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    int indent = 0;
    while (indent < static_cast<int>(l.size()) && (l[indent] == ' ' || l[indent] == '\t')) ++indent;
    const bool blank = indent == static_cast<int>(l.size()) || l[indent] == '#';
    lines.push_back({indent, blank, !blank && l.substr(indent).starts_with("finally:")});
    text_.emplace_back(l.substr(static_cast<std::size_t>(indent)));
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  if (!lines.empty() && lines.back().blank && text.ends_with('\n')) {
    lines.pop_back();
    text_.pop_back();
  }
  end_.resize(lines.size());
  parent_.assign(lines.size(), 0);
  finally_.assign(lines.size(), 0);
  blank_.resize(lines.size());
  indent_.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    blank_[i] = lines[i].blank;
    indent_[i] = lines[i].indent;
  }
  std::vector<std::size_t> open;  // headers enclosing the current line, innermost last
  for (std::size_t i = 0; i < lines.size(); ++i) {
    finally_[i] = lines[i].finally;
    if (lines[i].blank) continue;
    while (!open.empty() && lines[open.back()].indent >= lines[i].indent) open.pop_back();
    parent_[i] = open.empty() ? 0 : static_cast<std::uint32_t>(open.back() + 1);
    open.push_back(i);
  }
  // A block runs while the following non-blank lines are indented deeper than its header;
  // blank lines inside it belong to it, trailing blank lines do not.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::size_t last = i;
    if (!lines[i].blank) {
      for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (lines[j].blank) continue;
        if (lines[j].indent <= lines[i].indent) break;
        last = j;
      }
    }
    end_[i] = static_cast<std::uint32_t>(last + 1);
  }
}

bool SourceBlocks::in_finally(std::uint32_t line) const {
  for (std::size_t guard = 0; line > 0 && line <= parent_.size() && guard < parent_.size(); ++guard) {
    line = parent_[line - 1];
    if (line > 0 && finally_[line - 1]) return true;
  }
  return false;
}

std::string_view SourceBlocks::statement(std::uint32_t line) const {
  if (line == 0 || line > text_.size()) return {};
  return text_[line - 1];
}

std::vector<std::uint32_t> SourceBlocks::handlers_around(std::uint32_t line) const {
  std::vector<std::uint32_t> out;
  if (line == 0 || line > parent_.size()) return out;
  for (std::uint32_t header = parent_[line - 1], guard = 0; header > 0 && guard < parent_.size();
       header = parent_[header - 1], ++guard) {
    const std::string_view h = text_[header - 1];
    // The exception leaves the function here; where it goes next is the caller's business.
    if (h.starts_with("def ") || h.starts_with("async def ") || h.starts_with("class ")) break;
    if (h != "try:") continue;
    // The clauses after the try body, at the try's own indentation.
    for (std::uint32_t next = block_end(header) + 1; next <= text_.size();) {
      if (blank_[next - 1]) {
        ++next;
        continue;
      }
      if (indent_[next - 1] != indent_[header - 1] || !text_[next - 1].starts_with("except")) break;
      out.push_back(next);
      next = block_end(next) + 1;
    }
  }
  return out;
}

std::uint32_t SourceBlocks::block_end(std::uint32_t line) const {
  if (line == 0 || line > end_.size()) return line;
  return end_[line - 1];
}

}  // namespace trioscope::view
