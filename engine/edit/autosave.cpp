#include "edit/autosave.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <cstdio>
#include <functional>
#include <cctype>

#include <nlohmann/json.hpp>

#include "scenario/loader.hpp"
#include "scenario/read_file.hpp"

namespace trioscope::edit {

namespace fs = std::filesystem;

std::string autosave_dir() {
  fs::path base;
  if (const char* s = std::getenv("TRIOSCOPE_STATE_DIR"); s && *s) {
    if (std::string(s) == "none") return "";
    base = s;
  } else if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) {
    base = fs::path(x) / "trioscope";
  } else if (const char* h = std::getenv("HOME"); h && *h) {
    base = fs::path(h) / ".local" / "state" / "trioscope";
  } else {
    return "";
  }
  return (base / "autosave").string();
}

std::string autosave_file(const std::string& dir, const std::string& path, const std::string& name) {
  // A readable stem (the lesson's name) and a hash of where it lives, so that two lessons
  // called the same in different folders do not share a file.
  std::string stem = fs::path(path.empty() ? name : path).stem().string();
  for (char& c : stem)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
  if (stem.size() > 40) stem.resize(40);
  const std::size_t h = std::hash<std::string>{}(path.empty() ? "untitled:" + name : fs::absolute(path).string());
  char hex[20];
  std::snprintf(hex, sizeof hex, "%016zx", h);
  return (fs::path(dir) / (stem + "-" + hex + ".autosave.json")).string();
}

document::WriteResult write_autosave(const std::string& dir, Autosave& a) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return {false, "cannot make the folder " + dir + ": " + ec.message()};
  a.file = autosave_file(dir, a.path, a.name);
  if (!a.saved_at)
    a.saved_at = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  nlohmann::json j;
  j["trioscope_autosave"] = 1;
  j["path"] = a.path.empty() ? "" : fs::absolute(a.path).string();
  j["name"] = a.name;
  j["kind"] = a.kind == scenario::SourceKind::python ? "python" : "json";
  j["text"] = a.text;
  j["other_text"] = a.other_text;
  j["saved_at"] = a.saved_at;
  // The text may hold any bytes the user typed: replace what is not UTF-8 rather than fail.
  return document::write_file_atomically(a.file, j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::vector<Autosave> read_autosaves(const std::string& dir) {
  std::vector<Autosave> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string f = entry.path().string();
    if (f.size() < 14 || f.compare(f.size() - 14, 14, ".autosave.json") != 0) continue;
    const scenario::ReadResult r = scenario::read_text_file(f, scenario::kMaxFileBytes * 2);
    if (!r.ok) continue;
    try {
      const nlohmann::json j = nlohmann::json::parse(r.text);
      if (!j.is_object() || j.value("trioscope_autosave", 0) != 1) continue;
      Autosave a;
      a.file = f;
      a.path = j.value("path", "");
      a.name = j.value("name", "");
      a.kind = j.value("kind", "json") == "python" ? scenario::SourceKind::python : scenario::SourceKind::json;
      a.text = j.value("text", "");
      a.other_text = j.value("other_text", "");
      a.saved_at = j.value("saved_at", std::int64_t{0});
      out.push_back(std::move(a));
    } catch (const std::exception&) {
      // Half-written by something else, or not ours: not offered.
    }
  }
  std::sort(out.begin(), out.end(), [](const Autosave& a, const Autosave& b) { return a.saved_at > b.saved_at; });
  return out;
}

std::vector<Autosave> recoverable(const std::string& dir) {
  std::vector<Autosave> out;
  for (Autosave& a : read_autosaves(dir)) {
    if (!a.path.empty()) {
      const scenario::ReadResult now = scenario::read_text_file(a.path, scenario::kMaxFileBytes);
      if (now.ok && now.text == a.text && a.other_text.empty()) {
        remove_autosave(a.file);  // saved after all
        continue;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

void remove_autosave(const std::string& file) {
  std::error_code ec;
  if (!file.empty()) fs::remove(file, ec);
}

}  // namespace trioscope::edit
