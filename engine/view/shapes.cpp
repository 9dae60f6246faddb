#include "view/shapes.hpp"

#include <algorithm>
#include <cmath>

#include "view/text_wrap.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {

void dashed_line(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float dash) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0 || dash <= 0) return;
  const float ux = dx / len, uy = dy / len;
  for (float s = 0; s < len; s += 2 * dash) {
    const float e = std::min(s + dash, len);
    p.line({a.x + ux * s, a.y + uy * s}, {a.x + ux * e, a.y + uy * e}, c, thickness);
  }
}

void dashed_rect(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float dash) {
  dashed_line(p, a, {b.x, a.y}, c, thickness, dash);
  dashed_line(p, {b.x, a.y}, b, c, thickness, dash);
  dashed_line(p, b, {a.x, b.y}, c, thickness, dash);
  dashed_line(p, {a.x, b.y}, a, c, thickness, dash);
}

void shield_icon(Painter& p, Vec2 c, float size, Rgba col, bool filled) {
  const float w = size * 0.8f, h = size;
  const float top = c.y - h * 0.5f, left = c.x - w * 0.5f, right = c.x + w * 0.5f;
  Path path({c.x, top});
  path.line_to({right, top + h * 0.15f})
      .cubic_to({right, top + h * 0.6f}, {c.x + w * 0.25f, top + h * 0.85f}, {c.x, top + h})
      .cubic_to({c.x - w * 0.25f, top + h * 0.85f}, {left, top + h * 0.6f}, {left, top + h * 0.15f});
  if (filled) p.fill_path(path, col);
  else p.stroke_path(path, col, std::max(1.5f, size * 0.11f), /*closed=*/true);
}

void clock_icon(Painter& p, Vec2 c, float r, Rgba col) {
  const float t = std::max(1.5f, r * 0.18f);
  p.stroke_circle(c, r, col, t, 24);
  p.line(c, {c.x, c.y - r * 0.62f}, col, t);
  p.line(c, {c.x + r * 0.5f, c.y + r * 0.1f}, col, t);
}

Vec2 chip_size(const Painter& p, Font f, std::string_view text) {
  const float fs = p.font_size(f);
  const float padx = fs * 0.4f, pady = fs * 0.12f;
  return {p.text_width(f, text) + 2 * padx, fs + 2 * pady};
}

Vec2 chip(Painter& p, Font f, Vec2 pos, std::string_view text, Rgba fill, Rgba border, Rgba text_col,
          bool has_border) {
  // Sizes match the tree layout's kChipPadding and kChipHeight.
  const float fs = p.font_size(f);
  const float padx = fs * 0.4f, pady = fs * 0.12f;
  const Vec2 size = chip_size(p, f, text);
  const Rect r{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  p.fill_rect(r, fill, size.y * 0.5f);
  if (has_border) p.stroke_rect(r, border, size.y * 0.5f, std::max(1.0f, fs * 0.07f));
  p.text(f, fs, {pos.x + padx, pos.y + pady}, text_col, text);
  return size;
}

void arrow(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float head) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len;
  const Vec2 base{b.x - ux * head, b.y - uy * head};
  p.line(a, base, c, thickness);
  p.fill_triangle(b, {base.x - uy * head * 0.5f, base.y + ux * head * 0.5f},
                  {base.x + uy * head * 0.5f, base.y - ux * head * 0.5f}, c);
}

Vec2 curve_point(Vec2 a, Vec2 b, float bend, float t) {
  const Vec2 m{(a.x + b.x) * 0.5f - (b.y - a.y) * bend, (a.y + b.y) * 0.5f + (b.x - a.x) * bend};
  const float u = 1 - t;
  return {u * u * a.x + 2 * u * t * m.x + t * t * b.x, u * u * a.y + 2 * u * t * m.y + t * t * b.y};
}

void curved_arrow(Painter& p, Vec2 a, Vec2 b, Rgba c, float thickness, float head, float bend) {
  const int n = 16;
  Vec2 prev = a;
  for (int i = 1; i < n; ++i) {
    const Vec2 q = curve_point(a, b, bend, static_cast<float>(i) / n);
    p.line(prev, q, c, thickness);
    prev = q;
  }
  arrow(p, prev, b, c, thickness, head);
}

namespace {
// Parallel diagonal lines across `r`, `gap` apart: rising ("/") or falling ("\\").
void hatch(Painter& p, const Rect& r, float gap, bool rising, Rgba c, float thickness) {
  const float h = r.h();
  if (gap <= 0 || h <= 0) return;
  for (float xs = r.x0 - h; xs < r.x1; xs += gap) {
    // The line through (xs, bottom) and (xs + h, top), or its mirror, clipped to r.
    float ax = std::max(xs, r.x0), bx = std::min(xs + h, r.x1);
    if (bx <= ax) continue;
    const float ay = rising ? r.y1 - (ax - xs) : r.y0 + (ax - xs);
    const float by = rising ? r.y1 - (bx - xs) : r.y0 + (bx - xs);
    p.line({ax, ay}, {bx, by}, c, thickness);
  }
}
}  // namespace

