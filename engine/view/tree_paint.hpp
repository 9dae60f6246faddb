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

}  // namespace trioscope::view
