// The document: loading, keeping the current scenario on bad input, rerunning when a
// setting changes. Runs the real engine on the bundled lessons; needs no display.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "document/document.hpp"

namespace trioscope::document {
namespace {

const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

TEST(Document, LoadsALessonAndRecordsItsRun) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "02_child_trips_loose_groups.json")) << doc.problems().lines().front();
  EXPECT_TRUE(doc.loaded());
  EXPECT_FALSE(doc.title().empty());
  EXPECT_NE(doc.listing().find("async def problematic_child():"), std::string::npos);
  ASSERT_NE(doc.trace(), nullptr);
  EXPECT_GT(doc.trace()->events.size(), 10u);
  EXPECT_EQ(doc.playback()->last_step(), static_cast<int>(doc.trace()->events.size()) - 1);
  EXPECT_FALSE(doc.strict());
  EXPECT_FALSE(doc.random());
  // The listing and the trace agree: events carry lines of this listing.
  bool has_line = false;
  for (const auto& e : doc.trace()->events) has_line |= e.loc.line > 0;
  EXPECT_TRUE(has_line);
}

TEST(Document, ABadFileLeavesTheCurrentScenarioInPlace) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "01_first_nursery.json"));
  const std::string title = doc.title();
  const auto generation = doc.generation();
  const auto events = doc.trace()->events.size();

  EXPECT_FALSE(doc.open_text("{\n  \"version\": 1,\n  \"functions\": {,\n}", "broken.json"));
  ASSERT_FALSE(doc.problems().empty());
  // FILE:LINE:COL: error: ...
  EXPECT_EQ(doc.problems().lines().front().rfind("broken.json:3:", 0), 0u) << doc.problems().lines().front();
  EXPECT_NE(doc.problems().lines().front().find("error:"), std::string::npos);
  EXPECT_EQ(doc.problems().file, "broken.json");
  EXPECT_EQ(doc.title(), title);
  EXPECT_EQ(doc.generation(), generation);
  EXPECT_EQ(doc.trace()->events.size(), events);

  EXPECT_FALSE(doc.open_file(kLessons + "no_such_lesson.json"));
  EXPECT_NE(doc.problems().lines().front().find("no_such_lesson.json"), std::string::npos);
  EXPECT_EQ(doc.title(), title);

  // A file that is valid JSON but not a scenario names the place and what was expected.
  EXPECT_FALSE(doc.open_text(R"({"version": 1, "functions": {"main": {"body": [{"sleep": "$nope"}]}}, "main": "main"})",
                             "unknown_variable.json"));
  EXPECT_EQ(doc.problems().lines().front().rfind("unknown_variable.json:1:", 0), 0u) << doc.problems().lines().front();
  EXPECT_EQ(doc.title(), title);
}

// transcript-format.md: with strict_exception_groups the article's resilient parent no
// longer catches the error; the same file ends differently.
TEST(Document, ChangingASettingRerunsAtOnce) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "02_child_trips_loose_groups.json"));
  EXPECT_EQ(doc.run()->end, trio::RunEnd::returned);
  const auto generation = doc.generation();
  RunChoice c = doc.choice();
  c.strict_exception_groups = true;
  doc.set_choice(c);
  EXPECT_GT(doc.generation(), generation);
  EXPECT_TRUE(doc.strict());
  ASSERT_EQ(doc.run()->end, trio::RunEnd::raised);
  ASSERT_TRUE(doc.run()->error);
  EXPECT_EQ(doc.run()->error->type, "ExceptionGroup");

  c.random = true;
  c.seed = 7;
  doc.set_choice(c);
  EXPECT_TRUE(doc.random());
  EXPECT_EQ(doc.seed(), 7u);
  // Reading the same file again keeps the choices; another lesson starts from its own.
  ASSERT_TRUE(doc.reload());
  EXPECT_TRUE(doc.strict());
  ASSERT_TRUE(doc.open_file(kLessons + "01_first_nursery.json"));
  EXPECT_FALSE(doc.random());
}

