// Lessons: the bundled scenarios with their titles (the current one with its description),
// and a field to open any scenario file by path (Enter opens it and gives the keyboard back
// to playback). Files can also be dropped on the window. A narrow window folds the panel
// into a strip that opens it over the tree.
#pragma once

#include <string>
#include <vector>

#include "gui/lessons.hpp"
#include "gui/panel.hpp"

namespace trioscope::gui {

class LessonsPanel final : public Panel {
 public:
  explicit LessonsPanel(std::string dir);
  const std::vector<Lesson>& lessons() const { return lessons_; }
  const std::string& dir() const { return dir_; }
  // Draws the list into the current window (the column, or the overlay over the tree).
  void draw_here(PanelContext& ctx);

 protected:
  void draw_content(PanelContext& ctx) override { draw_here(ctx); }

 private:
  std::string dir_;
  std::vector<Lesson> lessons_;
  Cached<std::string, std::string> open_file_;  // the open document's canonical path
};

// The lessons folded into a strip at the left, when the window is too narrow for their
// column (a projector at a large text size): it says they are there and opens them over
// the tree.
class LessonsStrip final : public Panel {
 public:
  LessonsStrip();

 protected:
  void draw_content(PanelContext& ctx) override;
};

}  // namespace trioscope::gui
