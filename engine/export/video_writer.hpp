// MP4 (H.264) and WebM (VP9) through the ffmpeg program, when it is installed: raw frames go
// to its standard input, it encodes into a private temporary folder, and the file comes
// back as bytes for the caller to write where it belongs (atomically, like every export).
// Without ffmpeg on PATH, start() says so and how to get it.
#pragma once

#include <memory>
#include <string>

#include "export/render.hpp"

namespace trioscope::exporting {

// The ffmpeg program on PATH ("" when there is none).
std::string find_ffmpeg();

class VideoWriter {
 public:
  enum class Codec { mp4, webm };
  // Null with `error` when ffmpeg is missing or does not start.
  static std::unique_ptr<VideoWriter> start(Codec codec, int width, int height, int fps, std::string& error);
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  // Adds `frame` shown for `frames` frames.
  bool add(const Raster& frame, int frames, std::string& error);
  // Waits for ffmpeg and returns the file's bytes.
  std::string finish(std::string& error);

 private:
  VideoWriter() = default;
  void stop();

  int width_ = 0, height_ = 0;
  int pid_ = -1;
  int pipe_ = -1;
  std::string dir_, out_, log_;
  std::string row_;
};

}  // namespace trioscope::exporting
