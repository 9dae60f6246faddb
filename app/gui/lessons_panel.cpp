// Lessons: the bundled scenarios with their titles (the current one with its description),
// and a field to open any scenario file by path (Enter opens it and gives the keyboard back
// to playback). Files can also be dropped on the window. A narrow window folds the panel
// into a strip that opens it over the tree.
#include <algorithm>
#include <filesystem>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>
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
  // The same file, however it was named (a relative path on the command line).
  auto normal = [](const std::string& p) {
    std::error_code ec;
    const std::filesystem::path a = std::filesystem::absolute(p, ec);
    return (ec ? std::filesystem::path(p) : a).lexically_normal();
  };
  const std::filesystem::path open_file = normal(app.doc.path());
  for (std::size_t i = 0; i < app.lessons.size(); ++i) {
    const Lesson& l = app.lessons[i];
    const bool current = !app.doc.path().empty() && normal(l.path) == open_file;
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
  app.report.open_field = ImVec4(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                                 ImGui::GetItemRectMax().y);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !app.open_path_input.empty()) {
    app.open(app.open_path_input);
    // The keyboard goes back to playback: Space and the arrows step the lesson just opened.
    ImGui::ClearActiveID();
  }
  if (!app.doc.path().empty()) {
    if (ImGui::Button("\xE2\x86\xBB Reload")) app.doc.reload();  // ↻
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Read %s again (Ctrl+R)", app.doc.path().c_str());
  }
}

}  // namespace trioscope::gui

namespace trioscope::gui {

// The lessons folded into a strip at the left when the window is too narrow for their
// column (a projector at a large text size): the strip says they are there and opens
// them over the tree.
void draw_lessons_strip(App& app, bool* open) {
  const view::Palette& p = view::palette(app.vs.theme);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (ImGui::InvisibleButton("##lessons_strip", ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)))) *open = !*open;
  const bool hovered = ImGui::IsItemHovered() && !app.deterministic;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered || *open) dl->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y), to_u32(p[view::ColorRole::playhead], 0.10f), 4);
  const float fs = ImGui::GetFontSize();
  const char* icon = "\xE2\x98\xB0";  // ☰
  const float iw = ImGui::CalcTextSize(icon).x;
  dl->AddText(ImVec2(a.x + (size.x - iw) * 0.5f, a.y + fs * 0.2f), to_u32(p[view::ColorRole::text]), icon);
  ImFont* bold = app.fonts.bold;
  vertical_text(dl, bold, bold->FontSize, ImVec2(a.x + (size.x + bold->FontSize) * 0.5f, a.y + fs * 1.8f),
                to_u32(p[view::ColorRole::text]), *open ? "Lessons  \xE2\x96\xBC" : "Lessons  \xE2\x96\xB2");  // turned: ◀ ▶
  if (hovered)
    ImGui::SetTooltip("The lessons are folded: the window is too narrow for their column at this text size\n"
                      "(Ctrl - makes the text smaller). Click to show them over the tree.");
}

}  // namespace trioscope::gui
