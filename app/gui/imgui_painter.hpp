// The screen's painter: view::Painter onto a Dear ImGui draw list, each primitive one
// ImDrawList call, with the app's fonts for the painter's font roles.
#pragma once

#include <array>
#include <vector>

#include <imgui.h>

#include "view/painter.hpp"

namespace trioscope::gui {

struct Fonts;

inline ImU32 to_u32(view::Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }
inline ImU32 to_u32(view::Rgba c, float alpha) { return to_u32(view::faded(c, alpha)); }
inline ImVec4 to_vec4(view::Rgba c, float alpha = 1.0f) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f * alpha);
}
inline ImVec2 to_im(view::Vec2 v) { return ImVec2(v.x, v.y); }
inline view::Vec2 to_view(ImVec2 v) { return {v.x, v.y}; }

class ImGuiPainter final : public view::Painter {
 public:
  ImGuiPainter(ImDrawList* dl, const Fonts& fonts);

  float font_size(view::Font f) const override;
  float text_width(view::Font f, std::string_view s, float size = 0) const override;
  void text(view::Font f, float size, view::Vec2 pos, view::Rgba c, std::string_view s) override;

  void fill_rect(const view::Rect& r, view::Rgba c, float rounding, view::Corners corners) override;
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

  ImDrawList* draw_list() const { return dl_; }
  ImFont* font(view::Font f) const { return fonts_[static_cast<int>(f)]; }

 private:
  void trace_path(const view::Path& p);

  ImDrawList* dl_;
  std::array<ImFont*, view::kFontCount> fonts_{};
  std::vector<ImVec2> scratch_;
};

}  // namespace trioscope::gui
