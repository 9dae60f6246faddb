#include "gui/settings_store.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

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

bool load_settings(const std::string& path, ViewState& vs, StoredSettings& out) {
  if (path.empty()) return false;
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "theme") vs.theme = v == "dark" ? view::Theme::dark : view::Theme::light;
    else if (k == "ui_scale") vs.ui_scale = to_float(v, 0.5f, 4.0f, vs.ui_scale);
    else if (k == "animation_seconds") vs.anim_seconds = to_float(v, 0.0f, 5.0f, vs.anim_seconds);
    else if (k == "speed") vs.speed = to_float(v, 0.25f, 60.0f, vs.speed);
    else if (k == "show_lessons") vs.show_lessons = v == "1";
    else if (k == "lessons_width") vs.lessons_width = to_float(v, 0.08f, 0.5f, vs.lessons_width);
    else if (k == "side_width") {
      // 0 (or anything too small to be a dragged width): fit the code.
      vs.side_width = to_float(v, 0.0f, 0.7f, vs.side_width);
      if (vs.side_width < 0.15f) vs.side_width = 0;
    }
    else if (k == "code_height") vs.code_height = to_float(v, 0.15f, 0.85f, vs.code_height);
    else if (k == "timeline_height") vs.timeline_height = to_float(v, 0.1f, 0.7f, vs.timeline_height);
    else if (k == "window_x") out.window.x = to_int(v, -100000, 100000, -1);
    else if (k == "window_y") out.window.y = to_int(v, -100000, 100000, -1);
    else if (k == "window_width") out.window.width = to_int(v, 320, 16384, out.window.width);
    else if (k == "window_height") out.window.height = to_int(v, 240, 16384, out.window.height);
    else if (k == "window_maximized") out.window.maximized = v == "1";
    else if (k == "last_file") out.last_file = v;
  }
  return true;
}

std::string settings_text(const ViewState& vs, const StoredSettings& s) {
  std::ostringstream o;
  o << "# trioscope: window and look, written by the app\n";
  o << "theme=" << view::theme_name(vs.theme) << "\n";
  o << "ui_scale=" << vs.ui_scale << "\n";
  o << "animation_seconds=" << vs.anim_seconds << "\n";
  o << "speed=" << vs.speed << "\n";
  o << "show_lessons=" << (vs.show_lessons ? 1 : 0) << "\n";
  o << "lessons_width=" << vs.lessons_width << "\n";
  o << "side_width=" << vs.side_width << "\n";
  o << "code_height=" << vs.code_height << "\n";
  o << "timeline_height=" << vs.timeline_height << "\n";
  o << "window_x=" << s.window.x << "\nwindow_y=" << s.window.y << "\n";
  o << "window_width=" << s.window.width << "\nwindow_height=" << s.window.height << "\n";
  o << "window_maximized=" << (s.window.maximized ? 1 : 0) << "\n";
  // A path with a newline would break the format; such a file is not remembered.
  if (s.last_file.find('\n') == std::string::npos) o << "last_file=" << s.last_file << "\n";
  return o.str();
}

bool save_settings(const std::string& path, const ViewState& vs, const StoredSettings& s) {
  if (path.empty()) return false;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const std::string text = settings_text(vs, s);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

}  // namespace trioscope::gui
