#include "gui/code_panel.hpp"

#include <cmath>
#include <string>

#include "view/code_view.hpp"

namespace trioscope::gui {

CodePanel::CodePanel() : Panel("code", {}) {}

float CodePanel::needed_width(const PanelContext& ctx) {
  if (!ctx.fonts.mono) return 0;
  return width_.get({ctx.doc.generation(), ctx.fonts.mono->FontSize}, [&] {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float code = view::code_width(ctx.measurer(), ctx.doc.listing());
    return std::ceil(code + 2 * style.WindowPadding.x + style.ScrollbarSize + 2);
  });
}

namespace {

// What the title row says about the code: the state of the edit, else what the text is.
std::string code_hint(const PanelContext& ctx, CodePanel::View v) {
  const edit::EditSession& s = *ctx.session;
  const document::Problems& p = ctx.doc.problems();
  if (!p.empty() && !p.opening)
    return "\xE2\x9C\x97 " + std::to_string(p.diagnostics.size()) + (p.diagnostics.size() == 1 ? " problem" : " problems") +
           ": the run shown is the last that worked";
  if (s.pending()) return "\xE2\x9C\x8E runs when you pause (Ctrl+Enter: now)";
  if (v == s.file_view()) return v == CodePanel::View::python ? "the lesson's file, as written" : "the lesson's file";
  return v == CodePanel::View::python ? "the lesson as Trio Python" : "the lesson as JSON";
}

}  // namespace

void CodePanel::switch_to(PanelContext& ctx, View v) {
  if (v == view_) return;
  // Another view: what was typed in the last one goes now.
  if (auto c = ctx.session->due(ctx.now, true)) ctx.commands.push(std::move(*c));
  view_ = v;
}

void CodePanel::view_buttons(PanelContext& ctx) {
  // Two segments, the shown one filled: Python | JSON. The view that holds edits not yet
  // in the lesson says so with ✎.
  for (View v : {View::python, View::json}) {
    const bool dirty = v != ctx.session->file_view() && ctx.session->other_view_dirty();
    const std::string label = std::string(v == View::python ? "Python" : "JSON") + (dirty ? " \xE2\x9C\x8E" : "") +
                              (v == View::python ? "##view_python" : "##view_json");
    const bool on = v == view_;
    ImGui::SameLine(0, v == View::python ? ImGui::GetStyle().ItemSpacing.x * 2 : 1);
    if (!on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    if (ImGui::SmallButton(label.c_str())) switch_to(ctx, v);
    if (!on) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && !ctx.deterministic)
      ImGui::SetTooltip("%s", v == ctx.session->file_view()
                                  ? "The lesson's file itself"
                                  : v == View::python ? "The lesson as a Trio program: edit it here too"
                                                      : "The lesson as JSON: edit it here too");
  }
}

void CodePanel::draw_here(PanelContext& ctx, bool titled) {
  if (!ctx.session || ctx.doc.path().empty()) {
    if (titled) panel_title(ctx, "Code");
    ImGui::TextDisabled("No lesson open.");
    return;
  }
  if (titled) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Code");
    ImGui::PopFont();
    view_buttons(ctx);
    panel_hint(code_hint(ctx, view_).c_str());
    ImGui::Separator();
  }
  editor_.draw(ctx, *ctx.session, view_);
}

void CodePanel::draw_view(PanelContext& ctx, View v) {
  if (!ctx.session || ctx.doc.path().empty()) {
    ImGui::TextDisabled("No lesson open.");
    return;
  }
  switch_to(ctx, v);
  editor_.draw(ctx, *ctx.session, view_);
}

}  // namespace trioscope::gui
