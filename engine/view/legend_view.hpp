// The key to the states: every state's colour, icon and word (the colour is never the key
// alone), and what it means. The screen shows it in the tree's and the timeline's "(?)"
// tooltips; an exported page shows it as a row of swatches under the views.
#pragma once

#include <span>
#include <vector>

#include "view/painter.hpp"
#include "view/task_state.hpp"

namespace trioscope::view {

struct LegendRow {
  DisplayState state;
  const char* meaning;
};
// In the order a lesson meets them.
std::span<const LegendRow> state_legend_rows();

// The swatch of a row, for a line of text `line_h` high: how wide and high it is.
Vec2 legend_swatch(float line_h);

// The legend as one or more rows of "swatch icon word" items that wrap at `width`.
struct LegendLayout {
  std::vector<Vec2> items;  // each row's item, relative to the legend's corner
  float line_h = 0;
  float width = 0, height = 0;
};
LegendLayout layout_legend(const Painter& p, float width);
void paint_legend(Painter& p, const LegendLayout& l, Vec2 at, Theme theme);

}  // namespace trioscope::view
