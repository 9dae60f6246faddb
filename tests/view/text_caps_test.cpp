// What the views make of huge texts: a line of megabytes wraps into rows that keep every
// byte, a text shown is cut at a code point with a count of what was left out, and the
// descriptions of huge exceptions and groups stay a few kilobytes.
#include <gtest/gtest.h>

#include <string>

#include "core/exception.hpp"
#include "view/exc_text.hpp"
#include "view/listing_wrap.hpp"
#include "view/text_cap.hpp"

namespace trioscope::view {
namespace {

TEST(TextCaps, AMegabyteLineWrapsIntoRowsThatKeepEveryByte) {
  // Without a space (the worst case for finding a break) and with words.
  for (const std::string& word : {std::string(1 << 20, 'y'), [] {
         std::string s;
         while (s.size() < (1u << 20)) s += "word ";
         return s;
       }()}) {
    const std::string listing = "    print(\"" + word + "\")\nx = 1\n";
    const ListingRows r = wrap_listing(listing, 80);
    ASSERT_GT(r.rows.size(), (1u << 20) / 80);
    std::uint32_t at = 0;
    for (const ListingRow& row : r.rows) {
      if (row.line != 1) break;
      EXPECT_LE(row.end - row.begin + row.indent, 80u);
      EXPECT_GE(row.begin, at);  // in order, only spaces at breaks skipped
      for (std::uint32_t i = at; i < row.begin; ++i) ASSERT_EQ(listing[i], ' ');
      at = row.end;
    }
    EXPECT_EQ(r.rows.back().line, 2u);
    EXPECT_EQ(r.row_of_line(2), r.rows.size() - 1);
  }
}

TEST(TextCaps, AShownTextIsCutAtACodePoint) {
  EXPECT_EQ(shown_text("short"), "short");
  const std::string s = std::string(kMaxShownBytes - 1, 'a') + "\xC3\xA9" + std::string(100, 'b');
  EXPECT_EQ(shown_part(s).size(), kMaxShownBytes - 1);  // é would straddle the cut
  EXPECT_EQ(shown_text(s), std::string(kMaxShownBytes - 1, 'a') + " \xE2\x80\xA6 (102 more bytes)");
  EXPECT_EQ(shown_text("abcd", 3), "abc \xE2\x80\xA6 (1 more byte)");
}

TEST(TextCaps, HugeExceptionsAreDescribedInAFewKilobytes) {
  const std::string name = "E" + std::string(10'000'000, 'x') + "Error";
  const trio::Exc big = trio::make_exc(name, std::string(5'000'000, 'm'));
  const std::string d = describe_exc(*big);
  EXPECT_LE(d.size(), 2 * kMaxShownBytes);
  EXPECT_EQ(d.rfind("Exxx", 0), 0u) << d.substr(0, 100);
  EXPECT_NE(d.find("more bytes)"), std::string::npos);

  std::vector<trio::Exc> members;
  for (int i = 0; i < 10000; ++i) members.push_back(trio::make_exc("ValueError", "boom " + std::to_string(i)));
  const std::string g = describe_exc(*trio::make_group("many", members));
  EXPECT_LE(g.size(), 2 * kMaxShownBytes);
  EXPECT_EQ(g.rfind("ExceptionGroup('many', [ValueError('boom 0'), ValueError('boom 1'), ", 0), 0u);
  EXPECT_NE(g.find(" more])"), std::string::npos) << g.substr(g.size() - 100);

  // A group of moderate size is described whole, as Python's repr gives it.
  const std::string small = describe_exc(*trio::make_group("two", {members[0], members[1]}));
  EXPECT_EQ(small, "ExceptionGroup('two', [ValueError('boom 0'), ValueError('boom 1')])");
}

}  // namespace
}  // namespace trioscope::view
