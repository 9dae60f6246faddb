// The app: the document, how it is viewed, and one frame of the whole window.
//
// Frame call flow (app.cpp; the layout in window_layout.cpp):
//   frame(dt)
//    | handle_keys()              Space, Left/Right (Shift: by instant), Home/End, F11, Ctrl +/-
//    | advance_playback(dt)       playing: one step every 1/speed seconds
//    | open_dropped_files()       files dropped on the window since the last frame
//    | root window, laid out for the window size:
//    |   draw_toolbar             playback, scrub, speed, settings, look
//    |   draw_error_banner        what a bad file said (file:line:col), and what is shown
//    |   draw_run_banner          a run that did not finish (deadlock, event budget)
//    |   draw_caption             the sentence for this step
//    |   draw_lessons | draw_tree | draw_code / draw_output     (splitters between)
//    |   draw_timeline
//
// The layout adapts to the window in UI-scaled units (a projector at 1.75x is a small
// window): the code column gets the width its code needs, the lessons fold into a strip,
// and a short window shows code and output as tabs.
//
// Panels read the document and the view state and draw; only the App changes the step
// (go_to), so that every change of step starts the animation the same way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gui/animation.hpp"
#include "gui/document.hpp"
#include "gui/fonts.hpp"
#include "gui/lessons.hpp"
#include "gui/settings_store.hpp"
#include "gui/view_state.hpp"
#include "view/listing_wrap.hpp"
#include "view/snapshot.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::gui {

// What the last frame laid out, in screen pixels. Nothing in the app reads it back: it is
// there so that tests can check layout rules (is the group chip in view, does the code fit)
// without a person looking at a picture.
struct FrameReport {
  ImVec4 tree{}, code{}, output{}, timeline{}, lessons{};  // panel rects (x0, y0, x1, y1)
  ImVec4 open_field{};           // the lessons panel's path field
  bool compact = false;          // a short window: code and output as tabs
  enum class Lessons { hidden, column, strip } lessons_shown = Lessons::hidden;
  bool lessons_overlay = false;  // the strip was opened over the tree
  int code_rows_visible = 0;     // listing rows wholly in view
  float code_overflow = 0;       // how far the widest drawn row passes the panel's edge (px)
  int lanes = 0, lanes_visible = 0;  // timeline lanes, and those wholly in view
  bool lane_scrollbar = false;
  bool tree_focus_visible = true;    // the part of the tree the step is about is in view
  std::string title_shown;       // the toolbar's title as drawn (maybe shortened)
  std::string scrub_label;       // "step 3 of 44", "before the first step"
  std::string run_banner;        // the banner of a run that did not finish ("" when none)
  std::string error_banner;      // the error banner's first line ("" when none)
};

// Requests the frame makes of the window around it (handled between frames).
struct WindowRequests {
  bool toggle_fullscreen = false;
  bool rebuild_fonts = false;
  bool quit = false;
};

class App {
 public:
  explicit App(std::string lessons_dir);

  // Opens a file at its beginning; on failure the current scenario stays and the banner
  // shows the errors.
  bool open(const std::string& path);
  // The file asked for on the command line, or `fallback` (the first lesson) when it does
  // not open: the banner then shows the file's errors and says what is shown instead.
  bool open_or(const std::string& path, const std::string& fallback);

  void frame(float dt);

  // The lessons: a column in a wide window, a panel over the tree in a narrow one.
  void toggle_lessons();
  bool wide_layout() const { return wide_; }

  // Moves to `step` (clamped) and starts its animation.
  void go_to(std::int32_t step);
  std::int32_t last_step() const;

  // The caption of the current step (cached per step).
  const std::string& caption();
  // The state at the current step.
  const view::Snapshot* snapshot();
  // The tree for the current step at `width`, laid out with the current fonts (cached).
  const view::TreeLayout& tree(float width);
  // A short window (a projector at a low resolution): panels fold to save height.
  bool compact() const { return compact_; }
  // A text field is being edited (it has the keyboard; playback keys wait).
  static bool text_field_active();

  // Screenshot / benchmark mode: no hover, nothing read from the clock, and no animation
  // unless one is held at a fixed progress (frames for slides, tests of the effects).
  bool deterministic = false;
  bool animate_when_deterministic = false;
  // Settings saved on exit (and read at start) unless empty.
  std::string settings_file;
  StoredSettings stored;

  Document doc;
  ViewState vs;
  Fonts fonts;
  Animator anim;
  WindowRequests requests;
  std::vector<Lesson> lessons;
  std::string lessons_dir;
  std::vector<std::string> dropped;  // paths dropped on the window, opened next frame
  std::string open_path_input;       // the lessons panel's "open file" field
  // What the error banner says about the lesson on screen after a file failed to open.
  std::string error_note = "The lesson on screen is unchanged.";
  FrameReport report;
  double now = 0;                    // seconds since start (frames' dt summed)
  // What panels remember between frames (not view state: nothing to save or restore).
  struct {
    int output_rows = -1;            // lines the output showed (scroll to new ones)
    int output_scroll_frames = 0;
    std::int32_t timeline_step = -2;  // the step the timeline last followed
    std::int32_t code_step = -2;     // the step the code panel last scrolled for
    std::uint64_t code_generation = ~0ull;
    int code_scroll_frames = 0;      // frames left to bring the line into view (a new
                                     // panel knows its size only after a frame or two)
    std::int32_t tree_step = -2;     // the step the tree last scrolled for
    std::uint64_t tree_generation = ~0ull;
    int tree_scroll_frames = 0;
    std::int32_t lanes_step = -2;    // the step the timeline's lanes last followed
    view::ListingRows code_rows;     // the listing wrapped to the code panel (cached per run,
    std::uint64_t code_rows_generation = ~0ull;  // font and width)
    int code_rows_columns = -1;
    float code_rows_font = 0;
    float code_width = 0;            // what the code column needs (cached per run and font)
    std::uint64_t code_width_generation = ~0ull;
    float code_width_font = 0;
    std::uint64_t banner_dismissed = ~0ull;  // the run whose "did not finish" banner was closed
  } memory;
  float line_height = 18;            // of the UI font this frame

 private:
  void handle_keys();
  void advance_playback(float dt);
  void open_dropped_files();
  void layout_window();
  void sync_document();

  bool wide_ = true;
  bool compact_ = false;
  bool lessons_over_ = false;  // narrow window: the lessons panel shown over the tree
  std::uint64_t seen_generation_ = ~0ull;
  std::int32_t caption_step_ = -2;
  std::string caption_;
  // Tree cache: valid for (generation, step, width, font size).
  view::TreeLayout tree_;
  std::uint64_t tree_generation_ = ~0ull;
  std::int32_t tree_step_ = -2;
  float tree_width_ = -1, tree_font_ = -1;
  bool morph_pending_ = false;
  std::vector<view::Effect> pending_effects_;
};

}  // namespace trioscope::gui
