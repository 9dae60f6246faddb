#include "resources.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace trioscope {

namespace {
fs::path executable_dir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path(ec) : self.parent_path();
}
}  // namespace

std::string find_resource(const std::string& relative) {
  const fs::path exe = executable_dir();
  fs::path roots[3];
  int n = 0;
  if (const char* env = std::getenv("TRIOSCOPE_DATA_DIR"); env && *env) roots[n++] = env;
  roots[n++] = exe / "share" / "trioscope";
  roots[n++] = exe.parent_path() / "share" / "trioscope";
  for (int i = 0; i < n; ++i) {
    std::error_code ec;
    const fs::path p = roots[i] / relative;
    if (fs::exists(p, ec)) return p.string();
  }
  return "";
}

std::string lessons_dir() { return find_resource("scenarios"); }

std::string default_scenario() {
  const std::string dir = lessons_dir();
  return dir.empty() ? std::string() : (fs::path(dir) / "01_first_nursery.json").string();
}

std::string find_font(const char* file_name) {
  if (std::string p = find_resource(std::string("fonts/") + file_name); !p.empty()) return p;
  std::error_code ec;
  const fs::path system = fs::path("/usr/share/fonts/truetype/dejavu") / file_name;
  return fs::is_regular_file(system, ec) ? system.string() : std::string();
}

}  // namespace trioscope
