// Edits of the scenario (the app's forms and drags) on real lessons: each edit is written
// out as the file's text, read back, and run by the engine; the run shows the change.
#include <gtest/gtest.h>

#include <optional>

#include <string>

#include "edit/scenario_edit.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"

namespace trioscope::edit {
namespace {

using scenario::Op;
using scenario::Scenario;
using scenario::SourceKind;

const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

Scenario lesson(const std::string& file) {
  auto r = scenario::load_scenario_file(kLessons + file);
  EXPECT_TRUE(r.ok()) << file;
  return std::move(*r.scenario);
}

// The edited scenario as a file of `kind`, read back: what the app shows after the edit.
Scenario written_and_read(const Edited& e, SourceKind kind = SourceKind::json) {
  EXPECT_TRUE(e.ok()) << e.error;
  const std::string text = file_text(*e.scenario, kind);
  auto r = scenario::load_scenario_text(text, kind == SourceKind::json ? "x.json" : "x.py");
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format()) << "\n" << text;
  return r.ok() ? std::move(*r.scenario) : Scenario{};
}

std::string transcript(const Scenario& s) { return trio::transcript(scenario::run_scenario(s).trace); }

std::int32_t task_labelled(const trio::Trace& t, const std::string& label) {
  for (const auto& task : t.tasks)
    if (task.label == label) return task.id;
  return -1;
}

// The first event of `kind` of `task`.
std::optional<trio::Event> first_of(const trio::Trace& t, std::int32_t task, trio::EventKind kind) {
  for (const trio::Event& e : t.events)
    if (e.task == task && e.kind == kind) return e;
  return std::nullopt;
}

TEST(ScenarioEdit, AStatementIsFoundByItsLine) {
  Scenario s = lesson("01_first_nursery.json");
  // Listing lines (export-python): 11 is child's sleep, 17 the nursery, 19 B's start_soon.
  auto sleep = statement_at_line(s, 11);
  ASSERT_TRUE(sleep);
  EXPECT_EQ(sleep->function, "child");
  EXPECT_EQ(find_statement(s, *sleep)->op, Op::sleep);
  auto b = statement_at_line(s, 19);
  ASSERT_TRUE(b);
  const auto* st = find_statement(s, *b);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(st->op, Op::start_soon);
  EXPECT_EQ(std::get<std::string>(st->args[0].literal), "B");
  ASSERT_EQ(enclosing(s, *b).size(), 1u);
  EXPECT_EQ(enclosing(s, *b)[0]->op, Op::open_nursery);
  EXPECT_FALSE(statement_at_line(s, 13)) << "a blank line";
}

// "What if child B slept 5 s?": B's sleep comes from the 1 it was started with, so the
// drag changes that argument, and only B wakes later.
TEST(ScenarioEdit, DraggingBsSleepChangesWhatBWasStartedWith) {
  Scenario s = lesson("01_first_nursery.json");
  const trio::RunResult before = scenario::run_scenario(s);
  const std::int32_t b = task_labelled(before.trace, "child('B', 1)");
  ASSERT_GE(b, 0);
  const std::optional<trio::Event> sleeping = first_of(before.trace, b, trio::EventKind::sleeping);
  ASSERT_TRUE(sleeping);
  auto sleep = statement_at_line(s, sleeping->loc.line);
  ASSERT_TRUE(sleep);
  const DurationSource src = duration_source(s, before.trace, b, *sleep);
  ASSERT_TRUE(src.site) << src.why_not;
  EXPECT_EQ(src.site->argument, 1);
  EXPECT_DOUBLE_EQ(src.site->seconds, 1);
  EXPECT_EQ(find_statement(s, src.site->statement)->op, Op::start_soon);

  const Scenario after = written_and_read(set_duration(s, *src.site, 5));
  const trio::RunResult run = scenario::run_scenario(after);
  const std::int32_t b5 = task_labelled(run.trace, "child('B', 5)");
  ASSERT_GE(b5, 0) << "the label follows the argument";
  std::optional<trio::Event> awake;
  for (const trio::Event& e : run.trace.events)
    if (e.task == b5 && e.kind == trio::EventKind::print) awake = e;
  ASSERT_TRUE(awake);
  EXPECT_DOUBLE_EQ(awake->time, 5.0) << "B wakes at t=5 now";
  EXPECT_NE(task_labelled(run.trace, "child('A', 3)"), -1) << "A is unchanged";
  EXPECT_DOUBLE_EQ(run.trace.events.back().time, 5.0) << "the nursery now waits 5 s";
}

TEST(ScenarioEdit, ASleepOfALoopVariableSaysWhyItCannotBeDragged) {
  auto r = scenario::load_scenario_text(R"({"version": 1, "main": "main", "functions": {
    "main": {"body": [{"repeat": 2, "as": "i", "body": [{"sleep": "$i"}]}]}}})",
                                        "loop.json");
  ASSERT_TRUE(r.ok());
  const Scenario& s = *r.scenario;
  const trio::RunResult run = scenario::run_scenario(s);
  const std::optional<trio::Event> sleeping = first_of(run.trace, 0, trio::EventKind::sleeping);
  ASSERT_TRUE(sleeping);
  const DurationSource src = duration_source(s, run.trace, 0, *statement_at_line(s, sleeping->loc.line));
  EXPECT_FALSE(src.site);
  EXPECT_NE(src.why_not.find("variable i"), std::string::npos) << src.why_not;
}

