#include "export/cairo_painter.hpp"

#include <algorithm>
#include <cmath>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>

#include "view/surface_style.hpp"

namespace trioscope::exporting {

using view::Rect;
using view::Rgba;
using view::Vec2;

CairoFaces::CairoFaces(const FontSet& fonts) {
  for (int i = 0; i < kFaceCount; ++i) {
    // The face from its file, not from a font search: the exports use exactly the fonts
    // FontSet measured.
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FILE, reinterpret_cast<const FcChar8*>(fonts.file(static_cast<Face>(i)).c_str()));
    FcPatternAddInteger(pattern, FC_INDEX, 0);
    faces_[i] = cairo_ft_font_face_create_for_pattern(pattern);
    FcPatternDestroy(pattern);
  }
}

CairoFaces::~CairoFaces() {
  for (cairo_font_face_t* f : faces_)
    if (f) cairo_font_face_destroy(f);
}

CairoPainter::CairoPainter(cairo_t* cr, const FontSet& fonts, const CairoFaces& faces, float scale, bool raster)
    : cr_(cr), fonts_(fonts), faces_(faces), scale_(scale), raster_(raster) {
  cairo_font_options_t* o = cairo_font_options_create();
  // Glyphs go where FontSet measured them: hinting may shape them, never move them.
  cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options(cr_, o);
  cairo_font_options_destroy(o);
  cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
}

CairoPainter::~CairoPainter() { flush(); }

void CairoPainter::source(Rgba c) { cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void CairoPainter::flush() {
  if (pending_.size() < 2) {
    pending_.clear();
    return;
  }
  cairo_new_path(cr_);
  cairo_move_to(cr_, pending_[0].x, pending_[0].y);
  for (std::size_t i = 1; i < pending_.size(); ++i) cairo_line_to(cr_, pending_[i].x, pending_[i].y);
  source(pending_color_);
  cairo_set_line_width(cr_, pending_width_);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr_);
  pending_.clear();
}

// ---- text ----

float CairoPainter::font_size(view::Font f) const { return view::font_pixels(f, scale_); }

float CairoPainter::text_width(view::Font f, std::string_view s, float size) const {
  return fonts_.width(face_of(f), s, size > 0 ? size : font_size(f));
}

void CairoPainter::text(view::Font f, float size, Vec2 pos, Rgba c, std::string_view s) {
  if (s.empty() || c.a == 0) return;
  flush();
  const float px = size > 0 ? size : font_size(f);
  const Face face = face_of(f);
  const double y = pos.y + fonts_.baseline(face, px);
  source(c);
  // Runs of glyphs from one face (a fallback glyph starts a run of its own).
  double x = pos.x;
  std::size_t i = 0;
  while (i < s.size()) {
    glyphs_.clear();
    clusters_.clear();
    const std::size_t run_begin = i;
    Face run_face = face;
    while (i < s.size()) {
      std::size_t j = i;
      const FontSet::Glyph& g = fonts_.glyph(face, decode_utf8(s, j));
      if (!glyphs_.empty() && g.face != run_face) break;
      run_face = g.face;
      glyphs_.push_back({g.index, x, y});
      clusters_.push_back({static_cast<int>(j - i), 1});
      x += g.advance * fonts_.em(g.face, px);
      i = j;
    }
    cairo_set_font_face(cr_, faces_.face(run_face));
    cairo_set_font_size(cr_, fonts_.em(run_face, px));
    cairo_show_text_glyphs(cr_, s.data() + run_begin, static_cast<int>(i - run_begin), glyphs_.data(),
                           static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                           static_cast<cairo_text_cluster_flags_t>(0));
  }
}

// ---- shapes ----

namespace {
// A rectangle with some corners rounded (Dear ImGui's rounding: at most half a side).
void rounded(cairo_t* cr, const Rect& r, float rounding, view::Corners corners) {
  using view::Corners;
  const double rad = std::max(0.0f, std::min({rounding, r.w() * 0.5f, r.h() * 0.5f}));
  cairo_new_path(cr);
  if (rad < 0.5) {
    cairo_rectangle(cr, r.x0, r.y0, r.w(), r.h());
    return;
  }
  const bool tl = corners == Corners::all || corners == Corners::left || corners == Corners::top;
  const bool tr = corners == Corners::all || corners == Corners::right || corners == Corners::top;
  const bool br = corners == Corners::all || corners == Corners::right || corners == Corners::bottom;
  const bool bl = corners == Corners::all || corners == Corners::left || corners == Corners::bottom;
  const double pi = 3.14159265358979323846;
  const double a = tl ? rad : 0, b = tr ? rad : 0, c = br ? rad : 0, d = bl ? rad : 0;
  cairo_move_to(cr, r.x0 + a, r.y0);
  if (b > 0) cairo_arc(cr, r.x1 - b, r.y0 + b, b, -pi / 2, 0);
  else cairo_line_to(cr, r.x1, r.y0);
  if (c > 0) cairo_arc(cr, r.x1 - c, r.y1 - c, c, 0, pi / 2);
  else cairo_line_to(cr, r.x1, r.y1);
  if (d > 0) cairo_arc(cr, r.x0 + d, r.y1 - d, d, pi / 2, pi);
  else cairo_line_to(cr, r.x0, r.y1);
  if (a > 0) cairo_arc(cr, r.x0 + a, r.y0 + a, a, pi, 1.5 * pi);
  else cairo_line_to(cr, r.x0, r.y0);
  cairo_close_path(cr);
}
}  // namespace

