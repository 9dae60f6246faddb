// Painting the nursery tree: the boxes of a tree layout, morphing from the layout of the
// step before while the step's effects (tokens travelling between boxes) play on top, and
// the "trio.run(...)" chip above it that says how the run ended.
//
// The same code paints the screen's tree panel and every export of the tree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "view/effects.hpp"
#include "view/painter.hpp"
#include "view/snapshot.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {

struct TreeScene {
  const trio::Trace* trace = nullptr;
  const TreeLayout* layout = nullptr;
  Theme theme = Theme::light;
  Vec2 origin;                     // where the layout's (0, 0) is on the surface
  Rect visible;                    // boxes outside it are not painted
  std::int32_t selected_task = -1;
  // The animation into this step: the layout it comes from, how far the boxes have
  // glided (eased, 0..1), and the step's effects at `effects_progress` (0..1).
  const TreeLayout* from = nullptr;
  float morph = 1;
  const std::vector<Effect>* effects = nullptr;
  float effects_progress = 1;
};

void paint_tree(Painter& p, const TreeScene& scene);

// What the "trio.run(main)" chip says: how the run has ended so far.
std::string run_chip_label(const trio::Trace& trace, const Snapshot& s);

// The "trio.run(main)" chip with how the run has ended so far ("✗ raised ExceptionGroup
// [ValueError]", "✓ returned"), shortened to `room` pixels, its top-left corner at `at`.
void paint_run_chip(Painter& p, const trio::Trace& trace, const Snapshot& s, Theme theme, Vec2 at, float room);

// How far the boxes have glided at animation progress `progress`: they move in the first
// part of the animation, and the effects then play over the new layout.
float tree_morph(float progress);

// Where the tree sits in its panel, in line heights `lh` of the tree's font: the row of the
// "trio.run" chip above the boxes, the inset of chip and boxes from the panel's left edge,
// and the width the boxes wrap in when the panel's content is `avail` wide.
inline float tree_run_band(float lh) { return lh * 2.0f; }
inline float tree_inset(float lh) { return lh * 0.3f; }
inline float tree_wrap_width(float avail, float lh) { return avail - lh > 10 * lh ? avail - lh : 10 * lh; }
// The room the run chip has when the panel's content ends at `right` and the chip starts at x.
inline float tree_run_chip_room(float right, float x, float lh) { return right - x - lh * (kChipPadding + 0.3f); }

// How far to scroll a view showing `visible` so that `focus` is in it with `margin` around:
// down far enough for its bottom but never past its top; sideways as little as it takes
// and never past its left edge (the tree's left side is where the eye finds its parents),
// and not at all when it is whole already (within `slack`, a border's width).
Vec2 scroll_to_focus(const Rect& focus, const Rect& visible, float margin, float slack);
// The room the tree keeps around the step's part of it, and how far out of view a box may
// be and still count as whole (a border's width).
inline float tree_focus_margin(float lh) { return lh * 0.6f; }
inline constexpr float kTreeFocusSlack = 2;

}  // namespace trioscope::view
