// Captions and the tree over the engine's real runs of the bundled lessons: every step has
// its own sentence, and the article's key moments read as the article tells them.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "document/document.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::document {
namespace {

const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

std::string caption_of(Document& doc, int step) {
  view::Playback& pb = *doc.playback();
  const view::Snapshot before = pb.snapshot_at(step - 1);
  return view::caption(*doc.trace(), before, pb.seek(step));
}

int first(const trio::Trace& t, trio::EventKind kind) {
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == kind) return static_cast<int>(i);
  return -1;
}

// The example sentence, on the engine's run of the article's program.
TEST(LessonCaptions, AChildTripsAndItsNurseryCancelsTheSibling) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "02_child_trips_loose_groups.json"));
  const int step = first(*doc.trace(), trio::EventKind::scope_cancelled);
  ASSERT_GE(step, 0);
  EXPECT_EQ(caption_of(doc, step),
            "problematic_child() raised ValueError. Its nursery cancels the other children: "
            "child('Well-behaved', 3) gets Cancelled at its next checkpoint, trio.sleep.");
  const int caught = first(*doc.trace(), trio::EventKind::handler_entered);
  ASSERT_GE(caught, 0);
  EXPECT_NE(caption_of(doc, caught).find("resilient_parent catches ValueError('Oops, I tripped!')"), std::string::npos);
}

TEST(LessonCaptions, TheBlockingCallFreezesEveryone) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "05_blocking_call_freezes_everyone.json"));
  const int step = first(*doc.trace(), trio::EventKind::blocking_started);
  ASSERT_GE(step, 0);
  const std::string c = caption_of(doc, step);
  EXPECT_NE(c.find("calls time.sleep: the whole event loop freezes"), std::string::npos) << c;
  EXPECT_NE(c.find("no other task runs"), std::string::npos) << c;
}

TEST(LessonCaptions, EveryStepOfEveryLessonHasASentence) {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(kLessons)) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Document doc;
    ASSERT_TRUE(doc.open_file(entry.path().string()));
    view::Playback& pb = *doc.playback();
    view::Snapshot before = pb.snapshot_at(-1);
    for (int i = 0; i < pb.size(); ++i) {
      const view::Snapshot& after = pb.seek(i);
      const std::string c = view::caption(*doc.trace(), before, after);
      EXPECT_GT(c.size(), 12u) << "step " << i;
      EXPECT_EQ(c.rfind("Step ", 0), std::string::npos) << "step " << i << " fell back: " << c;
      // The tree lays out at every step with every live task in it.
      const view::TreeLayout tl = view::layout_tree(*doc.trace(), after, view::approximate_metrics(18),
                                                    {.max_width = 900, .playback = &pb});
      for (std::size_t t = 0; t < after.tasks.size(); ++t) {
        if (view::is_alive(after.tasks[t])) {
          EXPECT_NE(tl.find(view::BoxKind::task, static_cast<int>(t)), nullptr) << "step " << i;
        }
      }
      before = after;
    }
  }
}

}  // namespace
}  // namespace trioscope::document

namespace trioscope::document {
namespace {

// With the listing at hand the caption quotes the handler: except* receives a group.
TEST(LessonCaptions, ExceptStarReceivesTheGroup) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "04_child_trips_except_star.json"));
  const int step = first(*doc.trace(), trio::EventKind::handler_entered);
  ASSERT_GE(step, 0);
  view::Playback& pb = *doc.playback();
  const view::Snapshot before = pb.snapshot_at(step - 1);
  const std::string c = view::caption(*doc.trace(), before, pb.seek(step), &doc.blocks());
  EXPECT_NE(c.find("receives ExceptionGroup('Exceptions from Trio nursery', [ValueError('Oops, I tripped!')]) in `except* "),
            std::string::npos) << c;
}

}  // namespace
}  // namespace trioscope::document

namespace trioscope::document {
namespace {

std::string caption_with_listing(Document& doc, int step) {
  view::Playback& pb = *doc.playback();
  const view::Snapshot before = pb.snapshot_at(step - 1);
  return view::caption(*doc.trace(), before, pb.seek(step), &doc.blocks());
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Lesson 03, as real Trio runs it: the group leaves trio.run past `except ValueError`.
TEST(LessonCaptions, TheStrictGroupSaysWhyExceptValueErrorMissesIt) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "03_child_trips_strict_groups.json"));
  const trio::Trace& t = *doc.trace();
  const std::string end = caption_with_listing(doc, static_cast<int>(t.events.size()) - 1);
  EXPECT_TRUE(has(end, "trio.run raises ExceptionGroup(")) << end;
  EXPECT_TRUE(has(end, "`except ValueError` (line")) << end;
  EXPECT_TRUE(has(end, "does not match")) << end;
  EXPECT_TRUE(has(end, "`except* ValueError` would catch it")) << end;
  const int reraise = first(t, trio::EventKind::nursery_reraise);
  ASSERT_GE(reraise, 0);
  const std::string r = caption_with_listing(doc, reraise);
  EXPECT_TRUE(has(r, "`except* ValueError` would catch it")) << r;
  const int closed = first(t, trio::EventKind::nursery_closed);
  ASSERT_GE(closed, 0);
  const std::string c = caption_with_listing(doc, closed);
  EXPECT_TRUE(has(c, "Its errors leave the async with block")) << c;
  EXPECT_FALSE(has(c, "continues after the async with block")) << c;
}

// Lesson 05: problematic_child's trio.sleep(1) is due at t = 1 but the loop is frozen by
// time.sleep(10) until t = 10.
TEST(LessonCaptions, TheSleeperWokenLateByTheBlockedLoop) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "05_blocking_call_freezes_everyone.json"));
  const trio::Trace& t = *doc.trace();
  int woken = -1;
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == trio::EventKind::woken && t.events[i].exc < 0 &&
        view::task_label(t, t.events[i].task) == "problematic_child()" && t.events[i].time > 0)
      woken = static_cast<int>(i);
  ASSERT_GE(woken, 0);
  const std::string c = caption_with_listing(doc, woken);
  EXPECT_TRUE(has(c, "due at t = 1.0")) << c;
  EXPECT_TRUE(has(c, "9.0 s late")) << c;
  EXPECT_TRUE(has(c, "time.sleep in uncancellable_bad_task() blocked the loop")) << c;
  EXPECT_FALSE(doc.timeline().overdue.empty());
}

// Lesson 06: the worker is cancelled at the `await trio.sleep(0)` of its loop, and the
// child due at t = 1.4 runs at t = 1.6, after the chunk that was blocking.
TEST(LessonCaptions, TheCooperativeLoopIsCancelledAtItsSleepZero) {
  Document doc;
  ASSERT_TRUE(doc.open_file(kLessons + "06_cooperative_loop.json"));
  const trio::Trace& t = *doc.trace();
  const int delivered = first(t, trio::EventKind::cancel_delivered);
  ASSERT_GE(delivered, 0);
  const std::string c = caption_with_listing(doc, delivered);
  EXPECT_TRUE(has(c, "`await trio.sleep(0)`")) << c;
  EXPECT_FALSE(has(c, "trio.lowlevel.checkpoint")) << c;
  bool late = false;
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == trio::EventKind::woken && t.events[i].exc < 0)
      late |= has(caption_with_listing(doc, static_cast<int>(i)), " s late, because time.sleep in");
  EXPECT_TRUE(late);
}

}  // namespace
}  // namespace trioscope::document
