#include "cli/cli.hpp"

#include <cstdio>
#include <algorithm>
#include <exception>
#include <filesystem>

#include "scenario/loader.hpp"

namespace trioscope::cli {

bool is_command(const std::string& word) {
  return word == "run" || word == "validate" || word == "export-python" || word == "help" ||
         word == "--help" || word == "-h" || word == "--version";
}

bool looks_like_command(const std::string& word) {
  if (word.empty() || word[0] == '-' || word.find_first_of("/.") != std::string::npos) return false;
  std::error_code ec;
  return !std::filesystem::exists(word, ec);
}

int unknown_command(const std::string& word) {
  // The nearest command by edit distance, if it is near enough to be a typo.
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
        diag = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  std::size_t best_d = 3;
  for (const char* c : {"run", "validate", "export-python"}) {
    std::size_t d = distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  std::fprintf(stderr, "trioscope: '%s' is neither a command nor a file%s (commands: run, validate, export-python; see --help)\n",
               word.c_str(), best.empty() ? "" : ("; did you mean '" + best + "'?").c_str());
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
      "  trioscope validate FILE...            check scenario files, listing every error\n"
      "  trioscope export-python FILE          print the scenario as a runnable Trio program\n"
      "\n"
      "FILE may be - for standard input. `trioscope COMMAND --help` says more;\n"
      "--version prints the version.\n",
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
