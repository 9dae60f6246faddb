// The toolbar's teaching buttons: the Predict switch (P) and "Why?" for the step on screen
// (W). Drawn in the toolbar's first row, between the run settings and the look.
#include <algorithm>
#include <string>

#include "gui/teaching.hpp"

namespace trioscope::gui {

namespace {
// The switch says its state in words (or a check mark), not only by its colour. In a narrow
// window "Why?" moves to the ⚙ menu, so that the scrub slider keeps room on its row.
const char* predict_label(bool on, bool small) {
  return small ? (on ? "\xE2\x9C\x93 Predict##predict" : "Predict##predict")
               : (on ? "\xE2\x9C\x93 Predict: on##predict" : "Predict: off##predict");  // ✓
}

void ask_why(PanelContext& ctx) {
  ctx.input.why_event = ctx.view.step;
  ctx.input.why_task = -1;
}
}  // namespace

float teach_toolbar_width(const PanelContext&, bool small, float spacing) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // The wider of the switch's two labels, so that switching it does not move the row.
  const float label_w = std::max(ImGui::CalcTextSize(predict_label(true, small), nullptr, true).x,
                                 ImGui::CalcTextSize(predict_label(false, small), nullptr, true).x);
  float w = label_w + 2 * style.FramePadding.x + spacing;
  if (!small) w += ImGui::CalcTextSize("Why?").x + 2 * style.FramePadding.x + spacing;
  return w;
}

void teach_toolbar_buttons(PanelContext& ctx, bool small, float right) {
  InputState& in = ctx.input;
  const bool on = in.predict;
  const char* label = predict_label(on, small);
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + teach_toolbar_width(ctx, small, ImGui::GetStyle().ItemSpacing.x) > right + 1) ImGui::NewLine();
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(label)) {
    in.predict = !on;
    in.playing = false;
  }
  if (on) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered() && !ctx.deterministic)
    ImGui::SetTooltip("Predict (P): playback stops before each key moment and asks what happens next.\n"
                      "Keys 1-4 choose, Space reveals the answer and why the others are wrong.");
  if (small) return;
  ImGui::SameLine();
  const bool have = ctx.view.step >= 0;
  if (!have) ImGui::BeginDisabled();
  if (ImGui::Button("Why?##why_event")) ask_why(ctx);
  if (!have) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !ctx.deterministic)
    ImGui::SetTooltip("Why did this step happen? (W)\nThe chain of causes back to its root; click a task for why it is not running.");
}

void teach_menu_items(PanelContext& ctx) {
  const bool have = ctx.view.step >= 0;
  if (!have) ImGui::BeginDisabled();
  if (ImGui::Button("Why did this step happen? (W)")) {
    ask_why(ctx);
    ImGui::CloseCurrentPopup();
  }
  if (!have) ImGui::EndDisabled();
  ImGui::TextDisabled("Click a task (tree or timeline) to ask why it is not running.");
  ImGui::Separator();
}

}  // namespace trioscope::gui
