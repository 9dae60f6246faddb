// The sizes the screen and every export share, so that a page exported at UI scale S looks
// like the app's window at that scale: the pixel height of each font role, and the padding,
// spacing and rounding of the panels. The screen sets Dear ImGui's fonts and style from
// these numbers; the exporters lay their pages out with them.
#pragma once

#include <cmath>

#include "view/painter.hpp"

namespace trioscope::view {

// Pixel heights of the fonts at UI scale 1 (ascent to descent, as Dear ImGui sizes a font),
// indexed by Font: ui, bold, mono, caption, tree, tree_bold. A laptop at arm's length; a
// projector grows them with the UI scale.
inline constexpr float kFontPixels[kFontCount] = {17, 17, 16, 21, 19, 19};
inline float font_pixels(Font f, float scale) { return std::round(kFontPixels[static_cast<int>(f)] * scale); }

// Panels, in pixels at UI scale 1: the padding inside a panel and the rounding of its
// corners grow with the scale; the spacing between the items inside a main panel does not
// (the screen keeps it at 8 x 6 at every scale); the border is one pixel.
inline constexpr float kPanelPadding = 8;
inline constexpr float kItemSpacingX = 8, kItemSpacingY = 6;
inline constexpr float kPanelRounding = 4;
inline constexpr float kPanelBorder = 1;
inline constexpr float kScrollbarSize = 16;

}  // namespace trioscope::view
