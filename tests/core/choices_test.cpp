// Scheduling choices (core/choices.hpp): Trio's three freedoms as choice points, the seeded
// random source, replay, schedule strings and state fingerprints.
//
// What real Trio does with these ties is recorded in tests/explore/ties/*.txt (Trio 0.34, its
// tie orders drawn as other memory layouts would draw them): three sleepers on one deadline
// can wake in any order, and one cancel() reaching three waiting tasks reaches them in any
// order. Under "fifo" the engine keeps its documented order, which is one of those.
#include <gtest/gtest.h>

#include <set>

#include "core/runner.hpp"

using trio::Async;
using trio::Nursery;

namespace {

std::vector<std::string> prints(const trio::RunResult& r) {
  std::vector<std::string> out;
  for (const trio::Event& e : r.trace.events)
    if (e.kind == trio::EventKind::print) out.emplace_back(r.trace.text(e));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

trio::RunResult run_with(std::function<Async<void>()> main, trio::Scheduling sched, std::uint64_t seed = 0,
                         trio::ChoiceSource* source = nullptr) {
  trio::RunSettings s;
  s.scheduling = sched;
  s.seed = seed;
  s.choices = source;
  return trio::run(std::move(main), s);
}

// Three children sleep until the same instant and print their name.
Async<void> three_sleepers() {
  co_await trio::open_nursery([](Nursery& n) -> Async<void> {
    for (std::string name : {"A", "B", "C"})
      n.start_soon([](std::string name) -> Async<void> {
        co_await trio::sleep(1);
        trio::print(name);
      }(name), name);
    co_return;
  });
}

// Three children wait forever; one cancel() wakes them all, and each says so.
Async<void> three_waiters() {
  co_await trio::open_nursery([](Nursery& n) -> Async<void> {
    for (std::string name : {"A", "B", "C"})
      n.start_soon([](std::string name) -> Async<void> {
        try {
          co_await trio::sleep_forever();
        } catch (const trio::Error&) {
          trio::print(name);
          throw;
        }
      }(name), name);
    co_await trio::sleep(1);
    n.cancel_scope().cancel();
  });
}

// ---- ties under fifo and random -------------------------------------------------------------------

TEST(Ties, FifoWakesIdenticalDeadlinesInTheOrderTheyWereRegistered) {
  EXPECT_EQ(joined(prints(run_with(three_sleepers, trio::Scheduling::fifo))), "A B C");
  EXPECT_TRUE(run_with(three_sleepers, trio::Scheduling::fifo).choices.empty());
}

// Batch reversal alone gives A or C first, never B; Trio's id(scope) order gives any of them.
TEST(Ties, RandomLetsAnyOfThreeIdenticalDeadlinesGoFirst) {
  std::set<std::string> first, orders;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    auto p = prints(run_with(three_sleepers, trio::Scheduling::random, seed));
    ASSERT_EQ(p.size(), 3u);
    first.insert(p[0]);
    orders.insert(joined(p));
  }
  EXPECT_EQ(first, (std::set<std::string>{"A", "B", "C"}));
  EXPECT_EQ(orders.size(), 6u);
}

TEST(Ties, FifoDeliversOneCancelInTheOrderTasksJoinedTheScope) {
  EXPECT_EQ(joined(prints(run_with(three_waiters, trio::Scheduling::fifo))), "A B C");
}

TEST(Ties, RandomLetsOneCancelReachThreeTasksInAnyOrder) {
  std::set<std::string> orders;
  for (std::uint64_t seed = 0; seed < 200; ++seed) orders.insert(joined(prints(run_with(three_waiters, trio::Scheduling::random, seed))));
  EXPECT_EQ(orders, (std::set<std::string>{"A B C", "A C B", "B A C", "B C A", "C A B", "C B A"}));
}

TEST(Ties, EveryChoicePointIsRecordedWithItsOptions) {
  auto r = run_with(three_sleepers, trio::Scheduling::random, 3);
  std::set<trio::ChoiceKind> kinds;
  for (const trio::ChoiceMade& c : r.choices) {
    EXPECT_GE(c.options, 2u);
    EXPECT_LT(c.chosen, c.options);
    kinds.insert(c.kind);
  }
  EXPECT_TRUE(kinds.count(trio::ChoiceKind::deadline_tie));
  EXPECT_TRUE(kinds.count(trio::ChoiceKind::batch_order));
  auto w = run_with(three_waiters, trio::Scheduling::random, 3);
  bool fanout = false;
  for (const trio::ChoiceMade& c : w.choices) fanout |= c.kind == trio::ChoiceKind::cancel_fanout;
  EXPECT_TRUE(fanout);
}

// ---- replay ------------------------------------------------------------------------------

std::string events_of(const trio::RunResult& r) {
  std::string s;
  for (const trio::Event& e : r.trace.events)
    s += std::string(trio::event_kind_name(e.kind)) + ":" + std::to_string(e.task) + "@" + std::to_string(e.time) + " ";
  return s;
}

TEST(Replay, ARandomRunReplaysEventForEvent) {
  for (auto program : {three_sleepers, three_waiters}) {
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      auto r = run_with(program, trio::Scheduling::random, seed);
      auto parsed = trio::parse_schedule(trio::schedule_string(r.choices));
      ASSERT_TRUE(parsed.ok());
      trio::ReplayChoices replay(parsed.choices);
      auto again = run_with(program, trio::Scheduling::fifo, 0, &replay);
      EXPECT_EQ(events_of(again), events_of(r)) << "seed " << seed;
      EXPECT_EQ(trio::transcript(again.trace), trio::transcript(r.trace));
      EXPECT_EQ(again.schedule_problem, "");
    }
  }
}

