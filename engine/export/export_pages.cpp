// SVG, PDF and PNG: pages of the document at the chosen steps.
#include <cairo-pdf.h>

#include "export/export_impl.hpp"
#include "export/render.hpp"

namespace trioscope::exporting::detail {

bool export_svg(const Run& r, const std::vector<std::int32_t>& steps) {
  std::string error;
  std::unique_ptr<FontSet> fonts = FontSet::load(r.fonts(), error);
  if (!fonts) return r.fail(error);
  r.progress(0, 1);
  const Surface surface = surface_for(r.o.width, r.o.height);
  const std::string svg = render_svg(*fonts, page_spec(r.o, surface), page_source(r.doc), surface, steps.front());
  if (r.cancelled()) return r.stop();
  if (!r.write(r.o.out, svg)) return false;
  r.result.pages = 1;
  r.progress(1, 1);
  return true;
}

bool export_png(const Run& r, const std::vector<std::int32_t>& steps) {
  std::string error;
  std::unique_ptr<Typesetter> t = Typesetter::create(r.fonts(), error);
  if (!t) return r.fail(error);
  r.progress(0, 1);
  const Surface surface = surface_for(r.o.width, r.o.height);
  PageRaster raster(*t, page_spec(r.o, surface), page_source(r.doc), surface);
  if (!raster.raster().ok()) return r.fail("not enough memory for a " + std::to_string(r.o.width) + "x" + std::to_string(r.o.height) + " image");
  raster.paint_at(steps.front());
  const std::string png = encode_png(raster.raster(), 6, error);
  if (png.empty()) return r.fail(error);
  if (r.cancelled()) return r.stop();
  if (!r.write(r.o.out, png)) return false;
  r.result.pages = 1;
  r.progress(1, 1);
  return true;
}

namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int n) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), n);
  return CAIRO_STATUS_SUCCESS;
}
// A page pixel is a CSS pixel: 96 to the inch, 0.75 of a PDF point.
constexpr double kPointsPerPixel = 0.75;
}  // namespace

bool export_pdf(const Run& r, const std::vector<std::int32_t>& steps) {
  std::string error;
  std::unique_ptr<Typesetter> t = Typesetter::create(r.fonts(), error);
  if (!t) return r.fail(error);
  const Surface surface = surface_for(r.o.width, r.o.height);
  std::string pdf;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &pdf, surface.width * kPointsPerPixel,
                                                           surface.height * kPointsPerPixel);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, r.doc.title().c_str());
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "trioscope");
  cairo_t* cr = cairo_create(s);
  cairo_scale(cr, kPointsPerPixel, kPointsPerPixel);
  bool ok = true;
  {
    CairoPainter painter(cr, *t->fonts, *t->faces, r.o.scale, /*raster=*/false);
    const view::Page page(painter, page_spec(r.o, surface), page_source(r.doc));
    const int total = static_cast<int>(steps.size());
    for (int i = 0; i < total; ++i) {
      if (r.cancelled()) {
        ok = false;
        break;
      }
      page.paint_at(painter, steps[i]);
      painter.flush();
      cairo_show_page(cr);
      r.progress(i + 1, total);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  const cairo_status_t status = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (!ok) return r.stop();
  if (status != CAIRO_STATUS_SUCCESS) return r.fail(std::string("the PDF could not be made: ") + cairo_status_to_string(status));
  if (!r.write(r.o.out, pdf)) return false;
  r.result.pages = static_cast<int>(steps.size());
  return true;
}

}  // namespace trioscope::exporting::detail