// A lesson written in Trio Python is shown as the teacher wrote it (their spacing, quotes
// and comments), and each step lights the line of that text the step happened at.
TEST(Document, APythonLessonIsShownAsWritten) {
  const std::string text =
      "import trio\n"
      "\n"
      "# the child sleeps, then speaks\n"
      "async def child(name):\n"
      "    await trio.sleep(1)\n"
      "    print(f'{name} woke up')\n"
      "\n"
      "async def main():\n"
      "    async with trio.open_nursery() as nursery:\n"
      "        nursery.start_soon(child, 'A')\n"
      "\n"
      "trio.run(main)\n";
  Document doc;
  ASSERT_TRUE(doc.open_text(text, "hand_written.py")) << doc.problems().lines().front();
  EXPECT_EQ(doc.listing(), text);
  bool print_line = false, sleep_line = false;
  for (const auto& e : doc.trace()->events) {
    if (e.kind == trio::EventKind::print) print_line |= e.loc.line == 6;
    if (e.kind == trio::EventKind::sleeping) sleep_line |= e.loc.line == 5;
  }
  EXPECT_TRUE(print_line) << "the print happened at line 6 of the text";
  EXPECT_TRUE(sleep_line) << "the sleep started at line 5 of the text";
  // A JSON lesson is shown as its Python listing instead.
  ASSERT_TRUE(doc.open_file(kLessons + "01_first_nursery.json"));
  EXPECT_NE(doc.listing().find("\nimport trio\n"), std::string::npos);
  EXPECT_NE(doc.listing().find("async def parent():"), std::string::npos);
}

TEST(Document, EveryLessonLoadsRunsAndLaysOut) {
  namespace fs = std::filesystem;
  int lessons = 0;
  for (const auto& entry : fs::directory_iterator(kLessons)) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Document doc;
    ASSERT_TRUE(doc.open_file(entry.path().string())) << doc.problems().lines().front();
    ++lessons;
    const auto& tl = doc.timeline();
    EXPECT_EQ(tl.lanes.size(), doc.trace()->tasks.size());
    EXPECT_EQ(tl.axis.event_x.size(), doc.trace()->events.size());
    EXPECT_FALSE(doc.listing().empty());
  }
  EXPECT_GE(lessons, 8);
}

}  // namespace
}  // namespace trioscope::document

namespace trioscope::document {
namespace {

// A schedule in the settings replays that run (the Outcomes window's click): in the race,
// the fifo run lets Alice win, and the schedule that reverses the racers' batch lets Bob win
// (both winners are what real Trio shows over its random schedules: tests/explore).
TEST(Document, AScheduleInTheSettingsReplaysThatRun) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "16_race_same_instant.json"));
  auto printed = [&](const std::string& line) { return trio::transcript(*doc.trace()).find(line) != std::string::npos; };
  EXPECT_TRUE(printed("Alice got the last ticket!"));
  const std::uint64_t before = doc.generation();
  RunChoice c = doc.choice();
  c.schedule = "1";
  doc.set_choice(c);
  EXPECT_GT(doc.generation(), before);
  ASSERT_TRUE(doc.run()->schedule_problem.empty()) << doc.run()->schedule_problem;
  EXPECT_TRUE(printed("Bob got the last ticket!"));
  EXPECT_FALSE(printed("Alice got the last ticket!"));
  EXPECT_EQ(run_overrides(doc.choice()).schedule, std::optional<std::string>("1"));
  // Every setting reaches the engine's overrides.
  c = {};
  c.strict_exception_groups = false;
  c.random = true;
  c.seed = 7;
  c.event_budget = 1000;
  const scenario::RunOverrides o = run_overrides(c);
  EXPECT_EQ(o.strict_exception_groups, std::optional<bool>(false));
  EXPECT_EQ(o.scheduling, std::optional<std::string>("random"));
  EXPECT_EQ(o.seed, std::optional<std::uint64_t>(7));
  EXPECT_EQ(o.event_budget, std::optional<std::uint64_t>(1000));
  EXPECT_FALSE(o.schedule.has_value());
}

}  // namespace
}  // namespace trioscope::document
