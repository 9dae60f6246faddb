// [SECTION] Text and lines
// [SECTION] Cursor and selection
// [SECTION] Edits
// [SECTION] Lines at once: indent, comments
// [SECTION] Undo
// [SECTION] Find
#include "edit/text_editor.hpp"

#include <algorithm>
#include <cctype>

#include "core/utf8.hpp"

namespace trioscope::edit {

namespace {

namespace utf8 = trio::utf8;

// An undo history larger than this drops its oldest steps.
constexpr std::size_t kHistoryBytes = 64u << 20;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Letters, digits, '_' and anything not ASCII (a name in another script) make words.
bool is_word(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_';
}
int char_class(char c) { return is_space(c) ? 0 : is_word(c) ? 1 : 2; }

std::size_t prev_boundary(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && utf8::is_continuation(s[i])) --i;
  return i;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

TextEditor::TextEditor(Language language) : language_(language) {}

// ---------------------------------------------------------------------------------------
// [SECTION] Text and lines
// ---------------------------------------------------------------------------------------

void TextEditor::set_text(std::string text, bool keep_cursor) {
  const std::size_t line = line_of(sel_.head), column = column_of(sel_.head);
  text_ = std::move(text);
  changed();
  const std::size_t at = keep_cursor ? offset_at(std::min(line, line_count() - 1), column) : 0;
  sel_ = {at, at};
  goal_set_ = false;
  clear_history();
}

void TextEditor::changed() {
  ++version_;
  lines_dirty_ = true;
}

void TextEditor::index_lines() const {
  if (!lines_dirty_) return;
  line_starts_.clear();
  line_starts_.push_back(0);
  for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1)) line_starts_.push_back(i + 1);
  lines_dirty_ = false;
}

std::size_t TextEditor::line_count() const {
  index_lines();
  return line_starts_.size();
}

std::size_t TextEditor::line_start(std::size_t line) const {
  index_lines();
  return line < line_starts_.size() ? line_starts_[line] : text_.size();
}

std::size_t TextEditor::line_end(std::size_t line) const {
  index_lines();
  if (line + 1 < line_starts_.size()) return line_starts_[line + 1] - 1;
  return text_.size();
}

std::string_view TextEditor::line_text(std::size_t line) const {
  const std::size_t a = line_start(line), b = line_end(line);
  return std::string_view(text_).substr(a, b - a);
}

std::size_t TextEditor::line_of(std::size_t offset) const {
  index_lines();
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(it - line_starts_.begin()) - 1;
}

std::size_t TextEditor::column_of(std::size_t offset) const {
  const std::size_t a = line_start(line_of(offset));
  return utf8::count(std::string_view(text_).substr(a, std::min(offset, text_.size()) - a));
}

std::size_t TextEditor::offset_at(std::size_t line, std::size_t column) const {
  std::size_t i = line_start(line);
  const std::size_t end = line_end(line);
  while (column > 0 && i < end) {
    i = utf8::next(text_, i);
    --column;
  }
  return std::min(i, end);
}

std::size_t TextEditor::clamp_offset(std::size_t offset) const {
  return utf8::boundary_at_or_before(text_, std::min(offset, text_.size()));
}

// ---------------------------------------------------------------------------------------
// [SECTION] Cursor and selection
// ---------------------------------------------------------------------------------------

std::string TextEditor::selected_text() const { return text_.substr(sel_.begin(), sel_.end() - sel_.begin()); }

void TextEditor::set_cursor(std::size_t offset, bool extend) {
  offset = clamp_offset(offset);
  sel_.head = offset;
  if (!extend) sel_.anchor = offset;
  goal_set_ = false;
  coalesce_ = false;
}

void TextEditor::select(std::size_t anchor, std::size_t head) {
  sel_ = {clamp_offset(anchor), clamp_offset(head)};
  goal_set_ = false;
  coalesce_ = false;
}

void TextEditor::select_all() { select(0, text_.size()); }

void TextEditor::select_word_at(std::size_t offset) {
  offset = clamp_offset(offset);
  const std::size_t line = line_of(offset);
  const std::size_t ls = line_start(line), le = line_end(line);
  if (ls == le) return select(offset, offset);
  // The run of characters of one kind around the offset (the one after it, at a word's end).
  std::size_t probe = offset < le ? offset : prev_boundary(text_, offset);
  const int k = char_class(text_[probe]);
  std::size_t a = probe, b = utf8::next(text_, probe);
  while (a > ls && char_class(text_[prev_boundary(text_, a)]) == k) a = prev_boundary(text_, a);
  while (b < le && char_class(text_[b]) == k) b = utf8::next(text_, b);
  select(a, b);
}

