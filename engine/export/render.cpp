#include "export/render.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <png.h>

#include "export/svg_painter.hpp"
#include "view/caption.hpp"

namespace trioscope::exporting {

Surface surface_for(int out_width, int out_height) {
  Surface s;
  s.out_width = out_width;
  s.out_height = out_height;
  s.density = std::max(1.0f, std::min(out_width / 1920.0f, out_height / 1080.0f));
  s.width = static_cast<float>(out_width) / s.density;
  s.height = static_cast<float>(out_height) / s.density;
  return s;
}

Surface surface_scaled(const Surface& page, int out_width, int out_height) {
  Surface s = page;
  s.density = std::min(out_width / page.width, out_height / page.height);
  s.out_width = std::max(1, static_cast<int>(std::round(page.width * s.density)));
  s.out_height = std::max(1, static_cast<int>(std::round(page.height * s.density)));
  return s;
}

std::unique_ptr<Typesetter> Typesetter::create(const FontFiles& files, std::string& error) {
  auto t = std::make_unique<Typesetter>();
  t->fonts = FontSet::load(files, error);
  if (!t->fonts) return nullptr;
  t->faces = std::make_unique<CairoFaces>(*t->fonts);
  return t;
}

// ---- Raster ----

Raster::Raster(int width, int height) : width_(width), height_(height) {
  surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) return;
  cr_ = cairo_create(surface_);
  data_ = cairo_image_surface_get_data(surface_);
  stride_ = cairo_image_surface_get_stride(surface_);
}

Raster::~Raster() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

void Raster::flush() const { cairo_surface_flush(surface_); }

std::uint32_t Raster::pixel(int x, int y) const {
  std::uint32_t v;
  std::memcpy(&v, row(y) + static_cast<std::ptrdiff_t>(x) * 4, 4);
  return v & 0xFFFFFF;
}

// ---- PageRaster ----

namespace {
// The raster's context drawing page pixels.
cairo_t* scaled(const Raster& r, float density) {
  cairo_identity_matrix(r.cr());
  cairo_scale(r.cr(), density, density);
  return r.cr();
}
}  // namespace

PageRaster::PageRaster(const Typesetter& t, const view::PageSpec& spec, const view::PageSource& source,
                       const Surface& surface)
    : raster_(surface.out_width, surface.out_height),
      painter_(scaled(raster_, surface.density), *t.fonts, *t.faces, spec.scale, /*raster=*/true),
      page_(painter_, spec, source) {}

void PageRaster::paint(const view::PageStep& step) {
  page_.paint(painter_, step);
  painter_.flush();
  raster_.flush();
}

void PageRaster::paint_at(std::int32_t step) {
  page_.paint_at(painter_, step);
  painter_.flush();
  raster_.flush();
}

Image to_image(const Raster& r) {
  Image im;
  im.width = r.width();
  im.height = r.height();
  im.rgba.resize(static_cast<std::size_t>(im.width) * im.height * 4);
  std::uint8_t* out = im.rgba.data();
  for (int y = 0; y < r.height(); ++y)
    for (int x = 0; x < r.width(); ++x) {
      const std::uint32_t v = r.pixel(x, y);
      *out++ = static_cast<std::uint8_t>(v >> 16);
      *out++ = static_cast<std::uint8_t>(v >> 8);
      *out++ = static_cast<std::uint8_t>(v);
      *out++ = 255;
    }
  return im;
}

// ---- PNG ----

namespace {
void png_append(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}
void png_no_flush(png_structp) {}
struct PngError {
  std::string message;
};
void png_fail(png_structp png, png_const_charp message) {
  static_cast<PngError*>(png_get_error_ptr(png))->message = message;
  png_longjmp(png, 1);
}
void png_ignore(png_structp, png_const_charp) {}
}  // namespace

std::string encode_png(const Raster& r, int level, std::string& error) {
  std::string out;
  PngError err;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, png_fail, png_ignore);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    if (png) png_destroy_write_struct(&png, nullptr);
    error = "the PNG encoder could not start";
    return {};
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    error = "PNG encoding failed: " + err.message;
    return {};
  }
  out.reserve(static_cast<std::size_t>(r.width()) * r.height() / 8);
  png_set_write_fn(png, &out, png_append, png_no_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(r.width()), static_cast<png_uint_32>(r.height()), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  // Flat colours and text: the "up" filter and a fast deflate keep files small and quick.
  png_set_filter(png, 0, PNG_FILTER_UP);
  png_set_compression_level(png, level);
  png_write_info(png, info);
  // cairo's pixels as they lie in memory (B, G, R, unused): no copy.
  png_set_bgr(png);
  png_set_filler(png, 0, PNG_FILLER_AFTER);
  for (int y = 0; y < r.height(); ++y) png_write_row(png, const_cast<png_bytep>(r.row(y)));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

// ---- SVG ----

std::string render_svg(const FontSet& fonts, const view::PageSpec& spec, const view::PageSource& source,
                       const Surface& surface, std::int32_t step) {
  // The caption is the document's description too (what a search or a screen reader finds).
  std::string caption;
  if (source.trace && source.playback)
    caption = view::caption(*source.trace, source.playback->snapshot_at(step - 1), source.playback->snapshot_at(step),
                            source.blocks);
  SvgPainter painter(fonts, spec.scale, surface.width, surface.height, static_cast<float>(surface.out_width),
                     static_cast<float>(surface.out_height), source.title, caption);
  const view::Page page(painter, spec, source);
  page.paint_at(painter, step);
  return painter.finish();
}

}  // namespace trioscope::exporting
