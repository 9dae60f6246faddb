// [SECTION] Ruler
// [SECTION] Lanes: spans and marks
// [SECTION] Arrows and overdue deadlines
// [SECTION] The label at the playhead
// [SECTION] The legend
// [SECTION] The timeline
#include "view/timeline_paint.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "view/exc_text.hpp"
#include "view/shapes.hpp"
#include "view/step_facts.hpp"

namespace trioscope::view {

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Ruler
// ---------------------------------------------------------------------------------------

std::string due_label(const Overdue& o) { return "t=" + format_seconds(o.time) + " due"; }

// A round step for tick labels at least `min_seconds` apart: 1, 2 or 5 times a power of ten.
double nice_step(double min_seconds) {
  if (!(min_seconds > 0) || !std::isfinite(min_seconds)) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(min_seconds)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= min_seconds) return m * p;
  return 10 * p;
}

// Grid lines where something happens (each instant), and tick labels at round times spaced
// for their width, at any zoom: zoomed into one instant, its time is pinned at the left.
// With the future hidden, the ruler stops at the playhead too.
void paint_ruler(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal, float limit_x) {
  const float lh = f.line_height;
  const float right = std::min(f.canvas.x1, limit_x);
  const auto& ticks = tl.axis.ticks;
  auto first = std::lower_bound(ticks.begin(), ticks.end(), f.x0, [](const TimeAxis::Tick& t, double v) { return t.x < v; });
  if (first != ticks.begin()) --first;
  float last_line = -1e9f;
  for (auto it = first; it != ticks.end() && it->x <= f.x1; ++it) {
    const float x = f.px(it->x);
    if (x > right) break;
    if (x - last_line >= 3) {  // one grid line per few pixels at most
      p.line({x, f.ruler_top + lh * 0.9f}, {x, f.canvas.y1}, faded(pal[ColorRole::text_muted], 0.22f), 1);
      last_line = x;
    }
  }
  // Labels: the deadlines that passed while the loop was blocked are what the lesson is
  // about, so round ticks give way to their "due" labels.
  std::vector<Rect> taken;
  for (const Overdue& o : tl.overdue) {
    const float dx = f.px(o.x_due);
    if (dx > right) continue;
    taken.push_back({dx, f.ruler_top, dx + 3 + text_width_px(p, Font::ui, due_label(o)) + lh * 0.5f, f.ruler_top + lh});
  }
  const double t0 = tl.axis.time_at(std::max(f.x0, 0.0)), t1 = tl.axis.time_at(std::min(f.x1, tl.axis.end_x));
  const float width = right - f.canvas.x0;
  const float label_w = text_width_px(p, Font::ui, "t=" + format_seconds(std::max(std::fabs(t0), std::fabs(t1)))) + lh;
  int labels = 0;
  auto label = [&](double t, float x) {
    if (x < f.canvas.x0 - 2 || x > right) return;
    const std::string text = "t=" + format_seconds(t);
    const Rect r{x, f.ruler_top, x + 3 + text_width_px(p, Font::ui, text) + lh * 0.5f, f.ruler_top + lh};
    if (r.x1 - lh * 0.5f > f.canvas.x1) return;
    for (const Rect& o : taken)
      if (r.overlaps(o)) return;
    taken.push_back(r);
    p.line({x, f.ruler_top}, {x, f.ruler_top + lh * 1.1f}, pal[ColorRole::text_muted], 1.5f);
    p.text(Font::ui, {x + 3, f.ruler_top}, pal[ColorRole::text], text);
    ++labels;
  };
  if (t1 > t0 && width > 0) {
    const double step = nice_step((t1 - t0) * label_w / width);
    if (step > 0)
      for (double k = std::ceil(t0 / step - 1e-9), n = 0; k * step <= t1 + step * 1e-9 && n < 1000; ++k, ++n)
        label(k * step, f.px(tl.axis.x_at_time(k * step)));
  }
  // Zoomed into one instant (or between round times): say where in time the view is.
  if (labels == 0) label(t0, f.canvas.x0);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Lanes: spans and marks
// ---------------------------------------------------------------------------------------

// Marks of events after `last_event` (the future, when it is hidden) are left out.
void paint_lane(Painter& p, const TimelineFrame& f, const Lane& lane, float y, const Palette& pal, bool highlight,
                std::int32_t last_event) {
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
      state_bar(p, s.state, {a, top, b, bottom}, pal);
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
  // Marks, as tall as the text: one per column of `r` pixels, the most important one.
  const float r = std::max(3.0f, lh * 0.45f);
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
    if (m.event > last_event) break;  // marks are in event order along the lane
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

void paint_arrows(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal, std::int32_t last_event) {
  const float lh = f.line_height;
  auto [a0, a1] = tl.arrows_in(f.x0, f.x1);
  const float half = static_cast<float>(0.5 * f.ppu());
  const float top = f.canvas.y0, bottom = f.canvas.y1;
  // Arrows that would land on the same pixels are drawn once.
  std::unordered_set<long long> drawn;
  std::size_t budget = 20000;
  for (std::size_t i = a0; i < a1 && budget > 0; ++i) {
    const Arrow& a = tl.arrows[i];
    if (a.event > last_event) continue;
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
void paint_overdue(Painter& p, const TimelineFrame& f, const TimelineLayout& tl, const Palette& pal, float limit_x) {
  const float lh = f.line_height;
  const Rgba c = pal[ColorRole::blocking];
  for (const Overdue& o : tl.overdue) {
    const float x = f.px(o.x_due);
    if (x < f.canvas.x0 - 2 || x > f.canvas.x1 + 2 || x > limit_x) continue;
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
void paint_labels(Painter& base, const TimelineFrame& f, const TimelineScene& s, const Palette& pal) {
  const float lh = f.line_height;
  const TimelineLayout& tl = *s.layout;
  const float x0 = f.area.x0;
  // Lanes that gave way below a line height get their names a size smaller, so that one
  // lane's name never runs into the next one's.
  ScaledPainter scaled(base, std::min(1.0f, (f.lane_h - 1) / lh));
  Painter& p = scaled;
  const float th = p.font_size(Font::ui);
  ClipScope clip(p, {x0, f.canvas.y0, x0 + f.label_w, f.canvas.y1});
  for (std::int32_t l = f.first_lane(); l < f.last_lane(tl.lanes.size()); ++l) {
    const Lane& lane = tl.lanes[l];
    const float y = f.lane_y(l);
    const DisplayState st = s.snapshot ? display_state(*s.snapshot, lane.task) : DisplayState::absent;
    const bool selected = s.selected_task == lane.task || s.hovered_task == lane.task;
    if (selected) p.fill_rect({x0, y, x0 + f.label_w, y + f.lane_h}, faded(pal[ColorRole::playhead], 0.12f));
    const float x = x0 + std::min(lane.depth, 8) * lh * 0.7f;
    const float ty = y + (f.lane_h - th) * 0.5f;
    p.text(Font::ui, {x, ty}, pal[color_role(st)], state_icon(st));
    const Rgba text = pal[st == DisplayState::absent || is_terminal(st) ? ColorRole::text_muted : ColorRole::text];
    const Font font = s.snapshot && s.snapshot->running == lane.task ? Font::bold : Font::ui;
    p.text(font, {x + th * 1.2f, ty}, text, task_label(*s.trace, lane.task));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] The label at the playhead
// ---------------------------------------------------------------------------------------

TimelineLabel timeline_label(const Painter& p, const TimelineFrame& f, const TimelineScene& s) {
  TimelineLabel out;
  if (!s.trace || !s.snapshot || s.step < 0 || static_cast<std::size_t>(s.step) >= s.trace->events.size()) return out;
  out.text = step_label(*s.trace, *s.snapshot);
  if (out.text.empty()) return out;
  const trio::Event& e = s.trace->events[s.step];
  const std::int32_t task = e.task >= 0 ? e.task : 0;
  const TimelineLayout& tl = *s.layout;
  if (!(task >= 0 && static_cast<std::size_t>(task) < tl.lane_of_task.size())) return {};
  out.lane = tl.lane_of_task[task];
  const std::int32_t exc = current_exception(*s.trace, *s.snapshot);
  out.role = exc >= 0 ? (is_cancelled_exc(*s.trace, exc) ? ColorRole::cancellation : ColorRole::exception)
             : e.kind == trio::EventKind::scope_cancelled ? ColorRole::cancellation
                                                          : ColorRole::playhead;
  // Beside the playhead, on the lane of the task that acts; left of it when there is no room
  // on the right; always inside the canvas.
  // No taller than a lane, so that it covers no other lane's history.
  Vec2 size = chip_size(p, Font::ui, out.text);
  out.scale = std::clamp(f.lane_h / size.y, 0.6f, 1.0f);
  size = {size.x * out.scale, size.y * out.scale};
  const float lh = f.line_height;
  const float hx = f.head_x(tl, s.step);
  float x = hx + lh * 0.4f;
  if (x + size.x > f.canvas.x1) x = hx - lh * 0.4f - size.x;
  x = std::clamp(x, f.canvas.x0, std::max(f.canvas.x0, f.canvas.x1 - size.x));
  float y = f.lane_y(out.lane) + (f.lane_h - size.y) * 0.5f;
  y = std::clamp(y, f.canvas.y0, std::max(f.canvas.y0, f.canvas.y1 - size.y));
  out.rect = {x, y, x + size.x, y + size.y};
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The legend
// ---------------------------------------------------------------------------------------

void paint_timeline_legend(Painter& p, const Rect& r, const TimelineLayout& tl, Theme theme) {
  const Palette& pal = palette(theme);
  const float lh = p.font_size(Font::ui);
  ClipScope clip(p, r);
  float x = r.x0;
  const float y = r.y0 + (r.h() - lh) * 0.5f;
  const float gap = lh * 0.9f;
  const float ellipsis_w = p.text_width(Font::ui, "\xE2\x80\xA6");
  auto room_for = [&](float w) { return x + w + ellipsis_w + gap <= r.x1; };
  bool all = true;
  static constexpr DisplayState kOrder[] = {
      DisplayState::running, DisplayState::runnable, DisplayState::sleeping, DisplayState::blocking,
      DisplayState::waiting_children, DisplayState::waiting_start, DisplayState::cancel_pending,
      DisplayState::raising, DisplayState::handling};
  for (const DisplayState st : kOrder) {
    if (!(tl.states_used & (1u << static_cast<unsigned>(st)))) continue;
    const std::string word = std::string(state_icon(st)) + " " + state_word(st);
    const float sw = lh * 1.4f, w = sw + lh * 0.3f + p.text_width(Font::ui, word);
    if (!room_for(w)) {
      all = false;
      break;
    }
    state_bar(p, st, {x, y + lh * 0.2f, x + sw, y + lh * 0.8f}, pal);
    p.text(Font::ui, {x + sw + lh * 0.3f, y}, pal[color_role(st)], word);
    x += w + gap;
  }
  static constexpr MarkKind kMarks[] = {MarkKind::spawn, MarkKind::raise, MarkKind::cancel, MarkKind::cancel_hit,
                                        MarkKind::caught, MarkKind::reraise, MarkKind::print};
  for (const MarkKind m : kMarks) {
    if (!all || !(tl.marks_used & (1u << static_cast<unsigned>(m)))) continue;
    const char* word = mark_word(m);
    const float w = lh * 1.1f + p.text_width(Font::ui, word);
    if (!room_for(w)) {
      all = false;
      break;
    }
    mark_shape(p, m, {x + lh * 0.45f, y + lh * 0.5f}, lh * 0.42f, pal[mark_role(m)], pal[ColorRole::background]);
    p.text(Font::ui, {x + lh * 1.1f, y}, pal[ColorRole::text_muted], word);
    x += w + gap;
  }
  if (!all) p.text(Font::ui, {x, y}, pal[ColorRole::text_muted], "\xE2\x80\xA6");
}

// ---------------------------------------------------------------------------------------
// [SECTION] The timeline
// ---------------------------------------------------------------------------------------

void paint_timeline(Painter& p, const TimelineFrame& f, const TimelineScene& s) {
  if (!s.trace || !s.layout) return;
  const TimelineLayout& tl = *s.layout;
  const Palette& pal = palette(s.theme);
  const float lh = f.line_height;
  const std::int32_t last = static_cast<std::int32_t>(s.trace->events.size()) - 1;
  const float hx = f.head_x(tl, s.step);
  // The future: hidden until played (the lanes stop at the playhead, so "what happens
  // next?" stays a question), or shown dimmed.
  const bool hide = !s.show_future && s.step < last;
  const float limit_x = hide ? std::max(f.canvas.x0, hx) : f.canvas.x1 + 1e6f;
  const std::int32_t last_event = hide ? s.step : last;
  {
    ClipScope all(p, f.area);
    paint_labels(p, f, s, pal);
    // Ruler, lanes, arrows, playhead.
    ClipScope right(p, {f.canvas.x0, f.ruler_top, f.canvas.x1, f.canvas.y1});
    paint_ruler(p, f, tl, pal, limit_x);
    {
      ClipScope lanes(p, {f.canvas.x0, f.canvas.y0, std::min(f.canvas.x1, limit_x), f.canvas.y1});
      for (std::int32_t l = f.first_lane(); l < f.last_lane(tl.lanes.size()); ++l)
        paint_lane(p, f, tl.lanes[l], f.lane_y(l), pal, s.selected_task == tl.lanes[l].task || l == s.hover_lane, last_event);
      paint_arrows(p, f, tl, pal, last_event);
    }
    paint_overdue(p, f, tl, pal, limit_x);
    if (!hide && s.step < last && hx < f.canvas.x1)
      p.fill_rect({std::max(f.canvas.x0, hx + 1), f.ruler_top + lh * 1.1f, f.canvas.x1, f.canvas.y1},
                  faded(pal[ColorRole::background], 0.62f));
    if (hx >= f.canvas.x0 - 2 && hx <= f.canvas.x1 + 2) {
      const Rgba c = pal[ColorRole::playhead];
      p.line({hx, f.ruler_top + lh * 1.1f}, {hx, f.canvas.y1}, c, 2.5f);
      p.fill_triangle({hx - lh * 0.4f, f.ruler_top + lh * 0.8f}, {hx + lh * 0.4f, f.ruler_top + lh * 0.8f},
                      {hx, f.ruler_top + lh * 1.35f}, c);
    }
    // What this step is about, in words, where the eye is.
    if (const TimelineLabel label = timeline_label(p, f, s); !label.text.empty()) {
      ClipScope lanes(p, f.canvas);
      ScaledPainter small(p, label.scale);
      chip(small, Font::ui, {label.rect.x0, label.rect.y0}, label.text, pal[label.role], pal[ColorRole::background],
           pal[ColorRole::background]);
    }
  }
  if (f.legend.h() > 0) paint_timeline_legend(p, f.legend, tl, s.theme);
}

}  // namespace trioscope::view
