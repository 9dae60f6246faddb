// The toolbar: the lessons toggle and the title; run settings (strict_exception_groups,
// scheduling, seed: each change reruns the scenario, so a class can compare); the look
// (theme, text size, the ⚙ menu); and a second row for playback, the scrub slider, the
// virtual time and the speed. It wraps instead of clipping in a narrow window.
#pragma once

#include "gui/panel.hpp"

namespace trioscope::gui {

class ToolbarPanel final : public Panel {
 public:
  ToolbarPanel();

 protected:
  void draw_content(PanelContext& ctx) override;

 private:
  void title_and_settings(PanelContext& ctx, bool narrow);
  void playback_row(PanelContext& ctx, bool narrow);
};

}  // namespace trioscope::gui
