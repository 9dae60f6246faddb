// The caption bar: the sentence for the current step, large enough to read from the back
// of a classroom, an accent bar in the colour of what happened, and under it where we are
// (step, virtual time, the event and whose it is).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "view/painter.hpp"
#include "view/task_state.hpp"
#include "view/text_wrap.hpp"

namespace trioscope::view {

// The accent colour of a step: what kind of thing happened.
ColorRole caption_accent(const trio::Trace* t, std::int32_t step);
// "step 3 of 44 · t = 1.0 · sleeping · child('A', 3)"; before the first step, how to begin.
std::string caption_status(const trio::Trace& t, std::int32_t step);

// The bar has one height per scale, whatever the sentence, so that nothing below it moves
// from step to step: room for kCaptionLines lines of the caption font (kCompactCaptionLines
// of the UI font in a short window). A longer sentence is set in the smaller UI font, and
// one longer still ends its last line with "…" (the screen shows it whole on hover).
inline constexpr int kCaptionLines = 3;
inline constexpr int kCompactCaptionLines = 2;

struct CaptionLayout {
  Font font = Font::caption;
  std::vector<TextLine> lines;
  bool shortened = false;  // the sentence did not fit: its last line ends with "…"
  std::string last_line;   // the shortened last line
  float pad = 8;       // inside the bar's edge
  float bar = 4;       // the accent bar's width
  float status_h = 0;  // the status row (0: none)
  float height = 0;    // the whole bar
};

// `compact`: a short window gives the height to the tree and the code: fewer lines in the
// UI font. `status`: the row that says where we are (the toolbar says it too, so a window
// without height to spare leaves it out).
CaptionLayout layout_caption(const Painter& p, const std::string& text, float width, float pad, bool compact,
                             bool status = true);

// Paints the bar's contents in `r` (the surface draws the panel behind it).
void paint_caption(Painter& p, const CaptionLayout& l, const Rect& r, const std::string& text, const std::string& status,
                   ColorRole accent, Theme theme);

}  // namespace trioscope::view
