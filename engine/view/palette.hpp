// The two colour themes, as plain RGBA so that the screen and future exporters (SVG, PNG)
// paint with the same colours.
//
// The light theme is the projector theme: dark text on white, saturated mid-tone state
// colours that survive a washed-out beamer, borders at least 2 px at scale 1. The dark theme
// is for a laptop screen. Each state colour is paired with an icon and a word elsewhere.
#pragma once

#include <array>
#include <cstdint>

#include "view/task_state.hpp"

namespace trioscope::view {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  constexpr Rgba with_alpha(std::uint8_t alpha) const { return {r, g, b, alpha}; }
  // Mix towards `o` by t (0: this, 1: o); used for tints of state colours.
  Rgba mix(Rgba o, float t) const;
  bool operator==(const Rgba&) const = default;
};

enum class Theme : std::uint8_t { light, dark };
const char* theme_name(Theme t);

struct Palette {
  Theme theme = Theme::light;
  std::array<Rgba, kColorRoleCount> roles{};
  Rgba operator[](ColorRole r) const { return roles[static_cast<int>(r)]; }
  // The fill behind a task node: the state colour, much lighter (light theme) or darker.
  Rgba tint(ColorRole r) const;
};

const Palette& palette(Theme t);

}  // namespace trioscope::view
