// Engine figures: speed of the run loop, memory per sleeping task, and the article-sized
// fan-out (10,000 tasks x 10 rounds of sleep-and-print) from C++ and from a JSON scenario.
//
// Reference: real Trio (0.22 and 0.34) with MockClock(autojump_threshold=0) needs about
// 5.5 s and 150 MB for the same fan-out on this machine class; the goal is 100x faster and
// under 1 KiB per sleeping task.
//
// Run: build/bench/engine_bench [--benchmark_min_time=0.1]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <new>
#include <string>

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

long long g_probe_bytes = 0;
long long g_probe_events = 0;

Async<void> fan_out() {
  co_await trio::open_nursery([](trio::Nursery& n) -> Async<void> {
    for (std::int64_t i = 0; i < kTasks; ++i) n.start_soon(worker(i), trio::call_label("worker", {i}));
    co_await trio::sleep(0.5);  // every worker is now asleep in its first sleep
    g_probe_bytes = g_live;
    g_probe_events = trio::current_event_count();
  });
}

void BM_FanOut_Cpp(benchmark::State& state) {
  std::size_t events = 0;
  long long per_task = 0, per_task_without_trace = 0;
  for (auto _ : state) {
    long long before = g_live;
    auto r = trio::run(fan_out);
    events = r.trace.events.size();
    long long task_bytes = g_probe_bytes - before;
    // The trace is the product, not the task: report the task's own share apart.
    long long trace_bytes = g_probe_events * (long long)sizeof(trio::Event) + g_probe_events * 8;
    per_task = task_bytes / kTasks;
    per_task_without_trace = (task_bytes - trace_bytes) / kTasks;
    benchmark::DoNotOptimize(r);
  }
  state.counters["events"] = double(events);
  state.counters["events_per_s"] = benchmark::Counter(double(events) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["heap_B_per_sleeping_task"] = double(per_task);
  state.counters["heap_B_per_sleeping_task_excl_trace"] = double(per_task_without_trace);
}
BENCHMARK(BM_FanOut_Cpp)->Unit(benchmark::kMillisecond);

// The same program as a scenario file, through the loader and the interpreter.
std::string fan_out_json() {
  return R"({
  "version": 1, "title": "Fan-out benchmark",
  "functions": {
    "worker": { "params": ["i"], "body": [
      { "repeat": 10, "as": "round", "body": [
        { "sleep": 1 }, { "print": "task {i} round {round}" } ] } ] },
    "main": { "body": [
      { "open_nursery": "nursery", "body": [
        { "repeat": 10000, "as": "i", "body": [ { "start_soon": "worker", "args": ["$i"] } ] } ] } ] }
  },
  "main": "main"
})";
}

void BM_FanOut_Scenario(benchmark::State& state) {
  auto loaded = trioscope::scenario::load_scenario_text(fan_out_json(), "fanout.json");
  if (!loaded.ok()) {
    state.SkipWithError(loaded.errors.front().format().c_str());
    return;
  }
  std::size_t events = 0;
  for (auto _ : state) {
    auto r = trioscope::scenario::run_scenario(*loaded.scenario);
    events = r.trace.events.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["events"] = double(events);
  state.counters["events_per_s"] = benchmark::Counter(double(events) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FanOut_Scenario)->Unit(benchmark::kMillisecond);

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
