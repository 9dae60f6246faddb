#include "gui/caption_panel.hpp"

#include "gui/teaching.hpp"
#include "view/caption.hpp"
#include "view/caption_view.hpp"
#include "view/text_cap.hpp"

namespace trioscope::gui {

CaptionPanel::CaptionPanel() : Panel("caption", {.panel_spacing = false, .flags = ImGuiWindowFlags_NoScrollbar}) {}

const std::string& CaptionPanel::text(PanelContext& ctx) {
  return text_.get({ctx.doc.generation(), ctx.view.step}, [&]() -> std::string {
    view::Playback* pb = ctx.doc.playback();
    if (!pb) return "Open a lesson to begin.";
    const view::Snapshot before = pb->snapshot_at(ctx.view.step - 1);
    // A lint that bites at this step comes first: a short window may shorten the rest.
    const std::string note = lint_caption_note(ctx);
    return (note.empty() ? "" : note + " ") +
           view::caption(*ctx.doc.trace(), before, pb->snapshot_at(ctx.view.step), &ctx.doc.blocks());
  });
}

namespace {
// Lines of window height from which the caption keeps its status row.
constexpr float kStatusRowLines = 40;

view::CaptionLayout layout(PanelContext& ctx, const std::string& text, float width) {
  // The status row repeats the toolbar's step and time: only a tall window keeps it.
  const bool tall = ImGui::GetMainViewport()->Size.y >= kStatusRowLines * ImGui::GetFontSize();
  return view::layout_caption(ctx.measurer(), text, width, ImGui::GetStyle().WindowPadding.x, ctx.compact, tall);
}
}  // namespace

float CaptionPanel::height(PanelContext& ctx) { return layout(ctx, text(ctx), ImGui::GetContentRegionAvail().x).height; }

void CaptionPanel::before(PanelContext& ctx) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(ctx.palette()[view::ColorRole::panel]));
}
void CaptionPanel::after(PanelContext&) { ImGui::PopStyleColor(); }

void CaptionPanel::draw_content(PanelContext& ctx) {
  const std::string& caption = text(ctx);
  const ImVec2 pos = ImGui::GetWindowPos();
  const view::CaptionLayout l = layout(ctx, caption, ImGui::GetWindowWidth());
  const trio::Trace* t = ctx.doc.trace();
  const std::string status = t ? view::caption_status(*t, ctx.view.step) : std::string();
  ImGuiPainter painter = ctx.painter();
  view::paint_caption(painter, l, {pos.x, pos.y, pos.x + ImGui::GetWindowWidth(), pos.y + l.height}, caption, status,
                      view::caption_accent(t, ctx.view.step), ctx.prefs.theme);
  // A sentence too long for the bar is whole in its tooltip.
  if (l.shortened && !ctx.deterministic && ImGui::IsWindowHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    const std::string whole = view::shown_text(caption, 4 * view::kMaxShownBytes);
    ImGui::TextUnformatted(whole.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace trioscope::gui
