// [SECTION] Opening files and applying what was queued
// [SECTION] Keys and playback
// [SECTION] The frame
// (The window layout is in window_layout.cpp.)
#include "gui/app.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "view/key_steps.hpp"

namespace trioscope::gui {

App::App(std::string dir)
    : lessons_(std::move(dir)), files_(doc_, session_, commands_, input_, prefs_, requests_, lessons_.dir()) {}

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
  // Files dropped on the window or asked for by a panel: asked about unsaved edits first.
  // Of several dropped at once, the last one is opened.
  std::vector<std::string> opens = std::exchange(input_.open_requests, {});
  for (std::string& f : std::exchange(input_.dropped, {})) opens.push_back(std::move(f));
  if (!opens.empty()) files_.ask(FileAction::open_path, opens.back());
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
    if (a.replaced) session_.reset(doc_);
    else session_.follow(doc_);
    files_.applied(c, a);
  }
  if (input_.go_to) go_to(*std::exchange(input_.go_to, std::nullopt));
}

void App::toggle_lessons() {
  if (wide_) prefs_.show_lessons = !prefs_.show_lessons;
  else input_.lessons_over = !input_.lessons_over;
}

const std::vector<view::KeyStep>& App::key_steps() {
  if (key_steps_generation_ != doc_.generation()) {
    key_steps_generation_ = doc_.generation();
    key_steps_ = doc_.trace() ? view::key_steps(*doc_.trace()) : std::vector<view::KeyStep>{};
  }
  return key_steps_;
}

std::int32_t App::next_key_step(std::int32_t step) {
  return view::next_key_step(key_steps(), step).value_or(step);
}

std::int32_t App::prev_key_step(std::int32_t step) {
  return view::prev_key_step(key_steps(), step).value_or(-1);
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
      .session = &session_,
  };
}

// ---------------------------------------------------------------------------------------
// [SECTION] Keys and playback
// ---------------------------------------------------------------------------------------

// A text field has the keyboard only while it is being edited: once it is left (Enter, a
// click elsewhere) the playback keys work again, whatever widget was used last.
bool text_field_active() { return ImGui::GetIO().WantTextInput; }

void App::handle_keys() {
  for (const KeyPress& k : std::exchange(input_.keys, {})) handle_key(k);
}

// One key. Ctrl shortcuts, F1, F11 and Escape work everywhere; the playback keys wait while
// a text field has the keyboard.
void App::handle_key(const KeyPress& k) {
  const bool ctrl = k.mods & GLFW_MOD_CONTROL, shift = k.mods & GLFW_MOD_SHIFT;
  if (k.key == 0) {  // a typed character: the editor's, if it has the keyboard
    if (input_.editor_focused) input_.editor_keys.push_back(k);
    return;
  }
  if (files_.busy()) return;  // a question or a file dialog is open: its keys
  if (ctrl && handle_shortcut(k)) return;
  if (input_.editor_focused) {
    // The editor has the keyboard: every key that is not the app's is its.
    if (k.key != GLFW_KEY_F1 && k.key != GLFW_KEY_F11) {
      input_.editor_keys.push_back(k);
      return;
    }
  }
  if (ctrl) {
    // The editor's own Ctrl keys, from anywhere: they go to the code (and give it the keyboard).
    if (k.key == GLFW_KEY_F) code_.editor().open_find();
    if (k.key == GLFW_KEY_G) code_.editor().open_goto();
    return;
  }
  if (k.repeat && (k.key == GLFW_KEY_F1 || k.key == GLFW_KEY_F11 || k.key == GLFW_KEY_ESCAPE || k.key == GLFW_KEY_SPACE))
    return;
  if (k.key == GLFW_KEY_F11) requests_.toggle_fullscreen = true;
  if (k.key == GLFW_KEY_F1) input_.help = !input_.help;
  if (k.key == GLFW_KEY_ESCAPE) {
    // The innermost thing first: a popup closes itself (toolbar), then the help, the
    // lessons laid over the tree, and last presentation mode.
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (input_.help) input_.help = false;
    else if (input_.lessons_over) input_.lessons_over = false;
    else if (input_.fullscreen) requests_.toggle_fullscreen = true;
    return;
  }
  if (text_field_active()) return;  // typing in a field: the keys are the field's
  view::Playback* pb = doc_.playback();
  if (!pb) return;
  auto step_to = [&](std::int32_t s) {
    input_.playing = false;
    go_to(s);
  };
  switch (k.key) {
    case GLFW_KEY_SPACE:
      if (!input_.playing && view_.step >= pb->last_step()) go_to(-1);
      input_.playing = !input_.playing;
      input_.play_clock = 0;
      break;
    // A presentation clicker sends PageDown / PageUp.
    case GLFW_KEY_RIGHT: step_to(shift ? pb->next_instant(view_.step) : view_.step + 1); break;
    case GLFW_KEY_LEFT: step_to(shift ? pb->prev_instant(view_.step) : view_.step - 1); break;
    case GLFW_KEY_PAGE_DOWN: step_to(shift ? next_key_step(view_.step) : view_.step + 1); break;
    case GLFW_KEY_PAGE_UP: step_to(shift ? prev_key_step(view_.step) : view_.step - 1); break;
    case GLFW_KEY_HOME: step_to(-1); break;
    case GLFW_KEY_END: step_to(pb->last_step()); break;
    default: break;
  }
}

