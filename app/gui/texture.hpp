// A picture for Dear ImGui to draw (the export dialog's preview), held as an OpenGL
// texture. Without a current OpenGL context (the frame tests draw no pixels) nothing is
// uploaded and id() stays null: the caller then draws a placeholder of the same size.
#pragma once

#include <imgui.h>

#include "export/render.hpp"

namespace trioscope::gui {

class Texture {
 public:
  Texture() = default;
  ~Texture();
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  // Replaces the picture; false when there is no OpenGL to hold it.
  bool set(const exporting::Image& image);
  void clear();
  ImTextureID id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  ImTextureID id_ = nullptr;
  unsigned gl_name_ = 0;
  int width_ = 0, height_ = 0;
};

}  // namespace trioscope::gui
