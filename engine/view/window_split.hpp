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

// The least a timeline keeps in a window `H` high under the caption: its ruler and a few
// lanes (two in a compact window) under a header `header_h` high, never more than half.
inline float timeline_min_height(float H, float lh, std::size_t lanes, bool compact, float header_h) {
  const std::size_t shown = std::min<std::size_t>(std::max<std::size_t>(lanes, 1), compact ? 2 : 4);
  return std::min(H * 0.5f, header_h + timeline_canvas_height(lh, shown) + 2);
}
// The timeline's height for its `share` of `H`, leaving the main row 7 lines at least.
inline float timeline_height(float H, float lh, float gap, float share, float min_h) {
  return std::clamp(std::round(H * share), min_h, std::max(min_h, H - 7 * lh - gap));
}
// The code column: `want` (what the code needs, or where its splitter was dragged), the
// tree keeping at least half the row unless the splitter was dragged.
inline float side_width(float want, float row_w, float lh, bool dragged) {
  const float hi = std::max(row_w * (dragged ? 0.7f : 0.5f), std::min(16 * lh, row_w * 0.5f));
  return std::clamp(want, std::min(16 * lh, hi), hi);
}
// The code's height for its `share` of the column, the output keeping 4 lines.
inline float code_height(float col_h, float lh, float share) {
  return std::clamp(std::round(col_h * share), std::min(4 * lh, col_h * 0.5f), std::max(col_h * 0.5f, col_h - 4 * lh));
}

}  // namespace trioscope::view
