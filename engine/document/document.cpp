#include "document/document.hpp"

#include <chrono>
#include <filesystem>
#include <system_error>

#include "scenario/json_writer.hpp"
#include "scenario/python_listing.hpp"
#include "scenario/read_file.hpp"

namespace trioscope::document {

std::vector<std::string> Problems::lines() const {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const auto& d : diagnostics) out.push_back(d.format());
  return out;
}

FileStamp stamp_of(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  FileStamp s;
  if (path.empty() || !fs::is_regular_file(path, ec)) return s;
  const auto t = fs::last_write_time(path, ec);
  if (ec) return s;
  const auto size = fs::file_size(path, ec);
  if (ec) return s;
  s.exists = true;
  s.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  s.size = size;
  return s;
}

Document::Document() = default;
Document::~Document() = default;

void Document::fail(const std::string& path, std::string message) {
  problems_.file = path;
  problems_.view = scenario::source_kind_of("", path);
  problems_.diagnostics = {scenario::Diagnostic{path, {}, std::move(message)}};
}

void Document::remember_disk(std::string text) {
  disk_text_ = std::move(text);
  disk_stamp_ = untitled_ ? FileStamp{} : stamp_of(path_);
  disk_news_.clear();
}

bool Document::open_file(const std::string& path, const RunChoice& choice) {
  scenario::ReadResult read = scenario::read_text_file(path, scenario::kMaxFileBytes);
  if (!read.ok) {
    fail(path, std::move(read.error));
    problems_.opening = true;
    return false;
  }
  return open_text(std::move(read.text), path, choice);
}

bool Document::open_text(std::string text, const std::string& path, const RunChoice& choice) {
  const std::string copy = text;
  if (!replace(std::move(text), path, choice, /*same_document=*/false)) return false;
  untitled_ = false;
  remember_disk(copy);
  return true;
}

bool Document::open_untitled(std::string text, const std::string& name, const RunChoice& choice) {
  const std::string copy = text;
  if (!replace(std::move(text), name, choice, /*same_document=*/false)) return false;
  untitled_ = true;
  remember_disk(copy);
  return true;
}

bool Document::reload() {
  if (path_.empty() || untitled_) return false;
  scenario::ReadResult read = scenario::read_text_file(path_, scenario::kMaxFileBytes);
  if (!read.ok) {
    fail(path_, std::move(read.error));
    return false;
  }
  const std::string copy = read.text;
  const bool ok = set_text(std::move(read.text));
  // What is on disk is the base now, valid or not: the editor shows it with its problems.
  if (ok || text_ == copy) remember_disk(copy);
  return ok;
}

bool Document::set_text(std::string text) {
  // The same text again (an editor that sends what it has) changes nothing.
  if (run_ && text == text_) return problems_.empty();
  return replace(std::move(text), path_, choice_, /*same_document=*/true);
}

// Whatever goes wrong (even running out of memory on a huge file) becomes a problem shown
// to the user, with the current lesson kept.
bool Document::replace(std::string text, const std::string& path, const RunChoice& choice, bool same_document) {
  try {
    scenario::LoadResult r = scenario::load_scenario_text(text, path);
    if (!r.ok()) {
      problems_.file = path;
      problems_.view = r.source;
      problems_.diagnostics = std::move(r.errors);
      if (problems_.diagnostics.empty()) fail(path, "the file could not be loaded");
      problems_.opening = !same_document;
      // Editing keeps the invalid text: it is the user's work, and the views keep the last
      // valid run, marked stale, until the text is valid again.
      if (same_document && run_) text_ = std::move(text);
      return false;
    }
    problems_ = {};
    warnings_ = std::move(r.warnings);
    warnings_view_ = r.source;
    scenario_ = std::make_unique<scenario::Scenario>(std::move(*r.scenario));
    // A lesson written in Trio Python is shown as written: its statements' py_line already
    // number the lines of its own text. A JSON lesson is shown as its Python listing, which
    // also numbers the statements (py_line) that the run's trace then carries.
    listing_ = scenario_->source == scenario::SourceKind::python ? text : scenario::to_python(*scenario_, {}).text;
    text_ = valid_text_ = std::move(text);
    kind_ = r.source;
    adopted_title_.clear();
    path_ = path;
    // The event budget and the limits are the app's safety settings, not a lesson's: they
    // carry over.
    if (!same_document) {
      const auto budget = choice_.event_budget;
      const auto limits = choice_.limits;
      choice_ = choice;
      if (!choice_.event_budget) choice_.event_budget = budget;
      if (!choice_.limits) choice_.limits = limits;
    }
    rerun();
    return true;
  } catch (const std::exception& e) {
    fail(path, e.what());
    problems_.opening = !same_document;
    return false;
  }
}

