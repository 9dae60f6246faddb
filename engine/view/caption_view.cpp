#include "view/caption_view.hpp"

#include <algorithm>
#include <cmath>

#include "view/exc_text.hpp"
#include "view/shapes.hpp"

namespace trioscope::view {

ColorRole caption_accent(const trio::Trace* t, std::int32_t step) {
  using K = trio::EventKind;
  using R = ColorRole;
  if (!t || step < 0 || static_cast<std::size_t>(step) >= t->events.size()) return R::text_muted;
  const trio::Event& e = t->events[step];
  switch (e.kind) {
    case K::raised: case K::exception_to_nursery: case K::group_formed: case K::nursery_reraise: return R::exception;
    case K::task_finished: return e.exc >= 0 ? R::crashed : R::finished;
    case K::run_finished: return e.exc >= 0 ? R::crashed : R::finished;
    case K::scope_cancelled: case K::cancel_delivered: case K::scope_caught_cancelled: return R::cancellation;
    case K::handler_entered: return R::handling;
    case K::blocking_started: case K::blocking_ended: return R::blocking;
    case K::sleeping: case K::clock_jump: return R::sleeping;
    case K::print: return R::output;
    case K::deadlock: case K::budget_exhausted: return R::crashed;
    default: return R::running;
  }
}

std::string caption_status(const trio::Trace& t, std::int32_t step) {
  if (step < 0 || static_cast<std::size_t>(step) >= t.events.size())
    return "before the first step   \xC2\xB7   press Space to play, \xE2\x86\x90 \xE2\x86\x92 to step";
  const trio::Event& e = t.events[step];
  std::string s = "step " + thousands(static_cast<std::size_t>(step)) + " of " + thousands(t.events.size() - 1) +
                  "   \xC2\xB7   t = " + format_seconds(e.kind == trio::EventKind::clock_jump ? e.until : e.time) +
                  "   \xC2\xB7   " + trio::event_kind_name(e.kind);
  if (e.task >= 0) s += "   \xC2\xB7   " + task_label(t, e.task);
  return s;
}

CaptionLayout layout_caption(const Painter& p, const std::string& text, float width, float pad, bool compact,
                             bool status) {
  CaptionLayout l;
  const float ui = p.font_size(Font::ui);
  l.pad = pad;
  l.bar = std::max(4.0f, ui * 0.3f);
  const float wrap = width - 2 * pad - l.bar * 2;
  const Font big = compact ? Font::ui : Font::caption;
  const float room = static_cast<float>(compact ? kCompactCaptionLines : kCaptionLines) * p.font_size(big);
  // The caption font when the sentence fits, else the UI font, else shortened.
  for (const Font f : {big, Font::ui}) {
    l.font = f;
    const auto most = static_cast<std::size_t>(std::max(1.0f, std::floor(room / p.font_size(f) + 0.01f)));
    l.lines = wrap_text(p, f, text, wrap, most + 1);
    if (l.lines.size() <= most) break;
    l.lines.resize(most);
    l.shortened = true;
  }
  if (l.shortened) {
    TextLine& last = l.lines.back();
    // The rest of the sentence from the last line on, cut to the line with "…".
    l.last_line = fit_text(std::string_view(text).substr(last.begin), wrap,
                           [&](std::string_view t) { return p.text_width(l.font, t); });
  }
  l.status_h = compact || !status ? 0 : ui * 1.3f;
  l.height = room + l.status_h + 2 * pad;
  return l;
}

void paint_caption(Painter& p, const CaptionLayout& l, const Rect& r, const std::string& text, const std::string& status,
                   ColorRole accent, Theme theme) {
  const Palette& pal = palette(theme);
  p.fill_rect({r.x0 + 1, r.y0 + 1, r.x0 + 1 + l.bar, r.y0 + l.height - 1}, pal[accent], 3);
  // (Offsets are summed before they are added to the corner, as a window places its items.)
  const float x = r.x0 + (l.pad + l.bar);
  if (!l.shortened) {
    paint_lines(p, l.font, {x, r.y0 + l.pad}, pal[ColorRole::text], text, l.lines);
  } else {
    const std::vector<TextLine> whole(l.lines.begin(), l.lines.end() - 1);
    paint_lines(p, l.font, {x, r.y0 + l.pad}, pal[ColorRole::text], text, whole);
    p.text(l.font, {x, r.y0 + l.pad + static_cast<float>(whole.size()) * p.font_size(l.font)}, pal[ColorRole::text],
           l.last_line);
  }
  // The status row is shortened rather than run past the bar's edge.
  if (l.status_h > 0)
    p.text(Font::ui, {x, r.y0 + (l.height - l.pad - l.status_h + p.font_size(Font::ui) * 0.2f)}, pal[ColorRole::text_muted],
           fit_text(p, Font::ui, status, r.x1 - x - l.pad));
}

}  // namespace trioscope::view
