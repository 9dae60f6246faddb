#include "export/fonts.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include <ft2build.h>
#include FT_FREETYPE_H

namespace trioscope::exporting {

FontFiles default_font_files() {
  namespace fs = std::filesystem;
  auto in = [](const fs::path& dir) {
    std::error_code ec;
    FontFiles f;
    auto pick = [&](const char* name) {
      const fs::path p = dir / name;
      return fs::is_regular_file(p, ec) ? p.string() : std::string();
    };
    f.sans = pick("DejaVuSans.ttf");
    f.bold = pick("DejaVuSans-Bold.ttf");
    f.mono = pick("DejaVuSansMono.ttf");
    return f;
  };
  if (const char* dir = std::getenv("TRIOSCOPE_FONT_DIR"); dir && *dir)
    if (FontFiles f = in(dir); f.complete()) return f;
  return in("/usr/share/fonts/truetype/dejavu");
}

Face face_of(view::Font f) {
  switch (f) {
    case view::Font::bold: case view::Font::tree_bold: return Face::bold;
    case view::Font::mono: return Face::mono;
    default: return Face::sans;
  }
}

const char* face_family(Face f) { return f == Face::mono ? "DejaVu Sans Mono" : "DejaVu Sans"; }
bool face_is_bold(Face f) { return f == Face::bold; }

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = c & (0x3F >> extra);
  for (; extra > 0; --extra) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

struct FontSet::Impl {
  FT_Library lib = nullptr;
  std::array<FT_Face, kFaceCount> faces{};
  std::array<float, kFaceCount> em_per_px{};   // em size per pixel of height
  std::array<float, kFaceCount> ascent{};      // ascent per pixel of height
  // Glyphs met so far, per face: ASCII in a table, the rest in a map.
  std::array<std::array<Glyph, 128>, kFaceCount> ascii{};
  std::array<std::array<bool, 128>, kFaceCount> ascii_known{};
  std::array<std::unordered_map<char32_t, Glyph>, kFaceCount> other;

  ~Impl() {
    for (FT_Face f : faces)
      if (f) FT_Done_Face(f);
    if (lib) FT_Done_FreeType(lib);
  }

  Glyph make(Face face, char32_t cp) const {
    FT_Face f = faces[static_cast<int>(face)];
    FT_UInt index = FT_Get_Char_Index(f, cp);
    Face from = face;
    if (index == 0 && face != Face::sans) {
      // A glyph the face lacks comes from DejaVu Sans, as its fallback.
      const FT_UInt alt = FT_Get_Char_Index(faces[0], cp);
      if (alt != 0) {
        index = alt;
        from = Face::sans;
        f = faces[0];
      }
    }
    Glyph g;
    g.index = index;
    g.face = from;
    if (FT_Load_Glyph(f, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0)
      g.advance = static_cast<float>(f->glyph->advance.x) / static_cast<float>(f->units_per_EM);
    return g;
  }
};

std::unique_ptr<FontSet> FontSet::load(const FontFiles& files, std::string& error) {
  std::unique_ptr<FontSet> set(new FontSet());
  set->files_ = files;
  set->impl_ = std::make_unique<Impl>();
  Impl& im = *set->impl_;
  if (FT_Init_FreeType(&im.lib) != 0) {
    error = "FreeType could not be started";
    return nullptr;
  }
  for (int i = 0; i < kFaceCount; ++i) {
    const std::string& path = set->file(static_cast<Face>(i));
    if (path.empty() || FT_New_Face(im.lib, path.c_str(), 0, &im.faces[i]) != 0) {
      error = "cannot load the font " + (path.empty() ? std::string(i == 0 ? "DejaVu Sans" : i == 1 ? "DejaVu Sans Bold" : "DejaVu Sans Mono") : path) +
              " (install fonts-dejavu-core, or set TRIOSCOPE_FONT_DIR)";
      return nullptr;
    }
    FT_Face f = im.faces[i];
    // Dear ImGui's sizes: stbtt_ScaleForPixelHeight, the hhea ascent and descent.
    const float height = static_cast<float>(f->ascender - f->descender);
    im.em_per_px[i] = static_cast<float>(f->units_per_EM) / height;
    im.ascent[i] = static_cast<float>(f->ascender) / height;
  }
  return set;
}

FontSet::~FontSet() = default;

const std::string& FontSet::file(Face f) const {
  switch (f) {
    case Face::bold: return files_.bold;
    case Face::mono: return files_.mono;
    default: return files_.sans;
  }
}

const FontSet::Glyph& FontSet::glyph(Face f, char32_t cp) const {
  Impl& im = *impl_;
  const int fi = static_cast<int>(f);
  if (cp < 128) {
    if (!im.ascii_known[fi][cp]) {
      im.ascii[fi][cp] = im.make(f, cp);
      im.ascii_known[fi][cp] = true;
    }
    return im.ascii[fi][cp];
  }
  auto& m = im.other[fi];
  auto it = m.find(cp);
  if (it == m.end()) it = m.emplace(cp, im.make(f, cp)).first;
  return it->second;
}

float FontSet::em(Face f, float pixels) const { return pixels * impl_->em_per_px[static_cast<int>(f)]; }

float FontSet::baseline(Face f, float pixels) const {
  // Dear ImGui: floor(ascent * scale + 1), the glyphs placed from the rounded ascent.
  return std::round(std::floor(impl_->ascent[static_cast<int>(f)] * pixels + 1));
}

float FontSet::width(Face f, std::string_view s, float pixels) const {
  // A glyph from the fallback face is as wide as that face draws it at this height.
  float w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Glyph& g = glyph(f, decode_utf8(s, i));
    w += g.advance * em(g.face, pixels);
  }
  return w;
}

}  // namespace trioscope::exporting
