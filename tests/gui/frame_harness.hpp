// Runs the app's frames without a window: Dear ImGui lays out and draws into its draw
// lists, and nothing is rendered. Sizes, fonts and theme are the app's own, so the layout
// rules (what fits, what is in view) are checked exactly as the screen would show them;
// keys and clicks go in through ImGuiIO as the GLFW backend sends them.
#pragma once

#include <unistd.h>

#include <cfloat>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "gui/app.hpp"
#include "gui/theme.hpp"

namespace trioscope::gui::testing {

// A file's bytes ("" when it cannot be read).
inline std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch folder of the test's own, removed with everything in it.
struct TempDir {
  TempDir() {
    std::string t = (std::filesystem::temp_directory_path() / "trioscope-gui-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

inline const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

inline float width(const ImVec4& r) { return r.z - r.x; }
inline float height(const ImVec4& r) { return r.w - r.y; }
inline ImVec2 centre(const ImVec4& r) { return ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f); }


class Frames {
 public:
  Frames(int width, int height, float scale, view::Theme theme = view::Theme::light) : app(kLessons) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.ConfigInputTextCursorBlink = false;
    // The GLFW backend's key map: the app reads GLFW key codes.
    io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
    io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
    io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
    io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
    io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
    app.prefs().theme = theme;
    app.prefs().ui_scale = scale;
    app.prefs().anim_seconds = 0;
    rebuild();
  }
  ~Frames() { ImGui::DestroyContext(ctx_); }
  Frames(const Frames&) = delete;
  Frames& operator=(const Frames&) = delete;

  // One frame; the mouse stays where it was put (off the window by default).
  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    app.frame(io.DeltaTime);
    ImGui::Render();
    if (app.requests().rebuild_fonts) {
      app.requests().rebuild_fonts = false;
      rebuild();
    }
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }

  // A key pressed for one frame and released in the next (as GLFW reports it: queued for
  // the app, and down for Dear ImGui's widgets).
  void key(int glfw_key, bool ctrl = false, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[glfw_key] = true;
    app.input().keys.push_back({glfw_key, (ctrl ? GLFW_MOD_CONTROL : 0) | (shift ? GLFW_MOD_SHIFT : 0), false});
    if (glfw_key == GLFW_KEY_SPACE && !ctrl) io.AddInputCharacter(' ');  // GLFW sends the character too
    frame();
    io.KeysDown[glfw_key] = false;
    io.KeyCtrl = io.KeyShift = false;
    frame();
  }
  void type(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame();
  }
  // Characters as the window sends them (GLFW's character callback), for the code editor,
  // which reads them in order with the keys.
  void chars(const std::string& text) {
    for (unsigned char c : text) app.input().keys.push_back({0, 0, false, c});
    frame();
  }
  // The time the editor waits for typing to pause, and a little more.
  void pause() { frames(30); }
  // Presses at `from`, moves to `to` over a few frames, releases there.
  void drag(ImVec2 from, ImVec2 to, int steps = 8) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    frame();
    io.MouseDown[0] = true;
    frame();
    for (int i = 1; i <= steps; ++i) {
      const float k = static_cast<float>(i) / static_cast<float>(steps);
      io.MousePos = ImVec2(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k);
      frame();
    }
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
  }
  // Presses the button of the question on screen whose label is `label`; false if none.
  bool press(const std::string& label) {
    for (const auto& [name, rect] : app.report().buttons)
      if (name == label) {
        click(centre(rect));
        return true;
      }
    return false;
  }
  // A left click at p (press in one frame, release in the next), then the mouse leaves.
  void right_click(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame();
    io.MouseDown[1] = true;
    frame();
    io.MouseDown[1] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
  }
  void click(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
  }

  App app;

 private:
  void rebuild() {
    app.fonts().build(app.prefs().ui_scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // built; nothing to upload
    apply_theme(app.prefs().theme, app.prefs().ui_scale);
  }

  ImGuiContext* ctx_ = nullptr;
};

}  // namespace trioscope::gui::testing
