// The state legend: every state's colour swatch, icon and word (and what it means), so
// that colour is never the only key. Shown by the tree's and the timeline's "(?)".
#pragma once

#include "view/palette.hpp"

namespace trioscope::gui {

// Rows in the current window or tooltip; brief: three to a row, without the meanings.
void state_legend(view::Theme theme, bool brief = false);

}  // namespace trioscope::gui
