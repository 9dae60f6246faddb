// Shared by the tests of reading Trio Python: files of the corpus, running Python, and the
// observable part of a run (what was printed, when, and how trio.run ended).
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/runner.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"

namespace trioscope::scenario::test {

namespace fs = std::filesystem;

inline const fs::path kPythonCorpus = fs::path(TRIOSCOPE_SOURCE_DIR) / "tests" / "scenario" / "python";
inline const fs::path kShared = fs::path(TRIOSCOPE_SOURCE_DIR) / ".." / "shared";
inline const std::string kTrio034 = TRIOSCOPE_SOURCE_DIR "/../trio034/src";

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<fs::path> files_in(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

struct Ran {
  int rc = -1;
  std::string out;
};

inline Ran shell(const std::string& cmd) {
  Ran r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  int status = pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A reference that is missing fails the test under CI=true and skips it elsewhere.
inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}
#define TRIOSCOPE_NEEDS(what)                                              \
  do {                                                                     \
    if (in_ci()) FAIL() << "CI=true, but " << (what) << " is missing";     \
    GTEST_SKIP() << (what) << " is missing";                               \
  } while (0)

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The transcript's print lines and its <run> line without the task: "TIME\tprint\tTEXT",
// "TIME\treturn\t", "TIME\terror\tEXCEPTION" (as tests/scenario/python/run_in_trio.py prints).
inline std::vector<std::string> observed(const std::string& transcript) {
  std::vector<std::string> out;
  for (const auto& line : lines_of(transcript)) {
    std::size_t a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
    if (c == std::string::npos) continue;
    std::string time = line.substr(0, a), task = line.substr(a + 1, b - a - 1), kind = line.substr(b + 1, c - b - 1);
    if (kind == "print") out.push_back(time + "\tprint\t" + line.substr(c + 1));
    else if (task == "<run>") out.push_back(time + "\t" + kind + "\t" + line.substr(c + 1));
  }
  return out;
}

// Lines of different tasks at the same instant may come in either order (the transcript
// format's rule); without the task column, lines at one instant are compared as a set.
inline std::vector<std::string> same_instant_sorted(std::vector<std::string> lines) {
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    std::string t = lines[i].substr(0, lines[i].find('\t'));
    while (j < lines.size() && lines[j].substr(0, lines[j].find('\t')) == t) ++j;
    std::sort(lines.begin() + std::ptrdiff_t(i), lines.begin() + std::ptrdiff_t(j));
    i = j;
  }
  return lines;
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += "\n  " + l;
  return s;
}

// trioscope's run of a scenario file, as observed().
inline std::vector<std::string> trioscope_run(const fs::path& file) {
  LoadResult r = load_scenario_file(file.string());
  for (const auto& d : r.errors) ADD_FAILURE() << d.format();
  if (!r.ok()) return {};
  return observed(trio::transcript(run_scenario(*r.scenario).trace));
}

inline Scenario load_ok_file(const fs::path& file) {
  LoadResult r = load_scenario_file(file.string());
  for (const auto& d : r.errors) ADD_FAILURE() << d.format();
  return r.ok() ? std::move(*r.scenario) : Scenario{};
}

}  // namespace trioscope::scenario::test
