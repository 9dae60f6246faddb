// The app: one open document, how it is looked at, and the panels that show it.
//
// Frame call flow (app.cpp; the window layout in window_layout.cpp):
//   frame(dt)
//    | apply_pending()            commands queued last frame (open, reload, settings),
//    |                            dropped files, a step a panel asked for
//    | handle_keys()              Space, Left/Right (Shift: by instant), Home/End, F11, Ctrl +/-
//    | advance_playback(dt)       playing: one step every 1/speed seconds
//    | apply_pending()            what the keys queued, so that this frame shows it
//    | layout_window()            the panels, laid out for the window size:
//    |   toolbar, banners, caption
//    |   lessons | tree | code / output (splitters between)
//    |   timeline
//
// Nothing changes the document or the step while the panels draw: they queue, and the
// queue is applied at the start of the next frame, so one frame shows one moment.
#pragma once

#include <cstdint>
#include <string>

#include "document/commands.hpp"
#include "document/document.hpp"
#include "document/document_view.hpp"
#include "gui/banners.hpp"
#include "gui/caption_panel.hpp"
#include "gui/code_panel.hpp"
#include "gui/file_flow.hpp"
#include "gui/fonts.hpp"
#include "gui/frame_report.hpp"
#include "gui/input_state.hpp"
#include "gui/lessons_panel.hpp"
#include "gui/output_panel.hpp"
#include "gui/preferences.hpp"
#include "gui/timeline_panel.hpp"
#include "gui/toolbar_panel.hpp"
#include "gui/tree_panel.hpp"
#include "view/key_steps.hpp"

namespace trioscope::gui {

class App {
 public:
  explicit App(std::string lessons_dir);

  // Opens a file at its beginning, at once; on failure the current lesson stays and the
  // banner shows the errors.
  bool open(const std::string& path);
  // The file asked for on the command line, or `fallback` (the first lesson) when it does
  // not open: the banner then shows the file's errors and says what is shown instead.
  bool open_or(const std::string& path, const std::string& fallback);
  // Queues a change of the document, applied before the next frame is drawn.
  void submit(document::Command c) { commands_.push(std::move(c)); }

  void frame(float dt);

  // Moves to `step` (clamped), at once.
  void go_to(std::int32_t step);
  std::int32_t last_step() const;
  // The caption of the current step.
  const std::string& caption();
  // The lessons: a column in a wide window, a panel over the tree in a narrow one.
  void toggle_lessons();
  bool wide_layout() const { return wide_; }
  bool compact() const { return compact_; }
  // Something moves on screen (playing, an animation): the main loop polls.
  bool moving() const { return input_.playing || tree_.animating(now_); }

  // ---- what the menus and keys ask for (each only queues; applied between frames) ----
  FileFlow& files() { return files_; }
  CodePanel& code() { return code_; }
  ToolbarPanel& toolbar() { return toolbar_; }
  edit::EditSession& session() { return session_; }
  void undo();
  void redo();
  void apply_now();  // Ctrl+Enter: what was typed runs now
  // A Ctrl+key of the code editor (the Edit menu's Cut, Copy, Paste, Select All), given
  // the keyboard.
  void editor_key(int glfw_key);
  // "lesson.json • — trioscope": the file, and whether it has unsaved changes.
  std::string window_title() const;
  // The window's close button: false (and the app asks) when there are unsaved changes.
  bool may_close() { return files_.may_close(); }

  document::Document& doc() { return doc_; }
  const document::Document& doc() const { return doc_; }
  document::DocumentView& view() { return view_; }
  Preferences& prefs() { return prefs_; }
  InputState& input() { return input_; }
  WindowRequests& requests() { return requests_; }
  Fonts& fonts() { return fonts_; }
  const FrameReport& report() const { return report_; }
  view::Animator& animator() { return tree_.animator(); }
  const std::vector<Lesson>& lessons() const { return lessons_.lessons(); }
  double now() const { return now_; }

  // Screenshot / benchmark mode: no hover, nothing read from the clock, and no animation
  // unless one is held at a fixed progress (frames for slides, tests of the effects).
  bool deterministic = false;
  bool animate_when_deterministic = false;

 private:
  PanelContext context();
  void apply_pending();
  void handle_keys();
  void handle_key(const KeyPress& k);
  bool handle_shortcut(const KeyPress& k);  // Ctrl+key of the app (files, undo): true if it was one
  std::string default_lesson() const;
  // The teaching moments of the run (view/key_steps), and the next and previous one from
  // `step` (Shift+PageDown / Shift+PageUp).
  const std::vector<view::KeyStep>& key_steps();
  std::int32_t next_key_step(std::int32_t step);
  std::int32_t prev_key_step(std::int32_t step);
  void advance_playback(float dt);
  void layout_window();
  void layout_side(PanelContext& ctx, float col_w, float col_h, bool stacked);

  document::Document doc_;
  edit::EditSession session_;
  document::CommandQueue commands_;
  document::DocumentView view_;
  Preferences prefs_;
  InputState input_;
  WindowRequests requests_;
  Fonts fonts_;
  FrameReport report_;
  double now_ = 0;  // seconds since start (frames' dt summed)
  std::vector<view::KeyStep> key_steps_;
  std::uint64_t key_steps_generation_ = ~0ull;
  bool wide_ = true;
  bool compact_ = false;

  ToolbarPanel toolbar_;
  ErrorBanner error_banner_;
  MessageBar message_bar_;
  RunBanner run_banner_;
  CaptionPanel caption_;
  LessonsPanel lessons_;
  LessonsStrip lessons_strip_;
  TreePanel tree_;
  CodePanel code_;
  OutputPanel output_;
  TimelinePanel timeline_;
  FileFlow files_;
};

// A text field is being edited (it has the keyboard; playback keys wait).
bool text_field_active();

}  // namespace trioscope::gui
