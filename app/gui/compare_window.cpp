// [SECTION] Opening, and following the document
// [SECTION] The window
// [SECTION] Output, diffed
// [SECTION] Two timelines on one axis
#include "gui/compare_window.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <GLFW/glfw3.h>

#include "view/caption.hpp"
#include "view/timeline_frame.hpp"
#include "view/timeline_paint.hpp"

namespace trioscope::gui {

// ---------------------------------------------------------------------------------------
// [SECTION] Opening, and following the document
// ---------------------------------------------------------------------------------------

void CompareWindow::open(CompareSide a, CompareSide b) {
  name_a_ = std::move(a.name);
  name_b_ = std::move(b.name);
  runs_.clear();
  comparison_.reset();
  std::vector<RunRequest> requests;
  requests.push_back(std::move(a.run));
  requests.push_back(std::move(b.run));
  job_ = std::make_unique<RunJob>(std::move(requests), /*views=*/true);
  open_ = true;
  placed_ = false;
  ++opened_;
  captions_.reset();
}

void CompareWindow::take_job() {
  if (!job_ || !job_->done()) return;
  runs_ = std::move(job_->runs());
  job_.reset();
  if (runs_.size() != 2) return;
  comparison_ = explore::compare_runs(runs_[0].result.trace, runs_[1].result.trace);
  // Start where the runs part: what the comparison is about.
  step_ = -1;
  if (comparison_->divergence) step_ = std::max(comparison_->divergence->event_a, comparison_->divergence->event_b);
  x0_ = x1_ = 0;
  for (const PreparedRun& r : runs_) {
    double a = 0, b = 0;
    view::fit_timeline(*r.timeline, a, b);
    if (x1_ <= x0_) x0_ = a, x1_ = b;
    else x0_ = std::min(x0_, a), x1_ = std::max(x1_, b);
  }
}

void CompareWindow::wait() {
  if (job_) job_->wait();
  take_job();
}

std::int32_t CompareWindow::last_step() const {
  std::int32_t last = -1;
  for (const PreparedRun& r : runs_) last = std::max(last, r.playback->last_step());
  return last;
}

void CompareWindow::set_step(std::int32_t s) { step_ = std::clamp(s, -1, last_step()); }

bool CompareWindow::handle_key(const KeyPress& k) {
  if (!open_ || !focused_ || !ready()) return false;
  switch (k.key) {
    case GLFW_KEY_RIGHT:
    case GLFW_KEY_PAGE_DOWN: set_step(step_ + 1); return true;
    case GLFW_KEY_LEFT:
    case GLFW_KEY_PAGE_UP: set_step(step_ - 1); return true;
    case GLFW_KEY_HOME: set_step(-1); return true;
    case GLFW_KEY_END: set_step(last_step()); return true;
    default: return false;
  }
}

void CompareWindow::track(const document::Document& doc) {
  if (doc.generation() == seen_generation_) return;
  seen_generation_ = doc.generation();
  if (!doc.scenario()) return;
  if (doc.path() == seen_path_ && doc.valid_text() == seen_text_) return;  // a rerun, not an edit
  auto now = std::make_unique<Version>(Version{*doc.scenario(), doc.listing()});
  if (doc.path() == seen_path_ && current_) before_ = std::move(current_);
  else before_.reset();  // another lesson: nothing before its edits yet
  current_ = std::move(now);
  seen_path_ = doc.path();
  seen_text_ = doc.valid_text();
}

void CompareWindow::open_before_after(const document::Document& doc) {
  if (!before_ || !current_) return;
  scenario::RunOverrides o = document::run_overrides(doc.choice());
  o.schedule.reset();  // a schedule of one program need not fit another
  open(CompareSide{"before the edit", RunRequest{before_->scenario, o, before_->listing}},
       CompareSide{"after the edit", RunRequest{current_->scenario, o, current_->listing}});
}

// ---------------------------------------------------------------------------------------
// [SECTION] The window
// ---------------------------------------------------------------------------------------

void CompareWindow::draw(PanelContext& ctx) {
  take_job();
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  if (!placed_) {
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    const bool short_window = vp->Size.y < ImGui::GetFontSize() * 40;
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x * 0.94f, vp->Size.y * (short_window ? 0.96f : 0.88f)), ImGuiCond_Always);
    placed_ = true;
  }
  bool keep = true;
  const bool shown = ImGui::Begin("Compare###compare_window", &keep,
                                  ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar);
  if (shown) {
    focused_ = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    ctx.report.compare_window = ImVec4(p.x, p.y, p.x + s.x, p.y + s.y);
    ctx.report.compare_state = ready() ? "ready" : "running";
    ctx.report.compare_a = name_a_;
    ctx.report.compare_b = name_b_;
    if (!ready()) {
      ImGui::TextUnformatted(job_ ? "Running both..." : "The runs could not be made.");
    } else {
      draw_header(ctx);
      draw_captions(ctx);
      const float lh = ImGui::GetFontSize();
      const ImVec2 avail = ImGui::GetContentRegionAvail();
      const float gap = ImGui::GetStyle().ItemSpacing.x;
      const float out_w = std::clamp(std::round(avail.x * 0.34f), std::min(avail.x * 0.5f, lh * 14), avail.x * 0.5f);
      draw_output(ctx, ImVec2(out_w, avail.y));
      ImGui::SameLine(0, gap);
      draw_timelines(ctx, ImVec2(std::max(lh, avail.x - out_w - gap), avail.y));
    }
  } else {
    focused_ = false;
  }
  ImGui::End();
  if (!keep) {
    open_ = false;
    focused_ = false;
  }
}

