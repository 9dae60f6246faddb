// The schedule explorer: every way a program can end, with proof when it fits.
//
// A run is deterministic given its scheduling choices (core/choices.hpp: the order of each
// batch, of identical deadlines, of a cancellation's fan-out). The explorer walks the tree
// of those choices depth first: it replays a choice prefix, lets the run take option 0 past
// it, records the options offered at every point, and moves to the next untried option of
// the deepest point. Runs are grouped by outcome: the transcript under the comparison rule
// of transcript-format.md (each task's own lines in order, and the <run> line), which is
// how the golden tests compare with real Trio.
//
// Pruning, and what it assumes. At the start of every loop iteration the explorer takes a
// fingerprint of the run's state (core/choices.hpp, StateFingerprint). When a schedule
// reaches a state whose whole subtree was explored already, the run stops there and that
// subtree's outcomes (and schedule counts, and shortest continuations) are reused; that is
// what makes batches whose order does not matter cheap: their two orders meet again in the
// same state, one batch or a few later. This is sound when a task's private state (its
// variables and where it is in its code) follows from its own recorded events, i.e. every
// value a task gets from elsewhere arrives through an event of its own (how it was woken,
// what it caught, what it printed, what it slept until...). Scenario programs have that
// property: the language has no way to branch on, or keep, a value that never shows in the
// task's events. A C++ program whose tasks share plain C++ variables does not: explore it
// with merge_states = false. Fingerprints are 128-bit hashes; two different states with the
// same fingerprint (odds about n^2 / 2^129 for n states) would be merged wrongly.
//
// The report never presents a guess as a proof: it is exhaustive only when every schedule
// was accounted for (run to its end, or reaching a state already explored in full).
// An outcome's shortest schedule that continues into a remembered subtree is replayed once
// at the end, on its own, and must give that outcome again (Report::problem says so if it
// ever does not).
//
// Threads: explore() uses only its arguments and thread-local engine state, so it may run
// on a background thread while another thread runs the engine; Progress is the only thing
// shared, and it is made of atomics. BackgroundExploration (background.hpp) does this.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/runner.hpp"

namespace trioscope::explore {

// One run of the program under exploration, taking every choice from `choices`.
using Program = std::function<trio::RunResult(trio::ChoiceSource& choices)>;

struct Options {
  std::uint64_t max_runs = 0;   // stop after this many runs (0: no limit)
  double max_seconds = 0;       // stop after this much wall-clock time (0: no limit)
  bool merge_states = true;     // prune by state fingerprints (see above for what it assumes)
  // Memory for explored subtrees (their shortest continuations); past it no more states
  // are remembered, which costs time, never correctness.
  std::size_t memo_bytes = std::size_t(256) << 20;
};

struct Outcome {
  std::string key;         // the canonical transcript (outcome_key): what tells outcomes apart
  std::string transcript;  // the transcript of `schedule`'s run
  trio::RunEnd end = trio::RunEnd::returned;
  std::vector<std::uint32_t> schedule;  // the shortest schedule that ends this way
  std::string schedule_text;            // its written form, for --schedule / ReplayChoices
  std::uint64_t schedules = 0;          // how many schedules end this way
};

enum class Stop : std::uint8_t { exhaustive, max_runs, max_seconds, cancelled, failed };

struct Report {
  std::vector<Outcome> outcomes;  // ordered by their shortest schedule (the fifo run's first)
  Stop stop = Stop::exhaustive;
  std::uint64_t runs = 0;       // program runs started (to their end, or to a known state)
  std::uint64_t schedules = 0;  // complete schedules accounted for
  std::uint64_t merged = 0;     // runs that stopped at a state explored already
  std::uint64_t choice_points = 0;  // deepest schedule seen, in choices
  double seconds = 0;
  std::string problem;  // a self-check failed (the program is not deterministic, ...)

  bool exhaustive() const { return stop == Stop::exhaustive; }
  // "2 distinct outcomes over 6 schedules (exhaustive)" / "at least 2 ... (bounded)".
  std::string summary() const;
  // How that was established: "every one of the 6 schedules was accounted for: ..." or
  // "stopped after 1000 runs (the run limit), ...".
  std::string details() const;
};

// Readable from any thread while an exploration runs; `cancel` stops it soon after
// (within one run).
struct Progress {
  std::atomic<std::uint64_t> runs{0};
  std::atomic<std::uint64_t> schedules{0};
  std::atomic<std::uint64_t> outcomes{0};
  std::atomic<bool> cancel{false};
};

Report explore(const Program& program, const Options& options = {}, Progress* progress = nullptr);

// The comparison rule's canonical form of a run's transcript: for every task, in label
// order, its own lines in order; then nothing else (the <run> line is the task "<run>").
std::string outcome_key(const trio::Trace& trace);

}  // namespace trioscope::explore
