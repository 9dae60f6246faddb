// [SECTION] Syntax colours of a line
// [SECTION] Columns and what is lit
// [SECTION] Painting a row
#include "view/code_view.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/utf8.hpp"
#include "view/exc_text.hpp"

namespace trioscope::view {

// ---------------------------------------------------------------------------------------
// [SECTION] Syntax colours of a line
// ---------------------------------------------------------------------------------------

namespace {
bool is_keyword(std::string_view w) {
  static const char* kw[] = {"async", "await", "def", "with", "as", "try", "except", "finally", "else", "raise",
                             "for", "in", "return", "import", "from", "if", "not", "and", "or", "class", "pass",
                             "None", "True", "False", "lambda", "while"};
  for (const char* k : kw)
    if (w == k) return true;
  return false;
}
}  // namespace

std::vector<TokenSpan> tokenize_python_line(std::string_view line, bool in_string) {
  std::vector<TokenSpan> out;
  std::size_t i = 0;
  auto emit = [&](std::size_t a, std::size_t b, Token t) {
    if (b > a) out.push_back({a, b, t});
  };
  if (in_string) {
    // The rest of a docstring: up to its closing quotes.
    std::size_t end = std::min(line.find("\"\"\""), line.find("'''"));
    end = end == std::string_view::npos ? line.size() : end + 3;
    emit(0, end, Token::string);
    i = end;
  }
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') {
      emit(i, line.size(), Token::comment);
      break;
    }
    const bool prefix = (c == 'f' || c == 'r' || c == 'b') && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\'');
    if (c == '"' || c == '\'' || prefix) {
      std::size_t j = i + (prefix ? 1 : 0);
      const char q = line[j];
      const bool triple = line.substr(j, 3) == std::string(3, q);
      j += triple ? 3 : 1;
      while (j < line.size()) {
        if (line[j] == '\\') {
          j += 2;
          continue;
        }
        if (triple ? line.substr(j, 3) == std::string(3, q) : line[j] == q) {
          j += triple ? 3 : 1;
          break;
        }
        ++j;
      }
      j = std::min(j, line.size());
      emit(i, j, Token::string);
      i = j;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) ++j;
      emit(i, j, is_keyword(line.substr(i, j - i)) ? Token::keyword : Token::text);
      i = j;
      continue;
    }
    std::size_t j = i + 1;
    while (j < line.size() && !std::isalpha(static_cast<unsigned char>(line[j])) && line[j] != '_' && line[j] != '"' &&
           line[j] != '\'' && line[j] != '#')
      ++j;
    emit(i, j, Token::text);
    i = j;
  }
  return out;
}

std::vector<TokenSpan> tokenize_json_line(std::string_view line) {
  std::vector<TokenSpan> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '"') {
      std::size_t j = i + 1;
      while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, line.size());
      // A key is a string followed by ':'.
      std::size_t k = j;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      out.push_back({i, j, k < line.size() && line[k] == ':' ? Token::keyword : Token::string});
      i = j;
      continue;
    }
    std::size_t j = i + 1;
    while (j < line.size() && line[j] != '"') ++j;
    out.push_back({i, j, Token::text});
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Columns and what is lit
// ---------------------------------------------------------------------------------------

CodeGutter code_gutter(const Painter& p, std::size_t line_count) {
  CodeGutter g;
  g.char_w = p.text_width(Font::mono, "M");
  const int digits = std::max(3, static_cast<int>(std::to_string(line_count).size()));
  g.marker_x = 4;
  g.number_x = g.marker_x + 2.0f * g.char_w + digits * g.char_w;
  g.code_x = g.number_x + 1.5f * g.char_w;
  return g;
}

int code_columns(const CodeGutter& g, float width) {
  return std::max(8, static_cast<int>(std::floor((width - g.code_x - g.char_w * 0.5f) / g.char_w)));
}

float code_width(const Painter& p, std::string_view listing) {
  const ListingRows unwrapped = wrap_listing(listing, 0);
  const CodeGutter g = code_gutter(p, unwrapped.first_row.size());
  return g.code_x + (unwrapped.code_columns + 1) * g.char_w;
}

