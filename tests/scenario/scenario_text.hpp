// Small scenario texts for loader tests, laid out so that line numbers are easy to predict:
//
//   line 1  {
//   line 2    "functions": {
//   line 3      "main": {
//   line 4        "body": [
//   line 5+         <statements, one per line, indented by 8 spaces>
//                 ]
//               }<other functions>
//             },
//             "main": "main"
//           }
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario/loader.hpp"

namespace trioscope::scenario::test {

inline std::string main_with(const std::vector<std::string>& statements, const std::string& more_functions = "") {
  std::string s = "{\n  \"functions\": {\n    \"main\": {\n      \"body\": [\n";
  for (std::size_t i = 0; i < statements.size(); ++i)
    s += "        " + statements[i] + (i + 1 < statements.size() ? ",\n" : "\n");
  s += "      ]\n    }" + more_functions + "\n  },\n  \"main\": \"main\"\n}\n";
  return s;
}

// The errors of a text that must not load, formatted.
inline std::vector<std::string> errors_of(const std::string& text) {
  LoadResult r = load_scenario_text(text, "t.json");
  EXPECT_FALSE(r.ok()) << text;
  std::vector<std::string> out;
  for (const auto& d : r.errors) out.push_back(d.format());
  return out;
}

// The warnings of a text that loads all the same, formatted.
inline std::vector<std::string> warnings_of(const std::string& text) {
  LoadResult r = load_scenario_text(text, "t.json");
  for (const auto& d : r.errors) ADD_FAILURE() << d.format() << "\n" << text;
  std::vector<std::string> out;
  for (const auto& d : r.warnings) out.push_back(d.format());
  return out;
}

inline Scenario load_ok(const std::string& text) {
  LoadResult r = load_scenario_text(text, "t.json");
  for (const auto& d : r.errors) ADD_FAILURE() << d.format() << "\n" << text;
  return r.ok() ? std::move(*r.scenario) : Scenario{};
}

}  // namespace trioscope::scenario::test
