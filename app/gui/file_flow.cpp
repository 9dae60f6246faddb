// [SECTION] Asking and doing
// [SECTION] Autosave and the file on disk
// [SECTION] The questions
#include "gui/file_flow.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <imgui.h>

#include "gui/lessons.hpp"
#include "scenario/loader.hpp"
#include "scenario/read_file.hpp"

namespace trioscope::gui {

namespace fs = std::filesystem;

namespace {
constexpr double kAutosaveEvery = 2.5;  // seconds: a crash costs at most this much typing
constexpr double kWatchEvery = 1.0;
constexpr double kMessageSeconds = 5.0;

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }
}  // namespace

FileFlow::FileFlow(document::Document& doc, edit::EditSession& session, document::CommandQueue& commands,
                   InputState& input, Preferences& prefs, WindowRequests& requests, std::string lessons_dir)
    : doc_(doc),
      session_(session),
      commands_(commands),
      input_(input),
      prefs_(prefs),
      requests_(requests),
      lessons_dir_(std::move(lessons_dir)),
      lessons_canonical_(canonical_path(lessons_dir_)),
      autosave_dir_(edit::autosave_dir()) {}

bool FileFlow::bundled(const std::string& path) const {
  if (path.empty() || lessons_canonical_.empty()) return false;
  const std::string c = canonical_path(path);
  return c.size() > lessons_canonical_.size() && c.compare(0, lessons_canonical_.size(), lessons_canonical_) == 0 &&
         c[lessons_canonical_.size()] == '/';
}

std::string FileFlow::display_name() const { return doc_.untitled() ? doc_.path() : file_name(doc_.path()); }

void FileFlow::message(std::string text, bool error) { input_.message = InputState::Message{std::move(text), error, now_}; }

// ---------------------------------------------------------------------------------------
// [SECTION] Asking and doing
// ---------------------------------------------------------------------------------------

void FileFlow::ask(FileAction a, std::string path) {
  if (busy()) return;
  const bool leaves = a == FileAction::new_from_lesson || a == FileAction::open_dialog || a == FileAction::open_path ||
                      a == FileAction::quit;
  if (leaves && session_.unsaved(doc_)) {
    waiting_ = {a, std::move(path)};
    question_ = Question::unsaved;
    question_opened_ = false;
    return;
  }
  if (a == FileAction::revert) {
    if (!session_.unsaved(doc_)) return message("Nothing to revert: " + display_name() + " has no unsaved changes.", false);
    question_ = Question::revert;
    question_opened_ = false;
    return;
  }
  perform(a, path);
}

bool FileFlow::may_close() {
  if (!session_.unsaved(doc_)) return true;
  ask(FileAction::quit);
  return false;
}

void FileFlow::flush() {
  if (auto c = session_.due(now_, true)) commands_.push(std::move(*c));
}

FileRequest FileFlow::request(bool save) const {
  FileRequest r;
  r.save = save;
  r.title = save ? "Save the lesson as" : "Open a lesson";
  const char* home = std::getenv("HOME");
  const std::string here = fs::current_path().string();
  // Where the lesson is, unless it is a bundled one (those are not to be saved over).
  if (!doc_.untitled() && !doc_.path().empty() && !(save && bundled(doc_.path())))
    r.folder = fs::absolute(doc_.path()).parent_path().string();
  else r.folder = home && *home ? home : here;
  if (save) {
    std::string name = doc_.untitled() ? doc_.path() : file_name(doc_.path());
    if (name.empty()) name = "lesson.json";
    r.name = name;
  }
  if (home && *home) r.places.push_back({"Home", home});
  r.places.push_back({"Current folder", here});
  if (!save) r.places.push_back({"Lessons", lessons_dir_});
  for (const std::string& f : prefs_.recent_files) {
    const std::string folder = fs::path(f).parent_path().string();
    bool seen = false;
    for (const auto& p : r.places) seen = seen || p.second == folder;
    if (!seen && !folder.empty() && r.places.size() < 8) r.places.push_back({"\xE2\x86\xBB " + fs::path(folder).filename().string(), folder});
  }
  return r;
}

void FileFlow::perform(FileAction a, const std::string& path) {
  switch (a) {
    case FileAction::new_from_lesson: {
      const scenario::ReadResult r = scenario::read_text_file(path, scenario::kMaxFileBytes);
      if (!r.ok) return message("Could not read " + path + ": " + r.error, true);
      // An untitled copy: the lesson's own file is never changed.
      const std::string ext = fs::path(path).extension().string();
      commands_.push(document::OpenUntitled{r.text, "Untitled" + (ext.empty() ? std::string(".json") : ext)});
      input_.playing = false;
      break;
    }
    case FileAction::open_dialog:
      choosing_ = Choosing::file_to_open;
      dialog_.open(request(false));
      break;
    case FileAction::open_path:
      commands_.push(document::OpenFile{path});
      input_.playing = false;
      break;
    case FileAction::save:
      if (doc_.untitled() || bundled(doc_.path())) return perform(FileAction::save_as, {});
      flush();
      commands_.push(document::Save{});
      break;
    case FileAction::save_as:
      choosing_ = Choosing::place_to_save;
      dialog_.open(request(true));
      break;
    case FileAction::revert:
      edit::remove_autosave(std::exchange(autosave_file_, {}));
      if (doc_.untitled()) commands_.push(document::OpenUntitled{doc_.disk_text(), doc_.path()});
      else commands_.push(document::Reload{});
      break;
    case FileAction::quit:
      edit::remove_autosave(std::exchange(autosave_file_, {}));
      requests_.quit = true;
      break;
  }
}