void state_bar(Painter& p, DisplayState s, const Rect& r, const Palette& pal, float alpha) {
  const Rgba c = faded(pal[color_role(s)], 0.85f * alpha);
  const Rgba pale = faded(pal.tint(color_role(s)), alpha);
  const Rgba bg = faded(pal[ColorRole::background], 0.8f * alpha);
  const float h = r.h();
  // Patterns only where there is room for them; a sliver is its colour.
  const bool room = r.w() >= h * 0.8f && h >= 6;
  const float t = std::max(1.0f, h * 0.12f);
  switch (s) {
    case DisplayState::runnable:
      p.fill_rect({r.x0, r.y0 + h * 0.3f, r.x1, r.y1 - h * 0.3f}, c);
      break;
    case DisplayState::sleeping:
      p.fill_rect(r, pale);
      if (room) hatch(p, r, h * 0.55f, true, c, t);
      else p.fill_rect(r, c);
      break;
    case DisplayState::waiting_children:
    case DisplayState::waiting_start: {
      p.fill_rect(r, pale);
      if (!room) {
        p.fill_rect(r, c);
        break;
      }
      const float d = h * 0.22f, cy = (r.y0 + r.y1) * 0.5f;
      for (float x = r.x0 + d; x + d <= r.x1; x += d * 3) p.fill_rect({x, cy - d * 0.5f, x + d, cy + d * 0.5f}, c);
      break;
    }
    case DisplayState::blocking:
      p.fill_rect(r, c);
      if (room) {
        hatch(p, r, h * 0.7f, true, bg, t);
        hatch(p, r, h * 0.7f, false, bg, t);
      }
      break;
    case DisplayState::cancel_pending:
      p.fill_rect(r, c);
      if (room) hatch(p, r, h * 0.6f, false, bg, t * 1.3f);
      break;
    case DisplayState::raising:
      p.fill_rect(r, c);
      if (room) p.line({r.x0, (r.y0 + r.y1) * 0.5f}, {r.x1, (r.y0 + r.y1) * 0.5f}, bg, t * 1.5f);
      break;
    case DisplayState::handling:
      p.fill_rect(r, pale);
      p.stroke_rect(r, c, 0, t * 1.5f);
      break;
    default:
      p.fill_rect(r, c);
      break;
  }
}

void mark_shape(Painter& p, MarkKind kind, Vec2 c, float r, Rgba col, Rgba outline) {
  switch (kind) {
    case MarkKind::checkpoint:
      p.fill_circle(c, r * 0.45f, col, 10);
      break;
    case MarkKind::sleep:
      p.stroke_circle(c, r * 0.55f, col, std::max(1.0f, r * 0.25f), 12);
      break;
    case MarkKind::block:
      p.fill_rect({c.x - r * 0.6f, c.y - r * 0.6f, c.x + r * 0.6f, c.y + r * 0.6f}, col);
      break;
    case MarkKind::spawn:
      p.fill_triangle({c.x - r * 0.6f, c.y - r * 0.7f}, {c.x + r * 0.7f, c.y}, {c.x - r * 0.6f, c.y + r * 0.7f}, col);
      break;
    case MarkKind::cancel:
    case MarkKind::cancel_hit:
      // A circle with a slash, like the ⊘ of "cancel pending".
      p.fill_circle(c, r * 0.8f, outline, 14);
      p.stroke_circle(c, r * 0.7f, col, std::max(1.5f, r * 0.28f), 14);
      p.line({c.x - r * 0.5f, c.y + r * 0.5f}, {c.x + r * 0.5f, c.y - r * 0.5f}, col, std::max(1.5f, r * 0.28f));
      break;
    case MarkKind::raise:
    case MarkKind::reraise:
    case MarkKind::crash: {
      // A diamond; a re-raise is hollow.
      const Vec2 q[4] = {{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
      p.fill_convex(q, kind == MarkKind::reraise ? outline : col);
      p.stroke_polyline(q, kind == MarkKind::reraise ? col : outline, std::max(1.0f, r * 0.2f), /*closed=*/true);
      if (kind == MarkKind::crash) {
        p.line({c.x - r * 0.35f, c.y - r * 0.35f}, {c.x + r * 0.35f, c.y + r * 0.35f}, outline, 1.5f);
        p.line({c.x - r * 0.35f, c.y + r * 0.35f}, {c.x + r * 0.35f, c.y - r * 0.35f}, outline, 1.5f);
      }
      break;
    }
    case MarkKind::caught:
      p.fill_rect({c.x - r * 0.7f, c.y - r * 0.7f, c.x + r * 0.7f, c.y + r * 0.7f}, col, r * 0.3f);
      p.line({c.x - r * 0.4f, c.y}, {c.x - r * 0.1f, c.y + r * 0.35f}, outline, 2);
      p.line({c.x - r * 0.1f, c.y + r * 0.35f}, {c.x + r * 0.45f, c.y - r * 0.35f}, outline, 2);
      break;
    case MarkKind::print:
      p.fill_rect({c.x - r * 0.25f, c.y - r * 0.8f, c.x + r * 0.25f, c.y + r * 0.8f}, col);
      break;
  }
}

float text_width_px(const Painter& p, Font f, std::string_view s) {
  return std::floor(p.text_width(f, s) + 0.99999f);
}

std::string fit_text(const Painter& p, Font f, const std::string& s, float max_w) {
  return fit_text(s, max_w, [&](std::string_view t) { return p.text_width(f, t); }, /*whole_pixels=*/true);
}

}  // namespace trioscope::view
