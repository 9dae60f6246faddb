// The key steps of a run: the teaching moments a class stops at. One definition serves the
// app's jumps to the next and previous key moment, the exports of key steps (a deck, a
// handout) and the teaching mode.
//
//   children spawned      a parent has started its children (the last start_soon of a burst)
//   first print           the program's first output
//   raise                 an exception raised in a task (Cancelled is counted where it is
//                         delivered)
//   cancellation          a cancel scope is cancelled: it reaches every task inside
//   Cancelled delivered   a task gets Cancelled at its checkpoint
//   group formed          a nursery combines its errors
//   re-raise              the nursery's error leaves its `async with` in the parent
//   handler entered       an except / except* block catches it
//   end of the run        the last step: trio.run returned, raised, or could not finish
//
// A run with thousands of tasks would have thousands of "Cancelled delivered" at one
// instant; more than kMaxSameMoment moments of one kind in a row at the same virtual time
// keep only the first and the last, so that a class sees it begin and end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/trace.hpp"

namespace trioscope::view {

enum class KeyMoment : std::uint8_t {
  children_spawned,
  first_print,
  raised,
  cancellation,
  cancel_delivered,
  group_formed,
  nursery_reraise,
  handler_entered,
  run_end,
};
// "children spawned", "Cancelled delivered", ...
const char* key_moment_name(KeyMoment m);

struct KeyStep {
  std::int32_t step = -1;
  KeyMoment moment = KeyMoment::run_end;
  bool operator==(const KeyStep&) const = default;
};

inline constexpr std::size_t kMaxSameMoment = 3;

// The key steps of `trace`, in step order (each step at most once).
std::vector<KeyStep> key_steps(const trio::Trace& trace);

// The first key step after `step`, and the last one before it (none: nothing to jump to).
std::optional<std::int32_t> next_key_step(const std::vector<KeyStep>& keys, std::int32_t step);
std::optional<std::int32_t> prev_key_step(const std::vector<KeyStep>& keys, std::int32_t step);

}  // namespace trioscope::view
