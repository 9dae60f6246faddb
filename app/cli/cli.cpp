#include "cli/cli.hpp"

#include <cstdio>
#include <exception>

#include "scenario/loader.hpp"

namespace trioscope::cli {

bool is_command(const std::string& word) {
  return word == "run" || word == "validate" || word == "export-python" || word == "help" ||
         word == "--help" || word == "-h" || word == "--version";
}

void print_usage() {
  std::fputs(
      "trioscope: watch Trio's structured concurrency happen, step by step.\n"
      "\n"
      "usage:\n"
      "  trioscope [FILE]                      open the app on FILE (default: the first lesson)\n"
      "  trioscope --screenshot OUT.png --step N [--size WxH] [--theme light|dark] FILE\n"
      "  trioscope run [OPTIONS] FILE          run a scenario and print its output\n"
      "  trioscope validate FILE...            check scenario files, listing every error\n"
      "  trioscope export-python FILE          print the scenario as a runnable Trio program\n"
      "\n"
      "FILE may be - for standard input. `trioscope COMMAND --help` says more.\n",
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
    if (command == "run") return run_command(args, argv[0]);
    if (command == "validate") return validate_command(args);
    if (command == "export-python") return export_python_command(args);
    if (command == "--version") {
      std::puts("trioscope 0.1 (Trio 0.34 semantics)");
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
