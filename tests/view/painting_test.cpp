// The views painted through a recording painter: the tree, the timeline, a code row and the
// caption of real runs of the bundled lessons, checked primitive by primitive. This is how
// the screen and every exporter draw, so what is checked here holds on every surface.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "recording_painter.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"
#include "view/caption.hpp"
#include "view/caption_view.hpp"
#include "view/code_view.hpp"
#include "view/effects.hpp"
#include "view/exc_text.hpp"
#include "view/playback.hpp"
#include "view/timeline_frame.hpp"
#include "view/timeline_paint.hpp"
#include "view/text_recorder.hpp"
#include "view/tree_paint.hpp"

namespace trioscope::view {
namespace {

using testing::RecordingPainter;
using Kind = RecordingPainter::Kind;

// A bundled lesson, run by the engine.
struct Lesson {
  explicit Lesson(const std::string& file) {
    auto loaded = scenario::load_scenario_file(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/" + file);
    EXPECT_TRUE(loaded.ok()) << file;
    sc = std::move(*loaded.scenario);
    listing = scenario::to_python(sc).text;
    run = scenario::run_scenario(sc);
    blocks = SourceBlocks(listing);
    timeline = build_timeline(run.trace, {}, &blocks);
  }
  std::int32_t first(trio::EventKind k) const {
    for (std::size_t i = 0; i < run.trace.events.size(); ++i)
      if (run.trace.events[i].kind == k) return static_cast<std::int32_t>(i);
    return -1;
  }
  std::int32_t task(const std::string& label) const {
    for (const auto& t : run.trace.tasks)
      if (t.label == label) return t.id;
    return -1;
  }
  scenario::Scenario sc;
  std::string listing;
  trio::RunResult run;
  SourceBlocks blocks;
  TimelineLayout timeline;
};

bool inside(const Rect& inner, const Rect& outer, float slack = 0.5f) {
  return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack && inner.x1 <= outer.x1 + slack &&
         inner.y1 <= outer.y1 + slack;
}

// Lesson 02 when its nursery is cancelled: every live task's box is painted with its title
// inside it, each state in its own colour (the crashed child's), the cancelled nursery's
// dashed frame in the cancellation colour, and every text inside the clip of its box.
TEST(Painting, TheTreeOfAStepIsItsBoxesTitlesAndStates) {
  const Lesson l("02_child_trips_loose_groups.json");
  Playback pb(l.run.trace, {.blocks = &l.blocks});
  const std::int32_t step = l.first(trio::EventKind::scope_cancelled);
  ASSERT_GE(step, 0);
  const Snapshot& s = pb.seek(step);
  RecordingPainter p;
  const TreeLayout tl = layout_tree(l.run.trace, s, painter_metrics(p, Font::tree, Font::tree_bold),
                                    {.max_width = 900, .playback = &pb, .blocks = &l.blocks});
  TreeScene scene;
  scene.trace = &l.run.trace;
  scene.layout = &tl;
  scene.origin = {10, 40};
  scene.visible = {0, 0, 2000, 2000};
  paint_tree(p, scene);
  EXPECT_EQ(p.clip_depth(), 0u) << "every clip pushed is popped";

  const Palette& pal = palette(Theme::light);
  int tasks = 0;
  for (const TreeBox& b : tl.boxes) {
    if (b.kind != BoxKind::task) continue;
    ++tasks;
    const RecordingPainter::Op* title = p.text_op(b.title);
    ASSERT_NE(title, nullptr) << b.title;
    const Rect box{scene.origin.x + b.x, scene.origin.y + b.y, scene.origin.x + b.x + b.w, scene.origin.y + b.y + b.h};
    EXPECT_TRUE(inside(title->bounds, box)) << b.title;
    EXPECT_TRUE(inside(title->clip, box)) << b.title << ": its text is clipped to its box";
    // The box's border is in its state's colour.
    EXPECT_GE(p.count(Kind::stroke_rect, pal[color_role(b.state)]), 1u) << b.title;
  }
  EXPECT_EQ(tasks, 3);
  const std::int32_t problem = l.task("problematic_child()");
  ASSERT_GE(problem, 0);
  EXPECT_EQ(tl.find(BoxKind::task, problem)->state, DisplayState::crashed);
  EXPECT_GE(p.count(Kind::fill_rect, pal[ColorRole::crashed]), 1u) << "the crashed child's stripe";
  // The nursery is cancelled: its dashed frame is many short lines in the cancellation colour.
  EXPECT_GE(p.count(Kind::line, pal[ColorRole::cancellation]), 8u);
  // The state words are written, not only coloured.
  bool crashed_word = false;
  for (const auto* op : p.of(Kind::text)) crashed_word |= op->text.find("crashed") != std::string::npos;
  EXPECT_TRUE(crashed_word);
}

// Arriving at lesson 02's cancellation, the nursery's own cancel scope is cancelled: it has
// no frame of its own, so the "cancel" burst and the "Cancelled" token start from the
// nursery's box and travel to the sibling it reaches.
TEST(Painting, ANurserysCancellationTravelsFromItsBox) {
  const Lesson l("02_child_trips_loose_groups.json");
  Playback pb(l.run.trace, {.blocks = &l.blocks});
  const std::int32_t step = l.first(trio::EventKind::scope_cancelled);
  ASSERT_EQ(l.run.trace.scopes[l.run.trace.events[step].scope].kind, trio::ScopeKind::nursery);
  RecordingPainter p;
  const TextMetrics m = painter_metrics(p, Font::tree, Font::tree_bold);
  const TreeLayout before = layout_tree(l.run.trace, pb.snapshot_at(step - 1), m, {.max_width = 900, .playback = &pb});
  const TreeLayout after = layout_tree(l.run.trace, pb.snapshot_at(step), m, {.max_width = 900, .playback = &pb});
  const std::vector<Effect> fx = effects_between(l.run.trace, pb, &l.blocks, step - 1, step);
  TreeScene scene;
  scene.trace = &l.run.trace;
  scene.layout = &after;
  scene.from = &before;
  scene.morph = tree_morph(0.55f);
  scene.effects = &fx;
  scene.effects_progress = 0.55f;
  scene.origin = {10, 40};
  scene.visible = {0, 0, 2000, 2000};
  paint_tree(p, scene);
  // The token is a dot in the cancellation's colour on its way (its label rides beside it
  // only where it covers no text), and the cancelled scope pulses.
  const Palette& pal = palette(Theme::light);
  bool token = false;
  for (const auto* op : p.of(Kind::fill_circle)) token |= op->color.r == pal[ColorRole::cancellation].r &&
                                                           op->color.g == pal[ColorRole::cancellation].g &&
                                                           op->color.b == pal[ColorRole::cancellation].b;
  EXPECT_TRUE(token) << "the token travels";
  const TreeBox* nursery = after.find(BoxKind::nursery, l.run.trace.events[step].nursery);
  ASSERT_NE(nursery, nullptr);
  // The nursery's scope has no box, so its pulse grows from a point of the nursery's header.
  const Rect header{scene.origin.x + nursery->x, scene.origin.y + nursery->y, scene.origin.x + nursery->x + nursery->w,
                    scene.origin.y + nursery->y + nursery->header_h};
  bool pulse = false;
  for (const auto* op : p.of(Kind::stroke_rect)) {
    const Vec2 c{(op->bounds.x0 + op->bounds.x1) * 0.5f, (op->bounds.y0 + op->bounds.y1) * 0.5f};
    pulse |= op->color.r == pal[ColorRole::cancellation].r && op->color.g == pal[ColorRole::cancellation].g &&
             c.x >= header.x0 && c.x <= header.x1 && c.y >= header.y0 - 1 && c.y <= header.y1 + 1;
  }
  EXPECT_TRUE(pulse) << "the cancelled nursery's box pulses";
  // No label of an effect covers the tree's text.
  std::vector<PaintedText> texts;
  for (const auto& op : p.ops)
    if (op.kind == Kind::text) texts.push_back({op.bounds, op.text});
  const auto overlap = first_overlap(texts);
  EXPECT_FALSE(overlap) << (overlap ? overlap->first.text + " over " + overlap->second.text : "");
}

// The timeline of lesson 01 mid-run: a label per lane with its task, the ruler's tick labels
// in time order, spans in their states' colours, the playhead where the step is, and the
// future dimmed.
TEST(Painting, TheTimelineIsLabelsRulerSpansAndThePlayhead) {
  const Lesson l("01_first_nursery.json");
  Playback pb(l.run.trace, {.blocks = &l.blocks});
  const std::int32_t step = l.first(trio::EventKind::clock_jump);
  ASSERT_GE(step, 0);
  RecordingPainter p;
  const float lh = p.font_size(Font::ui);
  double x0 = 0, x1 = 0;
  fit_timeline(l.timeline, x0, x1);
  const TimelineFrame f = timeline_frame(l.timeline, {0, 0, 1600, 300}, lh, 16, x0, x1, 0);
  EXPECT_FALSE(f.scrollbar) << "four lanes fit in 300 px";
  EXPECT_GE(f.lane_h, timeline_lane_min(lh));
  TimelineScene scene;
  scene.trace = &l.run.trace;
  scene.layout = &l.timeline;
  scene.snapshot = &pb.seek(step);
  scene.step = step;
  paint_timeline(p, f, scene);
  EXPECT_EQ(p.clip_depth(), 0u);

  const Palette& pal = palette(Theme::light);
  for (const Lane& lane : l.timeline.lanes) {
    const std::string label = l.run.trace.tasks[lane.task].label;
    const RecordingPainter::Op* op = p.text_op(label);
    ASSERT_NE(op, nullptr) << label;
    EXPECT_LE(op->bounds.x0, f.canvas.x0) << label << " sits in the label column";
  }
  // Tick labels, left to right in time.
  std::vector<float> ticks;
  for (const auto* op : p.of(Kind::text))
    if (op->text.rfind("t=", 0) == 0) ticks.push_back(op->bounds.x0);
  ASSERT_GE(ticks.size(), 2u);
  EXPECT_TRUE(std::is_sorted(ticks.begin(), ticks.end()));
  ASSERT_NE(p.text_op("t=" + format_seconds(0)), nullptr);
  // The playhead: a line in its colour at the step's x, inside the canvas.
  bool playhead = false;
  for (const auto* op : p.of(Kind::line))
    playhead |= op->color == pal[ColorRole::playhead] && std::abs(op->bounds.x0 - f.head_x(l.timeline, step)) < 0.01f &&
                op->bounds.y1 == f.canvas.y1;
  EXPECT_TRUE(playhead);
  // Sleeping spans: a pale fill and a hatch of lines in the sleeping colour (the pattern
  // tells the state without its colour).
  EXPECT_GE(p.count(Kind::fill_rect, pal.tint(ColorRole::sleeping)), 3u);
  EXPECT_GE(p.count(Kind::line, faded(pal[ColorRole::sleeping], 0.85f)), 6u);
  // The future is hidden: no mark or arrow of a later event, nothing right of the playhead
  // in the lanes; with the future shown it is there, dimmed.
  const float hx = f.head_x(l.timeline, step);
  const TimelineLabel label = timeline_label(p, f, scene);
  for (const auto& op : p.ops) {
    const bool lane = op.bounds.y0 >= f.canvas.y0 && op.bounds.y1 <= f.canvas.y1 && op.kind == Kind::fill_rect;
    if (lane && !label.rect.overlaps(op.bounds)) {
      EXPECT_LE(op.clip.x1, hx + 0.5f) << "lanes stop at the playhead";
    }
  }
  RecordingPainter q;
  scene.show_future = true;
  paint_timeline(q, f, scene);
  bool dimmed = false;
  for (const auto* op : q.of(Kind::fill_rect))
    dimmed |= op->color == faded(pal[ColorRole::background], 0.62f) && op->bounds.x0 > hx && op->bounds.x1 == f.canvas.x1;
  EXPECT_TRUE(dimmed);
  EXPECT_GT(q.ops.size(), p.ops.size());
  EXPECT_EQ(label.text, "");  // a clock jump is nothing to label at the playhead
}

// A code row: the strong line of the step has the running tint and bar, its number in the
// gutter, and its code in the syntax colours; a wrapped listing's rows stay within width.
TEST(Painting, ACodeRowIsItsNumberItsTokensAndWhoIsThere) {
  const Lesson l("02_child_trips_loose_groups.json");
  Playback pb(l.run.trace, {.blocks = &l.blocks});
  const std::int32_t step = l.first(trio::EventKind::raised);
  const Snapshot& s = pb.seek(step);
  RecordingPainter p;
  const ListingRows rows = wrap_listing(l.listing, 60);
  const CodeGutter g = code_gutter(p, rows.first_row.size());
  const CodeLit lit = code_lit(l.run.trace, s, step, rows.first_row.size());
  ASSERT_GT(lit.strong, 0u);
  const CodeScene scene{&l.run.trace, &s, l.listing, &rows, &lit, Theme::light};
  RowTokens tokens;
  const std::size_t row = rows.row_of_line(lit.strong);
  const float width = g.code_x + 61 * g.char_w;
  const float overflow = paint_code_row(p, scene, g, row, {0, 0}, width, 20, width, tokens);
  EXPECT_LE(overflow, 0.5f);
  const Palette& pal = palette(Theme::light);
  EXPECT_EQ(p.count(Kind::fill_rect, faded(pal[ColorRole::running], 0.28f)), 1u);
  EXPECT_EQ(p.count(Kind::fill_rect, pal[ColorRole::running]), 1u);
  ASSERT_NE(p.text_op(std::to_string(lit.strong)), nullptr);
  // `raise` is a keyword: painted in the keyword colour.
  bool keyword = false;
  for (const auto* op : p.of(Kind::text)) keyword |= op->text == "raise" && op->color == pal[ColorRole::runnable];
  EXPECT_TRUE(keyword);
}

// The caption wraps to the bar's width through the painter's measurements, and paints
// each line inside the bar; the bar's height is the same whatever the sentence, and a
// sentence too long for it ends its last line with "…".
TEST(Painting, TheCaptionWrapsToItsBarOfOneHeight) {
  const Lesson l("03_child_trips_strict_groups.json");
  Playback pb(l.run.trace, {.blocks = &l.blocks});
  const std::int32_t step = l.first(trio::EventKind::group_formed);
  const Snapshot before = pb.snapshot_at(step - 1);
  const std::string text = caption(l.run.trace, before, pb.snapshot_at(step), &l.blocks);
  RecordingPainter p;
  float height = 0;
  for (const float width : {1400.0f, 700.0f, 300.0f}) {
    SCOPED_TRACE(width);
    RecordingPainter q;
    const CaptionLayout cl = layout_caption(q, text, width, 8, /*compact=*/false);
    if (height == 0) height = cl.height;
    EXPECT_EQ(cl.height, height) << "one height per scale";
    const Rect bar{0, 0, width, cl.height};
    paint_caption(q, cl, bar, text, caption_status(l.run.trace, step), caption_accent(&l.run.trace, step), Theme::light);
    std::string joined;
    for (const auto* op : q.of(Kind::text)) {
      EXPECT_TRUE(inside(op->bounds, bar)) << op->text;
      const bool status = op->text.rfind("step ", 0) == 0;  // the status row under the sentence
      if (op->font == cl.font && !status) joined += (joined.empty() ? "" : " ") + op->text;
    }
    if (!cl.shortened) {
      EXPECT_EQ(joined, text) << "the lines are the caption, word for word";
    } else {
      EXPECT_EQ(joined.rfind("\xE2\x80\xA6"), joined.size() - 3) << joined;
      EXPECT_EQ(text.rfind(joined.substr(0, joined.size() - 3), 0), 0u) << "a prefix of the caption";
    }
  }
  RecordingPainter narrow;
  EXPECT_TRUE(layout_caption(narrow, text, 300, 8, false).shortened);
  EXPECT_FALSE(layout_caption(narrow, text, 1400, 8, false).shortened);
}

}  // namespace
}  // namespace trioscope::view
