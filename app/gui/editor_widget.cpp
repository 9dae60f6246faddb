// [SECTION] Rows and what is marked
// [SECTION] Drawing
// [SECTION] Mouse
// [SECTION] Keys
// [SECTION] Find and go to line
#include "gui/editor_widget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

// The rows, in line heights of the code font: room between lines for the eye.
constexpr float kRowPitch = 1.4f;
// Two clicks this close (seconds) are a double click.
constexpr double kMultiClick = 0.4;

using View = edit::EditSession::View;

// ---------------------------------------------------------------------------------------
// [SECTION] Rows and what is marked
// ---------------------------------------------------------------------------------------

// The text's rows, with the empty line after a final '\n' (where the cursor can go).
view::ListingRows wrap_text(std::string_view text, int columns) {
  view::ListingRows r = view::wrap_listing(text, columns);
  if (text.empty() || text.back() == '\n') {
    view::ListingRow row;
    row.line = static_cast<std::uint32_t>(r.first_row.size() + 1);
    row.begin = row.end = static_cast<std::uint32_t>(text.size());
    r.first_row.push_back(static_cast<std::uint32_t>(r.rows.size()));
    r.line_start.push_back(static_cast<std::uint32_t>(text.size()));
    r.rows.push_back(row);
  }
  return r;
}