void FileFlow::applied(const document::Command& c, const document::Applied& a) {
  const bool save = std::holds_alternative<document::Save>(c) || std::holds_alternative<document::SaveAs>(c);
  if (save) {
    if (a.saved) {
      message("Saved " + doc_.path(), false);
      prefs_.remember_recent(doc_.path());
      edit::remove_autosave(std::exchange(autosave_file_, {}));
      autosaved_text_.clear();
      if (auto next = std::exchange(after_save_, std::nullopt)) perform(next->first, next->second);
    } else {
      message("Could not save: " + a.error + ". Your changes are kept; try Save As to put them somewhere else.", true);
      after_save_.reset();
    }
    return;
  }
  if (a.replaced) {
    // Another lesson: the last one's autosave was either saved or let go.
    autosave_file_.clear();
    autosaved_text_.clear();
    told_missing_ = false;
    if (a.ok && !doc_.untitled()) prefs_.remember_recent(doc_.path());
  }
  if (std::holds_alternative<document::Reload>(c) && a.ok) told_missing_ = false;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Autosave and the file on disk
// ---------------------------------------------------------------------------------------

void FileFlow::tick(double now, bool deterministic) {
  now_ = now;
  if (input_.message && !input_.message->error && now - input_.message->at > kMessageSeconds) input_.message.reset();
  if (auto r = dialog_.take_result()) {
    const Choosing what = std::exchange(choosing_, Choosing::nothing);
    if (r->chosen && what == Choosing::file_to_open) perform(FileAction::open_path, r->path);
    if (r->chosen && what == Choosing::place_to_save) {
      flush();
      commands_.push(document::SaveAs{r->path});
    }
    if (!r->chosen) after_save_.reset();  // "save, then quit": the save was cancelled
  }
  if (deterministic) return;
  autosave(now);
  watch_disk(now);
}

void FileFlow::autosave(double now) {
  if (autosave_dir_.empty() || now < next_autosave_) return;
  next_autosave_ = now + kAutosaveEvery;
  if (!doc_.loaded() || doc_.path().empty()) return;
  if (!session_.unsaved(doc_)) {
    edit::remove_autosave(std::exchange(autosave_file_, {}));
    autosaved_text_.clear();
    return;
  }
  const std::string& text = session_.editor(session_.file_view()).text();
  const std::string other = session_.other_view_dirty()
                                ? session_.editor(session_.file_view() == scenario::SourceKind::python ? scenario::SourceKind::json
                                                                                                       : scenario::SourceKind::python)
                                      .text()
                                : std::string();
  if (text + other == autosaved_text_) return;
  edit::Autosave a;
  a.path = doc_.untitled() ? "" : doc_.path();
  a.name = display_name();
  a.kind = doc_.kind();
  a.text = text;
  a.other_text = other;
  const document::WriteResult w = edit::write_autosave(autosave_dir_, a);
  if (w.ok) {
    autosave_file_ = a.file;
    autosaved_text_ = text + other;
    autosave_failed_ = false;
  } else if (!autosave_failed_) {
    autosave_failed_ = true;  // said once, not every few seconds
    message("Autosave failed (" + w.error + "): save your work with Ctrl+S.", true);
  }
}

void FileFlow::watch_disk(double now) {
  if (now < next_watch_ || busy()) return;
  next_watch_ = now + kWatchEvery;
  switch (doc_.check_disk()) {
    case document::Document::OnDisk::same: break;
    case document::Document::OnDisk::changed:
      if (!session_.unsaved(doc_)) {
        commands_.push(document::Reload{});
        message(display_name() + " changed on disk: the lesson was read again.", false);
      } else {
        question_ = Question::reload_conflict;
        question_opened_ = false;
      }
      break;
    case document::Document::OnDisk::missing:
      if (!told_missing_) {
        told_missing_ = true;
        message(doc_.path() + " is no longer on disk (moved or deleted). The lesson stays open; Save writes it again.", true);
      }
      break;
  }
}

void FileFlow::offer_recovery() {
  if (autosave_dir_.empty()) return;
  offers_ = edit::recoverable(autosave_dir_);
  if (offers_.empty()) return;
  question_ = Question::recovery;
  question_opened_ = false;
}

// ---------------------------------------------------------------------------------------
// [SECTION] The questions
// ---------------------------------------------------------------------------------------

namespace {

// A modal question in the middle of the window; false when it is not open.
bool begin_question(const char* id, bool& opened, PanelContext& ctx, float width_lines) {
  if (!opened) {
    ImGui::OpenPopup(id);
    opened = true;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float lh = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x * 0.92f, lh * width_lines), 0), ImGuiCond_Always);
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoTitleBar))
    return false;
  (void)ctx;
  return true;
}

