// The animation of a run from step A to step B, as frames: each step shown for 1/speed
// seconds, the move into it animated as the screen animates it (the tree gliding from the
// step before, the step's effects playing: a Cancelled token travelling to the tasks it
// reaches, the exception travelling up to its nursery, the group forming) for the app's
// animation time or the step's time if that is shorter; the last step held a while before
// the animation loops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/render.hpp"
#include "view/animation.hpp"
#include "view/snapshot.hpp"

namespace trioscope::exporting {

inline constexpr double kStepAnimationSeconds = 0.6;  // the app's default
inline constexpr double kHoldAtEndSeconds = 2.0;

struct Frame {
  std::int32_t step = -1;
  double at = 0;       // seconds since the step began
  double seconds = 0;  // how long the frame shows
};

// Frames at `fps` while something moves, one frame for the rest of each step.
std::vector<Frame> animation_frames(std::int32_t first, std::int32_t last, double speed, int fps,
                                    double step_seconds_animated = kStepAnimationSeconds,
                                    double hold_at_end = kHoldAtEndSeconds);

// Paints frames onto a page raster, animating each step in with view::Animator and the
// step's effects (view::effects_between), as the screen does.
class FramePainter {
 public:
  FramePainter(PageRaster& raster, double step_seconds_animated = kStepAnimationSeconds);
  void paint(const Frame& f);

 private:
  PageRaster& raster_;
  double animated_;
  std::int32_t step_ = -2;
  bool started_ = false;
  view::Snapshot snapshot_;
  view::TreeLayout tree_;
  std::string caption_;
  view::Animator animator_;
};

}  // namespace trioscope::exporting