std::string utf8_of(unsigned cp) {
  std::string s;
  if (cp < 0x80) s += static_cast<char>(cp);
  else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// The problems of view `v`'s text: errors while it does not read, and the warnings of the
// text that read. A diagnostic's column is in characters for Python, in bytes for JSON.
struct Problem {
  std::uint32_t line = 0, column = 0;  // 1-based; column in characters
  bool warning = false;
  std::string message;
};
std::vector<Problem> problems_of(const PanelContext& ctx, const edit::TextEditor& ed, View v) {
  std::vector<Problem> out;
  auto add = [&](const scenario::Diagnostic& d, bool warning) {
    Problem p;
    p.line = d.pos.line;
    p.warning = warning;
    p.message = d.message;
    if (d.pos.line && d.pos.line <= ed.line_count()) {
      if (v == View::json && d.pos.column) {
        const std::size_t byte = ed.line_start(d.pos.line - 1) + d.pos.column - 1;
        p.column = static_cast<std::uint32_t>(ed.column_of(std::min(byte, ed.line_end(d.pos.line - 1))) + 1);
      } else {
        p.column = d.pos.column;
      }
    }
    out.push_back(std::move(p));
  };
  const document::Problems& pr = ctx.doc.problems();
  if (!pr.empty() && !pr.opening && pr.view == v)
    for (const auto& d : pr.diagnostics) add(d, d.severity == scenario::Severity::warning);
  if ((pr.empty() || pr.opening) && ctx.doc.warnings_view() == v && !ctx.doc.stale())
    for (const auto& d : ctx.doc.warnings()) add(d, true);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------------------

void EditorWidget::jump_to(edit::EditSession& session, View v, std::uint32_t line, std::uint32_t column) {
  edit::TextEditor& ed = session.editor(v);
  if (line == 0) return;
  const std::size_t l = std::min<std::size_t>(line - 1, ed.line_count() - 1);
  ed.set_cursor(ed.offset_at(l, column > 0 ? column - 1 : 0));
  goal_x_ = -1;
  scroll_to_cursor_ = true;
  focus_request_ = true;
}

void EditorWidget::draw(PanelContext& ctx, edit::EditSession& session, View v) {
  edit::TextEditor& ed = session.editor(v);
  fonts_ = &ctx.fonts;
  ctx.input.editor_drawn = true;
  const bool json = v == View::json;
  const std::string& text = ed.text();
  const trio::Trace* t = ctx.doc.trace();
  const view::Snapshot* snap = ctx.snapshot;
  // The step's lines are lit while the text on screen is the one the run was made from.
  const bool watching = !json && t && snap && !ctx.doc.stale() && text == ctx.doc.listing();

  if (find_open_ || goto_open_) draw_find_bar(ctx, session, v);
  const std::vector<Problem> problems = problems_of(ctx, ed, v);
  const float ui_lh = ImGui::GetFrameHeightWithSpacing();
  const float list_h = problems.empty() ? 0.0f : std::min(5.0f, static_cast<float>(problems.size())) * ui_lh + ui_lh * 0.3f;
  marks_.clear();
  for (const Problem& p : problems)
    if (p.line) marks_.push_back({p.line, p.column, p.warning});
  std::stable_sort(marks_.begin(), marks_.end(), [](const view::LineMark& a, const view::LineMark& b) { return a.line < b.line; });

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("##editor", ImVec2(0, std::max(ui_lh * 2, avail.y - list_h)), false,
                    ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNav);
  ImGui::PushFont(ctx.fonts.mono);
  ImGuiPainter painter = ctx.painter();
  const float lh = std::round(ImGui::GetFontSize() * kRowPitch);
  const float full_w = ImGui::GetContentRegionAvail().x;
  const view::CodeGutter g = view::code_gutter(painter, ed.line_count());
  const int columns = view::code_columns(g, full_w);
  const view::ListingRows& rows =
      rows_.get({ed.version(), static_cast<int>(v), columns, ctx.fonts.mono->FontSize}, [&] { return wrap_text(text, columns); });
  const view::CodeLit lit = watching ? view::code_lit(*t, *snap, ctx.view.step, rows.first_row.size(), text) : view::CodeLit{};
  // Find's matches, again when the text or the query changed.
  if (find_open_ && (found_version_ != ed.version() || found_query_ != query_)) {
    found_.clear();
    found_version_ = ed.version();
    found_query_ = query_;
    for (std::size_t at = 0; !query_.empty() && found_.size() < 10000;) {
      const auto hit = ed.find(query_, at, true, match_case_);
      if (!hit || hit->begin() < at) break;
      found_.push_back({hit->begin(), hit->end()});
      at = hit->end();
    }
  }
  if (!find_open_) found_.clear();
  view::EditOverlay overlay;
  overlay.sel_begin = ed.selection().begin();
  overlay.sel_end = ed.selection().end();
  overlay.cursor = ed.cursor();
  overlay.show_cursor = ctx.input.editor_focused && focused_view_ == static_cast<int>(v);
  overlay.cursor_line = overlay.show_cursor ? static_cast<std::uint32_t>(ed.line_of(ed.cursor()) + 1) : 0;
  overlay.marks = &marks_;
  overlay.found = &found_;
  const view::CodeScene scene{t, snap, text, &rows, watching ? &lit : nullptr, ctx.prefs.theme, &overlay, json};

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(full_w, static_cast<float>(rows.rows.size()) * lh));
  const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
  const std::size_t first = static_cast<std::size_t>(std::max(0.0f, std::floor(top / lh)));
  const std::size_t last = std::min(rows.rows.size(), static_cast<std::size_t>(std::ceil((top + h) / lh)) + 1);
  const float visible_right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  float overflow = 0;
  view::RowTokens tokens;
  for (std::size_t i = first; i < last; ++i) {
    const ImVec2 a(origin.x, origin.y + static_cast<float>(i) * lh);
    overflow = std::max(overflow, view::paint_code_row(painter, scene, g, i, to_view(a), full_w, lh, visible_right, tokens));
  }

  handle_mouse(ctx, ed, scene, g, lh, origin);
  // Who is on a line, and what is wrong with it: the gutter's tooltip.
  const ImVec2 mouse = ImGui::GetMousePos();
  if (!ctx.deterministic && ImGui::IsWindowHovered() && mouse.x < origin.x + g.code_x && !rows.rows.empty()) {
    const auto r = static_cast<std::size_t>(std::clamp((mouse.y - origin.y) / lh, 0.0f, static_cast<float>(rows.rows.size() - 1)));
    const std::uint32_t line = rows.rows[r].line;
    std::string tip;
    for (const Problem& p : problems)
      if (p.line == line) tip += (tip.empty() ? "" : "\n") + std::string(p.warning ? "warning: " : "error: ") + p.message;
    if (watching)
      for (std::int32_t k : lit.who(line))
        tip += (tip.empty() ? "" : "\n") + std::string(view::state_icon(view::display_state(*snap, k))) + " " +
               view::task_label(*t, k) + ": " + view::state_word(view::display_state(*snap, k));
    if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  }
  if (ctx.input.editor_focused && focused_view_ == static_cast<int>(v))
    handle_keys(ctx, session, v, scene, g, lh, h);

  if (scroll_to_cursor_) {
    scroll_to_cursor_ = false;
    const float y = static_cast<float>(view::code_row_of(rows, ed.cursor())) * lh;
    if (y < top) ImGui::SetScrollY(y);
    else if (y + lh > top + h) ImGui::SetScrollY(y + lh - h);
  }
  if (watching) {
    ctx.report.code_rows_visible = static_cast<int>(std::floor(h / lh));
    ctx.report.code_overflow = overflow;
    // Bring the line of the step into view whenever the step, the run, the panel's size or
    // the scale changes (not while someone types); another file starts at its top.
    const ScrollKey key{ctx.view.step, ctx.doc.generation(), full_w, h, ImGui::GetFontSize(), static_cast<int>(v)};
    if (ctx.doc.path() != scrolled_path_) {
      scrolled_path_ = ctx.doc.path();
      ImGui::SetScrollY(0);
    }
    if (!(key == scrolled_)) scroll_frames_ = 3;
    scrolled_ = key;
    const std::size_t nlines = rows.first_row.size();
    if (lit.strong > 0 && lit.strong <= nlines) {
      // The line's rows: all of them in view when they fit, its first row at least.
      const std::uint32_t r0 = rows.row_of_line(lit.strong);
      std::uint32_t r1 = r0;
      while (r1 + 1 < rows.rows.size() && rows.rows[r1 + 1].line == lit.strong) ++r1;
      const float y0 = static_cast<float>(r0) * lh, y1 = static_cast<float>(r1 + 1) * lh;
      const bool taller = y1 - y0 > h;
      ctx.report.code_line_visible = y0 >= top - 0.5f && (taller ? y0 + lh <= top + h + 0.5f : y1 <= top + h + 0.5f);
      ctx.report.code_line = lit.strong;
      if (scroll_frames_ > 0) {
        --scroll_frames_;
        const bool typing = ctx.input.editor_focused && focused_view_ == static_cast<int>(v);
        if (!typing && (y0 < top + lh * 0.5f || y1 > top + h - lh * 0.5f))
          ImGui::SetScrollY(std::max(0.0f, taller ? y0 : y0 - std::min(std::max(lh, h * 0.3f), h - (y1 - y0))));
      }
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();

  // The problems, each a link to its place.
  if (!problems.empty()) {
    ImGui::BeginChild("##problems", ImVec2(0, 0), false);
    const view::Palette& pal = ctx.palette();
    for (std::size_t i = 0; i < problems.size(); ++i) {
      const Problem& p = problems[i];
      char where[32];
      std::snprintf(where, sizeof where, "%u:%u", p.line, p.column);
      const std::string label = std::string(p.warning ? "\xE2\x96\xB2 " : "\xE2\x9C\x97 ") + (p.line ? where : "") + "  " +
                                p.message + "##problem" + std::to_string(i);
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.warning ? pal[view::ColorRole::cancellation] : pal[view::ColorRole::exception]));
      if (ImGui::Selectable(label.c_str(), false) && p.line) jump_to(session, v, p.line, p.column);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("%s", p.message.c_str());
    }
    ImGui::EndChild();
  }
  if (focus_request_) {
    focus_request_ = false;
    ctx.input.editor_focused = true;
    focused_view_ = static_cast<int>(v);
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] Mouse
// ---------------------------------------------------------------------------------------

void EditorWidget::handle_mouse(PanelContext& ctx, edit::TextEditor& ed, const view::CodeScene& scene,
                                const view::CodeGutter& g, float lh, ImVec2 origin) {
  if (ctx.deterministic) return;
  const view::ListingRows& rows = *scene.rows;
  if (rows.rows.empty()) return;
  const ImGuiPainter m = ctx.measurer();
  const ImVec2 mouse = ImGui::GetMousePos();
  auto offset_at_mouse = [&] {
    const float fr = std::floor((mouse.y - origin.y) / lh);
    if (fr < 0) return std::size_t{0};
    if (fr >= static_cast<float>(rows.rows.size())) return ed.text().size();
    return view::code_offset_at(m, scene, g, static_cast<std::size_t>(fr), mouse.x - origin.x);
  };
  const bool hovered = ImGui::IsWindowHovered();
  if (hovered) ImGui::SetMouseCursor(mouse.x >= origin.x + g.code_x ? ImGuiMouseCursor_TextInput : ImGuiMouseCursor_Arrow);
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (!hovered) {
      // A click anywhere else takes the keyboard back (a problem's link gives it again).
      ctx.input.editor_focused = false;
      return;
    }
    const double now = ImGui::GetTime();
    clicks_ = now - last_click_ < kMultiClick ? clicks_ + 1 : 1;
    last_click_ = now;
    const std::size_t at = offset_at_mouse();
    const bool gutter = mouse.x < origin.x + g.code_x;
    if (gutter || clicks_ >= 3) ed.select_line(ed.line_of(at));
    else if (clicks_ == 2) ed.select_word_at(at);
    else ed.set_cursor(at, ImGui::GetIO().KeyShift);
    dragging_ = clicks_ == 1 && !gutter;
    goal_x_ = -1;
    focus_request_ = true;
  }
  if (dragging_) {
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      dragging_ = false;
    } else {
      ed.set_cursor(offset_at_mouse(), true);
      // Past the top or bottom edge, the text scrolls under the selection.
      const float wy0 = ImGui::GetWindowPos().y, wy1 = wy0 + ImGui::GetWindowHeight();
      if (mouse.y < wy0) ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() - lh));
      if (mouse.y > wy1) ImGui::SetScrollY(ImGui::GetScrollY() + lh);
    }
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] Keys
// ---------------------------------------------------------------------------------------

