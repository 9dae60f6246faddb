// Runs a validated scenario on the engine: each function becomes an async function whose
// statements are executed one by one, each statement's Python line carried into the trace.
#pragma once

#include <optional>
#include <string>

#include "core/runner.hpp"
#include "scenario/ast.hpp"

namespace trioscope::scenario {

// Command-line or GUI overrides of the file's settings.
struct RunOverrides {
  std::optional<bool> strict_exception_groups;
  std::optional<std::string> scheduling;  // "fifo" | "random"
  std::optional<std::uint64_t> seed;
  // What a run may consume (core/limits.hpp); unset: the engine's defaults.
  std::optional<trio::RunLimits> limits;
  // The event limit alone (`--budget`); when set it wins over limits->events.
  std::optional<std::uint64_t> event_budget;
  // Replay this schedule (core/choices.hpp: "0", "1", "01a", ...): decides every
  // scheduling choice, so `scheduling` and `seed` do not apply. A string that is not a
  // schedule, or that does not fit the run, is reported in RunResult::schedule_problem.
  std::optional<std::string> schedule;
  // Keep only the transcript's events (trio::RunSettings::keep).
  bool transcript_only = false;
};

trio::RunSettings settings_for(const Scenario& s, const RunOverrides& o = {});

// Records the whole run. Never throws for anything the scenario does: Python exceptions,
// deadlocks and exhausted budgets are outcomes recorded in the result.
trio::RunResult run_scenario(const Scenario& s, const RunOverrides& o = {});
// The same run with every scheduling choice taken from `choices` (the explorer's way).
trio::RunResult run_scenario(const Scenario& s, const RunOverrides& o, trio::ChoiceSource& choices);

}  // namespace trioscope::scenario
