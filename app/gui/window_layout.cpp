// The window layout: which panels are shown, where, and how big, for the window's size in
// UI-scaled units (line heights), so that a projector at 1.75x, which is a small window,
// gets a layout made for it rather than a large one cut off.
//
//   toolbar
//   banners: a file that failed to open, a run that did not finish
//   caption
//   [lessons | strip]  tree  | code          the main row; code over output, or the two
//                            | output        as tabs when the window is short
//   timeline
//
// The code column is as wide as the listing's code needs (at most half the row, the rest
// wraps), unless its splitter was dragged; a double-click on the splitter goes back to
// that. A window too narrow for the lessons column folds it into a strip that says so.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/help_overlay.hpp"
#include "gui/menu_bar.hpp"
#include "view/timeline_frame.hpp"
#include "view/window_split.hpp"

namespace trioscope::gui {

namespace {

// A bar between two regions that the mouse can drag: how far it moved this frame (px).
// A double-click sets *reset.
float splitter(const char* id, bool vertical, ImVec2 size, bool* reset = nullptr) {
  ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (hovered || active) {
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_ButtonHovered), 2);
  }
  if (reset && hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) *reset = true;
  if (!active) return 0;
  return vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
}

}  // namespace

void App::layout_window() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  report_ = {};
  report_.window_title = window_title();
  // The menu bar, except in presentation mode (F11), where the lesson has the screen.
  float menu_h = 0;
  if (!input_.fullscreen) {
    PanelContext menu_ctx = context();
    menu_h = draw_menu_bar(*this, menu_ctx);
  }
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + menu_h));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, vp->Size.y - menu_h));
  const ImGuiWindowFlags root_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("##trioscope", nullptr, root_flags);  // the frame is cleared to the background
  const float lh = ImGui::GetFontSize();
  const float gap = view::panel_gap(lh);
  // 1280x720 at 1.75x is 24 lines high: the panels fold to leave the tree and code room.
  compact_ = view::compact_window(vp->Size.y - menu_h, lh);
  report_.compact = compact_;
  PanelContext ctx = context();

  toolbar_.draw(ctx, {});
  if (error_banner_.shown(ctx)) error_banner_.draw(ctx, ImVec2(0, error_banner_.height(ctx)));
  if (message_bar_.shown(ctx)) message_bar_.draw(ctx, ImVec2(0, message_bar_.height(ctx)));
  if (run_banner_.shown(ctx)) run_banner_.draw(ctx, ImVec2(0, run_banner_.height(ctx)));
  caption_.draw(ctx, ImVec2(0, caption_.height(ctx)));

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float W = avail.x, H = avail.y;
  // Narrow windows fold the lessons into a strip and, narrower still and tall (a portrait
  // screen), put code and output under the tree.
  const bool wide = W >= 64 * lh;
  const bool stacked = W < 40 * lh && vp->Size.y >= 44 * lh;
  wide_ = ctx.wide = wide;
  if (wide) input_.lessons_over = false;

  // Heights: the timeline keeps room for its ruler and two lanes; the main row for a few
  // lines of code.
  const std::size_t lanes = doc_.trace() ? doc_.trace()->tasks.size() : 0;  // a lane per task
  const ImGuiStyle& style = ImGui::GetStyle();
  const float timeline_min = view::timeline_min_height(H, lh, lanes, compact_, 2 * style.WindowPadding.y + ImGui::GetFrameHeight() + 6);
  const float timeline_h = view::timeline_height(H, lh, gap, prefs_.timeline_height, timeline_min);
  const float main_h = std::max(lh, H - timeline_h - gap);

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  float x_used = 0;
  if (wide && prefs_.show_lessons) {
    float lw = std::clamp(std::round(W * prefs_.lessons_width), 11 * lh, W * 0.3f);
    lessons_.draw(ctx, ImVec2(lw, main_h));
    report_.lessons = lessons_.rect();
    report_.lessons_shown = FrameReport::Lessons::column;
    ImGui::SameLine();
    lw = std::clamp(lw + splitter("##split_lessons", true, ImVec2(gap, main_h)), 11 * lh, W * 0.3f);
    prefs_.lessons_width = lw / W;
    ImGui::SameLine();
    x_used += lw + gap;
  } else if (!wide) {
    const float strip_w = std::round(lh * 1.9f);
    lessons_strip_.draw(ctx, ImVec2(strip_w, main_h));
    report_.lessons = lessons_strip_.rect();
    report_.lessons_shown = FrameReport::Lessons::strip;
    ImGui::SameLine(0, gap);
    x_used += strip_w + gap;
  }

  // The code column: what the code needs (the tree keeps at least half the row), or where
  // its splitter was dragged.
  const float row_w = W - x_used;
  float side_w = 0;
  if (!stacked) {
    const bool dragged = prefs_.side_width > 0;
    const float want = dragged ? std::round(W * prefs_.side_width) : code_.needed_width(ctx);
    side_w = view::side_width(want, row_w, lh, dragged, compact_);
  }
  const float tree_w = row_w - (stacked ? 0 : side_w + gap);
  const float tree_h = stacked ? std::round(main_h * 0.6f) : main_h;
  // The rest of the main row, beside the lessons: stacked, the code goes under the tree.
  ImGui::BeginGroup();
  tree_.draw(ctx, ImVec2(tree_w, tree_h));
  report_.tree = tree_.rect();
  if (!stacked) {
    ImGui::SameLine();
    bool reset = false;
    const float moved = splitter("##split_side", true, ImVec2(gap, main_h), &reset);
    if (moved != 0) prefs_.side_width = std::clamp(side_w - moved, 14 * lh, row_w * 0.7f) / W;
    if (reset) prefs_.side_width = 0;
    if (ImGui::IsItemHovered() && !deterministic)
      ImGui::SetTooltip("Drag to resize the code; double-click: as wide as the code needs");
    ImGui::SameLine();
  }
  layout_side(ctx, stacked ? row_w : side_w, stacked ? main_h - tree_h - gap : main_h, stacked);
  ImGui::EndGroup();
  const float moved = splitter("##split_timeline", false, ImVec2(W, gap));
  if (moved != 0) prefs_.timeline_height = std::clamp(timeline_h - moved, 5 * lh, H - 8 * lh) / H;
  timeline_.draw(ctx, ImVec2(W, timeline_h));
  report_.timeline = timeline_.rect();
  ImGui::PopStyleVar();
  const ImVec2 main_pos(ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x + x_used,
                        ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - H);
  ImGui::End();
  // The folded lessons, opened over the tree from the strip (or the ☰ button).
  if (!wide && input_.lessons_over) {
    report_.lessons_overlay = true;
    ImGui::SetNextWindowPos(main_pos);
    ImGui::SetNextWindowSize(ImVec2(std::min(W * 0.6f, 30 * lh), main_h));
    // A framed panel in front of the tree, so that it reads as laid over it.
    const view::Palette& p = ctx.palette();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(1.0f, lh * 0.1f));
    ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::playhead]));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p[view::ColorRole::panel]));
    ImGui::Begin("##lessons_over", &input_.lessons_over, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    lessons_.draw_here(ctx);
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar();
  }
  draw_help_overlay(ctx);
  files_.draw(ctx);
}

