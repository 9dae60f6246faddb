// Code: the scenario as Trio Python, with each task's current line lit: the line of this
// step strongly (the task that just ran), the lines other live tasks are at faintly, each
// tagged with who is there.
#include <algorithm>
#include <cctype>
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

std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out.emplace_back(text.data() + pos, nl - pos);
    pos = nl + 1;
  }
  return out;
}

bool is_keyword(std::string_view w) {
  static const char* kw[] = {"async", "await", "def", "with", "as", "try", "except", "finally", "else", "raise",
                             "for", "in", "return", "import", "from", "if", "not", "and", "or", "class", "pass",
                             "None", "True", "False", "lambda", "while"};
  for (const char* k : kw)
    if (w == k) return true;
  return false;
}

// Which lines start inside a triple-quoted string (a docstring), so that they are coloured
// as the string they are.
std::vector<char> in_triple_string(const std::vector<std::string_view>& lines) {
  std::vector<char> out(lines.size(), 0);
  const char* open = nullptr;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out[i] = open != nullptr;
    std::string_view l = lines[i];
    std::size_t pos = 0;
    while (true) {
      if (open) {
        const std::size_t end = l.find(open, pos);
        if (end == std::string_view::npos) break;
        pos = end + 3;
        open = nullptr;
      } else {
        const std::size_t a = l.find("\"\"\"", pos), b = l.find("'''", pos);
        const std::size_t start = std::min(a, b);
        if (start == std::string_view::npos) break;
        open = start == a ? "\"\"\"" : "'''";
        pos = start + 3;
      }
    }
  }
  return out;
}

// Draws one line of Python with light syntax colouring (keywords, strings, comments).
void draw_python(ImDrawList* dl, ImFont* f, ImVec2 pos, std::string_view line, bool in_string, ImU32 text,
                 ImU32 keyword, ImU32 string, ImU32 comment) {
  const float size = f->FontSize;
  float x = pos.x;
  std::size_t i = 0;
  auto emit = [&](std::size_t a, std::size_t b, ImU32 col) {
    if (b <= a) return;
    dl->AddText(f, size, ImVec2(x, pos.y), col, line.data() + a, line.data() + b);
    x += f->CalcTextSizeA(size, 1e9f, 0, line.data() + a, line.data() + b).x;
  };
  if (in_string) {
    // The rest of a docstring: up to its closing quotes.
    std::size_t end = std::min(line.find("\"\"\""), line.find("'''"));
    end = end == std::string_view::npos ? line.size() : end + 3;
    emit(0, end, string);
    i = end;
  }
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') {
      emit(i, line.size(), comment);
      return;
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
      emit(i, j, string);
      i = j;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) ++j;
      emit(i, j, is_keyword(line.substr(i, j - i)) ? keyword : text);
      i = j;
      continue;
    }
    std::size_t j = i + 1;
    while (j < line.size() && !std::isalpha(static_cast<unsigned char>(line[j])) && line[j] != '_' && line[j] != '"' &&
           line[j] != '\'' && line[j] != '#')
      ++j;
    emit(i, j, text);
    i = j;
  }
}

}  // namespace