namespace {
bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// The line of the listing that calls trio.run (0: none).
std::uint32_t trio_run_line(std::string_view listing) {
  std::uint32_t line = 1, found = 0;
  for (std::size_t i = 0; i < listing.size(); ++i) {
    if (listing.compare(i, 9, "trio.run(") == 0 && (i == 0 || listing[i - 1] == ' ' || listing[i - 1] == '\n')) found = line;
    if (listing[i] == '\n') ++line;
  }
  return found;
}

// The line an event carries or implies, without looking at other steps.
std::uint32_t own_line(const trio::Trace& t, const Snapshot& s, const trio::Event& e, std::string_view listing) {
  using K = trio::EventKind;
  if (e.loc.line) return e.loc.line;
  if (e.kind == K::task_spawned && valid(s.running, s.tasks.size()) && s.tasks[s.running].line) return s.tasks[s.running].line;
  if ((e.kind == K::scope_cancelled || e.kind == K::scope_entered || e.kind == K::scope_exited ||
       e.kind == K::scope_caught_cancelled) && valid(e.scope, t.scopes.size()) && t.scopes[e.scope].loc.line)
    return t.scopes[e.scope].loc.line;
  if (valid(e.nursery, t.nurseries.size()) && t.nurseries[e.nursery].loc.line &&
      (e.kind == K::nursery_opened || e.kind == K::nursery_waiting || e.kind == K::group_formed ||
       e.kind == K::nursery_closed || e.kind == K::nursery_reraise))
    return t.nurseries[e.nursery].loc.line;
  if (e.kind == K::run_started || e.kind == K::run_finished || e.kind == K::deadlock || e.kind == K::budget_exhausted)
    return trio_run_line(listing);
  if (valid(e.task, s.tasks.size()) && s.tasks[e.task].line) return s.tasks[e.task].line;
  return 0;
}
}  // namespace

std::uint32_t step_line(const trio::Trace& t, const Snapshot& s, std::int32_t step, std::string_view listing) {
  if (!valid(step, t.events.size())) return 0;
  if (const std::uint32_t l = own_line(t, s, t.events[step], listing)) return l;
  // A clock jump (or a scheduler step): the statement that acts next...
  for (std::int32_t i = step + 1; i < static_cast<std::int32_t>(t.events.size()) && i <= step + 8; ++i)
    if (t.events[i].loc.line) return t.events[i].loc.line;
  // ... else the line the view was on.
  for (std::int32_t i = step - 1; i >= 0; --i)
    if (t.events[i].loc.line) return t.events[i].loc.line;
  return 0;
}

CodeLit code_lit(const trio::Trace& t, const Snapshot& s, std::int32_t step, std::size_t line_count,
                 std::string_view listing) {
  CodeLit lit;
  // The strong line: the statement of this step (for a spawn, the start_soon line).
  if (step >= 0 && static_cast<std::size_t>(step) < t.events.size()) {
    const trio::Event& e = t.events[step];
    lit.strong_task = e.kind == trio::EventKind::task_spawned ? s.running : e.task;
    lit.strong = step_line(t, s, step, listing);
    if (lit.strong > line_count) lit.strong = 0;
  }
  lit.at.resize(line_count + 1);
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    const TaskSnap& ts = s.tasks[i];
    if (is_alive(ts) && ts.line > 0 && ts.line <= line_count) lit.at[ts.line].push_back(static_cast<std::int32_t>(i));
  }
  return lit;
}

