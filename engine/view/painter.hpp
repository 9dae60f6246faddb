// The painter interface: what the views (tree, timeline, code, caption, output) draw
// with. The screen paints through Dear ImGui's draw lists (app/gui/imgui_painter), the
// exporters through cairo (PNG, PDF) and an SVG writer, so that one layout and one
// painting code feed every surface and an export looks like the screen.
//
// Coordinates are pixels of the surface, y down. Text is placed by its top-left corner
// (as Dear ImGui places it) and measured through the painter, so a label fits on every
// surface in that surface's own font. Fonts are named by role; each surface maps a role
// to its font at the current UI scale.
//
// Primitives are few and map one-to-one onto ImDrawList calls (the screen stays exactly
// what it was); shapes built from them (dashes, arrows, icons, chips, timeline marks)
// are in shapes.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "view/palette.hpp"

namespace trioscope::view {

struct Vec2 {
  float x = 0, y = 0;
  bool operator==(const Vec2&) const = default;
};

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
  bool contains(Vec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
  bool overlaps(const Rect& o) const { return x1 > o.x0 && o.x1 > x0 && y1 > o.y0 && o.y1 > y0; }
  bool operator==(const Rect&) const = default;
};

// The fonts of the app, by what they are for. Sizes are each surface's own (pixel
// heights at the current scale); the roles keep the proportions.
enum class Font : std::uint8_t {
  ui,         // labels, buttons, lane names
  bold,       // titles
  mono,       // code and output
  caption,    // the caption sentence
  tree,       // the nursery tree, a size larger: the main view
  tree_bold,  // its titles
};
inline constexpr int kFontCount = 6;

// Which corners of a rounded rectangle are rounded.
enum class Corners : std::uint8_t { all, left, right, top, bottom };

// A colour faded to `alpha` of its own opacity (the screen's rule: alpha truncated).
inline Rgba faded(Rgba c, float alpha) { return c.with_alpha(static_cast<std::uint8_t>(static_cast<float>(c.a) * alpha)); }

// A path of straight and cubic Bézier segments, for outlines that are neither boxes nor
// circles (the shield icon).
struct Path {
  struct Segment {
    bool cubic = false;
    Vec2 c1, c2;  // the control points of a cubic
    Vec2 to;
  };
  Vec2 start;
  std::vector<Segment> segments;
  explicit Path(Vec2 from) : start(from) {}
  Path& line_to(Vec2 p) {
    segments.push_back({false, {}, {}, p});
    return *this;
  }
  Path& cubic_to(Vec2 c1, Vec2 c2, Vec2 p) {
    segments.push_back({true, c1, c2, p});
    return *this;
  }
};

class Painter {
 public:
  virtual ~Painter() = default;

  // ---- text ----
  // The pixel height of a font: its line height, and the unit every layout counts in.
  virtual float font_size(Font f) const = 0;
  // The width of `s` in font `f` drawn at `size` (0: the font's own size).
  virtual float text_width(Font f, std::string_view s, float size = 0) const = 0;
  // Draws `s` (UTF-8) with its top-left corner at `pos`.
  virtual void text(Font f, float size, Vec2 pos, Rgba c, std::string_view s) = 0;

  // ---- shapes ----
  virtual void fill_rect(const Rect& r, Rgba c, float rounding = 0, Corners corners = Corners::all) = 0;
  virtual void stroke_rect(const Rect& r, Rgba c, float rounding, float thickness) = 0;
  virtual void line(Vec2 a, Vec2 b, Rgba c, float thickness) = 0;
  // A triangle filled without anti-aliasing (crisp small marks and arrow heads).
  virtual void fill_triangle(Vec2 a, Vec2 b, Vec2 c, Rgba col) = 0;
  // A convex polygon, anti-aliased.
  virtual void fill_convex(std::span<const Vec2> points, Rgba c) = 0;
  virtual void stroke_polyline(std::span<const Vec2> points, Rgba c, float thickness, bool closed) = 0;
  // `segments` 0: as many as the radius needs.
  virtual void fill_circle(Vec2 centre, float r, Rgba c, int segments = 0) = 0;
  virtual void stroke_circle(Vec2 centre, float r, Rgba c, float thickness, int segments = 0) = 0;
  virtual void fill_path(const Path& p, Rgba c) = 0;  // a convex outline
  virtual void stroke_path(const Path& p, Rgba c, float thickness, bool closed) = 0;