void TextEditor::select_line(std::size_t line) {
  line = std::min(line, line_count() - 1);
  const std::size_t end = line + 1 < line_count() ? line_start(line + 1) : text_.size();
  select(line_start(line), end);
}

void TextEditor::move(Motion m, bool extend) {
  const std::size_t head = sel_.head;
  std::size_t to = head;
  const bool collapse = !extend && !sel_.empty();
  switch (m) {
    case Motion::left:
      to = collapse ? sel_.begin() : prev_boundary(text_, head);
      break;
    case Motion::right:
      to = collapse ? sel_.end() : utf8::next(text_, head);
      break;
    case Motion::word_left: {
      to = head;
      while (to > 0 && is_space(text_[prev_boundary(text_, to)])) to = prev_boundary(text_, to);
      if (to > 0) {
        const int k = char_class(text_[prev_boundary(text_, to)]);
        while (to > 0 && char_class(text_[prev_boundary(text_, to)]) == k) to = prev_boundary(text_, to);
      }
      break;
    }
    case Motion::word_right: {
      to = head;
      while (to < text_.size() && is_space(text_[to])) to = utf8::next(text_, to);
      if (to < text_.size()) {
        const int k = char_class(text_[to]);
        while (to < text_.size() && char_class(text_[to]) == k) to = utf8::next(text_, to);
      }
      break;
    }
    case Motion::home: {
      const std::size_t line = line_of(head);
      std::size_t first = line_start(line);
      const std::size_t le = line_end(line);
      while (first < le && is_blank(text_[first])) ++first;
      to = head == first ? line_start(line) : first;
      break;
    }
    case Motion::end:
      to = line_end(line_of(head));
      break;
    case Motion::up:
    case Motion::down:
      return move_lines(m == Motion::up ? -1 : 1, extend);
    case Motion::doc_start:
      to = 0;
      break;
    case Motion::doc_end:
      to = text_.size();
      break;
  }
  sel_.head = to;
  if (!extend) sel_.anchor = to;
  goal_set_ = false;
  coalesce_ = false;
}

void TextEditor::move_lines(int lines, bool extend) {
  const std::size_t line = line_of(sel_.head);
  if (!goal_set_) {
    goal_column_ = column_of(sel_.head);
    goal_set_ = true;
  }
  const long target = static_cast<long>(line) + lines;
  std::size_t to;
  if (target < 0) to = 0;  // past the first line: its start, as editors do
  else if (target >= static_cast<long>(line_count())) to = text_.size();
  else to = offset_at(static_cast<std::size_t>(target), goal_column_);
  sel_.head = to;
  if (!extend) sel_.anchor = to;
  coalesce_ = false;
}

