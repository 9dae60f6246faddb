// [SECTION] The document and its attributes
// [SECTION] Clips as groups
// [SECTION] Text
// [SECTION] Shapes
// [SECTION] Clipping
#include "export/svg_painter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "view/surface_style.hpp"

namespace trioscope::exporting {

using view::Rect;
using view::Rgba;
using view::Vec2;

namespace {
constexpr Rect kAll{-1e9f, -1e9f, 1e9f, 1e9f};
constexpr const char* kSans = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, sans-serif";
constexpr const char* kMono = "'DejaVu Sans Mono', 'Bitstream Vera Sans Mono', Menlo, Consolas, monospace";
}  // namespace

SvgPainter::SvgPainter(const FontSet& fonts, float scale, float width, float height, float out_width,
                       float out_height, std::string_view title, std::string_view description)
    : fonts_(fonts), scale_(scale) {
  out_.reserve(1 << 16);
  out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"";
  num(out_width);
  out_ += "\" height=\"";
  num(out_height);
  out_ += "\" viewBox=\"0 0 ";
  num(width);
  out_ += ' ';
  num(height);
  out_ += "\" xml:space=\"preserve\" font-family=\"";
  out_ += kSans;
  out_ += "\">\n<title>";
  escape(title);
  out_ += "</title>\n";
  if (!description.empty()) {
    out_ += "<desc>";
    escape(description);
    out_ += "</desc>\n";
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] The document and its attributes
// ---------------------------------------------------------------------------------------

void SvgPainter::num(float v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(std::round(v * 100) / 100), std::chars_format::fixed, 2);
  char* end = r.ptr;
  while (end > buf && end[-1] == '0') --end;
  if (end > buf && end[-1] == '.') --end;
  if (end - buf == 2 && buf[0] == '-' && buf[1] == '0') {  // "-0"
    out_ += '0';
    return;
  }
  out_.append(buf, end);
}

void SvgPainter::pt(Vec2 p) {
  num(p.x);
  out_ += ',';
  num(p.y);
}

void SvgPainter::fill(Rgba c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  out_ += " fill=\"";
  out_ += buf;
  out_ += '"';
  if (c.a < 255) {
    out_ += " fill-opacity=\"";
    num(c.a / 255.0f);
    out_ += '"';
  }
}

void SvgPainter::stroke(Rgba c, float width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  out_ += " fill=\"none\" stroke=\"";
  out_ += buf;
  out_ += "\" stroke-width=\"";
  num(width);
  out_ += '"';
  if (c.a < 255) {
    out_ += " stroke-opacity=\"";
    num(c.a / 255.0f);
    out_ += '"';
  }
}

void SvgPainter::escape(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out_ += "&amp;"; break;
      case '<': out_ += "&lt;"; break;
      case '>': out_ += "&gt;"; break;
      case '"': out_ += "&quot;"; break;
      case '\'': out_ += "&apos;"; break;
      default:
        // XML 1.0 allows no control characters but tab, newline and return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out_ += ' ';
        else out_ += c;
    }
  }
}

void SvgPainter::flush() {
  if (pending_.size() < 2) {
    pending_.clear();
    return;
  }
  open_group();
  if (pending_.size() == 2) {
    out_ += "<line x1=\"";
    num(pending_[0].x);
    out_ += "\" y1=\"";
    num(pending_[0].y);
    out_ += "\" x2=\"";
    num(pending_[1].x);
    out_ += "\" y2=\"";
    num(pending_[1].y);
    out_ += '"';
  } else {
    out_ += "<polyline points=\"";
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (i) out_ += ' ';
      pt(pending_[i]);
    }
    out_ += "\" stroke-linejoin=\"round\"";
  }
  stroke(pending_color_, pending_width_);
  out_ += "/>\n";
  pending_.clear();
}

// ---------------------------------------------------------------------------------------
// [SECTION] Clips as groups
// ---------------------------------------------------------------------------------------

