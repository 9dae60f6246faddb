// Dear ImGui's style for the two themes, at a UI scale.
#pragma once

#include "view/palette.hpp"

namespace trioscope::gui {

// Replaces ImGui's style: colours from the palette, sizes scaled (fonts are scaled
// separately, by rebuilding the atlas).
void apply_theme(view::Theme theme, float scale);

}  // namespace trioscope::gui
