// The nursery tree: the main view. Paints the tree layout of the current step, morphing
// from the previous step's layout while the step's effects play on top.
//
// [SECTION] Boxes: tasks, chips, nurseries, scope frames
// [SECTION] Effects: tokens travelling between boxes
// [SECTION] The panel
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

constexpr float kChipPaddingPx = view::kChipPadding;  // a chip's text plus this many line heights

using view::BoxKind;
using view::ColorRole;
using view::TreeBox;

struct Painter {
  App& app;
  ImDrawList* dl;
  const view::Palette& p;
  ImVec2 origin;       // screen position of layout (0, 0)
  ImVec4 clip;         // visible screen rect
  float lh;
  float pad;
  float e = 1;         // eased animation progress
  const view::TreeLayout* from = nullptr;

  ImU32 col(ColorRole r, float a = 1) const { return to_u32(p[r], a); }
  ImVec2 at(float x, float y) const { return ImVec2(origin.x + x, origin.y + y); }
  bool visible(ImVec2 a, ImVec2 b) const { return b.x >= clip.x && a.x <= clip.z && b.y >= clip.y && a.y <= clip.w; }

  // The box's rectangle now: between where it was and where it is, while animating.
  void rect_of(const TreeBox& b, ImVec2& a, ImVec2& z, float& alpha) const {
    float x = b.x, y = b.y, w = b.w, h = b.h;
    alpha = 1;
    if (from && e < 1) {
      if (const TreeBox* o = from->find(b.kind, b.id); o && !(b.kind == BoxKind::task && o->compact != b.compact)) {
        x = o->x + (b.x - o->x) * e;
        y = o->y + (b.y - o->y) * e;
        w = o->w + (b.w - o->w) * e;
        h = o->h + (b.h - o->h) * e;
      } else {
        alpha = e;
      }
    }
    a = at(x, y);
    z = at(x + w, y + h);
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] Boxes: tasks, chips, nurseries, scope frames
  // ---------------------------------------------------------------------------------------

  // Text whose first glyph (the state icon) is in the state colour.
  void icon_text(ImVec2 pos, const std::string& s, ImU32 icon_col, ImU32 text_col, ImFont* f) const {
    const char* sp = std::strchr(s.c_str(), ' ');
    if (!sp) {
      dl->AddText(f, f->FontSize, pos, text_col, s.c_str());
      return;
    }
    dl->AddText(f, f->FontSize, pos, icon_col, s.c_str(), sp);
    const float w = f->CalcTextSizeA(f->FontSize, 1e9f, 0, s.c_str(), sp).x;
    dl->AddText(f, f->FontSize, ImVec2(pos.x + w, pos.y), text_col, sp);
  }

