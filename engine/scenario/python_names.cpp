#include "scenario/python_names.hpp"

#include <algorithm>
#include <array>

#include "core/exception.hpp"

namespace trioscope::scenario {

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

bool is_python_keyword(std::string_view s) {
  static constexpr std::array<std::string_view, 35> kw = {
      "False", "None",   "True",    "and",      "as",     "assert", "async", "await", "break",
      "class", "continue", "def",   "del",      "elif",   "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",     "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",    "while",  "with",  "yield"};
  return std::find(kw.begin(), kw.end(), s) != kw.end();
}

bool is_listing_name(std::string_view s) {
  return s == "trio" || s == "time" || s == "print" || s == "range" || s == "task_status";
}

std::string name_problem(std::string_view name, const char* what) {
  if (is_identifier(name) && !is_python_keyword(name) && !is_listing_name(name)) return "";
  std::string s(name), q = "\"" + s + "\"";
  if (!is_identifier(s))
    return q + " is not a valid " + what + " name; expected letters, digits and _, not starting with a digit";
  if (is_python_keyword(s)) return q + " is a Python keyword, so it cannot be a " + what + " name";
  return q + " is already used by the Python program (" +
         (s == "task_status" ? std::string("the parameter of started tasks")
                             : s == "trio" || s == "time" ? "the " + s + " module" : s + "()") +
         "); choose another " + what + " name";
}

std::string comment_problem(std::string_view text) {
  for (unsigned char c : text) {
    if (c == '\n' || c == '\r')
      return "a comment is one line of text; use one comment statement per line";
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      return "a comment cannot hold control characters (only text and tabs)";
  }
  return "";
}

bool is_exception_type_name(std::string_view s) {
  return is_identifier(s) && s[0] >= 'A' && s[0] <= 'Z';
}

bool is_trio_exception(std::string_view s) { return s == "Cancelled" || s == "TooSlowError"; }

bool is_custom_exception(const std::string& s) { return !trio::is_known_builtin(s); }

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

namespace {

std::size_t distance_limit(std::string_view s) { return std::max<std::size_t>(1, s.size() / 3); }

std::size_t length_gap(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

// Keeps the best of the candidates offered, in the order offered (the first wins a tie).
struct Best {
  std::string_view s;
  std::size_t limit;
  std::size_t examined = 0;
  std::size_t best_d;
  std::string best;
  explicit Best(std::string_view query) : s(query), limit(distance_limit(query)), best_d(limit + 1) {}
  bool done() const { return examined >= kMaxSuggestionCandidates || best_d == 0; }
  void offer(const std::string& c) {
    if (c.size() > kMaxSuggestedName || length_gap(c.size(), s.size()) >= best_d) return;
    ++examined;
    const std::size_t d = edit_distance(s, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
};

}  // namespace

std::string closest_name(std::string_view s, const std::vector<std::string>& candidates) {
  if (s.empty() || s.size() > kMaxSuggestedName) return "";
  Best b(s);
  for (const auto& c : candidates) {
    if (b.done()) break;
    b.offer(c);
  }
  return b.best;
}

std::string did_you_mean(std::string_view s, const std::vector<std::string>& candidates) {
  std::string best = closest_name(s, candidates);
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

NameSuggester::NameSuggester(std::vector<std::string> candidates) : by_length_(std::move(candidates)) {
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
}

std::string NameSuggester::closest(std::string_view s) const {
  if (s.empty() || s.size() > kMaxSuggestedName) return "";
  Best b(s);
  // Only the names whose length is within the limit (shortest first).
  const std::size_t lo = s.size() > b.limit ? s.size() - b.limit : 0, hi = s.size() + b.limit;
  auto first = std::lower_bound(by_length_.begin(), by_length_.end(), lo,
                                [](const std::string& c, std::size_t n) { return c.size() < n; });
  for (auto it = first; it != by_length_.end() && it->size() <= hi && !b.done(); ++it) b.offer(*it);
  return b.best;
}

std::string NameSuggester::did_you_mean(std::string_view s) const {
  std::string best = closest(s);
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

std::string join_some(const std::vector<std::string>& items, std::size_t most) {
  if (items.size() <= most) return join(items);
  std::string out;
  for (std::size_t i = 0; i < most; ++i) out += items[i] + ", ";
  std::string n = std::to_string(items.size());
  for (std::size_t i = n.size(); i > 3; i -= 3) n.insert(i - 3, ",");
  return out + "... (" + n + " in all)";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace trioscope::scenario
