// The timeline as geometry: one lane per task along virtual time, coloured spans for its
// states, marks for checkpoints, cancellations, exceptions and prints, and arrows for
// spawns, cancellations and exceptions travelling between lanes.
//
// Units are abstract: x is "axis units", y is a lane index. The screen maps them with its
// zoom and pan; an SVG or PNG exporter maps them with its page size. Nothing here knows
// about pixels or fonts.
//
// The x axis is virtual time. Much of what a Trio program does happens at one instant (at
// t = 1 a child raises, its nursery cancels the siblings, they unwind...), which a plain
// time axis would pile into one vertical line. So every event takes a slot of
// `event_width`, and time passing adds `seconds` x units per virtual second, chosen so
// that time passing takes `time_share` of the whole width. By default that share is so
// large that the axis is to scale (a 10 s freeze is ten 1 s waits wide) and an instant's
// steps share a sliver that zooming opens up; the widened view gives instants more room
// and says that it is not to scale.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/trace.hpp"
#include "view/source_blocks.hpp"
#include "view/task_state.hpp"

namespace trioscope::view {

// Time to scale (the default), and instants widened to show their steps.
inline constexpr double kTrueTimeShare = 0.95;
inline constexpr double kWidenedTimeShare = 0.45;

struct TimelineOptions {
  double event_width = 1.0;
  double time_share = kTrueTimeShare;  // of the total width given to the passing of virtual time
  // x units per virtual second, when two runs must share one axis (0: from time_share).
  double seconds = 0;
  bool operator==(const TimelineOptions&) const = default;
};
inline TimelineOptions widened_timeline() { return {.time_share = kWidenedTimeShare}; }

struct TimeAxis {
  struct Tick {
    double x = 0;      // where the instant starts
    double time = 0;
    std::int32_t first_event = 0;
  };
  std::vector<double> event_x;  // x of each event
  std::vector<Tick> ticks;      // one per instant
  double seconds = 0;           // x units per virtual second
  double event_width = 1;
  double end_x = 0;             // just after the last event

  // x of step (-1: 0, the start).
  double x_of(std::int32_t step) const;
  // The step whose slot contains x: the last event at or left of x (-1 before the first).
  std::int32_t step_at(double x) const;
  // Virtual time at x (for the axis labels between ticks).
  double time_at(double x) const;
  // Where virtual time `t` falls: the start of its instant, or between two instants where
  // time passes (the inverse of time_at there).
  double x_at_time(double t) const;
};

enum class MarkKind : std::uint8_t {
  checkpoint,      // schedule_point
  sleep,           // sleeping (a checkpoint that blocks)
  block,           // blocking_started: time.sleep
  spawn,           // task_spawned (on the child's lane)
  cancel,          // scope_cancelled (on the lane of the task that owns the scope)
  cancel_hit,      // cancel_delivered
  raise,           // raised
  reraise,         // nursery_reraise
  caught,          // handler_entered
  crash,           // task_finished with an error
  print,           // print
};
ColorRole mark_role(MarkKind k);
// What a mark means, in a word or two, for the legend: "raise", "Cancelled", "print".
const char* mark_word(MarkKind k);
// Lower draws first; when marks share a pixel the higher one wins.
int mark_priority(MarkKind k);

struct Mark {
  double x = 0;
  std::int32_t event = -1;
  MarkKind kind = MarkKind::checkpoint;
};

struct Span {
  double x0 = 0, x1 = 0;
  DisplayState state = DisplayState::runnable;
};

struct Lane {
  std::int32_t task = -1;
  std::int32_t depth = 0;  // nesting in the spawn tree (main: 0)
  std::vector<Span> spans;  // ordered, not overlapping
  std::vector<Mark> marks;  // ordered by x
  // The spans / marks that overlap [x0, x1], as index ranges [first, last).
  std::pair<std::size_t, std::size_t> spans_in(double x0, double x1) const;
  std::pair<std::size_t, std::size_t> marks_in(double x0, double x1) const;
};

enum class ArrowKind : std::uint8_t { spawn, cancel, exception };

struct Arrow {
  double x0 = 0, x1 = 0;
  std::int32_t lane0 = 0, lane1 = 0;
  std::int32_t event = -1;  // the event at the head (what clicking it jumps to)
  ArrowKind kind = ArrowKind::spawn;
};

// A sleeper woken after its deadline: time.sleep had the loop frozen when the sleep was
// due, so nothing happened at that time and the axis has no instant for it. The screen
// marks the deadline and the wait past it.
struct Overdue {
  double x_due = 0;         // where the deadline falls on the axis
  double x_woken = 0;       // the woken event
  double time = 0;          // the deadline
  std::int32_t lane = -1;
  std::int32_t event = -1;  // the woken event
};

struct TimelineLayout {
  TimeAxis axis;
  std::vector<Overdue> overdue;           // ordered by x_due
  std::vector<Lane> lanes;                // in display order: the spawn tree, depth first
  std::vector<std::int32_t> lane_of_task;  // task id -> lane index
  std::vector<Arrow> arrows;              // ordered by min(x0, x1)
  double max_arrow_span = 0;              // widest |x1 - x0|, to find arrows near a range
  std::uint32_t states_used = 0;          // bit (1 << DisplayState) for each state a span shows
  std::uint32_t marks_used = 0;           // bit (1 << MarkKind) for each kind of mark

  // Arrows that may cross [x0, x1], as an index range into `arrows`.
  std::pair<std::size_t, std::size_t> arrows_in(double x0, double x1) const;
};

// The lanes step `step` involves: its task's, and both ends of every arrow it draws (a
// spawn, a cancellation reaching tasks, an exception going to its nursery's parent).
// `acting` is the task's lane (-1: none); [first, last] spans them all.
struct InvolvedLanes {
  std::int32_t acting = -1, first = -1, last = -1;
};
InvolvedLanes involved_lanes(const TimelineLayout& tl, const trio::Trace& trace, std::int32_t step);

TimeAxis build_time_axis(const trio::Trace& trace, const TimelineOptions& options = {});
TimelineLayout build_timeline(const trio::Trace& trace, const TimelineOptions& options = {},
                              const SourceBlocks* blocks = nullptr);

}  // namespace trioscope::view
