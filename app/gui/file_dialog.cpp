// [SECTION] The desktop's dialog
// [SECTION] Listing a folder
// [SECTION] The dialog
#include "gui/file_dialog.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <imgui_stdlib.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace trioscope::gui {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// [SECTION] The desktop's dialog
// ---------------------------------------------------------------------------------------

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string dirs = path;
  for (std::size_t a = 0; a <= dirs.size();) {
    std::size_t b = dirs.find(':', a);
    if (b == std::string::npos) b = dirs.size();
    const std::string dir = dirs.substr(a, b - a);
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    a = b + 1;
  }
  return false;
}

std::string start_path(const FileRequest& r) {
  fs::path p = r.folder.empty() ? fs::current_path() : fs::path(r.folder);
  if (r.save && !r.name.empty()) p /= r.name;
  else p /= "";  // a trailing slash: the folder itself
  return p.string();
}

}  // namespace

NativeTool native_tool() {
  if (const char* pick = std::getenv("TRIOSCOPE_FILE_DIALOG"); pick && *pick) {
    const std::string p = pick;
    if (p == "zenity" && on_path("zenity")) return NativeTool::zenity;
    if (p == "kdialog" && on_path("kdialog")) return NativeTool::kdialog;
    return NativeTool::none;
  }
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if (!(display && *display) && !(wayland && *wayland)) return NativeTool::none;
  const char* desktop = std::getenv("XDG_CURRENT_DESKTOP");
  const bool kde = desktop && std::strstr(desktop, "KDE");
  if (kde && on_path("kdialog")) return NativeTool::kdialog;
  if (on_path("zenity")) return NativeTool::zenity;
  if (on_path("kdialog")) return NativeTool::kdialog;
  return NativeTool::none;
}

std::vector<std::string> native_command(NativeTool tool, const FileRequest& r) {
  if (tool == NativeTool::zenity) {
    std::vector<std::string> a = {"zenity", "--file-selection", "--title=" + r.title};
    if (r.save) {
      a.push_back("--save");
      a.push_back("--confirm-overwrite");
    }
    a.push_back("--filename=" + start_path(r));
    a.push_back("--file-filter=Lessons (*.json, *.py) | *.json *.py");
    a.push_back("--file-filter=All files | *");
    return a;
  }
  if (tool == NativeTool::kdialog) {
    return {"kdialog", "--title", r.title, r.save ? "--getsavefilename" : "--getopenfilename", start_path(r),
            "*.json *.py|Lessons (*.json, *.py)"};
  }
  return {};
}

FileChoice native_result(int exit_status, const std::string& output) {
  FileChoice c;
  std::string path = output;
  while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
  if (exit_status == 0 && !path.empty() && path.find('\n') == std::string::npos) {
    c.chosen = true;
    c.path = path;
  }
  return c;
}

struct FileDialog::Native {
  std::mutex m;
  bool done = false;
  bool failed = false;  // the program could not be started
  int status = -1;
  std::string output;
  pid_t pid = -1;
};

// ---------------------------------------------------------------------------------------
// [SECTION] Listing a folder
// ---------------------------------------------------------------------------------------

std::vector<FolderEntry> list_folder(const std::string& folder, std::string& error) {
  std::vector<FolderEntry> out;
  error.clear();
  std::error_code ec;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    error = "cannot read " + folder + ": " + ec.message();
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code e2;
    const bool dir = it->is_directory(e2);
    if (!dir) {
      const std::string ext = it->path().extension().string();
      if (ext != ".json" && ext != ".py") continue;
    }
    out.push_back({name, dir});
  }
  std::sort(out.begin(), out.end(), [](const FolderEntry& a, const FolderEntry& b) {
    if (a.folder != b.folder) return a.folder;
    return a.name < b.name;
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The dialog
// ---------------------------------------------------------------------------------------

FileDialog::FileDialog() = default;

FileDialog::~FileDialog() {
  if (running_) {
    std::lock_guard<std::mutex> lock(running_->m);
    if (!running_->done && running_->pid > 0) ::kill(running_->pid, SIGTERM);
  }
  if (thread_.joinable()) thread_.join();
}

void FileDialog::open(FileRequest r) {
  if (active_) return;
  request_ = std::move(r);
  active_ = true;
  result_.reset();
  opened_popup_ = false;
  ask_overwrite_ = false;
  const NativeTool tool = native_tool();
  native_ = tool != NativeTool::none;
  if (native_) {
    if (thread_.joinable()) thread_.join();
    running_ = std::make_shared<Native>();
    const std::vector<std::string> argv_s = native_command(tool, request_);
    thread_ = std::thread([state = running_, argv_s] {
      int fds[2];
      if (::pipe(fds) != 0) {
        std::lock_guard<std::mutex> lock(state->m);
        state->done = state->failed = true;
        return;
      }
      posix_spawn_file_actions_t fa;
      posix_spawn_file_actions_init(&fa);
      posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
      posix_spawn_file_actions_addclose(&fa, fds[0]);
      std::vector<char*> argv;
      for (const auto& a : argv_s) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      pid_t pid = -1;
      const int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
      posix_spawn_file_actions_destroy(&fa);
      ::close(fds[1]);
      if (rc != 0) {
        ::close(fds[0]);
        std::lock_guard<std::mutex> lock(state->m);
        state->done = state->failed = true;
        return;
      }
      {
        std::lock_guard<std::mutex> lock(state->m);
        state->pid = pid;
      }
      std::string out;
      char buf[4096];
      for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
          if (errno == EINTR) continue;
          break;
        }
        out.append(buf, static_cast<std::size_t>(n));
      }
      ::close(fds[0]);
      int status = 0;
      ::waitpid(pid, &status, 0);
      std::lock_guard<std::mutex> lock(state->m);
      state->output = std::move(out);
      state->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      // 127: the shell's "not found"; a program that died at once: use the app's browser.
      state->failed = state->status == 127 || state->status == 255;
      state->done = true;
    });
    return;
  }
  enter(request_.folder.empty() ? fs::current_path().string() : request_.folder);
  name_ = request_.name;
}

