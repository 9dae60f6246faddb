// The document: one lesson as it is open, whether in the app, on the command line or in
// an exporter. It holds the source text (which may be invalid while someone edits it),
// the last valid scenario and its Python listing, the run settings, the recorded run, and
// what the views derive from the run (playback, block structure, timeline layout).
//
// It is the one place that runs the engine. Nothing changes it in the middle of a frame:
// the app queues commands (commands.hpp) and applies them between frames. A file that
// does not load leaves the current lesson in place and reports its problems as values.
//
//   Document doc;
//   if (!doc.open_file("lesson.json")) print(doc.problems());
//   doc.trace(), doc.playback()->seek(12), doc.timeline() ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runner.hpp"
#include "scenario/ast.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::document {

// Settings a user chose over the file's; unset fields follow the file.
struct RunChoice {
  std::optional<bool> strict_exception_groups;
  std::optional<bool> random;  // scheduling "random" instead of "fifo"
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> event_budget;  // unset: limits' events (`--budget`)
  // What a run may consume (core/limits.hpp: events, statements, tasks, memory, ...); unset:
  // the engine's defaults, trio::RunLimits{}. Like the event budget, a safety setting of
  // the app rather than of a lesson: it carries over when another file is opened.
  std::optional<trio::RunLimits> limits;
  // Replay exactly this schedule (`trioscope explore`'s strings): every scheduling choice
  // of the run is decided by it (RunResult::schedule_problem says when it does not fit).
  std::optional<std::string> schedule;
  bool operator==(const RunChoice&) const = default;
};

// Why a file did not open or a text does not parse: the file and every problem in it.
struct Problems {
  std::string file;
  std::vector<scenario::Diagnostic> diagnostics;
  bool empty() const { return diagnostics.empty(); }
  // One "FILE:LINE:COL: error: ..." line per problem.
  std::vector<std::string> lines() const;
};

class Document {
 public:
  Document();
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Replaces the document with a file (or a text that `path` names). On failure nothing
  // changes and problems() says why. `choice` is the new lesson's settings.
  bool open_file(const std::string& path, const RunChoice& choice = {});
  bool open_text(std::string text, const std::string& path, const RunChoice& choice = {});
  // Reads the current file again (after it was edited elsewhere), keeping the settings.
  bool reload();
  // New source text for this document (the editor). Valid text becomes the scenario and
  // runs; invalid text is kept as the document's text with its problems, and the last
  // valid run stays on screen, marked stale(). False when the text is invalid.
  bool set_text(std::string text);
  // Settings: a change reruns the scenario.
  void set_choice(const RunChoice& choice);

  const RunChoice& choice() const { return choice_; }
  bool strict() const;
  bool random() const;
  std::uint64_t seed() const;

  bool loaded() const { return run_ != nullptr; }
  const std::string& path() const { return path_; }
  // The source text as it is now (maybe invalid), and the text the run was made from.
  const std::string& text() const { return text_; }
  const std::string& valid_text() const { return valid_text_; }
  bool stale() const { return text_ != valid_text_; }
  const std::string& title() const;
  const scenario::Scenario* scenario() const { return scenario_.get(); }
  // The program the code view shows: a Trio Python lesson's own text, or a JSON lesson's
  // Python listing.
  const std::string& listing() const { return listing_; }
  bool written_in_python() const { return scenario_ && scenario_->source == scenario::SourceKind::python; }
  const trio::RunResult* run() const { return run_.get(); }
  const trio::Trace* trace() const { return run_ ? &run_->trace : nullptr; }
  view::Playback* playback() { return playback_.get(); }
  const view::Playback* playback() const { return playback_.get(); }
  const view::SourceBlocks& blocks() const { return blocks_; }
  // Built on first use after each run (it walks the whole trace), for each axis asked for.
  const view::TimelineLayout& timeline(const view::TimelineOptions& options = {}) const;

  // What the last failed open or the current invalid text says (empty when all is well).
  const Problems& problems() const { return problems_; }
  void clear_problems() { problems_ = {}; }
  // Shows problems found elsewhere (a file that failed before this one was opened).
  void set_problems(Problems p) { problems_ = std::move(p); }
  // Changes whenever the run is replaced: views drop what they derived from the old one.
  std::uint64_t generation() const { return generation_; }
  // Wall-clock milliseconds the last run and playback indexing took.
  double run_ms() const { return run_ms_; }

  // Loads a trace made elsewhere (benchmarks, tests): no scenario, no listing.
  void adopt_run(trio::RunResult run, std::string title);

 private:
  bool replace(std::string text, const std::string& path, const RunChoice& choice, bool same_document);
  void fail(const std::string& path, std::string message);
  void rerun();

  std::string path_;
  std::string text_, valid_text_;
  std::unique_ptr<scenario::Scenario> scenario_;
  std::string listing_;
  RunChoice choice_;
  std::unique_ptr<trio::RunResult> run_;
  view::SourceBlocks blocks_;
  std::unique_ptr<view::Playback> playback_;
  mutable std::unique_ptr<view::TimelineLayout> timeline_;
  mutable view::TimelineOptions timeline_options_;
  Problems problems_;
  std::string adopted_title_;
  std::uint64_t generation_ = 0;
  double run_ms_ = 0;
};

}  // namespace trioscope::document