TEST(ScenarioEdit, NumbersShieldsAndExceptions) {
  Scenario s = lesson("10_shielded_cleanup.json");
  // Every statement with a number or a shield, found by walking the lines.
  std::optional<StatementPlace> scope, timeout;
  for (std::uint32_t line = 1; line < 200; ++line) {
    auto p = statement_at_line(s, line);
    if (!p) continue;
    const auto* st = find_statement(s, *p);
    if (st->op == Op::cancel_scope && st->shield && !scope) scope = p;
    if ((st->op == Op::move_on_after || st->op == Op::fail_after) && !timeout) timeout = p;
  }
  ASSERT_TRUE(scope);
  const Scenario unshielded = written_and_read(set_shield(s, *scope, false));
  EXPECT_FALSE(find_statement(unshielded, *scope)->shield);
  EXPECT_NE(transcript(unshielded), transcript(s)) << "without the shield the cleanup is cancelled";
  if (timeout) {
    const Scenario longer = written_and_read(set_number(s, *timeout, 100));
    EXPECT_EQ(std::get<std::int64_t>(find_statement(longer, *timeout)->value.literal), 100);
  }
  EXPECT_FALSE(set_number(s, *scope, 2).ok()) << "a CancelScope has no number";

  Scenario two = lesson("02_child_trips_loose_groups.json");
  std::optional<StatementPlace> raise;
  for (std::uint32_t line = 1; line < 200 && !raise; ++line)
    if (auto p = statement_at_line(two, line); p && find_statement(two, *p)->op == Op::raise) raise = p;
  ASSERT_TRUE(raise);
  const Scenario key_error = written_and_read(set_raise(two, *raise, "KeyError", std::string("no such key")));
  EXPECT_NE(transcript(key_error).find("KeyError"), std::string::npos);
  const Scenario custom = written_and_read(set_raise(two, *raise, "OutOfCoffee", std::nullopt));
  EXPECT_NE(std::find(custom.custom_exceptions.begin(), custom.custom_exceptions.end(), "OutOfCoffee"),
            custom.custom_exceptions.end())
      << "a new exception type is declared";
  EXPECT_NE(transcript(custom).find("OutOfCoffee()"), std::string::npos);
}

TEST(ScenarioEdit, AChildIsAddedToANurseryAndStatementsMove) {
  Scenario s = lesson("01_first_nursery.json");
  auto nursery = statement_at_line(s, 17);
  ASSERT_TRUE(nursery);
  const Scenario four = written_and_read(add_child(s, *nursery, "child", {std::string("D"), std::int64_t{4}}));
  const trio::RunResult run = scenario::run_scenario(four);
  EXPECT_NE(task_labelled(run.trace, "child('D', 4)"), -1);
  EXPECT_DOUBLE_EQ(run.trace.events.back().time, 4.0);
  EXPECT_FALSE(add_child(s, *nursery, "parent").ok()) << "main is not a child";
  EXPECT_FALSE(add_child(s, *statement_at_line(s, 11), "child").ok()) << "a sleep is no nursery";

  // B's start_soon moved up: B is spawned first.
  const Scenario moved = written_and_read(move_statement(s, *statement_at_line(s, 19), -1));
  const trio::RunResult m = scenario::run_scenario(moved);
  ASSERT_GE(m.trace.tasks.size(), 3u);
  EXPECT_EQ(m.trace.tasks[1].label, "child('B', 1)");
  EXPECT_FALSE(move_statement(s, *statement_at_line(s, 18), -1).ok()) << "A is first already";

  const Scenario fewer = written_and_read(delete_statement(s, *statement_at_line(s, 20)));
  EXPECT_EQ(task_labelled(scenario::run_scenario(fewer).trace, "child('C', 2)"), -1);
}

TEST(ScenarioEdit, EveryNewStatementReadsBackAndRuns) {
  const Scenario s = lesson("01_first_nursery.json");
  const auto after = statement_at_line(s, 16);  // print("Parent is starting a nursery.")
  ASSERT_TRUE(after);
  for (NewStatement k : {NewStatement::print, NewStatement::sleep, NewStatement::checkpoint, NewStatement::raise,
                         NewStatement::blocking_sleep, NewStatement::move_on_after, NewStatement::fail_after,
                         NewStatement::cancel_scope, NewStatement::try_except}) {
    SCOPED_TRACE(static_cast<int>(k));
    for (SourceKind kind : {SourceKind::json, SourceKind::python}) {
      const Scenario added = written_and_read(add_statement(s, *after, k), kind);
      EXPECT_EQ(find_statement(added, *after)->op, Op::print);
      const auto* next = find_statement(added, StatementPlace{"parent", {{0, after->levels[0].index + 1}}});
      ASSERT_NE(next, nullptr);
      EXPECT_NE(next->op, Op::open_nursery) << "the new statement comes right after";
      // It runs: the run has events the lesson's run does not (a checkpoint prints nothing).
      EXPECT_NE(scenario::run_scenario(added).trace.events.size(), scenario::run_scenario(s).trace.events.size());
    }
  }
}

TEST(ScenarioEdit, PrintsAndArgumentsAreCheckedBeforeTheyApply) {
  Scenario s = lesson("01_first_nursery.json");
  const auto print = statement_at_line(s, 16);
  const Scenario changed = written_and_read(set_print(s, *print, "Parent: {{ready}}"));
  EXPECT_NE(transcript(changed).find("Parent: {ready}"), std::string::npos);
  const Edited bad = set_print(s, *print, "oops }");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.error.find("single '}'"), std::string::npos) << bad.error;
  const Scenario named = written_and_read(set_task_name(s, *statement_at_line(s, 18), "slow one"));
  EXPECT_NE(task_labelled(scenario::run_scenario(named).trace, "slow one"), -1);
  EXPECT_FALSE(set_argument(s, *statement_at_line(s, 18), 5, std::int64_t{1}).ok());
  EXPECT_FALSE(set_number(s, *statement_at_line(s, 11), -1).ok()) << "no negative sleeps from a form";
}

}  // namespace
}  // namespace trioscope::edit