void heading(PanelContext& ctx, const std::string& text) {
  ctx.report.dialog = text;
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Spacing();
}

void body(const std::string& text) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
}

}  // namespace

void FileFlow::draw(PanelContext& ctx) {
  dialog_.draw(ctx);
  switch (question_) {
    case Question::none: break;
    case Question::unsaved: draw_unsaved(ctx); break;
    case Question::revert: draw_revert(ctx); break;
    case Question::reload_conflict: draw_conflict(ctx); break;
    case Question::recovery: draw_recovery(ctx); break;
  }
}

void FileFlow::draw_unsaved(PanelContext& ctx) {
  if (!begin_question("##unsaved", question_opened_, ctx, 34)) return;
  const FileAction a = waiting_ ? waiting_->first : FileAction::quit;
  const char* doing = a == FileAction::quit ? "before quitting" : "before opening another lesson";
  heading(ctx, "Save the changes to " + display_name() + " " + doing + "?");
  body(bundled(doc_.path()) ? "It is a bundled lesson: saving asks where to put your copy."
                            : "If you don't save, your changes are lost.");
  auto close = [&] {
    question_ = Question::none;
    ImGui::CloseCurrentPopup();
  };
  if (ImGui::Button("Save")) {
    after_save_ = waiting_;
    waiting_.reset();
    close();
    perform(FileAction::save, {});
  }
  ImGui::SameLine();
  if (ImGui::Button("Don't save")) {
    edit::remove_autosave(std::exchange(autosave_file_, {}));
    auto next = std::exchange(waiting_, std::nullopt);
    close();
    if (next) perform(next->first, next->second);
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    waiting_.reset();
    close();
  }
  ImGui::EndPopup();
}

void FileFlow::draw_revert(PanelContext& ctx) {
  if (!begin_question("##revert", question_opened_, ctx, 30)) return;
  heading(ctx, "Revert " + display_name() + " to the saved file?");
  body("Your unsaved changes are thrown away (Undo brings them back while the lesson stays open).");
  if (ImGui::Button("Revert")) {
    question_ = Question::none;
    ImGui::CloseCurrentPopup();
    perform(FileAction::revert, {});
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    question_ = Question::none;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void FileFlow::draw_conflict(PanelContext& ctx) {
  if (!begin_question("##conflict", question_opened_, ctx, 34)) return;
  heading(ctx, display_name() + " changed on disk, and you have changes here.");
  body("Keep yours, and Save writes them over the file; or load the file's version (Undo brings yours back).");
  if (ImGui::Button("Keep mine")) {
    commands_.push(document::KeepMine{});
    question_ = Question::none;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Load theirs")) {
    flush();
    commands_.push(document::Reload{});
    question_ = Question::none;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void FileFlow::draw_recovery(PanelContext& ctx) {
  if (!begin_question("##recovery", question_opened_, ctx, 40)) return;
  heading(ctx, offers_.size() == 1 ? "trioscope closed without saving a lesson you changed."
                                   : "trioscope closed without saving lessons you changed.");
  body("Recover the changes to go on where you stopped, or discard them.");
  for (std::size_t i = 0; i < offers_.size(); ++i) {
    const edit::Autosave& a = offers_[i];
    ImGui::PushID(static_cast<int>(i));
    char when[64] = "";
    const std::time_t t = static_cast<std::time_t>(a.saved_at);
    if (std::tm tm{}; localtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(a.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%s, last changed %s", a.path.empty() ? "never saved" : a.path.c_str(), when);
    bool done = false;
    if (ImGui::Button("Recover")) {
      std::error_code ec;
      if (!a.path.empty() && fs::exists(a.path, ec)) commands_.push(document::OpenFile{a.path});
      else commands_.push(document::OpenUntitled{a.text, a.name.empty() ? "Untitled.json" : a.name});
      commands_.push(document::SetText{a.text});
      autosave_file_.clear();
      done = true;
      // One lesson is open at a time: the others wait for the next start.
      question_ = Question::none;
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard")) {
      edit::remove_autosave(a.file);
      offers_.erase(offers_.begin() + static_cast<long>(i));
      done = true;
    }
    ImGui::PopID();
    if (done) break;
  }
  if (offers_.empty()) question_ = Question::none;
  ImGui::Spacing();
  if (question_ != Question::none && (ImGui::Button("Later") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
    question_ = Question::none;
  if (question_ == Question::none) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace trioscope::gui
