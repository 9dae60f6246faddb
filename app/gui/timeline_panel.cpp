// [SECTION] The header row and the legend
// [SECTION] The lanes' scrollbar
// [SECTION] Hover and click
// [SECTION] The panel
#include "gui/timeline_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <string>

#include "gui/legend.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/text_recorder.hpp"
#include "view/timeline_paint.hpp"

namespace trioscope::gui {

TimelinePanel::TimelinePanel()
    : Panel("timeline", {.flags = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse, .shows_run = true}) {}

// The layout for the axis the user chose: to scale, or instants widened.
const view::TimelineLayout& TimelinePanel::layout(const PanelContext& ctx) {
  return ctx.doc.timeline(ctx.prefs.tl_widened ? view::widened_timeline() : view::TimelineOptions{});
}

// ---------------------------------------------------------------------------------------
// [SECTION] The header row and the legend
// ---------------------------------------------------------------------------------------

namespace {

const char* kLegendMarks =
    "Marks on a lane:\n"
    "  \xE2\x97\x8F checkpoint   \xE2\x97\x8B sleep   \xE2\x96\xA0 time.sleep (blocks the loop)\n"
    "  \xE2\x96\xB6 spawned   \xE2\x8A\x98 cancel / Cancelled delivered\n"
    "  \xE2\x97\x86 raise   \xE2\x97\x87 re-raised out of a nursery   \xE2\x9C\x93 caught   | print\n"
    "Arrows: blue spawn, orange cancellation, red exception.\n"
    "Dashed line \"due\" on the ruler: a sleep's deadline that passed while the loop was blocked;\n"
    "  the lane shows how long the sleeper waited past it.\n"
    "The time axis is to scale; each instant's steps share a sliver that zooming opens up.\n"
    "  Widen: instants get room for their steps, and the time between them is shrunk.\n"
    "Future: show what has not happened yet (dimmed) instead of hiding it.\n"
    "Wheel: zoom.  Drag: pan.  Shift+wheel: scroll lanes.  Click: jump to that event.";

void legend(const PanelContext& ctx) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted("Lanes: one per task, coloured by its state at that time (the tree's (?) says what each means):");
  state_legend(ctx.prefs.theme, /*brief=*/true);
  ImGui::Separator();
  ImGui::TextUnformatted(kLegendMarks);
  ImGui::EndTooltip();
}

}  // namespace

void TimelinePanel::header(PanelContext& ctx, bool& fit_now) {
  const trio::Trace* trace = ctx.doc.trace();
  const view::TimelineLayout& tl = layout(ctx);
  const float lh = ImGui::GetFontSize();
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) fit_now = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole run");
  ImGui::SameLine();
  ImGui::Checkbox("Follow", &ctx.view.tl_follow);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the playhead in view while playing");
  ImGui::SameLine();
  ImGui::Checkbox("Future", &ctx.prefs.tl_show_future);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show what has not happened yet, dimmed (off: the lanes stop at the playhead,\n"
                      "so that \"what happens next?\" stays a question)");
  ImGui::SameLine();
  if (ImGui::Checkbox("Widen", &ctx.prefs.tl_widened)) fit_now = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Widen each instant to show its steps (the axis is then not to scale);\n"
                      "off: the axis is virtual time to scale");
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) legend(ctx);
  // What the axis is, where the eye looks for the scale; the counts when there is room.
  const std::size_t ntasks = tl.lanes.size();
  const std::string counts = view::thousands(ntasks) + (ntasks == 1 ? " task \xC2\xB7 " : " tasks \xC2\xB7 ") +
                             view::thousands(trace->events.size()) + (trace->events.size() == 1 ? " event" : " events");
  const char* note = view::timeline_axis_note(ctx.prefs.tl_widened);
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + lh * 0.5f;
  const float note_w = ImGui::CalcTextSize(note).x, counts_w = ImGui::CalcTextSize(counts.c_str()).x;
  if (after + counts_w + lh + note_w <= right) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", counts.c_str());
  }
  if (after + note_w <= right) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(right - note_w);
    ImGui::TextDisabled("%s", note);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(ctx.prefs.tl_widened ? "Each instant of virtual time is widened so that its steps can be told apart,\n"
                                               "and the time between instants is shrunk: equal distances are not equal times."
                                             : "Distances along the axis are virtual time. Each instant's steps share a\n"
                                               "sliver of it: zoom in (wheel) to tell them apart, or tick Widen.");
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] The lanes' scrollbar
// ---------------------------------------------------------------------------------------

