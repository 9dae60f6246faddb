// The corpus of Trio programs in tests/scenario/python:
//
//   ok/*.py        hand-written programs in the styles people write; each imports, and its
//                  run in trioscope prints what real Trio printed for it, at the same virtual
//                  times, ending the same way: Trio 0.34's output is committed in expected/
//                  (regenerate.sh), Debian's Trio 0.22 (/usr/bin/python3) is run live;
//   bad/*.py       programs trioscope refuses, each with NAME.expected: every error (and
//                  every warning, "LINE:COL: warning: ...") with its
//                  LINE:COL. For the syntax errors (`# syntax`), Python itself is asked too,
//                  and must put the error at the same place with the same words.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <utility>

#include "python_support.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/python_import.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::scenario {
namespace {

using namespace test;

std::vector<fs::path> good() { return files_in(kPythonCorpus / "ok", ".py"); }
std::vector<fs::path> bad() { return files_in(kPythonCorpus / "bad", ".py"); }

TEST(PythonCorpus, HasTheProgramsItPromises) {
  EXPECT_GE(good().size(), 20u);
  EXPECT_GE(bad().size(), 25u);
  for (const auto& f : good())
    EXPECT_TRUE(fs::exists(kPythonCorpus / "expected" / (f.stem().string() + ".txt")))
        << f.filename() << " has no expected/" << f.stem() << ".txt (tests/scenario/python/regenerate.sh writes it)";
  for (const auto& f : bad())
    EXPECT_TRUE(fs::exists(fs::path(f).replace_extension(".expected"))) << f.filename() << " has no .expected file";
}

// Python -> JSON -> listing -> Python -> JSON is a fixed point: what the app saves from a
// program, and what it shows of that file again, mean the same program.
TEST(PythonCorpus, HandWrittenProgramsImportAndSurviveTheRoundTrip) {
  for (const auto& f : good()) {
    SCOPED_TRACE(f.filename().string());
    Scenario sc = load_ok_file(f);
    EXPECT_EQ(sc.source, SourceKind::python);
    std::string json = to_json_text(sc);
    LoadResult again = load_scenario_text(json, "imported.json");
    for (const auto& d : again.errors) ADD_FAILURE() << d.format() << "\n" << json;
    if (!again.ok()) continue;
    std::string listing = to_python(*again.scenario).text;
    LoadResult back = load_scenario_text(listing, "listing.py");
    for (const auto& d : back.errors) ADD_FAILURE() << d.format() << "\n" << listing;
    if (back.ok()) {
      EXPECT_EQ(to_json_text(*back.scenario), json) << listing;
    }
  }
}

TEST(PythonCorpus, RunsPrintWhatTrio034Printed) {
  for (const auto& f : good()) {
    SCOPED_TRACE(f.filename().string());
    fs::path expected = kPythonCorpus / "expected" / (f.stem().string() + ".txt");
    std::vector<std::string> trio = same_instant_sorted(lines_of(read_text(expected)));
    ASSERT_FALSE(trio.empty()) << expected;
    std::vector<std::string> ours = same_instant_sorted(trioscope_run(f));
    EXPECT_EQ(ours, trio) << "trioscope printed:" << joined(ours) << "\nTrio 0.34 printed:" << joined(trio);
  }
}

// Every program of ok/ run in one Python (run_in_trio.py): program -> its lines.
std::map<std::string, std::vector<std::string>> run_in_trio(const std::string& env, const std::string& python) {
  std::string cmd = env + " timeout 300 " + python + " -W ignore " + quote((kPythonCorpus / "run_in_trio.py").string());
  for (const auto& f : good()) cmd += " " + quote(f.string());
  Ran ran = shell(cmd + " 2>&1");
  EXPECT_EQ(ran.rc, 0) << ran.out;
  std::map<std::string, std::vector<std::string>> out;
  std::string current;
  for (const auto& line : lines_of(ran.out)) {
    if (line.rfind("## ", 0) == 0) current = line.substr(3);
    else out[current].push_back(line);
  }
  return out;
}

// The committed transcripts are still what Trio 0.34 prints (where 0.34 is at hand).
TEST(PythonCorpus, CommittedTranscriptsAreStillWhatTrio034Prints) {
  const std::string env = "PYTHONPATH=" + quote(kTrio034);
  Ran version = shell(env + " python3 -W ignore -c 'import trio; print(trio.__version__)' 2>/dev/null");
  if (version.rc != 0 || version.out.rfind("0.34", 0) != 0) GTEST_SKIP() << "no Trio 0.34 at " << kTrio034;
  auto runs = run_in_trio(env, "python3");
  for (const auto& f : good()) {
    SCOPED_TRACE(f.filename().string());
    // Trio orders tasks woken at the same instant by where they are in memory.
    EXPECT_EQ(same_instant_sorted(runs[f.string()]),
              same_instant_sorted(lines_of(read_text(kPythonCorpus / "expected" / (f.stem().string() + ".txt")))))
        << "re-run tests/scenario/python/regenerate.sh";
  }
}

// Debian's Trio 0.22 is what CI has. The programs pass strict_exception_groups= wherever an
// error leaves a nursery, so they mean the same under 0.22 and 0.34.
TEST(PythonCorpus, RunsPrintWhatTrio022Prints) {
  const std::string python = "/usr/bin/python3";
  Ran version = shell(python + " -W ignore -c 'import trio; print(trio.__version__)' 2>/dev/null");
  if (version.rc != 0 || version.out.rfind("0.22", 0) != 0) TRIOSCOPE_NEEDS("Debian's python3-trio (Trio 0.22)");
  auto runs = run_in_trio("", python);
  for (const auto& f : good()) {
    SCOPED_TRACE(f.filename().string());
    std::vector<std::string> trio = same_instant_sorted(runs[f.string()]);
    ASSERT_FALSE(trio.empty());
    std::vector<std::string> ours = same_instant_sorted(trioscope_run(f));
    EXPECT_EQ(ours, trio) << "trioscope printed:" << joined(ours) << "\nTrio 0.22 printed:" << joined(trio);
  }
}

struct Expected {
  bool syntax = false;
  std::vector<std::string> errors;  // "LINE:COL: MESSAGE"
};

Expected expected_for(const fs::path& program) {
  Expected e;
  for (const auto& line : lines_of(read_text(fs::path(program).replace_extension(".expected")))) {
    if (line.rfind("# syntax", 0) == 0) e.syntax = true;
    if (line.empty() || line[0] == '#') continue;
    e.errors.push_back(line);
  }
  return e;
}

// `{supported}` in an expected message stands for the list of what a function may hold,
// which the messages about unsupported statements end with.
std::string spelled_out(std::string s) {
  const std::string list = python::kSupportedStatements;
  for (std::size_t at; (at = s.find("{supported}")) != std::string::npos;) s.replace(at, 11, list);
  return s;
}

// Errors as "LINE:COL: MESSAGE" and warnings as "LINE:COL: warning: MESSAGE", in file order.
std::vector<std::string> errors_of_file(const fs::path& f) {
  LoadResult r = load_scenario_file(f.string());
  EXPECT_FALSE(r.ok()) << f.filename() << " loaded";
  EXPECT_EQ(r.source, SourceKind::python);
  std::vector<Diagnostic> all = r.errors;
  all.insert(all.end(), r.warnings.begin(), r.warnings.end());
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
  });
  std::vector<std::string> out;
  for (const auto& d : all) {
    std::string s = d.format();
    EXPECT_EQ(s.rfind(f.string() + ":", 0), 0u) << s;
    s = s.substr(f.string().size() + 1);
    std::size_t err = s.find(": error: ");
    if (err != std::string::npos) s = s.substr(0, err) + ": " + s.substr(err + 9);
    out.push_back(s);
  }
  return out;
}

