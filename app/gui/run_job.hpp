// Runs of a scenario made off the UI thread: the outcomes an exploration found, replayed
// from their schedules (their printed lines), and the two runs the Compare window puts side
// by side (with what their views need: playback, listing blocks, timeline layout).
//
// The engine never runs while a frame draws: the job runs on its own thread and, once
// done(), hands over everything it made; only then does the UI thread read it.
//
//   RunJob job({{scenario, overrides, listing}, ...}, /*views=*/true);
//   ... each frame: if (job.done()) use(job.runs());
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/runner.hpp"
#include "scenario/ast.hpp"
#include "scenario/interpreter.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::gui {

struct RunRequest {
  scenario::Scenario scenario;
  scenario::RunOverrides overrides;
  std::string listing;  // the program's listing (its blocks quote lines in captions)
};

// One finished run and what was derived from it.
struct PreparedRun {
  trio::RunResult result;
  std::vector<std::string> lines;  // explore::output_lines: what it printed, how it ended
  // With views: the listing's blocks, the playback and a timeline layout. All runs of one
  // job share the timeline's seconds per axis unit, so that their lanes stack on one axis
  // (instants widened: the axis is not to scale).
  std::unique_ptr<view::SourceBlocks> blocks;
  std::unique_ptr<view::Playback> playback;
  std::unique_ptr<view::TimelineLayout> timeline;
};

class RunJob {
 public:
  RunJob(std::vector<RunRequest> requests, bool views);
  ~RunJob();  // cancels (between runs) and waits for the thread
  RunJob(const RunJob&) = delete;
  RunJob& operator=(const RunJob&) = delete;

  bool done() const { return done_.load(std::memory_order_acquire); }
  void cancel() { cancel_.store(true); }
  // Blocks until done (screenshots: the picture must not depend on the thread's speed).
  void wait();
  // Once done(): one per request, in order (fewer when cancelled).
  std::vector<PreparedRun>& runs() { return runs_; }

 private:
  std::vector<PreparedRun> runs_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace trioscope::gui
