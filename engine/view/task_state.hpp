// What a task is doing at one step, in the words, icons and colour roles the screen uses.
//
// Every state has a word and an icon as well as a colour, because a projector washes colours
// out and some students cannot tell red from green: colour is never the only signal.
#pragma once

#include <cstdint>
#include <string>

namespace trioscope::view {

// Where a task is in its life, as far as the scheduler is concerned. `running` is the one
// task Trio is executing right now; the waiting states say what would make it runnable.
enum class TaskPhase : std::uint8_t {
  absent,            // not spawned yet at this step
  runnable,          // in the run queue, will run in a coming batch
  running,           // executing its step right now
  sleeping,          // trio.sleep / sleep_forever: until `until` (inf: forever)
  blocking,          // time.sleep: the whole event loop is frozen until `until`
  waiting_children,  // at the end of `async with open_nursery()`, for `count` children
  waiting_start,     // in `await nursery.start(...)`, for the child to call started()
  finished,          // returned
  crashed,           // ended with an exception other than Cancelled
  cancelled,         // ended with Cancelled
};

// What the screen shows: the phase, refined by what the task carries. A task whose scope is
// cancelled but that has not reached a checkpoint yet is `cancel_pending`; one with an
// exception unwinding it is `raising`; one inside an except block is `handling`.
enum class DisplayState : std::uint8_t {
  absent, runnable, running, sleeping, blocking, waiting_children, waiting_start,
  cancel_pending, raising, handling, finished, crashed, cancelled,
};
inline constexpr int kDisplayStateCount = 13;

// The colour roles of the palette (palette.hpp), one per display state plus the roles the
// timeline, the tree and the effects need.
enum class ColorRole : std::uint8_t {
  absent, runnable, running, sleeping, blocking, waiting, cancel_pending, raising, handling,
  finished, crashed, cancelled,
  // not task states
  scope_frame, scope_cancelled, shield, deadline, nursery_frame, exception, cancellation,
  spawn, output, checkpoint, playhead, text, text_muted, background, panel,
};
inline constexpr int kColorRoleCount = 27;

ColorRole color_role(DisplayState s);
// One word (or two) for the state: "running", "sleeping", "cancel pending"...
const char* state_word(DisplayState s);
// A glyph from DejaVu Sans (UTF-8), so that state is readable without colour.
const char* state_icon(DisplayState s);
bool is_terminal(DisplayState s);

// "1.0", "0.25", "3.0": virtual seconds as the app prints them (six decimals at most, like
// the transcript, without its trailing zeros); "forever" for infinity.
std::string format_seconds(double seconds);

}  // namespace trioscope::view
