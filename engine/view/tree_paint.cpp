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
    ClipScope clip(p_, {a.x, a.y, z.x, z.y});
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
    ClipScope clip(p_, {a.x, a.y, z.x, z.y});
    p_.text(Font::tree_bold, {tx, ty}, col(ColorRole::text, alpha), b.title);
    const float tw = p_.text_width(Font::tree_bold, b.title);
    p_.text(Font::tree, {tx + tw + lh_ * 0.5f, ty}, col(b.cancelled ? ColorRole::cancellation : ColorRole::text_muted, alpha),
            b.detail);
    // The errors the nursery holds, then what they became.
    for (std::size_t i = 0; i < b.chips.size() && i < b.chip_x.size(); ++i) {
      const std::string& c = b.chips[i];
      const bool group = c.rfind("\xE2\x86\x92", 0) == 0;
      const bool cancelled = c == "Cancelled";
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
    ClipScope clip(p_, {a.x, a.y, z.x, z.y});
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

  void label_chip(Vec2 centre, const std::string& label, ColorRole role, float fade) const {
    const Vec2 sz = chip_size(p_, Font::tree_bold, label);
    chip(p_, Font::tree_bold, {centre.x - sz.x * 0.5f, centre.y - sz.y * 0.5f}, label, faded(pal_[role], fade),
         col(ColorRole::background, fade), col(ColorRole::background, fade));
  }

  void effect(const Effect& fx, float progress) const {
    const float t = (progress - fx.delay) / std::max(0.01f, fx.length);
    if (t <= 0 || t >= 1) return;
    Vec2 to;
    if (!anchor(fx.to, to)) return;
    const float fade = std::min(1.0f, std::min(t * 4, (1 - t) * 4));
    switch (fx.kind) {
      case EffectKind::travel: {
        Vec2 fr;
        if (!anchor(fx.from, fr)) return;
        const float u = ease(t);
        const float bend = 0.18f;
        // The trail, then the token with its label.
        const int n = 12;
        for (int i = 0; i < n; ++i) {
          const float s0 = u * i / n, s1 = u * (i + 1) / n;
          p_.line(curve_point(fr, to, bend, s0), curve_point(fr, to, bend, s1), faded(pal_[fx.role], 0.5f * fade * (i + 1) / n), 3);
        }
        label_chip(curve_point(fr, to, bend, u), fx.label, fx.role, fade);
        break;
      }
      case EffectKind::burst: {
        const float radius = lh_ * (0.6f + 2.2f * t);
        p_.stroke_circle(to, radius, faded(pal_[fx.role], 0.8f * (1 - t)), 3, 32);
        if (!fx.label.empty()) {
          const Vec2 sz = chip_size(p_, Font::tree_bold, fx.label);
          chip(p_, Font::tree_bold, {to.x - sz.x * 0.5f, to.y - lh_ * 1.6f - sz.y * 0.5f - t * lh_}, fx.label,
               faded(pal_[fx.role], fade), col(ColorRole::background, fade), col(ColorRole::background, fade));
        }
        break;
      }
      case EffectKind::gather: {
        const float radius = lh_ * (3.0f * (1 - ease(t)) + 0.5f);
        p_.stroke_circle(to, radius, faded(pal_[fx.role], 0.9f * fade), 3, 32);
        for (int i = 0; i < 6; ++i) {
          const float ang = i * 1.047f + t * 2;
          p_.fill_circle({to.x + std::cos(ang) * radius, to.y + std::sin(ang) * radius}, lh_ * 0.18f, faded(pal_[fx.role], fade));
        }
        if (!fx.label.empty()) label_chip(to, fx.label, fx.role, fade);
        break;
      }
    }
  }

 private:
  Painter& p_;
  const TreeScene& s_;
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

void paint_run_chip(Painter& p, const trio::Trace& t, const Snapshot& s, Theme theme, Vec2 at, float room) {
  const Palette& pal = palette(theme);
  std::string label = "trio.run(" + task_label(t, t.tasks.empty() ? -1 : 0) + ")";
  Rgba fill = pal[ColorRole::panel], border = pal[ColorRole::text_muted], text = pal[ColorRole::text];
  auto failed = [&] {
    fill = border = pal[ColorRole::crashed];
    text = pal[ColorRole::background];
  };
  if (s.run == RunStatus::raised) {
    label += "  \xE2\x9C\x97 raised " + exc_chip(t, s.run_exc);  // ✗
    failed();
  } else if (s.run == RunStatus::returned) {
    label += "  \xE2\x9C\x93 returned";  // ✓
  } else if (s.run == RunStatus::deadlock || s.run == RunStatus::budget_exhausted) {
    label += s.run == RunStatus::deadlock ? "  \xE2\x9C\x97 deadlock" : "  \xE2\x9C\x97 stopped";
    failed();
  }
  // Shortened to the room (the caption and the output say the whole exception).
  label = fit_text(p, Font::tree_bold, label, std::max(room, p.font_size(Font::tree) * 6));
  chip(p, Font::tree_bold, at, label, fill, border, text);
}

}  // namespace trioscope::view
