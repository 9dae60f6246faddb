#include "gui/help_overlay.hpp"

#include <algorithm>

#include "gui/legend.hpp"
#include "view/shapes.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::gui {

namespace {
struct Key {
  const char* keys;
  const char* does;
};
constexpr Key kKeys[] = {
    {"Space", "play / pause"},
    {"\xE2\x86\x90 \xE2\x86\x92   PageUp PageDown", "one step back / forward (a presentation clicker)"},
    {"Shift + \xE2\x86\x90 \xE2\x86\x92", "one instant of virtual time"},
    {"Shift + PageUp PageDown", "the previous / next teaching moment"},
    {"Home   End", "the first / last step"},
    {"P", "Predict: stop before each key moment with a question"},
    {"1 2 3 4   Space", "at a question: choose, then reveal the answer"},
    {"W   click a task", "why did this step happen? / why is this task not running?"},
    {"O", "Outcomes: every way the lesson can end; compare two runs"},
    {"F11", "presentation mode (full screen)"},
    {"Esc", "close a menu or this help; leave presentation mode"},
    {"Ctrl + plus / minus / 0", "text and UI larger / smaller / as installed"},
    {"Ctrl + R", "read the lesson's file again"},
    {"F1", "this help"},
};
}  // namespace

void draw_help_overlay(PanelContext& ctx) {
  if (!ctx.input.help) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float lh = ImGui::GetFontSize();
  const ImVec2 size(std::min(vp->Size.x - 2 * lh, 52 * lh), std::min(vp->Size.y - 2 * lh, 36 * lh));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - size.x) * 0.5f, vp->Pos.y + (vp->Size.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  const view::Palette& p = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p[view::ColorRole::panel]));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::playhead]));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(1.0f, lh * 0.12f));
  if (ImGui::Begin("##help", &ctx.input.help, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Keys");
    ImGui::PopFont();
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_SizingStretchProp)) {
      for (const Key& k : kKeys) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted(k.keys);
        ImGui::PopFont();
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(k.does);
      }
      ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("What a task is doing");
    ImGui::PopFont();
    state_legend(ctx.prefs.theme);
    ImGui::Separator();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Marks on the timeline");
    ImGui::PopFont();
    ImGuiPainter painter = ctx.painter();
    static constexpr view::MarkKind kMarks[] = {view::MarkKind::spawn, view::MarkKind::checkpoint, view::MarkKind::sleep,
                                                view::MarkKind::block, view::MarkKind::raise, view::MarkKind::cancel,
                                                view::MarkKind::cancel_hit, view::MarkKind::caught, view::MarkKind::reraise,
                                                view::MarkKind::crash, view::MarkKind::print};
    for (std::size_t i = 0; i < std::size(kMarks); ++i) {
      if (i % 4) ImGui::SameLine(static_cast<float>(i % 4) * 12 * lh + ImGui::GetStyle().WindowPadding.x);
      const ImVec2 a = ImGui::GetCursorScreenPos();
      view::mark_shape(painter, kMarks[i], {a.x + lh * 0.5f, a.y + lh * 0.5f}, lh * 0.45f, p[view::mark_role(kMarks[i])],
                       p[view::ColorRole::background]);
      ImGui::Dummy(ImVec2(lh * 1.2f, lh));
      ImGui::SameLine();
      ImGui::TextUnformatted(view::mark_word(kMarks[i]));
    }
    ImGui::Spacing();
    ImGui::TextDisabled("Esc or F1 closes this help.");
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace trioscope::gui
