#include "gui/lessons_panel.hpp"

#include <algorithm>
#include <string>

#include <imgui_stdlib.h>

namespace trioscope::gui {

LessonsPanel::LessonsPanel(std::string dir) : Panel("lessons", {}), dir_(std::move(dir)), lessons_(find_lessons(dir_)) {}

void LessonsPanel::draw_here(PanelContext& ctx) {
  panel_title(ctx, "Lessons");
  ImGui::Separator();
  const view::Palette& p = ctx.palette();
  const char* hint = "Open a scenario file, or drop one on the window:";
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetStyle().ItemSpacing.y * 3 +
                       ImGui::CalcTextSize(hint, nullptr, false, ImGui::GetContentRegionAvail().x).y;
  ImGui::BeginChild("##list", ImVec2(0, -footer), false);
  if (lessons_.empty()) ImGui::TextWrapped("No lessons found in %s.", dir_.c_str());
  // The same file, however it was named (a relative path on the command line, a link).
  const std::string& open_file = open_file_.get(ctx.doc.path(), [&] { return canonical_path(ctx.doc.path()); });
  for (std::size_t i = 0; i < lessons_.size(); ++i) {
    const Lesson& l = lessons_[i];
    const bool current = !ctx.doc.path().empty() && l.canonical == open_file;
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushTextWrapPos(0);
    if (!l.valid) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::text_muted]));
    if (current) ImGui::PushFont(ctx.fonts.bold);
    // A selectable as tall as its wrapped title.
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 ts = ImGui::CalcTextSize(l.title.c_str(), nullptr, false, w);
    if (ImGui::Selectable("##lesson", current, 0, ImVec2(w, ts.y))) ctx.input.open_requests.push_back(l.path);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() - w);
    ImGui::TextUnformatted(l.title.c_str());
    if (current) ImGui::PopFont();
    if (!l.valid) ImGui::PopStyleColor();
    if (current && !l.description.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::text_muted]));
      ImGui::TextUnformatted(l.description.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    if (hovered && !current) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
      ImGui::TextUnformatted(l.valid ? (l.description.empty() ? l.file.c_str() : l.description.c_str())
                                     : "This file does not load; open it to see why.");
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", hint);
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - ImGui::GetStyle().FramePadding.x * 2 -
                          ImGui::GetStyle().ItemSpacing.x);
  const bool enter = ImGui::InputTextWithHint("##path", "path/to/lesson.json or .py", &ctx.input.open_path,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ctx.report.open_field = ImVec4(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                                 ImGui::GetItemRectMax().y);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !ctx.input.open_path.empty()) {
    ctx.input.open_requests.push_back(ctx.input.open_path);
    // The keyboard goes back to playback: Space and the arrows step the lesson just opened.
    ImGui::SetWindowFocus(nullptr);
  }
  if (!ctx.doc.path().empty() && !ctx.doc.untitled()) {
    // Edits are kept: with unsaved changes, reading the file again is File > Revert.
    const bool edited = ctx.session && ctx.session->unsaved(ctx.doc);
    ImGui::BeginDisabled(edited);
    if (ImGui::Button("\xE2\x86\xBB Reload")) ctx.commands.push(document::Reload{});  // ↻
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
      if (edited) ImGui::SetTooltip("The lesson has unsaved changes: File > Revert reads the file again (Ctrl+R)");
      else ImGui::SetTooltip("Read %s again (Ctrl+R); a change on disk is read by itself", ctx.doc.path().c_str());
    }
  }
}

// ---------------------------------------------------------------------------------------

namespace {
// Text reading top to bottom (turned a quarter clockwise), its first letter at `top`: the
// text extends below `top` and to its left by the font size.
void vertical_text(ImDrawList* dl, ImFont* font, float size, ImVec2 top, ImU32 col, const char* text) {
  // Laid out horizontally, then turned a quarter clockwise about its start. The clip rect
  // is lifted while laying out: the horizontal text would otherwise be culled outside a
  // narrow panel before it is turned into it.
  const int first = dl->VtxBuffer.Size;
  dl->PushClipRectFullScreen();
  dl->AddText(font, size, top, col, text);
  dl->PopClipRect();
  for (int i = first; i < dl->VtxBuffer.Size; ++i) {
    ImVec2& p = dl->VtxBuffer[i].pos;
    const float dx = p.x - top.x, dy = p.y - top.y;
    p = ImVec2(top.x - dy, top.y + dx);
  }
}
}  // namespace

LessonsStrip::LessonsStrip() : Panel("lessons_strip", {.flags = ImGuiWindowFlags_NoScrollbar}) {}

void LessonsStrip::draw_content(PanelContext& ctx) {
  const view::Palette& p = ctx.palette();
  bool& open = ctx.input.lessons_over;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (ImGui::InvisibleButton("##lessons_strip", ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)))) open = !open;
  const bool hovered = ImGui::IsItemHovered() && !ctx.deterministic;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered || open) dl->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y), to_u32(p[view::ColorRole::playhead], 0.10f), 4);
  const float fs = ImGui::GetFontSize();
  const char* icon = "\xE2\x98\xB0";  // ☰
  const float iw = ImGui::CalcTextSize(icon).x;
  dl->AddText(ImVec2(a.x + (size.x - iw) * 0.5f, a.y + fs * 0.2f), to_u32(p[view::ColorRole::text]), icon);
  ImFont* bold = ctx.fonts.bold;
  vertical_text(dl, bold, bold->FontSize, ImVec2(a.x + (size.x + bold->FontSize) * 0.5f, a.y + fs * 1.8f),
                to_u32(p[view::ColorRole::text]), open ? "Lessons  \xE2\x96\xBC" : "Lessons  \xE2\x96\xB2");  // turned: ◀ ▶
  if (hovered)
    ImGui::SetTooltip("The lessons are folded: the window is too narrow for their column at this text size\n"
                      "(Ctrl - makes the text smaller). Click to show them over the tree.");
}

}  // namespace trioscope::gui
