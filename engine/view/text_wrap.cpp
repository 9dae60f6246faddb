#include "view/text_wrap.hpp"

#include <cmath>

#include "core/utf8.hpp"

namespace trioscope::view {

namespace {
using trio::utf8::is_continuation;

// The end of the longest prefix of text[from, to) that measures at most `room`, adding
// its width to `w`. Measured a code point at a time and stopping at the first that does
// not fit, so that a megabyte-long word costs no more than one line of it.
std::size_t fitting(const Painter& p, Font f, std::string_view text, std::size_t from, std::size_t to, float room,
                    float& w) {
  std::size_t i = from;
  float acc = 0;
  while (i < to) {
    std::size_t n = i + 1;
    while (n < to && is_continuation(text[n])) ++n;
    const float cw = p.text_width(f, text.substr(i, n - i));
    if (acc + cw > room) break;
    acc += cw;
    i = n;
  }
  w += acc;
  return i;
}
}  // namespace

std::vector<TextLine> wrap_text(const Painter& p, Font f, std::string_view text, float max_w, std::size_t max_lines) {
  std::vector<TextLine> out;
  const float space_w = p.text_width(f, " ");
  std::size_t i = 0;
  bool after_newline = false;
  do {
    // One line: words (with the spaces before them) while they fit.
    TextLine line{i, i, 0};
    std::size_t j = i;
    while (j < text.size() && text[j] != '\n') {
      std::size_t spaces_end = j;
      while (spaces_end < text.size() && text[spaces_end] == ' ') ++spaces_end;
      std::size_t word_end = spaces_end;
      while (word_end < text.size() && text[word_end] != ' ' && text[word_end] != '\n') ++word_end;
      const float spaces = static_cast<float>(spaces_end - j) * space_w;
      float word = 0;
      const std::size_t end = fitting(p, f, text, spaces_end, word_end, max_w - line.width - spaces, word);
      if (end == word_end) {
        line.width += spaces + word;  // (only a paragraph's first line can start with spaces)
        line.end = j = word_end;
        continue;
      }
      if (line.end > line.begin) break;  // the word starts the next line
      // A word wider than a whole line: as much of it as fits, at least one code point.
      std::size_t cut = end;
      if (cut == spaces_end) {
        cut = spaces_end + 1;
        while (cut < word_end && is_continuation(text[cut])) ++cut;
        word = p.text_width(f, text.substr(spaces_end, cut - spaces_end));
      }
      line.width += spaces + word;
      line.end = j = cut;
      break;
    }
    out.push_back(line);
    // The next line starts after the spaces (and the newline) that ended this one.
    while (j < text.size() && text[j] == ' ') ++j;
    after_newline = j < text.size() && text[j] == '\n';
    if (after_newline) ++j;
    i = j;
  } while ((i < text.size() || after_newline) && out.size() < max_lines);
  return out;
}

std::string fit_text(std::string_view s, float max_w, const std::function<float(std::string_view)>& width,
                     bool whole_pixels) {
  auto px = [whole_pixels](float w) { return whole_pixels ? std::floor(w + 0.99999f) : w; };
  static constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // …
  const float ew = px(width(ellipsis));
  // Code point by code point: the longest prefix that fits with the ellipsis, and whether
  // the whole text fits without one.
  float w = 0;
  std::size_t keep = 0, i = 0;
  while (i < s.size()) {
    const std::size_t n = trio::utf8::next(s, i);
    w += width(s.substr(i, n - i));
    if (px(w) + ew <= max_w) keep = n;
    i = n;
    if (px(w) > max_w) break;
  }
  if (i >= s.size() && px(w) <= max_w) return std::string(s);
  while (keep > 0 && s[keep - 1] == ' ') --keep;
  return std::string(s.substr(0, keep)) + std::string(ellipsis);
}

void paint_lines(Painter& p, Font f, Vec2 pos, Rgba c, std::string_view text, const std::vector<TextLine>& lines) {
  const float lh = p.font_size(f);
  float y = pos.y;
  for (const TextLine& l : lines) {
    p.text(f, {pos.x, y}, c, text.substr(l.begin, l.end - l.begin));
    y += lh;
  }
}

}  // namespace trioscope::view
