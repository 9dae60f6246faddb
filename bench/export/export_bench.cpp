// Export figures, printed (not timed tests):
//   - a deck of 1,000 slides at 1920x1080 (goal: at most 60 s on a 2-core machine), from a
//     classroom-sized run of about 1,000 steps;
//   - the SVG and the PDF of the timeline of a 10,000-task run (goal: at most 2 s and 20 MB
//     each);
//   - a 10-second GIF (and the same as MP4 when ffmpeg is installed);
//   - the Chrome trace of the 10,000-task run, and its screen page as SVG and PNG.
//
//   export_bench [SOURCE_DIR] [--quick]     (--quick: 100 slides instead of 1,000)
//
// Writes into a temporary folder, which it removes.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "document/document.hpp"
#include "export/export.hpp"
#include "export/video_writer.hpp"

namespace fs = std::filesystem;
using namespace trioscope;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::uintmax_t size_of(const fs::path& p) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p)) n += e.is_regular_file() ? e.file_size() : 0;
    return n;
  }
  return fs::file_size(p, ec);
}

bool run(const char* what, const document::Document& doc, exporting::ExportOptions o, const char* goal) {
  const auto t0 = std::chrono::steady_clock::now();
  const exporting::ExportResult r = exporting::export_document(doc, o);
  const double s = seconds_since(t0);
  if (!r.ok) {
    std::printf("%-48s FAILED: %s\n", what, r.error.c_str());
    return false;
  }
  const char* unit = o.format == exporting::Format::deck ? "slides"
                     : exporting::is_animation(o.format)   ? "frames"
                     : exporting::shows_pages(o.format)    ? "pages"
                                                           : nullptr;
  std::printf("%-48s %8.2f s  %8.2f MB  ", what, s, static_cast<double>(size_of(o.out)) / 1e6);
  if (unit) std::printf("%5d %-6s  %s\n", r.pages, unit, goal);
  else std::printf("%12s  %s\n", "", goal);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string source = TRIOSCOPE_SOURCE_DIR;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--quick") quick = true;
    else source = argv[i];
  }
  const fs::path tmp = fs::temp_directory_path() / ("trioscope-export-bench-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  bool ok = true;

  auto open = [&](const std::string& path, document::Document& doc) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!doc.open_file(path)) {
      std::printf("cannot open %s\n", path.c_str());
      return false;
    }
    std::printf("%-48s %8.2f s  (%zu events, %zu tasks)\n", ("run " + fs::path(path).filename().string()).c_str(),
                seconds_since(t0), doc.trace()->events.size(), doc.trace()->tasks.size());
    return true;
  };

  // A deck of 1,000 slides at 1920x1080.
  document::Document classroom;
  if (open(source + "/bench/export/classroom_run.json", classroom)) {
    exporting::ExportOptions o;
    o.format = exporting::Format::deck;
    o.steps = exporting::StepChoice::range;
    o.first = 0;
    o.last = quick ? 99 : 999;
    o.out = (tmp / "deck").string();
    ok &= run(quick ? "deck, 100 slides 1920x1080" : "deck, 1,000 slides 1920x1080", classroom, o,
              quick ? "" : "(goal: 60 s)");
  }

  // The timeline of 10,000 tasks as SVG and PDF.
  document::Document fanout;
  if (open(source + "/bench/fanout_10000.json", fanout)) {
    for (exporting::Format f : {exporting::Format::svg, exporting::Format::pdf}) {
      exporting::ExportOptions o;
      o.format = f;
      o.view = view::PageView::timeline;
      o.first = fanout.playback()->last_step() / 2;  // mid-run: every task alive
      o.out = (tmp / (std::string("timeline.") + exporting::format_name(f))).string();
      ok &= run((std::string(exporting::format_name(f)) + ", timeline of 10,000 tasks").c_str(), fanout, o,
                "(goal: 2 s, 20 MB)");
    }
    exporting::ExportOptions t;
    t.format = exporting::Format::trace;
    t.out = (tmp / "fanout.trace.json").string();
    ok &= run("trace of 10,000 tasks", fanout, t, "");
    exporting::ExportOptions o;
    o.format = exporting::Format::svg;
    o.view = view::PageView::screen;
    o.first = fanout.playback()->last_step() / 2;
    o.out = (tmp / "screen.svg").string();
    ok &= run("svg, the screen of 10,000 tasks", fanout, o, "");
    o.format = exporting::Format::png;
    o.out = (tmp / "screen.png").string();
    ok &= run("png, the screen of 10,000 tasks", fanout, o, "");
  }

  // A 10-second GIF: 24 steps at 3 a second, and the 2 s held at the end.
  document::Document lesson;
  if (open(source + "/scenarios/02_child_trips_loose_groups.json", lesson)) {
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
      exporting::ExportOptions o;
      o.format = exporting::Format::gif;
      o.steps = exporting::StepChoice::range;
      o.first = 20;
      o.last = 43;
      o.width = w;
      o.height = h;
      o.out = (tmp / ("ten_seconds_" + std::to_string(w) + ".gif")).string();
      ok &= run(("gif, 10 s at " + std::to_string(w) + "x" + std::to_string(h)).c_str(), lesson, o, "");
    }
    if (!exporting::find_ffmpeg().empty()) {
      exporting::ExportOptions o;
      o.format = exporting::Format::mp4;
      o.steps = exporting::StepChoice::range;
      o.first = 20;
      o.last = 43;
      o.out = (tmp / "ten_seconds.mp4").string();
      ok &= run("mp4, 10 s at 1920x1080", lesson, o, "");
    } else {
      std::printf("%-48s skipped: no ffmpeg on PATH\n", "mp4, 10 s at 1920x1080");
    }
  }
  fs::remove_all(tmp);
  return ok ? 0 : 1;
}
