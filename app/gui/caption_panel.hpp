// The caption bar: the sentence for the current step (view/caption), laid out and painted
// by view/caption_view, on the panel colour.
#pragma once

#include <cstdint>
#include <string>

#include "gui/panel.hpp"

namespace trioscope::gui {

class CaptionPanel final : public Panel {
 public:
  CaptionPanel();
  // The caption of the current step (cached per run and step).
  const std::string& text(PanelContext& ctx);
  // The bar's height at the window's width this frame (the layout places it first).
  float height(PanelContext& ctx);

 protected:
  void before(PanelContext& ctx) override;
  void draw_content(PanelContext& ctx) override;
  void after(PanelContext& ctx) override;

 private:
  struct Key {
    std::uint64_t generation = 0;
    std::int32_t step = -2;
    bool operator==(const Key&) const = default;
  };
  Cached<Key, std::string> text_;
};

}  // namespace trioscope::gui
