// The app remembers its window and look between sessions in a small text file in the
// user's config folder ($XDG_CONFIG_HOME/trioscope/app.ini, else ~/.config/...;
// TRIOSCOPE_CONFIG names another file, or "none" for no file at all).
//
// The file is written atomically (document/atomic_file), so a crash or a full disk never
// leaves half a file behind.
// Reading is forgiving: unknown keys are ignored and values are clamped.
#pragma once

#include <string>

#include "gui/preferences.hpp"

namespace trioscope::gui {

std::string settings_path();  // "" when settings are not kept
// Fills `p` with what the file has; false when there is no readable file.
bool load_settings(const std::string& path, Preferences& p);
// The text the file would hold (what save_settings writes).
std::string settings_text(const Preferences& p);
// Writes atomically; false (and the old file untouched) on any error.
bool save_settings(const std::string& path, const Preferences& p);

}  // namespace trioscope::gui