TEST(PythonCorpus, BadProgramsGetTheirExpectedErrors) {
  for (const auto& f : bad()) {
    SCOPED_TRACE(f.filename().string());
    Expected e = expected_for(f);
    ASSERT_FALSE(e.errors.empty());
    std::vector<std::string> want;
    for (const auto& l : e.errors) want.push_back(spelled_out(l));
    EXPECT_EQ(errors_of_file(f), want);
    if (e.syntax) {
      EXPECT_EQ(e.errors.size(), 1u) << "Python reports one syntax error";
    }
  }
}

// Python itself says where a syntax error is: ast.parse, in one python3 for every file.
TEST(PythonCorpus, PythonAgreesOnTheSyntaxErrors) {
  Ran probe = shell("python3 -c 'import ast' 2>/dev/null");
  if (probe.rc != 0) TRIOSCOPE_NEEDS("python3");
  const std::string script =
      "import ast, sys\n"
      "for path in sys.argv[1:]:\n"
      "    try:\n"
      "        ast.parse(open(path, 'rb').read())\n"
      "        print('no error')\n"
      "    except SyntaxError as e:\n"
      "        print(f'{e.lineno}:{e.offset}: {type(e).__name__}: {e.msg}')\n";
  const std::vector<fs::path> programs = bad();
  std::string cmd = "python3 -c " + quote(script);
  for (const auto& f : programs) cmd += " " + quote(f.string());
  std::vector<std::string> verdicts = lines_of(shell(cmd).out);
  ASSERT_EQ(verdicts.size(), programs.size());
  int syntax = 0;
  for (std::size_t i = 0; i < programs.size(); ++i) {
    const fs::path& f = programs[i];
    Expected e = expected_for(f);
    SCOPED_TRACE(f.filename().string());
    const std::string& python = verdicts[i];
    if (!e.syntax) {
      EXPECT_EQ(python, "no error") << "a program trioscope refuses for what it says must be valid Python";
      continue;
    }
    ++syntax;
    EXPECT_EQ(python, e.errors.at(0)) << "Python and the .expected file disagree";
    EXPECT_EQ(errors_of_file(f), std::vector<std::string>{python}) << "Python and trioscope disagree";
  }
  EXPECT_GE(syntax, 12);
}

}  // namespace
}  // namespace trioscope::scenario
