#include "gui/sleep_drag.hpp"

#include <cmath>
#include <string>

#include <imgui.h>

#include "scenario/loader.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

// How far from a sleep's end the pointer takes hold of it (line heights).
constexpr float kGrab = 0.4f;

// The time a drag lands on, rounded to what the pointer can tell apart at this zoom: a
// tenth of a second when a second is wide, whole seconds when it is narrow.
double snapped(double seconds, double seconds_per_px) {
  static const double steps[] = {0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 3600};
  double step = steps[0];
  for (double s : steps) {
    step = s;
    if (s >= seconds_per_px * 6) break;
  }
  return std::max(0.0, std::round(seconds / step) * step);
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

}  // namespace

namespace {
// The event that ends the sleep that `sleeping` began (woken, or blocking_ended), looked
// for a bounded way ahead (-1: not within it).
std::int32_t sleep_end(const trio::Trace& t, std::int32_t sleeping, view::MarkKind kind) {
  const trio::EventKind end_kind = kind == view::MarkKind::sleep ? trio::EventKind::woken : trio::EventKind::blocking_ended;
  const std::int32_t task = t.events[sleeping].task;
  const std::int32_t n = static_cast<std::int32_t>(t.events.size());
  for (std::int32_t e = sleeping + 1; e < n && e < sleeping + 4096; ++e)
    if (t.events[e].task == task && t.events[e].kind == end_kind) return e;
  return -1;
}
}  // namespace

void SleepDrag::report(PanelContext& ctx, const view::TimelineLayout& tl, const view::TimelineFrame& f) const {
  const trio::Trace* t = ctx.doc.trace();
  if (!t) return;
  for (std::int32_t lane = std::max(0, f.first_lane()); lane < f.last_lane(tl.lanes.size()); ++lane) {
    const view::Lane& l = tl.lanes[static_cast<std::size_t>(lane)];
    auto [m0, m1] = l.marks_in(f.x0, f.x1);
    for (std::size_t i = m0; i < m1 && ctx.report.sleep_ends.size() < 64; ++i) {
      const view::Mark& m = l.marks[i];
      if (m.kind != view::MarkKind::sleep && m.kind != view::MarkKind::block) continue;
      const std::int32_t end = sleep_end(*t, m.event, m.kind);
      if (end < 0 || (end > ctx.view.step && !ctx.prefs.tl_show_future)) continue;
      ctx.report.sleep_ends.push_back({l.task, f.px(tl.axis.x_of(end)), f.lane_y(lane) + f.lane_h * 0.5f});
    }
  }
}

std::optional<SleepDrag::Handle> SleepDrag::handle_at(PanelContext& ctx, const view::TimelineLayout& tl,
                                                      const view::TimelineFrame& f, ImVec2 mouse) const {
  const trio::Trace& t = *ctx.doc.trace();
  const float lh = f.line_height;
  const std::int32_t lane = f.lane_at(mouse.y);
  if (lane < 0 || lane >= static_cast<std::int32_t>(tl.lanes.size())) return std::nullopt;
  const view::Lane& l = tl.lanes[lane];
  const double reach = kGrab * lh / f.ppu();
  const double at = f.unit(mouse.x);
  // A sleep ends where its task is woken; look at the sleeps that began before that x.
  auto [m0, m1] = l.marks_in(f.x0, at + reach);
  for (std::size_t i = m1; i-- > m0;) {
    const view::Mark& m = l.marks[i];
    if (m.kind != view::MarkKind::sleep && m.kind != view::MarkKind::block) continue;
    const std::int32_t end = sleep_end(t, m.event, m.kind);
    if (end < 0) continue;
    // Only an end that is drawn: in the past, or with the future shown.
    if (end > ctx.view.step && !ctx.prefs.tl_show_future) continue;
    const float x = f.px(tl.axis.x_of(end));
    if (std::fabs(mouse.x - x) > kGrab * lh) continue;
    const float y = f.lane_y(lane);
    return Handle{l.task, m.event, x, y, y + f.lane_h};
  }
  return std::nullopt;
}

