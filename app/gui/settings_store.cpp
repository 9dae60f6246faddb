#include "gui/settings_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "document/atomic_file.hpp"

namespace trioscope::gui {

namespace fs = std::filesystem;

std::string settings_path() {
  if (const char* p = std::getenv("TRIOSCOPE_CONFIG"); p && *p) return std::string(p) == "none" ? "" : p;
  fs::path base;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) base = x;
  else if (const char* h = std::getenv("HOME"); h && *h) base = fs::path(h) / ".config";
  else return "";
  return (base / "trioscope" / "app.ini").string();
}

namespace {
float to_float(const std::string& v, float lo, float hi, float fallback) {
  char* end = nullptr;
  const float f = std::strtof(v.c_str(), &end);
  if (end == v.c_str() || !(f == f)) return fallback;
  return std::clamp(f, lo, hi);
}
int to_int(const std::string& v, int lo, int hi, int fallback) {
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (end == v.c_str()) return fallback;
  return static_cast<int>(std::clamp<long>(n, lo, hi));
}
}  // namespace

bool load_settings(const std::string& path, Preferences& p) {
  if (path.empty()) return false;
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "theme") p.theme = v == "dark" ? view::Theme::dark : view::Theme::light;
    else if (k == "ui_scale") p.ui_scale = to_float(v, kScaleMin, kScaleMax, p.ui_scale);
    else if (k == "animation_seconds") p.anim_seconds = to_float(v, 0.0f, 5.0f, p.anim_seconds);
    else if (k == "speed") p.speed = to_float(v, 0.25f, 60.0f, p.speed);
    else if (k == "show_lessons") p.show_lessons = v == "1";
    else if (k == "lessons_width") p.lessons_width = to_float(v, 0.08f, 0.5f, p.lessons_width);
    else if (k == "side_width") {
      // 0 (or anything too small to be a dragged width): fit the code.
      p.side_width = to_float(v, 0.0f, 0.7f, p.side_width);
      if (p.side_width < 0.15f) p.side_width = 0;
    }
    else if (k == "timeline_widened") p.tl_widened = v == "1";
    else if (k == "timeline_show_future") p.tl_show_future = v == "1";
    else if (k == "code_height") p.code_height = to_float(v, 0.15f, 0.85f, p.code_height);
    else if (k == "timeline_height") p.timeline_height = to_float(v, 0.1f, 0.7f, p.timeline_height);
    else if (k == "window_x") p.window.x = to_int(v, -100000, 100000, -1);
    else if (k == "window_y") p.window.y = to_int(v, -100000, 100000, -1);
    else if (k == "window_width") p.window.width = to_int(v, 320, 16384, p.window.width);
    else if (k == "window_height") p.window.height = to_int(v, 240, 16384, p.window.height);
    else if (k == "window_maximized") p.window.maximized = v == "1";
    else if (k == "last_file") p.last_file = v;
    else if (k == "recent_file" && !v.empty() && p.recent_files.size() < Preferences::kRecentFiles) p.recent_files.push_back(v);
  }
  return true;
}

std::string settings_text(const Preferences& p) {
  std::ostringstream o;
  o << "# trioscope: window and look, written by the app\n";
  o << "theme=" << view::theme_name(p.theme) << "\n";
  o << "ui_scale=" << p.ui_scale << "\n";
  o << "animation_seconds=" << p.anim_seconds << "\n";
  o << "speed=" << p.speed << "\n";
  o << "show_lessons=" << (p.show_lessons ? 1 : 0) << "\n";
  o << "lessons_width=" << p.lessons_width << "\n";
  o << "side_width=" << p.side_width << "\n";
  o << "code_height=" << p.code_height << "\n";
  o << "timeline_height=" << p.timeline_height << "\n";
  o << "timeline_widened=" << (p.tl_widened ? 1 : 0) << "\n";
  o << "timeline_show_future=" << (p.tl_show_future ? 1 : 0) << "\n";
  o << "window_x=" << p.window.x << "\nwindow_y=" << p.window.y << "\n";
  o << "window_width=" << p.window.width << "\nwindow_height=" << p.window.height << "\n";
  o << "window_maximized=" << (p.window.maximized ? 1 : 0) << "\n";
  // A path with a newline would break the format; such a file is not remembered.
  if (p.last_file.find('\n') == std::string::npos) o << "last_file=" << p.last_file << "\n";
  for (const std::string& f : p.recent_files)
    if (f.find('\n') == std::string::npos) o << "recent_file=" << f << "\n";
  return o.str();
}

bool save_settings(const std::string& path, const Preferences& p) {
  if (path.empty()) return false;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  return document::write_file_atomically(path, settings_text(p)).ok;
}

}  // namespace trioscope::gui
