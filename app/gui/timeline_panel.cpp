// The timeline: one lane per task along (stretched) virtual time, drawn from the shared
// TimelineLayout. Wheel zooms around the mouse, drag pans, Shift+wheel (or the scrollbar)
// scrolls the lanes, a click jumps to the event under the mouse, "Fit" shows everything.
//
// The axis is not to scale (each instant is widened to show its steps) and says so. What
// lies after the playhead is dimmed, so that the end of the run is not given away; a
// deadline that passed while time.sleep froze the loop gets its own mark on the ruler.
//
// Only what is on screen is visited: lanes by index, spans, marks and arrows by binary
// search on x. What is smaller than a pixel is merged: neighbouring sub-pixel spans into
// one bar in the colour of the longest, marks into one per column (the most important).
//
// [SECTION] Mapping between axis units and pixels
// [SECTION] Painting: ruler, lanes, arrows, playhead
// [SECTION] Interaction and the panel
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

using view::ColorRole;

// ---------------------------------------------------------------------------------------
// [SECTION] Mapping between axis units and pixels
// ---------------------------------------------------------------------------------------
struct Frame {
  ImVec2 canvas_min, canvas_max;  // the lanes' area (below the ruler)
  float ruler_top = 0;
  double x0 = 0, x1 = 1;          // visible axis range
  float lane_h = 20;
  float scroll = 0;               // first visible lane (fractional)

  double ppu() const { return (canvas_max.x - canvas_min.x) / (x1 - x0); }
  float px(double x) const { return static_cast<float>(canvas_min.x + (x - x0) * ppu()); }
  double unit(float px) const { return x0 + (px - canvas_min.x) / ppu(); }
  float lane_y(double lane) const { return static_cast<float>(canvas_min.y + (lane - scroll) * lane_h); }
};

