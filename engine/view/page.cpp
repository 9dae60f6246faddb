// [SECTION] Views by name
// [SECTION] The page's layout
// [SECTION] Panels: frame and header
// [SECTION] The tree, code, output and timeline panels
// [SECTION] The page
#include "view/page.hpp"

#include <algorithm>
#include <cmath>

#include "view/caption.hpp"
#include "view/caption_view.hpp"
#include "view/code_view.hpp"
#include "view/exc_text.hpp"
#include "view/legend_view.hpp"
#include "view/listing_wrap.hpp"
#include "view/output_view.hpp"
#include "view/shapes.hpp"
#include "view/surface_style.hpp"
#include "view/timeline_frame.hpp"
#include "view/timeline_paint.hpp"
#include "view/tree_paint.hpp"
#include "view/window_split.hpp"

namespace trioscope::view {

// ---------------------------------------------------------------------------------------
// [SECTION] Views by name
// ---------------------------------------------------------------------------------------

const char* page_view_name(PageView v) {
  switch (v) {
    case PageView::tree: return "tree";
    case PageView::timeline: return "timeline";
    case PageView::both: return "both";
    case PageView::screen: return "screen";
  }
  return "";
}

std::optional<PageView> parse_page_view(std::string_view name) {
  for (PageView v : {PageView::tree, PageView::timeline, PageView::both, PageView::screen})
    if (name == page_view_name(v)) return v;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The page's layout
// ---------------------------------------------------------------------------------------

namespace {
using M = PageMetrics;

// The border of a panel, as the screen draws its framed child windows.
Rgba panel_border(Theme t) { return t == Theme::light ? Rgba{89, 102, 115, 153} : Rgba{158, 171, 186, 153}; }

bool has_tree(PageView v) { return v != PageView::timeline; }
bool has_timeline(PageView v) { return v != PageView::tree; }
}  // namespace

Page::Page(const Painter& measure, const PageSpec& spec, const PageSource& source)
    : measure_(measure), spec_(spec), src_(source) {
  const float m = px(M::margin), pad = px(kPanelPadding);
  const float row_w = spec_.width - 2 * m;
  const float ui = lh();
  float tree_w = row_w;
  if (spec_.view == PageView::screen) {
    // The code column as wide as the code needs, the tree keeping at least half the row
    // (the screen's rule, less its lessons column).
    const float want = std::ceil(code_width(measure_, src_.listing) + 2 * pad + px(kScrollbarSize) + 2);
    side_w_ = side_width(want, row_w, ui, /*dragged=*/false);
    tree_w = row_w - side_w_ - panel_gap(ui);
  }
  tree_wrap_ = tree_wrap_width(tree_w - 2 * pad - px(kScrollbarSize), measure_.font_size(Font::tree));
}

float Page::lh() const { return measure_.font_size(Font::ui); }

bool Page::shows_tree() const { return has_tree(spec_.view); }

std::string Page::caption(std::int32_t step) const {
  if (!src_.trace || !src_.playback) return "Open a lesson to begin.";
  const Snapshot before = src_.playback->snapshot_at(step - 1);
  return view::caption(*src_.trace, before, src_.playback->snapshot_at(step), src_.blocks);
}

TreeLayout Page::layout_tree(const Snapshot& s) const {
  if (!src_.trace || !shows_tree()) return {};
  const TextMetrics metrics = painter_metrics(measure_, Font::tree, Font::tree_bold);
  return view::layout_tree(*src_.trace, s, metrics,
                           {.max_width = std::floor(tree_wrap_), .playback = src_.playback, .blocks = src_.blocks});
}

PageRects Page::rects(const std::string& caption) const {
  PageRects r;
  const float W = spec_.width, H = spec_.height;
  const float m = px(M::margin), pad = px(kPanelPadding), ui = lh();
  const float gap = panel_gap(ui);
  r.compact = compact_window(H, ui);
  float y = m;
  if (spec_.title) {
    const float th = std::ceil(measure_.font_size(Font::bold) * M::title_size);
    r.title = {m, y, W - m, y + th};
    y += th + px(M::row_gap);
  }
  const CaptionLayout cl = layout_caption(measure_, caption, W - 2 * m, pad, r.compact);
  r.caption = {m, y, W - m, y + cl.height};
  y += cl.height + px(M::row_gap);
  float bottom = H - m;
  if (page_legend()) {
    const LegendLayout ll = layout_legend(measure_, W - 2 * m - 2 * pad);
    r.legend = {m, bottom - ll.height, W - m, bottom};
    bottom -= ll.height + std::round(ui * M::legend_gap);
  }
  bottom = std::max(bottom, y + ui);
  const float main_h = bottom - y;
  const Rect main{m, y, W - m, bottom};
  switch (spec_.view) {
    case PageView::tree: r.tree = main; break;
    case PageView::timeline: r.timeline = main; break;
    case PageView::both: {
      const float tree_h = std::round(main_h * M::tree_share);
      r.tree = {m, y, W - m, y + tree_h};
      r.timeline = {m, y + tree_h + gap, W - m, bottom};
      break;
    }
    case PageView::screen: {
      // The timeline keeps room for its ruler and a few lanes; the main row for some code.
      // The window's split, its header a title row (the export has no buttons).
      const std::size_t lanes = src_.timeline ? src_.timeline->lanes.size() : 0;
      const float timeline_min = timeline_min_height(main_h, ui, lanes, r.compact, 2 * pad + ui + kItemSpacingY);
      const float timeline_h = timeline_height(main_h, ui, gap, kTimelineShare, timeline_min);
      const float row_h = std::max(ui, main_h - timeline_h - gap);
      const float tree_w = W - 2 * m - side_w_ - gap;
      r.tree = {m, y, m + tree_w, y + row_h};
      const float code_h = code_height(row_h, ui, kCodeShare);
      r.code = {m + tree_w + gap, y, W - m, y + code_h};
      r.output = {r.code.x0, y + code_h + gap, W - m, y + row_h};
      r.timeline = {m, y + row_h + gap, W - m, bottom};
      break;
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Panels: frame and header
// ---------------------------------------------------------------------------------------

Rect Page::content(const Rect& panel) const {
  const float pad = px(kPanelPadding);
  return {panel.x0 + pad, panel.y0 + pad, panel.x1 - pad, panel.y1 - pad};
}

void Page::paint_panel(Painter& p, const Rect& r, bool filled) const {
  const float rounding = px(kPanelRounding);
  if (filled) p.fill_rect(r, palette(spec_.theme)[ColorRole::panel], rounding);
  p.stroke_rect(r, panel_border(spec_.theme), rounding, kPanelBorder);
}

// The panel's title in bold, a hint right-aligned after it when there is room, and (for
// most panels) a separator across. Returns where the panel's content starts.
float Page::panel_header(Painter& p, const Rect& panel, const char* title, const char* hint, bool separator) const {
  const Palette& pal = palette(spec_.theme);
  const Rect c = content(panel);
  const float ui = lh();
  p.text(Font::bold, {c.x0, c.y0}, pal[ColorRole::text], title);
  if (hint && *hint) {
    const float w = p.text_width(Font::ui, hint);
    const float after = c.x0 + p.text_width(Font::bold, title) + kItemSpacingX;
    if (after + w + ui <= c.x1) p.text(Font::ui, {c.x1 - w, c.y0}, pal[ColorRole::text_muted], hint);
  }
  float y = c.y0 + ui + kItemSpacingY;
  if (separator) {
    p.line({panel.x0, y}, {panel.x1, y}, panel_border(spec_.theme), 1);
    y += 1 + kItemSpacingY;
  }
  return y;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The tree, code, output and timeline panels
// ---------------------------------------------------------------------------------------

namespace {
// What a panel shows of its content: inside its border, and half its padding at the sides
// (how the screen clips a panel).
Rect inner_clip(const Rect& r, float pad) {
  const float side = std::max(std::floor(pad * 0.5f), kPanelBorder);
  return {r.x0 + side, r.y0 + kPanelBorder, r.x1 - side, r.y1 - kPanelBorder};
}
}  // namespace

void Page::paint_tree_panel(Painter& p, const Rect& r, const PageStep& s) const {
  paint_panel(p, r, false);
  const Rect clip = inner_clip(r, px(kPanelPadding));
  ClipScope all(p, clip);
  const float y = panel_header(p, r, "Nursery tree", "tasks in their nurseries; dashed frames are cancel scopes", true);
  if (!src_.trace || !s.snapshot || !s.tree) return;
  const Rect c = content(r);
  const float tlh = p.font_size(Font::tree);
  const Vec2 start{c.x0, y};
  Vec2 origin{start.x + tree_inset(tlh), start.y + tree_run_band(tlh)};
  // The part of the tree this step is about, in view (as the screen scrolls to it).
  const Rect visible{clip.x0, y, clip.x1, clip.y1};
  const FocusRect focus = focus_of(*s.tree, *src_.trace, s.step);
  Vec2 scroll;
  if (focus.valid) {
    const Vec2 d = scroll_to_focus({origin.x + focus.x0, origin.y + focus.y0, origin.x + focus.x1, origin.y + focus.y1},
                                   visible, tree_focus_margin(tlh), kTreeFocusSlack);
    scroll = {std::max(0.0f, d.x), std::max(0.0f, d.y)};
  }
  origin = {origin.x - scroll.x, origin.y - scroll.y};
  ClipScope below(p, visible);
  const Vec2 chip_at{start.x + tree_inset(tlh) - scroll.x, start.y + tree_inset(tlh) - scroll.y};
  paint_run_chip(p, *src_.trace, *s.snapshot, spec_.theme, chip_at, tree_run_chip_room(c.x1, chip_at.x, tlh));
  TreeScene scene;
  scene.trace = src_.trace;
  scene.layout = s.tree;
  scene.theme = spec_.theme;
  scene.origin = origin;
  scene.visible = r;
  scene.selected_task = spec_.selected_task;
  scene.from = s.progress < 1 ? s.from : nullptr;
  scene.morph = tree_morph(s.progress);
  scene.effects = s.progress < 1 ? s.effects : nullptr;
  scene.effects_progress = s.progress;
  paint_tree(p, scene);
}

void Page::paint_code_panel(Painter& p, const Rect& r, const PageStep& s) const {
  paint_panel(p, r, false);
  const Rect clip = inner_clip(r, px(kPanelPadding));
  ClipScope all(p, clip);
  const float y = panel_header(p, r, "Code", code_subtitle(src_.written_in_python), true);
  if (src_.listing.empty() || !src_.trace || !s.snapshot) {
    p.text(Font::ui, {content(r).x0, y}, palette(spec_.theme)[ColorRole::text_muted], "No listing for this run.");
    return;
  }
  const Rect c = content(r);
  // The listing as the screen has it: each row a line and an item's spacing high, the next
  // an item's spacing below it, as wide as the panel less the listing's scrollbar.
  const Rect area{c.x0, y, c.x1, c.y1};
  const float row_h = p.font_size(Font::mono) + kItemSpacingY;
  const float pitch = row_h + kItemSpacingY;
  const float full_w = area.w() - px(kScrollbarSize);
  const std::size_t line_count = static_cast<std::size_t>(std::count(src_.listing.begin(), src_.listing.end(), '\n') + 1);
  const CodeGutter g = code_gutter(p, line_count);
  const ListingRows rows = wrap_listing(src_.listing, code_columns(g, full_w));
  const std::size_t nlines = rows.first_row.size();
  const CodeLit lit = code_lit(*src_.trace, *s.snapshot, s.step, nlines);
  const CodeScene scene{src_.trace, s.snapshot, src_.listing, &rows, &lit, spec_.theme};
  float scroll = 0;
  if (lit.strong > 0 && lit.strong <= nlines)
    scroll = code_scroll_to(static_cast<float>(rows.row_of_line(lit.strong)) * pitch, 0, area.h(), pitch);
  // As a window scrolls: no further than its content's end.
  scroll = std::min(scroll, std::max(0.0f, static_cast<float>(rows.rows.size()) * pitch - area.h()));
  // The listing is a window of its own on the screen: it clips at the panel's content.
  ClipScope listing(p, {area.x0, area.y0, clip.x1, clip.y1});
  RowTokens tokens;
  const std::size_t first = static_cast<std::size_t>(std::max(0.0f, std::floor(scroll / pitch)));
  for (std::size_t i = first; i < rows.rows.size(); ++i) {
    const float ry = area.y0 + static_cast<float>(i) * pitch - scroll;
    if (ry > area.y1) break;
    paint_code_row(p, scene, g, i, {area.x0, ry}, full_w, row_h, area.x0 + full_w, tokens);
  }
}

void Page::paint_output_panel(Painter& p, const Rect& r, const PageStep& s) const {
  paint_panel(p, r, false);
  const Rect clip = inner_clip(r, px(kPanelPadding));
  ClipScope all(p, clip);
  const float y = panel_header(p, r, "Output", "what the program printed", true);
  if (!src_.trace || !src_.playback || !s.snapshot) return;
  const Rect c = content(r);
  const Rect area{c.x0, y, c.x1, c.y1};
  const OutputLayout l = layout_output(p, *src_.trace, *src_.playback, *s.snapshot, s.step, area.w(), area.h(), kItemSpacingY);
  // The lines are a window of their own on the screen: they clip at the panel's content.
  ClipScope rows(p, {area.x0, area.y0, clip.x1, clip.y1});
  paint_output(p, l, area, spec_.theme);
}

void Page::paint_timeline_panel(Painter& p, const Rect& r, const PageStep& s) const {
  paint_panel(p, r, false);
  const Rect clip = inner_clip(r, px(kPanelPadding));
  ClipScope all(p, clip);
  const Palette& pal = palette(spec_.theme);
  const Rect c = content(r);
  const float ui = lh();
  p.text(Font::bold, {c.x0, c.y0}, pal[ColorRole::text], "Timeline");
  if (!src_.trace || !src_.timeline) return;
  const TimelineLayout& tl = *src_.timeline;
  const float top = c.y0 + ui + kItemSpacingY;
  double x0 = spec_.tl_x0, x1 = spec_.tl_x1;
  if (x1 <= x0) fit_timeline(tl, x0, x1);
  // As on screen, the timeline's own legend row (the states this run has, and its marks);
  // the other views have the page's legend of every state instead.
  const bool own_legend = spec_.legend && !page_legend();
  TimelineFrame f = timeline_frame(tl, {c.x0, top, c.x1, c.y1}, ui, 0, x0, x1, std::max(0.0f, spec_.tl_scroll), own_legend);
  if (spec_.tl_scroll < 0 && s.step >= 0 && static_cast<std::size_t>(s.step) < src_.trace->events.size()) {
    // The step's task's lane in view, as the screen brings it there.
    const std::int32_t task = src_.trace->events[s.step].task;
    if (task >= 0 && static_cast<std::size_t>(task) < tl.lane_of_task.size()) {
      const float lane = static_cast<float>(tl.lane_of_task[task]);
      if (lane + 1 > f.visible_lanes) f.scroll = std::clamp(std::ceil(lane + 1 - f.visible_lanes), 0.0f, f.max_scroll);
    }
  }
  // The header: how much there is, and what is shown of it; what the axis is.
  const std::size_t ntasks = tl.lanes.size(), nevents = src_.trace->events.size();
  std::string counts = thousands(ntasks) + (ntasks == 1 ? " task" : " tasks") + " \xC2\xB7 " + thousands(nevents) +
                       (nevents == 1 ? " event" : " events");
  if (f.scrollbar) {
    const std::int32_t a = f.first_lane() + 1;
    const std::int32_t b = std::min<std::int32_t>(static_cast<std::int32_t>(ntasks),
                                                  static_cast<std::int32_t>(std::floor(f.scroll + f.visible_lanes)));
    counts += " \xC2\xB7 lanes " + thousands(static_cast<std::size_t>(a)) + "\xE2\x80\x93" +
              thousands(static_cast<std::size_t>(b)) + " shown";
  }
  const float after = c.x0 + p.text_width(Font::bold, "Timeline") + ui;
  p.text(Font::ui, {after, c.y0}, pal[ColorRole::text_muted], counts);
  const float note_from = after + p.text_width(Font::ui, counts) + ui;
  if (const char* note = timeline_axis_note(false); note_from + p.text_width(Font::ui, note) <= c.x1)
    p.text(Font::ui, {c.x1 - p.text_width(Font::ui, note), c.y0}, pal[ColorRole::text_muted], note);
  TimelineScene scene;
  scene.trace = src_.trace;
  scene.layout = &tl;
  scene.snapshot = s.snapshot;
  scene.step = s.step;
  scene.theme = spec_.theme;
  scene.selected_task = spec_.selected_task;
  paint_timeline(p, f, scene);
  if (own_legend && f.legend.w() > 0) paint_timeline_legend(p, f.legend, tl, spec_.theme);
}

// ---------------------------------------------------------------------------------------
// [SECTION] The page
// ---------------------------------------------------------------------------------------

void Page::paint(Painter& p, const PageStep& s) const {
  const Palette& pal = palette(spec_.theme);
  const PageRects r = rects(s.caption);
  p.fill_rect({0, 0, spec_.width, spec_.height}, pal[ColorRole::background]);
  if (spec_.title) {
    const float size = p.font_size(Font::bold) * M::title_size;
    const std::string title = fit_text(p, Font::bold, src_.title, r.title.w() / M::title_size);
    p.text(Font::bold, size, {r.title.x0, r.title.y0}, pal[ColorRole::text], title);
  }
  {
    const float pad = px(kPanelPadding);
    const CaptionLayout cl = layout_caption(p, s.caption, r.caption.w(), pad, r.compact);
    paint_panel(p, r.caption, true);
    const std::string status = src_.trace ? caption_status(*src_.trace, s.step) : std::string();
    ClipScope clip(p, r.caption);
    paint_caption(p, cl, r.caption, s.caption, status, caption_accent(src_.trace, s.step), spec_.theme);
  }
  if (r.tree.w() > 0) paint_tree_panel(p, r.tree, s);
  if (r.code.w() > 0) paint_code_panel(p, r.code, s);
  if (r.output.w() > 0) paint_output_panel(p, r.output, s);
  if (r.timeline.w() > 0 && has_timeline(spec_.view)) paint_timeline_panel(p, r.timeline, s);
  if (page_legend()) {
    const LegendLayout ll = layout_legend(p, r.legend.w() - 2 * px(kPanelPadding));
    paint_legend(p, ll, {r.legend.x0 + px(kPanelPadding), r.legend.y0}, spec_.theme);
  }
}

void Page::paint_at(Painter& p, std::int32_t step) const {
  if (!src_.playback) {
    paint(p, PageStep{.step = step, .caption = caption(step)});
    return;
  }
  const Snapshot snap = src_.playback->snapshot_at(step);
  const TreeLayout tree = layout_tree(snap);
  PageStep s;
  s.step = snap.step;
  s.snapshot = &snap;
  s.caption = caption(step);
  s.tree = &tree;
  paint(p, s);
}

}  // namespace trioscope::view
