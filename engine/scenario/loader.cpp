// Loading runs in this order, and stops early only where going on would make no sense:
//
//   size limit  ->  scan_json (syntax, depth, duplicate keys, 64-bit integers; stops on
//   syntax/depth)  ->  DOM  ->  scenario_from_json (form)  ->  validate (cross-references)
//   ->  locate_pointers (one more pass, for the line:column of every statement and problem)
//   ->  to_python (the py_line of every statement, in the default listing)
#include "scenario/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>

#include "scenario/from_json.hpp"
#include "scenario/json_positions.hpp"
#include "scenario/python_listing.hpp"
#include "scenario/validate.hpp"

namespace trioscope::scenario {

std::string Diagnostic::format() const {
  std::string s = file;
  if (pos.line) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
  s += ": error: " + message;
  if (!pos.pointer.empty()) s += " (at " + pos.pointer + ")";
  return s;
}

namespace {

std::string size_message() {
  return "the file is larger than " + std::to_string(kMaxFileBytes / (1024 * 1024)) +
         " MiB, the limit for scenario files";
}

// A problem's pointer may name a field the file leaves out (a default `nursery`, missing
// `args`); it is then reported at the nearest enclosing value that is there.
std::string parent_pointer(const std::string& p) { return p.substr(0, p.rfind('/')); }

}  // namespace

LoadResult load_scenario_text(std::string_view text, const std::string& path) {
  LoadResult result;
  if (text.size() > kMaxFileBytes) {
    result.errors.push_back({path, {}, size_message()});
    return result;
  }
  LineIndex lines(text);
  auto at_offset = [&](std::size_t offset, const std::string& pointer) {
    auto [line, col] = lines.line_col(offset);
    return FilePos{pointer, line, col};
  };

  // Syntax first: without a document there is nothing more to check.
  std::vector<std::pair<std::size_t, Diagnostic>> found;  // (offset, diagnostic)
  bool fatal = false;
  for (auto& p : scan_json(text)) {
    fatal = fatal || p.fatal;
    std::string message = p.pointer.empty() && p.fatal ? "not valid JSON: " + p.message : p.message;
    found.push_back({p.offset, Diagnostic{path, at_offset(p.offset, p.pointer), message}});
  }

  Scenario sc;
  if (!fatal) {
    Problems problems;
    nlohmann::ordered_json doc;
    try {
      doc = nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {  // scan_json should have caught it
      result.errors.push_back({path, {}, std::string("not valid JSON: ") + e.what()});
      return result;
    }
    sc = scenario_from_json(doc, problems);
    validate(sc, problems);

    std::vector<FilePos*> positions;
    for (auto& f : sc.functions) {
      positions.push_back(&f.pos);
      for_each_statement(f.body, [&](Statement& st) {
        positions.push_back(&st.pos);
        for (auto& h : st.handlers) positions.push_back(&h.pos);
      });
    }
    std::set<std::string> wanted;
    for (auto* p : positions) wanted.insert(p->pointer);
    for (const auto& pr : problems.list)
      for (std::string p = pr.pointer;; p = parent_pointer(p)) {
        wanted.insert(p);
        if (p.empty()) break;
      }
    auto locs = locate_pointers(text, wanted);

    for (auto* p : positions) {
      auto it = locs.find(p->pointer);
      if (it != locs.end()) *p = at_offset(it->second.value, p->pointer);
    }
    for (const auto& pr : problems.list) {
      std::string p = pr.pointer;
      auto it = locs.find(p);
      bool exact = it != locs.end();
      while (it == locs.end() && !p.empty()) it = locs.find(p = parent_pointer(p));
      std::size_t offset = 0;
      if (it != locs.end()) offset = exact && pr.at_key ? it->second.key : it->second.value;
      found.push_back({offset, Diagnostic{path, at_offset(offset, p), pr.message}});
    }
  }

  // File order reads best; problems at the same place keep the order they were found in.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [offset, d] : found) result.errors.push_back(std::move(d));
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
  auto error = [&](std::string message) {
    LoadResult r;
    r.errors.push_back({path, {}, std::move(message)});
    return r;
  };
  std::string text;
  if (path == "-") {
    // Read one byte past the limit, so an oversized input is refused without storing it all.
    std::istreambuf_iterator<char> it(std::cin), end;
    for (; it != end && text.size() <= kMaxFileBytes; ++it) text.push_back(*it);
    if (text.size() > kMaxFileBytes) return error(size_message());
    return load_scenario_text(text, path);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return error("cannot read the file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(std::string("cannot open the file: ") + std::strerror(errno));
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) return error(size_message());
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return error(std::string("cannot read the file: ") + std::strerror(errno));
  return load_scenario_text(text, path);
}

}  // namespace trioscope::scenario
