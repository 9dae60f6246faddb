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
  // The first row (title, run settings, look) drawn in the menu bar when it fits there, so
  // that a projector keeps that row for the lesson. Call inside the menu bar, after its
  // menus; the toolbar then draws only its playback row this frame.
  void draw_in_menu_bar(PanelContext& ctx);

 protected:
  void draw_content(PanelContext& ctx) override;

 private:
  void title_and_settings(PanelContext& ctx, bool narrow);
  // What the first row needs right of the title (px).
  float settings_width(const PanelContext& ctx, bool narrow) const;
  bool row1_in_menu_ = false;
  void playback_row(PanelContext& ctx, bool narrow);
};

}  // namespace trioscope::gui
