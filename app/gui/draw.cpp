#include "gui/draw.hpp"

#include <algorithm>
#include <cmath>

namespace trioscope::gui {

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0 || dash <= 0) return;
  const float ux = dx / len, uy = dy / len;
  for (float s = 0; s < len; s += 2 * dash) {
    const float e = std::min(s + dash, len);
    dl->AddLine(ImVec2(a.x + ux * s, a.y + uy * s), ImVec2(a.x + ux * e, a.y + uy * e), col, thickness);
  }
}

void dashed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash) {
  dashed_line(dl, a, ImVec2(b.x, a.y), col, thickness, dash);
  dashed_line(dl, ImVec2(b.x, a.y), b, col, thickness, dash);
  dashed_line(dl, b, ImVec2(a.x, b.y), col, thickness, dash);
  dashed_line(dl, ImVec2(a.x, b.y), a, col, thickness, dash);
}

void shield_icon(ImDrawList* dl, ImVec2 c, float size, ImU32 col, bool filled) {
  const float w = size * 0.8f, h = size;
  const float top = c.y - h * 0.5f, left = c.x - w * 0.5f, right = c.x + w * 0.5f;
  dl->PathLineTo(ImVec2(c.x, top));
  dl->PathLineTo(ImVec2(right, top + h * 0.15f));
  dl->PathBezierCubicCurveTo(ImVec2(right, top + h * 0.6f), ImVec2(c.x + w * 0.25f, top + h * 0.85f),
                             ImVec2(c.x, top + h));
  dl->PathBezierCubicCurveTo(ImVec2(c.x - w * 0.25f, top + h * 0.85f), ImVec2(left, top + h * 0.6f),
                             ImVec2(left, top + h * 0.15f));
  if (filled) dl->PathFillConvex(col);
  else dl->PathStroke(col, ImDrawFlags_Closed, std::max(1.5f, size * 0.11f));
}

void clock_icon(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  const float t = std::max(1.5f, r * 0.18f);
  dl->AddCircle(c, r, col, 24, t);
  dl->AddLine(c, ImVec2(c.x, c.y - r * 0.62f), col, t);
  dl->AddLine(c, ImVec2(c.x + r * 0.5f, c.y + r * 0.1f), col, t);
}

ImVec2 chip(ImDrawList* dl, ImFont* font, float font_size, ImVec2 pos, const char* text, ImU32 fill, ImU32 border,
            ImU32 text_col) {
  // Sizes match the tree layout's kChipPadding and kChipHeight.
  const ImVec2 ts = font->CalcTextSizeA(font_size, 1e9f, 0, text);
  const float padx = font_size * 0.4f, pady = font_size * 0.12f;
  const ImVec2 size(ts.x + 2 * padx, std::max(ts.y, font_size) + 2 * pady);
  if (dl) {
    const ImVec2 b(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, b, fill, size.y * 0.5f);
    if (border) dl->AddRect(pos, b, border, size.y * 0.5f, 0, std::max(1.0f, font_size * 0.07f));
    dl->AddText(font, font_size, ImVec2(pos.x + padx, pos.y + pady), text_col, text);
  }
  return size;
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len;
  const ImVec2 base(b.x - ux * head, b.y - uy * head);
  dl->AddLine(a, base, col, thickness);
  dl->AddTriangleFilled(b, ImVec2(base.x - uy * head * 0.5f, base.y + ux * head * 0.5f),
                        ImVec2(base.x + uy * head * 0.5f, base.y - ux * head * 0.5f), col);
}

ImVec2 curve_point(ImVec2 a, ImVec2 b, float bend, float t) {
  const ImVec2 m((a.x + b.x) * 0.5f - (b.y - a.y) * bend, (a.y + b.y) * 0.5f + (b.x - a.x) * bend);
  const float u = 1 - t;
  return ImVec2(u * u * a.x + 2 * u * t * m.x + t * t * b.x, u * u * a.y + 2 * u * t * m.y + t * t * b.y);
}

void curved_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head, float bend) {
  const int n = 16;
  ImVec2 prev = a;
  for (int i = 1; i < n; ++i) {
    const ImVec2 p = curve_point(a, b, bend, static_cast<float>(i) / n);
    dl->AddLine(prev, p, col, thickness);
    prev = p;
  }
  arrow(dl, prev, b, col, thickness, head);
}