void fit(const view::TimelineLayout& tl, double& x0, double& x1) {
  const double margin = std::max(1.0, tl.axis.end_x * 0.01);
  x0 = -margin;
  x1 = tl.axis.end_x + margin;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Painting: ruler, lanes, arrows, playhead
// ---------------------------------------------------------------------------------------

void paint_ruler(ImDrawList* dl, const Frame& f, const view::TimelineLayout& tl, const view::Palette& p, float lh) {
  const auto& ticks = tl.axis.ticks;
  auto first = std::lower_bound(ticks.begin(), ticks.end(), f.x0, [](const view::TimeAxis::Tick& t, double v) { return t.x < v; });
  if (first != ticks.begin()) --first;
  float label_end = -1e9f, last_line = -1e9f;
  for (auto it = first; it != ticks.end() && it->x <= f.x1; ++it) {
    const float x = f.px(it->x);
    if (x - last_line >= 3) {  // one grid line per few pixels at most
      dl->AddLine(ImVec2(x, f.ruler_top + lh * 0.9f), ImVec2(x, f.canvas_max.y), to_u32(p[ColorRole::text_muted], 0.22f), 1);
      last_line = x;
    }
    const std::string label = "t=" + view::format_seconds(it->time);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    // A missed deadline's label ("t=1.4 due") is what the lesson is about: ticks give way.
    bool over_due = false;
    for (const view::Overdue& o : tl.overdue) {
      const float dx = f.px(o.x_due);
      const float dw = ImGui::CalcTextSize(("t=" + view::format_seconds(o.time) + " due").c_str()).x;
      over_due |= x + 3 < dx + 3 + dw + lh * 0.5f && x + 3 + w + lh * 0.5f > dx;
    }
    if (x >= label_end + lh * 0.5f && x >= f.canvas_min.x - 2 && !over_due) {
      dl->AddLine(ImVec2(x, f.ruler_top), ImVec2(x, f.ruler_top + lh * 1.1f), to_u32(p[ColorRole::text_muted]), 1.5f);
      dl->AddText(ImVec2(x + 3, f.ruler_top), to_u32(p[ColorRole::text]), label.c_str());
      label_end = x + 3 + w;
    }
  }
}

void paint_lane(ImDrawList* dl, const Frame& f, const view::Lane& lane, float y, const view::Palette& p, float lh,
                bool highlight) {
  const float top = y + f.lane_h * 0.18f, bottom = y + f.lane_h * 0.82f;
  if (highlight) dl->AddRectFilled(ImVec2(f.canvas_min.x, y), ImVec2(f.canvas_max.x, y + f.lane_h), to_u32(p[ColorRole::playhead], 0.08f));
  // Spans, merged below a pixel.
  auto [s0, s1] = lane.spans_in(f.x0, f.x1);
  float bucket_a = 0, bucket_b = -1, bucket_best = -1;
  view::DisplayState bucket_state = view::DisplayState::runnable;
  auto flush = [&] {
    if (bucket_b < bucket_a) return;
    dl->AddRectFilled(ImVec2(bucket_a, top), ImVec2(std::max(bucket_b, bucket_a + 1), bottom),
                      to_u32(p[view::color_role(bucket_state)], 0.85f));
    bucket_b = bucket_a - 1;
  };
  for (std::size_t i = s0; i < s1; ++i) {
    const view::Span& s = lane.spans[i];
    const float a = std::max(f.px(s.x0), f.canvas_min.x - 2), b = std::min(f.px(s.x1), f.canvas_max.x + 2);
    if (b - a >= 1.5f) {
      flush();
      const ImU32 c = to_u32(p[view::color_role(s.state)], 0.85f);
      dl->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), c);
      // Sleeping and waiting are hatched lighter: the task is there but not running.
      if (s.state == view::DisplayState::sleeping || s.state == view::DisplayState::waiting_children ||
          s.state == view::DisplayState::waiting_start || s.state == view::DisplayState::runnable)
        dl->AddRectFilled(ImVec2(a, top + (bottom - top) * 0.3f), ImVec2(b, bottom - (bottom - top) * 0.3f),
                          to_u32(p[ColorRole::background], 0.55f));
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
  auto [m0, m1] = lane.marks_in(f.unit(f.canvas_min.x - r), f.unit(f.canvas_max.x + r));
  const float half = static_cast<float>(0.5 * f.ppu());  // marks sit in the middle of the event's slot
  const float cy = (top + bottom) * 0.5f;
  const view::Mark* best = nullptr;
  float column = -1e9f;
  auto draw = [&](const view::Mark* m) {
    if (!m) return;
    const float x = f.px(m->x) + half;
    mark_shape(dl, m->kind, ImVec2(x, cy), r, to_u32(p[view::mark_role(m->kind)]), to_u32(p[ColorRole::background]));
  };
  for (std::size_t i = m0; i < m1; ++i) {
    const view::Mark& m = lane.marks[i];
    const float x = f.px(m.x) + half;
    if (x - column >= r * 1.6f) {
      draw(best);
      best = &m;
      column = x;
    } else if (!best || view::mark_priority(m.kind) > view::mark_priority(best->kind)) {
      best = &m;
    }
  }
  draw(best);
}

void paint_arrows(ImDrawList* dl, const Frame& f, const view::TimelineLayout& tl, const view::Palette& p, float lh) {
  auto [a0, a1] = tl.arrows_in(f.x0, f.x1);
  const float half = static_cast<float>(0.5 * f.ppu());
  const float top = f.canvas_min.y, bottom = f.canvas_max.y;
  // Arrows that would land on the same pixels are drawn once.
  std::unordered_map<long long, bool> drawn;
  std::size_t budget = 20000;
  for (std::size_t i = a0; i < a1 && budget > 0; ++i) {
    const view::Arrow& a = tl.arrows[i];
    const float ya = f.lane_y(a.lane0 + 0.5), yb = f.lane_y(a.lane1 + 0.5);
    if ((ya < top && yb < top) || (ya > bottom && yb > bottom)) continue;
    const float xa = f.px(a.x0) + half, xb = f.px(a.x1) + half;
    if ((xa < f.canvas_min.x && xb < f.canvas_min.x) || (xa > f.canvas_max.x && xb > f.canvas_max.x)) continue;
    const long long key = (static_cast<long long>(xa) << 24) ^ (static_cast<long long>(xb) << 8) ^ static_cast<int>(a.kind) ^
                          (static_cast<long long>(std::clamp(yb, top - 1, bottom + 1)) << 40);
    if (!drawn.emplace(key, true).second) continue;
    --budget;
    const ColorRole role = a.kind == view::ArrowKind::spawn ? ColorRole::spawn
                           : a.kind == view::ArrowKind::cancel ? ColorRole::cancellation : ColorRole::exception;
    const ImU32 c = to_u32(p[role], a.kind == view::ArrowKind::spawn ? 0.55f : 0.9f);
    const float th = a.kind == view::ArrowKind::spawn ? 1.5f : 2.5f;
    const ImVec2 from(xa, std::clamp(ya, top - 4, bottom + 4)), to(xb, std::clamp(yb, top - 4, bottom + 4));
    if (std::fabs(xb - xa) < 2) arrow(dl, from, to, c, th, lh * 0.45f);
    else curved_arrow(dl, from, to, c, th, lh * 0.45f, 0.12f);
  }
}

const char* kLegendMarks =
    "Marks on a lane:\n"
    "  \xE2\x97\x8F checkpoint   \xE2\x97\x8B sleep   \xE2\x96\xA0 time.sleep (blocks the loop)\n"
    "  \xE2\x96\xB6 spawned   \xE2\x8A\x98 cancel / Cancelled delivered\n"
    "  \xE2\x97\x86 raise   \xE2\x97\x87 re-raised out of a nursery   \xE2\x9C\x93 caught   | print\n"
    "Arrows: blue spawn, orange cancellation, red exception.\n"
    "Dashed line \"due\" on the ruler: a sleep's deadline that passed while the loop was blocked;\n"
    "  the lane shows how long the sleeper waited past it.\n"
    "The time axis is not to scale: each instant is widened to show its steps, and the\n"
    "  time between instants is shrunk. What lies after the playhead is dimmed.\n"
    "Wheel: zoom.  Drag: pan.  Shift+wheel: scroll lanes.  Click: jump to that event.";

void legend(App& app) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted("Lanes: one per task, coloured by its state at that time (the tree's (?) says what each means):");
  state_legend(app, /*brief=*/true);
  ImGui::Separator();
  ImGui::TextUnformatted(kLegendMarks);
  ImGui::EndTooltip();
}