// A group per clip in force: the clip stack flattened, so that leaving all clips (text
// drawn outside its panel) needs no way out of nested groups.
void SvgPainter::open_group() {
  const Rect c = clip();
  if (group_open_ && c == group_clip_) return;
  if (group_open_) out_ += "</g>\n";
  group_open_ = false;
  if (c == kAll) return;
  const auto key = std::make_tuple(c.x0, c.y0, c.x1, c.y1);
  auto it = clip_ids_.find(key);
  if (it == clip_ids_.end()) {
    const int id = static_cast<int>(clip_ids_.size());
    it = clip_ids_.emplace(key, id).first;
    out_ += "<clipPath id=\"c" + std::to_string(id) + "\"><rect x=\"";
    num(c.x0);
    out_ += "\" y=\"";
    num(c.y0);
    out_ += "\" width=\"";
    num(std::max(0.0f, c.w()));
    out_ += "\" height=\"";
    num(std::max(0.0f, c.h()));
    out_ += "\"/></clipPath>\n";
  }
  out_ += "<g clip-path=\"url(#c" + std::to_string(it->second) + ")\">\n";
  group_open_ = true;
  group_clip_ = c;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Text
// ---------------------------------------------------------------------------------------

// Whatever lies wholly outside the clip in force is left out of the file.
bool SvgPainter::culled(const Rect& bounds) const { return !bounds.overlaps(clip()); }


float SvgPainter::font_size(view::Font f) const { return view::font_pixels(f, scale_); }

float SvgPainter::text_width(view::Font f, std::string_view s, float size) const {
  return fonts_.width(face_of(f), s, size > 0 ? size : font_size(f));
}

void SvgPainter::text(view::Font f, float size, Vec2 pos, Rgba c, std::string_view s) {
  if (s.empty() || c.a == 0) return;
  std::size_t first = s.find_first_not_of(' ');
  if (first == std::string_view::npos) return;
  const float px = size > 0 ? size : font_size(f);
  const Face face = face_of(f);
  if (culled({pos.x, pos.y, pos.x + fonts_.width(face, s, px), pos.y + px})) return;
  flush();
  open_group();
  // Leading spaces become an offset (a reader may collapse them).
  const float x = pos.x + fonts_.width(face, s.substr(0, first), px);
  s.remove_prefix(first);
  out_ += "<text x=\"";
  num(x);
  out_ += "\" y=\"";
  num(pos.y + fonts_.baseline(face, px));
  out_ += "\" font-size=\"";
  num(fonts_.em(face, px));
  out_ += '"';
  if (face == Face::mono) {
    out_ += " font-family=\"";
    out_ += kMono;
    out_ += '"';
  }
  if (face_is_bold(face)) out_ += " font-weight=\"bold\"";
  fill(c);
  out_ += '>';
  escape(s);
  out_ += "</text>\n";
}

// ---------------------------------------------------------------------------------------
// [SECTION] Shapes
// ---------------------------------------------------------------------------------------

void SvgPainter::rounded_rect_path(const Rect& r, float rounding, view::Corners corners) {
  using view::Corners;
  const float rad = std::max(0.0f, std::min({rounding, r.w() * 0.5f, r.h() * 0.5f}));
  const bool tl = corners == Corners::all || corners == Corners::left || corners == Corners::top;
  const bool tr = corners == Corners::all || corners == Corners::right || corners == Corners::top;
  const bool br = corners == Corners::all || corners == Corners::right || corners == Corners::bottom;
  const bool bl = corners == Corners::all || corners == Corners::left || corners == Corners::bottom;
  const float a = tl ? rad : 0, b = tr ? rad : 0, c = br ? rad : 0, d = bl ? rad : 0;
  auto arc = [&](float radius, Vec2 to) {
    out_ += " A";
    num(radius);
    out_ += ' ';
    num(radius);
    out_ += " 0 0 1 ";
    pt(to);
  };
  out_ += "<path d=\"M";
  pt({r.x0 + a, r.y0});
  out_ += " L";
  pt({r.x1 - b, r.y0});
  if (b > 0) arc(b, {r.x1, r.y0 + b});
  out_ += " L";
  pt({r.x1, r.y1 - c});
  if (c > 0) arc(c, {r.x1 - c, r.y1});
  out_ += " L";
  pt({r.x0 + d, r.y1});
  if (d > 0) arc(d, {r.x0, r.y1 - d});
  out_ += " L";
  pt({r.x0, r.y0 + a});
  if (a > 0) arc(a, {r.x0 + a, r.y0});
  out_ += "Z\"";
}

void SvgPainter::fill_rect(const Rect& r, Rgba c, float rounding, view::Corners corners) {
  if (c.a == 0 || r.w() <= 0 || r.h() <= 0 || culled(r)) return;
  flush();
  open_group();
  const float rad = std::max(0.0f, std::min({rounding, r.w() * 0.5f, r.h() * 0.5f}));
  if (rad >= 0.5f && corners != view::Corners::all) {
    rounded_rect_path(r, rad, corners);
  } else {
    out_ += "<rect x=\"";
    num(r.x0);
    out_ += "\" y=\"";
    num(r.y0);
    out_ += "\" width=\"";
    num(r.w());
    out_ += "\" height=\"";
    num(r.h());
    out_ += '"';
    if (rad >= 0.5f) {
      out_ += " rx=\"";
      num(rad);
      out_ += '"';
    }
  }
  fill(c);
  out_ += "/>\n";
}

void SvgPainter::stroke_rect(const Rect& r0, Rgba c, float rounding, float thickness) {
  if (c.a == 0 || culled({r0.x0 - thickness, r0.y0 - thickness, r0.x1 + thickness, r0.y1 + thickness})) return;
  flush();
  open_group();
  const Rect r{r0.x0 + 0.5f, r0.y0 + 0.5f, r0.x1 - 0.5f, r0.y1 - 0.5f};  // as the screen strokes it
  const float rad = std::max(0.0f, std::min({rounding, r.w() * 0.5f, r.h() * 0.5f}));
  out_ += "<rect x=\"";
  num(r.x0);
  out_ += "\" y=\"";
  num(r.y0);
  out_ += "\" width=\"";
  num(std::max(0.0f, r.w()));
  out_ += "\" height=\"";
  num(std::max(0.0f, r.h()));
  out_ += '"';
  if (rad >= 0.5f) {
    out_ += " rx=\"";
    num(rad);
    out_ += '"';
  }
  stroke(c, thickness);
  out_ += "/>\n";
}

void SvgPainter::line(Vec2 a, Vec2 b, Rgba c, float thickness) {
  if (c.a == 0) return;
  a = {a.x + 0.5f, a.y + 0.5f};
  b = {b.x + 0.5f, b.y + 0.5f};
  if (!pending_.empty() && pending_.back() == a && pending_color_ == c && pending_width_ == thickness) {
    pending_.push_back(b);
    return;
  }
  flush();
  pending_ = {a, b};
  pending_color_ = c;
  pending_width_ = thickness;
}

void SvgPainter::fill_triangle(Vec2 a, Vec2 b, Vec2 c, Rgba col) {
  const Vec2 pts[3] = {a, b, c};
  fill_convex(pts, col);
}

void SvgPainter::fill_convex(std::span<const Vec2> points, Rgba c) {
  if (points.size() < 3 || c.a == 0) return;
  flush();
  open_group();
  out_ += "<polygon points=\"";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) out_ += ' ';
    pt(points[i]);
  }
  out_ += '"';
  fill(c);
  out_ += "/>\n";
}

