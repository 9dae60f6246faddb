// Import time of a 10,000-line Trio program: tokenizing, parsing, lowering and validating
// (load_scenario_text on a .py text), and the canonical JSON of the result. Goal: the import
// in at most 50 ms, so that opening a long program in the app feels instant.
//
// Run: build/bench/engine_bench --benchmark_filter=PythonImport
#include <benchmark/benchmark.h>

#include <string>

#include "scenario/json_writer.hpp"
#include "scenario/loader.hpp"

namespace {

// A program of `lines` lines in the styles of the corpus: functions with prints, sleeps,
// nurseries, timeouts, loops, try/except and comments.
std::string big_program(int lines) {
  std::string s =
      "\"\"\"A long program\n\nGenerated for the import benchmark.\n\"\"\"\nimport time\nimport trio\n\n\n"
      "class Oops(Exception):\n    pass\n";
  int n = 10, f = 0;
  auto add = [&](const std::string& line) {
    s += line + "\n";
    ++n;
  };
  while (n < lines - 4) {
    std::string name = "worker_" + std::to_string(f);
    add("");
    add("");
    add("async def " + name + "(label, delay, task_status=trio.TASK_STATUS_IGNORED):");
    add("    \"\"\"Works a little.\"\"\"");
    add("    print(f\"{label}: starting after {delay!r:>6}\")  # the first line");
    add("    await trio.sleep(delay)");
    add("    task_status.started(delay)");
    add("    with trio.move_on_after(2.5) as scope:");
    add("        for i in range(3):");
    add("            await trio.lowlevel.checkpoint()");
    add("            print(f\"{label} round {i}\")");
    add("    print(f\"timed out: {scope.cancelled_caught}\")");
    add("    try:");
    add("        # a comment on its own line");
    add("        time.sleep(0.1)");
    add("        raise Oops('step ' \"failed\")");
    add("    except (Oops, KeyError) as e:");
    add("        print(f'{label}: caught {e}')");
    add("    else:");
    add("        pass");
    add("    finally:");
    add("        async with trio.open_nursery() as nursery:");
    add("            nursery.start_soon(helper, label, name=\"helper of " + name + "\")");
    add("            await nursery.start(" + (f ? "worker_" + std::to_string(f - 1) : std::string("tail")) +
        ", label, 0.5)");
    ++f;
  }
  s += "\n\nasync def helper(label):\n    await trio.sleep_forever()\n\n\nasync def tail(label, delay, "
       "task_status=trio.TASK_STATUS_IGNORED):\n    task_status.started()\n\n\nasync def main():\n"
       "    async with trio.open_nursery() as nursery:\n        await nursery.start(worker_" +
       std::to_string(f - 1) + ", \"main\", 1)\n        nursery.cancel_scope.cancel()\n\n\nif __name__ == \"__main__\":\n"
       "    trio.run(main, strict_exception_groups=True)\n";
  return s;
}

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

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
