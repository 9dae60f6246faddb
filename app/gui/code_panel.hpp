// Code: the scenario as Trio Python with each task's current line lit (view/code_view),
// wrapped to the panel's width, scrolled to the line of the step when the step changes.
#pragma once

#include <cstdint>

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
  std::int32_t scrolled_step_ = -2;  // the step the panel last scrolled for
  std::uint64_t scrolled_generation_ = ~0ull;
  int scroll_frames_ = 0;  // frames left to bring the line into view (a new panel knows its
                           // size only after a frame or two)
};

}  // namespace trioscope::gui
