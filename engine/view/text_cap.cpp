#include "view/text_cap.hpp"

#include "core/utf8.hpp"
#include "view/exc_text.hpp"

namespace trioscope::view {

std::string_view shown_part(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  return s.substr(0, trio::utf8::boundary_at_or_before(s, max_bytes));
}

std::string shown_text(std::string_view s, std::size_t max_bytes) {
  const std::string_view part = shown_part(s, max_bytes);
  if (part.size() == s.size()) return std::string(s);
  const std::size_t more = s.size() - part.size();
  return std::string(part) + " \xE2\x80\xA6 (" + thousands(more) + (more == 1 ? " more byte)" : " more bytes)");
}

}  // namespace trioscope::view
