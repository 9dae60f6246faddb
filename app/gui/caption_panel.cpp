// The caption bar: the sentence for the current step, large enough to read from the back
// of a classroom, with the step, the virtual time and the event underneath it.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {
// The accent colour of a step: what kind of thing happened.
view::ColorRole accent(const trio::Trace* t, std::int32_t step) {
  using K = trio::EventKind;
  using R = view::ColorRole;
  if (!t || step < 0 || static_cast<std::size_t>(step) >= t->events.size()) return R::text_muted;
  const trio::Event& e = t->events[step];
  switch (e.kind) {
    case K::raised: case K::exception_to_nursery: case K::group_formed: case K::nursery_reraise: return R::exception;
    case K::task_finished: return e.exc >= 0 ? R::crashed : R::finished;
    case K::run_finished: return e.exc >= 0 ? R::crashed : R::finished;
    case K::scope_cancelled: case K::cancel_delivered: case K::scope_caught_cancelled: return R::cancellation;
    case K::handler_entered: return R::handling;
    case K::blocking_started: case K::blocking_ended: return R::blocking;
    case K::sleeping: case K::clock_jump: return R::sleeping;
    case K::print: return R::output;
    case K::deadlock: case K::budget_exhausted: return R::crashed;
    default: return R::running;
  }
}
}  // namespace

void draw_caption(App& app) {
  const view::Palette& p = view::palette(app.vs.theme);
  const std::string& text = app.caption();
  const float width = ImGui::GetContentRegionAvail().x;
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float bar = std::max(4.0f, ImGui::GetFontSize() * 0.3f);
  // A short window (a projector at a low resolution) gives the height to the tree and the
  // code: the sentence in the UI font, and no status row (the toolbar has step and time).
  const bool compact = app.compact();
  ImFont* f = compact ? app.fonts.ui : app.fonts.caption;
  const float wrap = width - 2 * pad - bar * 2;
  const ImVec2 size = f->CalcTextSizeA(f->FontSize, 1e9f, wrap, text.c_str());
  const float status_h = compact ? 0 : ImGui::GetFontSize() * 1.3f;
  // At least two lines, so that the layout below does not jump between steps.
  const float h = std::max(size.y, f->FontSize * (compact ? 2.1f : 2.2f)) + status_h + 2 * pad;

  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p[view::ColorRole::panel]));
  ImGui::BeginChild("caption", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wpos = ImGui::GetWindowPos();
  dl->AddRectFilled(ImVec2(wpos.x + 1, wpos.y + 1), ImVec2(wpos.x + 1 + bar, wpos.y + h - 1),
                    to_u32(p[accent(app.doc.trace(), app.vs.step)]), 3);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + bar);
  ImGui::PushFont(f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  // Where we are: step, virtual time, the event and whose it is.
  const trio::Trace* t = app.doc.trace();
  std::string status;
  if (t && app.vs.step >= 0) {
    const trio::Event& e = t->events[app.vs.step];
    status = "step " + view::thousands(static_cast<std::size_t>(app.vs.step)) + " of " +
             view::thousands(static_cast<std::size_t>(app.last_step())) + "   \xC2\xB7   t = " +
             view::format_seconds(e.kind == trio::EventKind::clock_jump ? e.until : e.time) + "   \xC2\xB7   " +
             trio::event_kind_name(e.kind);
    if (e.task >= 0) status += "   \xC2\xB7   " + view::task_label(*t, e.task);
  } else if (t) {
    status = "before the first step   \xC2\xB7   press Space to play, \xE2\x86\x90 \xE2\x86\x92 to step";
  }
  if (!compact) {
    ImGui::SetCursorPosY(h - pad - status_h + ImGui::GetFontSize() * 0.2f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + bar);
    ImGui::TextDisabled("%s", status.c_str());
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace trioscope::gui
