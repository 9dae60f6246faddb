// Hostile files at load time: an empty name is an error, never a crash; a file with thousands
// of mistakes lists the first few hundred in file order and says how many more there were;
// suggestions stay the closest name, however many names there are.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/loader.hpp"
#include "scenario/problems.hpp"
#include "scenario/python_import.hpp"
#include "scenario/python_names.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

using test::errors_of;
using test::main_with;
using Errors = std::vector<std::string>;

TEST(LoaderCaps, AnEmptyMainIsAnError) {
  EXPECT_EQ(errors_of(R"({"functions":{},"main":""})"),
            Errors{"t.json:1:24: error: expected the name of the function trio.run starts, got \"\"; the scenario "
                   "has no functions (at /main)"});
  EXPECT_EQ(errors_of(R"({"functions":{"a":{"body":[]},"b":{"body":[]}},"main":""})"),
            Errors{"t.json:1:55: error: expected the name of the function trio.run starts, got \"\"; expected one "
                   "of a, b (at /main)"});
}

TEST(LoaderCaps, AnEmptyFunctionNameIsAnError) {
  EXPECT_EQ(errors_of(main_with({R"({ "call": "" })"})),
            Errors{"t.json:5:19: error: expected a function name (a string such as \"child\"), got \"\" "
                   "(at /functions/main/body/0/call)"});
  EXPECT_EQ(errors_of(main_with({R"({ "open_nursery": "nursery", "body": [ { "start_soon": "" }, )"
                                 R"({ "start": "" } ] })"})),
            (Errors{"t.json:5:64: error: expected a function name (a string such as \"child\"), got \"\" "
                    "(at /functions/main/body/0/body/0/start_soon)",
                    "t.json:5:81: error: expected a function name (a string such as \"child\"), got \"\" "
                    "(at /functions/main/body/0/body/1/start)"}));
}

// `n` statements, each calling a function nobody defined.
std::vector<std::string> unknown_calls(int n) {
  std::vector<std::string> body;
  for (int i = 0; i < n; ++i) body.push_back(R"({ "call": "ghost)" + std::to_string(i) + R"(" })");
  return body;
}

TEST(LoaderCaps, ThousandsOfErrorsAreCappedAndCounted) {
  LoadResult r = load_scenario_text(main_with(unknown_calls(10000)), "t.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), kMaxReported + 1);
  // File order: the first kept is the first statement, the last kept is statement 299.
  EXPECT_EQ(r.errors[0].pos.line, 5u);
  EXPECT_NE(r.errors[0].message.find("unknown function \"ghost0\""), std::string::npos);
  EXPECT_EQ(r.errors[kMaxReported - 1].pos.line, 5u + kMaxReported - 1);
  EXPECT_EQ(r.errors.back().format(), "t.json: error: ... and 9,700 more errors (the first 300 are listed)");
}

TEST(LoaderCaps, ExactlyTheCapIsNotCounted) {
  LoadResult r = load_scenario_text(main_with(unknown_calls(int(kMaxReported))), "t.json");
  ASSERT_EQ(r.errors.size(), kMaxReported);
  EXPECT_NE(r.errors.back().message.find("ghost299"), std::string::npos);
  r = load_scenario_text(main_with(unknown_calls(int(kMaxReported) + 1)), "t.json");
  ASSERT_EQ(r.errors.size(), kMaxReported + 1);
  EXPECT_EQ(r.errors.back().message, "... and 1 more error (the first 300 are listed)");
}

TEST(LoaderCaps, PastTheKeptProblemsTheyAreStillCounted) {
  // More than kMaxKept problems: those past it are counted without a message or a place.
  std::vector<std::string> body;
  const int n = int(kMaxKept) + 500;
  for (int i = 0; i < n; ++i) body.push_back(R"({ "sleep": "$v)" + std::to_string(i) + R"(" })");
  LoadResult r = load_scenario_text(main_with(body), "t.json");
  ASSERT_EQ(r.errors.size(), kMaxReported + 1);
  EXPECT_EQ(r.errors.back().message, "... and 2,200 more errors (the first 300 are listed)");
}

TEST(LoaderCaps, DuplicateKeysAreCappedToo) {
  std::string text = "{\"functions\": {\"main\": {\"body\": []}}, \"main\": \"main\"";
  for (int i = 0; i < 5000; ++i) text += ", \"main\": \"main\"";
  text += "}";
  LoadResult r = load_scenario_text(text, "t.json");
  ASSERT_EQ(r.errors.size(), kMaxReported + 1);
  EXPECT_EQ(r.errors[0].message, "duplicate key \"main\"");
  EXPECT_EQ(r.errors.back().message, "... and 4,700 more errors (the first 300 are listed)");
}

TEST(LoaderCaps, PythonSourcesAreCappedAlike) {
  std::string py = "import trio\n\n\nasync def main():\n";
  for (int i = 0; i < 3000; ++i) py += "    await trio.sleep(v" + std::to_string(i) + ")\n";
  py += "\n\ntrio.run(main)\n";
  LoadResult r = load_python_text(py, "t.py");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), kMaxReported + 1);
  EXPECT_EQ(r.errors[0].pos.line, 5u);
  EXPECT_NE(r.errors[0].message.find("\"v0\""), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors.back().message, "... and 2,700 more errors (the first 300 are listed)");
}

