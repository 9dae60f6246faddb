// A painter that records what it is asked to draw, for tests of the views' painting (and
// of every surface that paints the same way): which primitives, where, in what colour,
// with what text, and whether each was inside the clip in force.
//
// Text is measured as a monospace font would be: 0.6 of the font's size per code point.
#pragma once

#include <string>
#include <vector>

#include "view/painter.hpp"

namespace trioscope::view::testing {

class RecordingPainter final : public Painter {
 public:
  enum class Kind { text, fill_rect, stroke_rect, line, triangle, convex, polyline, fill_circle, stroke_circle, fill_path,
                    stroke_path };
  struct Op {
    Kind kind = Kind::text;
    Rgba color;
    Rect bounds;          // what the primitive covers
    std::string text;     // text
    Font font = Font::ui;
    float size = 0;       // text: its size; circles: the radius; lines: the thickness
    Rect clip;            // the clip in force
    bool clipped_away() const { return !bounds.overlaps(clip) && bounds.w() > 0 && bounds.h() > 0; }
  };

  float base = 18;  // the tree's font size; the others keep the app's proportions
  std::vector<Op> ops;

  float font_size(Font f) const override {
    switch (f) {
      case Font::ui: case Font::bold: return base * 17 / 19;
      case Font::mono: return base * 16 / 19;
      case Font::caption: return base * 21 / 19;
      case Font::tree: case Font::tree_bold: return base;
    }
    return base;
  }
  float text_width(Font f, std::string_view s, float size = 0) const override {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return 0.6f * (size > 0 ? size : font_size(f)) * static_cast<float>(n);
  }
  void text(Font f, float size, Vec2 pos, Rgba c, std::string_view s) override {
    const float sz = size > 0 ? size : font_size(f);
    Op op = base_op(Kind::text, c, {pos.x, pos.y, pos.x + text_width(f, s, sz), pos.y + sz});
    op.text = std::string(s);
    op.font = f;
    op.size = sz;
    ops.push_back(op);
  }
  void fill_rect(const Rect& r, Rgba c, float, Corners) override { ops.push_back(base_op(Kind::fill_rect, c, r)); }
  void stroke_rect(const Rect& r, Rgba c, float, float t) override { push(Kind::stroke_rect, c, r, t); }
  void line(Vec2 a, Vec2 b, Rgba c, float t) override { push(Kind::line, c, span({a, b}), t); }
  void fill_triangle(Vec2 a, Vec2 b, Vec2 c, Rgba col) override { push(Kind::triangle, col, span({a, b, c}), 0); }
  void fill_convex(std::span<const Vec2> p, Rgba c) override { push(Kind::convex, c, span(p), 0); }
  void stroke_polyline(std::span<const Vec2> p, Rgba c, float t, bool) override { push(Kind::polyline, c, span(p), t); }
  void fill_circle(Vec2 o, float r, Rgba c, int) override { push(Kind::fill_circle, c, {o.x - r, o.y - r, o.x + r, o.y + r}, r); }
  void stroke_circle(Vec2 o, float r, Rgba c, float, int) override {
    push(Kind::stroke_circle, c, {o.x - r, o.y - r, o.x + r, o.y + r}, r);
  }
  void fill_path(const Path& p, Rgba c) override { push(Kind::fill_path, c, path_bounds(p), 0); }
  void stroke_path(const Path& p, Rgba c, float t, bool) override { push(Kind::stroke_path, c, path_bounds(p), t); }
  void push_clip(const Rect& r) override {
    const Rect c = clip();
    clips_.push_back({std::max(c.x0, r.x0), std::max(c.y0, r.y0), std::min(c.x1, r.x1), std::min(c.y1, r.y1)});
  }
  void push_no_clip() override { clips_.push_back(kAll); }
  void pop_clip() override {
    if (!clips_.empty()) clips_.pop_back();
  }
  Rect clip() const override { return clips_.empty() ? kAll : clips_.back(); }
  std::size_t clip_depth() const { return clips_.size(); }

  // Queries
  std::vector<const Op*> of(Kind k) const {
    std::vector<const Op*> out;
    for (const Op& o : ops)
      if (o.kind == k) out.push_back(&o);
    return out;
  }
  const Op* text_op(std::string_view s) const {
    for (const Op& o : ops)
      if (o.kind == Kind::text && o.text == s) return &o;
    return nullptr;
  }
  std::size_t count(Kind k, Rgba c) const {
    std::size_t n = 0;
    for (const Op& o : ops) n += o.kind == k && o.color == c;
    return n;
  }

 private:
  static constexpr Rect kAll{-1e9f, -1e9f, 1e9f, 1e9f};
  Op base_op(Kind k, Rgba c, Rect b) const {
    Op op;
    op.kind = k;
    op.color = c;
    op.bounds = b;
    op.clip = clip();
    return op;
  }
  void push(Kind k, Rgba c, Rect b, float size) {
    Op op = base_op(k, c, b);
    op.size = size;
    ops.push_back(op);
  }
  static Rect span(std::initializer_list<Vec2> pts) { return span(std::span<const Vec2>(pts.begin(), pts.size())); }
  static Rect span(std::span<const Vec2> pts) {
    Rect r{1e9f, 1e9f, -1e9f, -1e9f};
    for (Vec2 p : pts) r = {std::min(r.x0, p.x), std::min(r.y0, p.y), std::max(r.x1, p.x), std::max(r.y1, p.y)};
    return r;
  }
  static Rect path_bounds(const Path& p) {
    std::vector<Vec2> pts{p.start};
    for (const auto& s : p.segments) {
      if (s.cubic) {
        pts.push_back(s.c1);
        pts.push_back(s.c2);
      }
      pts.push_back(s.to);
    }
    return span(pts);
  }
  std::vector<Rect> clips_;
};

}  // namespace trioscope::view::testing
