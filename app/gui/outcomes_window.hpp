// View → Outcomes… (O): every way the lesson can end. The schedule explorer
// (explore/background.hpp) runs on its own thread while the app goes on; the window shows
// its progress with Cancel, then its verdict, "exactly K outcomes" (every schedule was
// accounted for) or "at least K" (it stopped early, and says why), and one row per outcome:
// what it printed that the others did not and how trio.run ended, and its share of the
// schedules as a percentage, a bar and a count. A click on a row reruns the lesson with
// that outcome's shortest schedule, so that every view shows that run; the row of the run
// on screen has a ✓ and bold text. Under the rows: Compare two outcomes, or the run on
// screen with strict_exception_groups on and off, or before and after the last edit.
//
// A new lesson, a new text or new settings that change what can happen (strict groups, the
// event budget) explore again, cancelling the old exploration; a rerun of the same lesson
// with another schedule (a click here) does not.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "explore/background.hpp"
#include "gui/panel.hpp"
#include "gui/run_job.hpp"

namespace trioscope::gui {

class CompareWindow;

// What each outcome printed that the other outcomes did not (or, when they print the same
// lines, the first line it prints in another order), then how trio.run ended. `outputs`
// are explore::output_lines of each outcome's run.
std::vector<std::string> outcome_summaries(const std::vector<std::vector<std::string>>& outputs);

class OutcomesWindow {
 public:
  void open() {
    open_ = true;
    placed_ = false;
  }
  bool is_open() const { return open_; }
  // Between frames: starts the exploration of the lesson on screen when the window is open
  // and that lesson is not the one explored (cancelling an older one), and the replay of
  // the outcomes' schedules once it is done.
  void update(const document::Document& doc);
  void draw(PanelContext& ctx, CompareWindow& compare);
  // Exploring or replaying.
  bool busy() const;
  // Blocks until it is neither (screenshots): `doc` is what update() follows.
  void wait(const document::Document& doc);
  void cancel();

  const explore::Report* report() const { return report_ ? &*report_ : nullptr; }
  // The replayed runs of the outcomes (empty until replayed), in the report's order.
  const std::vector<PreparedRun>* runs() const;
  // The outcome the document's run ends as (-1: none of them, or not explored).
  int on_screen(const document::Document& doc);
  // The document's settings with outcome k's schedule: what a click on its row sets.
  document::RunChoice choice_for(const document::Document& doc, std::size_t k) const;
  // Compare opened on outcomes a and b (indices into the report).
  void compare_outcomes(const document::Document& doc, CompareWindow& compare, std::size_t a, std::size_t b) const;
  // Compare opened on the run on screen with strict_exception_groups on and off.
  static void compare_strict(const document::Document& doc, CompareWindow& compare);

 private:
  // What the exploration depends on: the lesson's text and the settings that change what
  // can happen (scheduling, seed and schedule do not: the explorer takes every choice).
  struct Key {
    std::string path, text;
    std::optional<bool> strict;
    std::optional<std::uint64_t> budget;
    double max_seconds = 0;
    bool operator==(const Key&) const = default;
  };
  Key key_of(const document::Document& doc) const;
  void start(const document::Document& doc);
  void draw_progress(PanelContext& ctx);
  void draw_verdict(PanelContext& ctx);
  void draw_rows(PanelContext& ctx);
  void draw_compare(PanelContext& ctx, CompareWindow& compare);

  bool open_ = false;
  bool placed_ = false;
  double max_seconds_ = 10;
  std::optional<Key> key_;  // what report_ (or job_) is of
  scenario::RunOverrides overrides_;  // the exploration's (without a schedule)
  std::unique_ptr<scenario::Scenario> scenario_;  // the lesson explored, and its listing
  std::string listing_;
  std::unique_ptr<explore::BackgroundExploration> job_;
  double started_at_ = -1;  // ctx.now when the job was first drawn
  std::optional<explore::Report> report_;
  std::unique_ptr<RunJob> replay_;
  std::vector<std::string> summaries_;
  std::uint64_t checked_generation_ = ~0ull;  // the run whose lesson was last compared with key_
  std::uint64_t screen_generation_ = ~0ull;
  int screen_outcome_ = -1;
  int pick_a_ = 0, pick_b_ = 1;
};

}  // namespace trioscope::gui