  // ---- clipping ----
  // Drawing is clipped to `r` (intersected with the clip in force) until pop_clip().
  virtual void push_clip(const Rect& r) = 0;
  // No clip at all until pop_clip() (text laid out before it is turned, for instance).
  virtual void push_no_clip() = 0;
  virtual void pop_clip() = 0;
  virtual Rect clip() const = 0;

  // ---- derived ----
  float line_height(Font f) const { return font_size(f); }
  void text(Font f, Vec2 pos, Rgba c, std::string_view s) { text(f, 0, pos, c, s); }
};

// Another painter with every font `scale` times its size: a view laid out and painted
// through it comes out smaller or larger as a whole (the tree shrinking to fit its panel).
// Shapes pass through unchanged; their sizes come from the layout, which measured text
// through this painter.
class ScaledPainter final : public Painter {
 public:
  ScaledPainter(Painter& base, float scale) : base_(base), scale_(scale) {}
  float scale() const { return scale_; }

  float font_size(Font f) const override { return base_.font_size(f) * scale_; }
  float text_width(Font f, std::string_view s, float size = 0) const override {
    return base_.text_width(f, s, size > 0 ? size : font_size(f));
  }
  void text(Font f, float size, Vec2 pos, Rgba c, std::string_view s) override {
    base_.text(f, size > 0 ? size : font_size(f), pos, c, s);
  }
  void fill_rect(const Rect& r, Rgba c, float rounding, Corners corners) override { base_.fill_rect(r, c, rounding, corners); }
  void stroke_rect(const Rect& r, Rgba c, float rounding, float t) override { base_.stroke_rect(r, c, rounding, t); }
  void line(Vec2 a, Vec2 b, Rgba c, float t) override { base_.line(a, b, c, t); }
  void fill_triangle(Vec2 a, Vec2 b, Vec2 c, Rgba col) override { base_.fill_triangle(a, b, c, col); }
  void fill_convex(std::span<const Vec2> p, Rgba c) override { base_.fill_convex(p, c); }
  void stroke_polyline(std::span<const Vec2> p, Rgba c, float t, bool closed) override { base_.stroke_polyline(p, c, t, closed); }
  void fill_circle(Vec2 o, float r, Rgba c, int n) override { base_.fill_circle(o, r, c, n); }
  void stroke_circle(Vec2 o, float r, Rgba c, float t, int n) override { base_.stroke_circle(o, r, c, t, n); }
  void fill_path(const Path& p, Rgba c) override { base_.fill_path(p, c); }
  void stroke_path(const Path& p, Rgba c, float t, bool closed) override { base_.stroke_path(p, c, t, closed); }
  void push_clip(const Rect& r) override { base_.push_clip(r); }
  void push_no_clip() override { base_.push_no_clip(); }
  void pop_clip() override { base_.pop_clip(); }
  Rect clip() const override { return base_.clip(); }

 private:
  Painter& base_;
  float scale_;
};

// push_clip / pop_clip as a scope.
class ClipScope {
 public:
  ClipScope(Painter& p, const Rect& r) : p_(p) { p_.push_clip(r); }
  ~ClipScope() { p_.pop_clip(); }
  ClipScope(const ClipScope&) = delete;
  ClipScope& operator=(const ClipScope&) = delete;

 private:
  Painter& p_;
};

}  // namespace trioscope::view