// At the right of the canvas, when the lanes do not all fit.
void TimelinePanel::scrollbar(PanelContext& ctx, view::TimelineFrame& f) {
  if (!f.scrollbar) return;
  const float lh = ImGui::GetFontSize();
  const float bar_w = f.scrollbar_w;
  const float nlanes = static_cast<float>(std::max<std::size_t>(1, layout(ctx).lanes.size()));
  const ImVec2 a(f.canvas.x1, f.canvas.y0), b(f.canvas.x1 + bar_w, f.canvas.y1);
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("##lane_scroll", ImVec2(bar_w, std::max(1.0f, b.y - a.y)));
  const float track = b.y - a.y;
  const float grab_h = std::max(lh, track * f.visible_lanes / nlanes);
  if (ImGui::IsItemActive() && f.max_scroll > 0) {
    const float y = ImGui::GetIO().MousePos.y - a.y - grab_h * 0.5f;
    ctx.view.tl_scroll = std::clamp(y / std::max(1.0f, track - grab_h) * f.max_scroll, 0.0f, f.max_scroll);
    f.scroll = ctx.view.tl_scroll;
  }
  const float gy = a.y + (f.max_scroll > 0 ? f.scroll / f.max_scroll : 0) * (track - grab_h);
  ImDrawList* d = ImGui::GetWindowDrawList();
  d->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_ScrollbarBg), bar_w * 0.5f);
  d->AddRectFilled(ImVec2(a.x + 2, gy + 2), ImVec2(b.x - 2, gy + grab_h - 2),
                   ImGui::GetColorU32(ImGui::IsItemActive()    ? ImGuiCol_ScrollbarGrabActive
                                      : ImGui::IsItemHovered() ? ImGuiCol_ScrollbarGrabHovered
                                                               : ImGuiCol_ScrollbarGrab),
                   bar_w * 0.5f);
  if (ImGui::IsItemHovered() && !ctx.deterministic)
    ImGui::SetTooltip("%zu lanes, %d in view: drag, or Shift+wheel over the lanes", layout(ctx).lanes.size(),
                      static_cast<int>(f.visible_lanes));
  ImGui::SetCursorScreenPos(ImVec2(f.area.x0, f.area.y0));
}

// ---------------------------------------------------------------------------------------
// [SECTION] Hover and click
// ---------------------------------------------------------------------------------------

// What is under the mouse; a click goes there.
void TimelinePanel::hover(PanelContext& ctx, const view::TimelineFrame& f, std::int32_t hover_lane, bool hovered,
                          bool over_canvas) {
  const trio::Trace* trace = ctx.doc.trace();
  const view::TimelineLayout& tl = layout(ctx);
  const ImGuiIO& io = ImGui::GetIO();
  const float lh = ImGui::GetFontSize();
  const bool on_lane = hover_lane >= 0 && hover_lane < static_cast<std::int32_t>(tl.lanes.size());
  if (over_canvas && on_lane && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
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
        const view::Playback* pb = ctx.doc.playback();
        const view::Snapshot before = pb->snapshot_at(event - 1);
        const view::Snapshot after = pb->snapshot_at(event);
        ImGui::TextUnformatted(view::caption(*trace, before, after, &ctx.doc.blocks()).c_str());
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
      ImGui::TextDisabled("click: go to step %d \xC2\xB7 right-click: why did this happen?", event);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
      if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 9) ctx.go_to(event);
      if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
        ctx.input.why_event = event;  // the Why? window (gui/why_popup.cpp)
        ctx.input.why_task = -1;
      }
    }
  }
  // A click on a lane's label selects its task.
  if (hovered && !over_canvas && on_lane && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    const std::int32_t task = tl.lanes[hover_lane].task;
    ctx.view.selected_task = ctx.view.selected_task == task ? -1 : task;
    ctx.input.why_task = task;  // the Why? window (gui/why_popup.cpp)
  }
  // Double-click or right-click on the label: change the task in the form (its start_soon),
  // as in the tree.
  if (hovered && !over_canvas && on_lane &&
      (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) || ImGui::IsMouseReleased(ImGuiMouseButton_Right)))
    ctx.input.change = InputState::ChangeTarget{.task = tl.lanes[hover_lane].task};
}

// ---------------------------------------------------------------------------------------
// [SECTION] The panel
// ---------------------------------------------------------------------------------------

