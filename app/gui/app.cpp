// [SECTION] Opening files and moving between steps
// [SECTION] Caches: caption, snapshot, tree
// [SECTION] Keys and playback
// [SECTION] The window layout
#include "gui/app.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui.h>

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
  if (!doc.load_file(path)) return false;
  stored.last_file = path;
  lessons_over_ = false;
  return true;
}

void App::toggle_lessons() {
  if (wide_) vs.show_lessons = !vs.show_lessons;
  else lessons_over_ = !lessons_over_;
}

std::int32_t App::last_step() const { return doc.playback() ? doc.playback()->last_step() : -1; }

// A new run (another file, another setting): start at the same step if it exists, so a
// class comparing strict and loose groups stays at the moment it is looking at.
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
  if (io.WantTextInput) return;  // typing in a field: the keys are the field's
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
// [SECTION] The window layout
// ---------------------------------------------------------------------------------------
namespace {

// A bar between two regions that the mouse can drag; *px moves with it.
void splitter(const char* id, bool vertical, ImVec2 size, float* px, float lo, float hi) {
  ImGui::InvisibleButton(id, size);
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (active) *px = std::clamp(*px + (vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y), lo, hi);
  if (hovered || active) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_ButtonHovered), 2);
  }
}

}  // namespace

void panel_title(App& app, const char* title, const char* hint) {
  ImGui::PushFont(app.fonts.bold);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  panel_hint(hint);
}

void panel_hint(const char* hint) {
  if (!hint || !*hint) return;
  // Right-aligned after the last item, or left out when there is no room for it.
  const float w = ImGui::CalcTextSize(hint).x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  if (after + w + ImGui::GetFontSize() > right) return;
  ImGui::SameLine();
  ImGui::SetCursorPosX(right - w);
  ImGui::TextDisabled("%s", hint);
}

void App::layout_window() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  const ImGuiWindowFlags root_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("##trioscope", nullptr, root_flags);  // the frame is cleared to the background
  line_height = ImGui::GetFontSize();
  const float lh = line_height;
  const float gap = std::round(lh * 0.35f);

  draw_toolbar(*this);
  draw_error_banner(*this);
  draw_caption(*this);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float W = avail.x, H = avail.y;
  // Narrow windows (a projector at a low resolution, a split screen) drop the lessons
  // column and, narrower still, put code and output under the tree.
  const bool wide = W >= 70 * lh;
  const bool stacked = W < 40 * lh;
  wide_ = wide;
  float timeline_h = std::round(H * vs.timeline_height);
  float main_h = H - timeline_h - gap;
  if (main_h < 8 * lh) {
    main_h = std::max(H * 0.5f, H - timeline_h - gap);
    timeline_h = H - main_h - gap;
  }
  const ImGuiWindowFlags child = ImGuiWindowFlags_None;

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  float x_used = 0;
  if (wide && vs.show_lessons) {
    float lw = std::round(W * vs.lessons_width);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
    ImGui::BeginChild("lessons", ImVec2(lw, main_h), true, child);
    draw_lessons(*this);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::SameLine();
    splitter("##split_lessons", true, ImVec2(gap, main_h), &lw, 8 * lh, W * 0.4f);
    vs.lessons_width = lw / W;
    ImGui::SameLine();
    x_used += lw + gap;
  }
  float side_w = stacked ? 0 : std::round(W * vs.side_width);
  const float tree_w = W - x_used - (stacked ? 0 : side_w + gap);
  const float tree_h = stacked ? std::round(main_h * 0.6f) : main_h;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
  ImGui::BeginChild("tree", ImVec2(tree_w, tree_h), true,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_tree(*this);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  if (!stacked) {
    ImGui::SameLine();
    float sw = side_w;
    splitter("##split_side", true, ImVec2(gap, main_h), &sw, 0, 0);
    if (ImGui::IsItemActive()) {
      side_w = std::clamp(side_w - ImGui::GetIO().MouseDelta.x, 14 * lh, W * 0.7f);
      vs.side_width = side_w / W;
    }
    ImGui::SameLine();
  }
  // Code over output.
  {
    const float col_w = stacked ? W : side_w;
    const float col_h = stacked ? main_h - tree_h - gap : main_h;
    if (stacked) ImGui::Dummy(ImVec2(W, gap));
    ImGui::BeginGroup();
    float code_h = std::round(col_h * vs.code_height);
    if (stacked) {
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
      ImGui::BeginChild("code", ImVec2(col_w * 0.6f - gap * 0.5f, col_h), true);
      draw_code(*this);
      ImGui::EndChild();
      ImGui::SameLine(0, gap);
      ImGui::BeginChild("output", ImVec2(0, col_h), true);
      draw_output(*this);
      ImGui::EndChild();
      ImGui::PopStyleVar();
    } else {
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
      ImGui::BeginChild("code", ImVec2(col_w, code_h), true);
      draw_code(*this);
      ImGui::EndChild();
      ImGui::PopStyleVar();
      splitter("##split_code", false, ImVec2(col_w, gap), &code_h, 4 * lh, col_h - 4 * lh);
      vs.code_height = code_h / col_h;
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
      ImGui::BeginChild("output", ImVec2(col_w, col_h - code_h - gap), true);
      draw_output(*this);
      ImGui::EndChild();
      ImGui::PopStyleVar();
    }
    ImGui::EndGroup();
  }
  float th = timeline_h;
  splitter("##split_timeline", false, ImVec2(W, gap), &th, 0, 0);
  if (ImGui::IsItemActive()) {
    th = std::clamp(timeline_h - ImGui::GetIO().MouseDelta.y, 5 * lh, H - 8 * lh);
    vs.timeline_height = th / H;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
  ImGui::BeginChild("timeline", ImVec2(W, std::max(4 * lh, timeline_h)), true,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_timeline(*this);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleVar();
  const ImVec2 main_pos(ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x,
                        ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - H);
  ImGui::End();
  // A narrow window shows the lessons over the tree, on demand.
  if (!wide && lessons_over_) {
    ImGui::SetNextWindowPos(main_pos);
    ImGui::SetNextWindowSize(ImVec2(std::min(W * 0.6f, 30 * lh), main_h));
    ImGui::Begin("##lessons_over", &lessons_over_, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    draw_lessons(*this);
    ImGui::End();
  }
}

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
