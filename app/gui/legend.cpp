#include "gui/legend.hpp"

#include <imgui.h>

#include "gui/imgui_painter.hpp"
#include "view/legend_view.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

void state_legend(view::Theme theme, bool brief) {
  const view::Palette& p = view::palette(theme);
  const view::Vec2 swatch = view::legend_swatch(ImGui::GetFontSize());
  const float column = ImGui::GetFontSize() * 13.5f;
  int i = 0;
  for (const view::LegendRow& r : view::state_legend_rows()) {
    if (brief && i++ % 3 != 0) ImGui::SameLine(column * static_cast<float>((i - 1) % 3) + ImGui::GetStyle().WindowPadding.x);
    // A swatch of the colour, then its icon and word: the colour alone is never the key.
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float y = a.y + (ImGui::GetTextLineHeight() - swatch.y) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + swatch.x, y + swatch.y),
                                              to_u32(p[view::color_role(r.state)]), 3);
    ImGui::Dummy(ImVec2(swatch.x, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextColored(to_vec4(p[view::color_role(r.state)]), "%s %s", view::state_icon(r.state), view::state_word(r.state));
    if (brief) continue;
    ImGui::SameLine(column);
    ImGui::TextUnformatted(r.meaning);
  }
}

}  // namespace trioscope::gui
