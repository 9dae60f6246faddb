// `trioscope export-python FILE`: the scenario as a Trio program a student can run.
#include <cstdio>

#include "cli/cli.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::cli {

int export_python_command(const std::vector<std::string>& args) {
  std::string path;
  scenario::PythonOptions options;
  options.questions = true;  // a lesson's own questions, as comments import reads back
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(
          "usage: trioscope export-python [--virtual-time] FILE\n"
          "\n"
          "Prints the scenario in FILE (JSON or a Trio program; - for standard input) as a\n"
          "runnable Trio program (python3 out.py), written the way trioscope writes them.\n"
          "  --virtual-time  run it under trio.testing.MockClock, so it takes no real time\n"
          "                  (time.sleep then becomes a jump of the virtual clock)\n",
          stdout);
      return kOk;
    }
    if (a == "--virtual-time") {
      options.virtual_time = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope export-python: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fputs("trioscope export-python: one FILE at a time\n", stderr);
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope export-python: which scenario? (usage: trioscope export-python FILE)\n", stderr);
    return kUsage;
  }
  auto loaded = load_or_report(path);
  if (!loaded) return kUsage;
  std::fputs(scenario::to_python(*loaded, options).text.c_str(), stdout);
  return kOk;
}

}  // namespace trioscope::cli
