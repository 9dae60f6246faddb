// GIF, MP4 and WebM: the animation from the first step of the range to its last.
#include <cmath>

#include "export/animation_frames.hpp"
#include "export/export_impl.hpp"
#include "export/gif_writer.hpp"
#include "export/video_writer.hpp"

namespace trioscope::exporting::detail {

bool export_animation(const Run& r, const std::vector<std::int32_t>& steps) {
  std::string error;
  // Video needs ffmpeg: say so before drawing anything.
  std::unique_ptr<VideoWriter> video;
  const Surface surface = surface_for(r.o.width, r.o.height);
  if (r.o.format != Format::gif) {
    video = VideoWriter::start(r.o.format == Format::mp4 ? VideoWriter::Codec::mp4 : VideoWriter::Codec::webm,
                               surface.out_width, surface.out_height, r.o.fps, error);
    if (!video) return r.fail(error);
  }
  std::unique_ptr<Typesetter> t = Typesetter::create(r.fonts(), error);
  if (!t) return r.fail(error);
  PageRaster raster(*t, page_spec(r.o, surface), page_source(r.doc), surface);
  if (!raster.raster().ok()) return r.fail("not enough memory for " + std::to_string(r.o.width) + "x" + std::to_string(r.o.height) + " frames");
  const std::vector<Frame> frames = animation_frames(steps.front(), steps.back(), r.o.speed, r.o.fps);
  FramePainter painter(raster);
  GifWriter gif(surface.out_width, surface.out_height);
  const int total = static_cast<int>(frames.size());
  // Video frames come at a fixed rate: each picture repeated for its time, rounded against
  // the clock so that the whole keeps its length.
  double clock = 0;
  long long video_frames = 0;
  for (int i = 0; i < total; ++i) {
    if (r.cancelled()) return r.stop();
    painter.paint(frames[i]);
    if (video) {
      clock += frames[i].seconds;
      const long long until = std::llround(clock * r.o.fps);
      const int repeat = static_cast<int>(until - video_frames);
      if (repeat > 0 && !video->add(raster.raster(), repeat, error)) return r.fail(error);
      video_frames = std::max(video_frames, until);
    } else if (!gif.add(raster.raster(), frames[i].seconds, error)) {
      return r.fail(error);
    }
    r.progress(i + 1, total);
  }
  if (r.cancelled()) return r.stop();
  const std::string bytes = video ? video->finish(error) : gif.finish(error);
  if (bytes.empty()) return r.fail(error.empty() ? "the animation could not be encoded" : error);
  if (!r.write(r.o.out, bytes)) return false;
  r.result.pages = video ? static_cast<int>(video_frames) : gif.frames();
  return true;
}

}  // namespace trioscope::exporting::detail
