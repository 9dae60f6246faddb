// Import time of a 10,000-line Trio program: tokenizing, parsing, lowering and validating
// (load_scenario_text on a .py text), and the canonical JSON of the result. Goal: the import
// in at most 50 ms, so that opening a long program in the app feels instant.
//
// Run: build/bench/python_import_bench
#include <benchmark/benchmark.h>

#include <string>

#include "generated_program.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/loader.hpp"

namespace {

using trioscope::bench::big_program;
using trioscope::bench::count_lines;


void BM_PythonImport10kLines(benchmark::State& state) {
  std::string program = big_program(10'000);
  std::size_t statements = 0;
  for (auto _ : state) {
    auto r = trioscope::scenario::load_scenario_text(program, "big.py");
    if (!r.ok()) {
      state.SkipWithError(r.errors.front().format().c_str());
      return;
    }
    statements = 0;
    for (const auto& fn : r.scenario->functions) statements += fn.body.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["lines"] = count_lines(program);
  state.counters["KB"] = double(program.size()) / 1024.0;
  state.counters["top_statements"] = double(statements);
}
BENCHMARK(BM_PythonImport10kLines)->Unit(benchmark::kMillisecond);

void BM_PythonImport10kLinesToJson(benchmark::State& state) {
  std::string program = big_program(10'000);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto r = trioscope::scenario::load_scenario_text(program, "big.py");
    if (!r.ok()) {
      state.SkipWithError(r.errors.front().format().c_str());
      return;
    }
    std::string json = trioscope::scenario::to_json_text(*r.scenario);
    bytes = json.size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["json_KB"] = double(bytes) / 1024.0;
}
BENCHMARK(BM_PythonImport10kLinesToJson)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
