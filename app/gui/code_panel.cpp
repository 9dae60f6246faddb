#include "gui/code_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <string>

#include "gui/teaching.hpp"
#include "view/code_view.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

CodePanel::CodePanel() : Panel("code", {}) {}

namespace {
// The listing's rows, in line heights of the code font: room between lines for the eye.
constexpr float kRowPitch = 1.4f;
}  // namespace

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
    panel_title(ctx, "Code", view::code_subtitle(ctx.doc.written_in_python()));
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
  // Rows exactly `lh` apart (no item spacing between them), so that a row's place is its
  // index times lh: what the clipper assumes and what scrolling to a line computes.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  ImGuiPainter painter = ctx.painter();
  const float lh = std::round(ImGui::GetFontSize() * kRowPitch);
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
  const view::CodeLit lit = view::code_lit(*t, *s, ctx.view.step, nlines, listing);
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
      if (!row.continuation) draw_lint_mark(ctx, row.line, a, g.number_x, g.char_w, lh);  // ⚠ of a lint
      ImGui::Dummy(ImVec2(full_w, lh));
    }
  }
  ctx.report.code_rows_visible = static_cast<int>(std::floor(ImGui::GetWindowHeight() / lh));
  ctx.report.code_overflow = overflow;
  // Bring the line of the step into view whenever the step, the run, the panel's size or
  // the scale changes; another file starts at its top.
  const ScrollKey key{ctx.view.step, ctx.doc.generation(), full_w, ImGui::GetWindowHeight(), ImGui::GetFontSize()};
  if (ctx.doc.path() != scrolled_path_) {
    scrolled_path_ = ctx.doc.path();
    ImGui::SetScrollY(0);
  }
  if (!(key == scrolled_)) scroll_frames_ = 3;
  scrolled_ = key;
  const float h = ImGui::GetWindowHeight();
  if (lit.strong > 0 && lit.strong <= nlines) {
    // The line's rows: all of them in view when they fit, its first row at least.
    const std::uint32_t first = rows.row_of_line(lit.strong);
    std::uint32_t last = first;
    while (last + 1 < rows.rows.size() && rows.rows[last + 1].line == lit.strong) ++last;
    const float y0 = static_cast<float>(first) * lh, y1 = static_cast<float>(last + 1) * lh;
    const float top = ImGui::GetScrollY();
    // In view: wholly, or (a line wrapped to more rows than the panel holds) from its first row.
    const bool taller = y1 - y0 > h;
    ctx.report.code_line_visible = y0 >= top - 0.5f && (taller ? y0 + lh <= top + h + 0.5f : y1 <= top + h + 0.5f);
    ctx.report.code_line = lit.strong;
    if (scroll_frames_ > 0) {
      --scroll_frames_;
      if (y0 < top + lh * 0.5f || y1 > top + h - lh * 0.5f)
        ImGui::SetScrollY(std::max(0.0f, taller ? y0 : y0 - std::min(std::max(lh, h * 0.3f), h - (y1 - y0))));
    }
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace trioscope::gui
