#include "view/output_view.hpp"

#include <algorithm>

#include "view/exc_text.hpp"
#include "view/run_stop.hpp"

namespace trioscope::view {

std::string output_ending(const trio::Trace& t, const Snapshot& s) {
  switch (s.run) {
    case RunStatus::raised: return "\xE2\x9C\x97 trio.run raised " + describe_exc(t, s.run_exc);  // ✗
    case RunStatus::deadlock: return "\xE2\x9C\x97 deadlock: the run can never finish";
    case RunStatus::budget_exhausted: {
      // The run's last event is the stop; its flag names the limit.
      const trio::Limit l = t.events.empty() ? trio::Limit::events : stopping_limit(t.events.back());
      return "\xE2\x9C\x97 stopped: the run reached its " + std::string(trio::limit_name(l));
    }
    default: return {};
  }
}

OutputLayout layout_output(const Painter& p, const trio::Trace& t, const Playback& pb, const Snapshot& s,
                           std::int32_t step, float width, float height, float spacing) {
  OutputLayout l;
  l.line_h = p.font_size(Font::mono);
  l.spacing = spacing;
  const std::int32_t n = pb.prints_until(step);
  const std::string ending = output_ending(t, s);
  l.total = n + (ending.empty() ? 0 : 1);
  // Newest first, while they fit (each takes a row at least); then put back in order.
  const float space_w = p.text_width(Font::mono, " ");
  const std::size_t most = static_cast<std::size_t>(std::max(1.0f, height / (l.line_h + spacing)) + 1);
  std::vector<OutputEntry> newest;
  if (!ending.empty()) newest.push_back({-1, {}, ending, false});
  for (std::int32_t i = n - 1; i >= 0 && newest.size() < most; --i) {
    const std::int32_t ev = pb.prints()[i];
    const trio::Event& e = t.events[ev];
    newest.push_back({ev, "[" + format_seconds(e.time) + "]", std::string(t.text(e)), ev == step});
  }
  l.entries.assign(newest.rbegin(), newest.rend());
  for (const OutputEntry& e : l.entries)
    if (!e.time.empty()) l.time_w = std::max(l.time_w, p.text_width(Font::mono, e.time) + space_w);
  for (const OutputEntry& e : l.entries) {
    const float indent = e.event >= 0 ? l.time_w : 0;
    l.lines.push_back(wrap_text(p, Font::mono, e.text, std::max(l.line_h, width - indent)));
    l.height += static_cast<float>(l.lines.back().size()) * l.line_h + spacing;
  }
  return l;
}

void paint_output(Painter& p, const OutputLayout& l, const Rect& area, Theme theme) {
  const Palette& pal = palette(theme);
  float y = area.y0 + std::min(0.0f, area.h() - l.height);
  for (std::size_t i = 0; i < l.entries.size(); ++i) {
    const OutputEntry& e = l.entries[i];
    const float h = static_cast<float>(l.lines[i].size()) * l.line_h;
    if (y + h >= area.y0) {
      if (e.event < 0) {
        paint_lines(p, Font::mono, {area.x0, y}, pal[ColorRole::crashed], e.text, l.lines[i]);
      } else {
        if (e.current) {
          // The line of this step: a tint across, and a bar in the output colour at its left.
          p.fill_rect({area.x0 - 4, y, area.x1, y + h}, pal.tint(ColorRole::output));
          p.fill_rect({area.x0 - 4, y, area.x0 - 1, y + h}, pal[ColorRole::output]);
        }
        p.text(Font::mono, {area.x0, y}, pal[ColorRole::text_muted], e.time);
        paint_lines(p, Font::mono, {area.x0 + l.time_w, y}, pal[ColorRole::text], e.text, l.lines[i]);
      }
    }
    y += h + l.spacing;
  }
}

}  // namespace trioscope::view
