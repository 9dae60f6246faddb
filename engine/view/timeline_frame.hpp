// The timeline in pixels: where the label column, the ruler and the lanes are inside the
// timeline's area, how tall a lane is, which part of the axis and which lanes are in view,
// and the mapping between axis units and pixels. The screen's timeline panel and every
// export of the timeline build one and paint through it (timeline_paint.hpp).
//
//   ┌ labels ┬ ruler: t=0 ── t=1 ── t=2 ─────────────┐
//   │ ▶ main │ ━━━━━━━━╋━━━━━━━━━━━━━━━━━━━━━━━━━━━━ │  lane_h each; a scrollbar at the
//   │ ☾ A    │    ▶━━━━╋━━━━━━━━━━━━━ ✓              │  right when they do not all fit
//   └────────┴─────────────────────────────────────────┘
#pragma once

#include <cstddef>
#include <cstdint>

#include "view/painter.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::view {

// The sizes a timeline keeps, in line heights of its font: the ruler, the smallest lane
// (lanes give way to a scrollbar below it), the largest.
float timeline_ruler_height(float lh);
float timeline_lane_min(float lh);
float timeline_lane_max(float lh);
// The height a timeline needs to show its ruler, `lanes` lanes at their smallest and, with
// `legend`, its legend row.
float timeline_canvas_height(float lh, std::size_t lanes, bool legend = true);

struct TimelineFrame {
  Rect area;               // everything: labels, ruler, lanes (and the scrollbar)
  Rect canvas;             // the lanes, right of the labels and below the ruler
  Rect legend;             // the legend row under everything (empty when none)
  float ruler_top = 0;
  float label_w = 0;       // the label column
  float lane_h = 20;
  bool scrollbar = false;  // the lanes do not all fit: a scrollbar right of the canvas
  float scrollbar_w = 0;
  float line_height = 18;
  double x0 = 0, x1 = 1;   // the visible part of the axis
  float scroll = 0;        // the first visible lane (fractional)
  float visible_lanes = 0;
  float max_scroll = 0;

  double ppu() const { return (canvas.x1 - canvas.x0) / (x1 - x0); }  // pixels per axis unit
  float px(double x) const { return static_cast<float>(canvas.x0 + (x - x0) * ppu()); }
  double unit(float px) const { return x0 + (px - canvas.x0) / ppu(); }
  float lane_y(double lane) const { return static_cast<float>(canvas.y0 + (lane - scroll) * lane_h); }
  // The lanes partly in view, as [first, last).
  std::int32_t first_lane() const;
  std::int32_t last_lane(std::size_t lanes) const;
  // The lane at surface y (may be out of range), and the x of the playhead at `step`.
  std::int32_t lane_at(float y) const;
  float head_x(const TimelineLayout& tl, std::int32_t step) const;
};

// Lays the frame out in `area` with the line height of the labels' font. A scrollbar, when
// the lanes need one, takes `scrollbar_w` at the right. `scroll` is clamped to the lanes.
// With `legend`, a row at the bottom explains the lanes' states and marks.
TimelineFrame timeline_frame(const TimelineLayout& tl, const Rect& area, float line_height, float scrollbar_w,
                             double x0, double x1, float scroll, bool legend = false);
// The legend row's height.
float timeline_legend_height(float lh);

// The visible range that shows the whole run.
void fit_timeline(const TimelineLayout& tl, double& x0, double& x1);
// The axis position of the playhead at `step` (the middle of the event's slot).
double playhead_x(const TimelineLayout& tl, std::int32_t step);

}  // namespace trioscope::view
