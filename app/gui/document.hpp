// The document: one scenario, its text, its parsed form, its Python listing and its
// recorded run, plus everything the view derives from the run (playback, block structure,
// timeline layout).
//
// It is the one place that runs the engine. Panels read it; they never run coroutines.
// Changing a setting reruns at once, so a class can compare outcomes. A file that does not
// load leaves the current scenario in place and reports its errors as values.
//
// Room for what comes next: the scenario text is kept, so an editor can change it and call
// load_text(); an exporter reads timeline() and the playback.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runner.hpp"
#include "scenario/ast.hpp"
#include "scenario/interpreter.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::gui {

// What the settings bar can change; unset fields follow the file.
struct RunChoice {
  std::optional<bool> strict_exception_groups;
  std::optional<bool> random;  // scheduling "random" instead of "fifo"
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> event_budget;  // unset: the engine's default
};

class Document {
 public:
  Document();
  ~Document();

  // Replace the document with a file / text. On failure nothing changes and errors() says
  // why (one "FILE:LINE:COL: error: ..." line each).
  bool load_file(const std::string& path);
  bool load_text(std::string text, const std::string& path);
  // Read the current file again (after it was edited elsewhere).
  bool reload();

  // Settings: each change reruns the scenario.
  void set_choice(const RunChoice& choice);
  const RunChoice& choice() const { return choice_; }
  bool strict() const;
  bool random() const;
  std::uint64_t seed() const;

  bool loaded() const { return run_ != nullptr; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  const std::string& title() const;
  const std::string& description() const;
  const scenario::Scenario* scenario() const { return scenario_.get(); }
  const std::string& listing() const { return listing_; }
  const trio::RunResult* run() const { return run_.get(); }
  const trio::Trace* trace() const { return run_ ? &run_->trace : nullptr; }
  view::Playback* playback() { return playback_.get(); }
  const view::Playback* playback() const { return playback_.get(); }
  const view::SourceBlocks& blocks() const { return blocks_; }
  // Built on first use after each run (it walks the whole trace).
  const view::TimelineLayout& timeline();

  // Diagnostics of the last failed load (empty after a success).
  const std::vector<std::string>& errors() const { return errors_; }
  const std::string& error_file() const { return error_file_; }
  void clear_errors() { errors_.clear(); }
  // Shows errors found elsewhere (a file that failed before this one was opened).
  void set_errors(std::string file, std::vector<std::string> errors);
  // Changes whenever the run is replaced: panels drop their caches when it does.
  std::uint64_t generation() const { return generation_; }
  // Wall-clock milliseconds the last run and playback indexing took.
  double run_ms() const { return run_ms_; }

  // Loads a trace made elsewhere (benchmarks, tests): no scenario, no listing.
  void adopt_run(trio::RunResult run, std::string title);

 private:
  bool load_text_or_throw(std::string text, const std::string& path);
  void rerun();

  std::string path_;
  std::string text_;
  std::unique_ptr<scenario::Scenario> scenario_;
  std::string listing_;
  RunChoice choice_;
  std::unique_ptr<trio::RunResult> run_;
  view::SourceBlocks blocks_;
  std::unique_ptr<view::Playback> playback_;
  std::unique_ptr<view::TimelineLayout> timeline_;
  std::vector<std::string> errors_;
  std::string error_file_;
  std::string adopted_title_;
  std::uint64_t generation_ = 0;
  double run_ms_ = 0;
};

}  // namespace trioscope::gui
