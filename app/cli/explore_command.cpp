// `trioscope explore`: every way a scenario can end, over every schedule Trio could take.
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "cli/cli.hpp"
#include "cli/limit_options.hpp"
#include "explore/background.hpp"

namespace trioscope::cli {

namespace {

constexpr const char* kExploreHelp =
    "usage: trioscope explore [OPTIONS] FILE\n"
    "\n"
    "Runs the scenario in FILE under every schedule real Trio could take (the order of each\n"
    "batch of runnable tasks, of scopes with identical deadlines, of tasks one cancel()\n"
    "reaches) and groups the runs by outcome: each task's own lines and how trio.run ended.\n"
    "Prints \"K distinct outcomes over M schedules (exhaustive)\" when every schedule was\n"
    "accounted for, or \"at least K ... (bounded)\" when a limit stopped it first; then each\n"
    "outcome: how many schedules end that way, the shortest schedule that does (replay it\n"
    "with `trioscope run --schedule STRING FILE`), and its transcript.\n"
    "\n"
    "options:\n"
    "  --max-runs N                      stop after N runs (default: no limit)\n"
    "  --max-seconds S                   stop after S seconds (default: 30)\n"
    "  --strict-exception-groups on|off  override the file's setting\n"
    "  --no-merge                        run every schedule to its end, without reusing\n"
    "                                    states already explored (slower; same result)\n"
    "\n"
    "%s"
    "  (each schedule's run has these limits)\n"
    "\n"
    "exit status: 0 explored, 1 internal error (a self-check failed), 2 invalid file or\n"
    "usage, 3 some schedule ends in a deadlock or is stopped by a limit.\n";

bool parse_u64(const std::string& s, std::uint64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_seconds(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size() && out > 0 && out < 1e9;
}

}  // namespace

int explore_command(const std::vector<std::string>& args) {
  scenario::RunOverrides o;
  explore::Options options;
  options.max_seconds = 30;
  std::string path;
  trio::RunLimits limits;
  bool limited = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string limit_error;
    switch (parse_limit_option(args, i, limits, limit_error)) {
      case LimitOption::taken: limited = true; continue;
      case LimitOption::bad: std::fprintf(stderr, "trioscope explore: %s\n", limit_error.c_str()); return kUsage;
      case LimitOption::not_a_limit: break;
    }
    const std::string& a = args[i];
    auto value = [&](const char* what) -> const std::string* {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "trioscope explore: %s needs a value (see --help)\n", what);
        return nullptr;
      }
      return &args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::printf(kExploreHelp, limit_options_help().c_str());
      return kOk;
    } else if (a == "--max-runs") {
      auto v = value(a.c_str());
      std::uint64_t n = 0;
      if (!v || !parse_u64(*v, n) || n == 0) {
        if (v) std::fprintf(stderr, "trioscope explore: %s takes a positive whole number, not '%s'\n", a.c_str(), v->c_str());
        return kUsage;
      }
      options.max_runs = n;
    } else if (a == "--max-seconds") {
      auto v = value("--max-seconds");
      double s = 0;
      if (!v || !parse_seconds(*v, s)) {
        if (v) std::fprintf(stderr, "trioscope explore: --max-seconds takes a positive number of seconds, not '%s'\n", v->c_str());
        return kUsage;
      }
      options.max_seconds = s;
    } else if (a == "--strict-exception-groups") {
      auto v = value("--strict-exception-groups");
      if (!v || (*v != "on" && *v != "off")) {
        if (v) std::fprintf(stderr, "trioscope explore: --strict-exception-groups takes on or off, not '%s'\n", v->c_str());
        return kUsage;
      }
      o.strict_exception_groups = *v == "on";
    } else if (a == "--no-merge") {
      options.merge_states = false;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope explore: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "trioscope explore: one FILE at a time (got '%s' and '%s')\n", path.c_str(), a.c_str());
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope explore: which scenario? (usage: trioscope explore [OPTIONS] FILE)\n", stderr);
    return kUsage;
  }
  auto loaded = load_or_report(path);
  if (!loaded) return kUsage;
  if (limited) o.limits = limits;

  explore::Report report = explore::explore_scenario(*loaded, o, options);
  std::printf("# %s\n# %s\n", report.summary().c_str(), report.details().c_str());
  bool unfinished = false;
  for (std::size_t k = 0; k < report.outcomes.size(); ++k) {
    const explore::Outcome& out = report.outcomes[k];
    std::printf("## outcome %zu of %zu: %llu of %llu schedules; replay: trioscope run --schedule %s %s\n", k + 1,
                report.outcomes.size(), (unsigned long long)out.schedules, (unsigned long long)report.schedules,
                out.schedule_text.c_str(), path.c_str());
    std::fputs(out.transcript.c_str(), stdout);
    unfinished |= out.end == trio::RunEnd::deadlock || out.end == trio::RunEnd::budget_exhausted;
  }
  std::fflush(stdout);
  if (!report.problem.empty()) {
    std::fprintf(stderr, "trioscope explore: internal error: %s\n", report.problem.c_str());
    return kInternal;
  }
  if (unfinished) {
    std::fputs("trioscope explore: some schedules do not finish (a deadlock, or a limit stopped them)\n", stderr);
    return kUnfinished;
  }
  return kOk;
}

}  // namespace trioscope::cli
