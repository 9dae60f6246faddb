// `trioscope export --format F --out PATH [options] FILE`: slides, handouts, animations,
// decks and traces of a scenario, with no display (engine/export does the work).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/limit_options.hpp"
#include "document/document.hpp"
#include "document/step_spec.hpp"
#include "export/export.hpp"
#include "resources.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::cli {

namespace {

const char* kHelp =
    "usage: trioscope export --format FORMAT --out PATH [options] FILE\n"
    "\n"
    "Exports the scenario FILE (any file the app opens) for slides, handouts and traces.\n"
    "\n"
    "formats (--format):\n"
    "  svg      one step as a vector picture; its text stays text, editable in a slide\n"
    "  pdf      a handout: one page per step (--steps, --key-steps), text selectable\n"
    "  png      one step as an image, up to 7680x4320, sharp at every size\n"
    "  gif      the animation itself from step A to B (--steps), looping: cancellation\n"
    "           travelling, exceptions travelling up, the group forming\n"
    "  mp4      the same animation as a video (H.264); needs the ffmpeg program\n"
    "  webm     the same as WebM (VP9); needs the ffmpeg program\n"
    "  deck     a folder: one PNG per step or key step and slides.html, which steps\n"
    "           through them (arrow keys, space, clicks) with the caption under each\n"
    "  trace    the run as Chrome trace JSON, for ui.perfetto.dev and chrome://tracing:\n"
    "           a track per task, spans for its states, arrows for spawns, cancellations\n"
    "           and exceptions; time in virtual microseconds\n"
    "  python   the scenario as a runnable Trio program (what export-python prints)\n"
    "\n"
    "steps:\n"
    "  --step N|last|KIND[:N]  one step: its number, the last one, or the N-th event of a\n"
    "                          kind (--step scope_cancelled, --step print:2); default: last\n"
    "  --steps A..B            the steps from A to B, each named as for --step\n"
    "                          (--steps 0..last, --steps raised..); default for animations:\n"
    "                          the whole run\n"
    "  --key-steps             the teaching moments: children spawned, the first print, a\n"
    "                          raise, a cancellation, Cancelled delivered, the group formed,\n"
    "                          the re-raise at async with, a handler entered, the end of the\n"
    "                          run; default for deck\n"
    "\n"
    "the page:\n"
    "  --view tree|timeline|both|screen\n"
    "                  what it shows: the nursery tree, the timeline, the tree over the\n"
    "                  timeline, or the app's window (tree, code with its lit line, output,\n"
    "                  timeline); always with the title, the caption and a key to the\n"
    "                  states (default: screen)\n"
    "  --size WxH      output pixels, 64x64 to 7680x4320 (default 1920x1080, 16:9); larger\n"
    "                  than 1920x1080 draws that layout sharper; svg and pdf take the\n"
    "                  proportions (a pdf page is 1920x1080 CSS pixels, 20 x 11.25 in)\n"
    "  --theme light|dark   light is the projector theme (default)\n"
    "  --scale S       text and boxes as the app's UI scale, 0.5 to 4 (default 1)\n"
    "  --speed N       animations: steps per second, 0.1 to 100 (default 3, as the app)\n"
    "  --fps N         animations: frames per second while something moves (default 15)\n"
    "\n"
    "where:\n"
    "  --out PATH      the file to write (for deck, the folder)\n"
    "  --force         replace PATH when it exists\n"
    "\n"
    "%s"
    "\n"
    "Writes are atomic: a failed export leaves nothing behind and changes nothing.\n"
    "Exit status: 0 written; 2 a bad option or file, or PATH cannot be written (or it\n"
    "exists and --force was not given).\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "trioscope export: %s (see trioscope export --help)\n", message.c_str());
  return kUsage;
}

bool parse_size(const std::string& s, int& w, int& h) {
  int a = 0, b = 0;
  char x = 0, extra = 0;
  if (std::sscanf(s.c_str(), "%d%c%d%c", &a, &x, &b, &extra) != 3 || (x != 'x' && x != 'X')) return false;
  w = a;
  h = b;
  return true;
}

bool parse_number(const std::string& s, double& v) {
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end != s.c_str() && !*end;
}

}  // namespace

