// A painter that passes everything on to another and notes where each piece of text went
// (as far as it is visible), so that a surface can check that no two labels overlap: the
// screen's layout report, the exporters' tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "view/painter.hpp"

namespace trioscope::view {

struct PaintedText {
  Rect rect;  // the visible part of the text's box
  std::string text;
};

class TextRecorder final : public Painter {
 public:
  // `out` may be null: then this only passes things on.
  TextRecorder(Painter& base, std::vector<PaintedText>* out, std::size_t max = 4000) : base_(base), out_(out), max_(max) {}

  float font_size(Font f) const override { return base_.font_size(f); }
  float text_width(Font f, std::string_view s, float size = 0) const override { return base_.text_width(f, s, size); }
  void text(Font f, float size, Vec2 pos, Rgba c, std::string_view s) override;
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
  std::vector<PaintedText>* out_;
  std::size_t max_;
};

// The first two texts that overlap by more than `slack` pixels each way, if any. Text that
// only touches (an icon and the word after it) does not count.
std::optional<std::pair<PaintedText, PaintedText>> first_overlap(const std::vector<PaintedText>& texts, float slack = 1);

}  // namespace trioscope::view
