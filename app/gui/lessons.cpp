#include "gui/lessons.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "scenario/loader.hpp"

namespace trioscope::gui {

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path c = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path).lexically_normal().string() : c.string();
}

std::vector<Lesson> find_lessons(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<Lesson> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    // schema.json describes the format; it is not a lesson.
    if (p.extension() != ".json" || p.filename() == "schema.json") continue;
    Lesson l;
    l.path = p.string();
    l.canonical = canonical_path(l.path);
    l.file = p.filename().string();
    const scenario::LoadResult r = scenario::load_scenario_file(l.path);
    l.valid = r.ok();
    if (r.ok()) {
      l.title = r.scenario->title;
      l.description = r.scenario->description;
    }
    if (l.title.empty()) l.title = l.file;
    out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(), [](const Lesson& a, const Lesson& b) { return a.file < b.file; });
  return out;
}

}  // namespace trioscope::gui
