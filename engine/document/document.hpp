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
#include "document/atomic_file.hpp"
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
  // The caller only prints the transcript (the CLI): the run keeps just its events, and
  // playback() and timeline() are not to be asked for.
  bool transcript_only = false;
  bool operator==(const RunChoice&) const = default;
};
// The engine's overrides for these settings (what the document runs with).
scenario::RunOverrides run_overrides(const RunChoice& choice);

// Why a file did not open or a text does not parse: the file and every problem in it.
struct Problems {
  std::string file;
  std::vector<scenario::Diagnostic> diagnostics;
  // Which text the lines and columns are of: the file's own, or (an edit in the other
  // view) the program as Python for a JSON lesson, the JSON for a Python one.
  scenario::SourceKind view = scenario::SourceKind::json;
  // Of a file that did not open (the lesson on screen is another one), rather than of the
  // lesson's own text as edited or read again.
  bool opening = false;
  bool empty() const { return diagnostics.empty(); }
  // One "FILE:LINE:COL: error: ..." line per problem.
  std::vector<std::string> lines() const;
};

// A file as it was on disk when the document read or wrote it: a change of either tells
// that someone else changed the file.
struct FileStamp {
  bool exists = false;
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
  bool operator==(const FileStamp&) const = default;
};
FileStamp stamp_of(const std::string& path);

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
  // A new document that is no file yet (New from a lesson): `name` names it in messages
  // and the title; Save asks where to write it.
  bool open_untitled(std::string text, const std::string& name, const RunChoice& choice = {});
  // Reads the current file again (after it was edited elsewhere), keeping the settings.
  bool reload();
  // New source text for this document (the editor). Valid text becomes the scenario and
  // runs; invalid text is kept as the document's text with its problems, and the last
  // valid run stays on screen, marked stale(). False when the text is invalid.
  bool set_text(std::string text);
  // The program edited in the other view: `view` is python for a JSON lesson (the text
  // becomes the listing, and the file's JSON is written from it, formatted as trioscope
  // saves JSON), json for a Python lesson (the Python is listed again from it). The view
  // of the file's own kind is set_text. False, with problems() about `text`, when invalid.
  bool set_view_text(scenario::SourceKind view, std::string text);
  // The text of a view of the last valid scenario: the file's text for its own kind, else
  // the program converted (Python: the listing; JSON: as trioscope saves it).
  std::string view_text(scenario::SourceKind view) const;
  // Settings: a change reruns the scenario.
  void set_choice(const RunChoice& choice);

  // ---- the file on disk ----
  // The format of the document's text: what Save writes (a .py file is Python).
  scenario::SourceKind kind() const { return kind_; }
  bool untitled() const { return untitled_; }
  // The text differs from the file (for an untitled document: from what it was made from).
  bool modified() const { return text_ != disk_text_; }
  const std::string& disk_text() const { return disk_text_; }
  // Writes the text to its file, atomically (atomic_file.hpp). On failure nothing changes
  // and the result says why.
  WriteResult save();
  // Why the file's text would not hold what is on screen: an edit in the other view that
  // does not read (nullopt when saving writes everything typed).
  std::optional<std::string> unsaved_view_edit() const;
  // Writes it to `path` and makes that the document's file. A name ending in .py or .json
  // that is not the text's format converts the program (it must be valid then).
  WriteResult save_as(const std::string& path);
  // Whether the file changed on disk since the document read or wrote it. Cheap: the file
  // is read only when its size or time changed, and a change of time alone is no change.
  enum class OnDisk { same, changed, missing };
  OnDisk check_disk();
  // The file's text on disk as check_disk() last read it (after `changed`).
  const std::string& disk_news() const { return disk_news_; }
  // "Keep mine": what is on disk becomes the base the text is compared with, so the
  // document stays modified and the question is not asked again for that version.
  void keep_mine();

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
  // The run on screen is not of the text on screen: the file's text does not read (stale),
  // or an edit in the other view does not.
  bool out_of_date() const { return stale() || unsaved_view_edit().has_value(); }
  const std::string& title() const;
  const scenario::Scenario* scenario() const { return scenario_.get(); }
  // The program the code view shows: a Trio Python lesson's own text, or a JSON lesson's
  // Python listing.
  const std::string& listing() const { return listing_; }
  bool written_in_python() const { return scenario_ && scenario_->source == scenario::SourceKind::python; }
  const trio::RunResult* run() const { return run_.get(); }
  const trio::Trace* trace() const { return run_ ? &run_->trace : nullptr; }
  // Built on first use after each run: it indexes the whole trace, which a caller that only
  // prints the transcript (the CLI) never needs.
  view::Playback* playback();
  const view::Playback* playback() const { return const_cast<Document*>(this)->playback(); }
  const view::SourceBlocks& blocks() const { return blocks_; }
  // Built on first use after each run (it walks the whole trace), for each axis asked for.
  const view::TimelineLayout& timeline(const view::TimelineOptions& options = {}) const;

  // What the last failed open or the current invalid text says (empty when all is well).
  const Problems& problems() const { return problems_; }
  // What the last text that read had that Python runs but is very likely not meant (in
  // the text of the view it was read from: problems().view's rules apply).
  const std::vector<scenario::Diagnostic>& warnings() const { return warnings_; }
  scenario::SourceKind warnings_view() const { return warnings_view_; }
  void clear_problems() { problems_ = {}; }
  // Shows problems found elsewhere (a file that failed before this one was opened).
  void set_problems(Problems p) { problems_ = std::move(p); }
  // Changes whenever the run is replaced: views drop what they derived from the old one.
  std::uint64_t generation() const { return generation_; }
  // Wall-clock milliseconds the last run took.
  double run_ms() const { return run_ms_; }

  // Loads a trace made elsewhere (benchmarks, tests): no scenario, no listing.
  void adopt_run(trio::RunResult run, std::string title);

 private:
  bool replace(std::string text, const std::string& path, const RunChoice& choice, bool same_document);
  // Takes a valid scenario (with its listing and the file text) as the document's.
  void adopt(scenario::Scenario sc, std::string listing, std::string text);
  void remember_disk(std::string text);
  void fail(const std::string& path, std::string message);
  void rerun();

  std::string path_;
  bool untitled_ = false;
  scenario::SourceKind kind_ = scenario::SourceKind::json;
  std::string text_, valid_text_;
  std::string disk_text_, disk_news_;
  FileStamp disk_stamp_;
  std::unique_ptr<scenario::Scenario> scenario_;
  std::string listing_;
  RunChoice choice_;
  std::unique_ptr<trio::RunResult> run_;
  view::SourceBlocks blocks_;
  std::unique_ptr<view::Playback> playback_;  // null until playback() asks
  mutable std::unique_ptr<view::TimelineLayout> timeline_;
  mutable view::TimelineOptions timeline_options_;
  Problems problems_;
  std::vector<scenario::Diagnostic> warnings_;
  scenario::SourceKind warnings_view_ = scenario::SourceKind::json;
  std::string adopted_title_;
  std::uint64_t generation_ = 0;
  double run_ms_ = 0;
};

}  // namespace trioscope::document
