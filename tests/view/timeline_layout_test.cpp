// The timeline geometry: lanes, spans, marks, arrows and the stretched time axis.
#include <gtest/gtest.h>

#include "engine_run.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::view {
namespace {

using testing::Resilient;

TEST(TimeAxis, EventsTakeSlotsAndTimeStretchesBetweenInstants) {
  Resilient r;
  const TimeAxis a = build_time_axis(r.trace(), {.event_width = 1, .time_share = 0.6});
  ASSERT_EQ(a.event_x.size(), r.trace().events.size());
  for (std::size_t i = 1; i < a.event_x.size(); ++i) EXPECT_GE(a.event_x[i] - a.event_x[i - 1], 1.0);
  ASSERT_EQ(a.ticks.size(), 2u);
  // Time takes 60 % of the width: the 1 s jump spans 1.5 x the number of events.
  const double n = static_cast<double>(r.trace().events.size());
  EXPECT_NEAR(a.seconds, 1.5 * n, 1e-9);
  EXPECT_NEAR(a.ticks[1].x - a.event_x[a.ticks[1].first_event - 1], 1 + a.seconds, 1e-9);
  // Round trip: the step at an event's x is that event.
  for (int i = 0; i < static_cast<int>(n); ++i) EXPECT_EQ(a.step_at(a.x_of(i) + 0.25), i);
  EXPECT_EQ(a.step_at(-1), -1);
  EXPECT_DOUBLE_EQ(a.time_at(a.ticks[1].x), 1.0);
  EXPECT_GT(a.time_at(a.ticks[1].x - a.seconds * 0.5), 0.0);
}

TEST(Timeline, OneLanePerTaskInSpawnTreeOrder) {
  Resilient r;
  const TimelineLayout t = build_timeline(r.trace());
  ASSERT_EQ(t.lanes.size(), 3u);
  EXPECT_EQ(t.lanes[0].task, r.parent);
  EXPECT_EQ(t.lanes[0].depth, 0);
  EXPECT_EQ(t.lanes[1].task, r.well);
  EXPECT_EQ(t.lanes[1].depth, 1);
  EXPECT_EQ(t.lanes[2].task, r.problem);
}

TEST(Timeline, SpansFollowTheStatesOfTheTask) {
  Resilient r;
  const TimelineLayout t = build_timeline(r.trace());
  const Lane& well = t.lanes[t.lane_of_task[r.well]];
  std::vector<DisplayState> states;
  for (const Span& s : well.spans) {
    EXPECT_LT(s.x0, s.x1);
    states.push_back(s.state);
  }
  // runnable, running, sleeping, cancel pending (sleeping, then woken), running with
  // Cancelled... then cancelled: the lane ends there.
  ASSERT_GE(states.size(), 4u);
  EXPECT_EQ(states[0], DisplayState::runnable);
  EXPECT_EQ(states[1], DisplayState::running);
  EXPECT_EQ(states[2], DisplayState::sleeping);
  EXPECT_EQ(states[3], DisplayState::cancel_pending);
  EXPECT_EQ(states.back(), DisplayState::raising);
  for (std::size_t i = 1; i < well.spans.size(); ++i) EXPECT_DOUBLE_EQ(well.spans[i].x0, well.spans[i - 1].x1);
  // The cancel-pending span starts where the nursery's scope was cancelled.
  EXPECT_DOUBLE_EQ(well.spans[3].x0, t.axis.x_of(r.cancelled_scope));
  EXPECT_DOUBLE_EQ(well.spans.back().x1, t.axis.x_of(r.well_finished));
}

TEST(Timeline, MarksAndArrowsTellTheStory) {
  Resilient r;
  const TimelineLayout t = build_timeline(r.trace());
  auto has_mark = [&](int task, MarkKind k, int event) {
    for (const Mark& m : t.lanes[t.lane_of_task[task]].marks)
      if (m.kind == k && m.event == event) return true;
    return false;
  };
  EXPECT_TRUE(has_mark(r.problem, MarkKind::raise, r.raised));
  EXPECT_TRUE(has_mark(r.well, MarkKind::cancel_hit, r.delivered));
  EXPECT_TRUE(has_mark(r.parent, MarkKind::reraise, r.reraise));
  EXPECT_TRUE(has_mark(r.parent, MarkKind::caught, r.caught));
  EXPECT_TRUE(has_mark(r.parent, MarkKind::cancel, r.cancelled_scope));

  int spawns = 0, cancels = 0, exceptions = 0;
  for (const Arrow& a : t.arrows) {
    switch (a.kind) {
      case ArrowKind::spawn:
        ++spawns;
        EXPECT_EQ(a.lane0, t.lane_of_task[r.parent]);
        break;
      case ArrowKind::cancel:
        ++cancels;
        EXPECT_DOUBLE_EQ(a.x0, t.axis.x_of(r.cancelled_scope));
        EXPECT_DOUBLE_EQ(a.x1, t.axis.x_of(r.delivered));
        EXPECT_EQ(a.lane1, t.lane_of_task[r.well]);
        break;
      case ArrowKind::exception:
        ++exceptions;
        EXPECT_EQ(a.lane0, t.lane_of_task[r.problem]);
        EXPECT_EQ(a.lane1, t.lane_of_task[r.parent]);
        // It reaches the parent where the nursery closes with it (the re-raise follows).
        EXPECT_EQ(a.event, r.closed);
        break;
    }
  }
  EXPECT_EQ(spawns, 2);
  EXPECT_EQ(cancels, 1);
  EXPECT_EQ(exceptions, 1);  // the sibling's Cancelled is not drawn as an error
}

TEST(Timeline, RangeQueriesFindWhatIsOnScreen) {
  Resilient r;
  const TimelineLayout t = build_timeline(r.trace());
  const Lane& well = t.lanes[t.lane_of_task[r.well]];
  const double x = t.axis.x_of(r.sleeping_well) + 0.5;
  auto [f, l] = well.spans_in(x, x);
  ASSERT_EQ(l - f, 1u);
  EXPECT_EQ(well.spans[f].state, DisplayState::sleeping);
  auto [mf, ml] = well.marks_in(0, t.axis.end_x);
  EXPECT_EQ(ml - mf, well.marks.size());
  auto [af, al] = t.arrows_in(t.axis.x_of(r.delivered), t.axis.x_of(r.delivered));
  bool found_cancel = false;
  for (std::size_t i = af; i < al; ++i) found_cancel |= t.arrows[i].kind == ArrowKind::cancel;
  EXPECT_TRUE(found_cancel);
}

}  // namespace
}  // namespace trioscope::view
