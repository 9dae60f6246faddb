// Two runs side by side (two outcomes of one scenario, strict_exception_groups on and off,
// before and after an edit): what each printed, diffed line by line, and the first step
// where the runs went different ways. GUI-free: the app draws it, tests check it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/trace.hpp"

namespace trioscope::explore {

// A run's output as a student reads it: every printed line, then how trio.run ended
// ("trio.run returned", "trio.run raised ValueError('x')", "deadlock: ...").
std::vector<std::string> output_lines(const trio::Trace& trace);

struct DiffLine {
  enum class Side : std::uint8_t { both, only_a, only_b };
  Side side = Side::both;
  std::string text;
  std::int32_t line_a = -1, line_b = -1;  // 0-based index in each output (-1: not there)
};

// Where two runs part: the first step (a task resumed by the scheduler) that is not the same
// in both, event for event. Before it, the two traces are identical up to `common_events`.
struct Divergence {
  std::size_t step = 0;          // 0-based: how many steps both runs took identically
  std::int32_t event_a = -1;     // that step's step_started event in each trace (-1: the run
  std::int32_t event_b = -1;     //   had ended; the other one went on)
  std::string task_a, task_b;    // the task each run resumed there ("" when it had ended)
  std::size_t common_events = 0; // the traces agree on events [0, common_events)
  double time = 0;               // virtual time at that step (in run A, or B if A ended)
};

struct Comparison {
  std::vector<DiffLine> output;  // a shortest edit script of B's output from A's
  bool same_output = true;
  std::optional<Divergence> divergence;  // none: the runs are the same, step for step
};

Comparison compare_runs(const trio::Trace& a, const trio::Trace& b);

// Line diff (longest common subsequence; the common head and tail are matched first, and a
// middle too large for the quadratic table is reported as removed, then added).
std::vector<DiffLine> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace trioscope::explore
