// Rendering app frames off screen, to a PNG: the screenshot mode and the GUI tests.
//
// Frames go to a framebuffer object of exactly the requested size, so a screenshot does
// not depend on the screen, the window manager or whether the window is visible. With the
// app in deterministic mode two runs give byte-identical files.
#pragma once

#include <string>

namespace trioscope::gui {

class App;
class Platform;

// Renders `frames` frames of `app` at width x height and writes the last one to `png`.
// False with a message in `error` when the framebuffer or the file cannot be made.
bool capture_png(Platform& platform, App& app, int width, int height, int frames, const std::string& png,
                 std::string& error);

}  // namespace trioscope::gui
