#include "gui/run_job.hpp"

#include <algorithm>
#include <chrono>

#include "explore/compare.hpp"

namespace trioscope::gui {

RunJob::RunJob(std::vector<RunRequest> requests, bool views) {
  thread_ = std::thread([this, requests = std::move(requests), views] {
    for (const RunRequest& r : requests) {
      if (cancel_.load()) break;
      PreparedRun p;
      p.result = scenario::run_scenario(r.scenario, r.overrides);
      p.lines = explore::output_lines(p.result.trace);
      if (views) p.blocks = std::make_unique<view::SourceBlocks>(r.listing);
      runs_.push_back(std::move(p));
    }
    if (views && !cancel_.load()) {
      // One axis for all: the most seconds per unit any run would take alone, so that the
      // longest run still gives time passing its share, and events before the runs part
      // fall at the same x in each.
      // Instants are widened: runs of one program part at an instant far more often than
      // between two.
      const view::TimelineOptions base = view::widened_timeline();
      double seconds = 0;
      for (const PreparedRun& p : runs_) seconds = std::max(seconds, view::build_time_axis(p.result.trace, base).seconds);
      for (PreparedRun& p : runs_) {
        p.playback = std::make_unique<view::Playback>(p.result.trace, view::Playback::Options{.blocks = p.blocks.get()});
        view::TimelineOptions o = base;
        o.seconds = seconds;
        p.timeline = std::make_unique<view::TimelineLayout>(view::build_timeline(p.result.trace, o, p.blocks.get()));
      }
    }
    done_.store(true, std::memory_order_release);
  });
}

RunJob::~RunJob() {
  cancel();
  if (thread_.joinable()) thread_.join();
}

void RunJob::wait() {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace trioscope::gui
