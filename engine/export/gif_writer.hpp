// An animated GIF from raster frames, with Debian's giflib: looping forever (for slides that
// play), each frame only the rectangle that changed since the one before (the rest shows
// through a transparent colour), with its own palette of the colours it uses. A frame
// equal to the last one lengthens it instead of being added.
//
// The palette: the frame's colours when there are 255 or fewer (flat panels and text on
// them mostly are); otherwise the 255 most frequent, and every other colour drawn as the
// nearest of them (anti-aliased edges, which a GIF cannot keep exactly).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/render.hpp"

namespace trioscope::exporting {

class GifWriter {
 public:
  GifWriter(int width, int height);
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Adds `frame` (the writer's size), shown for `seconds`.
  bool add(const Raster& frame, double seconds, std::string& error);
  // The file. The writer is done after it.
  std::string finish(std::string& error);
  // Frames in the file so far (equal frames counted once).
  int frames() const { return written_ + (pending_ ? 1 : 0); }

 private:
  struct Pending;
  bool write_pending(std::string& error);

  int width_, height_;
  std::vector<std::uint32_t> shown_;   // what the GIF shows after the frames so far (0xRRGGBB)
  std::vector<std::uint32_t> next_;
  double clock_ = 0;                   // seconds so far, to round delays without drift
  long long written_cs_ = 0;           // centiseconds written so far
  int written_ = 0;
  Pending* pending_ = nullptr;
  void* gif_ = nullptr;                // GifFileType
  std::string bytes_;
  bool failed_ = false;
};

}  // namespace trioscope::exporting
