#include "cli/cli.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>

#include "scenario/loader.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::cli {

bool is_command(const std::string& word) {
  return word == "run" || word == "explore" || word == "validate" || word == "export" || word == "export-python" ||
         word == "import" || word == "help" ||
         word == "--help" || word == "-h" || word == "--version";
}

bool looks_like_command(const std::string& word) {
  if (word.empty() || word[0] == '-' || word.find_first_of("/.") != std::string::npos) return false;
  std::error_code ec;
  return !std::filesystem::exists(word, ec);
}

int unknown_command(const std::string& word) {
  std::string hint = scenario::did_you_mean(word, {"run", "explore", "validate", "export", "export-python", "import"});
  std::fprintf(stderr,
               "trioscope: '%s' is neither a command nor a file%s (commands: run, explore, validate, export, export-python, "
               "import; see --help)\n",
               word.c_str(), hint.c_str());
  return kUsage;
}

void print_usage() {
  std::fputs(
      "trioscope: watch Trio's structured concurrency happen, step by step.\n"
      "\n"
      "usage:\n"
      "  trioscope [FILE]                      open the app on FILE (default: the first lesson)\n"
      "  trioscope --screenshot OUT.png --step N|last|KIND[:N] [--size WxH]\n"
      "            [--theme light|dark] [--scale S] FILE\n"
      "                                        render one step of FILE to a PNG and exit\n"
      "  trioscope --bench-frames N FILE       frame CPU-time percentiles of the app\n"
      "  trioscope --bench-seek [FILE]         seek time on a 1,000,000-event trace\n"
      "  trioscope run [OPTIONS] FILE          run a scenario and print its output\n"
      "  trioscope explore [OPTIONS] FILE      every way the scenario can end, over all schedules\n"
      "  trioscope validate FILE...            check scenario files, listing every error\n"
      "  trioscope export --format F --out PATH [--step N | --steps A..B | --key-steps] FILE\n"
      "                                        slides, handouts, animations and traces:\n"
      "                                        svg, pdf, png, gif, mp4, webm, deck, trace, python\n"
      "  trioscope export-python FILE          print the scenario as a runnable Trio program\n"
      "  trioscope import [-o OUT.json] FILE   write a Trio program (FILE.py) as a JSON scenario\n"
      "\n"
      "FILE is a scenario in JSON or a Trio program (.py); - reads either from standard\n"
      "input. `trioscope COMMAND --help` says more; --version prints the version.\n",
      stdout);
}

std::optional<scenario::Scenario> load_or_report(const std::string& path) {
  auto loaded = scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) std::fprintf(stderr, "%s\n", d.format().c_str());
    return std::nullopt;
  }
  return std::move(loaded.scenario);
}

int main(int argc, char** argv) {
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "run") return run_command(args);
    if (command == "explore") return explore_command(args);
    if (command == "validate") return validate_command(args);
    if (command == "export") return export_command(args);
    if (command == "export-python") return export_python_command(args);
    if (command == "import") return import_command(args);
    if (command == "--version") {
      std::puts("trioscope " TRIOSCOPE_VERSION " (Trio 0.34 semantics)");
      return kOk;
    }
    print_usage();
    return kOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trioscope: internal error: %s\n", e.what());
    return kInternal;
  }
}

}  // namespace trioscope::cli
