// The misconceptions the questions offer as wrong choices, each stated once, with the
// lesson it belongs to and what Trio really does. A question uses one only where its lesson's
// shape makes the belief predict something the run does not do.
#pragma once

#include <cstdint>
#include <vector>

namespace trioscope::teach {

enum class Misconception : std::uint8_t {
  sibling_killed_at_once,       // "the failing child's sibling is killed at once"
  except_catches_child_error,   // "`except ValueError` catches a child's ValueError"
  nursery_ends_with_body,       // "the nursery ends when its body ends"
  time_sleep_lets_others_run,   // "`time.sleep` lets other tasks run"
  start_soon_runs_immediately,  // "`start_soon` runs the child immediately"
  children_run_in_turn,         // "the children run one after another"
  error_waits_for_siblings,     // "the error waits until the other children are done"
  errors_stay_in_their_task,    // "a child's error ends only that child"
  swallowing_stops_cancellation,  // "catching Cancelled ends the cancellation"
  cleanup_always_finishes,      // "a finally block always runs to its end"
  only_first_error_kept,        // "when two children fail, only the first error comes out"
  cancel_waits_for_sleep,       // "a cancelled task finishes its sleep first"
};

struct MisconceptionInfo {
  Misconception id;
  const char* belief;  // what a student believes, in their words
  const char* lesson;  // the bundled lesson that shows it wrong (file name without .json)
  const char* truth;   // one line: why it is wrong, what Trio does
};

const MisconceptionInfo& misconception(Misconception m);
const std::vector<MisconceptionInfo>& all_misconceptions();

}  // namespace trioscope::teach
