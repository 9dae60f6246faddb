#include "teach/misconceptions.hpp"

namespace trioscope::teach {

const std::vector<MisconceptionInfo>& all_misconceptions() {
  static const std::vector<MisconceptionInfo> kAll = {
      {Misconception::sibling_killed_at_once, "The failing child's sibling is killed at once.",
       "03_child_trips_strict_groups",
       "Trio never kills a task: it raises Cancelled inside it at its next checkpoint, so its except and finally "
       "blocks still run."},
      {Misconception::except_catches_child_error, "`except ValueError` catches a child's ValueError.",
       "03_child_trips_strict_groups",
       "With strict exception groups the nursery raises an ExceptionGroup, even for one error, and `except ValueError` "
       "does not match a group; `except* ValueError` does."},
      {Misconception::nursery_ends_with_body, "The nursery ends when its body ends.", "01_first_nursery",
       "At the end of `async with` the parent waits until every child in the nursery has finished."},
      {Misconception::time_sleep_lets_others_run, "`time.sleep` lets other tasks run.",
       "05_blocking_call_freezes_everyone",
       "time.sleep never returns control to Trio: the whole program freezes, timers included, until it returns."},
      {Misconception::start_soon_runs_immediately, "`start_soon` runs the child immediately.",
       "07_passing_the_nursery",
       "start_soon only schedules the child; it first runs when the parent reaches a checkpoint, such as the end of "
       "`async with`."},
      {Misconception::children_run_in_turn, "The children run one after another.", "01_first_nursery",
       "Children of a nursery run at the same time: while one sleeps, the others run."},
      {Misconception::error_waits_for_siblings, "The error waits until the other children are done.",
       "03_child_trips_strict_groups",
       "A child's error cancels the whole nursery at once; its siblings get Cancelled at their next checkpoint."},
      {Misconception::errors_stay_in_their_task, "A child's error ends only that child; its siblings carry on.",
       "02_child_trips_loose_groups",
       "In a nursery an error is everyone's business: it cancels the siblings and comes out at the `async with`."},
      {Misconception::swallowing_stops_cancellation, "Catching Cancelled ends the cancellation.",
       "14_swallowed_cancelled",
       "The scope stays cancelled: the very next checkpoint raises Cancelled again."},
      {Misconception::cleanup_always_finishes, "A finally block always runs to its end.", "10_shielded_cleanup",
       "In a cancelled scope every await in the finally block raises Cancelled at once; only a shielded scope lets "
       "the cleanup finish."},
      {Misconception::only_first_error_kept, "When two children fail, only the first error comes out.",
       "12_two_failures_except_star",
       "The nursery loses no error: it raises one ExceptionGroup holding all of them."},
      {Misconception::cancel_waits_for_sleep, "A timeout waits for the sleep inside it to finish.", "08_move_on_after",
       "A cancellation does not wait: a task asleep in the cancelled scope wakes at once, its sleep raising "
       "Cancelled there and then."},
  };
  return kAll;
}

const MisconceptionInfo& misconception(Misconception m) { return all_misconceptions()[static_cast<std::size_t>(m)]; }

}  // namespace trioscope::teach