  void task(const TreeBox& b, ImVec2 a, ImVec2 z, float alpha) const {
    const ColorRole role = view::color_role(b.state);
    const bool done = view::is_terminal(b.state);
    const float r = lh * 0.35f;
    if (b.is_running) dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(z.x + 3, z.y + 3), col(role, 0.45f * alpha), r + 3, 0, 4);
    dl->AddRectFilled(a, z, to_u32(p.tint(role), alpha), r);
    const float stripe = std::round(lh * 0.3f);
    dl->AddRectFilled(a, ImVec2(a.x + stripe, z.y), col(role, alpha), r, ImDrawFlags_RoundCornersLeft);
    dl->AddRect(a, z, col(role, alpha), r, 0, b.is_running ? 3.0f : 2.0f);
    if (app.vs.selected_task == b.id)
      dl->AddRect(ImVec2(a.x - 5, a.y - 5), ImVec2(z.x + 5, z.y + 5), col(ColorRole::playhead, alpha), r + 5, 0, 2.5f);
    // Title, with the Python line it is at on the right.
    const float tx = a.x + stripe + pad, ty = a.y + pad;
    const ImU32 text = col(done ? ColorRole::text_muted : ColorRole::text, alpha);
    ImFont* title_font = b.is_running ? app.fonts.tree_bold : app.fonts.tree;
    dl->PushClipRect(a, z, true);
    dl->AddText(title_font, title_font->FontSize, ImVec2(tx, ty), text, b.title.c_str());
    if (b.line) {
      const std::string tag = "L" + std::to_string(b.line);
      const float w = ImGui::CalcTextSize(tag.c_str()).x;
      const float title_w = title_font->CalcTextSizeA(title_font->FontSize, 1e9f, 0, b.title.c_str()).x;
      if (tx + title_w + w + pad < z.x - pad)
        dl->AddText(ImVec2(z.x - pad - w, ty), col(ColorRole::text_muted, alpha), tag.c_str());
    }
    icon_text(ImVec2(tx, ty + lh), b.detail, col(role, alpha), col(ColorRole::text, alpha), app.fonts.tree);
    if (!b.badge.empty()) {
      const bool unwinding = b.badge.rfind(view::state_icon(view::DisplayState::raising), 0) == 0 ||
                             b.state == view::DisplayState::raising;
      const ColorRole brole = unwinding ? ColorRole::raising
                              : b.state == view::DisplayState::cancel_pending ? ColorRole::text_muted
                              : b.cancel_pending ? ColorRole::cancel_pending : ColorRole::handling;
      icon_text(ImVec2(tx, ty + 2 * lh), b.badge, col(brole, alpha), col(brole, alpha), app.fonts.tree);
    }
    dl->PopClipRect();
  }

  void chip_task(const TreeBox& b, ImVec2 a, ImVec2 z, float alpha) const {
    const ColorRole role = view::color_role(b.state);
    dl->AddRectFilled(a, z, col(role, alpha), lh * 0.2f);
    // The icon in the background colour: the state reads without its colour.
    const char* icon = view::state_icon(b.state);
    const float fs = app.fonts.tree->FontSize * 0.85f;
    const ImVec2 ts = app.fonts.tree->CalcTextSizeA(fs, 1e9f, 0, icon);
    dl->AddText(app.fonts.tree, fs, ImVec2((a.x + z.x - ts.x) * 0.5f, (a.y + z.y - ts.y) * 0.5f),
                col(ColorRole::background, alpha), icon);
    if (b.is_running || app.vs.selected_task == b.id)
      dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(z.x + 2, z.y + 2), col(ColorRole::playhead, alpha), lh * 0.2f, 0, 2.5f);
  }

  void nursery(const TreeBox& b, ImVec2 a, ImVec2 z, float alpha) const {
    const float r = lh * 0.4f;
    dl->AddRectFilled(a, z, col(ColorRole::nursery_frame, 0.05f * alpha), r);
    dl->AddRect(a, z, col(ColorRole::nursery_frame, alpha), r, 0, 2.0f);
    if (b.cancelled)
      dashed_rect(dl, ImVec2(a.x + 4, a.y + 4), ImVec2(z.x - 4, z.y - 4), col(ColorRole::cancellation, alpha), 2.0f, lh * 0.4f);
    const float ty = a.y + pad, tx = a.x + pad;
    dl->PushClipRect(a, z, true);
    dl->AddText(app.fonts.tree_bold, app.fonts.tree_bold->FontSize, ImVec2(tx, ty), col(ColorRole::text, alpha), b.title.c_str());
    const float tw = app.fonts.tree_bold->CalcTextSizeA(app.fonts.tree_bold->FontSize, 1e9f, 0, b.title.c_str()).x;
    dl->AddText(ImVec2(tx + tw + lh * 0.5f, ty), col(b.cancelled ? ColorRole::cancellation : ColorRole::text_muted, alpha),
                b.detail.c_str());
    // The errors the nursery holds, then what they became.
    for (std::size_t i = 0; i < b.chips.size() && i < b.chip_x.size(); ++i) {
      const std::string& c = b.chips[i];
      const bool group = c.rfind("\xE2\x86\x92", 0) == 0;
      const bool cancelled = c == "Cancelled";
      const ColorRole role = cancelled ? ColorRole::cancellation : ColorRole::exception;
      chip(dl, app.fonts.tree, app.fonts.tree->FontSize, ImVec2(a.x + b.chip_x[i], a.y + b.chip_y[i]), c.c_str(),
           group ? col(role, alpha) : to_u32(p.tint(role), alpha), col(role, alpha),
           group ? col(ColorRole::background, alpha) : col(role, alpha));
    }
    dl->PopClipRect();
  }

  void scope(const TreeBox& b, ImVec2 a, ImVec2 z, float alpha) const {
    const ColorRole role = b.cancelled ? ColorRole::scope_cancelled : ColorRole::scope_frame;
    dashed_rect(dl, a, z, col(role, alpha), b.cancelled ? 2.5f : 1.5f, lh * 0.35f);
    if (b.shield) {
      // A shield also gets a solid inner edge: outside cancellations stop here.
      dl->AddRect(ImVec2(a.x + 3, a.y + 3), ImVec2(z.x - 3, z.y - 3), col(ColorRole::shield, 0.6f * alpha), lh * 0.3f, 0, 2.0f);
    }
    dl->PushClipRect(a, z, true);
    float x = a.x + pad;
    const float cy = a.y + pad + lh * 0.5f;
    if (b.has_deadline) {
      clock_icon(dl, ImVec2(x + lh * 0.45f, cy), lh * 0.42f, col(ColorRole::deadline, alpha));
      x += lh * 1.2f;
    }
    if (b.shield) {
      shield_icon(dl, ImVec2(x + lh * 0.45f, cy), lh * 0.9f, col(ColorRole::shield, alpha), true);
      x += lh * 1.2f;
    }
    dl->AddText(ImVec2(x, a.y + pad), col(ColorRole::text, alpha), b.title.c_str());
    x += ImGui::CalcTextSize(b.title.c_str()).x + lh * 0.5f;
    float y = a.y + pad;
    if (b.detail_below) {
      x = a.x + pad;
      y += lh;
    }
    dl->AddText(ImVec2(x, y), col(b.cancelled ? ColorRole::scope_cancelled : ColorRole::text_muted, alpha), b.detail.c_str());
    if (!b.badge.empty()) dl->AddText(ImVec2(a.x + pad, y + lh), col(ColorRole::text_muted, alpha), b.badge.c_str());
    dl->PopClipRect();
  }

  void box(const TreeBox& b, float alpha_mul = 1, bool ghost = false) const {
    ImVec2 a, z;
    float alpha;
    if (ghost) {
      a = at(b.x, b.y);
      z = at(b.x + b.w, b.y + b.h);
      alpha = alpha_mul;
    } else {
      rect_of(b, a, z, alpha);
    }
    if (!visible(a, z) || alpha <= 0.01f) return;
    switch (b.kind) {
      case BoxKind::task:
        if (b.compact) chip_task(b, a, z, alpha);
        else task(b, a, z, alpha);
        break;
      case BoxKind::nursery: nursery(b, a, z, alpha); break;
      case BoxKind::scope: scope(b, a, z, alpha); break;
    }
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] Effects: tokens travelling between boxes
  // ---------------------------------------------------------------------------------------

  // Where an anchor is on screen now (current layout first, then the one we come from).
  bool anchor(const view::Anchor& an, const view::TreeLayout& now, ImVec2& out) const {
    using view::AnchorKind;
    if (an.kind == AnchorKind::run_exit) {
      out = at(now.width * 0.5f, -lh * 1.0f);
      return true;
    }
    const BoxKind kind = an.kind == AnchorKind::task ? BoxKind::task
                         : an.kind == AnchorKind::scope ? BoxKind::scope : BoxKind::nursery;
    const TreeBox* b = now.find(kind, an.id);
    if (!b && from) b = from->find(kind, an.id);
    if (!b && kind == BoxKind::nursery) {
      // A nursery that has just closed (its error is re-raised as it goes): where it was,
      // at the bottom of the task that opened it.
      const trio::Trace* t = app.doc.trace();
      if (t && an.id >= 0 && static_cast<std::size_t>(an.id) < t->nurseries.size())
        if (const TreeBox* owner = now.find(BoxKind::task, t->nurseries[an.id].task)) {
          out = at(owner->x + owner->w * 0.5f, owner->y + owner->h - lh * 0.5f);
          return true;
        }
    }
    if (!b) return false;
    switch (an.kind) {
      case AnchorKind::nursery_errors: out = at(b->x + pad + lh * 2, b->y + b->chips_y + lh * 0.6f); break;
      case AnchorKind::nursery: case AnchorKind::scope: out = at(b->x + b->w * 0.5f, b->y + b->header_h * 0.5f); break;
      default: out = at(b->x + b->w * 0.5f, b->y + std::min(b->h, b->header_h) * 0.5f); break;
    }
    return true;
  }

  void effect(const view::Effect& fx, const view::TreeLayout& now, float progress) const {
    const float t = (progress - fx.delay) / std::max(0.01f, fx.length);
    if (t <= 0 || t >= 1) return;
    ImVec2 to;
    if (!anchor(fx.to, now, to)) return;
    const float fade = std::min(1.0f, std::min(t * 4, (1 - t) * 4));
    switch (fx.kind) {
      case view::EffectKind::travel: {
        ImVec2 fr;
        if (!anchor(fx.from, now, fr)) return;
        const float u = ease(t);
        const float bend = 0.18f;
        // The trail, then the token with its label.
        const int n = 12;
        for (int i = 0; i < n; ++i) {
          const float s0 = u * i / n, s1 = u * (i + 1) / n;
          dl->AddLine(curve_point(fr, to, bend, s0), curve_point(fr, to, bend, s1), to_u32(p[fx.role], 0.5f * fade * (i + 1) / n), 3);
        }
        const ImVec2 pos = curve_point(fr, to, bend, u);
        const ImVec2 sz = chip(nullptr, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, pos, fx.label.c_str(), 0, 0, 0);
        chip(dl, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, ImVec2(pos.x - sz.x * 0.5f, pos.y - sz.y * 0.5f),
             fx.label.c_str(), to_u32(p[fx.role], fade), col(ColorRole::background, fade), col(ColorRole::background, fade));
        break;
      }
      case view::EffectKind::burst: {
        const float radius = lh * (0.6f + 2.2f * t);
        dl->AddCircle(to, radius, to_u32(p[fx.role], 0.8f * (1 - t)), 32, 3);
        if (!fx.label.empty()) {
          const ImVec2 sz = chip(nullptr, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, to, fx.label.c_str(), 0, 0, 0);
          chip(dl, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, ImVec2(to.x - sz.x * 0.5f, to.y - lh * 1.6f - sz.y * 0.5f - t * lh),
               fx.label.c_str(), to_u32(p[fx.role], fade), col(ColorRole::background, fade), col(ColorRole::background, fade));
        }
        break;
      }
      case view::EffectKind::gather: {
        const float radius = lh * (3.0f * (1 - ease(t)) + 0.5f);
        dl->AddCircle(to, radius, to_u32(p[fx.role], 0.9f * fade), 32, 3);
        for (int i = 0; i < 6; ++i) {
          const float ang = i * 1.047f + t * 2;
          dl->AddCircleFilled(ImVec2(to.x + std::cos(ang) * radius, to.y + std::sin(ang) * radius), lh * 0.18f,
                              to_u32(p[fx.role], fade));
        }
        if (!fx.label.empty()) {
          const ImVec2 sz = chip(nullptr, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, to, fx.label.c_str(), 0, 0, 0);
          chip(dl, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, ImVec2(to.x - sz.x * 0.5f, to.y - sz.y * 0.5f),
               fx.label.c_str(), to_u32(p[fx.role], fade), col(ColorRole::background, fade), col(ColorRole::background, fade));
        }
        break;
      }
    }
  }
};

