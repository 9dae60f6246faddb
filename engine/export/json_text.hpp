// JSON strings written by hand (the trace of a big run has millions of them): quoted,
// escaped, broken UTF-8 replaced by U+FFFD so that every parser accepts the file, and for
// a page's <script>, `<`, `>` and `&` as \u escapes so that no text can end the script.
#pragma once

#include <string>
#include <string_view>

namespace trioscope::exporting {

void append_json_string(std::string& out, std::string_view s, bool html_safe = false);
// A number as JSON has it (finite; whole numbers without a fraction).
void append_json_number(std::string& out, double v);

}  // namespace trioscope::exporting
