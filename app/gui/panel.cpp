#include "gui/panel.hpp"

#include <algorithm>
#include <cmath>

#include "gui/imgui_painter.hpp"

#include "view/surface_style.hpp"

namespace trioscope::gui {

void Panel::draw(PanelContext& ctx, ImVec2 size) {
  if (!frame_.child) {
    draw_content(ctx);
    return;
  }
  before(ctx);
  // The main panels keep ImGui's usual spacing inside; the layout places them edge to edge.
  if (frame_.panel_spacing) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(view::kItemSpacingX, view::kItemSpacingY));
  ImGui::BeginChild(name_, size, frame_.border, frame_.flags);
  draw_content(ctx);
  if (frame_.shows_run) stale_badge(ctx, name_, frame_.badge_at_bottom);
  ImGui::EndChild();
  if (frame_.panel_spacing) ImGui::PopStyleVar();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rect_ = ImVec4(a.x, a.y, b.x, b.y);
  after(ctx);
}

bool reported_button(PanelContext& ctx, const char* label) {
  const bool pressed = ImGui::Button(label);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  std::string name = label;
  name = name.substr(0, name.find("##"));
  ctx.report.buttons.push_back({name, ImVec4(a.x, a.y, b.x, b.y)});
  return pressed;
}

void panel_title(const PanelContext& ctx, const char* title, const char* hint) {
  ImGui::PushFont(ctx.fonts.bold);
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

void stale_badge(PanelContext& ctx, const char* panel, bool at_bottom) {
  if (!ctx.doc.out_of_date() || !ctx.doc.trace()) return;
  // In a corner of the panel, over what it draws: the run below is the last one that
  // worked, not the text on screen. A mark and words, not a colour alone.
  const char* text = "\xE2\x96\xB2 out of date: the code has an error";
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const float pad = std::round(ImGui::GetFontSize() * 0.35f);
  const float line = std::max(1.0f, std::round(pad * 0.4f));
  // The window's visible inside, whatever it is scrolled to.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
  const float right = hi.x - pad;
  const float top = at_bottom ? hi.y - pad - ts.y - 2 * pad : lo.y + pad;
  const ImVec2 a(std::max(lo.x, right - ts.x - 2 * pad), std::max(lo.y, top));
  const ImVec2 b(right, a.y + ts.y + 2 * pad);
  const view::Palette& pal = ctx.palette();
  const ImU32 ink = to_u32(pal[view::ColorRole::cancellation]);
  dl->PushClipRect(a, b, true);
  dl->AddRectFilled(a, b, to_u32(pal[view::ColorRole::background]), pad);
  const ImVec2 inset(line * 0.5f, line * 0.5f);
  dl->AddRect(ImVec2(a.x + inset.x, a.y + inset.y), ImVec2(b.x - inset.x, b.y - inset.y), ink, pad, 0, line);
  dl->AddText(ImVec2(a.x + pad, a.y + pad), ink, text);
  dl->PopClipRect();
  ctx.report.stale_marks.push_back(panel);
}

}  // namespace trioscope::gui
