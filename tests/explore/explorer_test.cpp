// The schedule explorer (explore/explorer.hpp): replay strings, counts, pruning, bounds,
// cancellation and the background runner. That its outcome sets are real Trio's is checked
// against Trio's transcripts by check_explore.py; these tests check the explorer's own promises.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "explore/background.hpp"
#include "scenario/loader.hpp"

namespace fs = std::filesystem;
using namespace trioscope;
using trio::Async;

namespace {

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> out;
  for (const char* dir : {"scenarios", "tests/explore/ties"})
    for (const auto& e : fs::directory_iterator(fs::path(TRIOSCOPE_SOURCE_DIR) / dir))
      if (e.path().extension() == ".json" && e.path().filename() != "schema.json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

scenario::Scenario load(const fs::path& p) {
  auto r = scenario::load_scenario_file(p.string());
  EXPECT_TRUE(r.ok()) << p;
  return *r.scenario;
}

scenario::Scenario lesson(const char* name) {
  return load(fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios" / name);
}

// N children, each checking in `rounds` times with a checkpoint in between: a tree that
// grows fast (for the bounds), from the C++ API.
explore::Program busy(int children, int rounds) {
  return [=](trio::ChoiceSource& c) {
    trio::RunSettings s;
    s.choices = &c;
    return trio::run([=]() -> Async<void> {
      co_await trio::open_nursery([=](trio::Nursery& n) -> Async<void> {
        for (int i = 0; i < children; ++i)
          n.start_soon([](int i, int rounds) -> Async<void> {
            for (int r = 0; r < rounds; ++r) {
              trio::print(std::to_string(i) + "." + std::to_string(r));
              co_await trio::checkpoint();
            }
          }(i, rounds), "child " + std::to_string(i));
        co_return;
      });
    }, s);
  };
}

// ---- replay strings ----------------------------------------------------------------------------

TEST(Explorer, EveryOutcomeReplaysFromItsScheduleString) {
  for (const fs::path& p : scenario_files()) {
    auto sc = load(p);
    auto report = explore::explore_scenario(sc);
    ASSERT_TRUE(report.exhaustive()) << p << ": " << report.details();
    EXPECT_EQ(report.problem, "") << p;
    std::set<std::string> keys;
    for (const explore::Outcome& o : report.outcomes) {
      keys.insert(o.key);
      scenario::RunOverrides replay;
      replay.schedule = o.schedule_text;
      auto r = scenario::run_scenario(sc, replay);
      EXPECT_EQ(r.schedule_problem, "") << p << " " << o.schedule_text;
      EXPECT_EQ(trio::transcript(r.trace), o.transcript) << p << " " << o.schedule_text;
      EXPECT_EQ(explore::outcome_key(r.trace), o.key) << p << " " << o.schedule_text;
    }
    EXPECT_EQ(keys.size(), report.outcomes.size()) << p << ": outcomes are distinct";
  }
}

// The fifo run is the all-zero schedule: the first outcome, written "0".
TEST(Explorer, TheFifoRunIsTheFirstOutcome) {
  auto sc = lesson("16_race_same_instant.json");
  auto report = explore::explore_scenario(sc);
  ASSERT_FALSE(report.outcomes.empty());
  EXPECT_EQ(report.outcomes[0].schedule_text, "0");
  EXPECT_EQ(report.outcomes[0].transcript, trio::transcript(scenario::run_scenario(sc).trace));
}

// ---- counts and pruning -----------------------------------------------------------------------

// Remembering explored states must change nothing but the work: the same outcomes, the same
// number of schedules for each, the same shortest schedules.
TEST(Explorer, MergingStatesChangesNothingButTheWork) {
  std::uint64_t merged = 0;
  for (const fs::path& p : scenario_files()) {
    auto sc = load(p);
    explore::Options all;
    all.merge_states = false;
    auto full = explore::explore_scenario(sc, {}, all);
    auto pruned = explore::explore_scenario(sc);
    ASSERT_TRUE(full.exhaustive() && pruned.exhaustive()) << p;
    EXPECT_EQ(full.runs, full.schedules) << p << ": without merging every schedule is a run";
    EXPECT_EQ(full.merged, 0u);
    EXPECT_EQ(pruned.schedules, full.schedules) << p;
    EXPECT_LE(pruned.runs, full.runs) << p;
    ASSERT_EQ(pruned.outcomes.size(), full.outcomes.size()) << p;
    for (std::size_t i = 0; i < full.outcomes.size(); ++i) {
      EXPECT_EQ(pruned.outcomes[i].key, full.outcomes[i].key) << p;
      EXPECT_EQ(pruned.outcomes[i].schedules, full.outcomes[i].schedules) << p;
      EXPECT_EQ(pruned.outcomes[i].schedule_text, full.outcomes[i].schedule_text) << p;
      EXPECT_EQ(pruned.outcomes[i].transcript, full.outcomes[i].transcript) << p;
    }
    merged += pruned.merged;
  }
  EXPECT_GT(merged, 0u) << "some lesson has batches whose order does not matter";
}

// Two tasks, two rounds: the choice tree can be counted by hand. Batch 1 (main) has no
// choice. Batch 2 [c0 c1] prints round 0 and yields at the checkpoint; batch 3 resumes both,
// prints round 1 and yields again; batch 4 resumes both, and they return. Three batches of
// two, two options each: 2 x 2 x 2 = 8 schedules, and each task's own lines are the same in
// all of them: one outcome.
TEST(Explorer, CountsTheSchedulesOfTheChoiceTree) {
  explore::Options all;
  all.merge_states = false;
  auto report = explore::explore(busy(2, 2), all);
  ASSERT_TRUE(report.exhaustive());
  EXPECT_EQ(report.schedules, 8u);
  EXPECT_EQ(report.runs, 8u);
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_EQ(report.outcomes[0].schedules, 8u);
  EXPECT_EQ(report.summary(), "1 distinct outcome over 8 schedules (exhaustive)");
}

TEST(Explorer, OutcomeKeysFollowTheComparisonRule) {
  // Lesson 1 under fifo and with its one choice (the children's first batch) reversed: the
  // children print in another order, but each task's own lines are the same.
  auto sc = lesson("01_first_nursery.json");
  scenario::RunOverrides reversed;
  reversed.schedule = "1";
  auto a = scenario::run_scenario(sc), b = scenario::run_scenario(sc, reversed);
  ASSERT_EQ(b.schedule_problem, "");
  EXPECT_NE(trio::transcript(a.trace), trio::transcript(b.trace));
  EXPECT_EQ(explore::outcome_key(a.trace), explore::outcome_key(b.trace));
  auto race = lesson("16_race_same_instant.json");
  auto report = explore::explore_scenario(race);
  ASSERT_EQ(report.outcomes.size(), 2u);
  EXPECT_NE(report.outcomes[0].key, report.outcomes[1].key);
}

// ---- bounds, cancellation, background ------------------------------------------------------------

TEST(Explorer, ARunLimitIsReportedAsABound) {
  explore::Options o;
  o.max_runs = 3;
  auto report = explore::explore(busy(4, 3), o);
  EXPECT_EQ(report.stop, explore::Stop::max_runs);
  EXPECT_FALSE(report.exhaustive());
  EXPECT_EQ(report.runs, 3u);
  EXPECT_EQ(report.summary().rfind("at least ", 0), 0u) << report.summary();
  EXPECT_NE(report.summary().find("(bounded)"), std::string::npos);
  EXPECT_NE(report.details().find("the run limit"), std::string::npos) << report.details();
  // What it found is still true: each outcome replays.
  for (const auto& out : report.outcomes) EXPECT_FALSE(out.transcript.empty());
}

TEST(Explorer, ATimeLimitIsReportedAsABound) {
  explore::Options o;
  o.max_seconds = 0.05;
  o.merge_states = false;  // 2^20 schedules, every one run
  auto report = explore::explore(busy(6, 20), o);
  EXPECT_EQ(report.stop, explore::Stop::max_seconds);
  EXPECT_GE(report.seconds, 0.05);
  EXPECT_NE(report.details().find("the time limit"), std::string::npos) << report.details();
}

TEST(Explorer, CancelStopsIt) {
  explore::Progress progress;
  progress.cancel = true;
  auto report = explore::explore(busy(2, 2), {}, &progress);
  EXPECT_EQ(report.stop, explore::Stop::cancelled);
  EXPECT_EQ(report.runs, 0u);
}

TEST(Explorer, RunsInTheBackgroundWithProgressAndCanBeCancelled) {
  {
    // Meanwhile this thread keeps running the engine, as the app does while it draws.
    auto race = lesson("16_race_same_instant.json");
    auto fifo = trio::transcript(scenario::run_scenario(race).trace);
    explore::BackgroundExploration job(lesson("10_shielded_cleanup.json"), {}, {});
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!job.done() && std::chrono::steady_clock::now() < until)
      EXPECT_EQ(trio::transcript(scenario::run_scenario(race).trace), fifo);
    ASSERT_TRUE(job.done());
    ASSERT_NE(job.report(), nullptr);
    EXPECT_TRUE(job.report()->exhaustive());
    EXPECT_EQ(job.progress().runs.load(), job.report()->runs);
    EXPECT_EQ(job.progress().schedules.load(), job.report()->schedules);
    EXPECT_EQ(job.progress().outcomes.load(), job.report()->outcomes.size());
  }
  // A big tree (10,000 tasks on one deadline), cancelled while it runs.
  auto big = scenario::load_scenario_file((fs::path(TRIOSCOPE_SOURCE_DIR) / "bench" / "fanout_10000.json").string());
  ASSERT_TRUE(big.ok());
  explore::BackgroundExploration job(*big.scenario, {}, {});
  EXPECT_EQ(job.report(), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  job.cancel();
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!job.done() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(job.done());
  EXPECT_EQ(job.report()->stop, explore::Stop::cancelled);
  EXPECT_FALSE(job.report()->exhaustive());
}

// A program whose choices change from run to run cannot be explored: it says so. (Here
// two, then three sleepers share a deadline: the first choice point changes its options.)
TEST(Explorer, AProgramThatIsNotDeterministicIsReported) {
  auto counter = std::make_shared<int>(0);
  explore::Program odd = [counter](trio::ChoiceSource& c) {
    trio::RunSettings s;
    s.choices = &c;
    int children = 2 + (*counter)++ % 2;
    return trio::run([children]() -> Async<void> {
      co_await trio::open_nursery([children](trio::Nursery& n) -> Async<void> {
        for (int i = 0; i < children; ++i)
          n.start_soon([]() -> Async<void> { co_await trio::sleep(1); }(), "c" + std::to_string(i));
        co_return;
      });
    }, s);
  };
  auto report = explore::explore(odd, {});
  EXPECT_EQ(report.stop, explore::Stop::failed);
  EXPECT_NE(report.problem.find("not deterministic"), std::string::npos) << report.problem;
  EXPECT_NE(report.details().find("not deterministic"), std::string::npos) << report.details();
}

}  // namespace