bool App::handle_shortcut(const KeyPress& k) {
  const bool shift = k.mods & GLFW_MOD_SHIFT;
  auto scale = [&](int steps) {
    prefs_.ui_scale = steps == 0 ? 1.0f : stepped_scale(prefs_.ui_scale, steps);
    requests_.rebuild_fonts = true;
  };
  switch (k.key) {
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: scale(1); return true;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: scale(-1); return true;
    case GLFW_KEY_0:
    case GLFW_KEY_KP_0: scale(0); return true;
    default: break;
  }
  // Held down, only undo and redo repeat; a held Ctrl+S saves once.
  if (k.repeat && k.key != GLFW_KEY_Z && k.key != GLFW_KEY_Y) return false;
  switch (k.key) {
    case GLFW_KEY_N:
      files_.ask(FileAction::new_from_lesson, doc_.untitled() || doc_.path().empty() ? default_lesson() : doc_.path());
      return true;
    case GLFW_KEY_O: files_.ask(FileAction::open_dialog); return true;
    case GLFW_KEY_S: files_.ask(shift ? FileAction::save_as : FileAction::save); return true;
    case GLFW_KEY_Q: files_.ask(FileAction::quit); return true;
    case GLFW_KEY_R:
      // Read the file again; with unsaved edits that is Revert, which asks.
      if (session_.unsaved(doc_)) files_.ask(FileAction::revert);
      else if (!doc_.path().empty() && !doc_.untitled()) submit(document::Reload{});
      return true;
    case GLFW_KEY_Z:
      if (shift) redo();
      else undo();
      return true;
    case GLFW_KEY_Y: redo(); return true;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: apply_now(); return true;
    default: return false;
  }
}

std::string App::default_lesson() const { return lessons().empty() ? std::string() : lessons().front().path; }

void App::undo() {
  if (auto c = session_.undo(code_.view())) submit(std::move(*c));
}

void App::redo() {
  if (auto c = session_.redo(code_.view())) submit(std::move(*c));
}

void App::apply_now() {
  if (auto c = session_.due(now_, true)) submit(std::move(*c));
}

void App::editor_key(int glfw_key) {
  input_.editor_focused = true;
  input_.editor_keys.push_back({glfw_key, GLFW_MOD_CONTROL, false, 0});
}

std::string App::window_title() const {
  std::string name = doc_.path().empty() ? std::string("trioscope") : doc_.untitled() ? doc_.path()
                                                                                        : std::filesystem::path(doc_.path()).filename().string();
  if (!doc_.path().empty() && session_.unsaved(doc_)) name += " \xE2\x80\xA2";  // •
  return doc_.path().empty() ? name : name + " \xE2\x80\x94 trioscope";        // —
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
  files_.tick(now_, deterministic);
  // What was typed goes to the lesson once typing pauses.
  if (auto c = session_.due(now_)) submit(std::move(*c));
  apply_pending();
  handle_keys();
  advance_playback(dt);
  apply_pending();
  input_.editor_drawn = false;
  layout_window();
  // An editor that is not on screen (another tab of a short window) lets the keyboard go.
  if (!input_.editor_drawn) input_.editor_focused = false;
}

}  // namespace trioscope::gui