void TextEditor::go_to_line(std::size_t line) {
  line = std::min(line, line_count() - 1);
  std::size_t i = line_start(line);
  const std::size_t le = line_end(line);
  while (i < le && is_blank(text_[i])) ++i;
  set_cursor(i);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Edits
// ---------------------------------------------------------------------------------------

void TextEditor::edit(std::size_t a, std::size_t b, std::string_view text, Selection after, Kind kind) {
  Step s;
  s.change = {a, text_.substr(a, b - a), std::string(text)};
  s.before = sel_;
  s.after = after;
  s.kind = kind;
  text_.replace(a, b - a, text);
  sel_ = after;
  goal_set_ = false;
  changed();
  record(std::move(s));
}

bool TextEditor::type(std::string_view text) {
  if (text.empty()) return false;
  const std::size_t a = sel_.begin();
  const std::size_t at = a + text.size();
  // Typing over a selection starts a step of its own.
  if (!sel_.empty()) coalesce_ = false;
  edit(a, sel_.end(), text, {at, at}, Kind::typing);
  coalesce_ = true;
  return true;
}

bool TextEditor::newline() {
  const std::size_t a = sel_.begin(), b = sel_.end();
  const std::size_t ls = line_start(line_of(a));
  std::size_t indent_end = ls;
  while (indent_end < a && is_blank(text_[indent_end])) ++indent_end;
  std::string indent = text_.substr(ls, indent_end - ls);
  // The line so far, without trailing blanks: does it open a block?
  std::size_t last = a;
  while (last > ls && is_blank(text_[last - 1])) --last;
  const char opener = last > ls ? text_[last - 1] : '\0';
  const bool opens = language_ == Language::python ? opener == ':' : (opener == '{' || opener == '[');
  std::string insert = "\n" + indent;
  std::size_t cursor_at;
  if (opens) {
    const std::string inner = indent + std::string(static_cast<std::size_t>(indent_unit()), ' ');
    const char next = b < text_.size() ? text_[b] : '\0';
    // Between a JSON bracket pair, the closing bracket goes to a line of its own.
    if (language_ == Language::json && ((opener == '{' && next == '}') || (opener == '[' && next == ']'))) {
      insert = "\n" + inner + "\n" + indent;
      cursor_at = a + 1 + inner.size();
    } else {
      insert = "\n" + inner;
      cursor_at = a + insert.size();
    }
  } else {
    cursor_at = a + insert.size();
  }
  coalesce_ = false;
  edit(a, b, insert, {cursor_at, cursor_at}, Kind::other);
  return true;
}

bool TextEditor::backspace(bool word) {
  if (!sel_.empty()) {
    coalesce_ = false;
    edit(sel_.begin(), sel_.end(), "", {sel_.begin(), sel_.begin()}, Kind::other);
    return true;
  }
  const std::size_t head = sel_.head;
  if (head == 0) return false;
  std::size_t from;
  if (word) {
    const Selection keep = sel_;
    move(Motion::word_left, false);
    from = sel_.head;
    sel_ = keep;
  } else {
    const std::size_t ls = line_start(line_of(head));
    bool in_indent = head > ls;
    for (std::size_t i = ls; i < head && in_indent; ++i) in_indent = text_[i] == ' ';
    if (in_indent) {
      // Back to the previous indent stop.
      const std::size_t col = head - ls;
      const std::size_t unit = static_cast<std::size_t>(indent_unit());
      from = head - ((col - 1) % unit + 1);
    } else {
      from = prev_boundary(text_, head);
    }
  }
  edit(from, head, "", {from, from}, Kind::deleting);
  coalesce_ = true;
  return true;
}

bool TextEditor::delete_forward(bool word) {
  if (!sel_.empty()) return backspace();
  const std::size_t head = sel_.head;
  if (head >= text_.size()) return false;
  std::size_t to;
  if (word) {
    const Selection keep = sel_;
    move(Motion::word_right, false);
    to = sel_.head;
    sel_ = keep;
  } else {
    to = utf8::next(text_, head);
  }
  edit(head, to, "", {head, head}, Kind::deleting);
  coalesce_ = true;
  return true;
}

std::string TextEditor::cut() {
  if (sel_.empty()) return {};
  std::string out = selected_text();
  backspace();
  return out;
}

bool TextEditor::paste(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      clean += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      clean += text[i];
    }
  }
  if (clean.empty() && sel_.empty()) return false;
  coalesce_ = false;
  const std::size_t at = sel_.begin() + clean.size();
  edit(sel_.begin(), sel_.end(), clean, {at, at}, Kind::other);
  return true;
}

bool TextEditor::replace_text(std::string_view text) {
  if (text == text_) return false;
  const std::size_t line = line_of(sel_.head), column = column_of(sel_.head);
  const Change c = diff(text_, text);
  coalesce_ = false;
  // The cursor's place once the text is replaced: the same line and column, where the new
  // text has them.
  std::string after = text_;
  apply(after, c);
  TextEditor probe(language_);
  probe.text_ = std::move(after);
  const std::size_t at = probe.offset_at(std::min(line, probe.line_count() - 1), column);
  edit(c.at, c.at + c.removed.size(), c.inserted, {at, at}, Kind::other);
  return true;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Lines at once: indent, comments
// ---------------------------------------------------------------------------------------

std::pair<std::size_t, std::size_t> TextEditor::selected_lines() const {
  const std::size_t first = line_of(sel_.begin());
  std::size_t last = line_of(sel_.end());
  // A selection that ends at the start of a line does not take that line.
  if (last > first && sel_.end() == line_start(last)) --last;
  return {first, last};
}

bool TextEditor::rewrite_lines(std::size_t first, std::size_t last, const std::vector<std::string>& lines,
                               long head_shift, long anchor_shift) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) joined += (i ? "\n" : "") + lines[i];
  const std::size_t a = line_start(first), b = line_end(last);
  if (std::string_view(text_).substr(a, b - a) == joined) return false;
  const long delta = static_cast<long>(joined.size()) - static_cast<long>(b - a);
  auto shifted = [&](std::size_t at, long shift) {
    // On the first line: moved by that line's change; after it, by all of it.
    const long moved = static_cast<long>(at) + (at > b ? delta : shift);
    return static_cast<std::size_t>(std::clamp(moved, static_cast<long>(a), static_cast<long>(a + joined.size())));
  };
  Selection after{shifted(sel_.anchor, anchor_shift), shifted(sel_.head, head_shift)};
  coalesce_ = false;
  edit(a, b, joined, after, Kind::other);
  return true;
}

