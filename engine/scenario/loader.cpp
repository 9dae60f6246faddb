// A Python text goes to load_python_text (python_import.cpp). A JSON one is read here, in
// this order, stopping early only where going on would make no sense:
//
//   size limit  ->  read_json (one parse: syntax, depth, duplicate keys, 64-bit integers,
//   and a document that knows where each value starts; stops on syntax/depth)  ->
//   scenario_from_json (form; every statement gets its line:column on the way)  ->
//   validate (cross-references)  ->  to_python (the py_line of every statement)
//
// Problems carry only JSON pointers; each is looked up in the document when it is reported,
// so a valid file never pays for finding places nobody asks about.
#include "scenario/loader.hpp"

#include <algorithm>

#include "scenario/from_json.hpp"
#include "scenario/json_positions.hpp"
#include "scenario/problems.hpp"
#include "scenario/python_import.hpp"
#include "scenario/python_listing.hpp"
#include "scenario/read_file.hpp"
#include "scenario/validate.hpp"

namespace trioscope::scenario {

namespace {
std::string with_commas(std::size_t n) {
  std::string s = std::to_string(n);
  for (std::size_t i = s.size(); i > 3; i -= 3) s.insert(i - 3, ",");
  return s;
}
}  // namespace

void cap_reported(std::vector<Diagnostic>& v, std::size_t more, const std::string& path, Severity severity) {
  if (v.size() > kMaxReported) {
    more += v.size() - kMaxReported;
    v.resize(kMaxReported);
  }
  // A message quoting a name of megabytes says what it must in its first kilobytes.
  for (Diagnostic& d : v) {
    if (d.message.size() <= kMaxMessageBytes) continue;
    std::size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(d.message[cut]) & 0xC0) == 0x80) --cut;
    const std::size_t left = d.message.size() - cut;
    d.message = d.message.substr(0, cut) + "\xE2\x80\xA6 (" + std::to_string(left) + " more bytes)";
  }
  if (more == 0) return;
  const std::string n = with_commas(more);
  const char* what = severity == Severity::warning ? (more == 1 ? " more warning" : " more warnings")
                                                   : (more == 1 ? " more error" : " more errors");
  Diagnostic d;
  d.file = path;
  d.severity = severity;
  d.message = "... and " + n + what + " (the first " + std::to_string(v.size()) + " are listed)";
  v.push_back(std::move(d));
}

std::string Diagnostic::format() const {
  std::string s = file;
  if (pos.line) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
  s += severity == Severity::warning ? ": warning: " : ": error: ";
  s += message;
  if (!pos.pointer.empty()) s += " (at " + pos.pointer + ")";
  return s;
}

namespace {

// A problem with the file as a whole: no line, no pointer.
Diagnostic file_error(const std::string& path, std::string message) {
  Diagnostic d;
  d.file = path;
  d.message = std::move(message);
  return d;
}

// A problem's pointer may name a field the file leaves out (a default `nursery`, missing
// `args`); it is then reported at the nearest enclosing value that is there.
std::string parent_pointer(const std::string& p) { return p.substr(0, p.rfind('/')); }

using Found = std::vector<std::pair<std::size_t, Diagnostic>>;  // (offset, diagnostic)

// Reads and checks `text` into `sc`, adding every problem to `found`. The document lives only
// in here: once the problems have their places, nothing needs it.
void read_and_check(std::string_view text, const std::string& path, const LineIndex& lines, Scenario& sc,
                    Found& found, std::size_t& more_errors, std::size_t& more_warnings) {
  auto at_offset = [&](std::size_t offset, std::string pointer) {
    auto [line, col] = lines.line_col(offset);
    return FilePos{std::move(pointer), line, col};
  };
  ReadJson json = read_json(text);
  for (auto& p : json.problems) {
    std::string message = p.pointer.empty() && p.fatal ? "not valid JSON: " + p.message : std::move(p.message);
    found.push_back({p.offset, Diagnostic{path, at_offset(p.offset, std::move(p.pointer)), std::move(message)}});
  }
  more_errors += json.dropped;
  if (json.fatal) return;  // syntax first: without a document there is nothing more to check

  Problems problems;
  sc = scenario_from_json(json.doc, lines, problems);
  validate(sc, problems);
  more_errors += problems.dropped_errors;
  more_warnings += problems.dropped_warnings;
  for (auto& pr : problems.list) {
    std::string p = std::move(pr.pointer);
    auto loc = json.doc.locate(p);
    bool exact = loc.has_value();
    while (!loc && !p.empty()) loc = json.doc.locate(p = parent_pointer(p));
    std::size_t offset = 0;
    if (loc) offset = exact && pr.at_key ? loc->key : loc->value;
    found.push_back({offset, Diagnostic{path, at_offset(offset, std::move(p)), std::move(pr.message),
                                        pr.warning ? Severity::warning : Severity::error}});
  }
}

}  // namespace

SourceKind source_kind_of(std::string_view text, const std::string& path) {
  auto ends_with = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    for (std::size_t i = 0; i < ext.size(); ++i) {
      char c = path[path.size() - ext.size() + i];
      if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != ext[i]) return false;
    }
    return true;
  };
  if (ends_with(".py")) return SourceKind::python;
  if (ends_with(".json")) return SourceKind::json;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] == '{' || text[first] == '[') return SourceKind::json;
  return SourceKind::python;
}

LoadResult load_scenario_text(std::string_view text, const std::string& path) {
  return load_scenario_text(text, path, source_kind_of(text, path));
}

LoadResult load_scenario_text(std::string_view text, const std::string& path, SourceKind kind) {
  LoadResult result;
  result.source = kind;
  if (text.size() > kMaxFileBytes) {
    result.errors.push_back(file_error(path, too_large_message(kMaxFileBytes)));
    return result;
  }
  if (kind == SourceKind::python) return load_python_text(text, path);
  LineIndex lines(text);
  Scenario sc;
  Found found;
  std::size_t more_errors = 0, more_warnings = 0;
  read_and_check(text, path, lines, sc, found, more_errors, more_warnings);

  // File order reads best; problems at the same place keep the order they were found in.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [offset, d] : found)
    (d.severity == Severity::warning ? result.warnings : result.errors).push_back(std::move(d));
  cap_reported(result.errors, more_errors, path, Severity::error);
  cap_reported(result.warnings, more_warnings, path, Severity::warning);
  if (result.errors.empty()) {
    sc.path = path;
    // Statements know their line in the (default) Python listing from the start, so a run's
    // trace always carries it, whether or not anyone shows the listing.
    to_python(sc);
    result.scenario = std::move(sc);
  }
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  ReadResult read = read_text_file(path, kMaxFileBytes);
  if (!read.ok) {
    LoadResult r;
    r.errors.push_back(file_error(path, std::move(read.error)));
    return r;
  }
  return load_scenario_text(read.text, path);
}

}  // namespace trioscope::scenario
