// What of a long text the screen lays out. A printed line can be a megabyte and an exception
// name as long as a file allows; nobody reads past the first few thousand characters of a
// line, and laying out all of it each frame would freeze the app (and overflow the 16-bit
// vertex indices of an ImGui draw call). So a text shown is cut to a few kilobytes, at a code
// point, with a note of how much was left out; the trace and the exports keep it whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace trioscope::view {

// Bytes of one line a panel lays out; past it the line is cut.
inline constexpr std::size_t kMaxShownBytes = 4096;

// The longest prefix of `s` of at most `max_bytes` bytes that ends at a code point.
std::string_view shown_part(std::string_view s, std::size_t max_bytes = kMaxShownBytes);

// `s` itself when it fits, else its shown part and " … (1,234,567 more bytes)".
std::string shown_text(std::string_view s, std::size_t max_bytes = kMaxShownBytes);

}  // namespace trioscope::view
