// The key steps of the bundled lessons: the moments each lesson is about, in the order the
// lesson tells them, as the engine's runs (checked against real Trio by the golden tests)
// have them. And the jumps from one to the next, and the thinning of a thousand-task
// moment to its first and last.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "view/key_steps.hpp"
#include "view/snapshot.hpp"

namespace trioscope::view {
namespace {

using K = KeyMoment;
using trio::EventKind;

trio::RunResult run_file(const std::string& path) {
  auto loaded = scenario::load_scenario_file(path);
  EXPECT_TRUE(loaded.ok()) << path;
  return scenario::run_scenario(*loaded.scenario);
}

trio::RunResult run_lesson(const std::string& name) {
  return run_file(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/" + name);
}

std::vector<K> moments(const std::vector<KeyStep>& keys) {
  std::vector<K> out;
  for (const KeyStep& k : keys) out.push_back(k.moment);
  return out;
}

// Lesson 02 (old Trio, loose groups): the parent starts two children; the well-behaved one
// prints and sleeps; the other raises, which cancels the nursery; the sleeper gets
// Cancelled; the nursery's errors form a group; the ValueError leaves the `async with`; the
// parent's `except ValueError` catches it; the run ends.
TEST(KeySteps, LessonTwoTellsItsStory) {
  const trio::RunResult r = run_lesson("02_child_trips_loose_groups.json");
  const std::vector<KeyStep> keys = key_steps(r.trace);
  EXPECT_EQ(moments(keys), (std::vector<K>{K::children_spawned, K::first_print, K::raised, K::cancellation,
                                           K::cancel_delivered, K::group_formed, K::nursery_reraise,
                                           K::handler_entered, K::run_end}));
  const auto& ev = r.trace.events;
  ASSERT_EQ(keys.size(), 9u);
  // The children are spawned when the second start_soon has run: the parent goes on to
  // wait at the end of its nursery.
  EXPECT_EQ(ev[keys[0].step].kind, EventKind::task_spawned);
  EXPECT_EQ(r.trace.tasks[ev[keys[0].step].task].label, "problematic_child()");
  EXPECT_EQ(ev[keys[2].step].time, 1.0) << "the raise at t = 1";
  EXPECT_EQ(r.trace.tasks[ev[keys[4].step].task].label, "child('Well-behaved', 3)");
  EXPECT_EQ(keys.back().step, static_cast<std::int32_t>(ev.size()) - 1);
}

// Lesson 03 (strict groups): the same story until the group leaves the `async with`, but
// `except ValueError` does not catch an ExceptionGroup: no handler, and the run ends with it.
TEST(KeySteps, StrictGroupsHaveNoHandler) {
  const trio::RunResult r = run_lesson("03_child_trips_strict_groups.json");
  EXPECT_EQ(moments(key_steps(r.trace)),
            (std::vector<K>{K::children_spawned, K::first_print, K::raised, K::cancellation, K::cancel_delivered,
                            K::group_formed, K::nursery_reraise, K::run_end}));
}

// Lesson 12: two children fail; the group is split by two except* clauses, each a handler.
TEST(KeySteps, TwoFailuresTwoHandlers) {
  const trio::RunResult r = run_lesson("12_two_failures_except_star.json");
  const std::vector<K> m = moments(key_steps(r.trace));
  EXPECT_EQ(std::count(m.begin(), m.end(), K::raised), 2);
  EXPECT_EQ(std::count(m.begin(), m.end(), K::handler_entered), 2);
  EXPECT_EQ(std::count(m.begin(), m.end(), K::group_formed), 1);
}

// Lesson 01 has no error at all: the parent's first print, its children, the end.
TEST(KeySteps, AQuietLessonIsItsChildrenAndItsEnd) {
  const trio::RunResult r = run_lesson("01_first_nursery.json");
  const std::vector<K> m = moments(key_steps(r.trace));
  EXPECT_EQ(m, (std::vector<K>{K::first_print, K::children_spawned, K::run_end}));
  EXPECT_EQ(m.back(), K::run_end);
  for (K k : m) {
    EXPECT_TRUE(k == K::children_spawned || k == K::first_print || k == K::run_end) << key_moment_name(k);
  }
}

// Every bundled lesson: in step order, each moment at an event of its kind, every such
// event of a lesson a key step (none is thinned: no lesson has more than three at once),
// the end last.
TEST(KeySteps, EveryLessonKeepsTheRules) {
  int lessons = 0;
  for (const auto& f : std::filesystem::directory_iterator(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios")) {
    if (f.path().extension() != ".json" || f.path().filename() == "schema.json") continue;
    ++lessons;
    const trio::RunResult r = run_file(f.path().string());
    const trio::Trace& t = r.trace;
    const std::vector<KeyStep> keys = key_steps(t);
    const std::string name = f.path().filename().string();
    ASSERT_FALSE(keys.empty()) << name;
    for (std::size_t i = 1; i < keys.size(); ++i) {
      EXPECT_LT(keys[i - 1].step, keys[i].step) << name;
    }
    EXPECT_EQ(keys.back().moment, K::run_end) << name;
    EXPECT_EQ(keys.back().step, static_cast<std::int32_t>(t.events.size()) - 1) << name;
    std::size_t expected = 1;  // the end
    bool printed = false, has_children = false;
    for (std::size_t i = 0; i + 1 < t.events.size(); ++i) {
      const trio::Event& e = t.events[i];
      const bool key = (e.kind == EventKind::raised && !is_cancelled_exc(t, e.exc)) ||
                       e.kind == EventKind::scope_cancelled || e.kind == EventKind::cancel_delivered ||
                       e.kind == EventKind::group_formed || e.kind == EventKind::nursery_reraise ||
                       e.kind == EventKind::handler_entered || (e.kind == EventKind::print && !printed);
      printed |= e.kind == EventKind::print;
      has_children |= e.kind == EventKind::task_spawned && e.nursery >= 0;
      expected += key;
    }
    std::size_t spawns = 0;
    for (const KeyStep& k : keys) {
      const trio::Event& e = t.events[k.step];
      switch (k.moment) {
        case K::children_spawned: {
          ++spawns;
          EXPECT_EQ(e.kind, EventKind::task_spawned) << name;
          EXPECT_GE(e.nursery, 0) << name << ": not the main task's own start";
          std::size_t j = static_cast<std::size_t>(k.step) + 1;
          while (j < t.events.size() && t.events[j].kind == EventKind::woken) ++j;
          EXPECT_NE(t.events[j].kind, EventKind::task_spawned) << name << ": the last spawn of its burst";
          break;
        }
        case K::first_print: EXPECT_EQ(e.kind, EventKind::print) << name; break;
        case K::raised: EXPECT_EQ(e.kind, EventKind::raised) << name; break;
        case K::cancellation: EXPECT_EQ(e.kind, EventKind::scope_cancelled) << name; break;
        case K::cancel_delivered: EXPECT_EQ(e.kind, EventKind::cancel_delivered) << name; break;
        case K::group_formed: EXPECT_EQ(e.kind, EventKind::group_formed) << name; break;
        case K::nursery_reraise: EXPECT_EQ(e.kind, EventKind::nursery_reraise) << name; break;
        case K::handler_entered: EXPECT_EQ(e.kind, EventKind::handler_entered) << name; break;
        case K::run_end: break;
      }
    }
    EXPECT_EQ(spawns >= 1, has_children) << name;
    EXPECT_EQ(keys.size(), expected + spawns) << name;
  }
  EXPECT_EQ(lessons, 16);
}

TEST(KeySteps, NextAndPrevious) {
  const std::vector<KeyStep> keys{{8, K::children_spawned}, {13, K::first_print}, {44, K::run_end}};
  EXPECT_EQ(next_key_step(keys, -1), 8);
  EXPECT_EQ(next_key_step(keys, 8), 13);
  EXPECT_EQ(next_key_step(keys, 12), 13);
  EXPECT_EQ(next_key_step(keys, 44), std::nullopt);
  EXPECT_EQ(prev_key_step(keys, 44), 13);
  EXPECT_EQ(prev_key_step(keys, 14), 13);
  EXPECT_EQ(prev_key_step(keys, 13), 8);
  EXPECT_EQ(prev_key_step(keys, 8), std::nullopt);
  EXPECT_EQ(next_key_step({}, 0), std::nullopt);
}

// Forty searchers cancelled at once: forty "Cancelled delivered" at one instant are kept as
// the first and the last.
TEST(KeySteps, AMomentOfManyTasksIsItsFirstAndLast) {
  const std::string text = R"({
    "version": 1,
    "functions": {
      "searcher": { "body": [ { "sleep": 10 } ] },
      "main": { "body": [
        { "open_nursery": "nursery", "body": [
          { "repeat": 40, "as": "i", "body": [ { "start_soon": "searcher" } ] },
          { "sleep": 1 },
          { "cancel": "$nursery" }
        ] }
      ] }
    },
    "main": "main"
  })";
  auto loaded = scenario::load_scenario_text(text, "many.json");
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().format());
  const trio::RunResult r = scenario::run_scenario(*loaded.scenario);
  std::size_t delivered = 0;
  for (const trio::Event& e : r.trace.events) delivered += e.kind == EventKind::cancel_delivered;
  ASSERT_EQ(delivered, 40u);
  const std::vector<K> m = moments(key_steps(r.trace));
  EXPECT_EQ(std::count(m.begin(), m.end(), K::cancel_delivered), 2);
  EXPECT_EQ(std::count(m.begin(), m.end(), K::children_spawned), 1) << "forty start_soon in a row are one moment";
}

}  // namespace
}  // namespace trioscope::view