void CompareWindow::draw_header(PanelContext& ctx) {
  const float lh = ImGui::GetFontSize();
  const explore::Comparison& c = *comparison_;
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::Text("A: %s    B: %s", name_a_.c_str(), name_b_.c_str());
  ImGui::PopFont();
  std::string parts;
  if (c.divergence) {
    const explore::Divergence& d = *c.divergence;
    const std::int32_t at = std::max(d.event_a, d.event_b);
    ctx.report.compare_divergence = at;
    parts = "The runs part at step " + std::to_string(at) + " (t = " + view::format_seconds(d.time) + "): ";
    if (!d.task_a.empty() && d.task_a == d.task_b) {
      parts += "both resume " + d.task_a + ", and what it does there is not the same.";
    } else {
      parts += d.task_a.empty() ? "A has ended" : "A resumes " + d.task_a;
      parts += d.task_b.empty() ? ", B has ended." : ", B resumes " + d.task_b + ".";
    }
  } else {
    parts = "The two runs are the same, step for step.";
  }
  parts += c.same_output ? " They print the same lines." : " Their outputs differ (left).";
  ImGui::TextWrapped("%s", parts.c_str());
  for (const PreparedRun* r : {&runs_[0], &runs_[1]})
    if (!r->result.schedule_problem.empty())
      ImGui::TextWrapped("\xE2\x9A\xA0 %s: %s", r == &runs_[0] ? "A" : "B", r->result.schedule_problem.c_str());  // ⚠
  // Stepping moves both runs.
  if (ImGui::ArrowButton("##cmp_prev", ImGuiDir_Left)) set_step(step_ - 1);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##cmp_next", ImGuiDir_Right)) set_step(step_ + 1);
  ImGui::SameLine();
  int s = step_;
  ImGui::SetNextItemWidth(std::min(lh * 24, ImGui::GetContentRegionAvail().x * 0.45f));
  if (ImGui::SliderInt("##cmp_step", &s, -1, last_step(), s < 0 ? "before the first step" : "step %d")) set_step(s);
  if (c.divergence) {
    ImGui::SameLine();
    if (reported_button(ctx, "Go to where they part")) set_step(std::max(c.divergence->event_a, c.divergence->event_b));
  }
  ImGui::SameLine();
  ImGui::TextDisabled("Left/Right step both runs");
  ctx.report.compare_step = step_;
}

