// [SECTION] The layout and its animation
// [SECTION] Keeping the step's part in view
// [SECTION] Tooltips and the legend
// [SECTION] The panel
#include "gui/tree_panel.hpp"

#include <algorithm>
#include <cmath>

#include "gui/legend.hpp"
#include "view/effects.hpp"
#include "view/exc_text.hpp"
#include "view/tree_paint.hpp"

namespace trioscope::gui {

using view::BoxKind;
using view::TreeBox;

TreePanel::TreePanel()
    : Panel("tree", {.flags = ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse, .shows_run = true, .badge_at_bottom = true}) {}

// ---------------------------------------------------------------------------------------
// [SECTION] The layout and its animation
// ---------------------------------------------------------------------------------------

namespace {
// The tree's fonts shrink to fit the panel, but no further than this: below it a class at
// the back of the room could not read the boxes, and the panel scrolls instead.
constexpr float kMinScale = 0.62f;
// Below this scale, a tree gives up whole exception texts in its boxes before it shrinks.
constexpr float kFullTextScale = 0.85f;
// Trees larger than this are not fitted (each try is a whole layout); they scroll.
constexpr std::size_t kMaxFittedBoxes = 400;
// The "trio.run" row above the tree, and the room left under it, in line heights.
constexpr float kBand = 1.6f, kBottom = 0.3f;
}  // namespace

// The tree at the largest scale (at most 1, at least kMinScale) at which it fits the panel:
// children side by side where the width allows, the whole tree in view where it can be.
view::TreeLayout TreePanel::fitted(PanelContext& ctx, const Key& key, float ceiling, float& scale) const {
  ImGuiPainter m = ctx.measurer();
  const float lh = m.font_size(view::Font::tree);
  auto lay = [&](float k, bool brief) {
    view::ScaledPainter sp(m, k);
    const view::TextMetrics metrics = view::painter_metrics(sp, view::Font::tree, view::Font::tree_bold);
    return view::layout_tree(*ctx.doc.trace(), *ctx.snapshot, metrics,
                             {.max_width = key.width, .playback = ctx.doc.playback(), .blocks = &ctx.doc.blocks(), .brief = brief});
  };
  // Fits: the whole tree in the panel, and (with whole texts) no text cut short.
  // (A few pixels to spare: the content may not touch the panel's edge without a scrollbar.)
  auto fits = [&](const view::TreeLayout& l, float k, bool brief) {
    return l.width <= key.width + 0.5f && l.height + (kBand + kBottom) * lh * k + 4 <= key.height &&
           (l.shortened == 0 || brief);
  };
  scale = ceiling;
  view::TreeLayout whole = lay(ceiling, false);
  if (fits(whole, ceiling, false) || whole.boxes.size() > kMaxFittedBoxes) return whole;
  // The largest scale down to `lowest` (to a few per cent) at which the tree fits.
  auto largest_fit = [&](float lowest, bool brief, view::TreeLayout& out, float& k_out) {
    view::TreeLayout l = lay(lowest, brief);
    if (!fits(l, lowest, brief)) return false;
    float lo = lowest, hi = ceiling;
    out = std::move(l);
    k_out = lowest;
    for (int i = 0; i < 4; ++i) {
      const float mid = (lo + hi) * 0.5f;
      view::TreeLayout t = lay(mid, brief);
      if (fits(t, mid, brief)) {
        lo = mid;
        out = std::move(t);
        k_out = mid;
      } else {
        hi = mid;
      }
    }
    return true;
  };
  // Whole texts while the scale stays large; then exceptions by class name (the caption and
  // the tooltips say them whole), which keeps the text larger than shrinking it further.
  view::TreeLayout best;
  if (ceiling > kFullTextScale && largest_fit(kFullTextScale, false, best, scale)) return best;
  if (largest_fit(kMinScale, true, best, scale)) return best;
  scale = kMinScale;
  return lay(kMinScale, true);
}

// The tree of this step for the panel, laid out in the tree's fonts. A new step of the same
// run starts the animation from the layout on screen to this one.
const view::TreeLayout& TreePanel::layout(PanelContext& ctx, float width, float height) {
  const Key key{ctx.doc.generation(), ctx.view.step, std::floor(width), std::floor(height), ctx.fonts.tree->FontSize};
  const std::optional<Key> old = layout_.key();
  if (old && *old == key) return layout_.value();
  view::TreeLayout next;
  // The same run in the same panel: no larger than the tree has already been shrunk to.
  Key run = key;
  run.step = -2;
  if (!(run == ceiling_key_)) {
    ceiling_key_ = run;
    ceiling_ = 1;
  }
  float scale = 1;
  if (ctx.snapshot) next = fitted(ctx, key, ceiling_, scale);
  scale_ = scale;
  ceiling_ = std::min(ceiling_, scale);
  const bool same_run = old && old->generation == key.generation && old->font == key.font;
  if (same_run && old->step != key.step && ctx.animate && ctx.prefs.anim_seconds > 0) {
    std::vector<view::Effect> fx =
        view::effects_between(*ctx.doc.trace(), *ctx.doc.playback(), &ctx.doc.blocks(), old->step, key.step);
    anim_.begin(std::move(layout_.value()), std::move(fx), ctx.now, ctx.prefs.anim_seconds);
  } else if (!same_run || old->step != key.step) {
    anim_.stop();
  }
  return layout_.get(key, [&] { return std::move(next); });
}

// ---------------------------------------------------------------------------------------
// [SECTION] Keeping the step's part in view
// ---------------------------------------------------------------------------------------

namespace {
// What the panel shows of its content, in screen pixels: the window less its scrollbars,
// its border, and half its padding at the sides (how Dear ImGui clips a child window).
ImVec4 visible_content() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const float bar_v = ImGui::GetScrollMaxY() > 0 ? style.ScrollbarSize : 0;
  const float bar_h = ImGui::GetScrollMaxX() > 0 ? style.ScrollbarSize : 0;
  const float border = style.ChildBorderSize;
  const float side = std::max(std::floor(style.WindowPadding.x * 0.5f), border);
  return ImVec4(std::floor(0.5f + pos.x + side), std::floor(0.5f + pos.y + border),
                std::floor(0.5f + pos.x + size.x - bar_v - side), std::floor(0.5f + pos.y + size.y - bar_h - border));
}
}  // namespace

