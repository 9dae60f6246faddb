#include "gui/imgui_painter.hpp"

#include "gui/fonts.hpp"
#include "view/text_cap.hpp"

namespace trioscope::gui {

ImGuiPainter::ImGuiPainter(ImDrawList* dl, const Fonts& f) : dl_(dl) {
  using view::Font;
  auto set = [&](Font role, ImFont* font) { fonts_[static_cast<int>(role)] = font ? font : ImGui::GetFont(); };
  set(Font::ui, f.ui);
  set(Font::bold, f.bold);
  set(Font::mono, f.mono);
  set(Font::caption, f.caption);
  set(Font::tree, f.tree);
  set(Font::tree_bold, f.tree_bold);
}

float ImGuiPainter::font_size(view::Font f) const { return font(f)->FontSize; }

float ImGuiPainter::text_width(view::Font f, std::string_view s, float size) const {
  ImFont* font = this->font(f);
  return font->CalcTextSizeA(size > 0 ? size : font->FontSize, 1e9f, 0, s.data(), s.data() + s.size()).x;
}

void ImGuiPainter::text(view::Font f, float size, view::Vec2 pos, view::Rgba c, std::string_view s) {
  ImFont* font = this->font(f);
  // One draw call's vertices are indexed in 16 bits: a text of more glyphs than that would
  // abort, and no screen shows more than the first few thousand of one line anyway.
  s = view::shown_part(s);
  dl_->AddText(font, size > 0 ? size : font->FontSize, to_im(pos), to_u32(c), s.data(), s.data() + s.size());
}

void ImGuiPainter::fill_rect(const view::Rect& r, view::Rgba c, float rounding, view::Corners corners) {
  ImDrawFlags flags = 0;
  switch (corners) {
    case view::Corners::all: break;
    case view::Corners::left: flags = ImDrawFlags_RoundCornersLeft; break;
    case view::Corners::right: flags = ImDrawFlags_RoundCornersRight; break;
    case view::Corners::top: flags = ImDrawFlags_RoundCornersTop; break;
    case view::Corners::bottom: flags = ImDrawFlags_RoundCornersBottom; break;
  }
  dl_->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), to_u32(c), rounding, flags);
}

void ImGuiPainter::stroke_rect(const view::Rect& r, view::Rgba c, float rounding, float thickness) {
  dl_->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), to_u32(c), rounding, 0, thickness);
}

void ImGuiPainter::line(view::Vec2 a, view::Vec2 b, view::Rgba c, float thickness) {
  dl_->AddLine(to_im(a), to_im(b), to_u32(c), thickness);
}

void ImGuiPainter::fill_triangle(view::Vec2 a, view::Vec2 b, view::Vec2 c, view::Rgba col) {
  dl_->AddTriangleFilled(to_im(a), to_im(b), to_im(c), to_u32(col));
}

void ImGuiPainter::fill_convex(std::span<const view::Vec2> points, view::Rgba c) {
  scratch_.assign(points.size(), ImVec2());
  for (std::size_t i = 0; i < points.size(); ++i) scratch_[i] = to_im(points[i]);
  dl_->AddConvexPolyFilled(scratch_.data(), static_cast<int>(scratch_.size()), to_u32(c));
}

void ImGuiPainter::stroke_polyline(std::span<const view::Vec2> points, view::Rgba c, float thickness, bool closed) {
  scratch_.assign(points.size(), ImVec2());
  for (std::size_t i = 0; i < points.size(); ++i) scratch_[i] = to_im(points[i]);
  dl_->AddPolyline(scratch_.data(), static_cast<int>(scratch_.size()), to_u32(c), closed ? ImDrawFlags_Closed : 0,
                   thickness);
}

void ImGuiPainter::fill_circle(view::Vec2 centre, float r, view::Rgba c, int segments) {
  dl_->AddCircleFilled(to_im(centre), r, to_u32(c), segments);
}

void ImGuiPainter::stroke_circle(view::Vec2 centre, float r, view::Rgba c, float thickness, int segments) {
  dl_->AddCircle(to_im(centre), r, to_u32(c), segments, thickness);
}

void ImGuiPainter::trace_path(const view::Path& p) {
  dl_->PathLineTo(to_im(p.start));
  for (const auto& s : p.segments) {
    if (s.cubic) dl_->PathBezierCubicCurveTo(to_im(s.c1), to_im(s.c2), to_im(s.to));
    else dl_->PathLineTo(to_im(s.to));
  }
}

void ImGuiPainter::fill_path(const view::Path& p, view::Rgba c) {
  trace_path(p);
  dl_->PathFillConvex(to_u32(c));
}

void ImGuiPainter::stroke_path(const view::Path& p, view::Rgba c, float thickness, bool closed) {
  trace_path(p);
  dl_->PathStroke(to_u32(c), closed ? ImDrawFlags_Closed : 0, thickness);
}

void ImGuiPainter::push_clip(const view::Rect& r) {
  dl_->PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), /*intersect_with_current_clip_rect=*/true);
}

void ImGuiPainter::push_no_clip() { dl_->PushClipRectFullScreen(); }

void ImGuiPainter::pop_clip() { dl_->PopClipRect(); }

view::Rect ImGuiPainter::clip() const {
  const ImVec2 a = dl_->GetClipRectMin(), b = dl_->GetClipRectMax();
  return {a.x, a.y, b.x, b.y};
}

}  // namespace trioscope::gui