// A sleep's deadline that passed while the loop was blocked: a dashed line through the
// lanes with its time, and on the sleeper's lane the wait past it.
void paint_overdue(ImDrawList* dl, const Frame& f, const view::TimelineLayout& tl, const view::Palette& p, float lh) {
  const ImU32 c = to_u32(p[ColorRole::blocking]);
  for (const view::Overdue& o : tl.overdue) {
    const float x = f.px(o.x_due);
    if (x < f.canvas_min.x - 2 || x > f.canvas_max.x + 2) continue;
    dashed_line(dl, ImVec2(x, f.ruler_top + lh * 0.2f), ImVec2(x, f.canvas_max.y), c, 2.0f, lh * 0.3f);
    const std::string label = "t=" + view::format_seconds(o.time) + " due";
    dl->AddText(ImVec2(x + 3, f.ruler_top), c, label.c_str());
    const float y = f.lane_y(o.lane);
    if (y < f.canvas_min.y - 0.5f || y > f.canvas_max.y) continue;
    const float xw = f.px(o.x_woken) + static_cast<float>(0.5 * f.ppu());
    const float bottom = y + f.lane_h * 0.82f;
    dl->AddRectFilled(ImVec2(x, bottom - f.lane_h * 0.16f), ImVec2(std::max(x + 2, xw), bottom), c);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Interaction and the panel
// ---------------------------------------------------------------------------------------

void draw_timeline(App& app) {
  ViewState& vs = app.vs;
  const trio::Trace* trace = app.doc.trace();
  const float lh = ImGui::GetFontSize();
  panel_title(app, "Timeline");
  if (!trace) return;
  const view::TimelineLayout& tl = app.doc.timeline();
  const view::Palette& p = view::palette(vs.theme);
  bool fit_now = vs.tl_x1 <= vs.tl_x0;
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) fit_now = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole run");
  ImGui::SameLine();
  ImGui::Checkbox("Follow", &vs.tl_follow);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the playhead in view while playing");
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) legend(app);
  ImGui::SameLine();
  const std::size_t ntasks = tl.lanes.size();
  ImGui::TextDisabled("%s task%s \xC2\xB7 %s event%s", view::thousands(ntasks).c_str(), ntasks == 1 ? "" : "s",
                      view::thousands(trace->events.size()).c_str(), trace->events.size() == 1 ? "" : "s");
  // The axis is not to scale: say so where the eye looks for the scale.
  {
    const char* longer = "time axis not to scale: instants are widened to show their steps";
    const char* shorter = "time not to scale";
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + lh;
    const char* note = after + ImGui::CalcTextSize(longer).x <= right ? longer
                       : after + ImGui::CalcTextSize(shorter).x <= right ? shorter : nullptr;
    if (note) {
      ImGui::SameLine();
      ImGui::SetCursorPosX(right - ImGui::CalcTextSize(note).x);
      ImGui::TextDisabled("%s", note);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each instant of virtual time is widened so that its steps can be told apart,\n"
                          "and the time between instants is shrunk: equal distances are not equal times.");
    }
  }
  if (fit_now) fit(tl, vs.tl_x0, vs.tl_x1);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label_w = std::min(std::round(avail.x * 0.26f), 22 * lh);
  Frame f;
  // Few lanes get taller, so that a class sees them from the back; many stay compact and
  // scroll, with a scrollbar that says there are more.
  const float ruler_h = lh * 1.4f;
  const float lanes_room = std::max(lh, avail.y - ruler_h);
  const float nlanes = static_cast<float>(std::max<std::size_t>(1, tl.lanes.size()));
  const float lane_min = std::round(1.05f * lh);  // the layout keeps room for a few of these
  f.lane_h = std::floor(std::clamp(lanes_room / nlanes, lane_min, lh * 2.2f));
  const bool scrollbar = f.lane_h * nlanes > lanes_room + 0.5f;
  const float bar_w = scrollbar ? ImGui::GetStyle().ScrollbarSize : 0;
  f.ruler_top = origin.y;
  f.canvas_min = ImVec2(origin.x + label_w + lh * 0.5f, origin.y + ruler_h);
  f.canvas_max = ImVec2(origin.x + avail.x - bar_w, origin.y + avail.y);
  const float visible_lanes = (f.canvas_max.y - f.canvas_min.y) / f.lane_h;
  const float max_scroll = std::max(0.0f, static_cast<float>(tl.lanes.size()) - visible_lanes);
  // A new step brings its task's lane into view.
  if (app.memory.lanes_step != vs.step && vs.step >= 0 && static_cast<std::size_t>(vs.step) < trace->events.size()) {
    const std::int32_t task = trace->events[vs.step].task;
    if (task >= 0 && static_cast<std::size_t>(task) < tl.lane_of_task.size()) {
      const float lane = static_cast<float>(tl.lane_of_task[task]);
      if (lane < vs.tl_scroll) vs.tl_scroll = lane;
      else if (lane + 1 > vs.tl_scroll + visible_lanes) vs.tl_scroll = std::ceil(lane + 1 - visible_lanes);
    }
  }
  app.memory.lanes_step = vs.step;
  vs.tl_scroll = std::clamp(vs.tl_scroll, 0.0f, max_scroll);
  f.scroll = vs.tl_scroll;
  f.x0 = vs.tl_x0;
  f.x1 = vs.tl_x1;

  // Follow the playhead when it moves out of view (playing, stepping, scrubbing); a view
  // the user panned away stays put until the step changes.
  const double head = tl.axis.x_of(vs.step) + 0.5 * tl.axis.event_width;
  const bool moved = app.memory.timeline_step != vs.step;
  app.memory.timeline_step = vs.step;
  if (vs.tl_follow && (vs.playing || moved) && (head < f.x0 || head > f.x1)) {
    const double w = f.x1 - f.x0;
    f.x0 = head - w * 0.2;
    f.x1 = f.x0 + w;
  }

  // The lanes' scrollbar, at the right of the canvas.
  if (scrollbar) {
    const ImVec2 a(f.canvas_max.x, f.canvas_min.y), b(f.canvas_max.x + bar_w, f.canvas_max.y);
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton("##lane_scroll", ImVec2(bar_w, std::max(1.0f, b.y - a.y)));
    const float track = b.y - a.y;
    const float grab_h = std::max(lh, track * visible_lanes / nlanes);
    if (ImGui::IsItemActive() && max_scroll > 0) {
      const float y = ImGui::GetIO().MousePos.y - a.y - grab_h * 0.5f;
      vs.tl_scroll = std::clamp(y / std::max(1.0f, track - grab_h) * max_scroll, 0.0f, max_scroll);
      f.scroll = vs.tl_scroll;
    }
    const float gy = a.y + (max_scroll > 0 ? f.scroll / max_scroll : 0) * (track - grab_h);
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_ScrollbarBg), bar_w * 0.5f);
    d->AddRectFilled(ImVec2(a.x + 2, gy + 2), ImVec2(b.x - 2, gy + grab_h - 2),
                     ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_ScrollbarGrabActive
                                        : ImGui::IsItemHovered() ? ImGuiCol_ScrollbarGrabHovered : ImGuiCol_ScrollbarGrab),
                     bar_w * 0.5f);
    if (ImGui::IsItemHovered() && !app.deterministic)
      ImGui::SetTooltip("%zu lanes, %d in view: drag, or Shift+wheel over the lanes", tl.lanes.size(),
                        static_cast<int>(visible_lanes));
    ImGui::SetCursorScreenPos(origin);
  }
  app.report.lanes = static_cast<int>(tl.lanes.size());
  app.report.lane_scrollbar = scrollbar;
  {
    // Lanes wholly between the ruler and the panel's bottom edge.
    int whole = 0;
    for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
      const float y = f.lane_y(static_cast<double>(l));
      whole += y >= f.canvas_min.y - 0.5f && y + f.lane_h <= f.canvas_max.y + 0.5f;
    }
    app.report.lanes_visible = whole;
  }

  // Input: one invisible button over the canvas and labels.
  ImGui::InvisibleButton("##timeline", ImVec2(std::max(1.0f, avail.x - bar_w), std::max(1.0f, avail.y)));
  const bool hovered = ImGui::IsItemHovered() && !app.deterministic;
  const ImGuiIO& io = ImGui::GetIO();
  const bool over_canvas = hovered && io.MousePos.x >= f.canvas_min.x;
  if (hovered && io.MouseWheel != 0) {
    if (io.KeyShift || !over_canvas) {
      vs.tl_scroll = std::clamp(vs.tl_scroll - io.MouseWheel * 3, 0.0f, max_scroll);
      f.scroll = vs.tl_scroll;
    } else {
      const double at = f.unit(io.MousePos.x);
      const double k = std::pow(1.25, -io.MouseWheel);
      const double w = std::clamp((f.x1 - f.x0) * k, 2.0, std::max(4.0, tl.axis.end_x * 4));
      f.x0 = at - (at - f.x0) * w / (f.x1 - f.x0);
      f.x1 = f.x0 + w;
    }
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
    const double dx = io.MouseDelta.x / f.ppu();
    f.x0 -= dx;
    f.x1 -= dx;
    vs.tl_scroll = std::clamp(vs.tl_scroll - io.MouseDelta.y / f.lane_h, 0.0f, max_scroll);
    f.scroll = vs.tl_scroll;
  }
  vs.tl_x0 = f.x0;
  vs.tl_x1 = f.x1;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);
  const std::int32_t first = std::max(0, static_cast<std::int32_t>(std::floor(f.scroll)));
  const std::int32_t last = std::min(static_cast<std::int32_t>(tl.lanes.size()),
                                     static_cast<std::int32_t>(std::ceil(f.scroll + visible_lanes)) + 1);
  const view::Snapshot* snap = app.snapshot();
  const std::int32_t hover_lane =
      hovered && io.MousePos.y >= f.canvas_min.y ? static_cast<std::int32_t>(std::floor(f.scroll + (io.MousePos.y - f.canvas_min.y) / f.lane_h)) : -1;

  // Lane labels: indented by nesting, with the state icon at this step.
  dl->PushClipRect(ImVec2(origin.x, f.canvas_min.y), ImVec2(origin.x + label_w, f.canvas_max.y), true);
  for (std::int32_t l = first; l < last; ++l) {
    const view::Lane& lane = tl.lanes[l];
    const float y = f.lane_y(l);
    const view::DisplayState st = snap ? view::display_state(*snap, lane.task) : view::DisplayState::absent;
    const bool selected = vs.selected_task == lane.task || vs.hovered_task == lane.task;
    if (selected) dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + label_w, y + f.lane_h), to_u32(p[ColorRole::playhead], 0.12f));
    const float x = origin.x + std::min(lane.depth, 8) * lh * 0.7f;
    const float ty = y + (f.lane_h - lh) * 0.5f;
    dl->AddText(ImVec2(x, ty), to_u32(p[view::color_role(st)]), view::state_icon(st));
    const ImU32 text = to_u32(p[st == view::DisplayState::absent || view::is_terminal(st) ? ColorRole::text_muted : ColorRole::text]);
    ImFont* font = snap && snap->running == lane.task ? app.fonts.bold : app.fonts.ui;
    dl->AddText(font, font->FontSize, ImVec2(x + lh * 1.2f, ty), text, view::task_label(*trace, lane.task).c_str());
  }
  dl->PopClipRect();

  // Ruler, lanes, arrows, playhead.
  dl->PushClipRect(ImVec2(f.canvas_min.x, f.ruler_top), f.canvas_max, true);
  paint_ruler(dl, f, tl, p, lh);
  dl->PushClipRect(f.canvas_min, f.canvas_max, true);
  for (std::int32_t l = first; l < last; ++l)
    paint_lane(dl, f, tl.lanes[l], f.lane_y(l), p, lh, vs.selected_task == tl.lanes[l].task || l == hover_lane);
  paint_arrows(dl, f, tl, p, lh);
  dl->PopClipRect();
  paint_overdue(dl, f, tl, p, lh);
  const float hx = f.px(head);
  // What has not happened yet is dimmed: the lanes show where the run goes without
  // giving away how it ends.
  if (vs.step < static_cast<std::int32_t>(trace->events.size()) - 1 && hx < f.canvas_max.x)
    dl->AddRectFilled(ImVec2(std::max(f.canvas_min.x, hx + 1), f.ruler_top + lh * 1.1f), f.canvas_max,
                      to_u32(p[ColorRole::background], 0.62f));
  if (hx >= f.canvas_min.x - 2 && hx <= f.canvas_max.x + 2) {
    const ImU32 c = to_u32(p[ColorRole::playhead]);
    dl->AddLine(ImVec2(hx, f.ruler_top + lh * 1.1f), ImVec2(hx, f.canvas_max.y), c, 2.5f);
    dl->AddTriangleFilled(ImVec2(hx - lh * 0.4f, f.ruler_top + lh * 0.8f), ImVec2(hx + lh * 0.4f, f.ruler_top + lh * 0.8f),
                          ImVec2(hx, f.ruler_top + lh * 1.35f), c);
  }
  dl->PopClipRect();
  dl->PopClipRect();

  // Hover: what is under the mouse; click: go there.
  if (over_canvas && hover_lane >= 0 && hover_lane < static_cast<std::int32_t>(tl.lanes.size()) &&
      !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
    const view::Lane& lane = tl.lanes[hover_lane];
    const double ux = f.unit(io.MousePos.x) - 0.5 * tl.axis.event_width;
    const double reach = (lh * 0.5) / f.ppu();
    std::int32_t event = -1;
    auto [m0, m1] = lane.marks_in(ux - reach, ux + reach);
    double best = 1e300;
    for (std::size_t i = m0; i < m1; ++i) {
      const double d = std::fabs(lane.marks[i].x - ux);
      if (d < best) {
        best = d;
        event = lane.marks[i].event;
      }
    }
    const bool on_mark = event >= 0;
    if (!on_mark) event = tl.axis.step_at(ux + 0.5 * tl.axis.event_width);
    if (event >= 0 && event < static_cast<std::int32_t>(trace->events.size())) {
      const trio::Event& e = trace->events[event];
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(lh * 30);
      ImGui::TextDisabled("step %d \xC2\xB7 t = %s", event, view::format_seconds(e.time).c_str());
      if (on_mark) {
        // A mark is one of this task's events: what happened there.
        view::Playback* pb = app.doc.playback();
        const view::Snapshot before = pb->snapshot_at(event - 1);
        const view::Snapshot after = pb->snapshot_at(event);
        ImGui::TextUnformatted(view::caption(*trace, before, after, &app.doc.blocks()).c_str());
      } else {
        // Between marks: what this lane's task was doing.
        auto [s0, s1] = lane.spans_in(ux, ux);
        const std::string who = view::task_label(*trace, lane.task);
        if (s0 < s1) {
          const view::DisplayState st = lane.spans[s0].state;
          ImGui::Text("%s: %s %s", who.c_str(), view::state_icon(st), view::state_word(st));
        } else {
          ImGui::TextUnformatted(who.c_str());
        }
      }
      ImGui::TextDisabled("click: go to step %d", event);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
      if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 9) {
        vs.playing = false;
        app.go_to(event);
      }
    }
  }
  // A click on a lane's label selects its task.
  if (hovered && !over_canvas && hover_lane >= 0 && hover_lane < static_cast<std::int32_t>(tl.lanes.size()) &&
      ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    const std::int32_t task = tl.lanes[hover_lane].task;
    vs.selected_task = vs.selected_task == task ? -1 : task;
  }
}

}  // namespace trioscope::gui
