// The export surfaces' painters: DejaVu measured as the screen sizes it, text drawn within
// what was measured (so that labels fit on every surface), clips that hold, and SVG that
// keeps text as text, escaped.
#include <gtest/gtest.h>

#include <cairo.h>

#include <string>

#include "export/cairo_painter.hpp"
#include "export/fonts.hpp"
#include "export/render.hpp"
#include "export/svg_painter.hpp"
#include "view/shapes.hpp"
#include "view/surface_style.hpp"

namespace trioscope::exporting {
namespace {

using view::Font;

std::unique_ptr<Typesetter> typesetter() {
  std::string error;
  auto t = Typesetter::create(default_font_files(), error);
  EXPECT_TRUE(t) << error;
  return t;
}

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t i = s.find(part); i != std::string::npos; i = s.find(part, i + 1)) ++n;
  return n;
}

// Dear ImGui sizes a font by ascent minus descent (stbtt_ScaleForPixelHeight) and puts its
// baseline at floor(ascent + 1): DejaVu's hhea ascent is 1901 and descent -483 units of
// 2048, so a 19 px line has an em of 16.32 px and its baseline 16 px down.
TEST(Fonts, SizedAsTheScreenSizesThem) {
  auto t = typesetter();
  const FontSet& f = *t->fonts;
  EXPECT_NEAR(f.em(Face::sans, 19), 19.0f * 2048 / 2384, 1e-3);
  EXPECT_EQ(f.baseline(Face::sans, 19), 16);
  EXPECT_EQ(f.baseline(Face::sans, 17), 14);
  EXPECT_NEAR(f.em(Face::mono, 16), 16.0f * 2048 / 2384, 0.05);
  // Widths add up glyph by glyph, and the mono face is monospaced.
  EXPECT_NEAR(f.width(Face::sans, "MM", 19), 2 * f.width(Face::sans, "M", 19), 1e-3);
  EXPECT_NEAR(f.width(Face::mono, "iiii", 16), f.width(Face::mono, "WWWW", 16), 1e-3);
  EXPECT_GT(f.width(Face::bold, "nursery", 19), f.width(Face::sans, "nursery", 19));
}

// DejaVu Sans Mono has no Georgian capitals (Ⴀ, U+10A0); they come from DejaVu Sans, as
// wide as Sans draws them. The state icons are in both.
TEST(Fonts, AGlyphTheFaceLacksComesFromSans) {
  auto t = typesetter();
  const FontSet& f = *t->fonts;
  const FontSet::Glyph& an = f.glyph(Face::mono, 0x10A0);
  EXPECT_EQ(an.face, Face::sans);
  EXPECT_NE(an.index, 0u);
  EXPECT_NEAR(f.width(Face::mono, "\xE1\x82\xA0", 16), f.width(Face::sans, "\xE1\x82\xA0", 16), 1e-3);
  EXPECT_EQ(f.glyph(Face::mono, 'a').face, Face::mono);
  EXPECT_EQ(f.glyph(Face::mono, 0x263E).face, Face::mono) << "☾";
}

TEST(Fonts, DecodesUtf8AndReplacesBrokenSequences) {
  const std::string s = "a\xC3\xA9\xE2\x98\xBE\xF0\x9F\x98\x80\xC3";
  std::size_t i = 0;
  EXPECT_EQ(decode_utf8(s, i), U'a');
  EXPECT_EQ(decode_utf8(s, i), U'\u00E9');
  EXPECT_EQ(decode_utf8(s, i), U'\u263E');
  EXPECT_EQ(decode_utf8(s, i), U'\U0001F600');
  EXPECT_EQ(decode_utf8(s, i), U'\uFFFD');
  EXPECT_EQ(i, s.size());
}

