// [SECTION] Ruler
// [SECTION] Lanes: spans and marks
// [SECTION] Arrows and overdue deadlines
// [SECTION] The timeline
#include "view/timeline_paint.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include "view/exc_text.hpp"
#include "view/shapes.hpp"

namespace trioscope::view {

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Ruler
// ---------------------------------------------------------------------------------------

std::string due_label(const Overdue& o) { return "t=" + format_seconds(o.time) + " due"; }

void paint_ruler(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal) {
  const float lh = f.line_height;
  const auto& ticks = tl.axis.ticks;
  auto first = std::lower_bound(ticks.begin(), ticks.end(), f.x0, [](const TimeAxis::Tick& t, double v) { return t.x < v; });
  if (first != ticks.begin()) --first;
  float label_end = -1e9f, last_line = -1e9f;
  for (auto it = first; it != ticks.end() && it->x <= f.x1; ++it) {
    const float x = f.px(it->x);
    if (x - last_line >= 3) {  // one grid line per few pixels at most
      p.line({x, f.ruler_top + lh * 0.9f}, {x, f.canvas.y1}, faded(pal[ColorRole::text_muted], 0.22f), 1);
      last_line = x;
    }
    const std::string label = "t=" + format_seconds(it->time);
    const float w = text_width_px(p, Font::ui, label);
    // A missed deadline's label ("t=1.4 due") is what the lesson is about: ticks give way.
    bool over_due = false;
    for (const Overdue& o : tl.overdue) {
      const float dx = f.px(o.x_due);
      const float dw = text_width_px(p, Font::ui, due_label(o));
      over_due |= x + 3 < dx + 3 + dw + lh * 0.5f && x + 3 + w + lh * 0.5f > dx;
    }
    if (x >= label_end + lh * 0.5f && x >= f.canvas.x0 - 2 && !over_due) {
      p.line({x, f.ruler_top}, {x, f.ruler_top + lh * 1.1f}, pal[ColorRole::text_muted], 1.5f);
      p.text(Font::ui, {x + 3, f.ruler_top}, pal[ColorRole::text], label);
      label_end = x + 3 + w;
    }
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] Lanes: spans and marks
// ---------------------------------------------------------------------------------------

// Sleeping and waiting are hatched lighter: the task is there but not running.
bool hatched(DisplayState s) {
  return s == DisplayState::sleeping || s == DisplayState::waiting_children || s == DisplayState::waiting_start ||
         s == DisplayState::runnable;
}

void paint_lane(Painter& p, const TimelineFrame& f, const Lane& lane, float y, const Palette& pal, bool highlight) {
  const float lh = f.line_height;
  const float top = y + f.lane_h * 0.18f, bottom = y + f.lane_h * 0.82f;
  if (highlight) p.fill_rect({f.canvas.x0, y, f.canvas.x1, y + f.lane_h}, faded(pal[ColorRole::playhead], 0.08f));
  // Spans, merged below a pixel.
  auto [s0, s1] = lane.spans_in(f.x0, f.x1);
  float bucket_a = 0, bucket_b = -1, bucket_best = -1;
  DisplayState bucket_state = DisplayState::runnable;
  auto flush = [&] {
    if (bucket_b < bucket_a) return;
    p.fill_rect({bucket_a, top, std::max(bucket_b, bucket_a + 1), bottom}, faded(pal[color_role(bucket_state)], 0.85f));
    bucket_b = bucket_a - 1;
  };
  for (std::size_t i = s0; i < s1; ++i) {
    const Span& s = lane.spans[i];
    const float a = std::max(f.px(s.x0), f.canvas.x0 - 2), b = std::min(f.px(s.x1), f.canvas.x1 + 2);
    if (b - a >= 1.5f) {
      flush();
      p.fill_rect({a, top, b, bottom}, faded(pal[color_role(s.state)], 0.85f));
      if (hatched(s.state))
        p.fill_rect({a, top + (bottom - top) * 0.3f, b, bottom - (bottom - top) * 0.3f}, faded(pal[ColorRole::background], 0.55f));
      continue;
    }
    if (bucket_b >= bucket_a && a > bucket_b + 1) flush();
    if (bucket_b < bucket_a) {
      bucket_a = a;
      bucket_best = -1;
    }
    bucket_b = std::max(bucket_b, b);
    if (b - a > bucket_best) {
      bucket_best = b - a;
      bucket_state = s.state;
    }
  }
  flush();
  // Marks: one per column of `r` pixels, the most important one.
  const float r = std::max(3.0f, lh * 0.32f);
  auto [m0, m1] = lane.marks_in(f.unit(f.canvas.x0 - r), f.unit(f.canvas.x1 + r));
  const float half = static_cast<float>(0.5 * f.ppu());  // marks sit in the middle of the event's slot
  const float cy = (top + bottom) * 0.5f;
  const Mark* best = nullptr;
  float column = -1e9f;
  auto draw = [&](const Mark* m) {
    if (!m) return;
    mark_shape(p, m->kind, {f.px(m->x) + half, cy}, r, pal[mark_role(m->kind)], pal[ColorRole::background]);
  };
  for (std::size_t i = m0; i < m1; ++i) {
    const Mark& m = lane.marks[i];
    const float x = f.px(m.x) + half;
    if (x - column >= r * 1.6f) {
      draw(best);
      best = &m;
      column = x;
    } else if (!best || mark_priority(m.kind) > mark_priority(best->kind)) {
      best = &m;
    }
  }
  draw(best);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Arrows and overdue deadlines
// ---------------------------------------------------------------------------------------

void paint_arrows(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal) {
  const float lh = f.line_height;
  auto [a0, a1] = tl.arrows_in(f.x0, f.x1);
  const float half = static_cast<float>(0.5 * f.ppu());
  const float top = f.canvas.y0, bottom = f.canvas.y1;
  // Arrows that would land on the same pixels are drawn once.
  std::unordered_set<long long> drawn;
  std::size_t budget = 20000;
  for (std::size_t i = a0; i < a1 && budget > 0; ++i) {
    const Arrow& a = tl.arrows[i];
    const float ya = f.lane_y(a.lane0 + 0.5), yb = f.lane_y(a.lane1 + 0.5);
    if ((ya < top && yb < top) || (ya > bottom && yb > bottom)) continue;
    const float xa = f.px(a.x0) + half, xb = f.px(a.x1) + half;
    if ((xa < f.canvas.x0 && xb < f.canvas.x0) || (xa > f.canvas.x1 && xb > f.canvas.x1)) continue;
    const long long key = (static_cast<long long>(xa) << 24) ^ (static_cast<long long>(xb) << 8) ^ static_cast<int>(a.kind) ^
                          (static_cast<long long>(std::clamp(yb, top - 1, bottom + 1)) << 40);
    if (!drawn.insert(key).second) continue;
    --budget;
    const ColorRole role = a.kind == ArrowKind::spawn    ? ColorRole::spawn
                           : a.kind == ArrowKind::cancel ? ColorRole::cancellation
                                                         : ColorRole::exception;
    const Rgba c = faded(pal[role], a.kind == ArrowKind::spawn ? 0.55f : 0.9f);
    const float th = a.kind == ArrowKind::spawn ? 1.5f : 2.5f;
    const Vec2 from{xa, std::clamp(ya, top - 4, bottom + 4)}, to{xb, std::clamp(yb, top - 4, bottom + 4)};
    if (std::fabs(xb - xa) < 2) arrow(p, from, to, c, th, lh * 0.45f);
    else curved_arrow(p, from, to, c, th, lh * 0.45f, 0.12f);
  }
}

// A sleep's deadline that passed while the loop was blocked: a dashed line through the
// lanes with its time, and on the sleeper's lane the wait past it.
void paint_overdue(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal) {
  const float lh = f.line_height;
  const Rgba c = pal[ColorRole::blocking];
  for (const Overdue& o : tl.overdue) {
    const float x = f.px(o.x_due);
    if (x < f.canvas.x0 - 2 || x > f.canvas.x1 + 2) continue;
    dashed_line(p, {x, f.ruler_top + lh * 0.2f}, {x, f.canvas.y1}, c, 2.0f, lh * 0.3f);
    p.text(Font::ui, {x + 3, f.ruler_top}, c, due_label(o));
    const float y = f.lane_y(o.lane);
    if (y < f.canvas.y0 - 0.5f || y > f.canvas.y1) continue;
    const float xw = f.px(o.x_woken) + static_cast<float>(0.5 * f.ppu());
    const float bottom = y + f.lane_h * 0.82f;
    p.fill_rect({x, bottom - f.lane_h * 0.16f, std::max(x + 2, xw), bottom}, c);
  }
}

// Lane labels: indented by nesting, with the state icon at this step.
void paint_labels(Painter& p, const TimelineFrame& f, const TimelineScene& s, const Palette& pal) {
  const float lh = f.line_height;
  const TimelineLayout& tl = *s.layout;
  const float x0 = f.area.x0;
  ClipScope clip(p, {x0, f.canvas.y0, x0 + f.label_w, f.canvas.y1});
  for (std::int32_t l = f.first_lane(); l < f.last_lane(tl.lanes.size()); ++l) {
    const Lane& lane = tl.lanes[l];
    const float y = f.lane_y(l);
    const DisplayState st = s.snapshot ? display_state(*s.snapshot, lane.task) : DisplayState::absent;
    const bool selected = s.selected_task == lane.task || s.hovered_task == lane.task;
    if (selected) p.fill_rect({x0, y, x0 + f.label_w, y + f.lane_h}, faded(pal[ColorRole::playhead], 0.12f));
    const float x = x0 + std::min(lane.depth, 8) * lh * 0.7f;
    const float ty = y + (f.lane_h - lh) * 0.5f;
    p.text(Font::ui, {x, ty}, pal[color_role(st)], state_icon(st));
    const Rgba text = pal[st == DisplayState::absent || is_terminal(st) ? ColorRole::text_muted : ColorRole::text];
    const Font font = s.snapshot && s.snapshot->running == lane.task ? Font::bold : Font::ui;
    p.text(font, {x + lh * 1.2f, ty}, text, task_label(*s.trace, lane.task));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] The timeline
// ---------------------------------------------------------------------------------------

void paint_timeline(Painter& p, const TimelineFrame& f, const TimelineScene& s) {
  if (!s.trace || !s.layout) return;
  const TimelineLayout& tl = *s.layout;
  const Palette& pal = palette(s.theme);
  const float lh = f.line_height;
  ClipScope all(p, f.area);
  paint_labels(p, f, s, pal);
  // Ruler, lanes, arrows, playhead.
  ClipScope right(p, {f.canvas.x0, f.ruler_top, f.canvas.x1, f.canvas.y1});
  paint_ruler(p, f, tl, pal);
  {
    ClipScope lanes(p, f.canvas);
    for (std::int32_t l = f.first_lane(); l < f.last_lane(tl.lanes.size()); ++l)
      paint_lane(p, f, tl.lanes[l], f.lane_y(l), pal, s.selected_task == tl.lanes[l].task || l == s.hover_lane);
    paint_arrows(p, f, tl, pal);
  }
  paint_overdue(p, f, tl, pal);
  const float hx = f.head_x(tl, s.step);
  // What has not happened yet is dimmed: the lanes show where the run goes without
  // giving away how it ends.
  if (s.step < static_cast<std::int32_t>(s.trace->events.size()) - 1 && hx < f.canvas.x1)
    p.fill_rect({std::max(f.canvas.x0, hx + 1), f.ruler_top + lh * 1.1f, f.canvas.x1, f.canvas.y1},
                faded(pal[ColorRole::background], 0.62f));
  if (hx >= f.canvas.x0 - 2 && hx <= f.canvas.x1 + 2) {
    const Rgba c = pal[ColorRole::playhead];
    p.line({hx, f.ruler_top + lh * 1.1f}, {hx, f.canvas.y1}, c, 2.5f);
    p.fill_triangle({hx - lh * 0.4f, f.ruler_top + lh * 0.8f}, {hx + lh * 0.4f, f.ruler_top + lh * 0.8f},
                    {hx, f.ruler_top + lh * 1.35f}, c);
  }
}

}  // namespace trioscope::view
