// An exported page: the lesson's title, the caption of the step, the views, and a key to
// the states, laid out for a surface of any size. Four views:
//
//   tree       the nursery tree                 ┌ title ─────────────────────────────┐
//   timeline   the timeline                     │ caption                              │
//   both       the tree over the timeline       ├ tree ──────────────┬ code ─────────┤
//   screen     the app's window: the tree, the  │                    ├ output ───────┤
//              code with its lit line, the      ├ timeline ──────────┴───────────────┤
//              output, the timeline             │ legend                               │
//                                               └──────────────────────────────────────┘
//
// Every exporter (SVG, PDF, PNG, animation frames, deck slides) and the app's export
// preview lay pages out and paint them with Page, through whatever painter the surface has,
// so one layout serves every surface. The panels are those of the screen, drawn by the
// same view code (tree_paint, code_view, output_view, timeline_paint, caption_view) with
// the screen's sizes (surface_style.hpp); the page's own numbers are in PageMetrics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/trace.hpp"
#include "view/effects.hpp"
#include "view/painter.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::view {

enum class PageView : std::uint8_t { tree, timeline, both, screen };
const char* page_view_name(PageView v);
std::optional<PageView> parse_page_view(std::string_view name);

// The numbers of the page's own layout: what the app's window does not have (the title,
// the legend, the tree over the timeline). Pixels are at UI scale 1 (times the page's
// scale); `lh` is the line height of the UI font. Where the window has the same thing the
// page uses the window's numbers: its split (window_split.hpp), its panels' style
// (surface_style.hpp), the tree's and the timeline's (tree_paint.hpp, timeline_frame.hpp).
struct PageMetrics {
  static constexpr float margin = 8;          // px: around everything (the window's padding)
  static constexpr float title_size = 1.35f;  // of the bold font: the lesson's title
  static constexpr float row_gap = 6;         // px: under the title and the caption
  static constexpr float legend_gap = 0.45f;  // lh: above the legend
  static constexpr float tree_share = 0.58f;  // "both": the tree's part of the height
};

struct PageSpec {
  PageView view = PageView::screen;
  Theme theme = Theme::light;
  float width = 1920, height = 1080;  // the page, in the surface's pixels
  float scale = 1;                    // the UI scale the surface's fonts are at
  bool title = true;
  bool legend = true;
  // What the app's document view shows, so that an export shows the same: the timeline's
  // axis range (x1 <= x0: the whole run), its first lane (negative: the step's lane is
  // brought into view) and the selected task.
  double tl_x0 = 0, tl_x1 = 0;
  float tl_scroll = -1;
  std::int32_t selected_task = -1;
};

// The run a page shows (all must outlive the Page).
struct PageSource {
  const trio::Trace* trace = nullptr;
  const Playback* playback = nullptr;
  const SourceBlocks* blocks = nullptr;
  const TimelineLayout* timeline = nullptr;
  std::string_view listing;
  std::string title;
  bool written_in_python = false;  // the listing is the lesson's own text (code_subtitle)
};

// One step on the page: the state after it, its caption, its tree (Page::layout_tree),
// and the animation into it (the tree it comes from, the effects, how far they are).
struct PageStep {
  std::int32_t step = -1;
  const Snapshot* snapshot = nullptr;
  std::string caption;
  const TreeLayout* tree = nullptr;
  const TreeLayout* from = nullptr;
  const std::vector<Effect>* effects = nullptr;
  float progress = 1;
};

// Where everything is; a rect not shown is empty.
struct PageRects {
  Rect title, caption, tree, code, output, timeline, legend;
  bool compact = false;
};

class Page {
 public:
  // `measure` measures text as the surface will draw it (usually that surface's painter);
  // it must outlive the Page.
  Page(const Painter& measure, const PageSpec& spec, const PageSource& source);

  const PageSpec& spec() const { return spec_; }
  const PageSource& source() const { return src_; }

  // The caption of `step`, as the caption bar says it.
  std::string caption(std::int32_t step) const;
  // The tree of a state at the width of the page's tree panel (empty without one).
  TreeLayout layout_tree(const Snapshot& s) const;
  bool shows_tree() const;
  // The rects for a step whose caption is `caption` (its height moves what is below).
  PageRects rects(const std::string& caption) const;

  void paint(Painter& p, const PageStep& step) const;
  // `step` at rest: its state, caption and tree, no animation.
  void paint_at(Painter& p, std::int32_t step) const;

 private:
  float lh() const;
  float px(float at_scale_1) const { return at_scale_1 * spec_.scale; }
  Rect content(const Rect& panel) const;
  float panel_header(Painter& p, const Rect& panel, const char* title, const char* hint, bool separator) const;
  // The page's own legend of every state, under everything: not on the screen view, whose
  // timeline has its legend row as the window does.
  bool page_legend() const { return spec_.legend && spec_.view != PageView::screen; }
  void paint_panel(Painter& p, const Rect& r, bool filled) const;
  void paint_tree_panel(Painter& p, const Rect& r, const PageStep& s) const;
  void paint_code_panel(Painter& p, const Rect& r, const PageStep& s) const;
  void paint_output_panel(Painter& p, const Rect& r, const PageStep& s) const;
  void paint_timeline_panel(Painter& p, const Rect& r, const PageStep& s) const;

  const Painter& measure_;
  PageSpec spec_;
  PageSource src_;
  float side_w_ = 0;     // "screen": the code column
  float tree_wrap_ = 0;  // the width trees are laid out in
};

}  // namespace trioscope::view
