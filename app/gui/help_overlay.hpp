// F1: the keys and the legend, big and in front of everything, for a presenter who wants
// to remind the class (or themselves) what the colours, icons and keys mean. Esc or F1
// closes it.
#pragma once

#include "gui/panel.hpp"

namespace trioscope::gui {

void draw_help_overlay(PanelContext& ctx);

}  // namespace trioscope::gui
