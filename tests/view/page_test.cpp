// The exported page, laid out and painted through a recording painter: the panels of each
// view where they belong, the title, the caption, the lit code line, the output and the
// legend painted, nothing outside the page; and the output view and legend on their own.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "recording_painter.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"
#include "view/legend_view.hpp"
#include "view/output_view.hpp"
#include "view/code_view.hpp"
#include "view/page.hpp"
#include "view/playback.hpp"
#include "view/tree_paint.hpp"

namespace trioscope::view {
namespace {

using testing::RecordingPainter;
using Kind = RecordingPainter::Kind;

struct Lesson {
  explicit Lesson(const std::string& file) {
    auto loaded = scenario::load_scenario_file(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/" + file);
    EXPECT_TRUE(loaded.ok()) << file;
    sc = std::move(*loaded.scenario);
    listing = scenario::to_python(sc).text;
    run = scenario::run_scenario(sc);
    blocks = SourceBlocks(listing);
    timeline = build_timeline(run.trace, {}, &blocks);
    playback = std::make_unique<Playback>(run.trace, Playback::Options{.blocks = &blocks});
  }
  PageSource source() const { return {&run.trace, playback.get(), &blocks, &timeline, listing, sc.title}; }
  std::int32_t first(trio::EventKind k) const {
    for (std::size_t i = 0; i < run.trace.events.size(); ++i)
      if (run.trace.events[i].kind == k) return static_cast<std::int32_t>(i);
    return -1;
  }
  scenario::Scenario sc;
  std::string listing;
  trio::RunResult run;
  SourceBlocks blocks;
  TimelineLayout timeline;
  std::unique_ptr<Playback> playback;
};

bool has_text(const RecordingPainter& p, const std::string& part) {
  return std::any_of(p.ops.begin(), p.ops.end(),
                     [&](const auto& o) { return o.kind == Kind::text && o.text.find(part) != std::string::npos; });
}

bool inside(const Rect& a, const Rect& b) { return a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1; }

TEST(Page, TheScreenViewIsTheAppsWindow) {
  const Lesson l("02_child_trips_loose_groups.json");
  RecordingPainter p;
  const PageSpec spec{.view = PageView::screen, .width = 1920, .height = 1080};
  const Page page(p, spec, l.source());
  const std::int32_t step = l.first(trio::EventKind::raised);
  const PageRects r = page.rects(page.caption(step));
  const Rect all{0, 0, 1920, 1080};
  for (const Rect& x : {r.title, r.caption, r.tree, r.code, r.output, r.timeline}) {
    EXPECT_GT(x.w(), 100);
    EXPECT_GT(x.h(), 10);
    EXPECT_TRUE(inside(x, all));
  }
  // As in the window, the timeline's own legend row is the legend (no page legend under it).
  EXPECT_EQ(r.legend.w(), 0);
  // Top to bottom: title, caption, the main row (tree | code over output), timeline.
  EXPECT_LE(r.title.y1, r.caption.y0);
  EXPECT_LE(r.caption.y1, r.tree.y0);
  EXPECT_LE(r.tree.x1, r.code.x0);
  EXPECT_LE(r.code.y1, r.output.y0);
  EXPECT_LE(r.tree.y1, r.timeline.y0);
  EXPECT_LE(r.timeline.y1, 1080);
  EXPECT_GT(r.tree.w(), r.code.w()) << "the tree keeps at least half the row";

  page.paint_at(p, step);
  EXPECT_EQ(p.clip_depth(), 0u);
  for (const auto& o : p.ops) {
    if (o.kind == Kind::text) {
      EXPECT_TRUE(o.bounds.overlaps(all)) << o.text;
    }
  }
  // The legend row names the states this run has, in the timeline's panel.
  const RecordingPainter::Op* raising = nullptr;
  for (const auto& o : p.ops)
    if (o.kind == Kind::text && o.text.size() >= 7 && o.text.compare(o.text.size() - 7, 7, "raising") == 0) raising = &o;
  ASSERT_NE(raising, nullptr) << "the timeline's legend row";
  EXPECT_TRUE(inside(raising->bounds, r.timeline));
  const auto* title = p.text_op("A child trips (old Trio: loose exception groups)");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->font, Font::bold);
  EXPECT_GT(title->size, p.font_size(Font::bold)) << "the title is larger";
  EXPECT_TRUE(has_text(p, "problematic_child() raises ValueError")) << "the caption";
  const bool code = std::any_of(p.ops.begin(), p.ops.end(), [&](const auto& o) {
    return o.kind == Kind::text && o.font == Font::mono && o.text == "raise" && inside(o.bounds, r.code);
  });
  EXPECT_TRUE(code) << "the code, token by token, in the code panel";
  EXPECT_TRUE(has_text(p, "[0.0]")) << "the output's first line";
  EXPECT_TRUE(has_text(p, "Child Well-behaved is going to sleep"));
  EXPECT_TRUE(has_text(p, "resilient_parent")) << "the tree and the timeline";
  EXPECT_TRUE(has_text(p, "t=1.0")) << "the timeline's ruler";
  EXPECT_TRUE(has_text(p, "cancel pending")) << "the legend";
  EXPECT_TRUE(has_text(p, "3 tasks"));
  // The lit line: a fill in the running colour across the code panel.
  const Rgba lit = faded(palette(Theme::light)[ColorRole::running], 0.28f);
  EXPECT_GE(p.count(Kind::fill_rect, lit), 1u);
}

TEST(Page, EachViewShowsItsPanels) {
  const Lesson l("02_child_trips_loose_groups.json");
  const std::int32_t step = l.first(trio::EventKind::group_formed);
  for (PageView v : {PageView::tree, PageView::timeline, PageView::both}) {
    RecordingPainter p;
    const Page page(p, {.view = v, .width = 1600, .height = 900}, l.source());
    page.paint_at(p, step);
    const PageRects r = page.rects(page.caption(step));
    EXPECT_EQ(has_text(p, "Nursery tree"), v != PageView::timeline) << page_view_name(v);
    EXPECT_EQ(has_text(p, "t=0.0"), v != PageView::tree) << page_view_name(v);
    EXPECT_FALSE(has_text(p, view::code_subtitle(false))) << "no code but on the screen view";
    EXPECT_EQ(r.code.w(), 0);
    EXPECT_EQ(page.shows_tree(), v != PageView::timeline);
    EXPECT_TRUE(has_text(p, "A child trips"));
  }
  EXPECT_EQ(parse_page_view("both"), PageView::both);
  EXPECT_EQ(parse_page_view("everything"), std::nullopt);
}

// A short page folds the caption into the UI font without its status row, as the screen
// does in a short window; a 4K page is the same layout with more room.
TEST(Page, ShortPagesFoldTheCaption) {
  const Lesson l("12_two_failures_except_star.json");
  RecordingPainter p;
  p.base = 19 * 1.75f;
  const Page small(p, {.width = 1280, .height = 720, .scale = 1.75f}, l.source());
  const std::int32_t step = l.first(trio::EventKind::group_formed);
  EXPECT_TRUE(small.rects(small.caption(step)).compact);
  RecordingPainter q;
  const Page big(q, {.width = 1920, .height = 1080}, l.source());
  EXPECT_FALSE(big.rects(big.caption(step)).compact);
}

// The tree is laid out at the width of its panel and scrolled so that the step's part of it
// is in view.
TEST(Page, TheTreeFitsItsPanel) {
  const Lesson l("12_two_failures_except_star.json");
  RecordingPainter p;
  const Page page(p, {.view = PageView::screen, .width = 1280, .height = 720}, l.source());
  const std::int32_t step = l.first(trio::EventKind::group_formed);
  const Snapshot s = l.playback->snapshot_at(step);
  const TreeLayout tree = page.layout_tree(s);
  const PageRects r = page.rects(page.caption(step));
  EXPECT_LE(tree.width, r.tree.w()) << "the boxes wrap inside the panel";
  EXPECT_FALSE(tree.boxes.empty());
}

TEST(ScrollToFocus, AsLittleAsItTakes) {
  const Rect view{0, 0, 100, 100};
  EXPECT_EQ(scroll_to_focus({10, 10, 50, 50}, view, 5, 2), (Vec2{0, 0})) << "in view: stays";
  EXPECT_EQ(scroll_to_focus({10, 120, 50, 150}, view, 5, 2), (Vec2{0, 55})) << "down to its bottom";
  EXPECT_EQ(scroll_to_focus({10, 50, 50, 250}, view, 5, 2), (Vec2{0, 45})) << "never past its top";
  EXPECT_EQ(scroll_to_focus({150, 10, 180, 50}, view, 5, 2), (Vec2{85, 0}));
  EXPECT_EQ(scroll_to_focus({40, 10, 101, 50}, view, 5, 2), (Vec2{0, 0})) << "whole within a border's width";
}

TEST(OutputView, TheNewestLinesTheStepsLitTheEnding) {
  const Lesson l("03_child_trips_strict_groups.json");
  RecordingPainter p;
  const std::int32_t print = l.playback->prints().front();
  const Snapshot s = l.playback->snapshot_at(print);
  OutputLayout o = layout_output(p, l.run.trace, *l.playback, s, print, 400, 200, 6);
  ASSERT_EQ(o.entries.size(), 1u);
  EXPECT_TRUE(o.entries[0].current);
  EXPECT_EQ(o.entries[0].time, "[0.0]");
  paint_output(p, o, {10, 10, 410, 210}, Theme::light);
  EXPECT_EQ(p.count(Kind::fill_rect, palette(Theme::light).tint(ColorRole::output)), 1u) << "the lit line";
  // At the end, strict groups: the group leaves trio.run, and the output says so.
  const std::int32_t last = l.playback->last_step();
  const Snapshot end = l.playback->snapshot_at(last);
  o = layout_output(p, l.run.trace, *l.playback, end, last, 400, 200, 6);
  ASSERT_GE(o.entries.size(), 2u);
  EXPECT_EQ(o.entries.back().event, -1);
  EXPECT_EQ(o.entries.back().text.rfind("\xE2\x9C\x97 trio.run raised ExceptionGroup", 0), 0u) << o.entries.back().text;
  EXPECT_FALSE(o.entries.front().current);
  EXPECT_GT(o.lines.back().size(), 1u) << "a long line wraps at the width";
  // Little room: the newest entries only.
  o = layout_output(p, l.run.trace, *l.playback, end, last, 400, 10, 6);
  EXPECT_EQ(o.total, static_cast<std::int32_t>(l.playback->prints().size()) + 1);
  EXPECT_LE(o.entries.size(), 2u);
  EXPECT_EQ(o.entries.back().event, -1);
}

TEST(LegendView, EveryStateItsWordAndIconWrappingAtTheWidth) {
  RecordingPainter p;
  const LegendLayout wide = layout_legend(p, 3000);
  const LegendLayout narrow = layout_legend(p, 400);
  EXPECT_EQ(wide.items.size(), state_legend_rows().size());
  EXPECT_EQ(wide.height, wide.line_h) << "one row";
  EXPECT_GT(narrow.height, 2 * narrow.line_h) << "several rows";
  EXPECT_LE(narrow.width, 400);
  paint_legend(p, narrow, {0, 0}, Theme::dark);
  for (const LegendRow& r : state_legend_rows()) {
    EXPECT_NE(p.text_op(std::string(state_icon(r.state)) + " " + state_word(r.state)), nullptr) << state_word(r.state);
  }
  EXPECT_EQ(p.count(Kind::fill_rect, palette(Theme::dark)[ColorRole::crashed]), 1u);
}

}  // namespace
}  // namespace trioscope::view
