// Output: what the program printed up to this step, each line with its virtual time, like
// the article's "Run this" output, and how the run ended. The line printed by this very
// step is marked; new lines scroll into view.
#pragma once

#include "gui/panel.hpp"

namespace trioscope::gui {

class OutputPanel final : public Panel {
 public:
  OutputPanel();
  // Draws into the current window (the output tab of a short window has no title row).
  void draw_here(PanelContext& ctx, bool titled);

 protected:
  void draw_content(PanelContext& ctx) override { draw_here(ctx, true); }

 private:
  int rows_shown_ = -1;   // lines shown last frame (scroll to new ones)
  int scroll_frames_ = 0;
};

}  // namespace trioscope::gui
