// Code: the scenario as Trio Python with each task's current line lit (view/code_view),
// wrapped to the panel's width, scrolled to the line of the step when the step changes.
#pragma once

#include <cstdint>
#include <string>

#include "gui/panel.hpp"
#include "view/listing_wrap.hpp"

namespace trioscope::gui {

class CodePanel final : public Panel {
 public:
  CodePanel();
  // Draws into the current window (the code tab of a short window has no title row).
  void draw_here(PanelContext& ctx, bool titled);
  // The width the code column needs to show the listing's code unwrapped (docstrings wrap).
  float needed_width(const PanelContext& ctx);

 protected:
  void draw_content(PanelContext& ctx) override { draw_here(ctx, true); }

 private:
  struct RowsKey {
    std::uint64_t generation = 0;
    int columns = -1;
    float font = 0;
    bool operator==(const RowsKey&) const = default;
  };
  struct WidthKey {
    std::uint64_t generation = 0;
    float font = 0;
    bool operator==(const WidthKey&) const = default;
  };
  Cached<RowsKey, view::ListingRows> rows_;
  Cached<WidthKey, float> width_;
  // What the panel last brought the step's line into view for: a new step, run, size or
  // scale brings it into view again (for a few frames: a new panel knows its size only
  // after a frame or two).
  struct ScrollKey {
    std::int32_t step = -2;
    std::uint64_t generation = ~0ull;
    float width = 0, height = 0, font = 0;
    bool operator==(const ScrollKey&) const = default;
  };
  ScrollKey scrolled_;
  std::string scrolled_path_;  // another file starts at its top
  int scroll_frames_ = 0;
};

}  // namespace trioscope::gui
