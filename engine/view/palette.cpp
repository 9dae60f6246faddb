#include "view/palette.hpp"

namespace trioscope::view {

Rgba Rgba::mix(Rgba o, float t) const {
  auto m = [t](std::uint8_t a, std::uint8_t b) {
    return static_cast<std::uint8_t>(static_cast<float>(a) + (static_cast<float>(b) - a) * t + 0.5f);
  };
  return {m(r, o.r), m(g, o.g), m(b, o.b), m(a, o.a)};
}

const char* theme_name(Theme t) { return t == Theme::light ? "light" : "dark"; }

namespace {

constexpr Rgba hex(std::uint32_t rgb) {
  return {static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8),
          static_cast<std::uint8_t>(rgb), 255};
}

Palette make(Theme theme) {
  Palette p;
  p.theme = theme;
  auto set = [&p](ColorRole r, Rgba c) { p.roles[static_cast<int>(r)] = c; };
  const bool light = theme == Theme::light;
  // States: hues far apart, and for light mid-dark so that white text on them and them on
  // white both keep a contrast of 4.5:1 or more.
  set(ColorRole::absent, light ? hex(0xB0B7BF) : hex(0x4A525A));
  set(ColorRole::runnable, light ? hex(0x1D5FBF) : hex(0x6EA8FF));
  set(ColorRole::running, light ? hex(0x17803A) : hex(0x4CD37A));
  set(ColorRole::sleeping, light ? hex(0x6240B8) : hex(0xB39DFF));
  set(ColorRole::blocking, light ? hex(0x8A4B00) : hex(0xE0A050));
  set(ColorRole::waiting, light ? hex(0x00707A) : hex(0x3CCFD8));
  set(ColorRole::cancel_pending, light ? hex(0xC2410C) : hex(0xFF8A4C));
  set(ColorRole::raising, light ? hex(0xB0124E) : hex(0xFF5C93));
  set(ColorRole::handling, light ? hex(0x8C6A00) : hex(0xF2C94C));
  set(ColorRole::finished, light ? hex(0x4F5B66) : hex(0xA8B3BD));
  set(ColorRole::crashed, light ? hex(0xC01818) : hex(0xFF5555));
  set(ColorRole::cancelled, light ? hex(0x6D4C41) : hex(0xC9A394));
  // Frames and effects.
  set(ColorRole::scope_frame, light ? hex(0x5A6570) : hex(0x8C96A0));
  set(ColorRole::scope_cancelled, light ? hex(0xC2410C) : hex(0xFF8A4C));
  set(ColorRole::shield, light ? hex(0x1D5FBF) : hex(0x6EA8FF));
  set(ColorRole::deadline, light ? hex(0x6240B8) : hex(0xB39DFF));
  set(ColorRole::nursery_frame, light ? hex(0x2B3640) : hex(0xC8D0D8));
  set(ColorRole::exception, light ? hex(0xC01818) : hex(0xFF5555));
  set(ColorRole::cancellation, light ? hex(0xC2410C) : hex(0xFF8A4C));
  set(ColorRole::spawn, light ? hex(0x1D5FBF) : hex(0x6EA8FF));
  set(ColorRole::output, light ? hex(0x17803A) : hex(0x4CD37A));
  set(ColorRole::checkpoint, light ? hex(0x2B3640) : hex(0xC8D0D8));
  set(ColorRole::playhead, light ? hex(0xD00070) : hex(0xFF4FB0));
  set(ColorRole::text, light ? hex(0x0B0F14) : hex(0xECEFF3));
  set(ColorRole::text_muted, light ? hex(0x4A5560) : hex(0x9AA5B0));
  set(ColorRole::background, light ? hex(0xFFFFFF) : hex(0x15191E));
  set(ColorRole::panel, light ? hex(0xF1F3F5) : hex(0x1E242B));
  return p;
}

}  // namespace

Rgba Palette::tint(ColorRole r) const {
  const Rgba base = (*this)[r];
  return theme == Theme::light ? base.mix(hex(0xFFFFFF), 0.86f) : base.mix(hex(0x15191E), 0.78f);
}

const Palette& palette(Theme t) {
  static const Palette light = make(Theme::light);
  static const Palette dark = make(Theme::dark);
  return t == Theme::light ? light : dark;
}

}  // namespace trioscope::view
