// Word wrapping through the painter's measurements, so that a paragraph breaks at the
// same words wherever it is drawn at the same width: lines break after spaces, a word
// wider than the line breaks between code points, and "\n" always breaks.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "view/painter.hpp"

namespace trioscope::view {

struct TextLine {
  std::size_t begin = 0, end = 0;  // byte range of the line (trailing spaces excluded)
  float width = 0;
};

// At most `max_lines` lines: a text longer than that ends on the last one.
std::vector<TextLine> wrap_text(const Painter& p, Font f, std::string_view text, float max_w,
                                std::size_t max_lines = 10000);

// `s` shortened with "…" (at a code point, without trailing spaces) so that it measures
// at most `max_w`; `s` itself when it fits. `width` measures a piece of text; widths are
// taken to add up code point by code point (they do on every surface the app draws on), so
// a text a megabyte long costs no more than the part of it that fits. With `whole_pixels`
// a width counts as the whole pixels it covers, as a label placed by hand is measured.
std::string fit_text(std::string_view s, float max_w, const std::function<float(std::string_view)>& width,
                     bool whole_pixels = false);

// Draws wrapped lines one line height apart from `pos`.
void paint_lines(Painter& p, Font f, Vec2 pos, Rgba c, std::string_view text, const std::vector<TextLine>& lines);

}  // namespace trioscope::view