// Option 0 everywhere is the fifo run, event for event, although every point is asked.
TEST(Replay, AllZeroChoicesAreTheFifoRun) {
  for (auto program : {three_sleepers, three_waiters}) {
    trio::ReplayChoices zeros({});
    auto replayed = run_with(program, trio::Scheduling::fifo, 0, &zeros);
    EXPECT_FALSE(replayed.choices.empty());
    EXPECT_EQ(events_of(replayed), events_of(run_with(program, trio::Scheduling::fifo)));
  }
}

TEST(Replay, AScheduleThatDoesNotFitIsReported) {
  trio::ReplayChoices too_big({7});
  auto r = run_with(three_sleepers, trio::Scheduling::fifo, 0, &too_big);
  EXPECT_NE(r.schedule_problem.find("choice 1 of the schedule is 7"), std::string::npos) << r.schedule_problem;
  std::vector<std::uint32_t> long_one(500, 0);
  long_one.push_back(1);
  trio::ReplayChoices too_long(long_one);
  r = run_with(three_sleepers, trio::Scheduling::fifo, 0, &too_long);
  EXPECT_NE(r.schedule_problem.find("the schedule has 501 choices"), std::string::npos) << r.schedule_problem;
  // Trailing zeros are implicit, so extra zeros fit.
  trio::ReplayChoices zeros(std::vector<std::uint32_t>(500, 0));
  EXPECT_EQ(run_with(three_sleepers, trio::Scheduling::fifo, 0, &zeros).schedule_problem, "");
}

// ---- schedule strings ------------------------------------------------------------------------

TEST(ScheduleString, RoundTripsAndDropsTrailingZeros) {
  EXPECT_EQ(trio::schedule_string(std::vector<std::uint32_t>{}), "0");
  EXPECT_EQ(trio::schedule_string(std::vector<std::uint32_t>{0, 0}), "0");
  EXPECT_EQ(trio::schedule_string(std::vector<std::uint32_t>{1, 0, 2, 0, 0}), "102");
  EXPECT_EQ(trio::schedule_string(std::vector<std::uint32_t>{10, 35, 36, 61, 62, 1000}), "azAZ{62}{1000}");
  auto p = trio::parse_schedule("azAZ{62}{1000}0");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.choices, (std::vector<std::uint32_t>{10, 35, 36, 61, 62, 1000, 0}));
  EXPECT_TRUE(trio::parse_schedule("").ok());
  EXPECT_TRUE(trio::parse_schedule("").choices.empty());
}

TEST(ScheduleString, NamesWhereAStringIsWrong) {
  auto p = trio::parse_schedule("01-1");
  EXPECT_FALSE(p.ok());
  EXPECT_EQ(p.error_at, 2u);
  EXPECT_NE(p.error.find("'-'"), std::string::npos);
  for (const char* bad : {"0{", "0{}", "{12", "{1x}", "{99999999999}"}) {
    auto q = trio::parse_schedule(bad);
    EXPECT_FALSE(q.ok()) << bad;
    EXPECT_EQ(q.error_at, std::string(bad).find('{')) << bad;
  }
}

// ---- a source may stop a run; fingerprints -----------------------------------------------------

struct Recorder : trio::ChoiceSource {
  explicit Recorder(std::vector<std::uint32_t> c, std::uint64_t stop_at = ~0ull) : replay(std::move(c)), stop(stop_at) {}
  std::uint32_t choose(trio::ChoiceKind k, std::uint32_t n) override { return replay.choose(k, n); }
  bool at_loop_iteration(std::uint64_t made) override {
    if (iterations++ == stop) return false;
    states.push_back({made, trio::state_fingerprint()});
    return true;
  }
  bool wants_fingerprints() const override { return true; }
  trio::ReplayChoices replay;
  std::uint64_t stop, iterations = 0;
  std::vector<std::pair<std::uint64_t, trio::StateFingerprint>> states;
};

TEST(Fingerprint, ASourceCanStopTheRun) {
  Recorder r({}, 2);
  auto result = run_with(three_sleepers, trio::Scheduling::fifo, 0, &r);
  EXPECT_EQ(result.end, trio::RunEnd::stopped);
  EXPECT_EQ(r.states.size(), 2u);
}

// Two children that each print and return: whichever order their batch runs in, the state
// after it is the same (each task's own history is), so the explorer may merge them.
Async<void> two_printers(std::string a_text) {
  co_await trio::open_nursery([&a_text](Nursery& n) -> Async<void> {
    n.start_soon([](std::string t) -> Async<void> { trio::print(t); co_return; }(a_text), "a");
    n.start_soon([]() -> Async<void> { trio::print("b"); co_return; }(), "b");
    co_return;
  });
}

TEST(Fingerprint, BatchOrdersThatMeetAgainGiveTheSameState) {
  Recorder in_order({0}), reversed({1}), other_text({0});
  run_with([] { return two_printers("a"); }, trio::Scheduling::fifo, 0, &in_order);
  run_with([] { return two_printers("a"); }, trio::Scheduling::fifo, 0, &reversed);
  run_with([] { return two_printers("A"); }, trio::Scheduling::fifo, 0, &other_text);
  ASSERT_EQ(in_order.states.size(), reversed.states.size());
  ASSERT_GE(in_order.states.size(), 3u);
  // Before the choice: the same state. Right after the batch: the same state again.
  EXPECT_EQ(in_order.states[1].second, reversed.states[1].second);
  EXPECT_EQ(in_order.states[2].second, reversed.states[2].second);
  // A task that printed something else is in another state.
  EXPECT_FALSE(in_order.states[2].second == other_text.states[2].second);
}

TEST(Fingerprint, OnlyDuringARun) { EXPECT_THROW(trio::state_fingerprint(), std::logic_error); }

}  // namespace