// The text a surface draws ends where its painter said it would: a layout that made room
// for a label by measuring it never sees it run over.
TEST(CairoPainter, TextEndsWhereItWasMeasured) {
  auto t = typesetter();
  Raster r(900, 60);
  ASSERT_TRUE(r.ok());
  const char* samples[] = {"child('Well-behaved', 3)", "\xE2\x8A\x98 cancel pending",
                           "\xE2\x98\xBE sleeping until t = 3.0 (Cancelled there)", "ExceptionGroup[ValueError, KeyError]",
                           "nursery.start_soon(child, \"Well-behaved\", 3)"};
  for (Font font : {Font::tree, Font::tree_bold, Font::mono, Font::caption}) {
    for (const char* s : samples) {
      CairoPainter p(r.cr(), *t->fonts, *t->faces, 1, true);
      p.fill_rect({0, 0, 900, 60}, {255, 255, 255, 255});
      p.text(font, {10, 10}, {0, 0, 0, 255}, s);
      p.flush();
      r.flush();
      int right = -1, bottom = -1;
      for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 900; ++x)
          if (r.pixel(x, y) != 0xFFFFFF) {
            right = std::max(right, x);
            bottom = std::max(bottom, y);
          }
      const float w = p.text_width(font, s);
      ASSERT_GE(right, 0) << s;
      EXPECT_LE(right, 10 + w + 1) << s << " in font " << static_cast<int>(font);
      EXPECT_GE(right, 10 + w - 4) << s << ": the measure is not far too wide";
      EXPECT_LE(bottom, 10 + p.font_size(font) + 2) << s << ": within its line";
    }
  }
}

TEST(CairoPainter, FontSizesAreTheScreens) {
  auto t = typesetter();
  Raster r(8, 8);
  for (float scale : {1.0f, 1.75f}) {
    CairoPainter p(r.cr(), *t->fonts, *t->faces, scale, true);
    for (Font f : {Font::ui, Font::bold, Font::mono, Font::caption, Font::tree, Font::tree_bold}) {
      EXPECT_EQ(p.font_size(f), view::font_pixels(f, scale));
    }
  }
  EXPECT_EQ(view::font_pixels(Font::ui, 1.75f), 30);
}

TEST(CairoPainter, ClipsHold) {
  auto t = typesetter();
  Raster r(100, 100);
  CairoPainter p(r.cr(), *t->fonts, *t->faces, 1, true);
  p.fill_rect({0, 0, 100, 100}, {255, 255, 255, 255});
  p.push_clip({10, 10, 50, 50});
  p.push_clip({30, 0, 100, 100});  // intersected: 30..50
  EXPECT_EQ(p.clip(), (view::Rect{30, 10, 50, 50}));
  p.fill_rect({0, 0, 100, 100}, {255, 0, 0, 255});
  p.pop_clip();
  p.pop_clip();
  p.flush();
  r.flush();
  EXPECT_EQ(r.pixel(40, 30), 0xFF0000u);
  EXPECT_EQ(r.pixel(20, 30), 0xFFFFFFu);
  EXPECT_EQ(r.pixel(40, 60), 0xFFFFFFu);
  EXPECT_EQ(r.pixel(60, 30), 0xFFFFFFu);
}

// A 1-pixel line on whole coordinates covers one row of pixels (as on the screen).
TEST(CairoPainter, LinesAreCrisp) {
  auto t = typesetter();
  Raster r(40, 40);
  CairoPainter p(r.cr(), *t->fonts, *t->faces, 1, true);
  p.fill_rect({0, 0, 40, 40}, {255, 255, 255, 255});
  p.line({5, 20}, {35, 20}, {0, 0, 0, 255}, 1);
  p.flush();
  r.flush();
  EXPECT_EQ(r.pixel(20, 20), 0x000000u);
  EXPECT_EQ(r.pixel(20, 19), 0xFFFFFFu);
  EXPECT_EQ(r.pixel(20, 21), 0xFFFFFFu);
}

// ---- SVG ----

SvgPainter svg(const FontSet& f) { return SvgPainter(f, 1, 400, 300, 800, 600, "T <&> \"'", "a & b"); }

