// How the app's window shares its room between the panels, in line heights `lh` of the UI
// font: the gap between panels, when a window is short enough to fold, the timeline's
// height, the code column's width and the code's part of it. The screen's window layout
// and the exported "screen" page split their room with these, so that a page looks like
// the window.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "view/timeline_frame.hpp"

namespace trioscope::view {

// The splits a window starts with (the app remembers the ones a user drags).
inline constexpr float kTimelineShare = 0.30f;  // of the height under the caption
inline constexpr float kCodeShare = 0.60f;      // of the code and output column

inline float panel_gap(float lh) { return std::round(lh * 0.35f); }
// A window this short gives its height to the tree and the code (1280x720 at 1.75x is 24
// lines high).
inline bool compact_window(float height, float lh) { return height < 32 * lh; }

// The least a timeline keeps in a window `H` high under the caption: its ruler, up to four
// lanes at their smallest (a lesson's tasks stay in view whole, even in a short window) and,
// unless the window is compact, its legend row, under a header `header_h` high; never more
// than half of `H`.
inline float timeline_min_height(float H, float lh, std::size_t lanes, bool compact, float header_h) {
  const std::size_t shown = std::min<std::size_t>(std::max<std::size_t>(lanes, 1), 4);
  return std::min(H * 0.5f, header_h + timeline_canvas_height(lh, shown, /*legend=*/!compact) + 2);
}
// Whether the timeline shows its legend row (a compact window keeps it in the "(?)").
inline bool timeline_legend_row(bool compact) { return !compact; }
// The timeline's height for its `share` of `H`, leaving the main row 7 lines at least.
inline float timeline_height(float H, float lh, float gap, float share, float min_h) {
  return std::clamp(std::round(H * share), min_h, std::max(min_h, H - 7 * lh - gap));
}
// The code column: `want` (what the code needs, or where its splitter was dragged), the
// tree keeping at least half the row (more in a compact window, where the tree is the main
// view and the code wraps) unless the splitter was dragged.
inline float side_width(float want, float row_w, float lh, bool dragged, bool compact = false) {
  const float share = dragged ? 0.7f : compact ? 0.42f : 0.5f;
  const float hi = std::max(row_w * share, std::min(16 * lh, row_w * 0.5f));
  return std::clamp(want, std::min(16 * lh, hi), hi);
}
// The code's height for its `share` of the column, the output keeping 4 lines; a run that
// prints little (`output_needs`: the output panel's whole height) leaves the code the room
// its output does not need.
inline float code_height(float col_h, float lh, float share, float gap = 0, float output_needs = 1e9f) {
  const float h = std::clamp(std::round(col_h * share), std::min(4 * lh, col_h * 0.5f), std::max(col_h * 0.5f, col_h - 4 * lh));
  return std::max(h, col_h - gap - std::max(3 * lh, output_needs));
}
// What the output panel needs for `prints` lines (and the end of the run) in rows `row` high,
// under a title row `title_h` high, inside padding `pad`.
inline float output_height(std::size_t prints, float row, float title_h, float pad) {
  return title_h + static_cast<float>(prints + 1) * row + 2 * pad;
}

}  // namespace trioscope::view