template <class Rewrite, class Shift>
bool TextEditor::change_lines(std::size_t first, std::size_t last, Rewrite&& rewrite, Shift&& shift) {
  std::vector<std::string> lines;
  const std::size_t head_line = line_of(sel_.head), anchor_line = line_of(sel_.anchor);
  const std::size_t head_col = sel_.head - line_start(head_line), anchor_col = sel_.anchor - line_start(anchor_line);
  long total = 0, head_shift = 0, anchor_shift = 0;
  for (std::size_t l = first; l <= last; ++l) {
    std::string s(line_text(l));
    const long change = rewrite(s, l == head_line ? head_col : anchor_col);
    if (l == head_line) head_shift = total + shift(head_col, change);
    if (l == anchor_line) anchor_shift = total + shift(anchor_col, change);
    total += change;
    lines.push_back(std::move(s));
  }
  return rewrite_lines(first, last, lines, head_shift, anchor_shift);
}

bool TextEditor::tab() {
  const auto [first, last] = selected_lines();
  const std::size_t unit = static_cast<std::size_t>(indent_unit());
  if (sel_.empty() || first == last) {
    // Blanks to the next indent stop.
    const std::size_t col = column_of(sel_.begin());
    const std::string pad(unit - col % unit, ' ');
    coalesce_ = false;
    const std::size_t at = sel_.begin() + pad.size();
    edit(sel_.begin(), sel_.end(), pad, {at, at}, Kind::other);
    return true;
  }
  // Every line with text gets one level more; a selection edge at a line's very start
  // stays there, so that whole selected lines stay selected.
  return change_lines(first, last, [&](std::string& line, std::size_t) -> long {
    if (line.empty()) return 0;
    line.insert(0, unit, ' ');
    return static_cast<long>(unit);
  }, [&](std::size_t col, long change) { return col > 0 ? change : 0; });
}

bool TextEditor::untab() {
  const auto [first, last] = selected_lines();
  const std::size_t unit = static_cast<std::size_t>(indent_unit());
  return change_lines(first, last, [&](std::string& line, std::size_t) -> long {
    std::size_t n = 0;
    if (!line.empty() && line[0] == '\t') n = 1;
    else
      while (n < unit && n < line.size() && line[n] == ' ') ++n;
    line.erase(0, n);
    return -static_cast<long>(n);
  }, [&](std::size_t col, long change) { return std::max(change, -static_cast<long>(col)); });
}

