// Code: the scenario as Trio Python, with each task's current line lit: the line of this
// step strongly (the task that just ran), the lines other live tasks are at faintly.
//
// Long lines wrap at the panel's width (view::wrap_listing), continuation rows indented
// under their statement and marked ↪ in the gutter, so nothing hides past the edge and a
// class never scrolls sideways. Who is on a line is a state icon in its own column left
// of the line numbers, so that it never covers code; the names follow the code when they
// fit, and the icon's tooltip has them all.
//
//   ▶   22 │         async with trio.open_nursery() as nursery:   ◀ main
//   ☾   11 │     await trio.sleep(sleep_time)
//        ↪ │         ...
//
// [SECTION] Syntax colours of a line
// [SECTION] Columns and wrapped rows
// [SECTION] The panel
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] Syntax colours of a line
// ---------------------------------------------------------------------------------------

bool is_keyword(std::string_view w) {
  static const char* kw[] = {"async", "await", "def", "with", "as", "try", "except", "finally", "else", "raise",
                             "for", "in", "return", "import", "from", "if", "not", "and", "or", "class", "pass",
                             "None", "True", "False", "lambda", "while"};
  for (const char* k : kw)
    if (w == k) return true;
  return false;
}

enum class Tok : std::uint8_t { text, keyword, string, comment };
struct Span {
  std::size_t begin, end;
  Tok tok;
};

// Light syntax colouring of one line (keywords, strings, comments), as spans of the line,
// so that a wrapped line keeps its colours across rows.
std::vector<Span> tokenize(std::string_view line, bool in_string) {
  std::vector<Span> out;
  std::size_t i = 0;
  auto emit = [&](std::size_t a, std::size_t b, Tok t) {
    if (b > a) out.push_back({a, b, t});
  };
  if (in_string) {
    // The rest of a docstring: up to its closing quotes.
    std::size_t end = std::min(line.find("\"\"\""), line.find("'''"));
    end = end == std::string_view::npos ? line.size() : end + 3;
    emit(0, end, Tok::string);
    i = end;
  }
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') {
      emit(i, line.size(), Tok::comment);
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
      emit(i, j, Tok::string);
      i = j;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) ++j;
      emit(i, j, is_keyword(line.substr(i, j - i)) ? Tok::keyword : Tok::text);
      i = j;
      continue;
    }
    std::size_t j = i + 1;
    while (j < line.size() && !std::isalpha(static_cast<unsigned char>(line[j])) && line[j] != '_' && line[j] != '"' &&
           line[j] != '\'' && line[j] != '#')
      ++j;
    emit(i, j, Tok::text);
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Columns and wrapped rows
// ---------------------------------------------------------------------------------------

// The panel's columns, in pixels of the mono font.
struct Gutter {
  float char_w = 8;
  float marker_x = 0;   // the "who is here" icon
  float number_x = 0;   // right edge of the line number
  float code_x = 0;     // where the code starts
};

Gutter gutter_for(ImFont* f, std::size_t line_count) {
  Gutter g;
  g.char_w = f->CalcTextSizeA(f->FontSize, 1e9f, 0, "M").x;
  const int digits = std::max(3, static_cast<int>(std::to_string(line_count).size()));
  g.marker_x = 4;
  g.number_x = g.marker_x + 2.0f * g.char_w + digits * g.char_w;
  g.code_x = g.number_x + 1.5f * g.char_w;
  return g;
}

const view::ListingRows& rows_for(App& app, int columns, float font) {
  auto& m = app.memory;
  if (m.code_rows_generation != app.doc.generation() || m.code_rows_columns != columns || m.code_rows_font != font) {
    m.code_rows = view::wrap_listing(app.doc.listing(), columns);
    m.code_rows_generation = app.doc.generation();
    m.code_rows_columns = columns;
    m.code_rows_font = font;
  }
  return m.code_rows;
}

}  // namespace

