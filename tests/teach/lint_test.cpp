// Lints: each on a small scenario that has the problem and one that does not, at the right
// FILE:LINE:COLUMN (JSON positions for JSON, lines of the .py text for Python); what each
// lint says the run showed, held against real Trio's transcript of the same scenario
// (tests/teach/expected, from the shared oracle); and no false alarms on the bundled lessons.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "document/document.hpp"
#include "teach/teaching.hpp"
#include "trio_reference.hpp"
#include "view/task_state.hpp"

namespace trioscope::teach {
namespace {

std::string data(const std::string& name) { return testing::kSource + "/tests/teach/data/" + name; }

struct Linted {
  document::Document doc;
  std::vector<Lint> lints;
  testing::Transcript trio;
  std::string text;
  explicit Linted(const std::string& file) {
    EXPECT_TRUE(doc.open_file(data(file))) << file;
    lints = lint_document(doc).lints;
    std::ifstream in(data(file));
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    const std::string stem = file.substr(0, file.rfind('.'));
    const auto outcomes = testing::read_outcomes(testing::kSource + "/tests/teach/expected/" + stem + ".txt");
    if (!outcomes.empty()) trio = outcomes.front();
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Lint& l : lints) out.push_back(l.code);
    return out;
  }
  const Lint& the(const std::string& code) const {
    for (const Lint& l : lints)
      if (l.code == code) return l;
    ADD_FAILURE() << "no " << code;
    return lints.front();
  }
  // The 1-based line of the file holding `marker` (its first occurrence), and its column.
  std::pair<std::uint32_t, std::uint32_t> where(const std::string& marker) const {
    const std::size_t at = text.find(marker);
    EXPECT_NE(at, std::string::npos) << marker;
    const std::uint32_t line = 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const std::size_t bol = text.rfind('\n', at);
    return {line, static_cast<std::uint32_t>(at - (bol == std::string::npos ? 0 : bol + 1) + 1)};
  }
  double trio_time(const std::string& task, const std::string& kind, const std::string& detail = "") const {
    for (const testing::Line& l : trio)
      if (l.task == task && l.kind == kind && (detail.empty() || l.detail == detail)) return l.time;
    ADD_FAILURE() << "real Trio printed no " << kind << " line of " << task;
    return -1;
  }
  bool trio_printed(const std::string& text) const {
    for (const testing::Line& l : trio)
      if (l.kind == "print" && l.detail == text) return true;
    return false;
  }
};

using Codes = std::vector<std::string>;

TEST(Lints, Async100ATimeoutWithNothingToCancel) {
  Linted pos("async100_no_checkpoint.json");
  EXPECT_EQ(pos.codes(), Codes{"ASYNC100"});
  const Lint& l = pos.the("ASYNC100");
  // At the move_on_after statement: the object that holds it in the JSON file.
  EXPECT_EQ(l.pos.line, pos.where("{ \"move_on_after\"").first);
  EXPECT_EQ(l.pos.column, pos.where("{ \"move_on_after\"").second);
  EXPECT_EQ(l.pos.pointer, "/functions/main/body/0");
  EXPECT_EQ(Linted("async100_checkpoint.json").codes(), Codes{});
}

TEST(Lints, Async102AnAwaitInFinally) {
  Linted pos("async102_finally_await.json");
  EXPECT_EQ(pos.codes(), Codes{"ASYNC102"});
  const Lint& l = pos.the("ASYNC102");
  EXPECT_EQ(l.pos.line, pos.where("{ \"sleep\": 1 }").first);
  ASSERT_TRUE(l.proof);
  EXPECT_NE(l.proof->text.find("the cleanup after it never ran"), std::string::npos);
  // Real Trio: the save starts and never finishes.
  EXPECT_TRUE(pos.trio_printed("saving..."));
  EXPECT_FALSE(pos.trio_printed("saved"));
  EXPECT_DOUBLE_EQ(pos.trio_time("main", "print", "saving..."), 1.0);  // `worker` is awaited by main
  EXPECT_NE(l.proof->text.find("at t = 1.0"), std::string::npos) << l.proof->text;
  EXPECT_GE(l.proof->step, 0);
  // Shielded, the save finishes in real Trio, and nothing is reported.
  Linted neg("async102_shielded.json");
  EXPECT_EQ(neg.codes(), Codes{});
  EXPECT_TRUE(neg.trio_printed("saved"));
}

TEST(Lints, Async103CancelledSwallowed) {
  Linted pos("async103_swallow.json");
  EXPECT_EQ(pos.codes(), Codes{"ASYNC103"});
  const Lint& l = pos.the("ASYNC103");
  EXPECT_EQ(l.pos.line, pos.where("{ \"type\": \"Cancelled\"").first);
  ASSERT_TRUE(l.proof);
  // The handler swallowed it at the deadline and the task went on to its end: real Trio
  // printed both lines and the task returned.
  EXPECT_TRUE(pos.trio_printed("ignoring the cancellation"));
  EXPECT_TRUE(pos.trio_printed("carrying on"));
  const double end = pos.trio_time("stubborn()", "return");
  EXPECT_NE(l.proof->text.find("went on until t = " + view::format_seconds(end)), std::string::npos) << l.proof->text;
  EXPECT_EQ(Linted("async103_reraise.json").codes(), Codes{});
}

TEST(Lints, Async104ABareExcept) {
  Linted pos("async104_bare_except.json");
  EXPECT_EQ(pos.codes(), Codes{"ASYNC104"});
  const Lint& l = pos.the("ASYNC104");
  ASSERT_TRUE(l.proof);
  // Real Trio: the next checkpoint raises it again at once, and "still here" is never printed.
  EXPECT_FALSE(pos.trio_printed("still here"));
  EXPECT_DOUBLE_EQ(pos.trio_time("main", "caught", "Cancelled"), 1.0);
  EXPECT_NE(l.proof->text.find("raised it again at t = 1.0"), std::string::npos) << l.proof->text;
  EXPECT_EQ(Linted("async104_except_exception.json").codes(), Codes{});
}

TEST(Lints, Async251TimeSleep) {
  Linted pos("async251_time_sleep.json");
  EXPECT_EQ(pos.codes(), Codes{"ASYNC251"});
  const Lint& l = pos.the("ASYNC251");
  EXPECT_EQ(l.pos.line, pos.where("{ \"block\": 3 }").first);
  ASSERT_TRUE(l.proof);
  // Real Trio: the sleeper, due at 1, wakes when the 3 s of time.sleep are over.
  const double woke = pos.trio_time("sleeper()", "print", "sleeper awake");
  EXPECT_DOUBLE_EQ(woke, 3.0);
  EXPECT_NE(l.proof->text.find("sleeper() was due to wake at t = 1.0 and woke only at t = 3.0"), std::string::npos)
      << l.proof->text;
  EXPECT_NE(l.proof->text.find("froze the whole program for 3.0 s"), std::string::npos);
  // Work in chunks with a checkpoint in every turn is the fix, not a problem.
  EXPECT_EQ(Linted("async251_chunks.json").codes(), Codes{});
}

TEST(Lints, Ts001ExceptAroundANursery) {
  Linted pos("ts001_except_around_nursery.json");
  EXPECT_EQ(pos.codes(), Codes{"TS001"});
  const Lint& l = pos.the("TS001");
  EXPECT_EQ(l.pos.line, pos.where("{ \"type\": \"ValueError\"").first);
  EXPECT_NE(l.message.find("never matches"), std::string::npos);
  ASSERT_TRUE(l.proof);
  // Real Trio: the handler never runs and the group escapes trio.run.
  EXPECT_FALSE(pos.trio_printed("caught it"));
  EXPECT_EQ(pos.trio.back().detail, "ExceptionGroup[ValueError('boom')]");
  // except*, and an except for an error the body raises itself: nothing to say.
  EXPECT_EQ(Linted("ts001_except_star.json").codes(), Codes{});
}

TEST(Lints, Ts002ALoopThatNeverCheckpoints) {
  Linted pos("ts002_loop_without_checkpoint.json");
  EXPECT_EQ(pos.codes(), (Codes{"TS002", "ASYNC251"}));
  const Lint& l = pos.the("TS002");
  EXPECT_EQ(l.pos.line, pos.where("{ \"repeat\"").first);
  ASSERT_TRUE(l.proof);
  // Real Trio prints the three rounds at 0.5, 1.0 and 1.5: one step of 1.5 s.
  EXPECT_DOUBLE_EQ(pos.trio_time("busy()", "print", "round 2"), 1.5);
  EXPECT_NE(l.proof->text.find("lasted 1.5 s"), std::string::npos) << l.proof->text;
}

TEST(Lints, Ts101ACancellationThatWaitsForAChunk) {
  Linted pos("ts101_late_cancel.json");
  EXPECT_EQ(pos.codes(), Codes{"TS101"});
  const Lint& l = pos.the("TS101");
  EXPECT_EQ(l.pos.line, pos.where("{ \"block\": 3 }").first);
  ASSERT_TRUE(l.proof);
  // Real Trio: requested at 1 (the print just before cancel()), delivered at 4.
  const double asked = pos.trio_time("worker(<nursery>)", "print");
  const double reached = pos.trio_time("worker(<nursery>)", "error", "Cancelled");
  EXPECT_DOUBLE_EQ(asked, 1.0);
  EXPECT_DOUBLE_EQ(reached, 4.0);
  EXPECT_NE(l.proof->text.find("requested at t = 1.0 reached worker(<nursery>) only at t = 4.0"), std::string::npos)
      << l.proof->text;
  Linted neg("ts101_checkpoint_first.json");
  EXPECT_EQ(neg.codes(), Codes{});
  EXPECT_DOUBLE_EQ(neg.trio_time("worker(<nursery>)", "error", "Cancelled"), 1.0);
}

// A Trio program's lints are at lines and columns of its own text, which is also what the
// code panel shows.
TEST(Lints, PythonPositionsAreLinesOfThePythonText) {
  Linted py("py_lints.py");
  EXPECT_EQ(py.codes(), (Codes{"ASYNC251", "ASYNC103"}));
  const auto sleep = py.where("time.sleep(2)");
  EXPECT_EQ(py.the("ASYNC251").pos.line, sleep.first);
  EXPECT_EQ(py.the("ASYNC251").pos.column, sleep.second);
  EXPECT_EQ(py.the("ASYNC251").py_line, sleep.first);
  const auto handler = py.where("except trio.Cancelled:");
  EXPECT_EQ(py.the("ASYNC103").pos.line, handler.first);
  EXPECT_EQ(py.the("ASYNC103").pos.column, handler.second);
  EXPECT_EQ(py.the("ASYNC103").py_line, handler.first);
  for (const Lint& l : py.lints) {
    EXPECT_TRUE(l.pos.pointer.empty());
    const std::string f = l.format("lesson.py");
    EXPECT_EQ(f.rfind("lesson.py:" + std::to_string(l.pos.line) + ":" + std::to_string(l.pos.column) + ": warning: " + l.code + " ", 0), 0u) << f;
  }
}

// For a JSON lesson the margin mark goes on the listing's line of the statement.
TEST(Lints, MarginMarksAndCaptionNotes) {
  document::Document doc;
  ASSERT_TRUE(doc.open_file(testing::lesson_path("05_blocking_call_freezes_everyone")));
  const Teaching t = lint_document(doc);
  ASSERT_EQ(t.lints.size(), 1u);
  const Lint& l = t.lints[0];
  ASSERT_EQ(t.marks.count(l.py_line), 1u);
  // The listing's line is the one the code panel shows: time.sleep(10).
  std::istringstream listing(doc.listing());
  std::string line;
  for (std::uint32_t i = 0; i < l.py_line; ++i) std::getline(listing, line);
  EXPECT_NE(line.find("time.sleep(10)"), std::string::npos) << line;
  // The caption names it where it bites (the freeze's end), and nowhere else.
  ASSERT_TRUE(l.proof);
  EXPECT_EQ(doc.trace()->events[l.proof->step].kind, trio::EventKind::blocking_ended);
  EXPECT_NE(caption_note(t.lints, l.proof->step).find("ASYNC251"), std::string::npos);
  EXPECT_EQ(caption_note(t.lints, l.proof->step - 1), "");
}

// No false alarms: each lesson that shows a pitfall gets exactly its lint, the others none.
// (Lesson 10's careless worker is the ASYNC102 pitfall the lesson is about.)
TEST(Lints, EachLessonGetsExactlyItsLint) {
  const std::map<std::string, Codes> expected = {
      {"02_child_trips_loose_groups", {"TS001"}},       {"03_child_trips_strict_groups", {"TS001"}},
      {"05_blocking_call_freezes_everyone", {"ASYNC251"}}, {"10_shielded_cleanup", {"ASYNC102"}},
      {"14_swallowed_cancelled", {"ASYNC103"}},
  };
  for (const std::string& name : testing::lesson_names()) {
    document::Document doc;
    ASSERT_TRUE(doc.open_file(testing::lesson_path(name)));
    const Teaching t = lint_document(doc);
    Codes got;
    for (const Lint& l : t.lints) {
      got.push_back(l.code);
      EXPECT_TRUE(l.proof) << name << ": " << l.code << " has no evidence from the run";
    }
    auto it = expected.find(name);
    EXPECT_EQ(got, it == expected.end() ? Codes{} : it->second) << name;
  }
}

TEST(Lints, TheLessonsLintsSayWhatRealTrioDid) {
  // 02 (loose): the handler catches the bare error, as in real Trio.
  {
    document::Document doc;
    ASSERT_TRUE(doc.open_file(testing::lesson_path("02_child_trips_loose_groups")));
    const Lint l = lint_document(doc).lints.at(0);
    const auto trio = testing::read_outcomes(testing::golden_path("02_child_trips_loose_groups")).front();
    bool caught_bare = false;
    for (const testing::Line& x : trio) caught_bare = caught_bare || (x.kind == "caught" && x.detail == "ValueError('Oops, I tripped!')");
    EXPECT_TRUE(caught_bare);
    EXPECT_NE(l.proof->text.find("caught ValueError('Oops, I tripped!') bare"), std::string::npos) << l.proof->text;
    EXPECT_NE(l.message.find("deprecated"), std::string::npos);
  }
  // 14: the next checkpoint raises Cancelled again at once: real Trio's task ends with it at 1.
  {
    document::Document doc;
    ASSERT_TRUE(doc.open_file(testing::lesson_path("14_swallowed_cancelled")));
    const Lint l = lint_document(doc).lints.at(0);
    const auto trio = testing::read_outcomes(testing::golden_path("14_swallowed_cancelled")).front();
    double end = -1;
    bool never = true;
    for (const testing::Line& x : trio) {
      if (x.task == "stubborn_task()" && x.kind == "error" && x.detail == "Cancelled") end = x.time;
      if (x.detail == "Stubborn task: this line is never printed.") never = false;
    }
    EXPECT_DOUBLE_EQ(end, 1.0);
    EXPECT_TRUE(never);
    EXPECT_NE(l.proof->text.find("`await trio.sleep(5)`, raised it again at t = 1.0"), std::string::npos) << l.proof->text;
  }
}

TEST(Lints, TheSettingChangesTheTs001Message) {
  document::Document doc;
  ASSERT_TRUE(doc.open_file(testing::lesson_path("02_child_trips_loose_groups")));
  EXPECT_NE(lint_document(doc).lints.at(0).message.find("only because strict_exception_groups=False"), std::string::npos);
  document::RunChoice c;
  c.strict_exception_groups = true;
  doc.set_choice(c);
  EXPECT_NE(lint_document(doc).lints.at(0).message.find("never matches"), std::string::npos);
}

}  // namespace
}  // namespace trioscope::teach
