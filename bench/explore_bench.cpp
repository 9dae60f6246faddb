// Explorer figures: how many schedules per second the engine replays, and how long it takes
// to prove the outcome set of each bundled lesson.
//
//   BM_Replay/<lesson>      one schedule replayed (ReplayChoices), loader excluded: the cost
//                           of one run; schedules_per_s is its inverse
//   BM_ExploreAll/<lesson>  the whole choice tree with every schedule run to its end
//                           (merge_states off): schedules_per_s counts them
//   BM_Prove/<lesson>       the explorer as `trioscope explore` runs it (states merged, and
//                           each outcome's shortest schedule replayed to check it): the time
//                           to an exhaustive answer
// Goals: >= 20,000 schedules per second on one core; every racy lesson proved in < 1 s.
// The tie and race cases of tests/explore/ties are measured too (ExploreAll and Prove).
//
// Run: build/bench/explore_bench [--benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <filesystem>

#include "explore/background.hpp"
#include "scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;
using trioscope::explore::Options;

std::vector<fs::path> files(const char* dir, bool lessons_only) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(TRIOSCOPE_SOURCE_DIR) / dir))
    if (e.path().extension() == ".json" &&
        (!lessons_only || std::isdigit(static_cast<unsigned char>(e.path().filename().string()[0]))))
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

trioscope::scenario::Scenario load(const fs::path& p) {
  auto r = trioscope::scenario::load_scenario_file(p.string());
  if (!r.ok()) throw std::runtime_error(r.errors.front().format());
  return *r.scenario;
}

void replay(benchmark::State& state, const fs::path& path) {
  auto sc = load(path);
  // The lesson's last outcome's schedule: a run that takes non-trivial choices.
  auto report = trioscope::explore::explore_scenario(sc);
  auto schedule = report.outcomes.back().schedule;
  std::size_t events = 0;
  for (auto _ : state) {
    trio::ReplayChoices choices(schedule);
    auto r = trioscope::scenario::run_scenario(sc, {}, choices);
    events = r.trace.events.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["events"] = double(events);
  state.counters["schedules_per_s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

void explore_all(benchmark::State& state, const fs::path& path) {
  auto sc = load(path);
  Options o;
  o.merge_states = false;
  std::uint64_t schedules = 0, total = 0;
  for (auto _ : state) {
    auto report = trioscope::explore::explore_scenario(sc, {}, o);
    schedules = report.schedules;
    total += report.runs;
    benchmark::DoNotOptimize(report);
  }
  state.counters["schedules"] = double(schedules);
  state.counters["schedules_per_s"] = benchmark::Counter(double(total), benchmark::Counter::kIsRate);
}

void prove(benchmark::State& state, const fs::path& path) {
  auto sc = load(path);
  trioscope::explore::Report report;
  for (auto _ : state) {
    report = trioscope::explore::explore_scenario(sc);
    benchmark::DoNotOptimize(report);
  }
  if (!report.exhaustive()) state.SkipWithError("not exhaustive");
  state.counters["outcomes"] = double(report.outcomes.size());
  state.counters["schedules"] = double(report.schedules);
  state.counters["runs"] = double(report.runs);
}

const bool registered = [] {
  for (const fs::path& p : files("scenarios", true)) {
    std::string name = p.stem().string();
    benchmark::RegisterBenchmark(("BM_Replay/" + name).c_str(), replay, p)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_ExploreAll/" + name).c_str(), explore_all, p)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Prove/" + name).c_str(), prove, p)->Unit(benchmark::kMicrosecond);
  }
  // The tie and race cases of the tests: bigger trees, where remembering states pays.
  for (const fs::path& p : files("tests/explore/ties", false)) {
    std::string name = "ties/" + p.stem().string();
    benchmark::RegisterBenchmark(("BM_ExploreAll/" + name).c_str(), explore_all, p)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Prove/" + name).c_str(), prove, p)->Unit(benchmark::kMicrosecond);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
