// How the app is looking at the document: position, playback, zoom, theme, scale. Kept
// apart from the document (what is looked at), as Tracy keeps ViewData apart from Worker.
#pragma once

#include <cstdint>

#include "view/palette.hpp"

namespace trioscope::gui {

struct ViewState {
  // Playback
  std::int32_t step = -1;      // the step on screen (-1: before the run)
  bool playing = false;
  float speed = 3.0f;          // steps per second while playing
  double play_clock = 0;       // seconds accumulated towards the next step
  float anim_seconds = 0.6f;   // length of a step's animation; 0: none

  // Look
  view::Theme theme = view::Theme::light;
  float ui_scale = 1.0f;       // fonts and sizes; Ctrl +/- change it
  bool fullscreen = false;     // presentation mode (F11)
  bool show_lessons = true;

  // Layout, as fractions of the window, dragged by the splitters
  float lessons_width = 0.17f;
  float side_width = 0;        // code + output column; 0: as wide as the code needs
                               // (double-click its splitter to come back to that)
  float code_height = 0.60f;   // code's share of the side column
  float timeline_height = 0.30f;

  // Timeline
  double tl_x0 = 0, tl_x1 = 0;  // visible axis range; tl_x1 <= tl_x0 means "fit"
  float tl_scroll = 0;          // first visible lane (fractional)
  bool tl_follow = true;        // keep the playhead in view while playing

  // Selection shared by the panels
  std::int32_t hovered_task = -1;
  std::int32_t selected_task = -1;
};

}  // namespace trioscope::gui
