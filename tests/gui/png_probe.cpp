// Checks a screenshot's pixels for the GUI tests, without a person looking at it.
//
//   png_probe FILE [checks...]
//     --size WxH                      the image has this size
//     --not-blank N                   at least N distinct colours (a blank or one-colour
//                                     frame has a handful)
//     --region X0,Y0,X1,Y1            the following colour checks look at this box,
//                                     in fractions of the image (0..1); default: all
//     --color RRGGBB[,TOL] MIN        at least MIN pixels within TOL (per channel) of it
//     --no-color RRGGBB[,TOL]         no pixel within TOL of it
//     --dark MIN / --light MIN        mean luminance below / above MIN (0..255)
//
// Prints what it measured; exits 1 on the first failed check, 2 on bad usage.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include <stb_image.h>

namespace {

struct Image {
  int w = 0, h = 0;
  unsigned char* px = nullptr;
};

struct Box {
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
};

bool parse_rgb(const std::string& s, int& r, int& g, int& b, int& tol) {
  unsigned v = 0;
  tol = 24;
  const auto comma = s.find(',');
  if (std::sscanf(s.substr(0, comma).c_str(), "%6x", &v) != 1) return false;
  if (comma != std::string::npos) tol = std::atoi(s.c_str() + comma + 1);
  r = (v >> 16) & 255;
  g = (v >> 8) & 255;
  b = v & 255;
  return true;
}

long count_color(const Image& im, const Box& box, int r, int g, int b, int tol) {
  long n = 0;
  const int x0 = static_cast<int>(box.x0 * im.w), x1 = static_cast<int>(box.x1 * im.w);
  const int y0 = static_cast<int>(box.y0 * im.h), y1 = static_cast<int>(box.y1 * im.h);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = im.px + (static_cast<long>(y) * im.w + x) * 4;
      if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol) ++n;
    }
  return n;
}

double luminance(const Image& im, const Box& box) {
  double sum = 0;
  long n = 0;
  for (int y = static_cast<int>(box.y0 * im.h); y < static_cast<int>(box.y1 * im.h); ++y)
    for (int x = static_cast<int>(box.x0 * im.w); x < static_cast<int>(box.x1 * im.w); ++x) {
      const unsigned char* p = im.px + (static_cast<long>(y) * im.w + x) * 4;
      sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
      ++n;
    }
  return n ? sum / n : 0;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "png_probe: FAILED: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: png_probe FILE [checks...]\n");
    return 2;
  }
  Image im;
  int channels = 0;
  im.px = stbi_load(argv[1], &im.w, &im.h, &channels, 4);
  if (!im.px) return fail(std::string("cannot read ") + argv[1]);
  Box box;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--size") {
      int w = 0, h = 0;
      if (std::sscanf(next().c_str(), "%dx%d", &w, &h) != 2) return 2;
      std::printf("size %dx%d\n", im.w, im.h);
      if (w != im.w || h != im.h) return fail("size");
    } else if (a == "--not-blank") {
      const long min = std::atol(next().c_str());
      std::set<unsigned> colours;
      for (long k = 0; k < static_cast<long>(im.w) * im.h; ++k) {
        const unsigned char* p = im.px + k * 4;
        colours.insert((p[0] << 16) | (p[1] << 8) | p[2]);
      }
      std::printf("%zu distinct colours\n", colours.size());
      if (static_cast<long>(colours.size()) < min) return fail("the image is (nearly) blank");
    } else if (a == "--region") {
      if (std::sscanf(next().c_str(), "%lf,%lf,%lf,%lf", &box.x0, &box.y0, &box.x1, &box.y1) != 4) return 2;
    } else if (a == "--color" || a == "--no-color") {
      int r, g, b, tol;
      if (!parse_rgb(next(), r, g, b, tol)) return 2;
      const long n = count_color(im, box, r, g, b, tol);
      std::printf("%02x%02x%02x: %ld pixels in [%.2f,%.2f]-[%.2f,%.2f]\n", r, g, b, n, box.x0, box.y0, box.x1, box.y1);
      if (a == "--color") {
        const long min = std::atol(next().c_str());
        if (n < min) return fail("too few pixels of that colour (" + std::to_string(n) + " < " + std::to_string(min) + ")");
      } else if (n > 0) {
        return fail("a colour that must not be there is");
      }
    } else if (a == "--dark" || a == "--light") {
      const double lim = std::atof(next().c_str());
      const double l = luminance(im, box);
      std::printf("mean luminance %.1f\n", l);
      if (a == "--dark" ? l >= lim : l <= lim) return fail("luminance");
    } else {
      std::fprintf(stderr, "png_probe: unknown check %s\n", a.c_str());
      return 2;
    }
  }
  stbi_image_free(im.px);
  return 0;
}
