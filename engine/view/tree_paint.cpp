// [SECTION] Boxes: tasks, chips, nurseries, scope frames
// [SECTION] Effects: tokens travelling between boxes
// [SECTION] The tree and the trio.run chip
#include "view/tree_paint.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "view/animation.hpp"
#include "view/exc_text.hpp"
#include "view/shapes.hpp"

namespace trioscope::view {

namespace {

// The fill stripe at the left of a task box, and the advance of a scope frame's icons.
float stripe_width(float lh) { return std::round(lh * 0.3f); }
float icon_advance(float lh) { return lh * 1.2f; }

class TreePainter {
 public:
  TreePainter(Painter& p, const TreeScene& s)
      : p_(p), s_(s), pal_(palette(s.theme)), lh_(s.layout->line_height), pad_(s.layout->pad) {}

  Rgba col(ColorRole r, float a = 1) const { return faded(pal_[r], a); }
  Vec2 at(float x, float y) const { return {s_.origin.x + x, s_.origin.y + y}; }
  bool visible(Vec2 a, Vec2 b) const {
    return b.x >= s_.visible.x0 && a.x <= s_.visible.x1 && b.y >= s_.visible.y0 && a.y <= s_.visible.y1;
  }

  // The box's rectangle now: between where it was and where it is, while animating.
  void rect_of(const TreeBox& b, Vec2& a, Vec2& z, float& alpha) const {
    float x = b.x, y = b.y, w = b.w, h = b.h;
    alpha = 1;
    const float e = s_.morph;
    if (s_.from && e < 1) {
      if (const TreeBox* o = s_.from->find(b.kind, b.id); o && !(b.kind == BoxKind::task && o->compact != b.compact)) {
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
  void icon_text(Vec2 pos, const std::string& s, Rgba icon_col, Rgba text_col) const {
    const char* sp = std::strchr(s.c_str(), ' ');
    if (!sp) {
      p_.text(Font::tree, pos, text_col, s);
      return;
    }
    const std::string_view icon(s.c_str(), static_cast<std::size_t>(sp - s.c_str()));
    p_.text(Font::tree, pos, icon_col, icon);
    const float w = p_.text_width(Font::tree, icon);
    p_.text(Font::tree, {pos.x + w, pos.y}, text_col, sp);
  }

  void task(const TreeBox& b, Vec2 a, Vec2 z, float alpha) const {
    const ColorRole role = color_role(b.state);
    const bool done = is_terminal(b.state);
    const float r = lh_ * 0.35f;
    if (b.is_running) p_.stroke_rect({a.x - 3, a.y - 3, z.x + 3, z.y + 3}, col(role, 0.45f * alpha), r + 3, 4);
    p_.fill_rect({a.x, a.y, z.x, z.y}, faded(pal_.tint(role), alpha), r);
    const float stripe = stripe_width(lh_);
    p_.fill_rect({a.x, a.y, a.x + stripe, z.y}, col(role, alpha), r, Corners::left);
    p_.stroke_rect({a.x, a.y, z.x, z.y}, col(role, alpha), r, b.is_running ? 3.0f : 2.0f);
    if (s_.selected_task == b.id)
      p_.stroke_rect({a.x - 5, a.y - 5, z.x + 5, z.y + 5}, col(ColorRole::playhead, alpha), r + 5, 2.5f);
    // Title, with the Python line it is at on the right.
    const float tx = a.x + stripe + pad_, ty = a.y + pad_;
    const Rgba text = col(done ? ColorRole::text_muted : ColorRole::text, alpha);
    const Font title_font = b.is_running ? Font::tree_bold : Font::tree;
    ClipScope clip(p_, text_clip_);
    p_.text(title_font, {tx, ty}, text, b.title);
    if (b.line) {
      const std::string tag = "L" + std::to_string(b.line);
      const float w = text_width_px(p_, Font::tree, tag);
      const float title_w = p_.text_width(title_font, b.title);
      if (tx + title_w + w + pad_ < z.x - pad_) p_.text(Font::tree, {z.x - pad_ - w, ty}, col(ColorRole::text_muted, alpha), tag);
    }
    icon_text({tx, ty + lh_}, b.detail, col(role, alpha), col(ColorRole::text, alpha));
    if (!b.badge.empty()) {
      const bool unwinding = b.badge.rfind(state_icon(DisplayState::raising), 0) == 0 || b.state == DisplayState::raising;
      const ColorRole brole = unwinding                                    ? ColorRole::raising
                              : b.state == DisplayState::cancel_pending ? ColorRole::text_muted
                              : b.cancel_pending                         ? ColorRole::cancel_pending
                                                                         : ColorRole::handling;
      icon_text({tx, ty + 2 * lh_}, b.badge, col(brole, alpha), col(brole, alpha));
    }
  }

  void chip_task(const TreeBox& b, Vec2 a, Vec2 z, float alpha) const {
    const ColorRole role = color_role(b.state);
    p_.fill_rect({a.x, a.y, z.x, z.y}, col(role, alpha), lh_ * 0.2f);
    // The icon in the background colour: the state reads without its colour.
    const char* icon = state_icon(b.state);
    const float fs = p_.font_size(Font::tree) * 0.85f;
    const float tw = p_.text_width(Font::tree, icon, fs);
    p_.text(Font::tree, fs, {(a.x + z.x - tw) * 0.5f, (a.y + z.y - fs) * 0.5f}, col(ColorRole::background, alpha), icon);
    if (b.is_running || s_.selected_task == b.id)
      p_.stroke_rect({a.x - 2, a.y - 2, z.x + 2, z.y + 2}, col(ColorRole::playhead, alpha), lh_ * 0.2f, 2.5f);
  }

  void nursery(const TreeBox& b, Vec2 a, Vec2 z, float alpha) const {
    const float r = lh_ * 0.4f;
    p_.fill_rect({a.x, a.y, z.x, z.y}, col(ColorRole::nursery_frame, 0.05f * alpha), r);
    p_.stroke_rect({a.x, a.y, z.x, z.y}, col(ColorRole::nursery_frame, alpha), r, 2.0f);
    if (b.cancelled)
      dashed_rect(p_, {a.x + 4, a.y + 4}, {z.x - 4, z.y - 4}, col(ColorRole::cancellation, alpha), 2.0f, lh_ * 0.4f);
    const float ty = a.y + pad_, tx = a.x + pad_;
    ClipScope clip(p_, text_clip_);
    p_.text(Font::tree_bold, {tx, ty}, col(ColorRole::text, alpha), b.title);
    const float tw = p_.text_width(Font::tree_bold, b.title);
    p_.text(Font::tree, {tx + tw + lh_ * 0.5f, ty}, col(b.cancelled ? ColorRole::cancellation : ColorRole::text_muted, alpha),
            b.detail);
    // The errors the nursery holds, then what they became.
    for (std::size_t i = 0; i < b.chips.size() && i < b.chip_x.size(); ++i) {
      const std::string& c = b.chips[i];
      // "→ ..." is what the errors became (filled); a Cancelled chip is the cancellation's colour.
      const bool group = c.rfind("\xE2\x86\x92", 0) == 0;
      const bool cancelled = c == "Cancelled" || c.find("Cancelled absorbed") != std::string::npos;
      const ColorRole role = cancelled ? ColorRole::cancellation : ColorRole::exception;
      chip(p_, Font::tree, {a.x + b.chip_x[i], a.y + b.chip_y[i]}, c,
           group ? col(role, alpha) : faded(pal_.tint(role), alpha), col(role, alpha),
           group ? col(ColorRole::background, alpha) : col(role, alpha));
    }
  }

  void scope(const TreeBox& b, Vec2 a, Vec2 z, float alpha) const {
    const ColorRole role = b.cancelled ? ColorRole::scope_cancelled : ColorRole::scope_frame;
    dashed_rect(p_, a, z, col(role, alpha), b.cancelled ? 2.5f : 1.5f, lh_ * 0.35f);
    // A shield also gets a solid inner edge: outside cancellations stop here.
    if (b.shield) p_.stroke_rect({a.x + 3, a.y + 3, z.x - 3, z.y - 3}, col(ColorRole::shield, 0.6f * alpha), lh_ * 0.3f, 2.0f);
    ClipScope clip(p_, text_clip_);
    float x = a.x + pad_;
    const float cy = a.y + pad_ + lh_ * 0.5f;
    if (b.has_deadline) {
      clock_icon(p_, {x + lh_ * 0.45f, cy}, lh_ * 0.42f, col(ColorRole::deadline, alpha));
      x += icon_advance(lh_);
    }
    if (b.shield) {
      shield_icon(p_, {x + lh_ * 0.45f, cy}, lh_ * 0.9f, col(ColorRole::shield, alpha), true);
      x += icon_advance(lh_);
    }
    p_.text(Font::tree, {x, a.y + pad_}, col(ColorRole::text, alpha), b.title);
    x += text_width_px(p_, Font::tree, b.title) + lh_ * 0.5f;
    float y = a.y + pad_;
    if (b.detail_below) {
      x = a.x + pad_;
      y += lh_;
    }
    p_.text(Font::tree, {x, y}, col(b.cancelled ? ColorRole::scope_cancelled : ColorRole::text_muted, alpha), b.detail);
    if (!b.badge.empty()) p_.text(Font::tree, {a.x + pad_, y + lh_}, col(ColorRole::text_muted, alpha), b.badge);
  }

  void box(const TreeBox& b, float alpha_mul = 1, bool ghost = false) const {
    Vec2 a, z;
    float alpha;
    if (ghost) {
      a = at(b.x, b.y);
      z = at(b.x + b.w, b.y + b.h);
      alpha = alpha_mul;
    } else {
      rect_of(b, a, z, alpha);
    }
    alpha *= b.fade;
    if (!visible(a, z) || alpha <= 0.01f) return;
    // Text is clipped to the box, but while a box grows into place to where it is going as
    // well, so that it never cuts its own text.
    const Vec2 fa = at(b.x, b.y), fz = at(b.x + b.w, b.y + b.h);
    text_clip_ = {std::min(a.x, fa.x), std::min(a.y, fa.y), std::max(z.x, fz.x), std::max(z.y, fz.y)};
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

  // Where an anchor is on the surface now (current layout first, then the one we come from).
  bool anchor(const Anchor& an, Vec2& out) const {
    const TreeLayout& now = *s_.layout;
    if (an.kind == AnchorKind::run_exit) {
      out = at(now.width * 0.5f, -lh_ * 1.0f);
      return true;
    }
    const BoxKind kind = an.kind == AnchorKind::task    ? BoxKind::task
                         : an.kind == AnchorKind::scope ? BoxKind::scope
                                                        : BoxKind::nursery;
    const TreeBox* b = now.find(kind, an.id);
    if (!b && s_.from) b = s_.from->find(kind, an.id);
    // A nursery's cancel scope has no frame of its own: the nursery's box is where it is.
    if (!b && kind == BoxKind::scope && s_.trace && an.id >= 0 && static_cast<std::size_t>(an.id) < s_.trace->scopes.size() &&
        s_.trace->scopes[an.id].kind == trio::ScopeKind::nursery) {
      const std::int32_t n = s_.trace->scopes[an.id].nursery;
      b = now.find(BoxKind::nursery, n);
      if (!b && s_.from) b = s_.from->find(BoxKind::nursery, n);
    }
    if (!b && kind == BoxKind::nursery) {
      // A nursery that has just closed (its error is re-raised as it goes): where it was,
      // at the bottom of the task that opened it.
      const trio::Trace* t = s_.trace;
      if (t && an.id >= 0 && static_cast<std::size_t>(an.id) < t->nurseries.size())
        if (const TreeBox* owner = now.find(BoxKind::task, t->nurseries[an.id].task)) {
          out = at(owner->x + owner->w * 0.5f, owner->y + owner->h - lh_ * 0.5f);
          return true;
        }
    }
    if (!b) return false;
    switch (an.kind) {
      case AnchorKind::nursery_errors: out = at(b->x + pad_ + lh_ * 2, b->y + b->chips_y + lh_ * 0.6f); break;
      case AnchorKind::nursery:
      case AnchorKind::scope: out = at(b->x + b->w * 0.5f, b->y + b->header_h * 0.5f); break;
      default: out = at(b->x + b->w * 0.5f, b->y + std::min(b->h, b->header_h) * 0.5f); break;
    }
    return true;
  }

  // The rectangle an anchor stands for on the surface: a task's header, a nursery's or a
  // scope's header band, the chip a nursery's errors became (else its row of errors).
  bool anchor_rect(const Anchor& an, Rect& r) const {
    const TreeLayout& now = *s_.layout;
    if (an.kind == AnchorKind::run_exit) {
      const Vec2 a = at(0, -lh_ * 1.6f);
      r = {a.x, a.y, a.x + now.width, a.y + lh_ * 1.2f};
      return true;
    }
    const BoxKind kind = an.kind == AnchorKind::task    ? BoxKind::task
                         : an.kind == AnchorKind::scope ? BoxKind::scope
                                                        : BoxKind::nursery;
    const TreeBox* b = now.find(kind, an.id);
    if (!b && s_.from) b = s_.from->find(kind, an.id);
    if (!b) {
      Vec2 c;
      if (!anchor(an, c)) return false;
      r = {c.x - lh_, c.y - lh_ * 0.5f, c.x + lh_, c.y + lh_ * 0.5f};
      return true;
    }
    const Vec2 o = at(b->x, b->y);
    if (an.kind == AnchorKind::nursery_errors && !b->chips.empty() && b->chip_x.size() == b->chips.size()) {
      const std::size_t last = b->chips.size() - 1;  // what the errors became, when they have
      const Vec2 sz = chip_size(p_, Font::tree, b->chips[last]);
      r = {o.x + b->chip_x[last], o.y + b->chip_y[last], o.x + b->chip_x[last] + sz.x, o.y + b->chip_y[last] + sz.y};
      return true;
    }
    r = {o.x, o.y, o.x + b->w, o.y + std::min(b->h, b->header_h)};
    return true;
  }

  // Whether `r` would cover any text of the tree: a box's header, a chip.
  bool covers_text(const Rect& r) const {
    const TreeLayout& l = *s_.layout;
    std::size_t checked = 0;
    for (const TreeBox& b : l.boxes) {
      if (++checked > 400) break;  // a crowded tree: its chips are too small to label anyway
      const Vec2 o = at(b.x, b.y);
      if (r.overlaps({o.x, o.y, o.x + b.w, o.y + std::min(b.h, b.header_h)})) return true;
      for (std::size_t i = 0; i < b.chips.size() && i < b.chip_x.size(); ++i) {
        const Vec2 sz = chip_size(p_, Font::tree, b.chips[i]);
        if (r.overlaps({o.x + b.chip_x[i], o.y + b.chip_y[i], o.x + b.chip_x[i] + sz.x, o.y + b.chip_y[i] + sz.y})) return true;
      }
    }
    return false;
  }

  // A label chip beside `near` where it covers no text of the tree (above, below, right or
  // left of it, inside what is visible); none when there is no such place: the boxes say
  // what it would.
  void label_beside(const Rect& near, const std::string& label, ColorRole role, float fade) const {
    if (label.empty()) return;
    const Vec2 sz = chip_size(p_, Font::ui, label);
    const Rect& v = s_.visible;
    const float g = lh_ * 0.2f;
    const Vec2 places[] = {{near.x0, near.y0 - sz.y - g}, {near.x0, near.y1 + g}, {near.x1 + g, (near.y0 + near.y1 - sz.y) * 0.5f},
                           {near.x0 - sz.x - g, (near.y0 + near.y1 - sz.y) * 0.5f}};
    for (Vec2 pos : places) {
      pos.x = std::clamp(pos.x, v.x0 + 2, std::max(v.x0 + 2, v.x1 - sz.x - 2));
      const Rect r{pos.x, pos.y, pos.x + sz.x, pos.y + sz.y};
      if (r.y0 < v.y0 || r.y1 > v.y1 || covers_text(r)) continue;
      chip(p_, Font::ui, pos, label, faded(pal_[role], fade), col(ColorRole::background, fade), col(ColorRole::background, fade));
      return;
    }
  }

  // A frame that grows out of `r` and fades: where something just happened.
  void pulse(const Rect& r, ColorRole role, float t) const {
    const float grow = lh_ * 0.6f * t;
    p_.stroke_rect({r.x0 - grow, r.y0 - grow, r.x1 + grow, r.y1 + grow}, faded(pal_[role], 0.9f * (1 - t)), lh_ * 0.4f, 3);
  }

  void effect(const Effect& fx, float progress) const {
    const float t = (progress - fx.delay) / std::max(0.01f, fx.length);
    if (t <= 0 || t >= 1) return;
    Rect target;
    if (!anchor_rect(fx.to, target)) return;
    const Vec2 to{(target.x0 + target.x1) * 0.5f, (target.y0 + target.y1) * 0.5f};
    const float fade = std::min(1.0f, std::min(t * 4, (1 - t) * 4));
    switch (fx.kind) {
      case EffectKind::travel: {
        Rect source;
        if (!anchor_rect(fx.from, source)) return;
        const Vec2 fr{(source.x0 + source.x1) * 0.5f, (source.y0 + source.y1) * 0.5f};
        const float u = ease(std::min(1.0f, t / 0.75f));
        const float bend = 0.18f;
        // The trail and the token; its label rides beside it on the way, and the box it
        // arrives at pulses.
        const int n = 12;
        for (int i = 0; i < n; ++i) {
          const float s0 = u * i / n, s1 = u * (i + 1) / n;
          p_.line(curve_point(fr, to, bend, s0), curve_point(fr, to, bend, s1), faded(pal_[fx.role], 0.5f * fade * (i + 1) / n), 3);
        }
        const Vec2 dot = curve_point(fr, to, bend, u);
        p_.fill_circle(dot, lh_ * 0.28f, faded(pal_[fx.role], fade), 16);
        if (t < 0.75f) label_beside({dot.x + lh_ * 0.4f, dot.y, dot.x + lh_ * 0.4f, dot.y}, fx.label, fx.role, fade);
        else pulse(target, fx.role, (t - 0.75f) / 0.25f);
        break;
      }
      case EffectKind::burst:
        pulse(target, fx.role, t);
        label_beside(target, fx.label, fx.role, fade);
        break;
      case EffectKind::gather: {
        // Tokens converge on what the errors become; the result itself is on screen already.
        const float radius = lh_ * (3.0f * (1 - ease(t)) + 0.5f);
        for (int i = 0; i < 6; ++i) {
          const float ang = i * 1.047f + t * 2;
          p_.fill_circle({to.x + std::cos(ang) * radius, to.y + std::sin(ang) * radius * 0.5f}, lh_ * 0.18f,
                         faded(pal_[fx.role], fade));
        }
        pulse(target, fx.role, t);
        // A handler's "caught X" is news; a group's name is its chip, already drawn.
        if (fx.to.kind == AnchorKind::task) label_beside(target, fx.label, fx.role, fade);
        break;
      }
    }
  }

 private:
  Painter& p_;
  const TreeScene& s_;
  mutable Rect text_clip_;
  const Palette& pal_;
  float lh_, pad_;
};

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] The tree and the trio.run chip
// ---------------------------------------------------------------------------------------

float tree_morph(float progress) { return ease(std::min(1.0f, progress / 0.45f)); }

Vec2 scroll_to_focus(const Rect& f, const Rect& v, float margin, float slack) {
  Vec2 d;
  if (f.y1 + margin > v.y1) d.y = f.y1 + margin - v.y1;
  if (f.y0 - margin < v.y0 + d.y) d.y = f.y0 - margin - v.y0;
  if (f.x1 + margin > v.x1) d.x = f.x1 + margin - v.x1;
  if (f.x0 - margin < v.x0 + d.x) d.x = f.x0 - margin - v.x0;
  if (d.x > 0 && f.x1 <= v.x1 + slack) d.x = 0;  // already whole: stay
  return d;
}

void paint_tree(Painter& p, const TreeScene& scene) {
  if (!scene.layout) return;
  const TreePainter painter(p, scene);
  for (const TreeBox& b : scene.layout->boxes) painter.box(b);
  // What the last step removed fades out where it was.
  if (scene.from)
    for (const TreeBox& b : scene.from->boxes)
      if (!scene.layout->find(b.kind, b.id)) painter.box(b, 1 - scene.morph, true);
  if (scene.effects)
    for (const Effect& fx : *scene.effects) painter.effect(fx, scene.effects_progress);
}

std::string run_chip_label(const trio::Trace& t, const Snapshot& s) {
  std::string label = "trio.run(" + task_label(t, t.tasks.empty() ? -1 : 0) + ")";
  switch (s.run) {
    case RunStatus::raised: return label + "  \xE2\x9C\x97 raised " + exc_chip(t, s.run_exc);  // ✗
    case RunStatus::returned: return label + "  \xE2\x9C\x93 returned";                        // ✓
    case RunStatus::deadlock: return label + "  \xE2\x9C\x97 deadlock";
    case RunStatus::budget_exhausted: return label + "  \xE2\x9C\x97 stopped";
    default: return label;
  }
}

void paint_run_chip(Painter& p, const trio::Trace& t, const Snapshot& s, Theme theme, Vec2 at, float room) {
  const Palette& pal = palette(theme);
  std::string label = run_chip_label(t, s);
  Rgba fill = pal[ColorRole::panel], border = pal[ColorRole::text_muted], text = pal[ColorRole::text];
  if (s.run == RunStatus::raised || s.run == RunStatus::deadlock || s.run == RunStatus::budget_exhausted) {
    fill = border = pal[ColorRole::crashed];
    text = pal[ColorRole::background];
  }
  // Shortened to the room (the caption and the output say the whole exception).
  label = fit_text(p, Font::tree_bold, label, std::max(room, p.font_size(Font::tree) * 6));
  chip(p, Font::tree_bold, at, label, fill, border, text);
}

}  // namespace trioscope::view
