// Output: what the program printed up to this step, each line with its virtual time, like
// the article's "Run this" output. The line printed by this very step is marked.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

void draw_output(App& app, bool titled) {
  if (titled) {
    panel_title(app, "Output", "what the program printed");
    ImGui::Separator();
  }
  const trio::Trace* t = app.doc.trace();
  const view::Playback* pb = app.doc.playback();
  const view::Snapshot* s = app.snapshot();
  if (!t || !pb || !s) return;
  const view::Palette& p = view::palette(app.vs.theme);
  const std::int32_t n = pb->prints_until(app.vs.step);
  // How the run ended is part of what a terminal would show.
  const bool ended = s->run == view::RunStatus::raised || s->run == view::RunStatus::deadlock ||
                     s->run == view::RunStatus::budget_exhausted;
  const int rows = n + (ended ? 1 : 0);

  ImGui::BeginChild("##lines", ImVec2(0, 0), false);
  ImGui::PushFont(app.fonts.mono);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto row = [&](int i) {
    if (i == n) {
      std::string end;
      if (s->run == view::RunStatus::raised) end = "trio.run raised " + view::describe_exc(*t, s->run_exc);
      else if (s->run == view::RunStatus::deadlock) end = "deadlock: the run can never finish";
      else end = "stopped: the event budget ran out";
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::crashed]));
      ImGui::TextUnformatted(("\xE2\x9C\x97 " + end).c_str());  // ✗
      ImGui::PopStyleColor();
      return;
    }
    const std::int32_t ev = pb->prints()[i];
    const trio::Event& e = t->events[ev];
    const std::string time = "[" + view::format_seconds(e.time) + "]";
    const bool current = ev == app.vs.step;
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", time.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(t->text(e).c_str());
    ImGui::EndGroup();
    dl->ChannelsSetCurrent(0);
    if (current) {
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(a.x + ImGui::GetContentRegionAvail().x, b.y),
                        to_u32(p.tint(view::ColorRole::output)));
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(a.x - 1, b.y), to_u32(p[view::ColorRole::output]));
    }
    dl->ChannelsMerge();
    if (ImGui::IsItemHovered() && !app.deterministic) ImGui::SetTooltip("printed by %s", view::task_label(*t, e.task).c_str());
  };
  if (rows <= 2000) {
    // Lines wrap, so that nothing printed hides off the edge.
    ImGui::PushTextWrapPos(0);
    for (int i = 0; i < rows; ++i) row(i);
    ImGui::PopTextWrapPos();
  } else {
    // A very long output: one line each, only what is visible.
    ImGuiListClipper clipper;
    clipper.Begin(rows);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) row(i);
  }
  ImGui::PopFont();
  // Follow the newest line as the program prints.
  if (rows != app.memory.output_rows) app.memory.output_scroll_frames = 3;
  app.memory.output_rows = rows;
  if (app.memory.output_scroll_frames > 0) {
    --app.memory.output_scroll_frames;
    ImGui::SetScrollHereY(1.0f);
  }
  ImGui::EndChild();
}

}  // namespace trioscope::gui
