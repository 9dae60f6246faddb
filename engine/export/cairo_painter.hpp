// view::Painter onto cairo: PNG (an image surface) and PDF (a vector surface with real,
// selectable text), with no display. Text is drawn glyph by glyph where FontSet measured it,
// with its characters attached (cairo_show_text_glyphs), so a PDF's text can be searched and
// copied and every label fits where the layout put it.
//
// Lines drawn end to end in one colour and width are stroked as one path, so that a
// curved arrow drawn as segments has no darker joints. On an image surface clips are whole
// device pixels, as the screen's scissor rectangles are.
#pragma once

#include <array>
#include <vector>

#include <cairo.h>

#include "export/fonts.hpp"
#include "view/painter.hpp"

namespace trioscope::exporting {

// cairo's faces for a FontSet's files (one per thread, beside its FontSet).
class CairoFaces {
 public:
  explicit CairoFaces(const FontSet& fonts);
  ~CairoFaces();
  CairoFaces(const CairoFaces&) = delete;
  CairoFaces& operator=(const CairoFaces&) = delete;
  cairo_font_face_t* face(Face f) const { return faces_[static_cast<int>(f)]; }

 private:
  std::array<cairo_font_face_t*, kFaceCount> faces_{};
};

class CairoPainter final : public view::Painter {
 public:
  // Fonts at UI scale `scale`. `raster`: an image surface (clips snap to device pixels).
  CairoPainter(cairo_t* cr, const FontSet& fonts, const CairoFaces& faces, float scale, bool raster);
  ~CairoPainter() override;

  float font_size(view::Font f) const override;
  float text_width(view::Font f, std::string_view s, float size = 0) const override;
  void text(view::Font f, float size, view::Vec2 pos, view::Rgba c, std::string_view s) override;
  using view::Painter::text;

  void fill_rect(const view::Rect& r, view::Rgba c, float rounding = 0,
                 view::Corners corners = view::Corners::all) override;
  void stroke_rect(const view::Rect& r, view::Rgba c, float rounding, float thickness) override;
  void line(view::Vec2 a, view::Vec2 b, view::Rgba c, float thickness) override;
  void fill_triangle(view::Vec2 a, view::Vec2 b, view::Vec2 c, view::Rgba col) override;
  void fill_convex(std::span<const view::Vec2> points, view::Rgba c) override;
  void stroke_polyline(std::span<const view::Vec2> points, view::Rgba c, float thickness, bool closed) override;
  void fill_circle(view::Vec2 centre, float r, view::Rgba c, int segments) override;
  void stroke_circle(view::Vec2 centre, float r, view::Rgba c, float thickness, int segments) override;
  void fill_path(const view::Path& p, view::Rgba c) override;
  void stroke_path(const view::Path& p, view::Rgba c, float thickness, bool closed) override;

  void push_clip(const view::Rect& r) override;
  void push_no_clip() override;
  void pop_clip() override;
  view::Rect clip() const override;

  // Strokes what is pending (call before the surface is finished).
  void flush();

 private:
  void source(view::Rgba c);
  void trace_path(const view::Path& p);

  cairo_t* cr_;
  const FontSet& fonts_;
  const CairoFaces& faces_;
  float scale_;
  bool raster_;
  std::vector<view::Rect> clips_;
  // Lines end to end, waiting to be stroked as one path.
  std::vector<view::Vec2> pending_;
  view::Rgba pending_color_;
  float pending_width_ = 0;
  // Scratch for text.
  std::vector<cairo_glyph_t> glyphs_;
  std::vector<cairo_text_cluster_t> clusters_;
};

}  // namespace trioscope::exporting
