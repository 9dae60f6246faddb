#include "gui/legend.hpp"

#include <imgui.h>

#include "gui/imgui_painter.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

void state_legend(view::Theme theme, bool brief) {
  const view::Palette& p = view::palette(theme);
  struct Row {
    view::DisplayState s;
    const char* meaning;
  };
  static constexpr Row rows[] = {
      {view::DisplayState::running, "the one task Trio is executing now"},
      {view::DisplayState::runnable, "ready; runs in a coming batch"},
      {view::DisplayState::sleeping, "in trio.sleep until its time (a checkpoint)"},
      {view::DisplayState::blocking, "in time.sleep: the whole loop is frozen"},
      {view::DisplayState::waiting_children, "at the end of its nursery, for its children"},
      {view::DisplayState::waiting_start, "in nursery.start(), until started() is called"},
      {view::DisplayState::cancel_pending, "its scope is cancelled: Cancelled at its next checkpoint"},
      {view::DisplayState::raising, "an exception is unwinding it"},
      {view::DisplayState::handling, "inside an except block"},
      {view::DisplayState::finished, "returned"},
      {view::DisplayState::crashed, "ended with an exception"},
      {view::DisplayState::cancelled, "ended with Cancelled"},
  };
  const float swatch = ImGui::GetFontSize() * 0.9f;
  const float column = ImGui::GetFontSize() * 13.5f;
  int i = 0;
  for (const Row& r : rows) {
    if (brief && i++ % 3 != 0) ImGui::SameLine(column * static_cast<float>((i - 1) % 3) + ImGui::GetStyle().WindowPadding.x);
    // A swatch of the colour, then its icon and word: the colour alone is never the key.
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float y = a.y + (ImGui::GetTextLineHeight() - swatch) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + swatch * 1.6f, y + swatch),
                                              to_u32(p[view::color_role(r.s)]), 3);
    ImGui::Dummy(ImVec2(swatch * 1.6f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextColored(to_vec4(p[view::color_role(r.s)]), "%s %s", view::state_icon(r.s), view::state_word(r.s));
    if (brief) continue;
    ImGui::SameLine(column);
    ImGui::TextUnformatted(r.meaning);
  }
}

}  // namespace trioscope::gui
