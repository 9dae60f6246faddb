// Drawing helpers on top of ImDrawList: palette colours, dashed frames, the shield and
// clock icons (drawn as shapes, so they stay crisp at any scale and need no emoji font),
// chips, arrows and timeline marks.
#pragma once

#include <string>

#include <imgui.h>

#include "view/palette.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::gui {

inline ImU32 to_u32(view::Rgba c, float alpha = 1.0f) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(c.a * alpha));
}
inline ImVec4 to_vec4(view::Rgba c, float alpha = 1.0f) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f * alpha);
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash);
void dashed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash);
// A heraldic shield, `size` high, centred on c.
void shield_icon(ImDrawList* dl, ImVec2 c, float size, ImU32 col, bool filled);
// A clock face with hands, radius r.
void clock_icon(ImDrawList* dl, ImVec2 c, float r, ImU32 col);
// A rounded label; returns its size. Draws nothing when dl is null (measuring).
ImVec2 chip(ImDrawList* dl, ImFont* font, float font_size, ImVec2 pos, const char* text, ImU32 fill, ImU32 border,
            ImU32 text_col);
// A straight arrow from a to b with a head at b.
void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head);
// A curved arrow (quadratic, bulging to the left of a->b by `bend` of its length).
void curved_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head, float bend);
// The point at t on that curve.
ImVec2 curve_point(ImVec2 a, ImVec2 b, float bend, float t);
// `s` in the current font, shortened with "…" to fit max_w when it does not.
std::string fit_text(const std::string& s, float max_w);
// Text reading top to bottom (turned a quarter clockwise), its first letter at `top`: the
// text extends below `top` and to its left by the font size.
void vertical_text(ImDrawList* dl, ImFont* font, float size, ImVec2 top, ImU32 col, const char* text);
// A timeline mark: each kind has its own shape, so they differ without colour.
void mark_shape(ImDrawList* dl, view::MarkKind kind, ImVec2 c, float r, ImU32 col, ImU32 outline);

}  // namespace trioscope::gui
