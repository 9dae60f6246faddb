// The lints on screen: a ⚠ in the code editor's margin (its text in the margin's tooltip), and a sentence in
// the caption at the step where a lint bites. Both read the lints that Teaching::update
// made for this run (engine/teach/lint.hpp); nothing here runs anything.
#include <algorithm>
#include <string>

#include "gui/teaching.hpp"

namespace trioscope::gui {

void draw_lint_mark(PanelContext& ctx, std::uint32_t line, ImVec2 row_min, float gutter_x, float char_w, float row_h) {
  if (!ctx.teaching) return;
  const auto it = ctx.teaching->marks.find(line);
  if (it == ctx.teaching->marks.end()) return;
  ctx.report.lint_marks += 1;
  // In the gap between the line number and the code: a shape and a word on hover, never
  // the colour alone.
  const view::Palette& p = ctx.palette();
  // A warning triangle with "!" in it, as tall as the text, in the gap before the code.
  const float size = std::min(row_h * 0.8f, char_w * 1.3f);
  const float x = row_min.x + gutter_x + char_w * 0.2f, y = row_min.y + (row_h - size) * 0.5f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = to_u32(p[view::ColorRole::blocking]);
  dl->AddTriangleFilled(ImVec2(x + size * 0.5f, y), ImVec2(x + size, y + size), ImVec2(x, y + size), fill);
  const ImU32 ink = to_u32(p[view::ColorRole::background]);
  const float cx = x + size * 0.5f, bar = std::max(1.0f, size * 0.12f);
  dl->AddRectFilled(ImVec2(cx - bar * 0.5f, y + size * 0.32f), ImVec2(cx + bar * 0.5f, y + size * 0.7f), ink);
  dl->AddRectFilled(ImVec2(cx - bar * 0.5f, y + size * 0.78f), ImVec2(cx + bar * 0.5f, y + size * 0.9f), ink);
}

namespace {
// A tooltip does not wrap by itself: lines of at most `width` characters, at spaces.
std::string wrapped(const std::string& text, std::size_t width = 72) {
  std::string out;
  std::size_t col = 0, i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      out += '\n';
      col = 0;
      ++i;
      continue;
    }
    std::size_t j = text.find_first_of(" \n", i);
    if (j == std::string::npos) j = text.size();
    const std::size_t word = j - i;
    if (col > 0 && col + 1 + word > width) {
      out += '\n';
      col = 0;
    } else if (col > 0) {
      out += ' ';
      ++col;
    }
    out.append(text, i, word);
    col += word;
    i = j < text.size() && text[j] == ' ' ? j + 1 : j;
  }
  return out;
}
}  // namespace

std::string lint_tip(const PanelContext& ctx, std::uint32_t line) {
  if (!ctx.teaching) return "";
  const auto it = ctx.teaching->marks.find(line);
  if (it == ctx.teaching->marks.end()) return "";
  std::string tip;
  for (std::size_t k : it->second) {
    const teach::Lint& l = ctx.teaching->lints[k];
    if (!tip.empty()) tip += "\n";
    tip += wrapped("\xE2\x9A\xA0 " + l.code + ": " + l.message) + "\n" + wrapped("Fix: " + l.fix + ".");
    if (l.proof) tip += "\n" + wrapped("In this run: " + l.proof->text + " (step " + std::to_string(l.proof->step) + ").");
  }
  return tip;
}

std::string lint_caption_note(const PanelContext& ctx) {
  if (!ctx.teaching) return "";
  return teach::caption_note(ctx.teaching->lints, ctx.view.step);
}

}  // namespace trioscope::gui
