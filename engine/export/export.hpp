// Exporting a document, in every format, with no display and no GUI: what `trioscope
// export` runs, and what the app's File → Export dialog runs on a thread (export_job.hpp).
//
//   svg     one page, vector, text as <text>
//   pdf     one page per step (a handout), vector, text selectable
//   png     one page, up to 7680 x 4320
//   gif     the animation from step A to B, looping
//   mp4     the same as a video (H.264), through ffmpeg when it is installed
//   webm    the same (VP9), through ffmpeg
//   deck    a folder: one PNG per step (or key step) and slides.html to step through them
//   trace   the run as Chrome trace JSON, for Perfetto and chrome://tracing
//   python  the scenario as a runnable Trio program
//
// Every file goes through document::write_file_atomically: a failed or cancelled export
// leaves nothing behind and changes nothing that was there.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.hpp"
#include "export/fonts.hpp"
#include "export/render.hpp"
#include "view/page.hpp"

namespace trioscope::exporting {

enum class Format : std::uint8_t { svg, pdf, png, gif, mp4, webm, deck, trace, python };
const char* format_name(Format f);
std::optional<Format> parse_format(std::string_view name);
// "svg|pdf|png|gif|mp4|webm|deck|trace|python"
std::string format_names();
bool is_animation(Format f);  // gif, mp4, webm
bool shows_pages(Format f);   // everything drawn: not trace or python

// Which steps: one, a range, the run's key steps (view/key_steps.hpp), or all of them.
enum class StepChoice : std::uint8_t { step, range, key_steps, all };
// What a format shows when nothing is said: the last step (svg, png, pdf), the whole run
// (animations), the key steps (deck).
StepChoice default_steps(Format f);

inline constexpr int kMinSize = 64, kMaxWidth = 7680, kMaxHeight = 4320;
inline constexpr float kMinScale = 0.5f, kMaxScale = 4.0f;

struct ExportOptions {
  Format format = Format::png;
  std::string out;          // a file, or the deck's folder
  bool force = false;       // replace what is there
  StepChoice steps = StepChoice::step;
  std::int32_t first = -1;  // step: the step; range: the first (document::find_step_range)
  std::int32_t last = -1;   // range: the last
  view::PageView view = view::PageView::screen;
  int width = 1920, height = 1080;  // output pixels (for svg and pdf the page's proportions)
  view::Theme theme = view::Theme::light;
  float scale = 1;          // the app's UI scale: text and boxes
  double speed = 3;         // animations: steps per second (the app's default)
  int fps = 15;             // animations: frames per second while something moves
  // The app's view of the document, so that an export shows what the screen shows: the
  // timeline's axis range (x1 <= x0: the whole run), its first lane (negative: the step's
  // lane in view), the selected task.
  double tl_x0 = 0, tl_x1 = 0;
  float tl_scroll = -1;
  std::int32_t selected_task = -1;
  FontFiles fonts;          // empty: default_font_files()
  int threads = 0;          // drawing threads for a deck: 0 = one per core, and one more
};

// What is wrong with the options themselves ("" when nothing): size, scale, speed.
std::string check_options(const ExportOptions& o);
// Whether the export may write `o.out`: its folder exists and can be written, and it does
// not exist yet unless `o.force` ("" when it may; else why not, naming the path).
std::string check_output(const ExportOptions& o);
// The steps the export shows, in order (clamped to the run).
std::vector<std::int32_t> export_steps(const trio::Trace& t, const ExportOptions& o);

struct ExportResult {
  bool ok = false;
  bool cancelled = false;
  std::string error;               // why not, naming the file
  std::vector<std::string> files;  // what was written
  int pages = 0;                   // pages, frames or slides made
};

struct ExportControl {
  // Called on the exporting thread after each page, frame or slide.
  std::function<void(int done, int total)> progress;
  // Set from any thread to stop; the export then writes nothing.
  const std::atomic<bool>* cancel = nullptr;
};

ExportResult export_document(const document::Document& doc, const ExportOptions& o, const ExportControl& control = {});

// The first page or frame the export would make, drawn at most `max_width` x `max_height`
// (its proportions kept): the dialog's preview.
bool render_preview(const document::Document& doc, const ExportOptions& o, int max_width, int max_height, Image& out,
                    std::string& error);

// The page source of a document (what view::Page shows of it).
view::PageSource page_source(const document::Document& doc);
view::PageSpec page_spec(const ExportOptions& o, const Surface& surface);

}  // namespace trioscope::exporting
