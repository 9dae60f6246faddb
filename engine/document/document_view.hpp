// How one open document is being looked at: the step on screen, the timeline's zoom and
// scroll, the selected task. It is what an exporter needs to draw what the screen shows,
// so it lives beside the document rather than in the app; the app's preferences (theme,
// scale, panel sizes) and its passing input state (hover, drags) are kept elsewhere.
#pragma once

#include <cstdint>

namespace trioscope::document {

struct DocumentView {
  std::int32_t step = -1;      // the step on screen (-1: before the run)

  // Timeline
  double tl_x0 = 0, tl_x1 = 0;  // visible axis range; tl_x1 <= tl_x0 means "fit"
  float tl_scroll = 0;          // first visible lane (fractional)
  bool tl_follow = true;        // keep the playhead in view while playing
  // While a drag edits the lesson, a rerun keeps the timeline's zoom (it would jump under
  // the pointer if it were fitted to each new run).
  bool tl_hold = false;

  std::int32_t selected_task = -1;

  // A new lesson: the beginning, the whole timeline, nothing selected.
  void reset() { *this = DocumentView{.tl_follow = tl_follow}; }
  void fit_timeline() { tl_x1 = tl_x0; }
};

}  // namespace trioscope::document
