#include "export/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "export/fonts.hpp"

namespace trioscope::exporting {

void append_json_string(std::string& out, std::string_view s, bool html_safe) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t start = i;
      const char32_t cp = decode_utf8(s, i);
      if (cp == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") out += "\xEF\xBF\xBD";
      else out.append(s.substr(start, i - start));
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || (html_safe && (c == '<' || c == '>' || c == '&'))) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    out.append(buf, r.ptr);
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace trioscope::exporting
