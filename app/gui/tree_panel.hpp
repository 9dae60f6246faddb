// The nursery tree: the main view. Lays out the tree of the current step for the panel's
// width (cached), animates from the previous step's layout, keeps the part of the tree
// the step is about in view, and answers hover and clicks (tooltips, selection).
#pragma once

#include <cstdint>

#include "gui/panel.hpp"
#include "view/animation.hpp"
#include "view/tree_layout.hpp"

namespace trioscope::gui {

class TreePanel final : public Panel {
 public:
  TreePanel();
  // Screenshots hold the animation at a progress; the main loop polls while it runs.
  view::Animator& animator() { return anim_; }
  bool animating(double now) const { return anim_.running(now); }

 protected:
  void draw_content(PanelContext& ctx) override;

 private:
  struct Key {
    std::uint64_t generation = 0;
    std::int32_t step = -2;
    float width = -1, height = -1, font = -1;
    bool operator==(const Key&) const = default;
  };
  const view::TreeLayout& layout(PanelContext& ctx, float width, float height);
  view::TreeLayout fitted(PanelContext& ctx, const Key& key, float ceiling, float& scale) const;
  void keep_focus_in_view(PanelContext& ctx, const view::TreeLayout& tl, ImVec2 origin);
  void tooltip(PanelContext& ctx, const view::TreeBox& b) const;

  Cached<Key, view::TreeLayout> layout_;
  view::Animator anim_;
  float scale_ = 1;  // the tree's fonts, shrunk (within readable limits) to fit the panel
  // The largest scale the tree may take in this run and panel: it only shrinks as the run
  // goes on, so that text does not change size from one step to the next.
  float ceiling_ = 1;
  Key ceiling_key_;
  std::int32_t scrolled_step_ = -2;        // the step the panel last scrolled for
  std::uint64_t scrolled_generation_ = ~0ull;
  int scroll_frames_ = 0;                  // frames left to bring the focus into view (a new
                                           // layout settles its size in one or two)
  InputState::ChangeTarget context_;       // what the right-click menu is about
};

}  // namespace trioscope::gui
