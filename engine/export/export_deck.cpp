// A deck: one PNG per step, drawn by several threads, and slides.html.
//
// Everything is written into a new folder beside the target, which becomes the target when
// all is done (or, replacing a deck with --force, whose files then move into it): a failed
// or cancelled export leaves what was there as it was.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "document/atomic_file.hpp"
#include "export/deck_html.hpp"
#include "export/export_impl.hpp"
#include "view/caption.hpp"
#include "view/caption_view.hpp"
#include "view/key_steps.hpp"

namespace trioscope::exporting::detail {

namespace fs = std::filesystem;

namespace {

std::string slide_name(std::size_t i, std::size_t count) {
  const std::size_t digits = std::max<std::size_t>(3, std::to_string(count).size());
  std::string n = std::to_string(i + 1);
  if (n.size() < digits) n.insert(0, digits - n.size(), '0');
  return "slide-" + n + ".png";
}

// A new, empty folder beside `out`, for the deck while it is being made.
std::string make_partial(const fs::path& out, std::string& error) {
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + out.filename().string() + ".partial-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) {
    error = "cannot write into " + dir.string() + ": " + std::error_code(errno, std::generic_category()).message();
    return {};
  }
  return tmpl;
}

}  // namespace

bool export_deck(const Run& r, const std::vector<std::int32_t>& steps) {
  const trio::Trace& trace = *r.doc.trace();
  const std::size_t count = steps.size();
  std::string error;
  const fs::path out(r.o.out);
  const std::string partial = make_partial(out, error);
  if (partial.empty()) return r.fail(error);
  auto give_up = [&] {
    std::error_code ec;
    fs::remove_all(partial, ec);
  };

  // The slides' words: captions, where each step is, which key moment.
  const view::PageSource source = page_source(r.doc);
  std::vector<view::KeyStep> keys = view::key_steps(trace);
  std::vector<Slide> slides(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int32_t step = steps[i];
    slides[i].image = slide_name(i, count);
    slides[i].caption = view::caption(trace, r.doc.playback()->snapshot_at(step - 1), r.doc.playback()->snapshot_at(step),
                                      &r.doc.blocks());
    slides[i].status = view::caption_status(trace, step);
    auto k = std::find_if(keys.begin(), keys.end(), [&](const view::KeyStep& x) { return x.step == step; });
    if (k != keys.end()) slides[i].moment = view::key_moment_name(k->moment);
  }

  // The pictures, each thread with its own fonts and raster.
  const Surface surface = surface_for(r.o.width, r.o.height);
  const view::PageSpec spec = page_spec(r.o, surface);
  const FontFiles files = r.fonts();
  // One thread more than there are cores: while one waits for its file to reach the disk,
  // the others draw.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned nthreads =
      static_cast<unsigned>(std::min<std::size_t>(count, r.o.threads > 0 ? static_cast<unsigned>(r.o.threads) : cores + 1));
  std::atomic<std::size_t> next{0};
  std::atomic<int> done{0};
  std::atomic<bool> failed{false};
  std::mutex m;  // the first error, and the progress callback
  std::string first_error;
  auto fail = [&](std::string why) {
    std::lock_guard<std::mutex> lock(m);
    if (first_error.empty()) first_error = std::move(why);
    failed = true;
  };
  auto work = [&] {
    std::string err;
    std::unique_ptr<Typesetter> t = Typesetter::create(files, err);
    if (!t) return fail(err);
    PageRaster raster(*t, spec, source, surface);
    if (!raster.raster().ok()) return fail("not enough memory for " + std::to_string(r.o.width) + "x" + std::to_string(r.o.height) + " slides");
    for (std::size_t i = next++; i < count && !failed && !r.cancelled(); i = next++) {
      raster.paint_at(steps[i]);
      const std::string png = encode_png(raster.raster(), 3, err);
      if (png.empty()) return fail(err);
      // Written by each thread as it goes, so that one's sync overlaps the others' drawing.
      // (Tests that inject write faults draw with one thread: the seam is one setting.)
      const document::WriteResult w = document::write_file_atomically((fs::path(partial) / slides[i].image).string(), png);
      if (!w.ok) return fail(w.error);
      const int d = ++done;
      if (r.control.progress) {
        std::lock_guard<std::mutex> lock(m);
        r.progress(d, static_cast<int>(count) + 1);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < nthreads; ++i) threads.emplace_back(work);
  work();
  for (std::thread& th : threads) th.join();
  if (r.cancelled()) {
    give_up();
    return r.stop();
  }
  if (failed) {
    give_up();
    return r.fail(first_error);
  }
  const document::WriteResult html =
      document::write_file_atomically((fs::path(partial) / "slides.html").string(), slides_html(r.doc.title(), r.o.theme, slides));
  if (!html.ok) {
    give_up();
    return r.fail(html.error);
  }

  // The deck in place: the new folder renamed to the target, or its files moved into it.
  std::error_code ec;
  if (!fs::exists(out, ec)) {
    fs::rename(partial, out, ec);
    if (ec) {
      give_up();
      return r.fail("cannot make " + r.o.out + ": " + ec.message());
    }
  } else {
    std::vector<std::string> names;
    for (const Slide& s : slides) names.push_back(s.image);
    names.push_back("slides.html");
    for (const std::string& n : names) {
      fs::rename(fs::path(partial) / n, out / n, ec);
      if (ec) {
        give_up();
        return r.fail("cannot replace " + (out / n).string() + ": " + ec.message());
      }
    }
    give_up();
  }
  for (const Slide& s : slides) r.result.files.push_back((out / s.image).string());
  r.result.files.push_back((out / "slides.html").string());
  r.result.pages = static_cast<int>(count);
  r.progress(static_cast<int>(count) + 1, static_cast<int>(count) + 1);
  return true;
}

}  // namespace trioscope::exporting::detail
