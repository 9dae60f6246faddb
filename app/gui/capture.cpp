#include "gui/capture.hpp"

#include <vector>

#define GL_GLEXT_PROTOTYPES 1
#include <GLFW/glfw3.h>
#include <GL/glext.h>
#include <stb_image_write.h>

#include "gui/app.hpp"
#include "gui/platform.hpp"

namespace trioscope::gui {

bool capture_png(Platform& platform, App& app, int width, int height, int frames, const std::string& png,
                 std::string& error) {
  GLuint fbo = 0, color = 0;
  glGenFramebuffers(1, &fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glGenRenderbuffers(1, &color);
  glBindRenderbuffer(GL_RENDERBUFFER, color);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
  bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (!ok) error = "the off-screen framebuffer is not complete";
  std::vector<unsigned char> pixels;
  if (ok) {
    // The first frames size and place auto-fitted items; the last one is the picture.
    for (int i = 0; i < frames; ++i) {
      glBindFramebuffer(GL_FRAMEBUFFER, fbo);
      platform.frame(app, 0.0f, width, height, /*deterministic=*/true);
      platform.apply_requests(app);
    }
    glFinish();
    pixels.resize(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // The window's background is opaque; keep the file opaque whatever the driver says.
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glDeleteRenderbuffers(1, &color);
  glDeleteFramebuffers(1, &fbo);
  if (!ok) return false;
  stbi_flip_vertically_on_write(1);  // OpenGL's rows start at the bottom
  if (!stbi_write_png(png.c_str(), width, height, 4, pixels.data(), width * 4)) {
    error = "cannot write " + png;
    return false;
  }
  return true;
}

}  // namespace trioscope::gui
