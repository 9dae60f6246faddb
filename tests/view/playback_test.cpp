// Seeking: any step, in any order, gives the same state as replaying from the start.
#include <gtest/gtest.h>

#include <random>

#include "engine_run.hpp"
#include "view/playback.hpp"

namespace trioscope::view {
namespace {

using testing::EngineRun;
using testing::Resilient;

void expect_same(const Snapshot& a, const Snapshot& b) {
  ASSERT_EQ(a.step, b.step);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.running, b.running);
  EXPECT_EQ(a.run, b.run);
  ASSERT_EQ(a.tasks.size(), b.tasks.size());
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    SCOPED_TRACE("task " + std::to_string(i));
    EXPECT_EQ(a.tasks[i].phase, b.tasks[i].phase);
    EXPECT_EQ(a.tasks[i].cancel_pending, b.tasks[i].cancel_pending);
    EXPECT_EQ(a.tasks[i].live_exc, b.tasks[i].live_exc);
    EXPECT_EQ(a.tasks[i].scope, b.tasks[i].scope);
    EXPECT_EQ(a.tasks[i].line, b.tasks[i].line);
  }
  for (std::size_t i = 0; i < a.scopes.size(); ++i) {
    EXPECT_EQ(a.scopes[i].status, b.scopes[i].status);
    EXPECT_EQ(a.scopes[i].cancelled, b.scopes[i].cancelled);
  }
  for (std::size_t i = 0; i < a.nurseries.size(); ++i) {
    EXPECT_EQ(a.nurseries[i].status, b.nurseries[i].status);
    EXPECT_EQ(a.nurseries[i].errors, b.nurseries[i].errors);
  }
}

TEST(Playback, RandomSeeksMatchAReplayFromTheStart) {
  Resilient r;
  Playback pb(r.trace(), {.interval = 4});  // small interval: many stored snapshots in play
  std::vector<Snapshot> replay;
  Snapshot s = initial_snapshot(r.trace());
  replay.push_back(s);
  for (int i = 0; i < pb.size(); ++i) {
    apply_next(s, r.trace());
    replay.push_back(s);
  }
  std::mt19937 rng(7);
  for (int k = 0; k < 300; ++k) {
    const int step = static_cast<int>(rng() % (pb.size() + 1)) - 1;
    SCOPED_TRACE("seek " + std::to_string(step));
    expect_same(pb.seek(step), replay[step + 1]);
    expect_same(pb.snapshot_at(step), replay[step + 1]);
  }
}

TEST(Playback, SeekClampsToTheTrace) {
  Resilient r;
  Playback pb(r.trace());
  EXPECT_EQ(pb.seek(-50).step, -1);
  EXPECT_EQ(pb.seek(1 << 30).step, pb.last_step());
  EXPECT_EQ(pb.current().run, RunStatus::returned);
}

TEST(Playback, InstantsGroupEventsByVirtualTime) {
  Resilient r;
  Playback pb(r.trace());
  ASSERT_EQ(pb.instants().size(), 2u);  // t = 0 and t = 1
  EXPECT_EQ(pb.instants()[0].time, 0.0);
  EXPECT_EQ(pb.instants()[1].time, 1.0);
  const int end0 = pb.instants()[0].last;
  EXPECT_EQ(pb.next_instant(-1), end0);
  EXPECT_EQ(pb.next_instant(3), end0);             // the middle of t = 0: its end
  EXPECT_EQ(pb.next_instant(end0), pb.last_step()); // then the end of t = 1
  EXPECT_EQ(pb.prev_instant(pb.last_step()), end0);
  EXPECT_EQ(pb.prev_instant(end0), -1);
}

TEST(Playback, PrintsAreIndexedForTheOutputPanel) {
  Resilient r;
  Playback pb(r.trace());
  ASSERT_EQ(pb.prints().size(), 2u);
  EXPECT_EQ(pb.prints_until(r.sleeping_well), 1);
  EXPECT_EQ(pb.prints_until(r.printed - 1), 1);
  EXPECT_EQ(pb.prints_until(r.printed), 2);
  EXPECT_EQ(pb.nursery_errors(r.nursery).size(), 2u);
}

// A long run: the stored snapshots keep seeking cheap without storing every step.
TEST(Playback, LongTracesStoreSnapshotsWithinTheBudget) {
  // 50 children that each sleep 400 times: some 80,000 events.
  const EngineRun r(R"({"version": 1, "functions": {
      "child": {"params": ["i"], "body": [{"repeat": 400, "as": "round", "body": [{"sleep": 1}]}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [
        {"repeat": 50, "as": "i", "body": [{"start_soon": "child", "args": ["$i"]}]}]}]}},
    "main": "main"})");
  const trio::Trace& t = r.trace();
  ASSERT_GT(r.size(), 50 * 400 * 4);
  Playback pb(t, {.memory_budget = 64 * 1024});
  EXPECT_GT(pb.interval(), 256);
  EXPECT_LE(pb.stored_bytes(), 64u * 1024 + 2 * initial_snapshot(t).bytes());
  const Snapshot& s = pb.seek(pb.last_step() - 3);
  EXPECT_EQ(s.step, pb.last_step() - 3);
  Snapshot replay = initial_snapshot(t);
  while (replay.step < s.step) apply_next(replay, t);
  expect_same(s, replay);
}

}  // namespace
}  // namespace trioscope::view