void FileDialog::enter(const std::string& folder) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(folder, ec);
  if (ec) p = folder;
  entries_ = list_folder(p.string(), error_);
  if (!error_.empty() && folder_ .empty()) folder_ = p.string();
  if (error_.empty()) folder_ = p.string();
  typed_folder_ = folder_;
  selected_ = -1;
}

void FileDialog::finish(FileChoice c) {
  result_ = std::move(c);
  active_ = false;
  native_ = false;
}

std::optional<FileChoice> FileDialog::take_result() { return std::exchange(result_, std::nullopt); }

void FileDialog::confirm(PanelContext& ctx) {
  if (request_.save) {
    if (name_.empty()) return;
    std::string name = name_;
    // No extension typed: the one suggested.
    if (fs::path(name).extension().empty()) name += fs::path(request_.name).extension().string();
    const fs::path target = fs::path(folder_) / name;
    std::error_code ec;
    if (fs::exists(target, ec) && !ask_overwrite_) {
      ask_overwrite_ = true;
      ImGui::OpenPopup("Replace?");
      return;
    }
    finish({true, target.string()});
    return;
  }
  if (selected_ < 0 || selected_ >= static_cast<int>(entries_.size())) return;
  const FolderEntry& e = entries_[static_cast<std::size_t>(selected_)];
  if (e.folder) enter((fs::path(folder_) / e.name).string());
  else finish({true, (fs::path(folder_) / e.name).string()});
  (void)ctx;
}

void FileDialog::draw(PanelContext& ctx) {
  if (!active_) return;
  if (native_) {
    std::lock_guard<std::mutex> lock(running_->m);
    if (!running_->done) return;
    if (running_->failed) {
      // No desktop dialog after all: the app's browser.
      native_ = false;
      enter(request_.folder.empty() ? fs::current_path().string() : request_.folder);
      name_ = request_.name;
    } else {
      finish(native_result(running_->status, running_->output));
      return;
    }
  }
  const float lh = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  if (!opened_popup_) {
    ImGui::OpenPopup("##file_dialog");
    opened_popup_ = true;
  }
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x * 0.9f, lh * 48), std::min(vp->Size.y * 0.85f, lh * 30)),
                           ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("##file_dialog", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar)) return;
  ctx.report.file_dialog = true;
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(request_.title.c_str());
  ImGui::PopFont();
  ImGui::Separator();
  // The folder: typed, or one level up.
  if (ImGui::Button("\xE2\x86\x91 Up")) enter(fs::path(folder_).parent_path().string());  // ↑
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##folder", &typed_folder_, ImGuiInputTextFlags_EnterReturnsTrue)) enter(typed_folder_);
  const float footer = ImGui::GetFrameHeightWithSpacing() * (request_.save ? 2.4f : 1.4f);
  // Places, then the folder's entries.
  ImGui::BeginChild("##places", ImVec2(lh * 10, -footer), true);
  for (const auto& [label, folder] : request_.places)
    if (ImGui::Selectable(label.c_str(), fs::path(folder) == fs::path(folder_))) enter(folder);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##entries", ImVec2(0, -footer), true);
  if (!error_.empty()) ImGui::TextWrapped("%s", error_.c_str());
  if (entries_.empty() && error_.empty()) ImGui::TextDisabled("No folders or lessons (.json, .py) here.");
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const FolderEntry& e = entries_[i];
    const std::string label = (e.folder ? "\xE2\x96\xB8 " : "   ") + e.name + (e.folder ? "/" : "");  // ▸
    if (ImGui::Selectable(label.c_str(), selected_ == static_cast<int>(i), ImGuiSelectableFlags_AllowDoubleClick)) {
      selected_ = static_cast<int>(i);
      if (!e.folder && request_.save) name_ = e.name;
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) confirm(ctx);
    }
  }
  ImGui::EndChild();
  if (request_.save) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Name");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##name", &name_, ImGuiInputTextFlags_EnterReturnsTrue)) confirm(ctx);
  }
  const char* ok = request_.save ? "Save" : "Open";
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bw = ImGui::CalcTextSize("Cancel").x + ImGui::CalcTextSize(ok).x + 4 * st.FramePadding.x + st.ItemSpacing.x;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - bw);
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    finish({false, {}});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  const bool can = request_.save ? !name_.empty() : selected_ >= 0;
  ImGui::BeginDisabled(!can);
  if (ImGui::Button(ok)) confirm(ctx);
  ImGui::EndDisabled();
  // Never over a file without asking.
  if (ImGui::BeginPopupModal("Replace?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    std::string name = name_;
    if (fs::path(name).extension().empty()) name += fs::path(request_.name).extension().string();
    ImGui::Text("%s already exists in %s.", name.c_str(), folder_.c_str());
    ImGui::TextUnformatted("Replace it with this lesson?");
    if (ImGui::Button("Replace")) {
      ImGui::CloseCurrentPopup();
      confirm(ctx);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##replace")) {
      ask_overwrite_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (!active_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace trioscope::gui
