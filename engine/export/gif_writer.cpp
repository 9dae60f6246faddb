#include "export/gif_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <gif_lib.h>

namespace trioscope::exporting {

namespace {

constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

// Colour -> value, open addressing on the 24-bit colour.
class ColorTable {
 public:
  ColorTable() { reset(4096); }
  void reset(std::size_t slots) {
    keys_.assign(slots, kEmpty);
    vals_.assign(slots, 0);
    size_ = 0;
  }
  std::uint32_t& at(std::uint32_t key) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    std::size_t i = slot(key);
    if (keys_[i] == kEmpty) {
      keys_[i] = key;
      vals_[i] = 0;
      ++size_;
    }
    return vals_[i];
  }
  const std::uint32_t* find(std::uint32_t key) const {
    const std::size_t i = slot(key);
    return keys_[i] == kEmpty ? nullptr : &vals_[i];
  }
  std::size_t size() const { return size_; }
  template <class F>
  void each(F&& f) const {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] != kEmpty) f(keys_[i], vals_[i]);
  }

 private:
  std::size_t slot(std::uint32_t key) const {
    const std::size_t mask = keys_.size() - 1;
    std::size_t i = (key * 2654435761u) & mask;
    while (keys_[i] != kEmpty && keys_[i] != key) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<std::uint32_t> k = std::move(keys_), v = std::move(vals_);
    reset(k.size() * 2);
    for (std::size_t i = 0; i < k.size(); ++i)
      if (k[i] != kEmpty) at(k[i]) = v[i];
  }
  std::vector<std::uint32_t> keys_, vals_;
  std::size_t size_ = 0;
};

// Perceptual-ish distance: green counts most, blue least.
int distance(std::uint32_t a, std::uint32_t b) {
  const int dr = static_cast<int>((a >> 16) & 255) - static_cast<int>((b >> 16) & 255);
  const int dg = static_cast<int>((a >> 8) & 255) - static_cast<int>((b >> 8) & 255);
  const int db = static_cast<int>(a & 255) - static_cast<int>(b & 255);
  return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

int append(GifFileType* gif, const GifByteType* data, int n) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
  return n;
}

}  // namespace

struct GifWriter::Pending {
  int left = 0, top = 0, width = 0, height = 0;
  std::vector<std::uint8_t> indices;
  std::vector<std::uint32_t> palette;  // 256 entries
  int transparent = -1;
  double start = 0, seconds = 0;
};

GifWriter::GifWriter(int width, int height) : width_(width), height_(height) {
  int err = 0;
  GifFileType* gif = EGifOpen(&bytes_, append, &err);
  gif_ = gif;
  if (!gif) {
    failed_ = true;
    return;
  }
  EGifSetGifVersion(gif, true);
  if (EGifPutScreenDesc(gif, width, height, 8, 0, nullptr) != GIF_OK) failed_ = true;
  // Loop forever (the NETSCAPE2.0 application extension).
  static const GifByteType loop[3] = {1, 0, 0};
  if (!failed_ && (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
                   EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") != GIF_OK ||
                   EGifPutExtensionBlock(gif, 3, loop) != GIF_OK || EGifPutExtensionTrailer(gif) != GIF_OK))
    failed_ = true;
}

GifWriter::~GifWriter() {
  delete pending_;
  if (gif_) {
    int err = 0;
    EGifCloseFile(static_cast<GifFileType*>(gif_), &err);
  }
}