TEST(LoaderCaps, ExpectedNamesAreListedUpToTwelve) {
  std::string more;
  for (int i = 0; i < 20; ++i) more += ",\n    \"f" + std::to_string(i) + "\": { \"body\": [] }";
  Errors got = errors_of(main_with({R"({ "call": "f1x" })"}, more));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "t.json:5:19: error: unknown function \"f1x\"; expected one of main, f0, f1, f2, f3, f4, f5, "
                    "f6, f7, f8, f9, f10, ... (21 in all); did you mean \"f1\"? (at /functions/main/body/0/call)");
}

TEST(NameSuggester, AgreesWithTheClosestNameSearch) {
  const std::vector<std::string> names{"scope", "nursery", "child_task", "sleep_time", "n", "nurse", "cancel_scope"};
  NameSuggester s(names);
  for (std::string q : {"scpe", "nursry", "child_tsk", "sleep_tim", "m", "nurses", "cancel_scop", "zzzzzz", ""})
    EXPECT_EQ(s.closest(q), closest_name(q, names)) << q;
  EXPECT_EQ(s.closest("nursry"), "nursery");
  // Among names equally close, the first listed wins, as in closest_name.
  EXPECT_EQ(NameSuggester({"ab", "ac"}).closest("aa"), "ab");
}

TEST(NameSuggester, LongNamesAreNeitherLookedUpNorSuggested) {
  const std::string long_name(kMaxSuggestedName + 1, 'a');
  EXPECT_EQ(closest_name(long_name, {long_name + "b"}), "");
  EXPECT_EQ(NameSuggester({long_name + "b"}).closest(long_name), "");
  EXPECT_EQ(NameSuggester({long_name}).closest("aaaa"), "");
}

TEST(NameSuggester, ManyCandidatesStillFindACloseOne) {
  std::vector<std::string> names;
  for (int i = 0; i < 100000; ++i) names.push_back("function_" + std::to_string(i));
  NameSuggester s(names);
  EXPECT_EQ(s.closest("functoin_7"), "function_7");
  EXPECT_EQ(s.did_you_mean("functoin_7"), "; did you mean \"function_7\"?");
}

TEST(JoinSome, ListsTheFirstAndCountsAll) {
  EXPECT_EQ(join_some({"a", "b"}), "a, b");
  std::vector<std::string> many;
  for (int i = 0; i < 12345; ++i) many.push_back("x");
  EXPECT_EQ(join_some(many, 2), "x, x, ... (12,345 in all)");
}

}  // namespace
}  // namespace trioscope::scenario