void draw_code(App& app) {
  panel_title(app, "Code", "the scenario as Trio Python");
  ImGui::Separator();
  const std::string& listing = app.doc.listing();
  const trio::Trace* t = app.doc.trace();
  const view::Snapshot* s = app.snapshot();
  if (listing.empty() || !t || !s) {
    ImGui::TextDisabled("No listing for this run.");
    return;
  }
  const view::Palette& p = view::palette(app.vs.theme);
  const auto lines = split_lines(listing);
  const auto docstring = in_triple_string(lines);

  // The strong line: the statement of this step (for a spawn, the start_soon line).
  std::uint32_t strong = 0;
  std::int32_t strong_task = -1;
  if (app.vs.step >= 0) {
    const trio::Event& e = t->events[app.vs.step];
    strong_task = e.kind == trio::EventKind::task_spawned ? s->running : e.task;
    strong = e.loc.line;
    if (!strong && strong_task >= 0) strong = s->tasks[strong_task].line;
  }
  // Who is on which line.
  std::vector<std::vector<std::int32_t>> at(lines.size() + 1);
  for (std::size_t i = 0; i < s->tasks.size(); ++i) {
    const view::TaskSnap& ts = s->tasks[i];
    if (view::is_alive(ts) && ts.line > 0 && ts.line <= lines.size()) at[ts.line].push_back(static_cast<std::int32_t>(i));
  }

  ImGui::BeginChild("##listing", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(app.fonts.mono);
  ImFont* f = app.fonts.mono;
  const float lh = ImGui::GetTextLineHeightWithSpacing();
  const float gutter = f->CalcTextSizeA(f->FontSize, 1e9f, 0, "9999 ").x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = to_u32(p[view::ColorRole::text]);
  const ImU32 muted = to_u32(p[view::ColorRole::text_muted]);
  const ImU32 keyword = to_u32(p[view::ColorRole::runnable]);
  const ImU32 string = to_u32(p[view::ColorRole::running]);
  const float full_w = ImGui::GetContentRegionAvail().x;
  const float visible_right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x + ImGui::GetScrollX();

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()), lh);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const std::uint32_t n = static_cast<std::uint32_t>(i + 1);
      const ImVec2 a = ImGui::GetCursorScreenPos();
      const bool is_strong = n == strong;
      const auto& here = at[n];
      if (is_strong || !here.empty()) {
        // Strong: the running colour; faint: a pale tint of the state of who is there.
        const view::ColorRole role = is_strong ? view::ColorRole::running
                                               : view::color_role(view::display_state(*s, here.front()));
        const ImU32 fill = is_strong ? to_u32(p[role], 0.28f) : to_u32(p.tint(role), 0.8f);
        dl->AddRectFilled(a, ImVec2(a.x + full_w, a.y + lh), fill);
        if (is_strong) dl->AddRectFilled(a, ImVec2(a.x + 4, a.y + lh), to_u32(p[role]));
      }
      char num[16];
      std::snprintf(num, sizeof num, "%4u ", n);
      dl->AddText(f, f->FontSize, ImVec2(a.x + 6, a.y), muted, num);
      draw_python(dl, f, ImVec2(a.x + 6 + gutter, a.y), lines[i], docstring[i] != 0, text, keyword, string, muted);
      // Tags: who is here (the strong task first, then others, at most two names).
      float line_w = f->CalcTextSizeA(f->FontSize, 1e9f, 0, lines[i].data(), lines[i].data() + lines[i].size()).x;
      std::vector<std::int32_t> who = here;
      if (is_strong && strong_task >= 0 && std::find(who.begin(), who.end(), strong_task) == who.end())
        who.insert(who.begin(), strong_task);
      std::stable_partition(who.begin(), who.end(), [&](std::int32_t x) { return x == strong_task; });
      if (!who.empty()) {
        // Who is here: names after the code when they fit; otherwise only their state
        // icons at the right edge (names on hover), so that the code stays readable.
        std::string tag = "\xE2\x97\x80 ";  // ◀
        for (std::size_t k = 0; k < who.size() && k < 2; ++k) tag += (k ? ", " : "") + view::task_label(*t, who[k]);
        if (who.size() > 2) tag += " and " + std::to_string(who.size() - 2) + " more";
        const float tag_w = f->CalcTextSizeA(f->FontSize, 1e9f, 0, tag.c_str()).x;
        const float x = a.x + 6 + gutter + line_w + f->FontSize;
        const ImU32 tag_col = is_strong ? to_u32(p[view::ColorRole::running]) : muted;
        if (x + tag_w <= visible_right) {
          dl->AddText(f, f->FontSize, ImVec2(x, a.y), tag_col, tag.c_str());
        } else {
          std::string icons;
          for (std::size_t k = 0; k < who.size() && k < 3; ++k) icons += view::state_icon(view::display_state(*s, who[k]));
          if (who.size() > 3) icons += "+";
          const float iw = f->CalcTextSizeA(f->FontSize, 1e9f, 0, icons.c_str()).x;
          const float ix = visible_right - iw - 6;
          dl->AddRectFilled(ImVec2(ix - 4, a.y + 1), ImVec2(ix + iw + 4, a.y + lh - 1),
                            is_strong ? to_u32(p[view::ColorRole::running]) : to_u32(p[view::ColorRole::panel]), 4);
          dl->AddText(f, f->FontSize, ImVec2(ix, a.y),
                      is_strong ? to_u32(p[view::ColorRole::background]) : text, icons.c_str());
          if (ImGui::IsMouseHoveringRect(ImVec2(ix - 4, a.y), ImVec2(ix + iw + 4, a.y + lh)) && !app.deterministic)
            ImGui::SetTooltip("%s", tag.c_str() + 4);
        }
      }
      ImGui::Dummy(ImVec2(full_w, lh));
    }
  }
  // Bring the strong line into view when the step changes.
  if (app.memory.code_step != app.vs.step || app.memory.code_generation != app.doc.generation())
    app.memory.code_scroll_frames = 3;
  app.memory.code_step = app.vs.step;
  app.memory.code_generation = app.doc.generation();
  if (app.memory.code_scroll_frames > 0 && strong > 0) {
    --app.memory.code_scroll_frames;
    const float y = (strong - 1) * lh;
    const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
    if (y < top + lh || y > top + h - 2 * lh) ImGui::SetScrollY(std::max(0.0f, y - h * 0.35f));
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace trioscope::gui
