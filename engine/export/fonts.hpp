// The fonts of the exports: DejaVu Sans, its bold, and DejaVu Sans Mono (the screen's
// fonts), measured with FreeType so that cairo (PNG, PDF) and the SVG writer agree with
// each other to the pixel, and with the screen in size: a font role of pixel height h (as
// Dear ImGui sizes fonts: ascent to descent) is drawn at an em of h * unitsPerEm /
// (ascent - descent), its baseline where Dear ImGui puts it.
//
// A code point a face lacks (DejaVu Sans Mono has no ☾) is taken from DejaVu Sans. A
// FontSet caches glyphs as it meets them: one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "view/painter.hpp"

namespace trioscope::exporting {

struct FontFiles {
  std::string sans, bold, mono;
  bool complete() const { return !sans.empty() && !bold.empty() && !mono.empty(); }
};
// $TRIOSCOPE_FONT_DIR when it holds them, else Debian's fonts-dejavu-core.
FontFiles default_font_files();

enum class Face : std::uint8_t { sans, bold, mono };
inline constexpr int kFaceCount = 3;
Face face_of(view::Font f);
// The family names a document names the faces by (SVG font-family, PDF font names).
const char* face_family(Face f);
bool face_is_bold(Face f);

// The next code point of UTF-8 text at `i` (advancing i); U+FFFD for a broken sequence.
char32_t decode_utf8(std::string_view s, std::size_t& i);

class FontSet {
 public:
  struct Glyph {
    std::uint32_t index = 0;  // in the face it is drawn from
    Face face = Face::sans;   // the face it is drawn from (a fallback for a missing one)
    float advance = 0;        // in ems
  };

  // Loads the three faces; null with `error` saying which file failed.
  static std::unique_ptr<FontSet> load(const FontFiles& files, std::string& error);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  const FontFiles& files() const { return files_; }
  const std::string& file(Face f) const;

  const Glyph& glyph(Face f, char32_t cp) const;
  // The em size of a face drawn `pixels` high.
  float em(Face f, float pixels) const;
  // Where the baseline is below the top of a line `pixels` high.
  float baseline(Face f, float pixels) const;
  // The width of `s` in face `f` at `pixels` high.
  float width(Face f, std::string_view s, float pixels) const;

 private:
  FontSet() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FontFiles files_;
};

}  // namespace trioscope::exporting
