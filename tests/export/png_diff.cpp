// Compares two pictures of the same page drawn by different renderers (our PNG and
// rsvg-convert's rendering of our SVG, say), for the export tests.
//
//   png_diff A.png B.png [--tol T] [--max-share S] [--block K]
//
// Both must be the same size, or A a whole multiple of B's size: A is then averaged down
// (each block of k x k pixels to one), to compare a large export with a small one. A
// pixel differs when a channel differs by more than T
// (default 64); the check passes when at most S of the pixels differ (default 0.02).
// With --block K both are first averaged over blocks of K x K pixels, so that text set a
// pixel or two apart (one renderer kerns, the other does not) compares as the same.
// Anti-aliased edges and glyph rasterisation differ between renderers; a panel, a box or
// a line in another place makes whole areas differ. Prints what it measured; exits 1 when
// the pictures differ, 2 on bad usage.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <stb_image.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: png_diff A.png B.png [--tol T] [--max-share S]\n");
    return 2;
  }
  int tol = 64, block = 1;
  double max_share = 0.02;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--tol") tol = std::atoi(argv[i + 1]);
    else if (a == "--max-share") max_share = std::atof(argv[i + 1]);
    else if (a == "--block") block = std::max(1, std::atoi(argv[i + 1]));
    else {
      std::fprintf(stderr, "png_diff: unknown option %s\n", a.c_str());
      return 2;
    }
  }
  int w1, h1, n1, w2, h2, n2;
  unsigned char* a = stbi_load(argv[1], &w1, &h1, &n1, 4);
  unsigned char* b = stbi_load(argv[2], &w2, &h2, &n2, 4);
  if (!a || !b) {
    std::fprintf(stderr, "png_diff: cannot read %s\n", !a ? argv[1] : argv[2]);
    return 2;
  }
  if (w1 != w2 || h1 != h2) {
    const int k = w2 > 0 ? w1 / w2 : 0;
    if (k < 2 || w1 != k * w2 || h1 != k * h2) {
      std::printf("sizes differ: %dx%d and %dx%d\n", w1, h1, w2, h2);
      return 1;
    }
    // A averaged down to B's size.
    for (int y = 0; y < h2; ++y)
      for (int x = 0; x < w2; ++x)
        for (int ch = 0; ch < 4; ++ch) {
          int sum = 0;
          for (int dy = 0; dy < k; ++dy)
            for (int dx = 0; dx < k; ++dx) sum += a[((static_cast<long>(y) * k + dy) * w1 + x * k + dx) * 4 + ch];
          a[(static_cast<long>(y) * w2 + x) * 4 + ch] = static_cast<unsigned char>(sum / (k * k));
        }
    std::printf("%dx%d averaged down by %d\n", w1, h1, k);
    w1 = w2;
    h1 = h2;
  }
  if (block > 1) {
    // Both averaged over blocks, in place (a block's average lands at or before its pixels).
    const int bw = w1 / block, bh = h1 / block;
    for (unsigned char* img : {a, b})
      for (int y = 0; y < bh; ++y)
        for (int x = 0; x < bw; ++x)
          for (int ch = 0; ch < 4; ++ch) {
            int sum = 0;
            for (int dy = 0; dy < block; ++dy)
              for (int dx = 0; dx < block; ++dx)
                sum += img[((static_cast<long>(y) * block + dy) * w1 + x * block + dx) * 4 + ch];
            img[(static_cast<long>(y) * bw + x) * 4 + ch] = static_cast<unsigned char>(sum / (block * block));
          }
    std::printf("compared in blocks of %dx%d\n", block, block);
    w1 = bw;
    h1 = bh;
  }
  long differ = 0;
  const long n = static_cast<long>(w1) * h1;
  for (long i = 0; i < n; ++i) {
    const unsigned char* p = a + i * 4;
    const unsigned char* q = b + i * 4;
    for (int c = 0; c < 3; ++c)
      if (std::abs(p[c] - q[c]) > tol) {
        ++differ;
        break;
      }
  }
  const double share = static_cast<double>(differ) / static_cast<double>(n);
  std::printf("%ld of %ld pixels differ by more than %d (%.4f, at most %.4f)\n", differ, n, tol, share, max_share);
  stbi_image_free(a);
  stbi_image_free(b);
  return share <= max_share ? 0 : 1;
}
