#include "view/animation.hpp"

#include <algorithm>

namespace trioscope::view {

void Animator::begin(TreeLayout from, std::vector<Effect> effects, double now, float seconds) {
  from_ = std::move(from);
  effects_ = std::move(effects);
  start_ = now;
  seconds_ = seconds;
  active_ = seconds > 0;
}

float Animator::progress(double now) const {
  if (!active_ || seconds_ <= 0) return 1.0f;
  if (held_ >= 0) return std::min(held_, 1.0f);
  return std::clamp(static_cast<float>((now - start_) / seconds_), 0.0f, 1.0f);
}

float ease(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return t * t * (3 - 2 * t);
}

}  // namespace trioscope::view
