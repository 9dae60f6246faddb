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
};

void paint_timeline(Painter& p, const TimelineFrame& f, const TimelineScene& s);

// What the timeline's header says about its axis, where the eye looks for a scale: the
// long form when it fits, else the short one.
inline constexpr const char* kTimelineNotToScale = "time axis not to scale: instants are widened to show their steps";
inline constexpr const char* kTimelineNotToScaleShort = "time not to scale";

}  // namespace trioscope::view