// Code over output; tabs in a short window; side by side under the tree when stacked.
void App::layout_side(PanelContext& ctx, float col_w, float col_h, bool stacked) {
  const float lh = ImGui::GetFontSize();
  const float gap = view::panel_gap(lh);
  if (stacked) ImGui::Dummy(ImVec2(col_w, gap));
  ImGui::BeginGroup();
  if (compact_) {
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
    ImGui::BeginChild("side", ImVec2(col_w, col_h), true);
    if (ImGui::BeginTabBar("##side_tabs")) {
      // The code's two views are tabs of their own here: one row fewer than a switch.
      const bool asked = code_.take_tab_request();
      for (const auto v : {CodePanel::View::python, CodePanel::View::json}) {
        const bool dirty = v != session_.file_view() && session_.other_view_dirty();
        const std::string label = std::string(v == CodePanel::View::python ? "Python" : "JSON") + (dirty ? " \xE2\x9C\x8E" : "") +
                                  (v == CodePanel::View::python ? "###tab_python" : "###tab_json");
        const ImGuiTabItemFlags flags = asked && v == code_.view() ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
          code_.draw_view(ctx, asked ? code_.view() : v);
          ImGui::EndTabItem();
        }
      }
      const view::Playback* pb = doc_.playback();
      const std::string output = "Output (" + std::to_string(pb ? pb->prints_until(view_.step) : 0) + ")###output";
      if (ImGui::BeginTabItem(output.c_str())) {
        output_.draw_here(ctx, false);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    report_.code = report_.output = ImVec4(a.x, a.y, b.x, b.y);
  } else if (stacked) {
    code_.draw(ctx, ImVec2(col_w * 0.6f - gap * 0.5f, col_h));
    report_.code = code_.rect();
    ImGui::SameLine(0, gap);
    output_.draw(ctx, ImVec2(0, col_h));
    report_.output = output_.rect();
  } else {
    const view::Playback* pb = doc_.playback();
    const float output_needs = view::output_height(pb ? pb->prints().size() : 0, fonts_.mono ? fonts_.mono->FontSize + 6 : lh,
                                                   ImGui::GetFrameHeightWithSpacing(), ImGui::GetStyle().WindowPadding.y);
    float code_h = view::code_height(col_h, lh, prefs_.code_height, gap, output_needs);
    code_.draw(ctx, ImVec2(col_w, code_h));
    report_.code = code_.rect();
    code_h += splitter("##split_code", false, ImVec2(col_w, gap));
    prefs_.code_height = std::clamp(code_h / col_h, 0.15f, 0.85f);
    output_.draw(ctx, ImVec2(col_w, std::max(lh, col_h - code_h - gap)));
    report_.output = output_.rect();
  }
  ImGui::EndGroup();
}

}  // namespace trioscope::gui
