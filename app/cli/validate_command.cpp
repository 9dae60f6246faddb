// `trioscope validate FILE...`: every error in every file (JSON or Python), none of them run.
#include <cstdio>

#include "cli/cli.hpp"
#include "scenario/loader.hpp"

namespace trioscope::cli {

int validate_command(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool quiet = false;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(
          "usage: trioscope validate [--quiet] FILE...\n"
          "\n"
          "Checks scenario files (JSON, or Trio programs: .py; - reads standard input) without\n"
          "running them and lists every error as FILE:LINE:COLUMN: error: MESSAGE, with the\n"
          "JSON pointer after it for JSON files: (at /json/pointer), and every warning\n"
          "(something Python runs, very likely not what was meant) as\n"
          "FILE:LINE:COLUMN: warning: MESSAGE.\n"
          "exit status: 0 all valid (warnings or not), 2 otherwise.\n",
          stdout);
      return kOk;
    }
    if (a == "--quiet" || a == "-q") {
      quiet = true;
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
      if (!quiet) std::printf("%s: ok (%s)\n", f.c_str(), r.scenario->title.c_str());
      continue;
    }
    ++bad;
    for (const auto& d : r.errors) std::fprintf(stderr, "%s\n", d.format().c_str());
  }
  return bad ? kUsage : kOk;
}

}  // namespace trioscope::cli