int export_command(const std::vector<std::string>& args) {
  exporting::ExportOptions o;
  std::string format, file, step_spec, range_spec;
  bool key_steps = false, step_given = false, limited = false;
  trio::RunLimits limits;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string limit_error;
    switch (parse_limit_option(args, i, limits, limit_error)) {
      case LimitOption::taken: limited = true; continue;
      case LimitOption::bad: return usage_error(limit_error);
      case LimitOption::not_a_limit: break;
    }
    std::string a = args[i];
    std::string value;
    bool has_value = false;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_value = true;
    }
    auto need = [&](const char* what) -> bool {
      if (has_value) return true;
      if (i + 1 >= args.size()) return false;
      value = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::printf(kHelp, limit_options_help().c_str());
      return kOk;
    } else if (a == "--format") {
      if (!need("a format")) return usage_error("--format needs one of " + exporting::format_names());
      format = value;
    } else if (a == "--out") {
      if (!need("a path")) return usage_error("--out needs a PATH");
      o.out = value;
    } else if (a == "--step") {
      if (!need("a step")) return usage_error(std::string("--step needs ") + document::kStepSyntax);
      step_spec = value;
      step_given = true;
    } else if (a == "--steps") {
      if (!need("a range")) return usage_error("--steps needs a range A..B");
      range_spec = value;
    } else if (a == "--key-steps") {
      key_steps = true;
    } else if (a == "--view") {
      if (!need("a view")) return usage_error("--view needs tree, timeline, both or screen");
      const auto v = view::parse_page_view(value);
      if (!v) return usage_error("--view is tree, timeline, both or screen, not '" + value + "'");
      o.view = *v;
    } else if (a == "--size") {
      if (!need("a size") || !parse_size(value, o.width, o.height))
        return usage_error("--size wants WIDTHxHEIGHT, such as 1920x1080" + (value.empty() ? std::string() : ", not '" + value + "'"));
    } else if (a == "--theme") {
      if (!need("a theme") || (value != "light" && value != "dark")) return usage_error("--theme is light or dark");
      o.theme = value == "dark" ? view::Theme::dark : view::Theme::light;
    } else if (a == "--scale") {
      double s = 0;
      if (!need("a scale") || !parse_number(value, s)) return usage_error("--scale wants a number such as 1.5");
      o.scale = static_cast<float>(s);
    } else if (a == "--speed") {
      if (!need("a speed") || !parse_number(value, o.speed)) return usage_error("--speed wants steps per second, such as 3");
    } else if (a == "--fps") {
      double f = 0;
      if (!need("a rate") || !parse_number(value, f) || f != static_cast<int>(f)) return usage_error("--fps wants a whole number");
      o.fps = static_cast<int>(f);
    } else if (a == "--force") {
      o.force = true;
    } else if (a.size() > 1 && a[0] == '-') {
      const std::string hint = scenario::did_you_mean(
          a, {"--format", "--out", "--step", "--steps", "--key-steps", "--view", "--size", "--theme", "--scale", "--speed",
              "--fps", "--force", "--help"});
      return usage_error("unknown option '" + a + "'" + hint);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("one FILE at a time (got " + file + " and " + a + ")");
    }
  }
  if (format.empty()) return usage_error("which format? (--format " + exporting::format_names() + ")");
  const auto f = exporting::parse_format(format);
  if (!f) return usage_error("--format is one of " + exporting::format_names() + ", not '" + format + "'" +
                             scenario::did_you_mean(format, {"svg", "pdf", "png", "gif", "mp4", "webm", "deck", "trace", "python"}));
  o.format = *f;
  if (file.empty()) return usage_error("which scenario? (trioscope export --format " + format + " --out PATH FILE)");
  if ((step_given ? 1 : 0) + (range_spec.empty() ? 0 : 1) + (key_steps ? 1 : 0) > 1)
    return usage_error("--step, --steps and --key-steps choose the steps: give one of them");
  o.steps = step_given ? exporting::StepChoice::step
            : !range_spec.empty() ? exporting::StepChoice::range
            : key_steps ? exporting::StepChoice::key_steps
                        : exporting::default_steps(o.format);
  if (std::string bad = exporting::check_options(o); !bad.empty()) return usage_error(bad);
  if (std::string bad = exporting::check_output(o); !bad.empty()) {
    std::fprintf(stderr, "trioscope export: %s\n", bad.c_str());
    return kUsage;
  }

  document::Document doc;
  document::RunChoice choice;
  if (limited) choice.limits = limits;
  if (!doc.open_file(file, choice)) {
    for (const std::string& line : doc.problems().lines()) std::fprintf(stderr, "%s\n", line.c_str());
    return kUsage;
  }
  const trio::Trace& trace = *doc.trace();
  if (o.steps == exporting::StepChoice::step) {
    const std::string spec = step_given ? step_spec : "last";
    if (!document::find_step(trace, spec, o.first))
      return usage_error(std::string("--step wants ") + document::kStepSyntax + "; no step of " + file + " matches " + spec);
  } else if (o.steps == exporting::StepChoice::range) {
    std::string error;
    const auto r = document::find_step_range(trace, range_spec, error);
    if (!r) return usage_error("--steps " + range_spec + ": " + error);
    o.first = r->first;
    o.last = r->last;
  }
  o.fonts.sans = find_font("DejaVuSans.ttf");
  o.fonts.bold = find_font("DejaVuSans-Bold.ttf");
  o.fonts.mono = find_font("DejaVuSansMono.ttf");

  // A long export says how far it is, when someone is watching.
  exporting::ExportControl control;
  const bool tty = ::isatty(2);
  int shown = -1;
  if (tty)
    control.progress = [&](int done, int total) {
      const int pct = total > 0 ? done * 100 / total : 0;
      if (pct == shown) return;
      shown = pct;
      std::fprintf(stderr, "\rtrioscope export: %d%%", pct);
    };
  const exporting::ExportResult r = exporting::export_document(doc, o, control);
  if (tty && shown >= 0) std::fputs("\r", stderr);
  if (!r.ok) {
    std::fprintf(stderr, "trioscope export: %s\n", r.error.c_str());
    return kUsage;
  }
  const char* what = o.format == exporting::Format::deck ? " slide"
                     : o.format == exporting::Format::pdf ? " page"
                     : exporting::is_animation(o.format)  ? " frame"
                                                          : nullptr;
  if (what && r.pages != 1)
    std::printf("wrote %s (%d%ss)\n", o.out.c_str(), r.pages, what);
  else if (what)
    std::printf("wrote %s (1%s)\n", o.out.c_str(), what);
  else
    std::printf("wrote %s\n", o.out.c_str());
  return kOk;
}

}  // namespace trioscope::cli
