// [SECTION] Opening files and moving between steps
// [SECTION] Caches: caption, snapshot, tree
// [SECTION] Keys and playback
// [SECTION] The frame
// (The window layout is in window_layout.cpp.)
#include "gui/app.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/caption.hpp"
#include "view/effects.hpp"

namespace trioscope::gui {

App::App(std::string dir) : lessons_dir(std::move(dir)) { lessons = find_lessons(lessons_dir); }

// ---------------------------------------------------------------------------------------
// [SECTION] Opening files and moving between steps
// ---------------------------------------------------------------------------------------

bool App::open(const std::string& path) {
  if (!doc.load_file(path)) {
    error_note = "The lesson on screen is unchanged.";
    return false;
  }
  stored.last_file = path;
  lessons_over_ = false;
  // Another lesson starts at its beginning, playback stopped, its timeline fitted. (A
  // setting changed on the same lesson keeps the step: see sync_document.)
  vs.step = -1;
  vs.playing = false;
  vs.play_clock = 0;
  vs.tl_x1 = vs.tl_x0;
  vs.tl_scroll = 0;
  return true;
}

bool App::open_or(const std::string& path, const std::string& fallback) {
  if (open(path)) return true;
  const std::vector<std::string> errors = doc.errors();
  if (fallback.empty() || !open(fallback)) return false;
  doc.set_errors(path, errors);
  error_note = "The first lesson was opened instead.";
  return false;
}

void App::toggle_lessons() {
  if (wide_) vs.show_lessons = !vs.show_lessons;
  else lessons_over_ = !lessons_over_;
}

std::int32_t App::last_step() const { return doc.playback() ? doc.playback()->last_step() : -1; }

// A new run of the same lesson (another setting, a reload): stay at the same step if it
// exists, so a class comparing strict and loose groups stays at the moment it is looking
// at. (Another lesson starts at its beginning: open() moves to step -1 first.)
void App::sync_document() {
  if (doc.generation() == seen_generation_) return;
  seen_generation_ = doc.generation();
  vs.step = std::clamp(vs.step, -1, last_step());
  vs.tl_x1 = vs.tl_x0;  // fit the new timeline
  vs.tl_scroll = 0;
  vs.selected_task = vs.hovered_task = -1;
  caption_step_ = -2;
  anim.stop();
  morph_pending_ = false;
}

void App::go_to(std::int32_t step) {
  view::Playback* pb = doc.playback();
  if (!pb) return;
  step = std::clamp(step, -1, pb->last_step());
  if (step == vs.step) return;
  const std::int32_t from = vs.step;
  vs.step = step;
  pending_effects_.clear();
  if ((deterministic && !animate_when_deterministic) || vs.anim_seconds <= 0) return;
  // Forwards, the events stepped over tell their story in order, each in its own slice of
  // the animation; a long jump (or going back) only morphs the tree.
  const std::int32_t n = step - from;
  if (n >= 1 && n <= 48) {
    view::Snapshot before = pb->snapshot_at(from);
    std::vector<std::pair<std::int32_t, std::vector<view::Effect>>> per_event;
    for (std::int32_t s = from + 1; s <= step; ++s) {
      view::Snapshot after = before;
      view::apply_next(after, *doc.trace(), &doc.blocks());
      auto fx = view::effects_for_step(*doc.trace(), before, after);
      // Over several events, skip the small "it runs now" pulses: they would only flicker.
      if (n > 1) std::erase_if(fx, [](const view::Effect& e) { return e.label.empty(); });
      if (!fx.empty()) per_event.push_back({s, std::move(fx)});
      before = std::move(after);
    }
    const float slices = static_cast<float>(std::max<std::size_t>(per_event.size(), 1));
    for (std::size_t i = 0; i < per_event.size(); ++i)
      for (view::Effect e : per_event[i].second) {
        e.delay = (static_cast<float>(i) + e.delay) / slices;
        e.length = std::min(1.0f - e.delay, e.length / slices * 1.6f);
        pending_effects_.push_back(std::move(e));
      }
  }
  morph_pending_ = true;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Caches: caption, snapshot, tree
// ---------------------------------------------------------------------------------------

const view::Snapshot* App::snapshot() {
  view::Playback* pb = doc.playback();
  return pb ? &pb->seek(vs.step) : nullptr;
}

const std::string& App::caption() {
  if (caption_step_ != vs.step) {
    caption_step_ = vs.step;
    view::Playback* pb = doc.playback();
    if (!pb) {
      caption_ = "Open a lesson to begin.";
    } else {
      const view::Snapshot before = pb->snapshot_at(vs.step - 1);
      caption_ = view::caption(*doc.trace(), before, pb->seek(vs.step), &doc.blocks());
    }
  }
  return caption_;
}

const view::TreeLayout& App::tree(float width) {
  const float font = ImGui::GetFontSize();
  width = std::floor(width);
  const bool stale = tree_generation_ != doc.generation() || tree_step_ != vs.step ||
                     std::fabs(tree_width_ - width) >= 1 || tree_font_ != font;
  if (!stale) return tree_;
  const view::Snapshot* s = snapshot();
  if (!s) {
    tree_ = {};
    return tree_;
  }
  view::TextMetrics m;
  m.line_height = font;
  ImFont* f = ImGui::GetFont();
  m.width = [f, font](std::string_view t) { return f->CalcTextSizeA(font, 1e9f, 0, t.data(), t.data() + t.size()).x; };
  if (ImFont* b = fonts.tree_bold)
    m.bold_width = [b, font](std::string_view t) { return b->CalcTextSizeA(font, 1e9f, 0, t.data(), t.data() + t.size()).x; };
  view::TreeLayout next =
      view::layout_tree(*doc.trace(), *s, m, {.max_width = width, .playback = doc.playback(), .blocks = &doc.blocks()});
  const bool same_run = tree_generation_ == doc.generation() && tree_font_ == font;
  if (morph_pending_ && same_run && (!deterministic || animate_when_deterministic)) anim.begin(std::move(tree_), std::move(pending_effects_), now, vs.anim_seconds);
  else if (tree_step_ != vs.step) anim.stop();
  morph_pending_ = false;
  pending_effects_.clear();
  tree_ = std::move(next);
  tree_generation_ = doc.generation();
  tree_step_ = vs.step;
  tree_width_ = width;
  tree_font_ = font;
  return tree_;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Keys and playback
// ---------------------------------------------------------------------------------------

// A text field has the keyboard only while it is being edited: once it is left (Enter, a
// click elsewhere) the playback keys work again, whatever widget was used last.
bool App::text_field_active() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

void App::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) requests.toggle_fullscreen = true;
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false)) {
      vs.ui_scale = std::min(4.0f, std::round((vs.ui_scale + 0.25f) * 4) / 4);
      requests.rebuild_fonts = true;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false)) {
      vs.ui_scale = std::max(0.75f, std::round((vs.ui_scale - 0.25f) * 4) / 4);
      requests.rebuild_fonts = true;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0, false)) {
      vs.ui_scale = 1.0f;
      requests.rebuild_fonts = true;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_R, false) && !doc.path().empty()) doc.reload();
    if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) requests.quit = true;
  }
  if (text_field_active()) return;  // typing in a field: the keys are the field's
  view::Playback* pb = doc.playback();
  if (!pb) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
    if (!vs.playing && vs.step >= pb->last_step()) go_to(-1);
    vs.playing = !vs.playing;
    vs.play_clock = 0;
  }
  const bool shift = io.KeyShift;
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) {
    vs.playing = false;
    go_to(shift ? pb->next_instant(vs.step) : vs.step + 1);
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) {
    vs.playing = false;
    go_to(shift ? pb->prev_instant(vs.step) : vs.step - 1);
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) {
    vs.playing = false;
    go_to(-1);
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_END, false)) {
    vs.playing = false;
    go_to(pb->last_step());
  }
}

void App::advance_playback(float dt) {
  if (!vs.playing || !doc.playback()) return;
  vs.play_clock += static_cast<double>(dt) * vs.speed;
  // Never more than a few steps per frame: a slow frame must not make playback leap.
  int budget = 8;
  while (vs.play_clock >= 1.0 && budget-- > 0) {
    vs.play_clock -= 1.0;
    if (vs.step >= last_step()) {
      vs.playing = false;
      break;
    }
    go_to(vs.step + 1);
  }
  if (budget < 0) vs.play_clock = 0;
}

void App::open_dropped_files() {
  if (dropped.empty()) return;
  // Of several files dropped at once, the last one that loads wins; the errors of the
  // others are not lost, the banner shows the last failure.
  std::vector<std::string> files;
  files.swap(dropped);
  for (const auto& f : files) open(f);
}

// ---------------------------------------------------------------------------------------
// [SECTION] The frame
// ---------------------------------------------------------------------------------------

void App::frame(float dt) {
  if (!deterministic) now += dt;
  sync_document();
  handle_keys();
  advance_playback(dt);
  open_dropped_files();
  sync_document();
  layout_window();
}

}  // namespace trioscope::gui
