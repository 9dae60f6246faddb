// The text editor's model without a window: typing, moving, selecting, indenting,
// comments, the clipboard, find, and undo/redo with typing coalesced into words.
#include <gtest/gtest.h>

#include <string>

#include "edit/text_diff.hpp"
#include "edit/text_editor.hpp"

namespace trioscope::edit {
namespace {

// The text with the selection drawn in: [ ] around it, | for a bare cursor.
std::string shown(const TextEditor& ed) {
  std::string s = ed.text();
  const Selection sel = ed.selection();
  if (sel.empty()) return s.insert(sel.head, "|"), s;
  s.insert(sel.end(), "]");
  s.insert(sel.begin(), "[");
  return s;
}

TextEditor with(const std::string& text, std::size_t cursor, Language l = Language::python) {
  TextEditor ed(l);
  ed.set_text(text);
  ed.set_cursor(cursor);
  return ed;
}

TEST(TextEditor, LinesAndColumnsCountCodePoints) {
  TextEditor ed;
  ed.set_text("ab\ncafé x\n\nend");
  EXPECT_EQ(ed.line_count(), 4u);
  EXPECT_EQ(ed.line_text(1), "café x");
  EXPECT_EQ(ed.line_text(2), "");
  const std::size_t x = ed.text().find('x');
  EXPECT_EQ(ed.line_of(x), 1u);
  EXPECT_EQ(ed.column_of(x), 5u) << "é is one column";
  EXPECT_EQ(ed.offset_at(1, 5), x);
  EXPECT_EQ(ed.offset_at(1, 99), ed.line_end(1)) << "clamped to the line";
  EXPECT_EQ(ed.line_of(ed.text().size()), 3u);
}

TEST(TextEditor, ArrowsMoveByCharactersWordsAndLines) {
  TextEditor ed = with("await trio.sleep(1)\nx", 0);
  ed.move(Motion::word_right, false);
  EXPECT_EQ(shown(ed), "await| trio.sleep(1)\nx");
  ed.move(Motion::word_right, false);
  EXPECT_EQ(shown(ed), "await trio|.sleep(1)\nx");
  ed.move(Motion::word_left, false);
  EXPECT_EQ(shown(ed), "await |trio.sleep(1)\nx");
  ed.move(Motion::right, true);
  ed.move(Motion::right, true);
  EXPECT_EQ(shown(ed), "await [tr]io.sleep(1)\nx");
  ed.move(Motion::left, false);
  EXPECT_EQ(shown(ed), "await |trio.sleep(1)\nx") << "Left collapses a selection to its start";
  ed.move(Motion::end, false);
  ed.move(Motion::down, false);
  EXPECT_EQ(shown(ed), "await trio.sleep(1)\nx|");
  ed.move(Motion::up, false);
  EXPECT_EQ(shown(ed), "await trio.sleep(1)|\nx") << "up keeps the column it wanted";
  // A UTF-8 character is one step.
  TextEditor u = with("é", 0);
  u.move(Motion::right, false);
  EXPECT_EQ(u.cursor(), 2u);
}

TEST(TextEditor, UpAndDownKeepTheColumnOverShortLines) {
  TextEditor ed = with("long line here\nab\nanother long one", 10);
  ed.move(Motion::down, false);
  EXPECT_EQ(ed.line_of(ed.cursor()), 1u);
  EXPECT_EQ(ed.column_of(ed.cursor()), 2u);
  ed.move(Motion::down, false);
  EXPECT_EQ(ed.column_of(ed.cursor()), 10u);
  ed.move_lines(-5, true);
  EXPECT_EQ(ed.cursor(), 0u) << "past the first line: the start";
  EXPECT_FALSE(ed.selection().empty());
}

TEST(TextEditor, HomeGoesToTheCodeThenToTheLineStart) {
  TextEditor ed = with("    print('x')", 10);
  ed.move(Motion::home, false);
  EXPECT_EQ(ed.cursor(), 4u);
  ed.move(Motion::home, false);
  EXPECT_EQ(ed.cursor(), 0u);
  ed.move(Motion::home, false);
  EXPECT_EQ(ed.cursor(), 4u);
}

TEST(TextEditor, DoubleClickSelectsAWordAndTheLineNumberALine) {
  TextEditor ed = with("await trio.sleep(sleep_time)\nnext", 0);
  ed.select_word_at(ed.text().find("leep_t"));
  EXPECT_EQ(ed.selected_text(), "sleep_time");
  ed.select_word_at(ed.text().find('('));
  EXPECT_EQ(ed.selected_text(), "(");
  ed.select_line(0);
  EXPECT_EQ(ed.selected_text(), "await trio.sleep(sleep_time)\n");
  ed.select_all();
  EXPECT_EQ(ed.selected_text(), ed.text());
}

TEST(TextEditor, EnterIndentsAsTheLineAndDeeperAfterABlockOpener) {
  TextEditor ed = with("async def child():", 18);
  ed.newline();
  EXPECT_EQ(shown(ed), "async def child():\n    |");
  ed.type("await trio.sleep(1)");
  ed.newline();
  EXPECT_EQ(shown(ed), "async def child():\n    await trio.sleep(1)\n    |");
  // JSON: inside a bracket pair, the closing bracket gets its own line.
  TextEditor j = with("{\"body\": []}", 10, Language::json);
  j.newline();
  EXPECT_EQ(shown(j), "{\"body\": [\n  |\n]}");
}

TEST(TextEditor, BackspaceInIndentationGoesBackAStop) {
  TextEditor ed = with("        x", 8);
  ed.backspace();
  EXPECT_EQ(shown(ed), "    |x");
  ed.backspace();
  EXPECT_EQ(shown(ed), "|x");
  ed.backspace();
  EXPECT_EQ(shown(ed), "|x") << "nothing before the start";
  TextEditor w = with("await trio.sleep", 16);
  w.backspace(/*word=*/true);
  EXPECT_EQ(shown(w), "await trio.|");
  w.delete_forward();
  EXPECT_EQ(shown(w), "await trio.|");
  w.set_cursor(0);
  w.delete_forward(/*word=*/true);
  EXPECT_EQ(shown(w), "| trio.");
}

TEST(TextEditor, TabIndentsSelectedLinesAndShiftTabTakesThemOut) {
  TextEditor ed = with("a\nb\n\nc", 0);
  ed.select(0, ed.text().size());
  ed.tab();
  EXPECT_EQ(ed.text(), "    a\n    b\n\n    c") << "blank lines stay blank";
  EXPECT_EQ(ed.selected_text(), ed.text()) << "the lines stay selected";
  ed.untab();
  EXPECT_EQ(ed.text(), "a\nb\n\nc");
  // Without a selection over lines, Tab inserts blanks to the next stop.
  TextEditor one = with("ab", 2);
  one.tab();
  EXPECT_EQ(shown(one), "ab  |");
  TextEditor two = with("  x", 3);
  two.untab();
  EXPECT_EQ(shown(two), "x|");
}

TEST(TextEditor, CtrlSlashTogglesComments) {
  TextEditor ed = with("    a()\n      b()\n", 0);
  ed.select(0, ed.text().size());
  ed.toggle_comment();
  EXPECT_EQ(ed.text(), "    # a()\n    #   b()\n");
  ed.toggle_comment();
  EXPECT_EQ(ed.text(), "    a()\n      b()\n");
  TextEditor j = with("{}", 0, Language::json);
  EXPECT_FALSE(j.toggle_comment()) << "JSON has no comments";
}

TEST(TextEditor, TypingUndoesAWordAtATime) {
  TextEditor ed = with("", 0);
  for (char c : std::string("sleep for five")) ed.type(std::string(1, c));
  ASSERT_EQ(ed.text(), "sleep for five");
  EXPECT_TRUE(ed.undo());
  EXPECT_EQ(shown(ed), "sleep for |");
  EXPECT_TRUE(ed.undo());
  EXPECT_EQ(shown(ed), "sleep |");
  EXPECT_TRUE(ed.redo());
  EXPECT_EQ(shown(ed), "sleep for |");
  // Moving the cursor ends the word: what is typed next is a step of its own.
  ed.move(Motion::left, false);
  ed.type("X");
  ed.type("Y");
  EXPECT_EQ(ed.text(), "sleep forXY ");
  ed.undo();
  EXPECT_EQ(ed.text(), "sleep for ");
  EXPECT_TRUE(ed.can_redo());
  // A new edit drops what could be redone.
  ed.type("Z");
  EXPECT_FALSE(ed.can_redo());
}

TEST(TextEditor, BackspacesCoalesceAndUndoRestoresTheSelection) {
  TextEditor ed = with("one two", 7);
  for (int i = 0; i < 3; ++i) ed.backspace();
  EXPECT_EQ(ed.text(), "one ");
  ed.undo();
  EXPECT_EQ(shown(ed), "one two|");
  ed.select(0, 3);
  ed.type("1");
  EXPECT_EQ(ed.text(), "1 two");
  ed.undo();
  EXPECT_EQ(shown(ed), "[one] two") << "the selection typed over comes back";
}

TEST(TextEditor, AGroupIsOneStep) {
  TextEditor ed = with("sleep(1)", 0);
  ed.begin_group();
  ed.replace_text("sleep(2)");
  ed.replace_text("sleep(3.5)");
  ed.replace_text("sleep(5)");
  ed.end_group();
  EXPECT_EQ(ed.text(), "sleep(5)");
  EXPECT_TRUE(ed.undo());
  EXPECT_EQ(ed.text(), "sleep(1)");
  EXPECT_FALSE(ed.undo());
  EXPECT_TRUE(ed.redo());
  EXPECT_EQ(ed.text(), "sleep(5)");
}

TEST(TextEditor, ReplacingTheTextKeepsTheCursorsLine) {
  TextEditor ed = with("a\nbbb\nc", 4);  // line 1, column 2
  ed.replace_text("a\nbXbb\nc\nd");
  EXPECT_EQ(ed.line_of(ed.cursor()), 1u);
  EXPECT_EQ(ed.column_of(ed.cursor()), 2u);
  ed.undo();
  EXPECT_EQ(ed.text(), "a\nbbb\nc");
  EXPECT_FALSE(ed.replace_text("a\nbbb\nc")) << "the same text is no change";
}

TEST(TextEditor, CutCopyAndPaste) {
  TextEditor ed = with("alpha beta", 0);
  ed.select(0, 5);
  EXPECT_EQ(ed.cut(), "alpha");
  EXPECT_EQ(ed.text(), " beta");
  ed.move(Motion::doc_end, false);
  ed.paste("\r\nline\rend");
  EXPECT_EQ(ed.text(), " beta\nline\nend") << "line ends become \\n";
  ed.undo();
  EXPECT_EQ(ed.text(), " beta");
}

TEST(TextEditor, FindWrapsRoundAndCanIgnoreCase) {
  TextEditor ed = with("Sleep sleep SLEEP", 0);
  ASSERT_TRUE(ed.find_next("sleep", true, /*match_case=*/true));
  EXPECT_EQ(ed.selection().begin(), 6u);
  ASSERT_TRUE(ed.find_next("sleep", true, true));
  EXPECT_EQ(ed.selection().begin(), 6u) << "the only exact match, found again round the end";
  ASSERT_TRUE(ed.find_next("sleep", true, false));
  EXPECT_EQ(ed.selection().begin(), 12u);
  ASSERT_TRUE(ed.find_next("sleep", true, false));
  EXPECT_EQ(ed.selection().begin(), 0u);
  ASSERT_TRUE(ed.find_next("sleep", false, false));
  EXPECT_EQ(ed.selection().begin(), 12u) << "backwards from the start wraps to the end";
  EXPECT_FALSE(ed.find_next("nap", true, false));
}

TEST(TextEditor, GoToLineLandsOnTheCode) {
  TextEditor ed = with("a\n    b\nc", 0);
  ed.go_to_line(1);
  EXPECT_EQ(ed.cursor(), 6u);
  ed.go_to_line(99);
  EXPECT_EQ(ed.line_of(ed.cursor()), 2u);
}

TEST(TextDiff, TheChangeIsWhatLiesBetweenTheCommonEnds) {
  const Change c = diff("await trio.sleep(1)", "await trio.sleep(15)");
  EXPECT_EQ(c.at, 18u);
  EXPECT_EQ(c.removed, "");
  EXPECT_EQ(c.inserted, "5");
  // Cut at code point boundaries: é (C3 A9) and è (C3 A8) share a byte.
  const Change u = diff("café", "cafè");
  EXPECT_EQ(u.removed, "é");
  EXPECT_EQ(u.inserted, "è");
  std::string t = "café";
  apply(t, u);
  EXPECT_EQ(t, "cafè");
  unapply(t, u);
  EXPECT_EQ(t, "café");
  EXPECT_TRUE(diff("same", "same").empty());
}

}  // namespace
}  // namespace trioscope::edit