TEST(SvgPainter, TextIsTextEscaped) {
  auto t = typesetter();
  SvgPainter p = svg(*t->fonts);
  p.text(Font::tree, {10, 20}, {11, 15, 20, 255}, "a < b && \"c\" > 'd'");
  p.text(Font::mono, {10, 40}, {0, 0, 0, 128}, "    await trio.sleep(1)");
  p.text(Font::tree_bold, {10, 60}, {0, 0, 0, 255}, "nursery");
  const std::string s = p.finish();
  EXPECT_NE(s.find("width=\"800\" height=\"600\" viewBox=\"0 0 400 300\""), std::string::npos) << s;
  EXPECT_NE(s.find("<title>T &lt;&amp;&gt; &quot;&apos;</title>"), std::string::npos);
  EXPECT_NE(s.find("<desc>a &amp; b</desc>"), std::string::npos);
  EXPECT_NE(s.find(">a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;</text>"), std::string::npos) << s;
  // Leading spaces are an offset, the rest of the line is kept with its spaces.
  EXPECT_NE(s.find(">await trio.sleep(1)</text>"), std::string::npos);
  EXPECT_NE(s.find("font-family=\"'DejaVu Sans Mono'"), std::string::npos);
  EXPECT_NE(s.find("fill-opacity=\"0.5\""), std::string::npos);
  EXPECT_NE(s.find("font-weight=\"bold\" fill=\"#000000\">nursery</text>"), std::string::npos);
  // The baseline is where the screen puts it: 16 px below the top of a 19 px line.
  EXPECT_NE(s.find("y=\"36\" font-size=\"16.32\""), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 7), "</svg>\n");
}

TEST(SvgPainter, ClipsAreGroupsAndWhatTheyHideIsLeftOut) {
  auto t = typesetter();
  SvgPainter p = svg(*t->fonts);
  p.push_clip({0, 0, 100, 100});
  p.fill_rect({10, 10, 20, 20}, {255, 0, 0, 255});
  p.fill_rect({200, 200, 220, 220}, {0, 255, 0, 255});  // outside the clip
  p.text(Font::ui, {300, 10}, {0, 0, 0, 255}, "hidden");
  p.push_no_clip();
  p.fill_rect({200, 200, 220, 220}, {0, 0, 255, 255});  // drawn: no clip
  p.pop_clip();
  p.pop_clip();
  p.push_clip({0, 0, 100, 100});  // the same clip again: the same clipPath
  p.fill_rect({30, 30, 40, 40}, {255, 0, 0, 255});
  p.pop_clip();
  const std::string s = p.finish();
  EXPECT_EQ(count(s, "<clipPath"), 1u) << s;
  EXPECT_EQ(count(s, "<g clip-path=\"url(#c0)\">"), 2u);
  EXPECT_EQ(count(s, "<g "), count(s, "</g>"));
  EXPECT_EQ(s.find("#00ff00"), std::string::npos) << "what the clip hides is not in the file";
  EXPECT_EQ(s.find("hidden"), std::string::npos);
  const std::size_t blue = s.find("#0000ff");
  ASSERT_NE(blue, std::string::npos);
  EXPECT_LT(s.rfind("</g>", blue), blue) << "drawn outside every group";
}

// A curved arrow is drawn as segments end to end: one polyline in the file.
TEST(SvgPainter, SegmentsEndToEndAreOnePath) {
  auto t = typesetter();
  SvgPainter p = svg(*t->fonts);
  view::curved_arrow(p, {10, 10}, {200, 100}, {192, 24, 24, 255}, 2.5f, 8, 0.12f);
  const std::string s = p.finish();
  EXPECT_EQ(count(s, "<polyline"), 1u) << s;
  EXPECT_EQ(count(s, "<line"), 0u);
  EXPECT_EQ(count(s, "<polygon"), 1u) << "and the head";
}

}  // namespace
}  // namespace trioscope::exporting