void Document::adopt(scenario::Scenario sc, std::string listing, std::string text) {
  problems_ = {};
  scenario_ = std::make_unique<scenario::Scenario>(std::move(sc));
  listing_ = std::move(listing);
  text_ = valid_text_ = std::move(text);
  rerun();
}

bool Document::set_view_text(scenario::SourceKind view, std::string text) {
  if (view == kind_) return set_text(std::move(text));
  if (!run_) return false;  // the other view exists only of a valid lesson
  // Typed back to what it was: nothing changes, and what was wrong with it is gone.
  if (!stale() && text == view_text(view)) {
    if (problems_.view == view) problems_ = {};
    return true;
  }
  try {
    scenario::LoadResult r = scenario::load_scenario_text(text, path_, view);
    if (!r.ok()) {
      problems_.file = path_;
      problems_.view = view;
      problems_.diagnostics = std::move(r.errors);
      if (problems_.diagnostics.empty()) fail(path_, "the text could not be read");
      return false;
    }
    if (view == scenario::SourceKind::python) {
      // The Python as written is the listing (its lines are the statements' py_line), and
      // the file's JSON is written from it.
      std::string json = scenario::to_json_text(*r.scenario);
      adopt(std::move(*r.scenario), std::move(text), std::move(json));
      warnings_ = std::move(r.warnings);
      warnings_view_ = view;
      return true;
    }
    // JSON typed into a Python lesson: the Python is listed from it, and read back so that
    // its lines are the listing's.
    return set_text(scenario::to_python(*r.scenario, {}).text);
  } catch (const std::exception& e) {
    fail(path_, e.what());
    return false;
  }
}

std::string Document::view_text(scenario::SourceKind view) const {
  if (!scenario_) return view == kind_ ? text_ : std::string();
  if (view == kind_) return valid_text_;
  if (view == scenario::SourceKind::python) return listing_;
  return scenario::to_json_text(*scenario_);
}

// An edit in the other view that does not read is not in the file's text yet: saving the
// file's text would quietly drop it, and the user believes it saved.
std::optional<std::string> Document::unsaved_view_edit() const {
  if (problems_.empty() || problems_.opening || problems_.view == kind_) return std::nullopt;
  const scenario::Diagnostic& d = problems_.diagnostics.front();
  const char* name = problems_.view == scenario::SourceKind::python ? "Python" : "JSON";
  return "the " + std::string(name) + " view has an error at line " + std::to_string(d.pos.line) + ", column " +
         std::to_string(d.pos.column) + " (" + d.message + "), so the edit there is not in the file yet: fix it or undo it, then save";
}

WriteResult Document::save() {
  if (untitled_ || path_.empty()) return {false, "this lesson is not a file yet: choose where to save it (Save As)"};
  if (auto why = unsaved_view_edit()) return {false, *why};
  WriteResult w = write_file_atomically(path_, text_);
  if (w.ok) remember_disk(text_);
  return w;
}

WriteResult Document::save_as(const std::string& path) {
  if (auto why = unsaved_view_edit()) return {false, *why};
  const scenario::SourceKind target = scenario::source_kind_of(text_, path);
  std::string out = text_;
  if (target != kind_) {
    // Another format: the program converted, which needs it valid.
    if (!scenario_ || stale())
      return {false, "the lesson has errors, so it cannot be converted to " +
                         std::string(target == scenario::SourceKind::python ? "Python" : "JSON") +
                         ": fix them first, or save it with its own extension"};
    out = view_text(target);
  }
  WriteResult w = write_file_atomically(path, out);
  if (!w.ok) return w;
  const bool was_untitled = untitled_;
  path_ = path;
  untitled_ = false;
  if (target != kind_) {
    const std::string listing = listing_;
    if (!set_text(out)) {  // cannot happen for a valid conversion; keep the file written
      untitled_ = was_untitled;
      return {false, "the converted lesson does not read back: " + (problems_.lines().empty() ? "" : problems_.lines()[0])};
    }
  }
  remember_disk(out);
  return w;
}

