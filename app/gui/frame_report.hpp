// What the last frame laid out, in screen pixels. Nothing in the app reads it back: it is
// there so that tests can check layout rules (is the group chip in view, does the code fit)
// without a person looking at a picture.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "view/text_recorder.hpp"

namespace trioscope::gui {

struct FrameReport {
  ImVec4 tree{}, code{}, output{}, timeline{}, lessons{};  // panel rects (x0, y0, x1, y1)
  ImVec4 open_field{};           // the lessons panel's path field
  bool compact = false;          // a short window: code and output as tabs
  enum class Lessons { hidden, column, strip } lessons_shown = Lessons::hidden;
  bool lessons_overlay = false;  // the strip was opened over the tree
  int code_rows_visible = 0;     // listing rows wholly in view
  std::uint32_t code_line = 0;   // the listing line of the step (0: none)
  bool code_line_visible = true; // that line is in view in the code panel
  float code_overflow = 0;       // how far the widest drawn row passes the panel's edge (px)
  int lanes = 0, lanes_visible = 0;  // timeline lanes, and those wholly in view
  bool lane_scrollbar = false;
  bool involved_lanes_visible = true;  // the lanes the step involves are wholly in view
  bool tree_focus_visible = true;    // the part of the tree the step is about is in view
  std::string title_shown;       // the toolbar's title as drawn (maybe shortened)
  std::string scrub_label;       // "step 3 of 44", "before the first step"
  std::string run_banner;        // the banner of a run that did not finish ("" when none)
  std::string error_banner;      // the error banner's first line ("" when none)
  // Teaching mode: lint marks drawn in the code margin; the Predict question and the Why?
  // window, when shown (rects in screen pixels).
  int lint_marks = 0;
  bool predict_shown = false, predict_revealed = false, predict_fits = true;
  std::string predict_prompt;
  int predict_choices = 0;
  ImVec4 predict{}, why{};
  std::string why_question, why_answer;
  int why_links = 0;
  std::string message;           // the message bar ("Saved ...", "Could not save ...")
  std::string dialog;            // the question the app is asking ("" when none)
  bool file_dialog = false;      // the app's file browser is open
  std::string window_title;
  // The buttons of the question or form on screen (label, rect), for tests to press.
  std::vector<std::pair<std::string, ImVec4>> buttons;
  // The code panel: the problems listed under it ("9:35 message"), and its editor's rect.
  std::vector<std::string> code_problems;
  std::vector<std::string> stale_marks;  // panels that said their run is out of date
  std::string export_state;   // the export window: "ready", "running", "error: ..." ("" closed)
  int export_previews = 0;    // previews drawn this frame
  float export_progress = 0;  // of an export running
  ImVec4 editor{};
  // The Outcomes window ("" closed, "exploring", "done"): its verdict ("Exactly 2 outcomes:
  // ..."), and one row per outcome as drawn (the row's rect is what a click selects).
  std::string outcomes_state;
  std::string outcomes_verdict;
  struct OutcomeRow {
    std::string name;      // "Outcome 1"
    std::string summary;   // what it printed that the others did not, how trio.run ended
    std::string schedule;  // the replay string a click loads
    std::uint64_t schedules = 0;
    int percent = 0;       // of all schedules, as the row shows it
    bool on_screen = false;  // the run on screen ends this way (✓, bold)
    ImVec4 rect{};
  };
  std::vector<OutcomeRow> outcomes;
  ImVec4 outcomes_window{};
  // The Compare window ("" closed, "running", "ready"): the two sides, the output diff as
  // drawn ("  line", "- line", "+ line"), the step where the runs part (-1: they do not),
  // the step shown, and each side's caption there.
  std::string compare_state;
  std::string compare_a, compare_b;
  std::vector<std::string> compare_diff;
  std::int32_t compare_divergence = -1;
  std::int32_t compare_step = -1;
  std::string compare_caption_a, compare_caption_b;
  int compare_timelines = 0;  // lane sets painted (two when both runs are there)
  ImVec4 compare_window{};
  // Sleep ends the timeline offers to drag: (task, x, y) at the handle's middle.
  struct SleepEnd {
    std::int32_t task = -1;
    float x = 0, y = 0;
  };
  std::vector<SleepEnd> sleep_ends;
  // Every piece of text the tree and the timeline painted, where it shows: for checking
  // that no two labels overlap.
  std::vector<view::PaintedText> tree_texts, timeline_texts;
};

// The report as JSON (the layout checks a screenshot test reads back): the panels' rects,
// whether what the step is about is in view, and the first two labels that overlap.
std::string report_json(const FrameReport& r);

}  // namespace trioscope::gui
