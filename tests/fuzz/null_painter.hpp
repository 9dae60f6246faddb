// A painter that draws nothing and measures text as a monospace font would (0.6 of the
// size per code point), for the view fuzzer: every layout and paint path runs, and a text
// it is asked to draw is walked (so a range past its end is found by the sanitizers).
#pragma once

#include <string_view>

#include "core/utf8.hpp"
#include "view/painter.hpp"

namespace trioscope::fuzzing {

class NullPainter final : public view::Painter {
 public:
  float font_size(view::Font f) const override { return f == view::Font::caption ? 21 : 17; }
  float text_width(view::Font f, std::string_view s, float size) const override {
    return 0.6f * (size > 0 ? size : font_size(f)) * static_cast<float>(trio::utf8::count(s));
  }
  void text(view::Font, float, view::Vec2, view::Rgba, std::string_view s) override { glyphs_ += trio::utf8::count(s); }
  void fill_rect(const view::Rect&, view::Rgba, float, view::Corners) override {}
  void stroke_rect(const view::Rect&, view::Rgba, float, float) override {}
  void line(view::Vec2, view::Vec2, view::Rgba, float) override {}
  void fill_triangle(view::Vec2, view::Vec2, view::Vec2, view::Rgba) override {}
  void fill_convex(std::span<const view::Vec2>, view::Rgba) override {}
  void stroke_polyline(std::span<const view::Vec2>, view::Rgba, float, bool) override {}
  void fill_circle(view::Vec2, float, view::Rgba, int) override {}
  void stroke_circle(view::Vec2, float, view::Rgba, float, int) override {}
  void fill_path(const view::Path&, view::Rgba) override {}
  void stroke_path(const view::Path&, view::Rgba, float, bool) override {}
  void push_clip(const view::Rect& r) override { clip_ = r; }
  void push_no_clip() override {}
  void pop_clip() override {}
  view::Rect clip() const override { return clip_; }

 private:
  view::Rect clip_{0, 0, 1e9f, 1e9f};
  std::size_t glyphs_ = 0;
};

}  // namespace trioscope::fuzzing