bool SleepDrag::update(PanelContext& ctx, const view::TimelineLayout& tl, const view::TimelineFrame& f, bool hovered) {
  const scenario::Scenario* sc = ctx.doc.scenario();
  const trio::Trace* t = ctx.doc.trace();
  if (!sc || !t || !ctx.session) return false;
  report(ctx, tl, f);
  if (ctx.deterministic) return false;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  bar_.reset();
  if (!active_) {
    if (!hovered) return false;
    const auto h = handle_at(ctx, tl, f, mouse);
    if (!h) return false;
    const auto place = edit::statement_at_line(*sc, t->events[h->sleeping].loc.line);
    const edit::DurationSource src = place ? edit::duration_source(*sc, *t, h->task, *place) : edit::DurationSource{};
    const bool editable = src.site && !ctx.doc.stale() && !ctx.session->pending();
    // The handle: a bar across the lane at the sleep's end (painted over the lanes), and
    // the pointer that says "drag".
    bar_ = {h->x, h->y0, h->y1};
    ImGui::SetMouseCursor(editable ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_NotAllowed);
    const std::string who = view::task_label(*t, h->task);
    if (!editable) {
      ImGui::SetTooltip("%s's sleep cannot be dragged: %s", who.c_str(),
                        !src.site ? src.why_not.c_str() : "the code has changes that are not run yet");
      return false;
    }
    ImGui::SetTooltip("Drag to make %s sleep longer or shorter (now %s)", who.c_str(), seconds_text(src.site->seconds).c_str());
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return true;
    Active a;
    a.task = h->task;
    for (std::int32_t e = 0; e < h->sleeping; ++e)
      a.ordinal += t->events[e].task == h->task && t->events[e].kind == t->events[h->sleeping].kind;
    a.site = *src.site;
    a.start = t->events[h->sleeping].time;
    a.was = a.value = src.site->seconds;
    a.axis = tl.axis;
    a.x0 = f.x0;
    a.x1 = f.x1;
    a.canvas_x0 = f.canvas.x0;
    a.canvas_x1 = f.canvas.x1;
    active_ = std::move(a);
    ctx.session->begin_group();
    ctx.view.tl_hold = true;
    return true;
  }
  Active& a = *active_;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    ctx.session->end_group();
    ctx.view.tl_hold = false;
    active_.reset();
    return false;
  }
  ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  // Where the pointer is, in virtual time, on the axis as it was when the drag began.
  const double ppu = (a.canvas_x1 - a.canvas_x0) / (a.x1 - a.x0);
  const double u = a.x0 + (mouse.x - a.canvas_x0) / ppu;
  const double spp = 1.0 / (ppu * std::max(1e-12, a.axis.seconds));
  const double seconds = snapped(a.axis.time_at(u) - a.start, spp);
  if (seconds != a.value) {
    const edit::Edited e = edit::set_duration(*sc, a.site, seconds);
    if (e.ok()) {
      std::string text = edit::file_text(*e.scenario, ctx.doc.kind());
      if (scenario::load_scenario_text(text, ctx.doc.path(), ctx.doc.kind()).ok()) {
        ctx.commands.push(ctx.session->direct_edit(std::move(text)));
        a.value = seconds;
      }
    }
  }
  const float x = static_cast<float>(a.canvas_x0 + (a.axis.x_at_time(a.start + a.value) - a.x0) * ppu);
  bar_ = {x, f.canvas.y0, f.canvas.y1};
  ImGui::SetTooltip("%s sleeps %s (was %s). Release to keep it; Ctrl+Z takes it back.",
                    view::task_label(*t, a.task).c_str(), seconds_text(a.value).c_str(), seconds_text(a.was).c_str());
  return true;
}

void SleepDrag::paint(PanelContext& ctx) const {
  if (!bar_) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const view::Rgba c = ctx.palette()[view::ColorRole::sleeping];
  dl->AddRectFilled(ImVec2(bar_->x - 2, bar_->y0), ImVec2(bar_->x + 2, bar_->y1), to_u32(c), 1);
}

}  // namespace trioscope::gui