std::vector<std::int32_t> CodeLit::who(std::uint32_t line) const {
  std::vector<std::int32_t> out = line < at.size() ? at[line] : std::vector<std::int32_t>{};
  if (line == strong && strong_task >= 0 && std::find(out.begin(), out.end(), strong_task) == out.end())
    out.insert(out.begin(), strong_task);
  std::stable_partition(out.begin(), out.end(), [&](std::int32_t x) { return x == strong_task; });
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Painting a row
// ---------------------------------------------------------------------------------------

namespace {

// The text of line `n` (1-based) of the rows' text, without its '\n'.
std::string_view line_of(const CodeScene& s, std::uint32_t n) {
  const ListingRows& rows = *s.rows;
  const std::size_t nlines = rows.first_row.size();
  const std::size_t start = rows.line_start[n - 1];
  std::size_t end = n < nlines ? rows.line_start[n] - 1 : s.listing.size();
  if (end > start && s.listing[end - 1] == '\n') --end;
  if (end < start) end = start;
  return s.listing.substr(start, end - start);
}

const LineMark* mark_on(const EditOverlay* e, std::uint32_t line) {
  if (!e || !e->marks) return nullptr;
  const auto it = std::lower_bound(e->marks->begin(), e->marks->end(), line,
                                   [](const LineMark& m, std::uint32_t l) { return m.line < l; });
  if (it == e->marks->end() || it->line != line) return nullptr;
  // An error's mark before a warning's on the same line.
  for (auto j = it; j != e->marks->end() && j->line == line; ++j)
    if (!j->warning) return &*j;
  return &*it;
}

}  // namespace

std::size_t code_row_of(const ListingRows& rows, std::size_t offset) {
  if (rows.rows.empty()) return 0;
  const auto it = std::upper_bound(rows.rows.begin(), rows.rows.end(), offset,
                                   [](std::size_t o, const ListingRow& r) { return o < r.begin; });
  return it == rows.rows.begin() ? 0 : static_cast<std::size_t>(it - rows.rows.begin()) - 1;
}

float code_x_of(const Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, std::size_t offset) {
  const ListingRow& row = s.rows->rows[i];
  const std::size_t o = std::clamp<std::size_t>(offset, row.begin, row.end);
  return g.code_x + row.indent * g.char_w + p.text_width(Font::mono, s.listing.substr(row.begin, o - row.begin));
}

std::size_t code_offset_at(const Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, float x) {
  const ListingRow& row = s.rows->rows[i];
  float at = g.code_x + row.indent * g.char_w;
  std::size_t o = row.begin;
  while (o < row.end) {
    const std::size_t next = trio::utf8::next(s.listing, o);
    const float w = p.text_width(Font::mono, s.listing.substr(o, next - o));
    if (x < at + w * 0.5f) break;
    at += w;
    o = next;
  }
  return o;
}

float paint_code_row(Painter& p, const CodeScene& s, const CodeGutter& g, std::size_t i, Vec2 a, float full_w,
                     float lh, float visible_right, RowTokens& tokens) {
  const Palette& pal = palette(s.theme);
  const ListingRows& rows = *s.rows;
  const ListingRow& row = rows.rows[i];
  const std::uint32_t n = row.line;
  const std::string_view line = line_of(s, n);
  const std::size_t line_start = rows.line_start[n - 1];
  const float size = p.font_size(Font::mono);
  const Rgba text = pal[ColorRole::text];
  const Rgba muted = pal[ColorRole::text_muted];
  const Rgba colours[] = {text, pal[ColorRole::runnable], pal[ColorRole::running], muted};
  const EditOverlay* ed = s.edit;

  const bool is_strong = s.lit && n == s.lit->strong;
  static const std::vector<std::int32_t> nobody;
  const auto& here = s.lit && n < s.lit->at.size() ? s.lit->at[n] : nobody;
  if (is_strong || !here.empty()) {
    // Strong: the running colour; faint: a pale tint of the state of who is there.
    const ColorRole role = is_strong ? ColorRole::running : color_role(display_state(*s.snapshot, here.front()));
    const Rgba fill = is_strong ? faded(pal[role], 0.28f) : faded(pal.tint(role), 0.8f);
    p.fill_rect({a.x, a.y, a.x + full_w, a.y + lh}, fill);
    if (is_strong) p.fill_rect({a.x, a.y, a.x + 3, a.y + lh}, pal[role]);
  } else if (ed && n == ed->cursor_line) {
    p.fill_rect({a.x, a.y, a.x + full_w, a.y + lh}, faded(pal[ColorRole::text_muted], 0.08f));
  }
  const float text_y0 = a.y, text_y1 = a.y + lh;
  if (ed) {
    // Find's matches, then the selection, behind the text.
    auto span = [&](std::size_t b, std::size_t e, Rgba c) {
      if (e <= row.begin || b >= row.end + (row.end == row.begin ? 1 : 0)) return;
      const float x0 = a.x + code_x_of(p, s, g, i, std::max<std::size_t>(b, row.begin));
      float x1 = a.x + code_x_of(p, s, g, i, std::min<std::size_t>(e, row.end));
      // A selection that runs on past the line's end shows its line break.
      if (e > row.end && i + 1 < rows.rows.size() && rows.rows[i + 1].line != n) x1 += g.char_w * 0.6f;
      if (x1 > x0) p.fill_rect({x0, text_y0, x1, text_y1}, c);
    };
    if (ed->found)
      for (const auto& [fb, fe] : *ed->found) {
        if (fb > row.end) break;
        span(fb, fe, faded(pal[ColorRole::sleeping], 0.35f));
      }
    if (ed->sel_end > ed->sel_begin) span(ed->sel_begin, ed->sel_end, faded(pal[ColorRole::runnable], 0.35f));
  }
  const std::vector<std::int32_t> who = (is_strong || !here.empty()) ? s.lit->who(n) : std::vector<std::int32_t>{};
  const LineMark* mark = row.continuation ? nullptr : mark_on(ed, n);
  if (!row.continuation) {
    if (mark) {
      // A problem on this line: its mark in the gutter (a shape, not only a colour).
      const Rgba c = mark->warning ? pal[ColorRole::cancellation] : pal[ColorRole::exception];
      p.text(Font::mono, size, {a.x + g.marker_x, a.y}, c, mark->warning ? "\xE2\x96\xB2" : "\xE2\x9C\x97");  // ▲ ✗
    } else if (!who.empty()) {
      // Who is here: the first one's state icon in the marker column.
      const DisplayState st = display_state(*s.snapshot, who.front());
      const Rgba c = is_strong ? pal[ColorRole::running] : pal[color_role(st)];
      p.text(Font::mono, size, {a.x + g.marker_x, a.y}, c, state_icon(is_strong ? DisplayState::running : st));
      if (who.size() > 1) p.text(Font::mono, size * 0.7f, {a.x + g.marker_x + g.char_w, a.y}, muted, "+");
    }
    char num[16];
    std::snprintf(num, sizeof num, "%u", n);
    const float nw = p.text_width(Font::mono, num, size);
    p.text(Font::mono, size, {a.x + g.number_x - nw, a.y}, ed && n == ed->cursor_line ? text : muted, num);
  } else {
    const char* cont = "\xE2\x86\xAA";  // ↪
    const float cw = p.text_width(Font::mono, cont, size);
    p.text(Font::mono, size, {a.x + g.number_x - cw, a.y}, muted, cont);
  }
  // The row's part of the line, in the colours of the whole line.
  if (tokens.line != n) {
    tokens.spans = s.json ? tokenize_json_line(line) : tokenize_python_line(line, row.in_docstring);
    tokens.line = n;
  }
  const std::size_t r0 = row.begin - line_start, r1 = row.end - line_start;
  float x = a.x + g.code_x + row.indent * g.char_w;
  for (const TokenSpan& sp : tokens.spans) {
    const std::size_t b = std::max(sp.begin, r0), e = std::min(sp.end, r1);
    if (b >= e) continue;
    const std::string_view piece = line.substr(b, e - b);
    p.text(Font::mono, size, {x, a.y}, colours[static_cast<int>(sp.token)], piece);
    x += p.text_width(Font::mono, piece, size);
  }
  // Trailing spaces at a wrap are not drawn, so they do not count as overflow.
  float overflow = -1e9f;
  const std::string_view shown = line.substr(r0, r1 - r0);
  const std::size_t last = shown.find_last_not_of(' ');
  if (last != std::string_view::npos) {
    const float end_x = a.x + g.code_x + row.indent * g.char_w + p.text_width(Font::mono, shown.substr(0, last + 1), size);
    overflow = end_x - visible_right;
  }
  // The names follow the code on the line's last row, when they fit.
  const bool last_row = i + 1 >= rows.rows.size() || rows.rows[i + 1].line != n;
  if (last_row && !who.empty()) {
    std::string tag = "\xE2\x97\x80 ";  // ◀
    for (std::size_t k = 0; k < who.size() && k < 2; ++k) tag += (k ? ", " : "") + task_label(*s.trace, who[k]);
    if (who.size() > 2) tag += " and " + std::to_string(who.size() - 2) + " more";
    const float tag_w = p.text_width(Font::mono, tag, size);
    const float tx = x + g.char_w * 1.5f;
    if (tx + tag_w <= visible_right) p.text(Font::mono, size, {tx, a.y}, is_strong ? pal[ColorRole::running] : muted, tag);
  }
  if (ed) {
    // The problems' places underlined, from their column to the end of the line's text.
    if (ed->marks) {
      for (auto it = std::lower_bound(ed->marks->begin(), ed->marks->end(), n,
                                      [](const LineMark& m, std::uint32_t l) { return m.line < l; });
           it != ed->marks->end() && it->line == n; ++it) {
        std::size_t from = line_start;
        for (std::uint32_t c = 1; c < it->column && from < line_start + line.size(); ++c) from = trio::utf8::next(s.listing, from);
        std::size_t to = line_start + line.size();
        if (to == from) to = from;  // at the line's end: a short mark after it
        if (from > row.end || to < row.begin) continue;
        const float ux0 = a.x + code_x_of(p, s, g, i, std::max<std::size_t>(from, row.begin));
        const float ux1 = std::max(ux0 + g.char_w, a.x + code_x_of(p, s, g, i, std::min<std::size_t>(to, row.end)));
        const Rgba c = it->warning ? pal[ColorRole::cancellation] : pal[ColorRole::exception];
        const float uy = a.y + lh - std::max(1.5f, lh * 0.1f);
        // A zigzag, as editors mark a problem.
        const float step = std::max(2.0f, g.char_w * 0.35f);
        for (float ux = ux0; ux < ux1; ux += step)
          p.line({ux, uy + (static_cast<int>((ux - ux0) / step) % 2 ? -step * 0.5f : 0)},
                 {std::min(ux + step, ux1), uy + (static_cast<int>((ux - ux0) / step) % 2 ? 0 : -step * 0.5f)}, c, 1.5f);
      }
    }
    if (ed->show_cursor && code_row_of(rows, ed->cursor) == i) {
      const float cx = a.x + code_x_of(p, s, g, i, ed->cursor);
      p.fill_rect({cx - 1, a.y + 1, cx + 1, a.y + lh - 1}, text);
    }
  }
  return overflow;
}

float code_scroll_to(float y, float top, float h, float lh) {
  if (y < top + lh || y > top + h - 2 * lh) return std::max(0.0f, y - h * 0.35f);
  return top;
}

}  // namespace trioscope::view
