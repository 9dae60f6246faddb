// The teaching mode in the app: Predict (questions before the key moments), "Why?" windows
// and the lint marks. The app owns one Teaching; it is brought up to date between frames
// (update), never while a panel draws, and the panels read what it holds through
// PanelContext::teaching.
//
//   apply_pending():    teaching.update(doc, input)      lints per run; questions once
//                                                        Predict is on (engine/teach)
//   handle_key():       teaching.handle_key(...)         P, 1-4, Space at a question, W
//   advance_playback(): teaching.holds(step)             playback stops at a question
//   layout_window():    teaching.draw(ctx)               the question and the Why? window
//
// The code editor calls draw_lint_mark and lint_tip (lint_margin.cpp) for each row, the caption adds
// caption_note, and a click on a task (tree, timeline lane) sets InputState::why_task.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "document/document.hpp"
#include "gui/input_state.hpp"
#include "gui/panel.hpp"
#include "teach/teaching.hpp"

namespace trioscope::gui {

class Teaching {
 public:
  // Between frames: lints for a new run; questions when Predict is on.
  void update(const document::Document& doc, const InputState& in);
  const teach::Teaching& data() const { return data_; }

  // The question posed at `step` (Predict on, one stops there), or null.
  const teach::Question* posed(const InputState& in, std::int32_t step) const;
  // Playback stops here: a question is posed and not yet revealed.
  bool holds(const InputState& in, std::int32_t step) const;
  // What the class answered at a question's stop.
  struct Answer {
    int chosen = -1;  // index of the choice picked (-1: none yet)
    bool revealed = false;
  };
  Answer& answer(std::int32_t stop) { return answers_[stop]; }
  const Answer* answer_at(std::int32_t stop) const;

  // A key the teaching mode takes (true: handled). Keys wait while a text field or any
  // widget has the keyboard (the code editor among them).
  bool handle_key(const KeyPress& k, InputState& in, std::int32_t step);

  // The question overlay and the Why? window, over the panels.
  void draw(PanelContext& ctx);

 private:
  teach::Teaching data_;
  std::map<std::int32_t, Answer> answers_;  // by question stop; reset with each run
};

// The Predict switch and the "Why?" button of the toolbar, and (a narrow window keeps "Why?"
// there) the rows of the toolbar's ⚙ menu (teach_toolbar.cpp).
// `narrow` and `spacing` are the toolbar's (a menu bar spaces its items more); `right` is
// where the row ends (window x).
void teach_toolbar_buttons(PanelContext& ctx, bool narrow, float right);
float teach_toolbar_width(const PanelContext& ctx, bool narrow, float spacing);  // what the buttons need
void teach_menu_items(PanelContext& ctx);

// For each row of the code editor showing the run's program: the lint mark in the margin
// between the line numbers and the code (⚠), and the lints' text for the margin's tooltip
// ("" when the line has none) (lint_margin.cpp). `gutter_x` is where the line numbers end;
// `row_h` the row's height; `line` the program's line (Lint::py_line).
void draw_lint_mark(PanelContext& ctx, std::uint32_t line, ImVec2 row_min, float gutter_x, float char_w, float row_h);
std::string lint_tip(const PanelContext& ctx, std::uint32_t line);

// The caption's addition at this step: the lints that bite here ("" for none).
std::string lint_caption_note(const PanelContext& ctx);

// predict_overlay.cpp, why_popup.cpp
void draw_predict_overlay(PanelContext& ctx, Teaching& teaching);
void draw_why_window(PanelContext& ctx);

class App;
// Screenshots (gui_main's --predict, --answer, --reveal, --why): Predict on at `step_spec`
// (also "question:N"), the choice `answer` (1-4, 0: none) and the reveal; a Why? window for a
// task label or "step". Sets `step`; returns what is wrong ("" when all is well).
std::string set_up_teaching(App& app, bool predict, const std::string& step_spec, int answer, bool reveal,
                            const std::string& why, std::int32_t& step);

// A keyboard shortcut may act: no text field is being edited and no widget holds the
// keyboard (ImGui's WantTextInput / ActiveId).
bool keys_free();

}  // namespace trioscope::gui