bool GifWriter::add(const Raster& frame, double seconds, std::string& error) {
  if (failed_) {
    error = "the GIF encoder failed";
    return false;
  }
  const std::size_t n = static_cast<std::size_t>(width_) * height_;
  next_.resize(n);
  for (int y = 0; y < height_; ++y) {
    const std::uint8_t* row = frame.row(y);
    std::uint32_t* out = next_.data() + static_cast<std::size_t>(y) * width_;
    for (int x = 0; x < width_; ++x) {
      std::uint32_t v;
      std::memcpy(&v, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
      out[x] = v & 0xFFFFFF;
    }
  }
  const bool first = shown_.empty();
  // What changed since the frame before.
  int x0 = width_, y0 = height_, x1 = -1, y1 = -1;
  if (first) {
    x0 = y0 = 0;
    x1 = width_ - 1;
    y1 = height_ - 1;
  } else {
    for (int y = 0; y < height_; ++y) {
      const std::uint32_t* a = next_.data() + static_cast<std::size_t>(y) * width_;
      const std::uint32_t* b = shown_.data() + static_cast<std::size_t>(y) * width_;
      if (std::memcmp(a, b, static_cast<std::size_t>(width_) * 4) == 0) continue;
      int l = 0, r = width_ - 1;
      while (a[l] == b[l]) ++l;
      while (a[r] == b[r]) --r;
      x0 = std::min(x0, l);
      x1 = std::max(x1, r);
      y0 = std::min(y0, y);
      y1 = y;
    }
  }
  if (x1 < 0) {  // the same picture: it stays longer
    if (pending_) pending_->seconds += seconds;
    clock_ += seconds;
    return true;
  }
  if (pending_ && !write_pending(error)) return false;

  auto* p = new Pending;
  pending_ = p;
  p->left = x0;
  p->top = y0;
  p->width = x1 - x0 + 1;
  p->height = y1 - y0 + 1;
  p->start = clock_;
  p->seconds = seconds;
  clock_ += seconds;
  // The colours of the changed rectangle (unchanged pixels show the frame before).
  ColorTable counts;
  bool any_same = false;
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * width_ + x;
      if (!first && next_[i] == shown_[i]) any_same = true;
      else ++counts.at(next_[i]);
    }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> colors;  // (count, colour)
  colors.reserve(counts.size());
  counts.each([&](std::uint32_t c, std::uint32_t k) { colors.push_back({k, c}); });
  const std::size_t room = any_same ? 255 : 256;
  if (colors.size() > room) {
    std::partial_sort(colors.begin(), colors.begin() + static_cast<std::ptrdiff_t>(room), colors.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    colors.resize(room);
  } else {
    std::sort(colors.begin(), colors.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  p->palette.assign(256, 0);
  ColorTable index;  // colour -> palette index
  for (std::size_t i = 0; i < colors.size(); ++i) {
    p->palette[i] = colors[i].second;
    index.at(colors[i].second) = static_cast<std::uint32_t>(i);
  }
  if (any_same) p->transparent = static_cast<int>(colors.size());
  // Every colour of the frame to its palette entry (the nearest, for those left out).
  const std::size_t used = colors.size();
  counts.each([&](std::uint32_t c, std::uint32_t) {
    if (index.find(c)) return;
    int best = 0, best_d = 1 << 30;
    for (std::size_t i = 0; i < used; ++i) {
      const int d = distance(c, p->palette[i]);
      if (d < best_d) {
        best_d = d;
        best = static_cast<int>(i);
      }
    }
    index.at(c) = static_cast<std::uint32_t>(best);
  });
  p->indices.resize(static_cast<std::size_t>(p->width) * p->height);
  std::uint8_t* out = p->indices.data();
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * width_ + x;
      *out++ = !first && next_[i] == shown_[i] ? static_cast<std::uint8_t>(p->transparent)
                                               : static_cast<std::uint8_t>(*index.find(next_[i]));
    }
  shown_.swap(next_);
  return true;
}

bool GifWriter::write_pending(std::string& error) {
  Pending* p = pending_;
  pending_ = nullptr;
  GifFileType* gif = static_cast<GifFileType*>(gif_);
  // Delays in centiseconds, rounded against the clock so that they do not drift; at least
  // 2 (browsers slow shorter ones down).
  const long long end_cs = std::llround((p->start + p->seconds) * 100);
  const int delay = static_cast<int>(std::clamp<long long>(end_cs - written_cs_, 2, 65535));
  written_cs_ += delay;
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.UserInputFlag = false;
  gcb.DelayTime = delay;
  gcb.TransparentColor = p->transparent >= 0 ? p->transparent : NO_TRANSPARENT_COLOR;
  GifByteType ext[4];
  EGifGCBToExtension(&gcb, ext);
  GifColorType colors[256];
  for (int i = 0; i < 256; ++i)
    colors[i] = {static_cast<GifByteType>(p->palette[i] >> 16), static_cast<GifByteType>(p->palette[i] >> 8),
                 static_cast<GifByteType>(p->palette[i])};
  ColorMapObject* map = GifMakeMapObject(256, colors);
  bool ok = map && EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_OK &&
            EGifPutImageDesc(gif, p->left, p->top, p->width, p->height, false, map) == GIF_OK;
  for (int y = 0; ok && y < p->height; ++y)
    ok = EGifPutLine(gif, p->indices.data() + static_cast<std::size_t>(y) * p->width, p->width) == GIF_OK;
  if (map) GifFreeMapObject(map);
  delete p;
  if (!ok) {
    failed_ = true;
    error = std::string("the GIF encoder failed: ") + GifErrorString(gif->Error);
    return false;
  }
  ++written_;
  return true;
}

std::string GifWriter::finish(std::string& error) {
  if (pending_ && !write_pending(error)) return {};
  if (failed_ || !gif_) {
    if (error.empty()) error = "the GIF encoder failed";
    return {};
  }
  int err = 0;
  GifFileType* gif = static_cast<GifFileType*>(gif_);
  gif_ = nullptr;
  if (EGifCloseFile(gif, &err) != GIF_OK) {
    error = std::string("the GIF encoder failed: ") + GifErrorString(err);
    return {};
  }
  return std::move(bytes_);
}

}  // namespace trioscope::exporting
