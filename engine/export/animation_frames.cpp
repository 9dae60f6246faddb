#include "export/animation_frames.hpp"

#include <algorithm>
#include <cmath>

#include "view/effects.hpp"

namespace trioscope::exporting {

std::vector<Frame> animation_frames(std::int32_t first, std::int32_t last, double speed, int fps, double animated,
                                    double hold_at_end) {
  std::vector<Frame> out;
  const double step_s = 1.0 / std::max(0.01, speed);
  const double anim = std::min(animated, step_s);
  const int n = std::max(1, static_cast<int>(std::lround(anim * std::max(1, fps))));
  for (std::int32_t s = first; s <= last; ++s) {
    double shown = step_s + (s == last ? hold_at_end : 0);
    // The first step is where the animation starts: shown at rest.
    if (s > first && anim > 0) {
      const double dt = anim / n;
      for (int k = 0; k < n; ++k) {
        out.push_back({s, dt * k, dt});
        shown -= dt;
      }
      out.push_back({s, anim, std::max(0.0, shown)});
    } else {
      out.push_back({s, anim, shown});
    }
  }
  return out;
}

FramePainter::FramePainter(PageRaster& raster, double animated) : raster_(raster), animated_(animated) {}

void FramePainter::paint(const Frame& f) {
  const view::Page& page = raster_.page();
  const view::PageSource& src = page.source();
  if (!started_ || f.step != step_) {
    // A new step: the animation from the tree on screen to this step's.
    const bool next = started_ && f.step == step_ + 1;
    view::TreeLayout from = next ? std::move(tree_) : page.layout_tree(src.playback->snapshot_at(f.step - 1));
    snapshot_ = src.playback->snapshot_at(f.step);
    tree_ = page.layout_tree(snapshot_);
    caption_ = page.caption(f.step);
    std::vector<view::Effect> fx =
        view::effects_between(*src.trace, *src.playback, src.blocks, f.step - 1, f.step);
    animator_.begin(std::move(from), std::move(fx), 0, static_cast<float>(animated_));
    step_ = f.step;
    started_ = true;
  }
  view::PageStep s;
  s.step = snapshot_.step;
  s.snapshot = &snapshot_;
  s.caption = caption_;
  s.tree = &tree_;
  s.progress = animator_.progress(f.at);
  s.from = animator_.running(f.at) ? animator_.from() : nullptr;
  s.effects = animator_.running(f.at) ? &animator_.effects() : nullptr;
  raster_.paint(s);
}

}  // namespace trioscope::exporting
