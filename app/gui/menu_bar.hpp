// The menu bar: File (New from a lesson, Open, Open Recent, Save, Save As, Revert, Quit),
// Edit (Undo, Redo, Cut, Copy, Paste, Find, Go to Line, Run Now), View and Help, with
// the keys beside each. Menus only ask: file actions go to the app's FileFlow, edits to
// the session, both applied between frames.
#pragma once

#include "gui/panel.hpp"

namespace trioscope::gui {

class App;
// Draws the bar at the top of the window; returns its height.
float draw_menu_bar(App& app, PanelContext& ctx);

}  // namespace trioscope::gui