Document::OnDisk Document::check_disk() {
  if (untitled_ || path_.empty()) return OnDisk::same;
  const FileStamp now = stamp_of(path_);
  if (!now.exists) return disk_stamp_.exists ? OnDisk::missing : OnDisk::same;
  if (now == disk_stamp_) return disk_news_.empty() ? OnDisk::same : OnDisk::changed;
  scenario::ReadResult read = scenario::read_text_file(path_, scenario::kMaxFileBytes);
  if (!read.ok) return OnDisk::same;  // being written, or unreadable: ask again later
  if (read.text == disk_text_) {
    // Touched, not changed (or changed back).
    disk_stamp_ = now;
    disk_news_.clear();
    return OnDisk::same;
  }
  disk_stamp_ = now;
  disk_news_ = std::move(read.text);
  return OnDisk::changed;
}

void Document::keep_mine() {
  if (!disk_news_.empty()) disk_text_ = std::exchange(disk_news_, {});
  disk_stamp_ = stamp_of(path_);
}

void Document::set_choice(const RunChoice& choice) {
  const RunChoice before = choice_;
  choice_ = choice;
  if (!scenario_) return;
  try {
    rerun();
  } catch (const std::exception& e) {
    choice_ = before;
    fail(path_, std::string("the run could not be made: ") + e.what());
    rerun();  // the previous settings ran before, so they run again
  }
}

bool Document::strict() const {
  if (choice_.strict_exception_groups) return *choice_.strict_exception_groups;
  return scenario_ ? scenario_->settings.strict_exception_groups : true;
}

bool Document::random() const {
  if (choice_.random) return *choice_.random;
  return scenario_ && scenario_->settings.scheduling == "random";
}

std::uint64_t Document::seed() const {
  if (choice_.seed) return *choice_.seed;
  return scenario_ ? scenario_->settings.seed : 0;
}

const std::string& Document::title() const {
  static const std::string none;
  if (scenario_ && !scenario_->title.empty()) return scenario_->title;
  if (!adopted_title_.empty()) return adopted_title_;
  return scenario_ ? path_ : none;
}

scenario::RunOverrides run_overrides(const RunChoice& c) {
  scenario::RunOverrides o;
  o.strict_exception_groups = c.strict_exception_groups;
  if (c.random) o.scheduling = *c.random ? "random" : "fifo";
  o.seed = c.seed;
  o.event_budget = c.event_budget;
  o.limits = c.limits;
  o.schedule = c.schedule;
  o.transcript_only = c.transcript_only;
  return o;
}

void Document::rerun() {
  const auto t0 = std::chrono::steady_clock::now();
  const scenario::RunOverrides o = run_overrides(choice_);
  // Drop what points into the old run before replacing it.
  timeline_.reset();
  playback_.reset();
  run_ = std::make_unique<trio::RunResult>(scenario::run_scenario(*scenario_, o));
  blocks_ = view::SourceBlocks(listing_);
  ++generation_;
  run_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void Document::adopt_run(trio::RunResult run, std::string title) {
  timeline_.reset();
  playback_.reset();
  scenario_.reset();
  listing_.clear();
  text_.clear();
  valid_text_.clear();
  path_.clear();
  adopted_title_ = std::move(title);
  run_ = std::make_unique<trio::RunResult>(std::move(run));
  blocks_ = view::SourceBlocks();
  ++generation_;
}

view::Playback* Document::playback() {
  // A transcript-only trace lacks the steps a playback indexes.
  if (!playback_ && run_ && !run_->trace.transcript_only)
    playback_ = std::make_unique<view::Playback>(
        run_->trace, view::Playback::Options{.blocks = scenario_ ? &blocks_ : nullptr});
  return playback_.get();
}

const view::TimelineLayout& Document::timeline(const view::TimelineOptions& options) const {
  if (!timeline_ || !(timeline_options_ == options)) {
    timeline_options_ = options;
    static const trio::Trace empty;
    timeline_ = std::make_unique<view::TimelineLayout>(
        view::build_timeline(run_ && !run_->trace.transcript_only ? run_->trace : empty, options,
                             run_ ? &blocks_ : nullptr));
  }
  return *timeline_;
}

}  // namespace trioscope::document
