#include "gui/platform.hpp"

#include <cfloat>
#include <cstdio>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "gui/app.hpp"
#include "gui/preferences.hpp"
#include "gui/theme.hpp"

namespace trioscope::gui {

namespace {
std::string g_glfw_error;
void on_glfw_error(int code, const char* text) { g_glfw_error = "GLFW " + std::to_string(code) + ": " + text; }

void on_key(GLFWwindow* w, int key, int, int action, int mods) {
  auto* app = static_cast<App*>(glfwGetWindowUserPointer(w));
  if (app && (action == GLFW_PRESS || action == GLFW_REPEAT)) app->input().keys.push_back({key, mods, action == GLFW_REPEAT});
}

void on_char(GLFWwindow* w, unsigned codepoint) {
  auto* app = static_cast<App*>(glfwGetWindowUserPointer(w));
  if (app) app->input().keys.push_back({0, 0, false, codepoint});
}

void on_drop(GLFWwindow* w, int count, const char** paths) {
  // The paths are only valid inside the callback: copy them.
  auto* app = static_cast<App*>(glfwGetWindowUserPointer(w));
  if (!app) return;
  for (int i = 0; i < count; ++i) app->input().dropped.emplace_back(paths[i]);
}
}  // namespace

Platform::~Platform() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (win_) glfwDestroyWindow(win_);
  glfwTerminate();
}

bool Platform::open(const WindowGeometry& g, bool visible, std::string& error) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    error = g_glfw_error.empty() ? "cannot open a window (no display?)" : g_glfw_error;
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_MAXIMIZED, g.maximized && visible ? GLFW_TRUE : GLFW_FALSE);
  win_ = glfwCreateWindow(g.width, g.height, "trioscope", nullptr, nullptr);
  if (!win_) {
    error = g_glfw_error.empty() ? "cannot create an OpenGL 3.3 window" : g_glfw_error;
    return false;
  }
  if (visible && g.x >= 0 && g.y >= 0 && !g.maximized) glfwSetWindowPos(win_, g.x, g.y);
  glfwMakeContextCurrent(win_);
  glfwSwapInterval(visible ? 1 : 0);
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(win_, &sx, &sy);
  content_scale_ = sx > 0 ? sx : 1;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the app keeps its own settings file
  io.ConfigInputTextCursorBlink = false;
  // Installed before Dear ImGui's own, which calls it in turn: the app queues every key.
  glfwSetKeyCallback(win_, on_key);
  glfwSetCharCallback(win_, on_char);
  ImGui_ImplGlfw_InitForOpenGL(win_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  imgui_ready_ = true;
  return true;
}

void Platform::attach(App& app) {
  glfwSetWindowUserPointer(win_, &app);
  glfwSetDropCallback(win_, on_drop);
  rebuild_look(app);
}

void Platform::rebuild_look(App& app) {
  const float scale = app.prefs().ui_scale * content_scale_;
  app.fonts().build(scale);
  Fonts::upload();
  apply_theme(app.prefs().theme, scale);
}

void Platform::toggle_fullscreen(App& app) {
  GLFWmonitor* mon = glfwGetPrimaryMonitor();
  bool& fullscreen = app.input().fullscreen;
  if (!fullscreen && mon) {
    glfwGetWindowPos(win_, &saved_x_, &saved_y_);
    glfwGetWindowSize(win_, &saved_w_, &saved_h_);
    const GLFWvidmode* mode = glfwGetVideoMode(mon);
    glfwSetWindowMonitor(win_, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
    fullscreen = true;
  } else if (fullscreen) {
    glfwSetWindowMonitor(win_, nullptr, saved_x_, saved_y_, saved_w_ > 0 ? saved_w_ : 1280, saved_h_ > 0 ? saved_h_ : 800, 0);
    fullscreen = false;
  }
}

void Platform::apply_requests(App& app) {
  WindowRequests& requests = app.requests();
  if (requests.rebuild_fonts) {
    requests.rebuild_fonts = false;
    rebuild_look(app);
  }
  if (requests.toggle_fullscreen) {
    requests.toggle_fullscreen = false;
    toggle_fullscreen(app);
  }
  if (requests.quit) glfwSetWindowShouldClose(win_, GLFW_TRUE);
}

void Platform::frame(App& app, float dt, int width, int height, bool deterministic) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (width > 0 && height > 0) {
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
  }
  if (deterministic) {
    // Nothing from the outside: no pointer (no hover), no keys, a fixed clock.
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (bool& b : io.MouseDown) b = false;
    for (bool& k : io.KeysDown) k = false;
    io.MouseWheel = io.MouseWheelH = 0;
    io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  }
  ImGui::NewFrame();
  app.frame(deterministic ? 0.0f : dt);
  ImGui::Render();
  int fw = width, fh = height;
  if (fw <= 0 || fh <= 0) glfwGetFramebufferSize(win_, &fw, &fh);
  glViewport(0, 0, fw, fh);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Platform::swap() { glfwSwapBuffers(win_); }

bool Platform::should_close() const { return glfwWindowShouldClose(win_); }

bool Platform::geometry(WindowGeometry& g) const {
  if (glfwGetWindowMonitor(win_)) return false;
  g.maximized = glfwGetWindowAttrib(win_, GLFW_MAXIMIZED) == GLFW_TRUE;
  if (!g.maximized) {
    glfwGetWindowPos(win_, &g.x, &g.y);
    glfwGetWindowSize(win_, &g.width, &g.height);
  }
  return true;
}

}  // namespace trioscope::gui