float code_column_width(App& app) {
  auto& m = app.memory;
  ImFont* f = app.fonts.mono;
  if (!f) return 0;
  if (m.code_width_generation != app.doc.generation() || m.code_width_font != f->FontSize) {
    const view::ListingRows unwrapped = view::wrap_listing(app.doc.listing(), 0);
    const Gutter g = gutter_for(f, unwrapped.first_row.size());
    const ImGuiStyle& style = ImGui::GetStyle();
    m.code_width = std::ceil(g.code_x + (unwrapped.code_columns + 1) * g.char_w + 2 * style.WindowPadding.x +
                             style.ScrollbarSize + 2);
    m.code_width_generation = app.doc.generation();
    m.code_width_font = f->FontSize;
  }
  return m.code_width;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The panel
// ---------------------------------------------------------------------------------------

void draw_code(App& app, bool titled) {
  if (titled) {
    panel_title(app, "Code", "the scenario as Trio Python");
    ImGui::Separator();
  }
  const std::string& listing = app.doc.listing();
  const trio::Trace* t = app.doc.trace();
  const view::Snapshot* s = app.snapshot();
  if (listing.empty() || !t || !s) {
    ImGui::TextDisabled("No listing for this run.");
    return;
  }
  const view::Palette& p = view::palette(app.vs.theme);

  // The strong line: the statement of this step (for a spawn, the start_soon line).
  std::uint32_t strong = 0;
  std::int32_t strong_task = -1;
  if (app.vs.step >= 0) {
    const trio::Event& e = t->events[app.vs.step];
    strong_task = e.kind == trio::EventKind::task_spawned ? s->running : e.task;
    strong = e.loc.line;
    if (!strong && strong_task >= 0) strong = s->tasks[strong_task].line;
  }

  ImGui::BeginChild("##listing", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::PushFont(app.fonts.mono);
  ImFont* f = app.fonts.mono;
  const float lh = ImGui::GetTextLineHeightWithSpacing();
  const float full_w = ImGui::GetContentRegionAvail().x;
  // The line count sets the gutter; the rows of the last frame know it without a scan.
  const std::size_t line_count = app.memory.code_rows_generation == app.doc.generation()
                                     ? app.memory.code_rows.first_row.size()
                                     : static_cast<std::size_t>(std::count(listing.begin(), listing.end(), '\n') + 1);
  const Gutter g = gutter_for(f, line_count);
  const int columns = std::max(8, static_cast<int>(std::floor((full_w - g.code_x - g.char_w * 0.5f) / g.char_w)));
  const view::ListingRows& rows = rows_for(app, columns, f->FontSize);
  const std::size_t nlines = rows.first_row.size();

  // Who is on which line.
  std::vector<std::vector<std::int32_t>> at(nlines + 1);
  for (std::size_t i = 0; i < s->tasks.size(); ++i) {
    const view::TaskSnap& ts = s->tasks[i];
    if (view::is_alive(ts) && ts.line > 0 && ts.line <= nlines) at[ts.line].push_back(static_cast<std::int32_t>(i));
  }
  auto who_is_on = [&](std::uint32_t line) {
    std::vector<std::int32_t> who = at[line];
    if (line == strong && strong_task >= 0 && std::find(who.begin(), who.end(), strong_task) == who.end())
      who.insert(who.begin(), strong_task);
    std::stable_partition(who.begin(), who.end(), [&](std::int32_t x) { return x == strong_task; });
    return who;
  };

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = to_u32(p[view::ColorRole::text]);
  const ImU32 muted = to_u32(p[view::ColorRole::text_muted]);
  const ImU32 colours[] = {text, to_u32(p[view::ColorRole::runnable]), to_u32(p[view::ColorRole::running]), muted};
  const float visible_right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float size = f->FontSize;
  float overflow = 0;

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.rows.size()), lh);
  std::uint32_t tokens_line = 0;
  std::vector<Span> spans;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::ListingRow& row = rows.rows[i];
      const std::uint32_t n = row.line;
      std::size_t line_end = n < nlines ? rows.line_start[n] - 1 : listing.size();
      if (line_end > rows.line_start[n - 1] && listing[line_end - 1] == '\n') --line_end;
      const std::string_view line(listing.data() + rows.line_start[n - 1], line_end - rows.line_start[n - 1]);
      const ImVec2 a = ImGui::GetCursorScreenPos();
      const bool is_strong = n == strong;
      const auto& here = at[n];
      if (is_strong || !here.empty()) {
        // Strong: the running colour; faint: a pale tint of the state of who is there.
        const view::ColorRole role = is_strong ? view::ColorRole::running
                                               : view::color_role(view::display_state(*s, here.front()));
        const ImU32 fill = is_strong ? to_u32(p[role], 0.28f) : to_u32(p.tint(role), 0.8f);
        dl->AddRectFilled(a, ImVec2(a.x + full_w, a.y + lh), fill);
        if (is_strong) dl->AddRectFilled(a, ImVec2(a.x + 3, a.y + lh), to_u32(p[role]));
      }
      const std::vector<std::int32_t> who = (is_strong || !here.empty()) ? who_is_on(n) : std::vector<std::int32_t>{};
      if (!row.continuation) {
        // Who is here: the first one's state icon in the marker column.
        if (!who.empty()) {
          const view::DisplayState st = view::display_state(*s, who.front());
          const ImU32 c = is_strong ? to_u32(p[view::ColorRole::running]) : to_u32(p[view::color_role(st)]);
          const char* icon = view::state_icon(is_strong ? view::DisplayState::running : st);
          dl->AddText(f, size, ImVec2(a.x + g.marker_x, a.y), c, icon);
          if (who.size() > 1) dl->AddText(f, size * 0.7f, ImVec2(a.x + g.marker_x + g.char_w, a.y), muted, "+");
          if (!app.deterministic && ImGui::IsMouseHoveringRect(a, ImVec2(a.x + g.number_x, a.y + lh)) &&
              ImGui::IsWindowHovered()) {
            std::string tip;
            for (std::int32_t k : who)
              tip += (tip.empty() ? "" : "\n") + std::string(view::state_icon(view::display_state(*s, k))) + " " +
                     view::task_label(*t, k) + ": " + view::state_word(view::display_state(*s, k));
            ImGui::SetTooltip("%s", tip.c_str());
          }
        }
        char num[16];
        std::snprintf(num, sizeof num, "%u", n);
        const float nw = f->CalcTextSizeA(size, 1e9f, 0, num).x;
        dl->AddText(f, size, ImVec2(a.x + g.number_x - nw, a.y), muted, num);
      } else {
        const char* cont = "\xE2\x86\xAA";  // ↪
        const float cw = f->CalcTextSizeA(size, 1e9f, 0, cont).x;
        dl->AddText(f, size, ImVec2(a.x + g.number_x - cw, a.y), muted, cont);
      }
      // The row's part of the line, in the colours of the whole line.
      if (tokens_line != n) {
        spans = tokenize(line, row.in_docstring);
        tokens_line = n;
      }
      const std::size_t r0 = row.begin - rows.line_start[n - 1], r1 = row.end - rows.line_start[n - 1];
      float x = a.x + g.code_x + row.indent * g.char_w;
      for (const Span& sp : spans) {
        const std::size_t b = std::max(sp.begin, r0), e = std::min(sp.end, r1);
        if (b >= e) continue;
        dl->AddText(f, size, ImVec2(x, a.y), colours[static_cast<int>(sp.tok)], line.data() + b, line.data() + e);
        x += f->CalcTextSizeA(size, 1e9f, 0, line.data() + b, line.data() + e).x;
      }
      // Trailing spaces at a wrap are not drawn, so they do not count as overflow.
      const std::string_view shown = line.substr(r0, r1 - r0);
      const std::size_t last = shown.find_last_not_of(' ');
      if (last != std::string_view::npos) {
        const float end_x = a.x + g.code_x + row.indent * g.char_w +
                            f->CalcTextSizeA(size, 1e9f, 0, shown.data(), shown.data() + last + 1).x;
        overflow = std::max(overflow, end_x - visible_right);
      }
      // The names follow the code on the line's last row, when they fit.
      const bool last_row = static_cast<std::size_t>(i + 1) >= rows.rows.size() || rows.rows[i + 1].line != n;
      if (last_row && !who.empty()) {
        std::string tag = "\xE2\x97\x80 ";  // ◀
        for (std::size_t k = 0; k < who.size() && k < 2; ++k) tag += (k ? ", " : "") + view::task_label(*t, who[k]);
        if (who.size() > 2) tag += " and " + std::to_string(who.size() - 2) + " more";
        const float tag_w = f->CalcTextSizeA(size, 1e9f, 0, tag.c_str()).x;
        const float tx = x + g.char_w * 1.5f;
        if (tx + tag_w <= visible_right)
          dl->AddText(f, size, ImVec2(tx, a.y), is_strong ? to_u32(p[view::ColorRole::running]) : muted, tag.c_str());
      }
      ImGui::Dummy(ImVec2(full_w, lh));
    }
  }
  app.report.code_rows_visible = static_cast<int>(std::floor(ImGui::GetWindowHeight() / lh));
  app.report.code_overflow = overflow;
  // Bring the strong line into view when the step changes.
  if (app.memory.code_step != app.vs.step || app.memory.code_generation != app.doc.generation())
    app.memory.code_scroll_frames = 3;
  app.memory.code_step = app.vs.step;
  app.memory.code_generation = app.doc.generation();
  if (app.memory.code_scroll_frames > 0 && strong > 0 && strong <= nlines) {
    --app.memory.code_scroll_frames;
    const float y = static_cast<float>(rows.row_of_line(strong)) * lh;
    const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
    if (y < top + lh || y > top + h - 2 * lh) ImGui::SetScrollY(std::max(0.0f, y - h * 0.35f));
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace trioscope::gui
