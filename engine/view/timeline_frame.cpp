#include "view/timeline_frame.hpp"

#include <algorithm>
#include <cmath>

namespace trioscope::view {

float timeline_ruler_height(float lh) { return lh * 1.4f; }
// Lanes give way (down to a little under a line) before any of them scrolls out of view.
float timeline_lane_min(float lh) { return std::round(0.85f * lh); }
float timeline_lane_max(float lh) { return lh * 2.2f; }
float timeline_legend_height(float lh) { return std::round(lh * 1.35f); }
float timeline_canvas_height(float lh, std::size_t lanes, bool legend) {
  return timeline_ruler_height(lh) + static_cast<float>(lanes) * timeline_lane_min(lh) +
         (legend ? timeline_legend_height(lh) : 0);
}

std::int32_t TimelineFrame::first_lane() const { return std::max(0, static_cast<std::int32_t>(std::floor(scroll))); }

std::int32_t TimelineFrame::last_lane(std::size_t lanes) const {
  return std::min(static_cast<std::int32_t>(lanes), static_cast<std::int32_t>(std::ceil(scroll + visible_lanes)) + 1);
}

std::int32_t TimelineFrame::lane_at(float y) const {
  return static_cast<std::int32_t>(std::floor(scroll + (y - canvas.y0) / lane_h));
}

double playhead_x(const TimelineLayout& tl, std::int32_t step) { return tl.axis.x_of(step) + 0.5 * tl.axis.event_width; }

float TimelineFrame::head_x(const TimelineLayout& tl, std::int32_t step) const { return px(playhead_x(tl, step)); }

TimelineFrame timeline_frame(const TimelineLayout& tl, const Rect& all, float lh, float scrollbar_w, double x0,
                             double x1, float scroll, bool legend) {
  TimelineFrame f;
  Rect area = all;
  if (legend) {
    f.legend = {all.x0, all.y1 - timeline_legend_height(lh), all.x1, all.y1};
    area.y1 = f.legend.y0;
  }
  f.area = area;
  f.line_height = lh;
  f.label_w = std::min(std::round(area.w() * 0.26f), 22 * lh);
  // Few lanes get taller, so that a class sees them from the back; many stay compact and
  // scroll, with a scrollbar that says there are more.
  const float ruler_h = timeline_ruler_height(lh);
  const float lanes_room = std::max(1.0f, area.h() - ruler_h);
  const float nlanes = static_cast<float>(std::max<std::size_t>(1, tl.lanes.size()));
  f.lane_h = std::floor(std::clamp(lanes_room / nlanes, timeline_lane_min(lh), timeline_lane_max(lh)));
  f.scrollbar = f.lane_h * nlanes > lanes_room + 0.5f;
  f.scrollbar_w = f.scrollbar ? scrollbar_w : 0;
  f.ruler_top = area.y0;
  f.canvas = {area.x0 + f.label_w + lh * 0.5f, area.y0 + ruler_h, area.x1 - f.scrollbar_w, area.y1};
  f.visible_lanes = (f.canvas.y1 - f.canvas.y0) / f.lane_h;
  f.max_scroll = std::max(0.0f, static_cast<float>(tl.lanes.size()) - f.visible_lanes);
  f.scroll = std::clamp(scroll, 0.0f, f.max_scroll);
  f.x0 = x0;
  f.x1 = x1;
  return f;
}

void fit_timeline(const TimelineLayout& tl, double& x0, double& x1) {
  const double margin = std::max(1.0, tl.axis.end_x * 0.01);
  x0 = -margin;
  x1 = tl.axis.end_x + margin;
}

}  // namespace trioscope::view
