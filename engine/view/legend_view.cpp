#include "view/legend_view.hpp"

#include <algorithm>
#include <string>

#include "view/palette.hpp"

namespace trioscope::view {

namespace {
constexpr LegendRow kRows[] = {
    {DisplayState::running, "the one task Trio is executing now"},
    {DisplayState::runnable, "ready; runs in a coming batch"},
    {DisplayState::sleeping, "in trio.sleep until its time (a checkpoint)"},
    {DisplayState::blocking, "in time.sleep: the whole loop is frozen"},
    {DisplayState::waiting_children, "at the end of its nursery, for its children"},
    {DisplayState::waiting_start, "in nursery.start(), until started() is called"},
    {DisplayState::cancel_pending, "its scope is cancelled: Cancelled at its next checkpoint"},
    {DisplayState::raising, "an exception is unwinding it"},
    {DisplayState::handling, "inside an except block"},
    {DisplayState::finished, "returned"},
    {DisplayState::crashed, "ended with an exception"},
    {DisplayState::cancelled, "ended with Cancelled"},
};

std::string label(const LegendRow& r) { return std::string(state_icon(r.state)) + " " + state_word(r.state); }
}  // namespace

std::span<const LegendRow> state_legend_rows() { return kRows; }

Vec2 legend_swatch(float line_h) { return {line_h * 0.9f * 1.6f, line_h * 0.9f}; }

LegendLayout layout_legend(const Painter& p, float width) {
  LegendLayout l;
  l.line_h = p.font_size(Font::ui);
  const Vec2 sw = legend_swatch(l.line_h);
  const float gap = l.line_h * 0.4f, between = l.line_h * 1.2f;
  float x = 0, y = 0;
  for (const LegendRow& r : kRows) {
    const float w = sw.x + gap + p.text_width(Font::ui, label(r));
    if (x > 0 && x + w > width) {
      x = 0;
      y += l.line_h * 1.4f;
    }
    l.items.push_back({x, y});
    x += w + between;
    l.width = std::max(l.width, x - between);
  }
  l.height = y + l.line_h;
  return l;
}

void paint_legend(Painter& p, const LegendLayout& l, Vec2 at, Theme theme) {
  const Palette& pal = palette(theme);
  const Vec2 sw = legend_swatch(l.line_h);
  const float gap = l.line_h * 0.4f;
  for (std::size_t i = 0; i < l.items.size() && i < std::size(kRows); ++i) {
    const LegendRow& r = kRows[i];
    const Rgba c = pal[color_role(r.state)];
    const float x = at.x + l.items[i].x, y = at.y + l.items[i].y;
    const float sy = y + (l.line_h - sw.y) * 0.5f;
    p.fill_rect({x, sy, x + sw.x, sy + sw.y}, c, 3);
    p.text(Font::ui, {x + sw.x + gap, y}, c, label(r));
  }
}

}  // namespace trioscope::view
