#include "gui/panel.hpp"

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
  ImGui::EndChild();
  if (frame_.panel_spacing) ImGui::PopStyleVar();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rect_ = ImVec4(a.x, a.y, b.x, b.y);
  after(ctx);
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

}  // namespace trioscope::gui
