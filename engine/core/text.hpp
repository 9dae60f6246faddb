// Python's text, held as UTF-8.
//
// A Python str is a sequence of code points, lone surrogates included (`f"{0xD800:c}"`
// makes one). The engine keeps text as UTF-8 and writes a lone surrogate the way WTF-8
// does (ED A0 80 for U+D800), so that it survives until print(), where Python refuses to
// encode it (UnicodeEncodeError), and repr() can show it as '\ud800'.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace trio {

// Code points of UTF-8 (or WTF-8) text; a stray byte counts as one.
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t c);  // surrogates as WTF-8
std::string encode_utf8(std::u32string_view s);
std::size_t code_points(std::string_view s);

// str.isprintable() for one code point (Python 3.11's Unicode 14 tables).
bool is_printable(char32_t c);
// unicodedata.decimal(c): 0..9, or -1 when c is not a decimal digit.
int decimal_value(char32_t c);
// The escape repr() uses for a code point it does not show: \xNN, \uNNNN or \UNNNNNNNN.
std::string escape_code_point(char32_t c);

// repr(str) and ascii(obj) given repr(obj): non-ASCII code points escaped.
std::string str_repr(std::string_view s);
std::string ascii_of_repr(std::string_view repr);

// The first run of lone surrogates in `s`, as [start, end) code point indexes: what
// UnicodeEncodeError reports when print() writes `s` as UTF-8.
std::optional<std::pair<std::size_t, std::size_t>> surrogate_run(std::string_view s);

}  // namespace trio
