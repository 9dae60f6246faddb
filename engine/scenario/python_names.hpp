// Python's rules for the names a scenario gives to functions, variables and exception types,
// so that the Python listing of a valid scenario is always a valid program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trioscope::scenario {

// ASCII identifiers only: letters, digits and `_`, not starting with a digit.
bool is_identifier(std::string_view s);
bool is_python_keyword(std::string_view s);
// Names the listing itself uses at module or function level (`trio`, `time`, `print`,
// `range`, `task_status`): a scenario name equal to one of them would hide it.
bool is_listing_name(std::string_view s);
// Why `name` cannot name a `what` ("function", "variable", ...) in a scenario: not an ASCII
// identifier, a Python keyword, or a name the program itself needs. "" when it can.
std::string name_problem(std::string_view name, const char* what);
// Why `text` cannot be a comment statement's text (it must fit on one line of Python), or "".
std::string comment_problem(std::string_view text);
// CapWords, as Python's exception classes are named: `ValueError`, `Oops`.
bool is_exception_type_name(std::string_view s);
// Trio's own exceptions, written `trio.Cancelled` / `trio.TooSlowError` in Python.
bool is_trio_exception(std::string_view s);
// Neither built in nor Trio's: the listing declares `class Name(Exception): pass`.
bool is_custom_exception(const std::string& s);

// The candidate closest to `s` (edit distance at most a third of its length, at least 1),
// or "" when none is close enough. For "did you mean" hints. The search is bounded, so that a
// file with a hundred thousand names and as many mistakes is still checked in moments: names
// longer than kMaxSuggestedName are neither looked up nor suggested, only candidates of a
// length within the distance are compared, and at most kMaxSuggestionCandidates of them.
inline constexpr std::size_t kMaxSuggestedName = 64;
inline constexpr std::size_t kMaxSuggestionCandidates = 2000;
std::string closest_name(std::string_view s, const std::vector<std::string>& candidates);
// `; did you mean "name"?` for the closest candidate, or "".
std::string did_you_mean(std::string_view s, const std::vector<std::string>& candidates);

// The same search over one list of candidates asked many times (every unknown name in a
// file): the candidates are sorted by length once, so a question looks only at names of a
// length that could be close.
class NameSuggester {
 public:
  NameSuggester() = default;
  explicit NameSuggester(std::vector<std::string> candidates);
  std::string closest(std::string_view s) const;
  // `; did you mean "name"?`, or "".
  std::string did_you_mean(std::string_view s) const;
  const std::vector<std::string>& names() const { return by_length_; }  // shortest first

 private:
  std::vector<std::string> by_length_;  // stable by length: first come first among equals
};

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
// The first `most` items joined with ", ", and how many there are when that is not all:
// "a, b, c, ... (12,000 in all)". Messages name what was expected without growing with it.
inline constexpr std::size_t kMaxListed = 12;
std::string join_some(const std::vector<std::string>& items, std::size_t most = kMaxListed);

}  // namespace trioscope::scenario
