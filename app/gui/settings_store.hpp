// The app remembers its window and look between sessions in a small text file in the
// user's config folder ($XDG_CONFIG_HOME/trioscope/app.ini, else ~/.config/...;
// TRIOSCOPE_CONFIG names another file, or "none" for no file at all).
//
// The file is written atomically (a temporary file in the same folder, flushed, then
// renamed over the old one), so a crash or a full disk never leaves half a file behind.
// Reading is forgiving: unknown keys are ignored and values are clamped.
#pragma once

#include <string>

#include "gui/view_state.hpp"

namespace trioscope::gui {

struct WindowGeometry {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1440, height = 900;
  bool maximized = false;
};

struct StoredSettings {
  WindowGeometry window;
  std::string last_file;
};

std::string settings_path();  // "" when settings are not kept
// Fills `vs` and `out` with what the file has; false when there is no readable file.
bool load_settings(const std::string& path, ViewState& vs, StoredSettings& out);
// The text the file would hold (what save_settings writes).
std::string settings_text(const ViewState& vs, const StoredSettings& s);
// Writes atomically; false (and the old file untouched) on any error.
bool save_settings(const std::string& path, const ViewState& vs, const StoredSettings& s);

}  // namespace trioscope::gui
