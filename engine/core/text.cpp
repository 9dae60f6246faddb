#include "core/text.hpp"

#include <algorithm>
#include <cstdio>

namespace trio {

namespace {

struct CodeRange {
  char32_t first, last;
};

#include "core/unicode_tables.inc"

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

}  // namespace

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) {
      out.push_back(b);  // a stray byte: keep it as what it is
      ++i;
      continue;
    }
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (std::size_t k = 1; k < n; ++k) {
      auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cont & 0x3F);
    }
    if (!ok) {
      out.push_back(b);
      ++i;
      continue;
    }
    out.push_back(c);
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_printable(char32_t c) {
  // kNotPrintable is sorted: find the last range that starts at or before c.
  auto it = std::upper_bound(std::begin(kNotPrintable), std::end(kNotPrintable), c,
                             [](char32_t v, const CodeRange& r) { return v < r.first; });
  if (it == std::begin(kNotPrintable)) return true;
  --it;
  return c > it->last;
}

int decimal_value(char32_t c) {
  if (c >= '0' && c <= '9') return int(c - '0');
  auto it = std::upper_bound(std::begin(kDecimalZeros), std::end(kDecimalZeros), c);
  if (it == std::begin(kDecimalZeros)) return -1;
  char32_t zero = *(it - 1);
  return c - zero < 10 ? int(c - zero) : -1;
}

std::string escape_code_point(char32_t c) {
  char buf[16];
  if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
  else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
  else std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(c));
  return buf;
}

namespace {
// repr() of ASCII text, byte by byte: the common case, and a long text's repr must not cost
// a decoding into code points (four bytes each) first.
std::string ascii_str_repr(std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char q = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += q;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += escape_code_point(c);
    } else {
      out += ch;
    }
  }
  out += q;
  return out;
}
}  // namespace

std::string str_repr(std::string_view s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return ascii_str_repr(s);
  std::u32string cps = decode_utf8(s);
  bool has_single = std::find(cps.begin(), cps.end(), U'\'') != cps.end();
  bool has_double = std::find(cps.begin(), cps.end(), U'"') != cps.end();
  char32_t q = (has_single && !has_double) ? U'"' : U'\'';
  std::string out(1, char(q));
  for (char32_t c : cps) {
    if (c == q || c == U'\\') {
      out += '\\';
      out += char(c);
    } else if (c == U'\t') {
      out += "\\t";
    } else if (c == U'\n') {
      out += "\\n";
    } else if (c == U'\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += escape_code_point(c);
    } else if (c < 0x7F || is_printable(c)) {
      append_utf8(out, c);
    } else {
      out += escape_code_point(c);
    }
  }
  out += char(q);
  return out;
}

std::string ascii_of_repr(std::string_view repr) {
  std::string out;
  for (char32_t c : decode_utf8(repr)) {
    if (c < 0x80) out += char(c);
    else out += escape_code_point(c);
  }
  return out;
}

std::optional<std::pair<std::size_t, std::size_t>> surrogate_run(std::string_view s) {
  // Only a 3-byte sequence ED A0..BF xx encodes a surrogate; look for its lead byte first.
  if (s.find('\xED') == std::string_view::npos) return std::nullopt;
  std::u32string cps = decode_utf8(s);
  auto first = std::find_if(cps.begin(), cps.end(), is_surrogate);
  if (first == cps.end()) return std::nullopt;
  auto last = std::find_if_not(first, cps.end(), is_surrogate);
  return std::make_pair(std::size_t(first - cps.begin()), std::size_t(last - cps.begin()));
}

}  // namespace trio
