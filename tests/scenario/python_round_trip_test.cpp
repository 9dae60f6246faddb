// export-python, then import: the same scenario. For every bundled lesson, every file of the
// shared conformance corpus and every semantics case, the program trioscope writes reads back
// into the same JSON (once both are written by to_json_text), and every statement, handler,
// else, finally and function keeps its line: the lines of the listing are the lines of the
// imported file, so the app lights the same line whichever form it was given.
//
// Also the canonical JSON writer itself: what it writes reads back as the same scenario, it
// is a fixed point, and it lays files out the way the bundled lessons are laid out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "python_support.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::scenario {
namespace {

using namespace test;
using nlohmann::json;

std::vector<fs::path> json_corpus() {
  std::vector<fs::path> out;
  for (const auto& f : files_in(fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios", ".json"))
    if (f.filename() != "schema.json") out.push_back(f);
  for (const auto& f : files_in(kShared / "conformance" / "scenarios", ".json")) out.push_back(f);
  for (const auto& f : files_in(fs::path(TRIOSCOPE_SOURCE_DIR) / "tests" / "golden" / "semantics", ".json"))
    out.push_back(f);
  return out;
}

// The one place where two texts say the same thing differently: a handler without "type"
// and one with "type": "BaseException" both catch BaseException (the format's rule), and
// both are written `except BaseException:`, which reads back as the first.
std::string normalised(const std::string& text) {
  json j = json::parse(text);
  std::function<void(json&)> walk = [&](json& v) {
    if (v.is_object()) {
      if (v.contains("type") && v["type"] == "BaseException" && v.contains("body")) v.erase("type");
      for (auto& [k, x] : v.items()) walk(x);
    } else if (v.is_array()) {
      for (auto& x : v) walk(x);
    }
  };
  walk(j);
  return j.dump(2);
}

// Every py_line of a scenario, in walking order, with what it belongs to.
std::vector<std::string> lines_of_scenario(const Scenario& s) {
  std::vector<std::string> out;
  for (const auto& f : s.functions) {
    out.push_back("def " + f.name + " " + std::to_string(f.py_line));
    for_each_statement(f.body, [&](const Statement& st) {
      out.push_back(st.pos.pointer + " " + std::to_string(st.py_line));
      for (const auto& h : st.handlers) out.push_back(h.pos.pointer + " " + std::to_string(h.py_line));
      if (st.else_body) out.push_back(st.pos.pointer + "/else " + std::to_string(st.else_py_line));
      if (st.finally_body) out.push_back(st.pos.pointer + "/finally " + std::to_string(st.finally_py_line));
    });
  }
  return out;
}

TEST(PythonRoundTrip, ExportThenImportGivesTheSameScenario) {
  auto corpus = json_corpus();
  if (!fs::is_directory(kShared / "conformance" / "scenarios")) TRIOSCOPE_NEEDS("../shared/conformance/scenarios");
  EXPECT_GE(corpus.size(), 16u + 8u);
  for (const auto& f : corpus) {
    SCOPED_TRACE(f.filename().string());
    Scenario original = load_ok_file(f);
    std::string program = to_python(original).text;  // what `trioscope export-python` prints
    LoadResult back = load_scenario_text(program, f.stem().string() + ".py");
    for (const auto& d : back.errors) ADD_FAILURE() << d.format() << "\n" << program;
    if (!back.ok()) continue;
    EXPECT_EQ(back.scenario->source, SourceKind::python);
    EXPECT_EQ(normalised(to_json_text(*back.scenario)), normalised(to_json_text(original))) << program;
    EXPECT_EQ(lines_of_scenario(*back.scenario), lines_of_scenario(original));
    EXPECT_EQ(back.scenario->custom_exceptions, original.custom_exceptions);
    // and the listing of the imported program is the program itself
    EXPECT_EQ(to_python(*back.scenario).text, program);
  }
}

// ---- the canonical JSON writer ---------------------------------------------------------------

// What a JSON file says once the format's defaults are spelled out as the writer spells them.
json with_defaults(json doc) {
  doc.erase("$schema");
  doc["version"] = 1;
  if (!doc.contains("title")) doc["title"] = "";
  if (!doc.contains("description")) doc["description"] = "";
  json settings = {{"strict_exception_groups", true}, {"scheduling", "fifo"}, {"seed", 0}};
  if (doc.contains("settings")) settings.update(doc["settings"]);
  doc["settings"] = settings;
  std::function<void(json&)> statement = [&](json& st) {
    if (st.contains("args") && st["args"].empty()) st.erase("args");
    if (st.contains("nursery") && st["nursery"] == "$nursery") st.erase("nursery");
    if (st.contains("shield") && st["shield"] == false) st.erase("shield");
    for (const char* block : {"body", "try", "else", "finally"})
      if (st.contains(block))
        for (auto& inner : st[block]) statement(inner);
    for (const char* handlers : {"except", "except*"})
      if (st.contains(handlers))
        for (auto& h : st[handlers]) statement(h);
  };
  for (auto& [name, f] : doc["functions"].items()) {
    if (f.contains("params") && f["params"].empty()) f.erase("params");
    for (auto& st : f["body"]) statement(st);
  }
  return doc;
}

TEST(JsonWriter, WritesWhatItRead) {
  for (const auto& f : json_corpus()) {
    SCOPED_TRACE(f.filename().string());
    std::string written = to_json_text(load_ok_file(f));
    EXPECT_EQ(json::parse(written), with_defaults(json::parse(read_text(f))));
    // ... and what it writes reads back into the same text: a fixed point
    LoadResult again = load_scenario_text(written, "again.json");
    ASSERT_TRUE(again.ok()) << written;
    EXPECT_EQ(to_json_text(*again.scenario), written);
  }
}

// These lessons are written in the canonical layout already: the writer gives them back byte
// for byte (without their "$schema", which trioscope does not need).
TEST(JsonWriter, LaysFilesOutLikeTheBundledLessons) {
  for (const char* name : {"01_first_nursery", "05_blocking_call_freezes_everyone", "11_nursery_start",
                           "12_two_failures_except_star"}) {
    SCOPED_TRACE(name);
    fs::path f = fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios" / (std::string(name) + ".json");
    std::string lesson;
    for (const auto& line : lines_of(read_text(f)))
      if (line.find("\"$schema\"") == std::string::npos) lesson += line + "\n";
    EXPECT_EQ(to_json_text(load_ok_file(f)), lesson);
  }
}

TEST(JsonWriter, WritesEveryFieldAndEscape) {
  const char* in = R"({"title": "Quotes \" and \\ and\nnewline", "description": "tab\there \u0001 é",
    "settings": {"strict_exception_groups": false, "scheduling": "random", "seed": 7},
    "functions": {
      "child": {"params": ["a", "b"], "body": [
        {"print": "{a!r:>5} {{x}} {b.cancelled_caught}"}, {"started": null}, {"sleep": 1e-05}, {"block": 3.0},
        {"raise": "Oops", "message": ""}, {"comment": "note"}]},
      "main": {"body": [
        {"open_nursery": "n", "strict_exception_groups": true, "body": [
          {"start_soon": "child", "args": [-9007199254740993, 2.5], "name": "c", "nursery": "$n"},
          {"start": "child", "args": [true, "s"], "as": "v", "nursery": "$n"}]},
        {"try": [], "except": [{"type": ["KeyError", "Oops"], "as": "e", "body": []}, {"body": [{"reraise": true}]}],
         "else": [{"checkpoint": true}], "finally": []},
        {"cancel_scope": "s", "shield": true, "body": [{"cancel": "$s"}, {"repeat": 2, "as": "i", "body": []}]},
        {"move_on_after": 0, "body": [{"sleep_forever": true}]}]}},
    "main": "main"})";
  LoadResult r = load_scenario_text(in, "t.json");
  for (const auto& d : r.errors) ADD_FAILURE() << d.format();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_json_text(*r.scenario), R"({
  "version": 1,
  "title": "Quotes \" and \\ and\nnewline",
  "description": "tab\there \u0001 é",
  "settings": { "strict_exception_groups": false, "scheduling": "random", "seed": 7 },
  "functions": {
    "child": {
      "params": ["a", "b"],
      "body": [
        { "print": "{a!r:>5} {{x}} {b.cancelled_caught}" },
        { "started": null },
        { "sleep": 1e-05 },
        { "block": 3.0 },
        { "raise": "Oops", "message": "" },
        { "comment": "note" }
      ]
    },
    "main": {
      "body": [
        { "open_nursery": "n", "strict_exception_groups": true, "body": [
          { "start_soon": "child", "args": [-9007199254740993, 2.5], "name": "c", "nursery": "$n" },
          { "start": "child", "args": [true, "s"], "nursery": "$n", "as": "v" }
        ]},
        { "try": [], "except": [
          { "type": ["KeyError", "Oops"], "as": "e", "body": [] },
          { "body": [
            { "reraise": true }
          ]}
        ], "else": [
          { "checkpoint": true }
        ], "finally": [] },
        { "cancel_scope": "s", "shield": true, "body": [
          { "cancel": "$s" },
          { "repeat": 2, "as": "i", "body": [] }
        ]},
        { "move_on_after": 0, "body": [
          { "sleep_forever": true }
        ]}
      ]
    }
  },
  "main": "main"
}
)");
}

}  // namespace
}  // namespace trioscope::scenario
