// Loading and validating scenario files: JSON, or Trio Python (python_import.hpp).
//
// Every problem is reported, not just the first, each with the file, line and column (and
// JSON pointer) and what was expected. Nothing runs unless the whole file is valid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

// Limits that keep a malformed or hostile file from exhausting memory or the stack.
inline constexpr std::size_t kMaxFileBytes = 16u * 1024 * 1024;
inline constexpr int kMaxNestingDepth = 64;  // nested blocks (statement bodies) in one function

// An error stops a file from running; a warning does not: it points at something Python
// runs (so the scenario runs it too) that is very likely not what the author meant, such as
// `started()` in a function no `start` begins. Checks that teach may add more warnings.
enum class Severity : std::uint8_t { error, warning };

struct Diagnostic {
  std::string file;   // as given ("-" for standard input)
  FilePos pos;
  std::string message;  // what is wrong and what was expected
  Severity severity = Severity::error;
  // "FILE:LINE:COL: error: MESSAGE (at /json/pointer)" (or "warning:")
  std::string format() const;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when errors is empty
  std::vector<Diagnostic> errors;
  SourceKind source = SourceKind::json;  // what the text was read as (also when it failed)
  std::vector<Diagnostic> warnings;  // in file order; the scenario is loaded all the same
  bool ok() const { return scenario.has_value(); }
};

// At most kMaxReported (problems.hpp) of `v`, which is in file order, and `more` problems
// past those kept: the rest are left out, and one last diagnostic says how many ("... and
// 12,345 more errors"), so that a file with a million mistakes lists a readable few hundred.
// A message longer than kMaxMessageBytes is cut there ("… (199,000 more bytes)").
void cap_reported(std::vector<Diagnostic>& v, std::size_t more, const std::string& path, Severity severity);

// What a text is, by its name: `.py` is Python, `.json` JSON; any other name (standard input
// "-" among them) by its first character other than spaces and a byte-order mark: `{` or
// `[` (or nothing at all) is JSON, anything else Python.
SourceKind source_kind_of(std::string_view text, const std::string& path);

// `path` names the text in messages; it is not opened. The text is read as source_kind_of
// says, or as `kind`.
LoadResult load_scenario_text(std::string_view text, const std::string& path);
LoadResult load_scenario_text(std::string_view text, const std::string& path, SourceKind kind);
// Reads the file ("-": standard input); an unreadable or oversized file is an error value.
LoadResult load_scenario_file(const std::string& path);

}  // namespace trioscope::scenario
