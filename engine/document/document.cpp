#include "document/document.hpp"

#include <chrono>

#include "scenario/python_listing.hpp"
#include "scenario/read_file.hpp"

namespace trioscope::document {

std::vector<std::string> Problems::lines() const {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const auto& d : diagnostics) out.push_back(d.format());
  return out;
}

Document::Document() = default;
Document::~Document() = default;

void Document::fail(const std::string& path, std::string message) {
  problems_.file = path;
  problems_.diagnostics = {scenario::Diagnostic{path, {}, std::move(message)}};
}

bool Document::open_file(const std::string& path, const RunChoice& choice) {
  scenario::ReadResult read = scenario::read_text_file(path, scenario::kMaxFileBytes);
  if (!read.ok) {
    fail(path, std::move(read.error));
    return false;
  }
  return open_text(std::move(read.text), path, choice);
}

bool Document::open_text(std::string text, const std::string& path, const RunChoice& choice) {
  return replace(std::move(text), path, choice, /*same_document=*/false);
}

bool Document::reload() {
  if (path_.empty()) return false;
  scenario::ReadResult read = scenario::read_text_file(path_, scenario::kMaxFileBytes);
  if (!read.ok) {
    fail(path_, std::move(read.error));
    return false;
  }
  return set_text(std::move(read.text));
}

bool Document::set_text(std::string text) { return replace(std::move(text), path_, choice_, /*same_document=*/true); }

// Whatever goes wrong (even running out of memory on a huge file) becomes a problem shown
// to the user, with the current lesson kept.
bool Document::replace(std::string text, const std::string& path, const RunChoice& choice, bool same_document) {
  try {
    scenario::LoadResult r = scenario::load_scenario_text(text, path);
    if (!r.ok()) {
      problems_.file = path;
      problems_.diagnostics = std::move(r.errors);
      if (problems_.diagnostics.empty()) fail(path, "the file could not be loaded");
      // Editing keeps the invalid text: it is the user's work, and the views keep the last
      // valid run, marked stale, until the text is valid again.
      if (same_document && run_) text_ = std::move(text);
      return false;
    }
    problems_ = {};
    scenario_ = std::make_unique<scenario::Scenario>(std::move(*r.scenario));
    // A lesson written in Trio Python is shown as written: its statements' py_line already
    // number the lines of its own text. A JSON lesson is shown as its Python listing, which
    // also numbers the statements (py_line) that the run's trace then carries.
    listing_ = scenario_->source == scenario::SourceKind::python ? text : scenario::to_python(*scenario_, {}).text;
    text_ = valid_text_ = std::move(text);
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
    return false;
  }
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

void Document::rerun() {
  const auto t0 = std::chrono::steady_clock::now();
  scenario::RunOverrides o;
  o.strict_exception_groups = choice_.strict_exception_groups;
  if (choice_.random) o.scheduling = *choice_.random ? "random" : "fifo";
  o.seed = choice_.seed;
  o.event_budget = choice_.event_budget;
  o.limits = choice_.limits;
  o.schedule = choice_.schedule;
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
  valid_text_.clear();
  path_.clear();
  adopted_title_ = std::move(title);
  run_ = std::make_unique<trio::RunResult>(std::move(run));
  blocks_ = view::SourceBlocks();
  playback_ = std::make_unique<view::Playback>(run_->trace, view::Playback::Options{});
  ++generation_;
}

const view::TimelineLayout& Document::timeline(const view::TimelineOptions& options) const {
  if (!timeline_ || !(timeline_options_ == options)) {
    timeline_options_ = options;
    static const trio::Trace empty;
    timeline_ = std::make_unique<view::TimelineLayout>(
        view::build_timeline(run_ ? run_->trace : empty, options, run_ ? &blocks_ : nullptr));
  }
  return *timeline_;
}

}  // namespace trioscope::document