void tooltip_for(App& app, const TreeBox& b) {
  const trio::Trace* t = app.doc.trace();
  const view::Snapshot* s = app.snapshot();
  if (!t || !s) return;
  ImGui::PushFont(app.fonts.ui);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  switch (b.kind) {
    case BoxKind::task: {
      const view::TaskSnap& ts = s->tasks[b.id];
      ImGui::PushFont(app.fonts.bold);
      ImGui::TextUnformatted(b.title.c_str());
      ImGui::PopFont();
      ImGui::TextUnformatted(view::state_text(*t, *s, b.id).c_str());
      if (ts.cancel_pending) ImGui::TextUnformatted("Its scope is cancelled: it gets Cancelled at its next checkpoint.");
      if (ts.live_exc >= 0) ImGui::Text("Unwinding: %s", view::describe_exc(*t, ts.live_exc).c_str());
      if (ts.handled_exc >= 0) ImGui::Text("In an except block for %s", view::describe_exc(*t, ts.handled_exc).c_str());
      if (ts.final_exc >= 0) ImGui::Text("Ended with %s", view::describe_exc(*t, ts.final_exc).c_str());
      if (ts.line) ImGui::TextDisabled("at line %u of the listing", ts.line);
      ImGui::TextDisabled("click: follow this task in the timeline");
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

// "(?)" after the title: every state's icon, word and colour, and what it means.
void legend(App& app) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  state_legend(app);
  ImGui::Separator();
  ImGui::TextUnformatted("Dashed frame: a cancel scope (clock: its deadline; shield: outside cancellations stop there).");
  ImGui::TextUnformatted("Solid box: a nursery, with the errors it holds at the bottom.");
  ImGui::EndTooltip();
}

}  // namespace

void state_legend(App& app, bool brief) {
  const view::Palette& p = view::palette(app.vs.theme);
  struct Row {
    view::DisplayState s;
    const char* meaning;
  };
  static constexpr Row rows[] = {
      {view::DisplayState::running, "the one task Trio is executing now"},
      {view::DisplayState::runnable, "ready; runs in a coming batch"},
      {view::DisplayState::sleeping, "in trio.sleep until its time (a checkpoint)"},
      {view::DisplayState::blocking, "in time.sleep: the whole loop is frozen"},
      {view::DisplayState::waiting_children, "at the end of its nursery, for its children"},
      {view::DisplayState::waiting_start, "in nursery.start(), until started() is called"},
      {view::DisplayState::cancel_pending, "its scope is cancelled: Cancelled at its next checkpoint"},
      {view::DisplayState::raising, "an exception is unwinding it"},
      {view::DisplayState::handling, "inside an except block"},
      {view::DisplayState::finished, "returned"},
      {view::DisplayState::crashed, "ended with an exception"},
      {view::DisplayState::cancelled, "ended with Cancelled"},
  };
  const float swatch = ImGui::GetFontSize() * 0.9f;
  const float column = ImGui::GetFontSize() * 13.5f;
  int i = 0;
  for (const Row& r : rows) {
    // Brief: three to a row, without the meanings (the tree's legend has them).
    if (brief && i++ % 3 != 0) ImGui::SameLine(column * static_cast<float>((i - 1) % 3) + ImGui::GetStyle().WindowPadding.x);
    // A swatch of the colour, then its icon and word: the colour alone is never the key.
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float y = a.y + (ImGui::GetTextLineHeight() - swatch) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + swatch * 1.6f, y + swatch),
                                              to_u32(p[view::color_role(r.s)]), 3);
    ImGui::Dummy(ImVec2(swatch * 1.6f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextColored(to_vec4(p[view::color_role(r.s)]), "%s %s", view::state_icon(r.s), view::state_word(r.s));
    if (brief) continue;
    ImGui::SameLine(column);
    ImGui::TextUnformatted(r.meaning);
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] The panel
// ---------------------------------------------------------------------------------------

void draw_tree(App& app) {
  panel_title(app, "Nursery tree");
  legend(app);
  panel_hint("tasks in their nurseries; dashed frames are cancel scopes");
  ImGui::Separator();
  const trio::Trace* t = app.doc.trace();
  if (!t) {
    ImGui::TextDisabled("Open a lesson from the list, or drop a scenario file on the window.");
    return;
  }
  const view::Palette& p = view::palette(app.vs.theme);
  ImGui::PushFont(app.fonts.tree);  // the tree's boxes are measured and drawn in it
  const float lh = ImGui::GetFontSize();
  const float band = lh * 2.0f;  // the "trio.run" row above the tree
  const float avail_w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const view::TreeLayout& tl = app.tree(std::max(avail_w - lh, 10 * lh));
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const ImVec2 origin(start.x + lh * 0.3f, start.y + band);
  // As big as the tree, and no bigger: a tree that fits shows no scrollbar.
  ImGui::Dummy(ImVec2(tl.width + lh * 0.4f, tl.height + band + lh));

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 cmin = ImGui::GetWindowPos();
  const ImVec2 cmax(cmin.x + ImGui::GetWindowWidth(), cmin.y + ImGui::GetWindowHeight());
  Painter painter{app, dl, p, origin, ImVec4(cmin.x, cmin.y, cmax.x, cmax.y), lh, tl.pad};
  const float progress = app.anim.progress(app.now);
  // Boxes glide in the first part of the animation; the effects then play over the new
  // layout, so that tokens land where the boxes end up.
  painter.e = ease(std::min(1.0f, progress / 0.45f));
  painter.from = app.anim.running(app.now) ? app.anim.from() : nullptr;

  // trio.run, and how it ended once it has.
  const view::Snapshot* s = app.snapshot();
  {
    const ImVec2 a(start.x + lh * 0.3f, start.y + lh * 0.3f);
    std::string label = "trio.run(" + view::task_label(*t, t->tasks.empty() ? -1 : 0) + ")";
    ImU32 fill = to_u32(p[ColorRole::panel]), border = to_u32(p[ColorRole::text_muted]), text = to_u32(p[ColorRole::text]);
    if (s && s->run == view::RunStatus::raised) {
      label += "  \xE2\x9C\x97 raised " + view::exc_chip(*t, s->run_exc);  // ✗
      fill = to_u32(p[ColorRole::crashed]);
      border = fill;
      text = to_u32(p[ColorRole::background]);
    } else if (s && s->run == view::RunStatus::returned) {
      label += "  \xE2\x9C\x93 returned";  // ✓
    } else if (s && (s->run == view::RunStatus::deadlock || s->run == view::RunStatus::budget_exhausted)) {
      label += s->run == view::RunStatus::deadlock ? "  \xE2\x9C\x97 deadlock" : "  \xE2\x9C\x97 stopped";
      fill = to_u32(p[ColorRole::crashed]);
      border = fill;
      text = to_u32(p[ColorRole::background]);
    }
    // Shortened to the panel (the caption and the output say the whole exception).
    ImGui::PushFont(app.fonts.tree_bold);
    const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - a.x - lh * (kChipPaddingPx + 0.3f);
    label = fit_text(label, std::max(room, lh * 6));
    ImGui::PopFont();
    chip(dl, app.fonts.tree_bold, app.fonts.tree_bold->FontSize, a, label.c_str(), fill, border, text);
  }

  for (const TreeBox& b : tl.boxes) painter.box(b);
  // What the last step removed fades out where it was.
  if (painter.from) {
    for (const TreeBox& b : painter.from->boxes)
      if (!tl.find(b.kind, b.id)) painter.box(b, 1 - painter.e, true);
  }
  if (app.anim.running(app.now))
    for (const view::Effect& fx : app.anim.effects()) painter.effect(fx, tl, progress);

  // Keep the part of the tree this step is about in view: scroll to it when the step
  // changes (for a few frames: a new layout settles its size in one or two).
  const view::FocusRect focus = view::focus_of(tl, *t, app.vs.step);
  if (app.memory.tree_step != app.vs.step || app.memory.tree_generation != app.doc.generation())
    app.memory.tree_scroll_frames = 3;
  app.memory.tree_step = app.vs.step;
  app.memory.tree_generation = app.doc.generation();
  app.report.tree_focus_visible = true;
  if (focus.valid) {
    // In screen pixels, against what the panel shows of its content.
    const ImRect clip = ImGui::GetCurrentWindow()->InnerClipRect;
    const float x0 = origin.x + focus.x0, x1 = origin.x + focus.x1;
    const float y0 = origin.y + focus.y0, y1 = origin.y + focus.y1;
    const float margin = lh * 0.6f;
    // In view: wholly, or (wider or taller than the panel) from its top-left corner on.
    const float slack = 2;  // a border's width
    const bool x_ok = x0 >= clip.Min.x - slack && (x1 <= clip.Max.x + slack || x1 - x0 > clip.GetWidth() - 2 * margin);
    const bool y_ok = y0 >= clip.Min.y - slack && (y1 <= clip.Max.y + slack || y1 - y0 > clip.GetHeight() - 2 * margin);
    app.report.tree_focus_visible = x_ok && y_ok;
    if (app.memory.tree_scroll_frames > 0) {
      --app.memory.tree_scroll_frames;
      // Down far enough for its bottom, but never past its top.
      float dy = 0;
      if (y1 + margin > clip.Max.y) dy = y1 + margin - clip.Max.y;
      if (y0 - margin < clip.Min.y + dy) dy = y0 - margin - clip.Min.y;
      if (dy != 0) ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + dy));
      // Sideways as little as it takes, and never past its left edge: the tree's left side
      // is where the eye finds its parents.
      float dx = 0;
      if (x1 + margin > clip.Max.x) dx = x1 + margin - clip.Max.x;
      if (x0 - margin < clip.Min.x + dx) dx = x0 - margin - clip.Min.x;
      if (dx > 0 && x1 <= clip.Max.x + slack) dx = 0;  // already whole: stay
      if (dx != 0) ImGui::SetScrollX(std::max(0.0f, ImGui::GetScrollX() + dx));
    }
  }

  // Hover and click.
  if (ImGui::IsWindowHovered() && !app.deterministic) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const std::int32_t hit = tl.hit(m.x - origin.x, m.y - origin.y);
    app.vs.hovered_task = -1;
    if (hit >= 0) {
      const TreeBox& b = tl.boxes[hit];
      if (b.kind == BoxKind::task) app.vs.hovered_task = b.id;
      tooltip_for(app, b);
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && b.kind == BoxKind::task)
        app.vs.selected_task = app.vs.selected_task == b.id ? -1 : b.id;
    }
    // Wheel scrolls (the tree can be taller and wider than the panel).
    const float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0) {
      if (ImGui::GetIO().KeyShift) ImGui::SetScrollX(ImGui::GetScrollX() - wheel * lh * 3);
      else ImGui::SetScrollY(ImGui::GetScrollY() - wheel * lh * 3);
    }
  }
  ImGui::PopFont();
}

}  // namespace trioscope::gui
