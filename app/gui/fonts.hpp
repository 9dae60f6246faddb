// The app's fonts, rebuilt at each UI scale so that text stays crisp on a projector.
//
// Dear ImGui bakes glyphs into a texture at one size; scaling that texture blurs. So a
// scale change rebuilds the atlas at the new pixel sizes (between frames), with the glyph
// ranges the app draws: Latin, arrows, geometric shapes and the state icons.
#pragma once

#include <string>

#include <imgui.h>

namespace trioscope::gui {

struct Fonts {
  ImFont* ui = nullptr;       // labels, buttons, boxes
  ImFont* bold = nullptr;     // titles
  ImFont* mono = nullptr;     // code and output
  ImFont* caption = nullptr;  // the caption sentence
  ImFont* tree = nullptr;     // the nursery tree: the main view, a size larger
  ImFont* tree_bold = nullptr;
  ImFont* big = nullptr;       // Predict's questions: readable from the back of a room
  ImFont* big_bold = nullptr;
  float scale = 1.0f;
  std::string found;          // the TTF used ("" when the built-in font is the fallback)

  // Adds the fonts at `scale` to ImGui's atlas and builds it. Call before the first frame
  // and, for a new scale, between frames followed by upload() on the renderer.
  void build(float scale);
  // Replaces the GPU texture after build() (the OpenGL backend must be initialised).
  static void upload();
};

}  // namespace trioscope::gui
