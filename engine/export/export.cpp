// [SECTION] Formats and steps by name
// [SECTION] Checking options and the output
// [SECTION] Pages of a document
// [SECTION] The export
#include "export/export.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <unistd.h>

#include "document/atomic_file.hpp"
#include "export/chrome_trace.hpp"
#include "export/export_impl.hpp"
#include "view/key_steps.hpp"

namespace trioscope::exporting {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// [SECTION] Formats and steps by name
// ---------------------------------------------------------------------------------------

namespace {
constexpr Format kFormats[] = {Format::svg,  Format::pdf,  Format::png,   Format::gif,   Format::mp4,
                               Format::webm, Format::deck, Format::trace, Format::python};
}

const char* format_name(Format f) {
  switch (f) {
    case Format::svg: return "svg";
    case Format::pdf: return "pdf";
    case Format::png: return "png";
    case Format::gif: return "gif";
    case Format::mp4: return "mp4";
    case Format::webm: return "webm";
    case Format::deck: return "deck";
    case Format::trace: return "trace";
    case Format::python: return "python";
  }
  return "";
}

std::optional<Format> parse_format(std::string_view name) {
  for (Format f : kFormats)
    if (name == format_name(f)) return f;
  return std::nullopt;
}

std::string format_names() {
  std::string s;
  for (Format f : kFormats) s += (s.empty() ? "" : "|") + std::string(format_name(f));
  return s;
}

bool is_animation(Format f) { return f == Format::gif || f == Format::mp4 || f == Format::webm; }
bool shows_pages(Format f) { return f != Format::trace && f != Format::python; }

StepChoice default_steps(Format f) {
  if (is_animation(f)) return StepChoice::all;
  if (f == Format::deck) return StepChoice::key_steps;
  return StepChoice::step;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Checking options and the output
// ---------------------------------------------------------------------------------------

std::string check_options(const ExportOptions& o) {
  if (o.width < kMinSize || o.height < kMinSize || o.width > kMaxWidth || o.height > kMaxHeight)
    return "the size is " + std::to_string(o.width) + "x" + std::to_string(o.height) + "; it may be " +
           std::to_string(kMinSize) + "x" + std::to_string(kMinSize) + " to " + std::to_string(kMaxWidth) + "x" +
           std::to_string(kMaxHeight);
  if (!(o.scale >= kMinScale && o.scale <= kMaxScale)) return "the scale is between 0.5 and 4";
  if (is_animation(o.format) && !(o.speed >= 0.1 && o.speed <= 100)) return "the speed is 0.1 to 100 steps a second";
  if (is_animation(o.format) && (o.fps < 1 || o.fps > 60)) return "the frame rate is 1 to 60 frames a second";
  if (is_animation(o.format) && o.steps == StepChoice::key_steps)
    return "an animation plays the steps in a row: choose a range (--steps A..B) instead of the key steps";
  if ((o.format == Format::svg || o.format == Format::png) && o.steps != StepChoice::step)
    return std::string(format_name(o.format)) + " shows one step (--step N); several steps go into a pdf or a deck";
  return {};
}

namespace {
// "slides/" is the folder "slides".
std::string without_trailing_slashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}
}  // namespace

std::string check_output(const ExportOptions& options) {
  ExportOptions o = options;
  o.out = without_trailing_slashes(o.out);
  if (o.out.empty()) return "where to? (--out PATH)";
  const fs::path out(o.out);
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::exists(dir, ec)) return "the folder " + dir.string() + " does not exist";
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a folder";
  const fs::file_status st = fs::status(out, ec);
  if (fs::exists(st)) {
    if (!o.force) return o.out + " exists (--force replaces it)";
    if (o.format == Format::deck && !fs::is_directory(st)) return o.out + " is a file; a deck is a folder";
    if (o.format != Format::deck && fs::is_directory(st)) return o.out + " is a folder";
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    return "cannot write into " + dir.string() + ": " + std::error_code(errno, std::generic_category()).message();
  return {};
}

std::vector<std::int32_t> export_steps(const trio::Trace& t, const ExportOptions& o) {
  const std::int32_t last = static_cast<std::int32_t>(t.events.size()) - 1;
  auto clamp = [&](std::int32_t s) { return std::clamp(s, -1, last); };
  std::vector<std::int32_t> out;
  switch (o.steps) {
    case StepChoice::step: out.push_back(clamp(o.first)); break;
    case StepChoice::range:
      for (std::int32_t s = clamp(o.first); s <= clamp(o.last); ++s) out.push_back(s);
      break;
    case StepChoice::key_steps:
      for (const view::KeyStep& k : view::key_steps(t)) out.push_back(k.step);
      if (out.empty()) out.push_back(last);
      break;
    case StepChoice::all:
      for (std::int32_t s = std::min(0, last); s <= last; ++s) out.push_back(s);
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Pages of a document
// ---------------------------------------------------------------------------------------

view::PageSource page_source(const document::Document& doc) {
  view::PageSource s;
  s.trace = doc.trace();
  s.playback = doc.playback();
  s.blocks = &doc.blocks();
  s.timeline = doc.trace() ? &doc.timeline() : nullptr;
  s.listing = doc.listing();
  s.written_in_python = doc.written_in_python();
  s.title = doc.title();
  return s;
}

view::PageSpec page_spec(const ExportOptions& o, const Surface& surface) {
  view::PageSpec s;
  s.view = o.view;
  s.theme = o.theme;
  s.width = surface.width;
  s.height = surface.height;
  s.scale = o.scale;
  s.tl_x0 = o.tl_x0;
  s.tl_x1 = o.tl_x1;
  s.tl_scroll = o.tl_scroll;
  s.selected_task = o.selected_task;
  return s;
}

namespace detail {

bool Run::write(const std::string& path, std::string_view data) const {
  const document::WriteResult w = document::write_file_atomically(path, data);
  if (!w.ok) return fail(w.error);
  result.files.push_back(path);
  return true;
}

FontFiles Run::fonts() const { return o.fonts.complete() ? o.fonts : default_font_files(); }

}  // namespace detail

bool render_preview(const document::Document& doc, const ExportOptions& o, int max_width, int max_height, Image& out,
                    std::string& error) {
  if (!doc.trace()) {
    error = "nothing to preview: no lesson is open";
    return false;
  }
  if (std::string bad = check_options(o); !bad.empty()) {
    error = bad;
    return false;
  }
  std::unique_ptr<Typesetter> t = Typesetter::create(o.fonts.complete() ? o.fonts : default_font_files(), error);
  if (!t) return false;
  const Surface page = surface_for(o.width, o.height);
  const Surface shown = surface_scaled(page, std::max(1, max_width), std::max(1, max_height));
  PageRaster r(*t, page_spec(o, page), page_source(doc), shown);
  if (!r.raster().ok()) {
    error = "not enough memory for the preview";
    return false;
  }
  const std::vector<std::int32_t> steps = export_steps(*doc.trace(), o);
  r.paint_at(steps.empty() ? -1 : steps.front());
  out = to_image(r.raster());
  return true;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The export
// ---------------------------------------------------------------------------------------

ExportResult export_document(const document::Document& doc, const ExportOptions& options, const ExportControl& control) {
  ExportOptions o = options;
  o.out = without_trailing_slashes(o.out);
  ExportResult result;
  const detail::Run run{doc, o, control, result};
  if (!doc.trace()) {
    run.fail("nothing to export: no lesson is open");
    return result;
  }
  if (std::string bad = check_options(o); !bad.empty()) {
    run.fail(bad);
    return result;
  }
  if (std::string bad = check_output(o); !bad.empty()) {
    run.fail(bad);
    return result;
  }
  const std::vector<std::int32_t> steps = export_steps(*doc.trace(), o);
  bool ok = false;
  switch (o.format) {
    case Format::svg: ok = detail::export_svg(run, steps); break;
    case Format::pdf: ok = detail::export_pdf(run, steps); break;
    case Format::png: ok = detail::export_png(run, steps); break;
    case Format::gif: case Format::mp4: case Format::webm: ok = detail::export_animation(run, steps); break;
    case Format::deck: ok = detail::export_deck(run, steps); break;
    case Format::trace: {
      run.progress(0, 1);
      const std::string json = chrome_trace(*doc.trace(), doc.timeline(), doc.title());
      ok = !run.cancelled() ? run.write(o.out, json) : run.stop();
      if (ok) run.progress(1, 1);
      break;
    }
    case Format::python:
      // The document's listing is the program `trioscope export-python` prints.
      if (!doc.scenario() || doc.listing().empty()) {
        run.fail("this run has no scenario to print as Python");
        break;
      }
      ok = run.write(o.out, doc.listing());
      break;
  }
  result.ok = ok;
  return result;
}

}  // namespace trioscope::exporting
