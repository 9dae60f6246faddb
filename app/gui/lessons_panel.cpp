// Lessons: the bundled scenarios with their titles (the current one with its description),
// and a field to open any scenario file by path. Files can also be dropped on the window.
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"

namespace trioscope::gui {

void draw_lessons(App& app) {
  panel_title(app, "Lessons");
  ImGui::Separator();
  const view::Palette& p = view::palette(app.vs.theme);
  const char* hint = "Open a scenario file, or drop one on the window:";
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetStyle().ItemSpacing.y * 3 +
                       ImGui::CalcTextSize(hint, nullptr, false, ImGui::GetContentRegionAvail().x).y;
  ImGui::BeginChild("##list", ImVec2(0, -footer), false);
  if (app.lessons.empty()) {
    ImGui::TextWrapped("No lessons found in %s.", app.lessons_dir.c_str());
  }
  for (std::size_t i = 0; i < app.lessons.size(); ++i) {
    const Lesson& l = app.lessons[i];
    const bool current = l.path == app.doc.path();
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushTextWrapPos(0);
    if (!l.valid) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::text_muted]));
    if (current) ImGui::PushFont(app.fonts.bold);
    // A selectable as tall as its wrapped title.
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 ts = ImGui::CalcTextSize(l.title.c_str(), nullptr, false, w);
    if (ImGui::Selectable("##lesson", current, 0, ImVec2(w, ts.y))) app.open(l.path);
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
  const bool enter = ImGui::InputTextWithHint("##path", "path/to/scenario.json", &app.open_path_input,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !app.open_path_input.empty()) app.open(app.open_path_input);
  if (!app.doc.path().empty()) {
    if (ImGui::Button("\xE2\x86\xBB Reload")) app.doc.reload();  // ↻
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Read %s again (Ctrl+R)", app.doc.path().c_str());
  }
}

}  // namespace trioscope::gui