void CairoPainter::fill_rect(const Rect& r, Rgba c, float rounding, view::Corners corners) {
  if (c.a == 0 || r.w() <= 0 || r.h() <= 0) return;
  flush();
  rounded(cr_, r, rounding, corners);
  source(c);
  cairo_fill(cr_);
}

void CairoPainter::stroke_rect(const Rect& r, Rgba c, float rounding, float thickness) {
  if (c.a == 0) return;
  flush();
  // As Dear ImGui strokes a rectangle: along the edge half a pixel inside.
  rounded(cr_, {r.x0 + 0.5f, r.y0 + 0.5f, r.x1 - 0.5f, r.y1 - 0.5f}, rounding, view::Corners::all);
  source(c);
  cairo_set_line_width(cr_, thickness);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr_);
}

void CairoPainter::line(Vec2 a, Vec2 b, Rgba c, float thickness) {
  if (c.a == 0) return;
  // Half a pixel along, as Dear ImGui draws a line (a 1-pixel line on whole coordinates
  // covers one row of pixels).
  a = {a.x + 0.5f, a.y + 0.5f};
  b = {b.x + 0.5f, b.y + 0.5f};
  if (!pending_.empty() && pending_.back() == a && pending_color_ == c && pending_width_ == thickness) {
    pending_.push_back(b);
    return;
  }
  flush();
  pending_ = {a, b};
  pending_color_ = c;
  pending_width_ = thickness;
}

void CairoPainter::fill_triangle(Vec2 a, Vec2 b, Vec2 c, Rgba col) {
  const Vec2 pts[3] = {a, b, c};
  fill_convex(pts, col);
}

void CairoPainter::fill_convex(std::span<const Vec2> points, Rgba c) {
  if (points.size() < 3 || c.a == 0) return;
  flush();
  cairo_new_path(cr_);
  cairo_move_to(cr_, points[0].x, points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
  cairo_close_path(cr_);
  source(c);
  cairo_fill(cr_);
}

void CairoPainter::stroke_polyline(std::span<const Vec2> points, Rgba c, float thickness, bool closed) {
  if (points.size() < 2 || c.a == 0) return;
  flush();
  cairo_new_path(cr_);
  cairo_move_to(cr_, points[0].x, points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
  if (closed) cairo_close_path(cr_);
  source(c);
  cairo_set_line_width(cr_, thickness);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr_);
}

void CairoPainter::fill_circle(Vec2 o, float r, Rgba c, int) {
  if (c.a == 0 || r <= 0) return;
  flush();
  cairo_new_path(cr_);
  cairo_arc(cr_, o.x, o.y, r, 0, 2 * 3.14159265358979323846);
  source(c);
  cairo_fill(cr_);
}

void CairoPainter::stroke_circle(Vec2 o, float r, Rgba c, float thickness, int) {
  if (c.a == 0 || r <= 0) return;
  flush();
  cairo_new_path(cr_);
  cairo_arc(cr_, o.x, o.y, r, 0, 2 * 3.14159265358979323846);
  source(c);
  cairo_set_line_width(cr_, thickness);
  cairo_stroke(cr_);
}

void CairoPainter::trace_path(const view::Path& p) {
  cairo_new_path(cr_);
  cairo_move_to(cr_, p.start.x, p.start.y);
  for (const auto& s : p.segments) {
    if (s.cubic) cairo_curve_to(cr_, s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.to.x, s.to.y);
    else cairo_line_to(cr_, s.to.x, s.to.y);
  }
}

void CairoPainter::fill_path(const view::Path& p, Rgba c) {
  if (c.a == 0) return;
  flush();
  trace_path(p);
  cairo_close_path(cr_);
  source(c);
  cairo_fill(cr_);
}

void CairoPainter::stroke_path(const view::Path& p, Rgba c, float thickness, bool closed) {
  if (c.a == 0) return;
  flush();
  trace_path(p);
  if (closed) cairo_close_path(cr_);
  source(c);
  cairo_set_line_width(cr_, thickness);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr_);
}

// ---- clipping ----

namespace {
constexpr Rect kAll{-1e9f, -1e9f, 1e9f, 1e9f};
}

void CairoPainter::push_clip(const Rect& r) {
  flush();
  const Rect c = clip();
  Rect e{std::max(c.x0, r.x0), std::max(c.y0, r.y0), std::min(c.x1, r.x1), std::min(c.y1, r.y1)};
  if (e.x1 < e.x0) e.x1 = e.x0;
  if (e.y1 < e.y0) e.y1 = e.y0;
  clips_.push_back(e);
  cairo_save(cr_);
  cairo_new_path(cr_);
  double x0 = e.x0, y0 = e.y0, x1 = e.x1, y1 = e.y1;
  if (raster_) {
    // Whole device pixels, as a scissor rectangle.
    cairo_user_to_device(cr_, &x0, &y0);
    cairo_user_to_device(cr_, &x1, &y1);
    x0 = std::round(x0), y0 = std::round(y0), x1 = std::round(x1), y1 = std::round(y1);
    cairo_device_to_user(cr_, &x0, &y0);
    cairo_device_to_user(cr_, &x1, &y1);
  }
  cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
  cairo_clip(cr_);
}

void CairoPainter::push_no_clip() {
  flush();
  clips_.push_back(kAll);
  cairo_save(cr_);
  cairo_reset_clip(cr_);
}

void CairoPainter::pop_clip() {
  if (clips_.empty()) return;
  flush();
  clips_.pop_back();
  cairo_restore(cr_);
}

Rect CairoPainter::clip() const { return clips_.empty() ? kAll : clips_.back(); }

}  // namespace trioscope::exporting
