// [SECTION] Opening files and applying what was queued
// [SECTION] Keys and playback
// [SECTION] The frame
// (The window layout is in window_layout.cpp.)
#include "gui/app.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace trioscope::gui {

App::App(std::string dir) : lessons_(std::move(dir)) {}

// ---------------------------------------------------------------------------------------
// [SECTION] Opening files and applying what was queued
// ---------------------------------------------------------------------------------------

bool App::open(const std::string& path) {
  submit(document::OpenFile{path});
  apply_pending();
  return doc_.path() == path && doc_.problems().empty();
}

bool App::open_or(const std::string& path, const std::string& fallback) {
  if (open(path)) return true;
  document::Problems problems = doc_.problems();
  if (fallback.empty() || !open(fallback)) return false;
  doc_.set_problems(std::move(problems));
  input_.error_note = "The first lesson was opened instead.";
  return false;
}

void App::apply_pending() {
  // Of several files dropped at once, the last one that loads wins; the banner shows the
  // last failure.
  for (std::string& f : std::exchange(input_.dropped, {})) commands_.push(document::OpenFile{std::move(f)});
  for (const document::Command& c : commands_.take()) {
    const bool opening = std::holds_alternative<document::OpenFile>(c) || std::holds_alternative<document::OpenText>(c);
    const document::Applied a = document::apply(doc_, view_, c);
    if (opening && !a.ok) input_.error_note = "The lesson on screen is unchanged.";
    if (a.replaced) {
      // Another lesson starts at its beginning, playback stopped.
      prefs_.last_file = doc_.path();
      input_.lessons_over = false;
      input_.playing = false;
      input_.play_clock = 0;
    }
    if (a.replaced || a.rerun) input_.hovered_task = -1;
  }
  if (input_.go_to) go_to(*std::exchange(input_.go_to, std::nullopt));
}

void App::toggle_lessons() {
  if (wide_) prefs_.show_lessons = !prefs_.show_lessons;
  else input_.lessons_over = !input_.lessons_over;
}

std::int32_t App::last_step() const { return doc_.playback() ? doc_.playback()->last_step() : -1; }

void App::go_to(std::int32_t step) {
  if (!doc_.playback()) return;
  view_.step = std::clamp(step, -1, last_step());
}

const std::string& App::caption() {
  PanelContext ctx = context();
  return caption_.text(ctx);
}

PanelContext App::context() {
  view::Playback* pb = doc_.playback();
  return PanelContext{
      .doc = doc_,
      .view = view_,
      .prefs = prefs_,
      .input = input_,
      .commands = commands_,
      .requests = requests_,
      .fonts = fonts_,
      .report = report_,
      .snapshot = pb ? &pb->seek(view_.step) : nullptr,
      .now = now_,
      .deterministic = deterministic,
      .animate = !deterministic || animate_when_deterministic,
      .compact = compact_,
      .wide = wide_,
  };
}

// ---------------------------------------------------------------------------------------
// [SECTION] Keys and playback
// ---------------------------------------------------------------------------------------

// A text field has the keyboard only while it is being edited: once it is left (Enter, a
// click elsewhere) the playback keys work again, whatever widget was used last.
bool text_field_active() { return ImGui::GetIO().WantTextInput; }

void App::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) requests_.toggle_fullscreen = true;
  if (io.KeyCtrl) {
    auto scale = [&](int steps) {
      prefs_.ui_scale = steps == 0 ? 1.0f : stepped_scale(prefs_.ui_scale, steps);
      requests_.rebuild_fonts = true;
    };
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false)) scale(1);
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false)) scale(-1);
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0, false)) scale(0);
    if (ImGui::IsKeyPressed(GLFW_KEY_R, false) && !doc_.path().empty()) submit(document::Reload{});
    if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) requests_.quit = true;
  }
  if (text_field_active()) return;  // typing in a field: the keys are the field's
  view::Playback* pb = doc_.playback();
  if (!pb) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
    if (!input_.playing && view_.step >= pb->last_step()) go_to(-1);
    input_.playing = !input_.playing;
    input_.play_clock = 0;
  }
  const bool shift = io.KeyShift;
  auto step_to = [&](std::int32_t s) {
    input_.playing = false;
    go_to(s);
  };
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) step_to(shift ? pb->next_instant(view_.step) : view_.step + 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) step_to(shift ? pb->prev_instant(view_.step) : view_.step - 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) step_to(-1);
  if (ImGui::IsKeyPressed(GLFW_KEY_END, false)) step_to(pb->last_step());
}

void App::advance_playback(float dt) {
  if (!input_.playing || !doc_.playback()) return;
  input_.play_clock += static_cast<double>(dt) * prefs_.speed;
  // Never more than a few steps per frame: a slow frame must not make playback leap.
  int budget = 8;
  while (input_.play_clock >= 1.0 && budget-- > 0) {
    input_.play_clock -= 1.0;
    if (view_.step >= last_step()) {
      input_.playing = false;
      break;
    }
    go_to(view_.step + 1);
  }
  if (budget < 0) input_.play_clock = 0;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The frame
// ---------------------------------------------------------------------------------------

void App::frame(float dt) {
  if (!deterministic) now_ += dt;
  apply_pending();
  handle_keys();
  advance_playback(dt);
  apply_pending();
  layout_window();
}

}  // namespace trioscope::gui
