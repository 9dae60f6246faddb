// Code: the lesson as Trio Python and as JSON, two tabs of one editor (editor_widget.hpp).
// While the text is the run's, each task's current line is lit and the step's line is
// kept in view; typing changes the lesson after a pause (edit/session.hpp), and while the
// text does not read, its problems are listed under it and the run on screen stays the
// last one that did, marked out of date.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "gui/editor_widget.hpp"
#include "gui/panel.hpp"

namespace trioscope::gui {

class CodePanel final : public Panel {
 public:
  using View = edit::EditSession::View;
  CodePanel();
  // Draws into the current window: a title row with the view's switch, then the editor.
  void draw_here(PanelContext& ctx, bool titled);
  // Just the editor of view `v` (a short window's side tabs are the views).
  void draw_view(PanelContext& ctx, View v);
  // The width the code column needs to show the listing's code unwrapped (docstrings wrap).
  float needed_width(const PanelContext& ctx);
  View view() const { return view_; }
  // Shows view `v` (the menu's View > Python / JSON).
  void show(View v) {
    view_ = v;
    select_tab_ = true;
  }
  // Takes back the tab request show() made (the side tabs read it).
  bool take_tab_request() { return std::exchange(select_tab_, false); }
  EditorWidget& editor() { return editor_; }

 protected:
  void draw_content(PanelContext& ctx) override { draw_here(ctx, true); }

 private:
  struct WidthKey {
    std::uint64_t generation = 0;
    float font = 0;
    bool operator==(const WidthKey&) const = default;
  };
  void view_buttons(PanelContext& ctx);
  void switch_to(PanelContext& ctx, View v);

  Cached<WidthKey, float> width_;
  EditorWidget editor_;
  View view_ = View::python;
  bool select_tab_ = false;
};

}  // namespace trioscope::gui