void CompareWindow::draw_captions(PanelContext& ctx) {
  const auto& texts = captions_.get({opened_, step_}, [&] {
    auto caption = [&](const PreparedRun& r) -> std::string {
      const std::int32_t last = r.playback->last_step();
      if (step_ > last) return "(this run ended at step " + std::to_string(last) + ")";
      return view::caption(r.result.trace, r.playback->snapshot_at(step_ - 1), r.playback->snapshot_at(step_), r.blocks.get());
    };
    return std::make_pair(caption(runs_[0]), caption(runs_[1]));
  });
  ctx.report.compare_caption_a = texts.first;
  ctx.report.compare_caption_b = texts.second;
  const float lh = ImGui::GetFontSize();
  const view::Palette& pal = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(pal[view::ColorRole::panel]));
  // As tall as the two captions need, up to three lines each (a longer one is whole in the
  // tooltip).
  const float wrap = std::max(lh * 8, ImGui::GetContentRegionAvail().x - lh * 1.5f - ImGui::GetStyle().WindowPadding.x * 2 -
                                          ImGui::GetStyle().CellPadding.x * 4);
  ImGui::PushFont(ctx.fonts.caption);
  const float line = ImGui::GetTextLineHeight();
  float text_h = 0;
  for (const std::string* t : {&texts.first, &texts.second})
    text_h += std::min(line * 3, ImGui::CalcTextSize(t->c_str(), nullptr, false, wrap).y) + ImGui::GetStyle().CellPadding.y * 2;
  ImGui::PopFont();
  const float h = text_h + ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("##cmp_captions", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  if (ImGui::BeginTable("##cmp_caption_rows", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthFixed, lh * 1.5f);
    ImGui::TableSetupColumn("caption", ImGuiTableColumnFlags_WidthStretch);
    for (int i = 0; i < 2; ++i) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushFont(ctx.fonts.bold);
      ImGui::TextUnformatted(i == 0 ? "A" : "B");
      ImGui::PopFont();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushFont(ctx.fonts.caption);
      ImGui::TextWrapped("%s", (i == 0 ? texts.first : texts.second).c_str());
      ImGui::PopFont();
    }
    ImGui::EndTable();
  }
  if (ImGui::IsWindowHovered() && !ctx.deterministic) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(lh * 40);
    ImGui::Text("A: %s\n\nB: %s", texts.first.c_str(), texts.second.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// ---------------------------------------------------------------------------------------
// [SECTION] Output, diffed
// ---------------------------------------------------------------------------------------

void CompareWindow::draw_output(PanelContext& ctx, ImVec2 size) {
  const view::Palette& pal = ctx.palette();
  ImGui::BeginChild("##cmp_output", size, true, ImGuiWindowFlags_HorizontalScrollbar);
  panel_title(ctx, "Output", "\xE2\x88\x92 only in A, + only in B");  // −
  if (comparison_->same_output) ImGui::TextDisabled("Both print the same lines.");
  ImGui::PushFont(ctx.fonts.mono);
  for (const explore::DiffLine& l : comparison_->output) {
    using Side = explore::DiffLine::Side;
    // The sign and the words first, so that a long line cut at the edge still says whose it is.
    const char* sign = l.side == Side::only_a ? "\xE2\x88\x92 A only " : l.side == Side::only_b ? "+ B only " : "         ";
    const bool differs = l.side != Side::both;
    if (differs)
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(pal[l.side == Side::only_a ? view::ColorRole::exception : view::ColorRole::spawn]));
    ImGui::Text("%s%s", sign, l.text.c_str());
    if (differs) ImGui::PopStyleColor();
    ctx.report.compare_diff.push_back(std::string(l.side == Side::only_a ? "- " : l.side == Side::only_b ? "+ " : "  ") + l.text);
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

// ---------------------------------------------------------------------------------------
// [SECTION] Two timelines on one axis
// ---------------------------------------------------------------------------------------

void CompareWindow::draw_timelines(PanelContext& ctx, ImVec2 size) {
  const float lh = ImGui::GetFontSize();
  const view::Palette& pal = ctx.palette();
  ImGui::BeginChild("##cmp_timelines", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  panel_title(ctx, "Timelines");
  ImGui::SameLine();
  const bool fit = ImGui::SmallButton("Fit##cmp");
  ImGui::SameLine();
  ImGui::TextDisabled("one axis, instants widened (not to scale); wheel: zoom");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = std::round(lh * 0.4f);
  const float each = std::max(lh * 3, (avail.y - gap) * 0.5f);
  const ImGuiIO& io = ImGui::GetIO();
  if (fit) {
    const double keep0 = x0_, keep1 = x1_;
    x0_ = x1_ = 0;
    for (const PreparedRun& r : runs_) {
      double a = 0, b = 0;
      view::fit_timeline(*r.timeline, a, b);
      if (x1_ <= x0_) x0_ = a, x1_ = b;
      else x0_ = std::min(x0_, a), x1_ = std::max(x1_, b);
    }
    if (x1_ <= x0_) x0_ = keep0, x1_ = keep1;
  }
  const explore::Divergence* d = comparison_->divergence ? &*comparison_->divergence : nullptr;
  ImGuiPainter painter = ctx.painter();
  for (int i = 0; i < 2; ++i) {
    const PreparedRun& r = runs_[i];
    if (i == 1) ImGui::Dummy(ImVec2(1, gap - ImGui::GetStyle().ItemSpacing.y));
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const view::Rect area{o.x, o.y, o.x + avail.x, o.y + each};
    const view::TimelineFrame f = view::timeline_frame(*r.timeline, area, lh, ImGui::GetStyle().ScrollbarSize, x0_, x1_, 0,
                                                       /*legend=*/false);
    ImGui::InvisibleButton(i == 0 ? "##cmp_tl_a" : "##cmp_tl_b", ImVec2(std::max(1.0f, avail.x), std::max(1.0f, each)));
    // The wheel zooms both around the pointer (they share the axis).
    if (ImGui::IsItemHovered() && io.MouseWheel != 0 && io.MousePos.x >= f.canvas.x0) {
      const double at = f.unit(io.MousePos.x);
      const double k = std::pow(1.25, -io.MouseWheel);
      const double w = std::max(2.0, (x1_ - x0_) * k);
      x0_ = at - (at - x0_) * w / (x1_ - x0_);
      x1_ = x0_ + w;
    }
    const std::int32_t step = std::min(step_, r.playback->last_step());
    view::TimelineScene scene;
    scene.trace = &r.result.trace;
    scene.layout = r.timeline.get();
    scene.snapshot = &r.playback->seek(step);
    scene.step = step;
    scene.theme = ctx.prefs.theme;
    scene.show_future = true;  // both runs whole: the comparison is of where they go
    view::paint_timeline(painter, f, scene);
    // Which run it is, in the corner above the lane names (the header names both).
    {
      const char* side = i == 0 ? "A" : "B";
      painter.fill_rect({area.x0, area.y0, area.x0 + lh * 1.6f, area.y0 + lh * 1.3f}, pal[view::ColorRole::text], 3, view::Corners::all);
      const float bw = painter.text_width(view::Font::bold, side);
      painter.text(view::Font::bold, painter.font_size(view::Font::bold), {area.x0 + (lh * 1.6f - bw) * 0.5f, area.y0 + lh * 0.15f},
                   pal[view::ColorRole::background], side);
    }
    if (i == 0) ImGui::GetWindowDrawList()->AddLine(ImVec2(area.x0, area.y1 + gap * 0.5f), ImVec2(area.x1, area.y1 + gap * 0.5f),
                                                    to_u32(pal[view::ColorRole::text_muted]), 1.0f);
    // Where the runs part, on both: a dashed line and its words.
    if (d) {
      const std::int32_t ev = i == 0 ? d->event_a : d->event_b;
      const float x = ev >= 0 ? f.head_x(*r.timeline, ev) : f.px(r.timeline->axis.end_x);
      if (x >= f.canvas.x0 && x <= f.canvas.x1) {
        const view::Rgba c = pal[view::ColorRole::exception];
        const float dash = lh * 0.4f;
        for (float y = f.canvas.y0; y < f.canvas.y1; y += dash * 2)
          painter.line({x, y}, {x, std::min(f.canvas.y1, y + dash)}, c, std::max(1.5f, lh * 0.12f));
        // The words in the ruler's row, where they cover no lane.
        const std::string words = "\xE2\x86\x90 the runs part (step " + std::to_string(std::max(d->event_a, d->event_b)) + ")";  // ←
        const float tw = painter.text_width(view::Font::ui, words);
        const float tx = x + tw + lh * 0.5f <= f.canvas.x1 ? x + lh * 0.3f : x - tw - lh * 0.3f;
        const float ty = f.ruler_top;
        painter.fill_rect({tx - 2, ty - 1, tx + tw + 2, ty + lh + 1}, pal[view::ColorRole::background], 3, view::Corners::all);
        painter.text(view::Font::ui, painter.font_size(view::Font::ui), {tx, ty}, c, words);
      }
    }
    ctx.report.compare_timelines += 1;
  }
  ImGui::EndChild();
}

}  // namespace trioscope::gui
