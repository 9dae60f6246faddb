// `trioscope run`: a scenario's output as a student would see it in a terminal, or its
// transcript (../shared/spec/transcript-format.md) for comparison with real Trio.
#include <charconv>
#include <cstdio>
#include <string_view>

#include "cli/cli.hpp"
#include "cli/limit_options.hpp"
#include "document/document.hpp"
#include "core/text.hpp"
#include "scenario/interpreter.hpp"
#include "view/traceback_text.hpp"

namespace trioscope::cli {

namespace {

constexpr const char* kRunHelp =
    "usage: trioscope run [OPTIONS] FILE\n"
    "\n"
    "Runs the scenario in FILE (JSON or a Trio program, .py; - for standard input, either\n"
    "form) in virtual time and prints what the program printed, then how trio.run ended.\n"
    "\n"
    "options:\n"
    "  --transcript                      print the transcript (TIME, TASK, KIND, DETAIL)\n"
    "  --events                          print every recorded event (for the curious)\n"
    "  --strict-exception-groups on|off  override the file's setting\n"
    "  --scheduling fifo|random          override the file's setting\n"
    "  --seed N                          seed for random scheduling\n"
    "  --schedule STRING                 replay exactly this schedule (as `trioscope explore`\n"
    "                                    prints it: one character per scheduling choice)\n"
    "\n"
    "%s"
    "\n"
    "exit status: 0 ran (also when the run ended by an exception), 2 invalid file or\n"
    "usage (or a schedule that does not fit FILE), 3 deadlock, or a limit stopped the run.\n";

// Standard output gets every byte of the program's text, NUL and other control characters
// included, as Python's print writes them (never through a C string).
void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

bool parse_u64(const std::string& s, std::uint64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// The exception that escaped trio.run, as Python's traceback ends (view/traceback_text).
void print_exception(const trio::PyException& e) {
  for (const std::string& line : view::python_traceback_lines(e)) out(line + "\n");
}

void print_events(const trio::Trace& t) {
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const trio::Event& e = t.events[i];
    std::string label = e.task >= 0 ? t.tasks[e.task].label : "-";
    if (trio::code_points(label) < 28) label.append(28 - trio::code_points(label), ' ');
    std::printf("%6zu %10.6f ", i, e.time);
    out(label);
    std::printf(" %-22s", trio::event_kind_name(e.kind));
    if (e.nursery >= 0) std::printf(" nursery=%d", e.nursery);
    if (e.scope >= 0) std::printf(" scope=%d", e.scope);
    if (e.cause >= 0) std::printf(" cause=%d", e.cause);
    if (e.loc.line) std::printf(" line=%u", e.loc.line);
    if (auto x = t.exception(e)) out(" exc=" + trio::exc_repr(*x));
    if (e.text >= 0) {
      out(" text=");
      out(t.text(e));
    }
    out("\n");
  }
}

int report_unfinished(const trio::RunResult& r) {
  const std::string what =
      r.end == trio::RunEnd::deadlock ? std::string("deadlock") : "stopped by its " + std::string(trio::limit_name(r.limit));
  std::fprintf(stderr, "trioscope: %s at t=%s: %s\n", what.c_str(), trio::float_repr(r.end_time).c_str(),
               r.diagnosis.c_str());
  return kUnfinished;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  scenario::RunOverrides o;
  trio::RunLimits limits;
  bool transcript = false, events = false, limited = false;
  std::string path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string limit_error;
    switch (parse_limit_option(args, i, limits, limit_error)) {
      case LimitOption::taken: limited = true; continue;
      case LimitOption::bad: std::fprintf(stderr, "trioscope run: %s\n", limit_error.c_str()); return kUsage;
      case LimitOption::not_a_limit: break;
    }
    const std::string& a = args[i];
    auto value = [&](const char* what) -> const std::string* {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "trioscope run: %s needs a value (see --help)\n", what);
        return nullptr;
      }
      return &args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::printf(kRunHelp, limit_options_help().c_str());
      return kOk;
    } else if (a == "--transcript") {
      transcript = true;
    } else if (a == "--events") {
      events = true;
    } else if (a == "--strict-exception-groups") {
      auto v = value("--strict-exception-groups");
      if (!v || (*v != "on" && *v != "off")) {
        if (v) std::fprintf(stderr, "trioscope run: --strict-exception-groups takes on or off, not '%s'\n", v->c_str());
        return kUsage;
      }
      o.strict_exception_groups = *v == "on";
    } else if (a == "--scheduling") {
      auto v = value("--scheduling");
      if (!v || (*v != "fifo" && *v != "random")) {
        if (v) std::fprintf(stderr, "trioscope run: --scheduling takes fifo or random, not '%s'\n", v->c_str());
        return kUsage;
      }
      o.scheduling = *v;
    } else if (a == "--schedule") {
      auto v = value("--schedule");
      if (!v) return kUsage;
      trio::ParsedSchedule parsed = trio::parse_schedule(*v);
      if (!parsed.ok()) {
        std::fprintf(stderr, "trioscope run: --schedule '%s': %s at character %zu\n", v->c_str(),
                     parsed.error.c_str(), parsed.error_at + 1);
        return kUsage;
      }
      o.schedule = *v;
    } else if (a == "--seed") {
      auto v = value(a.c_str());
      std::uint64_t n = 0;
      if (!v || !parse_u64(*v, n)) {
        if (v) std::fprintf(stderr, "trioscope run: %s takes a whole number, not '%s'\n", a.c_str(), v->c_str());
        return kUsage;
      }
      o.seed = n;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope run: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "trioscope run: one FILE at a time (got '%s' and '%s')\n", path.c_str(), a.c_str());
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope run: which scenario? (usage: trioscope run [OPTIONS] FILE)\n", stderr);
    return kUsage;
  }
  if (o.schedule && (o.seed || o.scheduling)) {
    std::fputs("trioscope run: --schedule decides every scheduling choice; leave out --scheduling and --seed\n", stderr);
    return kUsage;
  }
  document::RunChoice choice;
  choice.strict_exception_groups = o.strict_exception_groups;
  if (o.scheduling) choice.random = *o.scheduling == "random";
  choice.seed = o.seed;
  if (limited) choice.limits = limits;
  choice.schedule = o.schedule;
  choice.transcript_only = transcript;
  document::Document doc;
  if (!doc.open_file(path, choice)) {
    for (const std::string& line : doc.problems().lines()) std::fprintf(stderr, "%s\n", line.c_str());
    return kUsage;
  }
  if (o.seed && !doc.random()) std::fputs("trioscope run: note: --seed only matters with --scheduling random\n", stderr);
  const trio::RunResult& r = *doc.run();
  if (!r.schedule_problem.empty()) {
    std::fprintf(stderr, "trioscope run: the schedule does not fit %s: %s\n", path.c_str(), r.schedule_problem.c_str());
    return kUsage;
  }
  if (transcript) {
    trio::write_transcript(r.trace, out);
  } else if (events) {
    print_events(r.trace);
  } else {
    for (const trio::Event& e : r.trace.events)
      if (e.kind == trio::EventKind::print) {
        out(r.trace.text(e));
        out("\n");
      }
    if (r.end == trio::RunEnd::returned) {
      std::printf("-- trio.run returned at t=%s (virtual seconds)\n", trio::float_repr(r.end_time).c_str());
    } else if (r.end == trio::RunEnd::raised) {
      std::printf("-- trio.run raised at t=%s (virtual seconds):\n", trio::float_repr(r.end_time).c_str());
      print_exception(*r.error);
    }
  }
  std::fflush(stdout);
  if (r.end == trio::RunEnd::deadlock || r.end == trio::RunEnd::budget_exhausted) return report_unfinished(r);
  return kOk;
}

int print_run_as_text(const std::string& path) { return run_command({path}); }

}  // namespace trioscope::cli
