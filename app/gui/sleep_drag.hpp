// Dragging the end of a sleep on the timeline changes how long it sleeps, and the run is
// made again as the pointer moves: "what if B slept 5 s?" answered by dragging. What the
// drag changes is the literal the sleep's time comes from (edit::duration_source): the
// sleep's own number, or the argument its task was started with. The whole drag is one
// undo step. A sleep whose time comes from elsewhere (a loop variable) says why in its
// tooltip and cannot be dragged.
#pragma once

#include <cstdint>
#include <optional>

#include "edit/scenario_edit.hpp"
#include "gui/panel.hpp"
#include "view/timeline_frame.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::gui {

class SleepDrag {
 public:
  // Draws the handles of the sleeps in view, and moves the one being dragged. True while
  // the pointer belongs to it (the timeline does not pan then). `hovered`: the pointer is
  // over the timeline's canvas.
  bool update(PanelContext& ctx, const view::TimelineLayout& tl, const view::TimelineFrame& f, bool hovered);
  bool dragging() const { return active_.has_value(); }
  // The handle, or the sleep's new end while dragging, over the lanes.
  void paint(PanelContext& ctx) const;

 private:
  struct Handle {
    std::int32_t task = -1;
    std::int32_t sleeping = -1;  // the sleeping event
    float x = 0, y0 = 0, y1 = 0;
  };
  // The sleep ends in view, into the frame report.
  void report(PanelContext& ctx, const view::TimelineLayout& tl, const view::TimelineFrame& f) const;
  std::optional<Handle> handle_at(PanelContext& ctx, const view::TimelineLayout& tl, const view::TimelineFrame& f,
                                  ImVec2 mouse) const;
  struct Active {
    std::int32_t task = -1;
    int ordinal = 0;                 // which of the task's sleeps (they keep their order)
    edit::DurationSite site;
    double start = 0;                // when the sleep began (virtual seconds)
    double was = 0;                  // its time when the drag began
    double value = -1;               // the time the lesson has now
    view::TimeAxis axis;             // the axis as it was when the drag began: the
    double x0 = 0, x1 = 1;           // pointer's place means the same time all along
    float canvas_x0 = 0, canvas_x1 = 1;
  };
  std::optional<Active> active_;
  struct Bar {
    float x = 0, y0 = 0, y1 = 0;
  };
  std::optional<Bar> bar_;
};

}  // namespace trioscope::gui
