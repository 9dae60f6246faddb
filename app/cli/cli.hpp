// The command line: `trioscope run | explore | validate | export | export-python | import ...`.
// Every FILE may be a JSON scenario or a Trio program (.py), and - reads either from standard
// input.
//
// Exit codes: 0 the command did its job (a scenario whose run ended by an exception has
// still run: that is its result), 1 an internal error, 2 bad usage or an invalid file,
// 3 a run that could not finish (deadlock, or its event budget ran out).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::cli {

inline constexpr int kOk = 0;
inline constexpr int kInternal = 1;
inline constexpr int kUsage = 2;
inline constexpr int kUnfinished = 3;

bool is_command(const std::string& word);
// A word with no path separator or extension that names no existing file.
bool looks_like_command(const std::string& word);
int unknown_command(const std::string& word);  // says so, suggests the nearest; returns kUsage
int main(int argc, char** argv);  // argv[1] is the command

int run_command(const std::vector<std::string>& args);
int explore_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int export_python_command(const std::vector<std::string>& args);
int export_command(const std::vector<std::string>& args);  // export_files_command.cpp
int import_command(const std::vector<std::string>& args);
int why_command(const std::vector<std::string>& args);  // why_command.cpp
int predict_command(const std::vector<std::string>& args);  // predict_command.cpp

// `trioscope run FILE` as the app shows a run when there is no display.
int print_run_as_text(const std::string& path);

void print_usage();

// Loads and validates a scenario; on failure prints every error to stderr and returns
// nothing (the caller exits with kUsage).
std::optional<scenario::Scenario> load_or_report(const std::string& path);

}  // namespace trioscope::cli
