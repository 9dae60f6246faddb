// The code editor on screen: draws one view's TextEditor (engine/edit) as the code panel's
// rows (view/code_view: line numbers, colours, the step's line lit while the text is the
// run's), with the selection, the cursor, find's matches and the problems marked, and
// turns the mouse and the keys it is given into the model's calls. It keeps only what
// drawing needs between frames: the wrapped rows, the scroll, a drag, the find bar.
//
// It never sends text to the document itself: it tells the session what was typed, and
// the session decides when it goes (edit/session.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "edit/session.hpp"
#include "gui/panel.hpp"
#include "view/code_view.hpp"
#include "view/listing_wrap.hpp"

namespace trioscope::gui {

class EditorWidget {
 public:
  using View = edit::EditSession::View;

  // Draws the editor of view `v` filling the rest of the current window.
  void draw(PanelContext& ctx, edit::EditSession& session, View v);
  // Puts the cursor at a 1-based line and column of view `v`'s text and gives it the keyboard.
  void jump_to(edit::EditSession& session, View v, std::uint32_t line, std::uint32_t column);
  // Opens the find bar (Ctrl+F) or the go-to-line field (Ctrl+G).
  void open_find() { find_open_ = true, focus_find_ = true, goto_open_ = false; }
  void open_goto() { goto_open_ = true, focus_find_ = true, find_open_ = false; }

 private:
  struct RowsKey {
    std::uint64_t version = 0;
    int view = 0;
    int columns = -1;
    float font = 0;
    bool operator==(const RowsKey&) const = default;
  };
  void handle_keys(PanelContext& ctx, edit::EditSession& session, View v, const view::CodeScene& scene,
                   const view::CodeGutter& g, float lh, float page_h);
  void handle_mouse(PanelContext& ctx, edit::TextEditor& ed, const view::CodeScene& scene, const view::CodeGutter& g,
                    float lh, ImVec2 origin);
  void draw_find_bar(PanelContext& ctx, edit::EditSession& session, View v);
  // Up or down by visual rows, keeping the x the cursor wants.
  void move_rows(edit::TextEditor& ed, const view::CodeScene& scene, const view::CodeGutter& g, int rows, bool extend);

  Cached<RowsKey, view::ListingRows> rows_;
  float goal_x_ = -1;           // up/down keep to this x (-1: the cursor's own)
  bool dragging_ = false;       // selecting with the mouse
  double last_click_ = -1;      // for double and triple clicks
  int clicks_ = 0;
  bool scroll_to_cursor_ = false;
  // Watching: bring the step's line into view when the step, run, size or scale changes.
  struct ScrollKey {
    std::int32_t step = -2;
    std::uint64_t generation = ~0ull;
    float width = 0, height = 0, font = 0;
    int view = -1;
    bool operator==(const ScrollKey&) const = default;
  };
  ScrollKey scrolled_;
  std::string scrolled_path_;
  int scroll_frames_ = 0;
  // Find and go to line.
  bool find_open_ = false, goto_open_ = false, focus_find_ = false, match_case_ = false;
  std::string query_, goto_text_;
  std::vector<std::pair<std::size_t, std::size_t>> found_;
  std::uint64_t found_version_ = ~0ull;
  std::string found_query_;
  std::vector<view::LineMark> marks_;
  bool focus_request_ = false;  // take the keyboard at the end of this frame
  int focused_view_ = 0;        // which view had it last
  const Fonts* fonts_ = nullptr;
};

}  // namespace trioscope::gui
