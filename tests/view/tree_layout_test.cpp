// The nursery tree as boxes: containment, wrapping, texts and the crowded-nursery chips.
#include <gtest/gtest.h>

#include "engine_run.hpp"
#include "view/effects.hpp"
#include "view/playback.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {
namespace {

using testing::EngineRun;
using testing::Resilient;
using K = trio::EventKind;

bool inside(const TreeBox& in, const TreeBox& out) {
  return in.x >= out.x && in.y >= out.y + out.header_h - 0.01f && in.x + in.w <= out.x + out.w + 0.01f &&
         in.y + in.h <= out.y + out.h + 0.01f;
}

bool overlap(const TreeBox& a, const TreeBox& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

TEST(TreeLayout, TasksSitInsideTheirNurseryInsideTheParent) {
  Resilient r;
  Playback pb(r.trace());
  const TreeLayout tl = layout_tree(r.trace(), pb.seek(r.sleeping_well), approximate_metrics(18), {.playback = &pb});
  const TreeBox* parent = tl.find(BoxKind::task, r.parent);
  const TreeBox* nursery = tl.find(BoxKind::nursery, r.nursery);
  const TreeBox* well = tl.find(BoxKind::task, r.well);
  const TreeBox* problem = tl.find(BoxKind::task, r.problem);
  ASSERT_TRUE(parent && nursery && well && problem);
  EXPECT_TRUE(inside(*nursery, *parent));
  EXPECT_TRUE(inside(*well, *nursery));
  EXPECT_TRUE(inside(*problem, *nursery));
  EXPECT_FALSE(overlap(*well, *problem));
  EXPECT_EQ(well->detail, "\xE2\x98\xBE sleeping until t = 3.0");
  EXPECT_EQ(parent->detail, "\xE2\x97\xB7 waiting for 2 children");
  EXPECT_EQ(well->line, r.sleep_line);
  // Paint order: a box comes before what it contains.
  for (std::size_t i = 0; i < tl.boxes.size(); ++i) {
    if (tl.boxes[i].parent >= 0) {
      EXPECT_LT(tl.boxes[i].parent, static_cast<std::int32_t>(i));
    }
  }
  EXPECT_EQ(tl.hit(well->x + 2, well->y + 2), tl.task_box[r.well]);
}

TEST(TreeLayout, CancelPendingShowsWhatTheTaskIsDoingAsWell) {
  Resilient r;
  Playback pb(r.trace());
  const TreeLayout tl = layout_tree(r.trace(), pb.seek(r.cancelled_scope), approximate_metrics(18), {.playback = &pb});
  const TreeBox* well = tl.find(BoxKind::task, r.well);
  ASSERT_TRUE(well);
  EXPECT_EQ(well->state, DisplayState::cancel_pending);
  EXPECT_EQ(well->detail, "\xE2\x8A\x98 cancel pending");
  EXPECT_EQ(well->badge, "\xE2\x98\xBE sleeping until t = 3.0 (Cancelled there)");
  const TreeBox* nursery = tl.find(BoxKind::nursery, r.nursery);
  ASSERT_TRUE(nursery);
  EXPECT_TRUE(nursery->cancelled);
  ASSERT_EQ(nursery->chips.size(), 1u);
  EXPECT_EQ(nursery->chips[0], "ValueError");
}

TEST(TreeLayout, TheGroupAssemblesInTheNurseryAndTheClosedNurseryStaysFaded) {
  Resilient r(/*strict=*/true);
  Playback pb(r.trace());
  const TreeLayout g = layout_tree(r.trace(), pb.seek(r.group), approximate_metrics(18), {.playback = &pb});
  const TreeBox* nursery = g.find(BoxKind::nursery, r.nursery);
  ASSERT_TRUE(nursery);
  // The child's error, the sibling's Cancelled, and the group gathering both (the
  // nursery's scope takes its own Cancelled out only when the group leaves it).
  ASSERT_EQ(nursery->chips.size(), 3u);
  EXPECT_EQ(nursery->chips[0], "ValueError");
  EXPECT_EQ(nursery->chips[1], "Cancelled");
  EXPECT_EQ(nursery->chips[2], "\xE2\x86\x92 BaseExceptionGroup[ValueError, Cancelled]");
  EXPECT_FALSE(nursery->closed);
  EXPECT_EQ(nursery->fade, 1.0f);
  // Closed, the nursery stays in its task, faded, with its children and what its errors
  // became once the scope took its own Cancelled out: the group is seen leaving it.
  const TreeLayout closed = layout_tree(r.trace(), pb.seek(r.closed), approximate_metrics(18), {.playback = &pb});
  const TreeBox* gone = closed.find(BoxKind::nursery, r.nursery);
  ASSERT_NE(gone, nullptr);
  EXPECT_TRUE(gone->closed);
  EXPECT_EQ(gone->fade, kClosedFade);
  ASSERT_FALSE(gone->chips.empty());
  EXPECT_EQ(gone->chips.back(), "\xE2\x86\x92 ExceptionGroup[ValueError]");
  const TreeBox* well = closed.find(BoxKind::task, r.well);
  ASSERT_NE(well, nullptr);
  EXPECT_EQ(well->fade, kClosedFade);
  EXPECT_NE(closed.find(BoxKind::task, r.parent), nullptr);
  EXPECT_EQ(closed.find(BoxKind::task, r.parent)->fade, 1.0f);
  // At the end of the run it is still there: the last step recaps what happened.
  const TreeLayout end = layout_tree(r.trace(), pb.seek(pb.last_step()), approximate_metrics(18), {.playback = &pb});
  ASSERT_NE(end.find(BoxKind::nursery, r.nursery), nullptr);
  EXPECT_NE(end.find(BoxKind::task, r.problem), nullptr);
}

TEST(TreeLayout, ScopesFrameWhatTheyCover) {
  const EngineRun r(R"({"version": 1, "functions": {
      "child": {"params": ["name", "t"], "body": [{"sleep": "$t"}]},
      "main": {"body": [{"move_on_after": 2, "as": "timeout", "body": [
        {"open_nursery": "nursery", "body": [{"start_soon": "child", "args": ["A", 5]}]}]}]}},
    "main": "main"})");
  const int timeout = r.scope(trio::ScopeKind::move_on_after, "timeout");
  const int kid = r.task("child('A', 5)");
  const int n = r.trace().tasks[kid].nursery;
  Playback pb(r.trace());
  const TreeLayout tl = layout_tree(r.trace(), pb.seek(r.find(K::sleeping, kid)), approximate_metrics(18));
  const TreeBox* frame = tl.find(BoxKind::scope, timeout);
  const TreeBox* nursery = tl.find(BoxKind::nursery, n);
  ASSERT_TRUE(frame && nursery);
  EXPECT_TRUE(inside(*nursery, *frame));
  EXPECT_TRUE(inside(*tl.find(BoxKind::task, kid), *nursery));
  EXPECT_TRUE(frame->has_deadline);
  EXPECT_EQ(frame->title, "trio.move_on_after(2) as timeout");
  EXPECT_EQ(frame->detail, "t = 2.0");
}

