// Painting the timeline from its layout and frame: the lane labels (state icon and task),
// the ruler with its tick labels, the lanes' state spans and marks, the arrows between
// lanes, the deadlines that passed while the loop was blocked, the dimmed future and the
// playhead. The screen's timeline panel and every export of the timeline paint with it.
//
// Only what is in view is visited: lanes by index, spans, marks and arrows by binary
// search on x. What is smaller than a pixel is merged: neighbouring sub-pixel spans into
// one bar in the colour of the longest, marks into one per column (the most important).
#pragma once

#include <cstdint>
#include <string>

#include "core/trace.hpp"
#include "view/painter.hpp"
#include "view/snapshot.hpp"
#include "view/timeline_frame.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::view {

struct TimelineScene {
  const trio::Trace* trace = nullptr;
  const TimelineLayout* layout = nullptr;
  const Snapshot* snapshot = nullptr;  // the state at `step` (the labels' icons)
  std::int32_t step = -1;
  Theme theme = Theme::light;
  std::int32_t selected_task = -1;
  std::int32_t hovered_task = -1;
  std::int32_t hover_lane = -1;  // the lane under the pointer (-1: none)
  bool show_future = false;      // draw what has not happened yet (dimmed) instead of hiding it
};

void paint_timeline(Painter& p, const TimelineFrame& f, const TimelineScene& s);

// What the timeline's header says about its axis, where the eye looks for a scale.
inline const char* timeline_axis_note(bool widened) {
  return widened ? "time not to scale: instants widened" : "time to scale";
}

// The label the timeline shows beside the playhead: what this step is about in a few words
// (step_facts.hpp), on the lane of the task that acts. Empty text: none at this step.
struct TimelineLabel {
  std::string text;
  std::int32_t lane = -1;
  Rect rect;
  ColorRole role = ColorRole::playhead;
  float scale = 1;  // of the UI font: no taller than a lane
};
TimelineLabel timeline_label(const Painter& p, const TimelineFrame& f, const TimelineScene& s);

// The legend row: a swatch (colour and pattern), icon and word for each state the run's
// lanes show, then the kinds of marks, as many as fit in `r`; "…" when some do not (the
// screen's "(?)" has them all).
void paint_timeline_legend(Painter& p, const Rect& r, const TimelineLayout& tl, Theme theme);

}  // namespace trioscope::view
