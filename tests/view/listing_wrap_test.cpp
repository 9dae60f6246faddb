// The listing in rows of a fixed width: nothing is lost, nothing is past the edge, and
// every row still knows its line number.
#include <gtest/gtest.h>

#include <string>

#include "engine_run.hpp"
#include "view/listing_wrap.hpp"

namespace trioscope::view {
namespace {

int code_points(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

const char* kListing =
    "\"\"\"A good task: work in small chunks with trio.sleep(0)\n"
    "\n"
    "This task does its work in a loop of ten chunks and calls await trio.sleep(0) after each one.\n"
    "\"\"\"\n"
    "\n"
    "async def do_some_work_chunk(i):\n"
    "    print(f\"Child {name} is going to sleep for {sleep_time}s, then \xC3\xA9" "crit.\")\n"
    "    await trio.sleep(0)\n";

TEST(ListingWrap, RowsFitTheColumnsAndKeepEveryCharacter) {
  const std::string text = kListing;
  for (int columns : {12, 20, 31, 48, 200}) {
    SCOPED_TRACE(columns);
    const ListingRows r = wrap_listing(text, columns);
    ASSERT_EQ(r.first_row.size(), 8u);
    std::string joined;
    std::uint32_t line = 0;
    for (const ListingRow& row : r.rows) {
      const std::string_view part(text.data() + row.begin, row.end - row.begin);
      EXPECT_LE(code_points(part) + row.indent, columns) << part;
      if (row.line != line) {
        EXPECT_FALSE(row.continuation);
        EXPECT_EQ(r.row_of_line(row.line), static_cast<std::uint32_t>(&row - r.rows.data()));
        if (line) joined += '\n';
        line = row.line;
      } else {
        EXPECT_TRUE(row.continuation);
      }
      joined += part;
    }
    // Only the spaces at a break are dropped.
    std::string without_spaces, expected;
    for (char c : joined) if (c != ' ') without_spaces += c;
    for (char c : text) if (c != ' ') expected += c;
    if (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_EQ(without_spaces, expected);
  }
}

TEST(ListingWrap, CodeWrapsAtASpaceUnderItsStatementAndDocstringsAreProse) {
  const std::string text = kListing;
  const ListingRows r = wrap_listing(text, 40);
  // Line 7, the long print, wraps at a space, its continuation one level deeper (4 + 4).
  const std::uint32_t first = r.row_of_line(7);
  ASSERT_TRUE(r.rows[first + 1].continuation);
  EXPECT_EQ(r.rows[first + 1].indent, 8);
  EXPECT_EQ(text[r.rows[first].end - 1], ' ');
  // The docstring's lines are prose and marked as such; only code counts for the width.
  EXPECT_TRUE(r.rows[r.row_of_line(3)].in_docstring);
  EXPECT_FALSE(r.rows[r.row_of_line(6)].in_docstring);
  EXPECT_EQ(r.code_columns, code_points("    print(f\"Child {name} is going to sleep for {sleep_time}s, then \xC3\xA9" "crit.\")"));
  // Unwrapped: one row per line.
  EXPECT_EQ(wrap_listing(text, 0).rows.size(), 8u);
}

TEST(ListingWrap, TheArticlesListingAtAProjectorWidth) {
  const testing::Resilient resilient;
  const ListingRows r = wrap_listing(resilient.listing, 30);
  for (const ListingRow& row : r.rows) EXPECT_LE(static_cast<int>(row.end - row.begin) + row.indent, 30);
  EXPECT_GT(r.rows.size(), r.first_row.size());  // something wrapped
}

}  // namespace
}  // namespace trioscope::view