void mark_shape(ImDrawList* dl, view::MarkKind kind, ImVec2 c, float r, ImU32 col, ImU32 outline) {
  using view::MarkKind;
  switch (kind) {
    case MarkKind::checkpoint:
      dl->AddCircleFilled(c, r * 0.45f, col, 10);
      break;
    case MarkKind::sleep:
      dl->AddCircle(c, r * 0.55f, col, 12, std::max(1.0f, r * 0.25f));
      break;
    case MarkKind::block:
      dl->AddRectFilled(ImVec2(c.x - r * 0.6f, c.y - r * 0.6f), ImVec2(c.x + r * 0.6f, c.y + r * 0.6f), col);
      break;
    case MarkKind::spawn:
      dl->AddTriangleFilled(ImVec2(c.x - r * 0.6f, c.y - r * 0.7f), ImVec2(c.x + r * 0.7f, c.y),
                            ImVec2(c.x - r * 0.6f, c.y + r * 0.7f), col);
      break;
    case MarkKind::cancel:
    case MarkKind::cancel_hit: {
      // A circle with a slash, like the ⊘ of "cancel pending".
      dl->AddCircleFilled(c, r * 0.8f, outline, 14);
      dl->AddCircle(c, r * 0.7f, col, 14, std::max(1.5f, r * 0.28f));
      dl->AddLine(ImVec2(c.x - r * 0.5f, c.y + r * 0.5f), ImVec2(c.x + r * 0.5f, c.y - r * 0.5f), col,
                  std::max(1.5f, r * 0.28f));
      break;
    }
    case MarkKind::raise:
    case MarkKind::reraise:
    case MarkKind::crash: {
      // A diamond; a re-raise is hollow.
      const ImVec2 p[4] = {ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y)};
      dl->AddConvexPolyFilled(p, 4, kind == MarkKind::reraise ? outline : col);
      dl->AddPolyline(p, 4, kind == MarkKind::reraise ? col : outline, ImDrawFlags_Closed, std::max(1.0f, r * 0.2f));
      if (kind == MarkKind::crash) {
        dl->AddLine(ImVec2(c.x - r * 0.35f, c.y - r * 0.35f), ImVec2(c.x + r * 0.35f, c.y + r * 0.35f), outline, 1.5f);
        dl->AddLine(ImVec2(c.x - r * 0.35f, c.y + r * 0.35f), ImVec2(c.x + r * 0.35f, c.y - r * 0.35f), outline, 1.5f);
      }
      break;
    }
    case MarkKind::caught:
      dl->AddRectFilled(ImVec2(c.x - r * 0.7f, c.y - r * 0.7f), ImVec2(c.x + r * 0.7f, c.y + r * 0.7f), col, r * 0.3f);
      dl->AddLine(ImVec2(c.x - r * 0.4f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.35f), outline, 2);
      dl->AddLine(ImVec2(c.x - r * 0.1f, c.y + r * 0.35f), ImVec2(c.x + r * 0.45f, c.y - r * 0.35f), outline, 2);
      break;
    case MarkKind::print:
      dl->AddRectFilled(ImVec2(c.x - r * 0.25f, c.y - r * 0.8f), ImVec2(c.x + r * 0.25f, c.y + r * 0.8f), col);
      break;
  }
}

}  // namespace trioscope::gui

namespace trioscope::gui {

std::string fit_text(const std::string& s, float max_w) {
  if (ImGui::CalcTextSize(s.c_str()).x <= max_w) return s;
  const char* ellipsis = "\xE2\x80\xA6";  // …
  const float ew = ImGui::CalcTextSize(ellipsis).x;
  // The longest prefix (whole code points, no trailing space) that fits with the ellipsis.
  std::size_t lo = 0, hi = s.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi + 1) / 2;
    while (mid > 0 && mid < s.size() && (static_cast<unsigned char>(s[mid]) & 0xC0) == 0x80) --mid;
    if (mid <= lo) {
      hi = lo;
      break;
    }
    if (ImGui::CalcTextSize(s.c_str(), s.c_str() + mid).x + ew <= max_w) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && s[lo - 1] == ' ') --lo;
  return s.substr(0, lo) + ellipsis;
}

void vertical_text(ImDrawList* dl, ImFont* font, float size, ImVec2 top, ImU32 col, const char* text) {
  // Laid out horizontally, then turned a quarter clockwise about its start. The clip rect
  // is lifted while laying out: the horizontal text would otherwise be culled outside a
  // narrow panel before it is turned into it.
  const int first = dl->VtxBuffer.Size;
  dl->PushClipRectFullScreen();
  dl->AddText(font, size, top, col, text);
  dl->PopClipRect();
  for (int i = first; i < dl->VtxBuffer.Size; ++i) {
    ImVec2& p = dl->VtxBuffer[i].pos;
    const float dx = p.x - top.x, dy = p.y - top.y;
    p = ImVec2(top.x - dy, top.y + dx);
  }
}

}  // namespace trioscope::gui
