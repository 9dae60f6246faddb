// UTF-8, as far as the engine and its views need it: code point boundaries and counts.
// Text in traces, scenarios and on screen is UTF-8 throughout; these never decode.
#pragma once

#include <cstddef>
#include <string_view>

namespace trio::utf8 {

// A byte that continues a code point (10xxxxxx).
inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The length of the sequence a lead byte starts (1 for ASCII and for stray bytes).
inline std::size_t sequence_length(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

inline std::size_t count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !is_continuation(c);
  return n;
}

// The start of the code point after the one at `i` (s.size() at the end).
inline std::size_t next(std::string_view s, std::size_t i) {
  if (i >= s.size()) return s.size();
  ++i;
  while (i < s.size() && is_continuation(s[i])) ++i;
  return i;
}

// `i` moved back to the start of the code point it is in.
inline std::size_t boundary_at_or_before(std::string_view s, std::size_t i) {
  if (i >= s.size()) return s.size();
  while (i > 0 && is_continuation(s[i])) --i;
  return i;
}

}  // namespace trio::utf8
