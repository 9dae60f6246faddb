// Engine figures: speed of the run loop (events per second), the trace's size (bytes per
// event, side tables included), the heap a sleeping task holds (trace excluded), for the
// fan-out of 10,000 tasks x 10 rounds of sleep-and-print from C++ and from a JSON scenario,
// and a class of 100,000 tasks x 2 rounds from JSON text to the end of the run.
//
// Goals: at most 32 bytes per event, at most 600 bytes per sleeping task, the 100,000-task
// run within 1 s. bench/versus_trio.sh compares whole processes with real Trio.
//
// Run: build/bench/engine_bench [--benchmark_min_time=0.1]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <new>
#include <string>

#include "core/choices.hpp"
#include "core/runner.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"

// ---- heap accounting ---------------------------------------------------------------------
// Every allocation in this binary goes through here, so "bytes live" is exact.
namespace {
long long g_live = 0;  // single-threaded: no atomics needed
}
void* operator new(std::size_t n) {
  auto* p = static_cast<std::size_t*>(std::malloc(n + sizeof(std::max_align_t)));
  if (!p) throw std::bad_alloc();
  *p = n;
  g_live += (long long)n;
  return reinterpret_cast<char*>(p) + sizeof(std::max_align_t);
}
void operator delete(void* q) noexcept {
  if (!q) return;
  auto* p = reinterpret_cast<std::size_t*>(static_cast<char*>(q) - sizeof(std::max_align_t));
  g_live -= (long long)*p;
  std::free(p);
}
void operator delete(void* q, std::size_t) noexcept { operator delete(q); }

namespace {

using trio::Async;

constexpr int kTasks = 10'000;
constexpr int kRounds = 10;

Async<void> worker(std::int64_t i) {
  for (int round = 0; round < kRounds; ++round) {
    co_await trio::sleep(1);
    trio::print("task " + std::to_string(i) + " round " + std::to_string(round));
  }
}

// The heap the run holds besides its trace, at its largest: with every task alive and
// asleep that is what the tasks cost (the trace is the product, reported apart).
long long g_base = 0;
long long g_peak_without_trace = 0;
void probe() {
  g_peak_without_trace = std::max(g_peak_without_trace, g_live - g_base - (long long)trio::current_trace_bytes());
}

void report(benchmark::State& state, const trio::RunResult& r, long long tasks) {
  const double events = double(r.trace.events.size());
  state.counters["events"] = events;
  state.counters["events_per_s"] = benchmark::Counter(events * double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["trace_B_per_event"] = double(r.trace.bytes()) / events;
  if (tasks) state.counters["heap_B_per_sleeping_task"] = double(g_peak_without_trace) / double(tasks);
}

Async<void> fan_out() {
  co_await trio::open_nursery([](trio::Nursery& n) -> Async<void> {
    for (std::int64_t i = 0; i < kTasks; ++i) n.start_soon(worker(i), trio::call_label("worker", {i}));
    co_await trio::sleep(0.5);  // every worker is now asleep in its first sleep
    probe();
  });
}

void BM_FanOut_Cpp(benchmark::State& state) {
  trio::RunResult r;
  for (auto _ : state) {
    r = {};
    g_base = g_live;
    g_peak_without_trace = 0;
    r = trio::run(fan_out);
    benchmark::DoNotOptimize(r);
  }
  report(state, r, kTasks);
}
BENCHMARK(BM_FanOut_Cpp)->Unit(benchmark::kMillisecond);

// Looks at the heap at every turn of the run loop (a scenario has no hook of its own),
// choosing nothing: the run is the fifo one.
class Probe final : public trio::ChoiceSource {
 public:
  std::uint32_t choose(trio::ChoiceKind, std::uint32_t) override { return 0; }
  bool at_loop_iteration(std::uint64_t) override {
    probe();
    return true;
  }
};

// The same program as a scenario file, through the loader and the interpreter.
std::string fan_out_json(int tasks, int rounds) {
  return R"({
  "version": 1, "title": "Fan-out benchmark",
  "functions": {
    "worker": { "params": ["i"], "body": [
      { "repeat": )" + std::to_string(rounds) + R"(, "as": "round", "body": [
        { "sleep": 1 }, { "print": "task {i} round {round}" } ] } ] },
    "main": { "body": [
      { "open_nursery": "nursery", "body": [
        { "repeat": )" + std::to_string(tasks) + R"(, "as": "i", "body": [ { "start_soon": "worker", "args": ["$i"] } ] } ] } ] }
  },
  "main": "main"
})";
}

void BM_FanOut_Scenario(benchmark::State& state) {
  auto loaded = trioscope::scenario::load_scenario_text(fan_out_json(kTasks, kRounds), "fanout.json");
  if (!loaded.ok()) {
    state.SkipWithError(loaded.errors.front().format().c_str());
    return;
  }
  trio::RunResult r;
  for (auto _ : state) {
    r = {};
    g_base = g_live;
    g_peak_without_trace = 0;
    Probe p;
    r = trioscope::scenario::run_scenario(*loaded.scenario, {}, p);
    benchmark::DoNotOptimize(r);
  }
  report(state, r, kTasks);
}
BENCHMARK(BM_FanOut_Scenario)->Unit(benchmark::kMillisecond);

// A class of 100,000 tasks x 2 rounds, from the JSON text to the end of the run (goal: 1 s).
void BM_Scale100k_FromJson(benchmark::State& state) {
  const std::string text = fan_out_json(100'000, 2);
  trio::RunResult r;
  for (auto _ : state) {
    r = {};
    auto loaded = trioscope::scenario::load_scenario_text(text, "fanout_100000.json");
    if (!loaded.ok()) {
      state.SkipWithError(loaded.errors.front().format().c_str());
      return;
    }
    r = trioscope::scenario::run_scenario(*loaded.scenario);
    if (r.end != trio::RunEnd::returned) state.SkipWithError(r.diagnosis.c_str());
    benchmark::DoNotOptimize(r);
  }
  report(state, r, 0);
}
BENCHMARK(BM_Scale100k_FromJson)->Unit(benchmark::kMillisecond);

// A 5 MB scenario file: many functions with long bodies of every common statement.
std::string big_scenario(std::size_t target_bytes) {
  std::string s = R"({"version": 1, "title": "Big", "functions": {)";
  int f = 0;
  while (s.size() < target_bytes) {
    s += "\"f" + std::to_string(f) + R"(": {"params": ["x"], "body": [)";
    for (int k = 0; k < 200; ++k) {
      s += R"({"print": "step {x} of f)" + std::to_string(f) + R"("}, {"sleep": 0.5}, )";
      s += R"({"move_on_after": 2, "as": "t", "body": [{"checkpoint": true}]}, )";
    }
    s += R"({"print": "done"}]}, )";
    ++f;
  }
  s += R"("main": {"body": [{"call": "f0", "args": [1]}]}}, "main": "main"})";
  return s;
}

void BM_Load5MB(benchmark::State& state) {
  std::string text = big_scenario(5u * 1024 * 1024);
  for (auto _ : state) {
    auto r = trioscope::scenario::load_scenario_text(text, "big.json");
    if (!r.ok()) {
      state.SkipWithError(r.errors.front().format().c_str());
      return;
    }
    benchmark::DoNotOptimize(r);
  }
  state.counters["MB"] = double(text.size()) / (1024.0 * 1024.0);
}
BENCHMARK(BM_Load5MB)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