void SvgPainter::stroke_polyline(std::span<const Vec2> points, Rgba c, float thickness, bool closed) {
  if (points.size() < 2 || c.a == 0) return;
  flush();
  open_group();
  out_ += closed ? "<polygon points=\"" : "<polyline points=\"";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) out_ += ' ';
    pt(points[i]);
  }
  out_ += '"';
  stroke(c, thickness);
  out_ += "/>\n";
}

void SvgPainter::fill_circle(Vec2 o, float r, Rgba c, int) {
  if (c.a == 0 || r <= 0 || culled({o.x - r, o.y - r, o.x + r, o.y + r})) return;
  flush();
  open_group();
  out_ += "<circle cx=\"";
  num(o.x);
  out_ += "\" cy=\"";
  num(o.y);
  out_ += "\" r=\"";
  num(r);
  out_ += '"';
  fill(c);
  out_ += "/>\n";
}

void SvgPainter::stroke_circle(Vec2 o, float r, Rgba c, float thickness, int) {
  if (c.a == 0 || r <= 0) return;
  flush();
  open_group();
  out_ += "<circle cx=\"";
  num(o.x);
  out_ += "\" cy=\"";
  num(o.y);
  out_ += "\" r=\"";
  num(r);
  out_ += '"';
  stroke(c, thickness);
  out_ += "/>\n";
}

void SvgPainter::path_data(const view::Path& p, bool close) {
  out_ += "<path d=\"M";
  pt(p.start);
  for (const auto& s : p.segments) {
    if (s.cubic) {
      out_ += " C";
      pt(s.c1);
      out_ += ' ';
      pt(s.c2);
      out_ += ' ';
      pt(s.to);
    } else {
      out_ += " L";
      pt(s.to);
    }
  }
  if (close) out_ += 'Z';
  out_ += '"';
}

void SvgPainter::fill_path(const view::Path& p, Rgba c) {
  if (c.a == 0) return;
  flush();
  open_group();
  path_data(p, true);
  fill(c);
  out_ += "/>\n";
}

void SvgPainter::stroke_path(const view::Path& p, Rgba c, float thickness, bool closed) {
  if (c.a == 0) return;
  flush();
  open_group();
  path_data(p, closed);
  stroke(c, thickness);
  out_ += " stroke-linejoin=\"round\"/>\n";
}

// ---------------------------------------------------------------------------------------
// [SECTION] Clipping
// ---------------------------------------------------------------------------------------

void SvgPainter::push_clip(const Rect& r) {
  flush();
  const Rect c = clip();
  Rect e{std::max(c.x0, r.x0), std::max(c.y0, r.y0), std::min(c.x1, r.x1), std::min(c.y1, r.y1)};
  if (e.x1 < e.x0) e.x1 = e.x0;
  if (e.y1 < e.y0) e.y1 = e.y0;
  clips_.push_back(e);
}

void SvgPainter::push_no_clip() {
  flush();
  clips_.push_back(kAll);
}

void SvgPainter::pop_clip() {
  flush();
  if (!clips_.empty()) clips_.pop_back();
}

Rect SvgPainter::clip() const { return clips_.empty() ? kAll : clips_.back(); }

std::string SvgPainter::finish() {
  if (finished_) return out_;
  flush();
  if (group_open_) out_ += "</g>\n";
  group_open_ = false;
  out_ += "</svg>\n";
  finished_ = true;
  return std::move(out_);
}

}  // namespace trioscope::exporting