TEST(TreeLayout, ChildrenWrapAndCrowdsBecomeChips) {
  const EngineRun r(R"({"version": 1, "functions": {
      "child": {"params": ["i"], "body": [{"sleep": 1}]},
      "main": {"body": [{"open_nursery": "nursery", "body": [
        {"repeat": 12, "as": "i", "body": [{"start_soon": "child", "args": ["$i"]}]}]}]}},
    "main": "main"})");
  const int main = r.task("main");
  Playback pb(r.trace());
  // All twelve spawned, the parent waiting for them.
  const Snapshot& s = pb.seek(r.find(K::nursery_waiting));
  const TreeLayout narrow = layout_tree(r.trace(), s, approximate_metrics(18), {.max_width = 600});
  EXPECT_LE(narrow.width, 600.f);
  int children = 0;
  float min_y = 1e9f, max_y = -1;
  for (const TreeBox& box : narrow.boxes)
    if (box.kind == BoxKind::task && box.id != main) {
      ++children;
      min_y = std::min(min_y, box.y);
      max_y = std::max(max_y, box.y);
      EXPECT_FALSE(box.compact);
    }
  EXPECT_EQ(children, 12);
  EXPECT_GT(max_y, min_y);  // more than one row
  const TreeLayout crowd = layout_tree(r.trace(), s, approximate_metrics(18), {.max_width = 600, .compact_threshold = 10});
  for (const TreeBox& box : crowd.boxes) {
    if (box.kind == BoxKind::task && box.id != main) {
      EXPECT_TRUE(box.compact);
    }
  }
  EXPECT_LT(crowd.height, narrow.height);
}

TEST(Effects, CancellationTravelsFromTheScopeToEachTaskItReaches) {
  Resilient r;
  Playback pb(r.trace());
  const Snapshot before = pb.snapshot_at(r.cancelled_scope - 1);
  const auto fx = effects_for_step(r.trace(), before, pb.seek(r.cancelled_scope));
  const Anchor scope{AnchorKind::scope, r.trace().nurseries[r.nursery].scope};
  int travels = 0;
  for (const Effect& e : fx) {
    if (e.kind != EffectKind::travel) continue;
    ++travels;
    EXPECT_EQ(e.from, scope);
    EXPECT_EQ(e.to, (Anchor{AnchorKind::task, r.well}));
    EXPECT_EQ(e.label, "Cancelled");
  }
  EXPECT_EQ(travels, 1);
}

TEST(Effects, TheExceptionTravelsUpToTheNurseryAndOutOfTheAsyncWith) {
  Resilient r;
  Playback pb(r.trace());
  auto at = [&](int step) { return effects_for_step(r.trace(), pb.snapshot_at(step - 1), pb.snapshot_at(step)); };
  const auto up = at(r.to_nursery);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].from, (Anchor{AnchorKind::task, r.problem}));
  EXPECT_EQ(up[0].to, (Anchor{AnchorKind::nursery_errors, r.nursery}));
  const auto out = at(r.reraise);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].from, (Anchor{AnchorKind::nursery, r.nursery}));
  EXPECT_EQ(out[0].to, (Anchor{AnchorKind::task, r.parent}));
  EXPECT_EQ(at(r.group).at(0).kind, EffectKind::gather);
  EXPECT_EQ(at(r.caught).at(0).label, "caught ValueError");
}

TEST(Effects, AStrictGroupLeavesTrioRun) {
  Resilient r(/*strict=*/true);
  Playback pb(r.trace());
  const auto fx = effects_for_step(r.trace(), pb.snapshot_at(r.run_end - 1), pb.snapshot_at(r.run_end));
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(fx[0].to.kind, AnchorKind::run_exit);
  EXPECT_EQ(fx[0].label, "trio.run raised ExceptionGroup[ValueError]");
}

}  // namespace
}  // namespace trioscope::view
