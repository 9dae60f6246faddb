#include "gui/output_panel.hpp"

#include <algorithm>
#include <string>

#include "core/limits.hpp"
#include "view/exc_text.hpp"
#include "view/run_stop.hpp"
#include "view/text_cap.hpp"
#include "view/traceback_text.hpp"

namespace trioscope::gui {

namespace {
// Past either, the output is shown one row a line, only the rows in sight laid out.
constexpr int kMaxWrappedRows = 2000;
constexpr std::size_t kMaxWrappedBytes = 256 * 1024;
}  // namespace

OutputPanel::OutputPanel() : Panel("output", {}) {}

void OutputPanel::draw_here(PanelContext& ctx, bool titled) {
  if (titled) {
    panel_title(ctx, "Output", "what the program printed");
    ImGui::Separator();
  }
  const trio::Trace* t = ctx.doc.trace();
  const view::Playback* pb = ctx.doc.playback();
  const view::Snapshot* s = ctx.snapshot;
  if (!t || !pb || !s) return;
  const view::Palette& p = ctx.palette();
  const std::int32_t n = pb->prints_until(ctx.view.step);
  // How the run ended is part of what a terminal would show.
  const bool ended = s->run == view::RunStatus::raised || s->run == view::RunStatus::deadlock ||
                     s->run == view::RunStatus::budget_exhausted;
  // What escaped trio.run, the way Python prints it (the traceback's last lines, a group's
  // tree), under a line that says so.
  std::vector<std::string> ending;
  if (s->run == view::RunStatus::raised) {
    ending.push_back("\xE2\x9C\x97 trio.run raised:");  // ✗
    if (s->run_exc >= 0 && static_cast<std::size_t>(s->run_exc) < t->exceptions.size())
      for (std::string& l : view::python_traceback_lines(*t->exceptions[s->run_exc]))
        ending.push_back(view::shown_text(l));
  } else if (s->run == view::RunStatus::deadlock) {
    ending.push_back("\xE2\x9C\x97 deadlock: the run can never finish");
  } else if (ended) {
    ending.push_back(std::string("\xE2\x9C\x97 stopped: the run reached its ") +
                     trio::limit_name(pb->last_step() >= 0 ? view::stopping_limit(t->events[pb->last_step()])
                                                            : trio::Limit::events));
  }
  const int rows = n + static_cast<int>(ending.size());

  ImGui::BeginChild("##lines", ImVec2(0, 0), false);
  ImGui::PushFont(ctx.fonts.mono);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto row = [&](int i) {
    if (i >= n) {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::crashed]));
      ImGui::TextUnformatted(ending[static_cast<std::size_t>(i - n)].c_str());
      ImGui::PopStyleColor();
      return;
    }
    const std::int32_t ev = pb->prints()[i];
    const trio::Event& e = t->events[ev];
    const std::string time = "[" + view::format_seconds(e.time) + "]";
    const bool current = ev == ctx.view.step;
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", time.c_str());
    ImGui::SameLine();
    // A huge line shows its first few kilobytes and how much more there is.
    const std::string_view text = t->text(e);
    if (text.size() <= view::kMaxShownBytes) {
      ImGui::TextUnformatted(text.data(), text.data() + text.size());
    } else {
      const std::string cut = view::shown_text(text);
      ImGui::TextUnformatted(cut.data(), cut.data() + cut.size());
    }
    ImGui::EndGroup();
    dl->ChannelsSetCurrent(0);
    if (current) {
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(a.x + ImGui::GetContentRegionAvail().x, b.y),
                        to_u32(p.tint(view::ColorRole::output)));
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(a.x - 1, b.y), to_u32(p[view::ColorRole::output]));
    }
    dl->ChannelsMerge();
    if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("printed by %s", view::task_label(*t, e.task).c_str());
  };
  // Wrapping lays out every row each frame: only for an output of moderate size.
  std::size_t shown_bytes = 0;
  for (int i = 0; i < n && i <= kMaxWrappedRows; ++i)
    shown_bytes += std::min(t->text(t->events[pb->prints()[i]]).size(), view::kMaxShownBytes);
  if (rows <= kMaxWrappedRows && shown_bytes <= kMaxWrappedBytes) {
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
  if (rows != rows_shown_) scroll_frames_ = 3;
  rows_shown_ = rows;
  if (scroll_frames_ > 0) {
    --scroll_frames_;
    ImGui::SetScrollHereY(1.0f);
  }
  ImGui::EndChild();
}

}  // namespace trioscope::gui
