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
  std::optional<std::uint64_t> event_budget;
};

trio::RunSettings settings_for(const Scenario& s, const RunOverrides& o = {});

// Records the whole run. Never throws for anything the scenario does: Python exceptions,
// deadlocks and exhausted budgets are outcomes recorded in the result.
trio::RunResult run_scenario(const Scenario& s, const RunOverrides& o = {});

}  // namespace trioscope::scenario
