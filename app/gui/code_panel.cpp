#include "gui/code_panel.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "view/code_view.hpp"
#include "view/exc_text.hpp"

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

void CodePanel::draw_here(PanelContext& ctx, bool titled) {
  if (titled) {
    panel_title(ctx, "Code", "the scenario as Trio Python");
    ImGui::Separator();
  }
  const std::string& listing = ctx.doc.listing();
  const trio::Trace* t = ctx.doc.trace();
  const view::Snapshot* s = ctx.snapshot;
  if (listing.empty() || !t || !s) {
    ImGui::TextDisabled("No listing for this run.");
    return;
  }

  ImGui::BeginChild("##listing", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::PushFont(ctx.fonts.mono);
  ImGuiPainter painter = ctx.painter();
  const float lh = ImGui::GetTextLineHeightWithSpacing();
  const float full_w = ImGui::GetContentRegionAvail().x;
  // The line count sets the gutter; the rows of the last frame know it without a scan.
  const std::size_t line_count = rows_.key() && rows_.key()->generation == ctx.doc.generation()
                                     ? rows_.value().first_row.size()
                                     : static_cast<std::size_t>(std::count(listing.begin(), listing.end(), '\n') + 1);
  const view::CodeGutter g = view::code_gutter(painter, line_count);
  const int columns = view::code_columns(g, full_w);
  const view::ListingRows& rows =
      rows_.get({ctx.doc.generation(), columns, ctx.fonts.mono->FontSize}, [&] { return view::wrap_listing(listing, columns); });
  const std::size_t nlines = rows.first_row.size();
  const view::CodeLit lit = view::code_lit(*t, *s, ctx.view.step, nlines);
  const view::CodeScene scene{t, s, listing, &rows, &lit, ctx.prefs.theme};
  const float visible_right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  float overflow = 0;
  view::RowTokens tokens;

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.rows.size()), lh);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ImVec2 a = ImGui::GetCursorScreenPos();
      overflow = std::max(
          overflow, view::paint_code_row(painter, scene, g, static_cast<std::size_t>(i), to_view(a), full_w, lh, visible_right, tokens));
      // Who is on the line: the marker's tooltip names them all.
      const view::ListingRow& row = rows.rows[i];
      if (!row.continuation && !ctx.deterministic && ImGui::IsWindowHovered() &&
          ImGui::IsMouseHoveringRect(a, ImVec2(a.x + g.number_x, a.y + lh))) {
        const std::vector<std::int32_t> who = lit.who(row.line);
        std::string tip;
        for (std::int32_t k : who)
          tip += (tip.empty() ? "" : "\n") + std::string(view::state_icon(view::display_state(*s, k))) + " " +
                 view::task_label(*t, k) + ": " + view::state_word(view::display_state(*s, k));
        if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
      }
      ImGui::Dummy(ImVec2(full_w, lh));
    }
  }
  ctx.report.code_rows_visible = static_cast<int>(std::floor(ImGui::GetWindowHeight() / lh));
  ctx.report.code_overflow = overflow;
  // Bring the strong line into view when the step changes.
  if (scrolled_step_ != ctx.view.step || scrolled_generation_ != ctx.doc.generation()) scroll_frames_ = 3;
  scrolled_step_ = ctx.view.step;
  scrolled_generation_ = ctx.doc.generation();
  if (scroll_frames_ > 0 && lit.strong > 0 && lit.strong <= nlines) {
    --scroll_frames_;
    const float y = static_cast<float>(rows.row_of_line(lit.strong)) * lh;
    const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
    const float to = view::code_scroll_to(y, top, h, lh);
    if (to != top) ImGui::SetScrollY(to);
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace trioscope::gui
