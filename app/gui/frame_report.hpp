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
  std::string message;           // the message bar ("Saved ...", "Could not save ...")
  std::string dialog;            // the question the app is asking ("" when none)
  bool file_dialog = false;      // the app's file browser is open
  std::string window_title;
  // Every piece of text the tree and the timeline painted, where it shows: for checking
  // that no two labels overlap.
  std::vector<view::PaintedText> tree_texts, timeline_texts;
};

// The report as JSON (the layout checks a screenshot test reads back): the panels' rects,
// whether what the step is about is in view, and the first two labels that overlap.
std::string report_json(const FrameReport& r);

}  // namespace trioscope::gui
