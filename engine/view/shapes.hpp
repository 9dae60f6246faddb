// Shapes built from the painter's primitives: dashed lines and frames, arrows and curved
// arrows, the shield and clock icons (drawn as shapes, so they stay crisp at any scale
// and need no emoji font), chips (rounded labels) and the timeline's marks (each kind its
// own shape, so that they differ without colour).
#pragma once

#include <string>
#include <string_view>

#include "view/painter.hpp"
#include "view/palette.hpp"
#include "view/task_state.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::view {

void dashed_line(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float dash);
void dashed_rect(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float dash);
// A heraldic shield, `size` high, centred on c.
void shield_icon(Painter& p, Vec2 c, float size, Rgba col, bool filled);
// A clock face with hands, radius r.
void clock_icon(Painter& p, Vec2 c, float r, Rgba col);

// A chip: a rounded label. Its size is its text plus kChipPadding line heights across and
// kChipHeight line heights high (tree_layout.hpp), so that a layout can place it.
Vec2 chip_size(const Painter& p, Font f, std::string_view text);
Vec2 chip(Painter& p, Font f, Vec2 pos, std::string_view text, Rgba fill, Rgba border, Rgba text_col,
          bool has_border = true);

// A straight arrow from a to b with a head at b.
void arrow(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float head);
// A curved arrow (quadratic, bulging to the left of a->b by `bend` of its length).
void curved_arrow(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float head, float bend);
// The point at t on that curve.
Vec2 curve_point(Vec2 a, Vec2 b, float bend, float t);

// A task state as a bar filling `r`: its colour, and a pattern of its own so that states
// differ without colour (a washed-out projector, a student who cannot tell red from green):
//   running solid · runnable a thinner bar · sleeping ///, pale · blocking solid with XXX ·
//   waiting dotted, pale · cancel pending solid with \\\ · raising solid with a notch line ·
//   handling pale with a frame · finished, crashed, cancelled solid.
void state_bar(Painter& p, DisplayState s, const Rect& r, const Palette& pal, float alpha = 1);

// A timeline mark centred on c, radius r.
void mark_shape(Painter& p, MarkKind kind, Vec2 c, float r, Rgba col, Rgba outline);

// `s` shortened with "…" (at a code point, without trailing spaces) so that it measures
// at most `max_w` in font `f`; `s` itself when it fits.
std::string fit_text(const Painter& p, Font f, const std::string& s, float max_w);

// Width in whole pixels, rounded up: how the screen measures a label it places by hand.
float text_width_px(const Painter& p, Font f, std::string_view s);

}  // namespace trioscope::view
