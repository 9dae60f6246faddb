// Editing figures: what a pause in typing costs before the run on screen follows the text.
//   ParseValidate300Lines/python|json: reading a 300-line lesson (parse, lower, validate)
//     goal: at most 5 ms
//   RerunAfterEdit: the document taking a changed text (read it, run it, rebuild playback)
//     goal: at most 20 ms
// The frame while typing is measured in the app: trioscope --bench-typing N under Xvfb.
//
// Run: build/bench/edit_bench
#include <benchmark/benchmark.h>

#include <string>

#include "document/document.hpp"
#include "generated_program.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/loader.hpp"

namespace {

using trioscope::bench::big_program;
using trioscope::bench::count_lines;
namespace scenario = trioscope::scenario;

// The 300-line program, as Python or as the JSON the app saves.
std::string lesson(bool json) {
  const std::string py = big_program(300);
  if (!json) return py;
  auto r = scenario::load_scenario_text(py, "lesson.py");
  return r.ok() ? scenario::to_json_text(*r.scenario) : std::string();
}

void BM_ParseValidate300Lines(benchmark::State& state) {
  const bool json = state.range(0) == 1;
  const std::string text = lesson(json);
  const std::string path = json ? "lesson.json" : "lesson.py";
  for (auto _ : state) {
    auto r = scenario::load_scenario_text(text, path);
    if (!r.ok()) {
      state.SkipWithError(r.errors.empty() ? "no scenario" : r.errors.front().format().c_str());
      return;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(json ? "json" : "python");
  state.counters["lines"] = count_lines(text);
}
BENCHMARK(BM_ParseValidate300Lines)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_RerunAfterEdit(benchmark::State& state) {
  const bool json = state.range(0) == 1;
  const std::string a = lesson(json);
  // The same lesson with one sleep changed, as typing a digit does.
  std::string b = a;
  const std::size_t at = b.find("await trio.sleep(delay)") != std::string::npos && !json ? b.find("move_on_after(2.5)")
                                                                                        : b.find("2.5");
  if (at == std::string::npos) {
    state.SkipWithError("nothing to change");
    return;
  }
  const std::size_t digit = b.find("2.5", at);
  b[digit] = '3';
  trioscope::document::Document doc;
  if (!doc.open_text(a, json ? "lesson.json" : "lesson.py")) {
    state.SkipWithError("the lesson does not open");
    return;
  }
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    if (!doc.set_text(flip ? b : a)) {
      state.SkipWithError("the edit does not read");
      return;
    }
  }
  state.SetLabel(json ? "json" : "python");
  state.counters["events"] = doc.trace() ? double(doc.trace()->events.size()) : 0;
  state.counters["lines"] = count_lines(a);
}
BENCHMARK(BM_RerunAfterEdit)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