// Scrolls to the part of the tree this step is about when the step changes (for a few
// frames: a new layout settles its size in one or two), and reports whether it is in view.
void TreePanel::keep_focus_in_view(PanelContext& ctx, const view::TreeLayout& tl, ImVec2 origin) {
  const view::FocusRect focus = view::focus_of(tl, *ctx.doc.trace(), ctx.view.step);
  if (scrolled_step_ != ctx.view.step || scrolled_generation_ != ctx.doc.generation()) scroll_frames_ = 3;
  scrolled_step_ = ctx.view.step;
  scrolled_generation_ = ctx.doc.generation();
  ctx.report.tree_focus_visible = true;
  if (!focus.valid) return;
  const float lh = ImGui::GetFontSize();
  const ImVec4 clip = visible_content();
  const float x0 = origin.x + focus.x0, x1 = origin.x + focus.x1;
  const float y0 = origin.y + focus.y0, y1 = origin.y + focus.y1;
  const float margin = view::tree_focus_margin(lh);
  // In view: wholly, or (wider or taller than the panel) from its top-left corner on.
  const float slack = view::kTreeFocusSlack;
  const bool x_ok = x0 >= clip.x - slack && (x1 <= clip.z + slack || x1 - x0 > (clip.z - clip.x) - 2 * margin);
  const bool y_ok = y0 >= clip.y - slack && (y1 <= clip.w + slack || y1 - y0 > (clip.w - clip.y) - 2 * margin);
  ctx.report.tree_focus_visible = x_ok && y_ok;
  if (scroll_frames_ <= 0) return;
  --scroll_frames_;
  const view::Vec2 d = view::scroll_to_focus({x0, y0, x1, y1}, {clip.x, clip.y, clip.z, clip.w}, margin, slack);
  if (d.y != 0) ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + d.y));
  if (d.x != 0) ImGui::SetScrollX(std::max(0.0f, ImGui::GetScrollX() + d.x));
}

// ---------------------------------------------------------------------------------------
// [SECTION] Tooltips and the legend
// ---------------------------------------------------------------------------------------

