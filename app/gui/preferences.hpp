// What the app remembers between sessions (settings_store.hpp writes it): the look, the
// panel sizes, playback speed, the window and the last file. Per-document view state
// (step, zoom, selection) is document::DocumentView; passing input state is InputState.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "view/palette.hpp"
#include "view/window_split.hpp"

namespace trioscope::gui {

// The UI scale: one step for the keys, the buttons and the command line alike.
inline constexpr float kScaleMin = 0.5f, kScaleMax = 4.0f, kScaleStep = 0.25f;
// `scale` moved by `steps` scale steps, onto the step grid and within the limits.
inline float stepped_scale(float scale, int steps) {
  const float s = std::round((scale + static_cast<float>(steps) * kScaleStep) / kScaleStep) * kScaleStep;
  return std::clamp(s, kScaleMin, kScaleMax);
}

struct WindowGeometry {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1440, height = 900;
  bool maximized = false;
};

struct Preferences {
  // Look
  view::Theme theme = view::Theme::light;
  float ui_scale = 1.0f;       // fonts and sizes; Ctrl +/- change it
  // Playback
  float speed = 3.0f;          // steps per second while playing
  float anim_seconds = 0.6f;   // length of a step's animation; 0: none
  // Layout, as fractions of the window, dragged by the splitters
  bool show_lessons = true;
  float lessons_width = 0.17f;
  float side_width = 0;        // code + output column; 0: as wide as the code needs
                               // (double-click its splitter to come back to that)
  float code_height = view::kCodeShare;          // code's share of the side column
  float timeline_height = view::kTimelineShare;
  // Timeline
  bool tl_widened = false;     // instants widened to show their steps (the axis is then not to scale)
  bool tl_show_future = false; // what has not happened yet is drawn (dimmed) instead of hidden
  // The window and what was open
  WindowGeometry window;
  std::string last_file;
  std::vector<std::string> recent_files;  // File > Open Recent, newest first
  static constexpr std::size_t kRecentFiles = 10;
  // `path` opened or saved: first in the recent files.
  void remember_recent(const std::string& path) {
    if (path.empty()) return;
    recent_files.erase(std::remove(recent_files.begin(), recent_files.end(), path), recent_files.end());
    recent_files.insert(recent_files.begin(), path);
    if (recent_files.size() > kRecentFiles) recent_files.resize(kRecentFiles);
  }
};

}  // namespace trioscope::gui
