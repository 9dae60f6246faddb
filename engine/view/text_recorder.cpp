#include "view/text_recorder.hpp"

#include <algorithm>

namespace trioscope::view {

void TextRecorder::text(Font f, float size, Vec2 pos, Rgba c, std::string_view s) {
  base_.text(f, size, pos, c, s);
  if (!out_ || out_->size() >= max_ || s.empty() || c.a == 0) return;
  const float sz = size > 0 ? size : base_.font_size(f);
  const Rect box{pos.x, pos.y, pos.x + base_.text_width(f, s, sz), pos.y + sz};
  const Rect c0 = base_.clip();
  const Rect seen{std::max(box.x0, c0.x0), std::max(box.y0, c0.y0), std::min(box.x1, c0.x1), std::min(box.y1, c0.y1)};
  if (seen.x1 <= seen.x0 || seen.y1 <= seen.y0) return;
  out_->push_back({seen, std::string(s)});
}

std::optional<std::pair<PaintedText, PaintedText>> first_overlap(const std::vector<PaintedText>& texts, float slack) {
  std::vector<std::size_t> order(texts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return texts[a].rect.x0 < texts[b].rect.x0; });
  // A sweep along x: only texts that start before this one ends can overlap it.
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Rect& a = texts[order[i]].rect;
    for (std::size_t j = i + 1; j < order.size() && texts[order[j]].rect.x0 < a.x1 - slack; ++j) {
      const Rect& b = texts[order[j]].rect;
      const float w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
      const float h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      if (w > slack && h > slack) return std::make_pair(texts[order[i]], texts[order[j]]);
    }
  }
  return std::nullopt;
}

}  // namespace trioscope::view