void TreePanel::tooltip(PanelContext& ctx, const TreeBox& b) const {
  const trio::Trace* t = ctx.doc.trace();
  const view::Snapshot* s = ctx.snapshot;
  if (!t || !s) return;
  ImGui::PushFont(ctx.fonts.ui);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  switch (b.kind) {
    case BoxKind::task: {
      const view::TaskSnap& ts = s->tasks[b.id];
      ImGui::PushFont(ctx.fonts.bold);
      ImGui::TextUnformatted(b.title.c_str());
      ImGui::PopFont();
      ImGui::TextUnformatted(view::state_text(*t, *s, b.id).c_str());
      if (ts.cancel_pending) ImGui::TextUnformatted("Its scope is cancelled: it gets Cancelled at its next checkpoint.");
      if (ts.live_exc >= 0) ImGui::Text("Unwinding: %s", view::describe_exc(*t, ts.live_exc).c_str());
      if (ts.handled_exc >= 0) ImGui::Text("In an except block for %s", view::describe_exc(*t, ts.handled_exc).c_str());
      if (ts.final_exc >= 0) ImGui::Text("Ended with %s", view::describe_exc(*t, ts.final_exc).c_str());
      if (ts.line) ImGui::TextDisabled("at line %u of the listing", ts.line);
      ImGui::TextDisabled("click: follow this task in the timeline, and ask why it is not running");
      break;
    }
    case BoxKind::nursery: {
      const trio::NurseryInfo& n = t->nurseries[b.id];
      ImGui::Text("async with trio.open_nursery() as %s", n.name.empty() ? "nursery" : n.name.c_str());
      ImGui::Text("opened by %s; %s exception groups", view::task_label(*t, n.task).c_str(), n.strict ? "strict" : "loose");
      const view::NurserySnap& ns = s->nurseries[b.id];
      if (ns.errors) ImGui::Text("holds %d error%s", ns.errors, ns.errors == 1 ? "" : "s");
      if (ns.group_exc >= 0) ImGui::Text("combined into %s", view::describe_exc(*t, ns.group_exc).c_str());
      break;
    }
    case BoxKind::scope: {
      ImGui::TextUnformatted(b.title.c_str());
      if (b.has_deadline) ImGui::Text("deadline t = %s", view::format_seconds(t->scopes[b.id].deadline).c_str());
      if (b.shield) ImGui::TextUnformatted("shield: cancellations from outside stop at this frame");
      if (b.cancelled) ImGui::TextUnformatted("cancelled: everything inside gets Cancelled at its next checkpoint");
      if (b.caught) ImGui::TextUnformatted("cancelled_caught = True");
      break;
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
  ImGui::PopFont();
}

namespace {
// "(?)" after the title (or, in a short window, at the right of the trio.run row): every
// state's icon, word and colour, and what it means.
void legend(const PanelContext& ctx, bool same_line = true) {
  if (same_line) ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  state_legend(ctx.prefs.theme);
  ImGui::Separator();
  ImGui::TextUnformatted("Dashed frame: a cancel scope (clock: its deadline; shield: outside cancellations stop there).");
  ImGui::TextUnformatted("Solid box: a nursery, with the errors it holds at the bottom.");
  ImGui::EndTooltip();
}
}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] The panel
// ---------------------------------------------------------------------------------------

void TreePanel::draw_content(PanelContext& ctx) {
  // A short window gives the title row's height to the tree (the legend moves beside the
  // trio.run chip).
  if (!ctx.compact) {
    panel_title(ctx, "Nursery tree");
    legend(ctx);
    panel_hint("tasks in their nurseries; dashed frames are cancel scopes");
    ImGui::Separator();
  }
  const trio::Trace* t = ctx.doc.trace();
  if (!t) {
    ImGui::TextDisabled("Open a lesson from the list, or drop a scenario file on the window.");
    return;
  }
  ImGui::PushFont(ctx.fonts.tree);  // the tree's boxes are measured and drawn in it
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float avail_w = avail.x - ImGui::GetStyle().ScrollbarSize;
  const view::TreeLayout& tl = layout(ctx, std::max(avail_w - ImGui::GetFontSize(), 10 * ImGui::GetFontSize()), avail.y);
  const float lh = ImGui::GetFontSize() * scale_;
  const float band = lh * kBand;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const ImVec2 origin(start.x + view::tree_inset(lh), start.y + band);
  // As big as the tree, and no bigger: a tree that fits shows no scrollbar.
  ImGui::Dummy(ImVec2(tl.width + lh * 0.4f, tl.height + band + lh * kBottom));

  ImGuiPainter screen = ctx.painter();
  view::TextRecorder recorder(screen, &ctx.report.tree_texts);
  view::ScaledPainter painter(recorder, scale_);
  const ImVec2 cmin = ImGui::GetWindowPos();
  const float progress = anim_.progress(ctx.now);
  const bool running = anim_.running(ctx.now);
  view::TreeScene scene;
  scene.trace = t;
  scene.layout = &tl;
  scene.theme = ctx.prefs.theme;
  scene.origin = to_view(origin);
  scene.visible = {cmin.x, cmin.y, cmin.x + ImGui::GetWindowWidth(), cmin.y + ImGui::GetWindowHeight()};
  scene.selected_task = ctx.view.selected_task;
  scene.from = running ? anim_.from() : nullptr;
  scene.morph = view::tree_morph(progress);
  scene.effects = running ? &anim_.effects() : nullptr;
  scene.effects_progress = progress;

  // trio.run, and how it ended once it has; shortened to the panel (the caption and the
  // output say the whole exception).
  if (ctx.snapshot) {
    const ImVec2 a(start.x + lh * 0.3f, start.y + lh * 0.3f);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float help_w = ctx.compact ? ImGui::CalcTextSize("(?)").x + lh * 0.5f : 0;
    const float room = right - help_w - a.x - lh * (view::kChipPadding + 0.3f);
    view::paint_run_chip(painter, *t, *ctx.snapshot, ctx.prefs.theme, to_view(a), room);
    if (ctx.compact) {
      const ImVec2 keep = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(right - ImGui::CalcTextSize("(?)").x, a.y));
      legend(ctx, /*same_line=*/false);
      ImGui::SetCursorScreenPos(keep);
    }
  }
  view::paint_tree(painter, scene);
  keep_focus_in_view(ctx, tl, origin);

  // Hover and click.
  if (ImGui::IsWindowHovered() && !ctx.deterministic) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const std::int32_t hit = tl.hit(m.x - origin.x, m.y - origin.y);
    ctx.input.hovered_task = -1;
    if (hit >= 0) {
      const TreeBox& b = tl.boxes[hit];
      if (b.kind == BoxKind::task) ctx.input.hovered_task = b.id;
      tooltip(ctx, b);
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && b.kind == BoxKind::task) {
        ctx.view.selected_task = ctx.view.selected_task == b.id ? -1 : b.id;
        ctx.input.why_task = b.id;  // the Why? window (gui/why_popup.cpp)
      }
      // Right-click (or double-click): change it in the form.
      if (b.kind == BoxKind::task || b.kind == BoxKind::nursery) {
        InputState::ChangeTarget target;
        (b.kind == BoxKind::task ? target.task : target.nursery) = b.id;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ctx.input.change = target;
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
          context_ = target;
          ImGui::OpenPopup("##tree_context");
        }
      }
    }
    // Wheel scrolls (the tree can be taller and wider than the panel).
    const float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0) {
      if (ImGui::GetIO().KeyShift) ImGui::SetScrollX(ImGui::GetScrollX() - wheel * lh * 3);
      else ImGui::SetScrollY(ImGui::GetScrollY() - wheel * lh * 3);
    }
  }
  if (ImGui::BeginPopup("##tree_context")) {
    const trio::Trace* tr = ctx.doc.trace();
    if (tr && context_.task >= 0 && context_.task < static_cast<std::int32_t>(tr->tasks.size())) {
      if (ImGui::MenuItem(("Change " + view::task_label(*tr, context_.task) + "...").c_str())) ctx.input.change = context_;
    } else if (tr && context_.nursery >= 0) {
      if (ImGui::MenuItem("Add a child to this nursery...")) ctx.input.change = context_;
    }
    ImGui::EndPopup();
  }
  ImGui::PopFont();
}

}  // namespace trioscope::gui
