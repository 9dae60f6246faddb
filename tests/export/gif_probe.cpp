// Reads an animated GIF back with giflib, for the export tests.
//
//   gif_probe FILE [--color RRGGBB,TOL] [--frame N OUT.png]
//
// Prints the logical screen size, whether it loops (the NETSCAPE2.0 extension), and per
// frame its delay (centiseconds), its rectangle and, with --color, how many pixels of the
// whole picture shown after it (frames composited as a viewer shows them) are within TOL
// of that colour. --frame writes the picture shown after frame N. Exits 1 when the file
// does not decode, 2 on bad usage.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gif_lib.h>
#include <stb_image_write.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gif_probe FILE [--color RRGGBB,TOL] [--frame N OUT.png]\n");
    return 2;
  }
  int want_r = -1, want_g = 0, want_b = 0, tol = 0;
  int dump = -1;
  std::string dump_path;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--color" && i + 1 < argc) {
      unsigned v = 0;
      std::sscanf(argv[++i], "%6x,%d", &v, &tol);
      want_r = (v >> 16) & 255;
      want_g = (v >> 8) & 255;
      want_b = v & 255;
    } else if (a == "--frame" && i + 2 < argc) {
      dump = std::atoi(argv[++i]);
      dump_path = argv[++i];
    } else {
      std::fprintf(stderr, "gif_probe: bad argument %s\n", a.c_str());
      return 2;
    }
  }
  int err = 0;
  GifFileType* gif = DGifOpenFileName(argv[1], &err);
  if (!gif || DGifSlurp(gif) != GIF_OK) {
    std::printf("cannot decode %s: %s\n", argv[1], GifErrorString(gif ? gif->Error : err));
    return 1;
  }
  bool loops = false;
  for (int i = 0; i < gif->ImageCount; ++i) {
    const SavedImage& im = gif->SavedImages[i];
    for (int k = 0; k + 1 < im.ExtensionBlockCount; ++k) {
      const ExtensionBlock& e = im.ExtensionBlocks[k];
      if (e.Function == APPLICATION_EXT_FUNC_CODE && e.ByteCount == 11 &&
          std::string(reinterpret_cast<const char*>(e.Bytes), 11) == "NETSCAPE2.0")
        loops = true;
    }
  }
  std::printf("size %dx%d\nframes %d\nloops %s\n", gif->SWidth, gif->SHeight, gif->ImageCount, loops ? "yes" : "no");
  std::vector<unsigned char> canvas(static_cast<std::size_t>(gif->SWidth) * gif->SHeight * 3, 255);
  long total_cs = 0;
  for (int i = 0; i < gif->ImageCount; ++i) {
    const SavedImage& im = gif->SavedImages[i];
    GraphicsControlBlock gcb{};
    DGifSavedExtensionToGCB(gif, i, &gcb);
    total_cs += gcb.DelayTime;
    const ColorMapObject* map = im.ImageDesc.ColorMap ? im.ImageDesc.ColorMap : gif->SColorMap;
    const GifImageDesc& d = im.ImageDesc;
    for (int y = 0; y < d.Height; ++y)
      for (int x = 0; x < d.Width; ++x) {
        const int idx = im.RasterBits[y * d.Width + x];
        if (idx == gcb.TransparentColor || !map || idx >= map->ColorCount) continue;
        unsigned char* p = &canvas[(static_cast<std::size_t>(d.Top + y) * gif->SWidth + d.Left + x) * 3];
        p[0] = map->Colors[idx].Red;
        p[1] = map->Colors[idx].Green;
        p[2] = map->Colors[idx].Blue;
      }
    long count = 0;
    if (want_r >= 0)
      for (std::size_t k = 0; k < canvas.size(); k += 3)
        count += std::abs(canvas[k] - want_r) <= tol && std::abs(canvas[k + 1] - want_g) <= tol &&
                 std::abs(canvas[k + 2] - want_b) <= tol;
    std::printf("frame %d delay %d rect %d,%d %dx%d", i, gcb.DelayTime, d.Left, d.Top, d.Width, d.Height);
    if (want_r >= 0) std::printf(" color %ld", count);
    std::printf("\n");
    if (i == dump && !stbi_write_png(dump_path.c_str(), gif->SWidth, gif->SHeight, 3, canvas.data(), gif->SWidth * 3)) {
      std::printf("cannot write %s\n", dump_path.c_str());
      return 1;
    }
  }
  std::printf("duration_cs %ld\n", total_cs);
  DGifCloseFile(gif, &err);
  return 0;
}
