// The window around the app: GLFW, the OpenGL context, Dear ImGui's backends, fonts and
// theme, full screen, and dropped files. Every mode (interactive, screenshot, benchmark)
// goes through it, so they all draw exactly the same frames.
#pragma once

#include <string>

struct GLFWwindow;

namespace trioscope::gui {

class App;
struct WindowGeometry;

class Platform {
 public:
  ~Platform();
  // Opens the window (hidden for screenshots) and sets up ImGui; false with a one-line
  // reason when there is no display or no OpenGL 3.3.
  bool open(const WindowGeometry& g, bool visible, std::string& error);
  // Installs the drop callback and the scale/theme/fonts of `app`.
  void attach(App& app);
  // One frame. `size` > 0 overrides the display size (screenshots render off screen);
  // deterministic frames ignore the mouse, keyboard and clock.
  void frame(App& app, float dt, int width = 0, int height = 0, bool deterministic = false);
  // Between frames: what the last frame asked for (fonts, full screen).
  void apply_requests(App& app);
  void swap();
  bool should_close() const;
  GLFWwindow* window() const { return win_; }
  // The window's geometry now (for the settings file); false in full screen.
  bool geometry(WindowGeometry& g) const;
  float content_scale() const { return content_scale_; }

 private:
  void rebuild_look(App& app);
  void toggle_fullscreen(App& app);

  GLFWwindow* win_ = nullptr;
  bool imgui_ready_ = false;
  float content_scale_ = 1.0f;
  int saved_x_ = 0, saved_y_ = 0, saved_w_ = 0, saved_h_ = 0;
};

}  // namespace trioscope::gui
