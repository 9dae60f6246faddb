// Reading JSON into the flat document: it holds what nlohmann's own parser makes of the text
// (repeated keys and all), every value knows where it starts, and pointers find the same
// places a reader of the text would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

// GCC 12 warns (-Warray-bounds) inside nlohmann's JSON_DIAGNOSTICS code when json::parse is
// inlined here; a known false positive in the library header, not in this test.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#include <nlohmann/json.hpp>
#pragma GCC diagnostic pop

#include "scenario/json_positions.hpp"
#include "scenario/loader.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

namespace fs = std::filesystem;

const char* kTexts[] = {
    R"({"a": 1, "b": [true, false, null, -7, 18446744073709551615, 2.5, -0.0, 1e-3, "x"]})",
    R"({"a": 1, "b": 2, "a": 3})",                                // a repeated key keeps its last value
    R"({"a": {"x": 1}, "b": 2, "a": {"y": [1, 2]}, "c": {}})",
    R"({"k\u0061": "\u00e9\n\"q\"", "ka": 5, "a/b": {"c~d": []}})",  // escapes in keys and strings
    "\xEF\xBB\xBF [ {} , [ ] , \"\" ] ",                         // byte order mark, spaces
    R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"r":18,"b":19,"r":20})",
    "7",
};

TEST(JsonDoc, HoldsWhatNlohmannsParserMakesOfTheText) {
  for (const char* text : kTexts) {
    SCOPED_TRACE(text);
    ReadJson r = read_json(text);
    ASSERT_FALSE(r.fatal);
    auto reference = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(r.doc.root().dump(), reference.dump());
    EXPECT_EQ(r.doc.root().size(), reference.size());
  }
}

TEST(JsonDoc, RepeatedKeysAreProblemsAtTheSecondKey) {
  std::string text = R"({"a": 1, "b": {"c": 2, "c": 3}, "a": 4})";
  ReadJson r = read_json(text);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].pointer, "/b/c");
  EXPECT_EQ(r.problems[0].offset, text.find("\"c\": 3"));
  EXPECT_EQ(r.problems[1].pointer, "/a");
  EXPECT_EQ(r.problems[1].offset, text.rfind("\"a\""));
  EXPECT_FALSE(r.fatal);
}

TEST(JsonDoc, LocateFindsValuesAndKeysInTheText) {
  std::string text = R"({"a": [10, {"b/c": 2, "d~e": [3]}], "q": "x", "a": 5})";
  JsonDoc doc = read_json(text).doc;
  auto at = [&](const char* p) { return doc.locate(p); };
  ASSERT_TRUE(at(""));
  EXPECT_EQ(at("")->value, 0u);
  // "/a" is the last "a" (the value json::parse keeps); "/a/0" only exists in the first.
  EXPECT_EQ(at("/a")->value, text.find("5}"));
  EXPECT_EQ(at("/a")->key, text.rfind("\"a\""));
  EXPECT_EQ(at("/a/0")->value, text.find("10"));
  EXPECT_EQ(at("/a/0")->key, text.find("10"));  // array elements have no key
  EXPECT_EQ(at("/a/1/b~1c")->value, text.find("2,"));
  EXPECT_EQ(at("/a/1/b~1c")->key, text.find("\"b/c\""));
  EXPECT_EQ(at("/a/1/d~0e/0")->value, text.find("3]"));
  EXPECT_EQ(at("/q")->value, text.find("\"x\""));
  EXPECT_FALSE(at("/a/01"));  // not an RFC 6901 index
  EXPECT_FALSE(at("/a/2"));
  EXPECT_FALSE(at("/b"));
  EXPECT_FALSE(at("/q/0"));
  EXPECT_FALSE(at("a"));
}

TEST(JsonDoc, LocateDecodesEscapedKeys) {
  std::string text = R"({"m\u0061in": {"x": 1}})";
  JsonDoc doc = read_json(text).doc;
  ASSERT_TRUE(doc.locate("/main/x"));
  EXPECT_EQ(doc.locate("/main/x")->value, text.find("1}"));
  EXPECT_EQ(doc.locate("/main")->key, 1u);
}

// The end of the JSON value that starts at `at` (an object, array or string; enough here).
std::size_t value_end(const std::string& t, std::size_t at) {
  int depth = 0;
  for (std::size_t i = at; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      for (++i; t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
      if (depth == 0) return i + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return t.size();
}

void collect(const Block& b, std::vector<const FilePos*>& out) {
  for (const auto& st : b) {
    out.push_back(&st.pos);
    for (const auto& h : st.handlers) {
      out.push_back(&h.pos);
      collect(h.body, out);
    }
    collect(st.body, out);
    if (st.else_body) collect(*st.else_body, out);
    if (st.finally_body) collect(*st.finally_body, out);
  }
}

// Every function, statement and handler of every shipped scenario: its line:column is where
// the value its pointer names starts in the file.
TEST(JsonDoc, StatementPlacesPointAtTheirValuesInTheFile) {
  std::vector<fs::path> files;
  for (const char* dir : {TRIOSCOPE_SOURCE_DIR "/scenarios", TRIOSCOPE_SOURCE_DIR "/../shared/conformance/scenarios"})
    if (fs::is_directory(dir))
      for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json" && e.path().filename() != "schema.json") files.push_back(e.path());
  ASSERT_FALSE(files.empty());
  int checked = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::vector<std::size_t> line_starts = {0};
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts.push_back(i + 1);
    auto dom = nlohmann::ordered_json::parse(text);
    LoadResult r = load_scenario_text(text, f.string());
    ASSERT_TRUE(r.ok());
    std::vector<const FilePos*> places;
    for (const auto& fn : r.scenario->functions) {
      places.push_back(&fn.pos);
      collect(fn.body, places);
    }
    for (const FilePos* p : places) {
      ASSERT_GE(p->line, 1u);
      std::size_t at = line_starts[p->line - 1] + p->column - 1;
      std::string found = text.substr(at, value_end(text, at) - at);
      EXPECT_EQ(nlohmann::ordered_json::parse(found), dom.at(nlohmann::ordered_json::json_pointer(p->pointer)))
          << p->pointer << " at " << p->line << ":" << p->column;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

// A problem inside a repeated key's value is reported where the value that counts (the last)
// is, and a key that needs escaping in a pointer is still found.
TEST(JsonDoc, ProblemsInRepeatedAndEscapedKeysAreFound) {
  std::string text = "{\n  \"functions\": {\n    \"main\": { \"body\": [ { \"sleep\": 1 } ] },\n"
                     "    \"m\\u0061in\": { \"body\": [ { \"sleep\": -2 } ] },\n"
                     "    \"a/b\": { \"body\": [] }\n  },\n  \"main\": \"main\"\n}\n";
  std::vector<std::string> got = test::errors_of(text);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "t.json:4:5: error: duplicate key \"main\" (at /functions/main)");
  // `    "m\u0061in": { "body": [ { "sleep": -2` : the -2 is at column 41.
  EXPECT_EQ(got[1], "t.json:4:41: error: sleep duration must be non-negative, got -2 "
                    "(at /functions/main/body/0/sleep)");
  EXPECT_EQ(got[2], "t.json:5:5: error: \"a/b\" is not a valid function name; expected letters, digits and _, "
                    "not starting with a digit (at /functions/a~1b)");
}

}  // namespace
}  // namespace trioscope::scenario
