#include "gui/texture.hpp"

#include <cstdint>

#include <GLFW/glfw3.h>

namespace trioscope::gui {

Texture::~Texture() { clear(); }

void Texture::clear() {
  if (gl_name_ && glfwGetCurrentContext()) {
    const GLuint name = gl_name_;
    glDeleteTextures(1, &name);
  }
  gl_name_ = 0;
  id_ = nullptr;
  width_ = height_ = 0;
}

bool Texture::set(const exporting::Image& image) {
  width_ = image.width;
  height_ = image.height;
  if (!glfwGetCurrentContext() || image.width <= 0 || image.height <= 0) {
    id_ = nullptr;
    return false;
  }
  if (!gl_name_) {
    GLuint name = 0;
    glGenTextures(1, &name);
    gl_name_ = name;
  }
  glBindTexture(GL_TEXTURE_2D, gl_name_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  id_ = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(gl_name_));
  return true;
}

}  // namespace trioscope::gui
