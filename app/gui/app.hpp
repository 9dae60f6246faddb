// The app: the document, how it is viewed, and one frame of the whole window.
//
// Frame call flow (app.cpp):
//   frame(dt)
//    | handle_keys()              Space, Left/Right (Shift: by instant), Home/End, F11, Ctrl +/-
//    | advance_playback(dt)       playing: one step every 1/speed seconds
//    | open_dropped_files()       files dropped on the window since the last frame
//    | root window, laid out for the window size:
//    |   draw_toolbar             playback, scrub, speed, settings, look
//    |   draw_error_banner        what a bad file said (file:line:col), current scenario kept
//    |   draw_caption             the sentence for this step
//    |   draw_lessons | draw_tree | draw_code / draw_output     (splitters between)
//    |   draw_timeline
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
#include "view/snapshot.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::gui {

// Requests the frame makes of the window around it (handled between frames).
struct WindowRequests {
  bool toggle_fullscreen = false;
  bool rebuild_fonts = false;
  bool quit = false;
};

class App {
 public:
  explicit App(std::string lessons_dir);

  // Opens a file; on failure the current scenario stays and the banner shows the errors.
  bool open(const std::string& path);

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
  } memory;
  float line_height = 18;            // of the UI font this frame

 private:
  void handle_keys();
  void advance_playback(float dt);
  void open_dropped_files();
  void layout_window();
  void sync_document();

  bool wide_ = true;
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
