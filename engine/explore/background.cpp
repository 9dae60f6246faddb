#include "explore/background.hpp"

namespace trioscope::explore {

Program scenario_program(scenario::Scenario s, scenario::RunOverrides o) {
  auto shared = std::make_shared<const scenario::Scenario>(std::move(s));
  o.schedule.reset();
  return [shared, o](trio::ChoiceSource& choices) { return scenario::run_scenario(*shared, o, choices); };
}

Report explore_scenario(const scenario::Scenario& s, const scenario::RunOverrides& o, const Options& options,
                        Progress* progress) {
  return explore(scenario_program(s, o), options, progress);
}

BackgroundExploration::BackgroundExploration(scenario::Scenario s, scenario::RunOverrides o, Options options) {
  Program program = scenario_program(std::move(s), std::move(o));
  thread_ = std::thread([this, program = std::move(program), options] {
    report_ = explore(program, options, &progress_);
    done_.store(true, std::memory_order_release);
  });
}

BackgroundExploration::~BackgroundExploration() {
  cancel();
  if (thread_.joinable()) thread_.join();
}

}  // namespace trioscope::explore