void TimelinePanel::draw_content(PanelContext& ctx) {
  document::DocumentView& vs = ctx.view;
  const trio::Trace* trace = ctx.doc.trace();
  const float lh = ImGui::GetFontSize();
  panel_title(ctx, "Timeline");
  if (!trace) return;
  const view::TimelineLayout& tl = layout(ctx);
  bool fit_now = vs.tl_x1 <= vs.tl_x0;
  header(ctx, fit_now);
  if (fit_now) view::fit_timeline(tl, vs.tl_x0, vs.tl_x1);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  view::TimelineFrame f = view::timeline_frame(tl, {origin.x, origin.y, origin.x + avail.x, origin.y + avail.y}, lh,
                                               ImGui::GetStyle().ScrollbarSize, vs.tl_x0, vs.tl_x1, vs.tl_scroll,
                                               /*legend=*/!ctx.compact);
  // A new step brings the lanes it involves into view: all of them when they fit (an arrow
  // never points off-screen), else its task's lane.
  const view::InvolvedLanes involved = view::involved_lanes(tl, *trace, vs.step);
  if (lanes_step_ != vs.step && involved.first >= 0) {
    const bool all_fit = static_cast<float>(involved.last - involved.first + 1) <= std::floor(f.visible_lanes);
    const float first = static_cast<float>(all_fit ? involved.first : involved.acting);
    const float last = static_cast<float>(all_fit ? involved.last : involved.acting);
    if (first < vs.tl_scroll) vs.tl_scroll = first;
    else if (last + 1 > vs.tl_scroll + f.visible_lanes) vs.tl_scroll = std::ceil(last + 1 - f.visible_lanes);
  }
  lanes_step_ = vs.step;
  vs.tl_scroll = std::clamp(vs.tl_scroll, 0.0f, f.max_scroll);
  f.scroll = vs.tl_scroll;
  {
    // Whether every lane the step involves is wholly in view (or, when they cannot all be,
    // the acting one).
    auto whole = [&](std::int32_t lane) {
      const float y = f.lane_y(lane);
      return y >= f.canvas.y0 - 0.5f && y + f.lane_h <= f.canvas.y1 + 0.5f;
    };
    const bool all_fit = involved.first < 0 || static_cast<float>(involved.last - involved.first + 1) <= std::floor(f.visible_lanes);
    ctx.report.involved_lanes_visible =
        involved.first < 0 || (all_fit ? whole(involved.first) && whole(involved.last) : involved.acting < 0 || whole(involved.acting));
  }

  // Follow the playhead when it moves out of view (playing, stepping, scrubbing); a view
  // the user panned away stays put until the step changes.
  const double head = view::playhead_x(tl, vs.step);
  const bool moved = followed_step_ != vs.step;
  followed_step_ = vs.step;
  if (vs.tl_follow && (ctx.input.playing || moved) && (head < f.x0 || head > f.x1)) {
    const double w = f.x1 - f.x0;
    f.x0 = head - w * 0.2;
    f.x1 = f.x0 + w;
  }

  scrollbar(ctx, f);
  ctx.report.lanes = static_cast<int>(tl.lanes.size());
  ctx.report.lane_scrollbar = f.scrollbar;
  {
    // Lanes wholly between the ruler and the panel's bottom edge.
    int whole = 0;
    for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
      const float y = f.lane_y(static_cast<double>(l));
      whole += y >= f.canvas.y0 - 0.5f && y + f.lane_h <= f.canvas.y1 + 0.5f;
    }
    ctx.report.lanes_visible = whole;
  }

  // Input: one invisible button over the canvas and labels.
  ImGui::InvisibleButton("##timeline", ImVec2(std::max(1.0f, avail.x - f.scrollbar_w), std::max(1.0f, f.area.h())));
  const bool hovered = ImGui::IsItemHovered() && !ctx.deterministic;
  const ImGuiIO& io = ImGui::GetIO();
  const bool over_canvas = hovered && io.MousePos.x >= f.canvas.x0;
  // A sleep's end under the pointer is a handle: dragging it changes the sleep.
  const bool sleep_drag = sleep_drag_.update(ctx, tl, f, over_canvas || sleep_drag_.dragging());
  if (hovered && io.MouseWheel != 0) {
    if (io.KeyShift || !over_canvas) {
      vs.tl_scroll = std::clamp(vs.tl_scroll - io.MouseWheel * 3, 0.0f, f.max_scroll);
      f.scroll = vs.tl_scroll;
    } else {
      const double at = f.unit(io.MousePos.x);
      const double k = std::pow(1.25, -io.MouseWheel);
      const double w = std::clamp((f.x1 - f.x0) * k, 2.0, std::max(4.0, tl.axis.end_x * 4));
      f.x0 = at - (at - f.x0) * w / (f.x1 - f.x0);
      f.x1 = f.x0 + w;
    }
  }
  if (!sleep_drag && ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
    const double dx = io.MouseDelta.x / f.ppu();
    f.x0 -= dx;
    f.x1 -= dx;
    vs.tl_scroll = std::clamp(vs.tl_scroll - io.MouseDelta.y / f.lane_h, 0.0f, f.max_scroll);
    f.scroll = vs.tl_scroll;
  }
  vs.tl_x0 = f.x0;
  vs.tl_x1 = f.x1;

  const std::int32_t hover_lane = hovered && io.MousePos.y >= f.canvas.y0 ? f.lane_at(io.MousePos.y) : -1;
  view::TimelineScene scene;
  scene.trace = trace;
  scene.layout = &tl;
  scene.snapshot = ctx.snapshot;
  scene.step = vs.step;
  scene.theme = ctx.prefs.theme;
  scene.selected_task = vs.selected_task;
  scene.hovered_task = ctx.input.hovered_task;
  scene.hover_lane = hover_lane;
  scene.show_future = ctx.prefs.tl_show_future;
  ImGuiPainter screen = ctx.painter();
  view::TextRecorder painter(screen, &ctx.report.timeline_texts);
  view::paint_timeline(painter, f, scene);
  if (!sleep_drag) hover(ctx, f, hover_lane, hovered, over_canvas);
  sleep_drag_.paint(ctx);  // its handle, over the lanes just painted
}

}  // namespace trioscope::gui