bool TextEditor::toggle_comment() {
  if (language_ != Language::python) return false;
  const auto [first, last] = selected_lines();
  std::size_t min_indent = std::string::npos;
  bool all = true, any = false;
  for (std::size_t l = first; l <= last; ++l) {
    const std::string_view s = line_text(l);
    const std::size_t i = s.find_first_not_of(" \t");
    if (i == std::string_view::npos) continue;
    any = true;
    min_indent = std::min(min_indent, i);
    all = all && s[i] == '#';
  }
  if (!any) return false;
  // Where each line changed, for moving the selection with it.
  std::size_t changed_at = 0;
  return change_lines(first, last, [&](std::string& line, std::size_t) -> long {
    const std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos) return 0;
    if (all) {
      const std::size_t n = line.compare(i, 2, "# ") == 0 ? 2 : 1;
      line.erase(i, n);
      changed_at = i;
      return -static_cast<long>(n);
    }
    line.insert(min_indent, "# ");
    changed_at = min_indent;
    return 2;
  }, [&](std::size_t col, long change) -> long {
    if (col < changed_at || (change > 0 && col == changed_at && col == 0)) return 0;
    return change < 0 ? std::max(change, -static_cast<long>(col - changed_at)) : change;
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] Undo
// ---------------------------------------------------------------------------------------

void TextEditor::record(Step s) {
  redo_.clear();
  if (group_open_) return;  // the group becomes one step at end_group()
  if (coalesce_ && !undo_.empty() && undo_.back().kind == s.kind && s.kind != Kind::other) {
    Step& last = undo_.back();
    Change& lc = last.change;
    const Change& c = s.change;
    if (s.kind == Kind::typing && c.removed.empty() && c.at == lc.at + lc.inserted.size()) {
      // A word and the blanks after it are one step; the next word starts another.
      const bool new_word = !lc.inserted.empty() && is_space(lc.inserted.back()) && !is_space(c.inserted.front());
      if (!new_word) {
        lc.inserted += c.inserted;
        history_bytes_ += c.inserted.size();
        last.after = s.after;
        return;
      }
    }
    if (s.kind == Kind::deleting && c.inserted.empty() && lc.inserted.empty()) {
      if (c.at + c.removed.size() == lc.at) {  // Backspace, again
        const bool new_word = !lc.removed.empty() && !is_space(lc.removed.front()) && is_space(c.removed.back());
        if (!new_word) {
          lc.removed.insert(0, c.removed);
          lc.at = c.at;
          history_bytes_ += c.removed.size();
          last.after = s.after;
          return;
        }
      } else if (c.at == lc.at) {  // Delete, again
        lc.removed += c.removed;
        history_bytes_ += c.removed.size();
        last.after = s.after;
        return;
      }
    }
  }
  history_bytes_ += s.change.removed.size() + s.change.inserted.size();
  undo_.push_back(std::move(s));
  while (history_bytes_ > kHistoryBytes && undo_.size() > 1) {
    history_bytes_ -= undo_.front().change.removed.size() + undo_.front().change.inserted.size();
    undo_.erase(undo_.begin());
  }
}

void TextEditor::begin_group() {
  if (group_open_) return;
  group_open_ = true;
  group_base_ = text_;
  group_before_ = sel_;
  coalesce_ = false;
}

void TextEditor::end_group() {
  if (!group_open_) return;
  group_open_ = false;
  Step s;
  s.change = diff(group_base_, text_);
  s.before = group_before_;
  s.after = sel_;
  group_base_.clear();
  if (s.change.empty()) return;
  coalesce_ = false;
  record(std::move(s));
}

bool TextEditor::undo() {
  end_group();
  if (undo_.empty()) return false;
  Step s = std::move(undo_.back());
  undo_.pop_back();
  history_bytes_ -= s.change.removed.size() + s.change.inserted.size();
  unapply(text_, s.change);
  sel_ = s.before;
  goal_set_ = false;
  coalesce_ = false;
  changed();
  redo_.push_back(std::move(s));
  return true;
}

bool TextEditor::redo() {
  if (redo_.empty()) return false;
  Step s = std::move(redo_.back());
  redo_.pop_back();
  apply(text_, s.change);
  sel_ = s.after;
  goal_set_ = false;
  coalesce_ = false;
  changed();
  history_bytes_ += s.change.removed.size() + s.change.inserted.size();
  undo_.push_back(std::move(s));
  return true;
}

void TextEditor::clear_history() {
  undo_.clear();
  redo_.clear();
  history_bytes_ = 0;
  group_open_ = false;
  group_base_.clear();
  coalesce_ = false;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Find
// ---------------------------------------------------------------------------------------

std::optional<Selection> TextEditor::find(std::string_view needle, std::size_t from, bool forwards, bool match_case) const {
  if (needle.empty() || needle.size() > text_.size()) return std::nullopt;
  auto match_at = [&](std::size_t i) {
    for (std::size_t k = 0; k < needle.size(); ++k)
      if (match_case ? text_[i + k] != needle[k] : lower(text_[i + k]) != lower(needle[k])) return false;
    return true;
  };
  const std::size_t last = text_.size() - needle.size();
  from = std::min(from, text_.size());
  if (forwards) {
    for (std::size_t i = from; i <= last; ++i)
      if (match_at(i)) return Selection{i, i + needle.size()};
    for (std::size_t i = 0; i < from && i <= last; ++i)
      if (match_at(i)) return Selection{i, i + needle.size()};
  } else {
    // The last match that ends at or before `from`, then round from the end.
    for (std::size_t i = std::min(last + 1, from >= needle.size() ? from - needle.size() + 1 : 0); i-- > 0;)
      if (match_at(i)) return Selection{i, i + needle.size()};
    for (std::size_t i = last + 1; i-- > 0;)
      if (match_at(i)) return Selection{i, i + needle.size()};
  }
  return std::nullopt;
}

bool TextEditor::find_next(std::string_view needle, bool forwards, bool match_case) {
  const auto hit = find(needle, forwards ? sel_.end() : sel_.begin(), forwards, match_case);
  if (!hit) return false;
  select(hit->begin(), hit->end());
  return true;
}

}  // namespace trioscope::edit
