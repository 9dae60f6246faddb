// The timeline: one lane per task along (stretched) virtual time, laid out and painted by
// engine/view (timeline_frame, timeline_paint). Here: the header row (Fit, Follow, the
// legend), zoom around the mouse (wheel), pan (drag), lane scrolling (Shift+wheel or the
// scrollbar), a click to jump to the event under the mouse, and a new step bringing its
// task's lane and the playhead into view.
#pragma once

#include <cstdint>

#include "gui/panel.hpp"
#include "gui/sleep_drag.hpp"
#include "view/timeline_frame.hpp"

namespace trioscope::gui {

class TimelinePanel final : public Panel {
 public:
  TimelinePanel();

 protected:
  void draw_content(PanelContext& ctx) override;

 private:
  static const view::TimelineLayout& layout(const PanelContext& ctx);
  void header(PanelContext& ctx, bool& fit_now);
  void scrollbar(PanelContext& ctx, view::TimelineFrame& f);
  void hover(PanelContext& ctx, const view::TimelineFrame& f, std::int32_t hover_lane, bool hovered, bool over_canvas);

  std::int32_t followed_step_ = -2;  // the step the playhead was last brought into view for
  SleepDrag sleep_drag_;
  std::int32_t lanes_step_ = -2;     // the step whose task's lane was last brought into view
};

}  // namespace trioscope::gui
