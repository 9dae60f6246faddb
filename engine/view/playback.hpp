// Playback over a recorded trace: reach any step, forwards or backwards, at once.
//
// Step N is the state after events[0..N]; step -1 is before the run. Seeking copies the
// nearest stored snapshot at or before N and applies the events after it, so a seek costs
// one snapshot copy plus at most K events however long the trace is. K is chosen so that
// the stored snapshots stay within a memory budget: small runs keep one every 256 events,
// a 10,000-task run fewer and bigger ones.
//
//   Playback pb(trace, {.blocks = &blocks});
//   const Snapshot& s = pb.seek(42);      // state after event 42
//   pb.next_instant(42)                   // last step of the next virtual instant
#pragma once

#include <cstdint>
#include <vector>

#include "core/trace.hpp"
#include "view/snapshot.hpp"
#include "view/source_blocks.hpp"

namespace trioscope::view {

// A run of consecutive events at the same virtual time.
struct Instant {
  double time = 0;
  std::int32_t first = 0;  // first event
  std::int32_t last = 0;   // last event
};

class Playback {
 public:
  struct Options {
    std::int32_t interval = 0;  // events between stored snapshots; 0: chosen from the budget
    std::size_t memory_budget = 96u << 20;  // bytes for stored snapshots
    const SourceBlocks* blocks = nullptr;   // must outlive the Playback
  };

  explicit Playback(const trio::Trace& trace);
  Playback(const trio::Trace& trace, Options options);

  const trio::Trace& trace() const { return *trace_; }
  std::int32_t size() const { return static_cast<std::int32_t>(trace_->events.size()); }
  std::int32_t last_step() const { return size() - 1; }

  // The state after event `step` (clamped to [-1, last_step]). The reference stays valid
  // until the next seek.
  const Snapshot& seek(std::int32_t step);
  const Snapshot& current() const { return current_; }
  std::int32_t step() const { return current_.step; }
  // A copy of the state at `step`, leaving the current position alone.
  Snapshot snapshot_at(std::int32_t step) const;

  // ---- navigation by virtual time ----
  const std::vector<Instant>& instants() const { return instants_; }
  std::int32_t instant_of(std::int32_t step) const;  // index into instants(); -1 for step -1
  // The last step of the next instant after the one `step` ends in (end of the current
  // instant when `step` is in its middle).
  std::int32_t next_instant(std::int32_t step) const;
  // The last step of the instant before the one `step` is in (-1 when none).
  std::int32_t prev_instant(std::int32_t step) const;

  // ---- indexes over the whole trace ----
  const std::vector<std::int32_t>& prints() const { return prints_; }  // print events
  std::int32_t prints_until(std::int32_t step) const;  // how many prints are at <= step
  // exception_to_nursery events of `nursery`, in order.
  const std::vector<std::int32_t>& nursery_errors(std::int32_t nursery) const;
  std::int32_t interval() const { return interval_; }
  std::size_t stored_bytes() const;

 private:
  void build();
  void advance_to(Snapshot& s, std::int32_t step) const;

  const trio::Trace* trace_;
  Options options_;
  std::int32_t interval_ = 256;
  std::vector<Snapshot> stored_;  // stored_[k]: state after event k * interval_ - 1
  Snapshot current_;
  std::vector<Instant> instants_;
  std::vector<std::int32_t> prints_;
  std::vector<std::vector<std::int32_t>> nursery_errors_;
};

}  // namespace trioscope::view
