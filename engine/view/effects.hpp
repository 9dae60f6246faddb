// What moves on screen when the view arrives at a step: the animation, described without
// pixels. The screen resolves each anchor to a box of its tree layout and draws the effect
// over `length` (a fraction of the animation time) starting at `delay`.
//
// The stories the effects tell:
//   scope_cancelled        a "Cancelled" token travels from the cancelled scope down to
//                          every task the cancellation reaches (the nearest first)
//   exception_to_nursery   the exception travels from the failing task up to its nursery
//   group_formed           the nursery's errors gather into one group
//   nursery_reraise        the group travels from the nursery to the `async with` of the
//                          parent task
//   handler_entered        the exception lands in the handler ("caught")
//   run_finished (error)   the exception flies out of trio.run
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "view/snapshot.hpp"
#include "view/task_state.hpp"

namespace trioscope::view {

enum class AnchorKind : std::uint8_t {
  none,
  task,            // a task's box
  nursery,         // a nursery's box (its header)
  nursery_errors,  // the row of errors a nursery holds
  scope,           // a cancel scope's frame
  run_exit,        // the top edge of the tree: out of trio.run
};

struct Anchor {
  AnchorKind kind = AnchorKind::none;
  std::int32_t id = -1;
  bool operator==(const Anchor&) const = default;
};

enum class EffectKind : std::uint8_t {
  travel,  // a labelled token moves from `from` to `to`
  burst,   // a ring grows out of `to`, with the label
  gather,  // tokens converge on `to` (a group assembling)
};

struct Effect {
  EffectKind kind = EffectKind::burst;
  Anchor from, to;
  ColorRole role = ColorRole::text;
  std::string label;
  float delay = 0;   // fraction of the animation before it starts
  float length = 1;  // fraction of the animation it lasts
};

// The effects of arriving at `after.step` from the step before it.
std::vector<Effect> effects_for_step(const trio::Trace& trace, const Snapshot& before, const Snapshot& after);

class Playback;
class SourceBlocks;
// The effects of moving from step `from` to `to`. Forwards, the events stepped over tell
// their story in order, each in its own slice of the animation; a long jump (more than 48
// events) or going back only morphs the tree, and has none.
std::vector<Effect> effects_between(const trio::Trace& trace, const Playback& playback, const SourceBlocks* blocks,
                                    std::int32_t from, std::int32_t to);

}  // namespace trioscope::view