void EditorWidget::move_rows(edit::TextEditor& ed, const view::CodeScene& scene, const view::CodeGutter& g, int n,
                             bool extend) {
  const view::ListingRows& rows = *scene.rows;
  const ImGuiPainter m(nullptr, *fonts_);
  const std::size_t r = view::code_row_of(rows, ed.cursor());
  if (goal_x_ < 0) goal_x_ = view::code_x_of(m, scene, g, r, ed.cursor());
  const long target = static_cast<long>(r) + n;
  std::size_t to;
  if (target < 0) to = 0;
  else if (target >= static_cast<long>(rows.rows.size())) to = ed.text().size();
  else to = view::code_offset_at(m, scene, g, static_cast<std::size_t>(target), goal_x_);
  ed.set_cursor(to, extend);
}

void EditorWidget::handle_keys(PanelContext& ctx, edit::EditSession& session, View v, const view::CodeScene& scene,
                               const view::CodeGutter& g, float lh, float page_h) {
  edit::TextEditor& ed = session.editor(v);
  for (const KeyPress& k : std::exchange(ctx.input.editor_keys, {})) {
    const bool ctrl = k.mods & GLFW_MOD_CONTROL, shift = k.mods & GLFW_MOD_SHIFT;
    bool changed = false, moved = true, vertical = false;
    if (k.key == 0) {
      if (k.codepoint >= 32 && k.codepoint != 127) changed = ed.type(utf8_of(k.codepoint));
    } else {
      switch (k.key) {
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER: changed = ed.newline(); break;
        case GLFW_KEY_BACKSPACE: changed = ed.backspace(ctrl); break;
        case GLFW_KEY_DELETE: changed = ed.delete_forward(ctrl); break;
        case GLFW_KEY_TAB: changed = shift ? ed.untab() : ed.tab(); break;
        case GLFW_KEY_LEFT: ed.move(ctrl ? edit::Motion::word_left : edit::Motion::left, shift); break;
        case GLFW_KEY_RIGHT: ed.move(ctrl ? edit::Motion::word_right : edit::Motion::right, shift); break;
        case GLFW_KEY_UP: move_rows(ed, scene, g, -1, shift), vertical = true; break;
        case GLFW_KEY_DOWN: move_rows(ed, scene, g, 1, shift), vertical = true; break;
        case GLFW_KEY_PAGE_UP:
        case GLFW_KEY_PAGE_DOWN: {
          const int page = std::max(1, static_cast<int>(page_h / lh) - 1);
          move_rows(ed, scene, g, k.key == GLFW_KEY_PAGE_UP ? -page : page, shift);
          vertical = true;
          break;
        }
        case GLFW_KEY_HOME: ed.move(ctrl ? edit::Motion::doc_start : edit::Motion::home, shift); break;
        case GLFW_KEY_END: ed.move(ctrl ? edit::Motion::doc_end : edit::Motion::end, shift); break;
        case GLFW_KEY_ESCAPE:
          if (find_open_ || goto_open_) find_open_ = goto_open_ = false;
          else ctx.input.editor_focused = false;
          moved = false;
          break;
        default:
          moved = false;
          if (!ctrl) break;
          if (k.key == GLFW_KEY_A) ed.select_all();
          else if (k.key == GLFW_KEY_C && !ed.selection().empty()) ImGui::SetClipboardText(ed.selected_text().c_str());
          else if (k.key == GLFW_KEY_X && !ed.selection().empty()) {
            ImGui::SetClipboardText(ed.selected_text().c_str());
            changed = !ed.cut().empty();
          } else if (k.key == GLFW_KEY_V) {
            if (const char* clip = ImGui::GetClipboardText()) changed = ed.paste(clip);
          } else if (k.key == GLFW_KEY_SLASH) {
            changed = ed.toggle_comment();
          } else if (k.key == GLFW_KEY_F) {
            open_find();
          } else if (k.key == GLFW_KEY_G) {
            open_goto();
          }
          break;
      }
    }
    if (!vertical) goal_x_ = -1;
    if (changed) session.typed(v, ctx.now);
    if (changed || moved) scroll_to_cursor_ = true;
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] Find and go to line
// ---------------------------------------------------------------------------------------

void EditorWidget::draw_find_bar(PanelContext& ctx, edit::EditSession& session, View v) {
  edit::TextEditor& ed = session.editor(v);
  const float lh = ImGui::GetFontSize();
  if (focus_find_) {
    ImGui::SetKeyboardFocusHere();
    focus_find_ = false;
    ctx.input.editor_focused = false;
  }
  if (goto_open_) {
    ImGui::SetNextItemWidth(lh * 8);
    const bool enter = ImGui::InputTextWithHint("##goto", "line number", &goto_text_, ImGuiInputTextFlags_EnterReturnsTrue |
                                                                                       ImGuiInputTextFlags_CharsDecimal);
    ImGui::SameLine();
    ImGui::TextDisabled("of %zu  (Enter goes there, Esc closes)", ed.line_count());
    if (enter) {
      const long n = std::strtol(goto_text_.c_str(), nullptr, 10);
      if (n >= 1) {
        ed.go_to_line(static_cast<std::size_t>(n - 1));
        goto_open_ = false;
        scroll_to_cursor_ = true;
        focus_request_ = true;
        focused_view_ = static_cast<int>(v);
      }
    }
    if (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) goto_open_ = false;
    return;
  }
  ImGui::SetNextItemWidth(std::min(lh * 16, ImGui::GetContentRegionAvail().x * 0.5f));
  const bool enter = ImGui::InputTextWithHint("##find", "find", &query_, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool active = ImGui::IsItemActive();
  auto go = [&](bool forwards) {
    if (ed.find_next(query_, forwards, match_case_)) scroll_to_cursor_ = true;
  };
  if (enter) {
    go(!ImGui::GetIO().KeyShift);
    ImGui::SetKeyboardFocusHere(-1);  // stay in the field for the next Enter
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("\xE2\x86\x91##prev")) go(false);  // ↑
  if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("Previous match (Shift+Enter)");
  ImGui::SameLine();
  if (ImGui::SmallButton("\xE2\x86\x93##next")) go(true);  // ↓
  if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("Next match (Enter)");
  ImGui::SameLine();
  ImGui::Checkbox("Aa", &match_case_);
  if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("Match case");
  ImGui::SameLine();
  if (query_.empty()) ImGui::TextDisabled("type to find");
  else if (found_.empty()) ImGui::TextDisabled("no match");
  else {
    std::size_t at = 0;
    for (std::size_t i = 0; i < found_.size(); ++i)
      if (found_[i].first == ed.selection().begin()) at = i + 1;
    if (at) ImGui::TextDisabled("%zu of %zu", at, found_.size());
    else ImGui::TextDisabled("%zu found", found_.size());
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("\xC3\x97##closefind") || (active && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
    find_open_ = false;
    focus_request_ = true;
    focused_view_ = static_cast<int>(v);
  }
}

}  // namespace trioscope::gui
