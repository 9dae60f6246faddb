// `trioscope validate FILE...`: every error in every file (JSON or Python), and for a valid
// file the lints of teach/lint.hpp, proved by one run in virtual time.
#include <cstdio>

#include "cli/cli.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "teach/lint.hpp"

namespace trioscope::cli {

int validate_command(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool quiet = false, werror = false;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(
          "usage: trioscope validate [--quiet] [--werror] FILE...\n"
          "\n"
          "Checks scenario files (JSON, or Trio programs: .py; - reads standard input) without\n"
          "running them and lists every error as FILE:LINE:COLUMN: error: MESSAGE, with the\n"
          "JSON pointer after it for JSON files: (at /json/pointer), and every warning\n"
          "(something Python runs, very likely not what was meant) as\n"
          "FILE:LINE:COLUMN: warning: MESSAGE.\n"
          "\n"
          "A valid file is then linted: warnings with a code, such as\n"
          "FILE:LINE:COLUMN: warning: ASYNC251 `time.sleep(10)` in an async function ...,\n"
          "for a timeout with no checkpoint (ASYNC100), an await in finally without a shield\n"
          "(ASYNC102), Cancelled or BaseException swallowed (ASYNC103, ASYNC104), time.sleep\n"
          "(ASYNC251), except T around a nursery (TS001), a loop that never checkpoints (TS002)\n"
          "and a cancellation that arrived late (TS101). The file runs once, in virtual time,\n"
          "so that each lint can say what the run showed (\"In this run: ...\").\n"
          "\n"
          "  --werror   warnings count as errors (exit status 2)\n"
          "  --quiet    no \"FILE: ok\" lines\n"
          "\n"
          "exit status: 0 all valid (warnings or not, without --werror), 2 otherwise.\n",
          stdout);
      return kOk;
    }
    if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else if (a == "--werror") {
      werror = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope validate: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fputs("trioscope validate: which files? (usage: trioscope validate FILE...)\n", stderr);
    return kUsage;
  }
  int bad = 0;
  for (const std::string& f : files) {
    auto r = scenario::load_scenario_file(f);
    for (const auto& d : r.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
    if (r.ok()) {
      const trio::RunResult run = scenario::run_scenario(*r.scenario);
      const auto found = teach::lints(*r.scenario, &run.trace, r.scenario->settings.strict_exception_groups);
      for (const teach::Lint& l : found) std::fprintf(stderr, "%s\n", l.format(f).c_str());
      if (werror && (!r.warnings.empty() || !found.empty())) {
        ++bad;
        continue;
      }
      if (!quiet) std::printf("%s: ok (%s)\n", f.c_str(), r.scenario->title.c_str());
      continue;
    }
    ++bad;
    for (const auto& d : r.errors) std::fprintf(stderr, "%s\n", d.format().c_str());
  }
  return bad ? kUsage : kOk;
}

}  // namespace trioscope::cli
