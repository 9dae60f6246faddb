#include "gui/fonts.hpp"

#include <cmath>
#include <vector>

#include <backends/imgui_impl_opengl3.h>

#include "resources.hpp"
#include "view/surface_style.hpp"

namespace trioscope::gui {

namespace {

// Every non-Latin character the app draws (state icons, arrows, buttons). Kept in one
// place so that a new icon cannot be forgotten in the atlas.
const char* kSymbols =
    "\xC2\xB7\xE2\x80\xA2\xE2\x80\xA6\xE2\x80\x94\xE2\x80\x93"  // · • … — –
    "\xE2\x96\xB6\xE2\x96\xB7\xE2\x97\x80\xE2\x97\x81"          // ▶ ▷ ◀ ◁
    "\xE2\x98\xBE\xE2\x96\xA0\xE2\x97\xB7\xE2\x8A\x98"          // ☾ ■ ◷ ⊘
    "\xE2\x86\xAF\xE2\x9A\xA0\xE2\x9C\x93\xE2\x9C\x97\xE2\x8A\x97"  // ↯ ⚠ ✓ ✗ ⊗
    "\xE2\x86\x92\xE2\x86\x90\xE2\x86\x91\xE2\x86\x93"          // → ← ↑ ↓
    "\xE2\x87\xA4\xE2\x87\xA5\xE2\x9D\x9A\xE2\x80\x96"          // ⇤ ⇥ ❚ ‖
    "\xE2\x98\xB0\xE2\x88\x9E\xC3\x97\xE2\x97\x86\xE2\x97\x8F"  // ☰ ∞ × ◆ ●
    "\xE2\x98\x80\xE2\x9A\x99\xE2\x8C\x82\xE2\x86\xBB"          // ☀ ⚙ ⌂ ↻
    "\xE2\x9C\x8E\xE2\x86\xA9\xE2\x86\xAA";                        // ✎ ↩ ↪

const std::vector<ImWchar>& glyph_ranges() {
  static std::vector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
    static const ImWchar extra[] = {0x0100, 0x017F,   // Latin Extended-A (names)
                                    0x2010, 0x2027,   // dashes, quotes, bullet, ellipsis
                                    0x2190, 0x21FF,   // arrows
                                    0x25A0, 0x25FF,   // geometric shapes
                                    0};
    b.AddRanges(extra);
    b.AddText(kSymbols);
    ImVector<ImWchar> out;
    b.BuildRanges(&out);
    return std::vector<ImWchar>(out.begin(), out.end());
  }();
  return ranges;
}

ImFont* add(ImFontAtlas* atlas, const std::string& path, float px) {
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  if (path.empty()) {
    cfg.SizePixels = px;
    return atlas->AddFontDefault(&cfg);
  }
  return atlas->AddFontFromFileTTF(path.c_str(), px, &cfg, glyph_ranges().data());
}

}  // namespace

void Fonts::build(float s) {
  scale = s;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  const std::string sans = find_font("DejaVuSans.ttf");
  const std::string bold_path = find_font("DejaVuSans-Bold.ttf");
  const std::string mono_path = find_font("DejaVuSansMono.ttf");
  found = sans;
  // Sizes (view/surface_style.hpp) are for a laptop at arm's length; a projector grows them.
  using view::Font;
  using view::font_pixels;
  ui = add(atlas, sans, font_pixels(Font::ui, s));
  bold = add(atlas, bold_path.empty() ? sans : bold_path, font_pixels(Font::bold, s));
  mono = add(atlas, mono_path.empty() ? sans : mono_path, font_pixels(Font::mono, s));
  caption = add(atlas, sans, font_pixels(Font::caption, s));
  tree = add(atlas, sans, font_pixels(Font::tree, s));
  tree_bold = add(atlas, bold_path.empty() ? sans : bold_path, font_pixels(Font::tree_bold, s));
  atlas->Build();
  ImGui::GetIO().FontDefault = ui;
}

void Fonts::upload() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace trioscope::gui
