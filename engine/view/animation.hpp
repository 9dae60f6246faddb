// The animation between two steps: the tree morphs from the old layout to the new one
// (boxes glide, new ones fade in, gone ones fade out) while the step's effects play.
//
// Stepping never waits: arriving at a new step restarts the animation from whatever is on
// screen. In screenshot mode the animation is off and every frame shows its end state.
#pragma once

#include <optional>
#include <vector>

#include "view/effects.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {

class Animator {
 public:
  // Called when the step changes: `from` is the tree as it was on screen.
  void begin(TreeLayout from, std::vector<Effect> effects, double now, float seconds);
  void stop() { active_ = false; }
  // Screenshots of an animation: hold it at this progress (negative: follow the clock).
  void hold_at(float progress) { held_ = progress; }
  // 0..1 through the animation (1: done or off).
  float progress(double now) const;
  bool running(double now) const { return active_ && progress(now) < 1.0f; }
  const TreeLayout* from() const { return active_ ? &from_ : nullptr; }
  const std::vector<Effect>& effects() const { return effects_; }

 private:
  bool active_ = false;
  TreeLayout from_;
  std::vector<Effect> effects_;
  double start_ = 0;
  float seconds_ = 0;
  float held_ = -1;
};

// Smooth start and stop, so that motion reads as movement rather than a jump.
float ease(float t);

}  // namespace trioscope::view
