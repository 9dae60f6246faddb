// Banners under the toolbar: a file that could not be opened (its errors, file:line:col,
// and what is on screen instead), and a run that did not finish (a deadlock, or the event
// budget ran out), shown as soon as such a run is loaded rather than only at its end.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/exc_text.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

void draw_error_banner(App& app) {
  const auto& errors = app.doc.errors();
  if (errors.empty()) return;
  const view::Palette& p = view::palette(app.vs.theme);
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::size_t shown = std::min<std::size_t>(errors.size(), app.compact() ? 2 : 6);
  const std::string head = "\xE2\x9C\x97 Could not open " + app.doc.error_file() + ". " + app.error_note;  // ✗
  app.report.error_banner = head;
  // As tall as its wrapped lines, so that every message reads whole.
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
  float h = 2 * style.WindowPadding.y + ImGui::GetFrameHeightWithSpacing();
  ImGui::PushFont(app.fonts.bold);
  h += ImGui::CalcTextSize(head.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  ImGui::PopFont();
  ImGui::PushFont(app.fonts.mono);
  for (std::size_t i = 0; i < shown; ++i)
    h += ImGui::CalcTextSize(errors[i].c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  if (errors.size() > shown) h += ImGui::GetTextLineHeightWithSpacing();
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(view::ColorRole::crashed)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::crashed]));
  ImGui::BeginChild("errors", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::crashed]));
  ImGui::PushFont(app.fonts.bold);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(head.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushFont(app.fonts.mono);
  ImGui::PushTextWrapPos(0);
  for (std::size_t i = 0; i < shown; ++i) ImGui::TextUnformatted(errors[i].c_str());
  ImGui::PopTextWrapPos();
  if (errors.size() > shown) ImGui::TextDisabled("... and %zu more", errors.size() - shown);
  ImGui::PopFont();
  if (ImGui::Button("Dismiss")) app.doc.clear_errors();
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void draw_run_banner(App& app) {
  const trio::RunResult* run = app.doc.run();
  if (!run || (run->end != trio::RunEnd::deadlock && run->end != trio::RunEnd::budget_exhausted)) return;
  if (app.memory.banner_dismissed == app.doc.generation()) return;
  const std::int32_t last = app.last_step();
  const std::string at = "step " + view::thousands(static_cast<std::size_t>(std::max(0, last))) + ", t = " +
                         view::format_seconds(run->end_time);
  const std::string text =
      run->end == trio::RunEnd::deadlock
          ? "\xE2\x9A\xA0 This run never finishes: at " + at +
                " every task waits and nothing can wake them (a deadlock; real Trio would hang)."
          : "\xE2\x9A\xA0 This run did not finish: it was stopped at " + at +
                ", when it used up its event budget. Is there a loop without an end?";  // ⚠
  app.report.run_banner = text;
  const view::Palette& p = view::palette(app.vs.theme);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons = ImGui::CalcTextSize("Go to the end").x + ImGui::CalcTextSize("Dismiss").x +
                        4 * style.FramePadding.x + 2 * style.ItemSpacing.x;
  const float wrap = std::max(ImGui::GetFontSize() * 10, ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x - buttons);
  ImGui::PushFont(app.fonts.bold);
  const float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
  ImGui::PopFont();
  const float h = 2 * style.WindowPadding.y + std::max(text_h, ImGui::GetFrameHeight());
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(view::ColorRole::blocking)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::blocking]));
  ImGui::BeginChild("run_banner", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::text]));
  ImGui::PushFont(app.fonts.bold);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - buttons + style.ItemSpacing.x);
  if (ImGui::Button("Go to the end")) {
    app.vs.playing = false;
    app.go_to(last);
  }
  ImGui::SameLine();
  if (ImGui::Button("Dismiss")) app.memory.banner_dismissed = app.doc.generation();
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

}  // namespace trioscope::gui
