// Exploring a scenario, on the caller's thread or in the background.
//
// The app runs the explorer while the UI keeps drawing: BackgroundExploration owns copies
// of everything it uses (the scenario, the overrides, the options), runs on its own
// thread, and shares only Progress (atomics) and, once finished, the Report.
//
//   explore::BackgroundExploration job(scenario, overrides, {.max_seconds = 10});
//   ... each frame: job.progress().schedules.load(), job.done() ...
//   if (job.done()) show(*job.report());
//   job.cancel();  // or let the destructor cancel and join
#pragma once

#include <memory>
#include <optional>
#include <thread>

#include "explore/explorer.hpp"
#include "scenario/ast.hpp"
#include "scenario/interpreter.hpp"

namespace trioscope::explore {

// A Program that runs (its own copy of) the scenario with these overrides; `scheduling`,
// `seed` and `schedule` of the overrides do not apply, the explorer decides every choice.
Program scenario_program(scenario::Scenario s, scenario::RunOverrides o = {});

// explore(scenario_program(s, o), options, progress)
Report explore_scenario(const scenario::Scenario& s, const scenario::RunOverrides& o = {},
                        const Options& options = {}, Progress* progress = nullptr);

class BackgroundExploration {
 public:
  BackgroundExploration(scenario::Scenario s, scenario::RunOverrides o, Options options);
  ~BackgroundExploration();  // cancels and waits for the thread
  BackgroundExploration(const BackgroundExploration&) = delete;
  BackgroundExploration& operator=(const BackgroundExploration&) = delete;

  const Progress& progress() const { return progress_; }
  void cancel() { progress_.cancel.store(true); }
  bool done() const { return done_.load(std::memory_order_acquire); }
  // The report once done() (a cancelled exploration reports what it found); null before.
  const Report* report() const { return done() ? &report_ : nullptr; }

 private:
  Progress progress_;
  Report report_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace trioscope::explore
