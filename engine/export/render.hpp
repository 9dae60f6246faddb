// Pages onto the export surfaces: raster frames (PNG, GIF, video, deck slides), PDF pages
// and SVG documents, each painted by view::Page through the surface's painter.
//
// A page is laid out in page pixels; a raster `density` times larger draws the same layout
// with every line and glyph scaled (7680x4320 is the 1920x1080 layout at density 4, its
// text rendered at four times the size, not enlarged), so a slide looks the same at any
// resolution and stays sharp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <cairo.h>

#include "export/cairo_painter.hpp"
#include "export/fonts.hpp"
#include "view/page.hpp"

namespace trioscope::exporting {

// Output pixels, and the page laid out for them.
struct Surface {
  int out_width = 1920, out_height = 1080;
  float width = 1920, height = 1080;  // page pixels
  float density = 1;                  // output pixels per page pixel
};
// The layout of a 1920x1080 screen for anything larger (16:9 or not), the size itself below.
Surface surface_for(int out_width, int out_height);
// `out` pixels showing the page of `page` (a preview: density below 1).
Surface surface_scaled(const Surface& page, int out_width, int out_height);

// What a thread draws text with: FontSet for measuring, cairo's faces for drawing.
struct Typesetter {
  std::unique_ptr<FontSet> fonts;
  std::unique_ptr<CairoFaces> faces;
  static std::unique_ptr<Typesetter> create(const FontFiles& files, std::string& error);
};

// An RGB image in cairo's memory layout (32 bits a pixel: B, G, R, unused on little-endian).
class Raster {
 public:
  Raster(int width, int height);
  ~Raster();
  Raster(const Raster&) = delete;
  Raster& operator=(const Raster&) = delete;
  int width() const { return width_; }
  int height() const { return height_; }
  int stride() const { return stride_; }
  const std::uint8_t* row(int y) const { return data_ + static_cast<std::ptrdiff_t>(y) * stride_; }
  // The colour at (x, y) as 0xRRGGBB.
  std::uint32_t pixel(int x, int y) const;
  cairo_t* cr() const { return cr_; }
  bool ok() const { return data_ != nullptr; }
  void flush() const;

 private:
  int width_, height_, stride_ = 0;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  std::uint8_t* data_ = nullptr;
};

// Page after page onto one raster: the page is laid out once, each frame painted over
// the last.
class PageRaster {
 public:
  PageRaster(const Typesetter& t, const view::PageSpec& spec, const view::PageSource& source, const Surface& surface);
  const view::Page& page() const { return page_; }
  const Raster& raster() const { return raster_; }
  void paint(const view::PageStep& step);
  void paint_at(std::int32_t step);

 private:
  Raster raster_;
  CairoPainter painter_;
  view::Page page_;
};

// The page at `step`, as RGBA bytes (a preview for the app).
struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
};
Image to_image(const Raster& r);

// PNG bytes of a raster. `level`: zlib's, 1 (fast) to 9 (small).
std::string encode_png(const Raster& r, int level, std::string& error);

// One SVG document of the page at `step`.
std::string render_svg(const FontSet& fonts, const view::PageSpec& spec, const view::PageSource& source,
                       const Surface& surface, std::int32_t step);

}  // namespace trioscope::exporting
