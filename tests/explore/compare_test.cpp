// The compare model (explore/compare.hpp): two known runs, their output diff and the step
// where they part.
#include <gtest/gtest.h>

#include <filesystem>

#include "explore/compare.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"

namespace fs = std::filesystem;
using namespace trioscope;
using Side = explore::DiffLine::Side;

namespace {

scenario::Scenario lesson(const char* name) {
  auto r = scenario::load_scenario_file((fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios" / name).string());
  EXPECT_TRUE(r.ok());
  return *r.scenario;
}

trio::RunResult run(const scenario::Scenario& s, std::optional<std::string> schedule = {},
                    std::optional<bool> strict = {}) {
  scenario::RunOverrides o;
  o.schedule = schedule;
  o.strict_exception_groups = strict;
  auto r = scenario::run_scenario(s, o);
  EXPECT_EQ(r.schedule_problem, "");
  return r;
}

std::vector<std::string> side(const std::vector<explore::DiffLine>& d, Side keep_other) {
  std::vector<std::string> out;
  for (const auto& l : d)
    if (l.side != keep_other) out.push_back(l.text);
  return out;
}

// Lesson 16 under fifo (Alice first) and with its first two-task batch reversed (Bob first):
// main's two steps are the same; the third step is where they part.
TEST(Compare, TheRaceDivergesWhereTheFirstBatchIsReversed) {
  auto sc = lesson("16_race_same_instant.json");
  auto a = run(sc), b = run(sc, "1");
  auto c = explore::compare_runs(a.trace, b.trace);
  ASSERT_TRUE(c.divergence);
  EXPECT_EQ(c.divergence->step, 2u);
  EXPECT_EQ(c.divergence->task_a, "racer('Alice', <nursery>)");
  EXPECT_EQ(c.divergence->task_b, "racer('Bob', <nursery>)");
  EXPECT_EQ(c.divergence->time, 1.0);
  EXPECT_EQ(std::size_t(c.divergence->event_a), c.divergence->common_events);
  EXPECT_EQ(a.trace.events[c.divergence->event_a].kind, trio::EventKind::step_started);

  EXPECT_FALSE(c.same_output);
  // The diff gives back each run's output, and keeps the longest common part (4 lines).
  EXPECT_EQ(side(c.output, Side::only_b), explore::output_lines(a.trace));
  EXPECT_EQ(side(c.output, Side::only_a), explore::output_lines(b.trace));
  std::vector<std::string> both, only_a, only_b;
  for (const auto& l : c.output) (l.side == Side::both ? both : l.side == Side::only_a ? only_a : only_b).push_back(l.text);
  EXPECT_EQ(both.size(), 4u);
  EXPECT_EQ(both.front(), "The box office opens in 1 second...");
  EXPECT_EQ(both.back(), "trio.run returned");
  std::sort(only_a.begin(), only_a.end());
  std::sort(only_b.begin(), only_b.end());
  EXPECT_EQ(only_a, (std::vector<std::string>{"Alice got the last ticket!", "Alice reaches for the last ticket."}));
  EXPECT_EQ(only_b, (std::vector<std::string>{"Alice reaches for the last ticket.", "Bob got the last ticket!"}));
}

TEST(Compare, IdenticalRunsDoNotDiverge) {
  auto sc = lesson("10_shielded_cleanup.json");
  auto c = explore::compare_runs(run(sc).trace, run(sc, "0").trace);
  EXPECT_FALSE(c.divergence);
  EXPECT_TRUE(c.same_output);
  for (const auto& l : c.output) EXPECT_EQ(l.side, Side::both);
}

// Lesson 2 with strict_exception_groups on and off: the nursery is opened differently in
// the very first step, and only the end of the output differs.
TEST(Compare, StrictOnAndOffDifferFromTheFirstStep) {
  auto sc = lesson("02_child_trips_loose_groups.json");
  auto loose = run(sc, {}, false), strict = run(sc, {}, true);
  auto c = explore::compare_runs(loose.trace, strict.trace);
  ASSERT_TRUE(c.divergence);
  EXPECT_EQ(c.divergence->step, 0u);
  EXPECT_EQ(c.divergence->task_a, c.divergence->task_b);
  EXPECT_FALSE(c.same_output);
  EXPECT_EQ(c.output.front().side, Side::both);
  EXPECT_EQ(c.output.back().text, "trio.run raised ExceptionGroup[ValueError('Oops, I tripped!')]");
  EXPECT_EQ(c.output.back().side, Side::only_b);
}

TEST(Compare, ARunThatStopsEarlyPartsWhereItStopped) {
  auto sc = lesson("01_first_nursery.json");
  scenario::RunOverrides small;
  small.event_budget = 20;
  auto full = run(sc), cut = scenario::run_scenario(sc, small);
  auto c = explore::compare_runs(full.trace, cut.trace);
  ASSERT_TRUE(c.divergence);
  EXPECT_LT(c.divergence->common_events, full.trace.events.size());
  EXPECT_EQ(explore::output_lines(cut.trace).back().rfind("stopped: ", 0), 0u);
}

TEST(Compare, DiffOfLines) {
  using V = std::vector<std::string>;
  auto d = explore::diff_lines(V{"a", "b", "c", "d"}, V{"a", "c", "x", "d"});
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].side, Side::both);
  EXPECT_EQ(d[1].side, Side::only_a);
  EXPECT_EQ(d[1].text, "b");
  EXPECT_EQ(d[2].side, Side::both);
  EXPECT_EQ(d[2].line_a, 2);
  EXPECT_EQ(d[2].line_b, 1);
  EXPECT_EQ(d[3].side, Side::only_b);
  EXPECT_EQ(d[3].text, "x");
  EXPECT_EQ(d[4].side, Side::both);
  EXPECT_TRUE(explore::diff_lines(V{}, V{}).empty());
  EXPECT_EQ(explore::diff_lines(V{"a"}, V{}).front().side, Side::only_a);
}

}  // namespace
