#include "cli/paths.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace trioscope {

namespace {
fs::path executable_dir(const char* argv0) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty()) self = fs::absolute(argv0 ? argv0 : ".", ec);
  return self.parent_path();
}
}  // namespace

std::string lessons_dir(const char* argv0) {
  fs::path exe = executable_dir(argv0);
  for (const fs::path& candidate : {exe / "scenarios", exe.parent_path() / "scenarios",
                                    exe.parent_path() / "share" / "trioscope" / "scenarios",
                                    fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios"}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec) && fs::exists(candidate / "schema.json", ec)) return candidate.string();
  }
  return (fs::path(TRIOSCOPE_SOURCE_DIR) / "scenarios").string();
}

std::string default_scenario(const char* argv0) {
  return (fs::path(lessons_dir(argv0)) / "01_first_nursery.json").string();
}

}  // namespace trioscope
