#include "gui/document.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::gui {

Document::Document() = default;
Document::~Document() = default;

namespace {
// Reads a whole file, refusing anything bigger than a scenario may be; errors as text.
bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": error: cannot open the file: " + std::strerror(errno);
    return false;
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > scenario::kMaxFileBytes) {
    error = path + ": error: the file is larger than " + std::to_string(scenario::kMaxFileBytes >> 20) +
            " MiB, the limit for scenario files";
    return false;
  }
  in.seekg(0);
  out.assign(static_cast<std::size_t>(size), '\0');
  in.read(out.data(), size);
  if (!in) {
    error = path + ": error: cannot read the file";
    return false;
  }
  return true;
}
}  // namespace

bool Document::load_file(const std::string& path) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    errors_ = {error};
    error_file_ = path;
    return false;
  }
  return load_text(std::move(text), path);
}

bool Document::reload() { return path_.empty() ? false : load_file(path_); }

bool Document::load_text(std::string text, const std::string& path) {
  // Whatever goes wrong (even running out of memory on a huge file) becomes an error
  // shown in the app, with the current scenario kept.
  try {
    return load_text_or_throw(std::move(text), path);
  } catch (const std::exception& e) {
    errors_ = {path + ": error: " + e.what()};
    error_file_ = path;
    return false;
  }
}

bool Document::load_text_or_throw(std::string text, const std::string& path) {
  scenario::LoadResult r = scenario::load_scenario_text(text, path);
  if (!r.ok()) {
    errors_.clear();
    for (const auto& d : r.errors) errors_.push_back(d.format());
    if (errors_.empty()) errors_.push_back(path + ": error: the file could not be loaded");
    error_file_ = path;
    return false;
  }
  errors_.clear();
  error_file_.clear();
  scenario_ = std::make_unique<scenario::Scenario>(std::move(*r.scenario));
  // The listing also numbers the statements (py_line), which the run's trace then carries.
  listing_ = scenario::to_python(*scenario_, {}).text;
  text_ = std::move(text);
  adopted_title_.clear();
  // Another lesson starts from its own settings; the same file read again keeps the bar's.
  // The event budget is the app's safety limit, not a lesson's setting: it stays.
  if (path != path_) {
    RunChoice fresh;
    fresh.event_budget = choice_.event_budget;
    choice_ = fresh;
  }
  path_ = path;
  rerun();
  return true;
}

void Document::set_errors(std::string file, std::vector<std::string> errors) {
  error_file_ = std::move(file);
  errors_ = std::move(errors);
}

void Document::set_choice(const RunChoice& choice) {
  const RunChoice before = choice_;
  choice_ = choice;
  if (!scenario_) return;
  try {
    rerun();
  } catch (const std::exception& e) {
    choice_ = before;
    errors_ = {path_ + ": error: the run could not be made: " + e.what()};
    error_file_ = path_;
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

const std::string& Document::description() const {
  static const std::string none;
  return scenario_ ? scenario_->description : none;
}

void Document::rerun() {
  const auto t0 = std::chrono::steady_clock::now();
  scenario::RunOverrides o;
  o.strict_exception_groups = choice_.strict_exception_groups;
  if (choice_.random) o.scheduling = *choice_.random ? "random" : "fifo";
  o.seed = choice_.seed;
  o.event_budget = choice_.event_budget;
  // Drop what points into the old run before replacing it.
  timeline_.reset();
  playback_.reset();
  run_ = std::make_unique<trio::RunResult>(scenario::run_scenario(*scenario_, o));
  blocks_ = view::SourceBlocks(listing_);
  playback_ = std::make_unique<view::Playback>(run_->trace, view::Playback::Options{.blocks = &blocks_});
  ++generation_;
  run_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void Document::adopt_run(trio::RunResult run, std::string title) {
  timeline_.reset();
  playback_.reset();
  scenario_.reset();
  listing_.clear();
  text_.clear();
  path_.clear();
  adopted_title_ = std::move(title);
  run_ = std::make_unique<trio::RunResult>(std::move(run));
  blocks_ = view::SourceBlocks();
  playback_ = std::make_unique<view::Playback>(run_->trace, view::Playback::Options{});
  ++generation_;
}

const view::TimelineLayout& Document::timeline() {
  if (!timeline_) {
    static const trio::Trace empty;
    timeline_ = std::make_unique<view::TimelineLayout>(
        view::build_timeline(run_ ? run_->trace : empty, {}, run_ ? &blocks_ : nullptr));
  }
  return *timeline_;
}

}  // namespace trioscope::gui
