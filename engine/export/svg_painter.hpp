// view::Painter as SVG elements: text stays text (<text>, selectable and editable in a
// browser, Inkscape or a slide program), shapes are <rect>, <path>, <circle> and
// <polygon> with presentation attributes (what every SVG reader understands), clips are
// <clipPath> rectangles. The file needs nothing else: no external fonts, images or styles.
//
// Text is measured with FontSet (DejaVu's own metrics, as cairo draws it), and names DejaVu
// first with fallbacks, so that with DejaVu installed a label is exactly as wide as the
// layout made room for; a reader without it draws a similar sans font, most of which are
// narrower.
//
// Lines drawn end to end in one colour and width become one path; a clip stack becomes a
// flat run of groups, each clipped to the clip in force.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "export/fonts.hpp"
#include "view/painter.hpp"

namespace trioscope::exporting {

class SvgPainter final : public view::Painter {
 public:
  // A page `width` x `height` (the painter's units), shown `out_width` x `out_height` px.
  SvgPainter(const FontSet& fonts, float scale, float width, float height, float out_width, float out_height,
             std::string_view title, std::string_view description);

  float font_size(view::Font f) const override;
  float text_width(view::Font f, std::string_view s, float size = 0) const override;
  void text(view::Font f, float size, view::Vec2 pos, view::Rgba c, std::string_view s) override;
  using view::Painter::text;

  void fill_rect(const view::Rect& r, view::Rgba c, float rounding = 0,
                 view::Corners corners = view::Corners::all) override;
  void stroke_rect(const view::Rect& r, view::Rgba c, float rounding, float thickness) override;
  void line(view::Vec2 a, view::Vec2 b, view::Rgba c, float thickness) override;
  void fill_triangle(view::Vec2 a, view::Vec2 b, view::Vec2 c, view::Rgba col) override;
  void fill_convex(std::span<const view::Vec2> points, view::Rgba c) override;
  void stroke_polyline(std::span<const view::Vec2> points, view::Rgba c, float thickness, bool closed) override;
  void fill_circle(view::Vec2 centre, float r, view::Rgba c, int segments) override;
  void stroke_circle(view::Vec2 centre, float r, view::Rgba c, float thickness, int segments) override;
  void fill_path(const view::Path& p, view::Rgba c) override;
  void stroke_path(const view::Path& p, view::Rgba c, float thickness, bool closed) override;

  void push_clip(const view::Rect& r) override;
  void push_no_clip() override;
  void pop_clip() override;
  view::Rect clip() const override;

  // The document, closed. The painter is done after it.
  std::string finish();

 private:
  void flush();
  bool culled(const view::Rect& bounds) const;
  void open_group();   // for the clip in force, when it differs from the open group's
  void num(float v);
  void pt(view::Vec2 p);
  void fill(view::Rgba c);
  void stroke(view::Rgba c, float width);
  void rounded_rect_path(const view::Rect& r, float rounding, view::Corners corners);
  void path_data(const view::Path& p, bool close);
  void escape(std::string_view s);

  const FontSet& fonts_;
  float scale_;
  std::string out_;
  std::vector<view::Rect> clips_;
  bool group_open_ = false;
  view::Rect group_clip_;
  std::map<std::tuple<float, float, float, float>, int> clip_ids_;
  std::vector<view::Vec2> pending_;
  view::Rgba pending_color_;
  float pending_width_ = 0;
  bool finished_ = false;
};

}  // namespace trioscope::exporting
