#include "edit/text_diff.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace trioscope::edit {

Change diff(std::string_view before, std::string_view after) {
  const std::size_t n = std::min(before.size(), after.size());
  std::size_t head = 0;
  while (head < n && before[head] == after[head]) ++head;
  // Back to a code point boundary, so that the change holds whole characters.
  auto inside = [](std::string_view s, std::size_t i) { return i < s.size() && trio::utf8::is_continuation(s[i]); };
  while (head > 0 && (inside(before, head) || inside(after, head))) --head;
  std::size_t tail = 0;
  while (tail < n - head && before[before.size() - 1 - tail] == after[after.size() - 1 - tail]) ++tail;
  // The kept end starts at a boundary in both texts.
  while (tail > 0 && trio::utf8::is_continuation(before[before.size() - tail])) --tail;
  Change c;
  c.at = head;
  c.removed = std::string(before.substr(head, before.size() - head - tail));
  c.inserted = std::string(after.substr(head, after.size() - head - tail));
  return c;
}

void apply(std::string& text, const Change& c) { text.replace(c.at, c.removed.size(), c.inserted); }

void unapply(std::string& text, const Change& c) { text.replace(c.at, c.inserted.size(), c.removed); }

}  // namespace trioscope::edit
