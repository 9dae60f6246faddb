// Predict's questions on every bundled lesson, held against real Trio: the right answer is
// what Trio's run does (tests/golden/expected), every wrong choice is something that run
// does not do, and a wrong choice said to happen under another schedule or with
// strict_exception_groups flipped does happen there in real Trio (the golden random
// schedules; tests/teach/expected/*.strict_flipped.txt).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "document/document.hpp"
#include "teach/misconceptions.hpp"
#include "teach/teaching.hpp"
#include "trio_reference.hpp"
#include "view/key_steps.hpp"

namespace trioscope::teach {
namespace {

using testing::check;
using testing::Verdict;

struct Lesson {
  document::Document doc;
  Teaching teaching;
  std::vector<testing::Transcript> trio, flipped;
  const testing::Transcript* trio_run = nullptr;

  explicit Lesson(const std::string& name) {
    EXPECT_TRUE(doc.open_file(testing::lesson_path(name)));
    teaching = lint_document(doc);
    add_questions(teaching, doc);
    trio = testing::read_outcomes(testing::golden_path(name));
    flipped = testing::read_outcomes(testing::flipped_path(name));
    trio_run = testing::matching(trio, *doc.trace());
  }
};

const std::map<std::string, Lesson*>& lessons() {
  static std::map<std::string, Lesson*> all = [] {
    std::map<std::string, Lesson*> m;
    for (const std::string& n : testing::lesson_names()) m[n] = new Lesson(n);
    return m;
  }();
  return all;
}

TEST(Questions, ReferencesFromRealTrioArePresent) {
  for (const auto& [name, l] : lessons()) {
    ASSERT_FALSE(l->trio.empty()) << name << ": no golden transcript (tests/golden/regenerate.sh)";
    ASSERT_FALSE(l->flipped.empty()) << name << ": no flipped transcript (tests/teach/regenerate.sh)";
    ASSERT_NE(l->trio_run, nullptr) << name << ": the engine's run is none of real Trio's outcomes";
  }
}

TEST(Questions, EveryQuestionIsWellFormed) {
  for (const auto& [name, l] : lessons()) {
    const auto keys = view::key_steps(*l->doc.trace());
    std::set<std::int32_t> stops;
    for (const Question& q : l->teaching.questions) {
      SCOPED_TRACE(name + ": " + q.prompt);
      ASSERT_GE(q.choices.size(), 2u);
      ASSERT_LE(q.choices.size(), 4u);
      int right = 0;
      std::set<std::string> texts;
      for (const Choice& c : q.choices) {
        right += c.correct;
        EXPECT_TRUE(texts.insert(c.text).second) << "two choices say " << c.text;
        if (!c.correct) {
          EXPECT_FALSE(c.why.empty()) << "a wrong choice without its why: " << c.text;
        }
      }
      EXPECT_EQ(right, 1);
      EXPECT_TRUE(q.choices[q.answer].correct);
      // Asked before its key moment, one of the key steps the exports use, once per stop.
      EXPECT_LT(q.stop, q.key);
      EXPECT_TRUE(std::any_of(keys.begin(), keys.end(), [&](const view::KeyStep& k) { return k.step == q.key; }));
      EXPECT_TRUE(stops.insert(q.stop).second);
      EXPECT_FALSE(q.caption.empty());
    }
  }
}

// The right answer is what real Trio's run does; no wrong choice is.
TEST(Questions, TheRightAnswerIsWhatTrioDoesAndNoWrongOneIs) {
  int checked_right = 0, right = 0, checked_wrong = 0;
  for (const auto& [name, l] : lessons()) {
    ASSERT_NE(l->trio_run, nullptr);
    for (const Question& q : l->teaching.questions) {
      for (const Choice& c : q.choices) {
        SCOPED_TRACE(name + ": " + q.prompt + " / " + c.text + " / claim: " + c.claim);
        const Verdict v = check(c.claim, *l->trio_run);
        if (c.correct) {
          ++right;
          if (v == Verdict::not_checkable) continue;
          ++checked_right;
          EXPECT_EQ(v, Verdict::holds);
        } else if (v != Verdict::not_checkable) {
          ++checked_wrong;
          EXPECT_EQ(v, Verdict::fails);
        }
      }
    }
  }
  // Most answers state a transcript fact; the test must not pass by checking nothing.
  EXPECT_GE(checked_right * 10, right * 8) << checked_right << " of " << right << " right answers checked";
  EXPECT_GE(checked_wrong, 60);
}

// "That is what happens under another schedule / with strict_exception_groups=False" is true
// of real Trio.
TEST(Questions, AlternativesAreRealOutcomes) {
  int schedules = 0, flips = 0;
  for (const auto& [name, l] : lessons()) {
    for (const Question& q : l->teaching.questions)
      for (const Choice& c : q.choices) {
        if (c.correct || check(c.claim, l->trio.front()) == Verdict::not_checkable) continue;
        SCOPED_TRACE(name + ": " + q.prompt + " / " + c.text + " / claim: " + c.claim);
        if (c.from == "another schedule") {
          ++schedules;
          EXPECT_TRUE(testing::holds_in_some(c.claim, l->trio));
        }
        if (c.from.rfind("strict_exception_groups=", 0) == 0 ||
            c.why.find("That is what happens with strict_exception_groups") != std::string::npos) {
          ++flips;
          EXPECT_TRUE(testing::holds_in_some(c.claim, l->flipped));
        }
      }
  }
  EXPECT_GE(schedules, 3);  // lessons 05, 06 and 16 reach other outcomes
  EXPECT_GE(flips, 3);  // lessons 02 and 03: the group and how trio.run ends
}

// Each stated misconception is offered where its lesson shows it wrong.
TEST(Questions, EveryMisconceptionIsAskedInItsLesson) {
  for (const MisconceptionInfo& m : all_misconceptions()) {
    SCOPED_TRACE(m.belief);
    const Lesson* l = lessons().at(m.lesson);
    bool found = false;
    for (const Question& q : l->teaching.questions)
      for (const Choice& c : q.choices) found = found || (!c.correct && c.why.rfind(m.truth, 0) == 0);
    EXPECT_TRUE(found) << m.lesson << " offers no choice with this misconception";
  }
}

// The article's lessons, question by question, where the class learns the most.
TEST(Questions, LessonThreeAsksAboutTheGroup) {
  const Lesson* l = lessons().at("03_child_trips_strict_groups");
  std::map<std::string, const Question*> by_kind;
  for (const Question& q : l->teaching.questions) by_kind[q.kind] = &q;
  ASSERT_TRUE(by_kind.count("nursery end"));
  ASSERT_TRUE(by_kind.count("sibling"));
  ASSERT_TRUE(by_kind.count("group"));
  ASSERT_TRUE(by_kind.count("where"));
  // What leaves the nursery: real Trio's parent ends with the group; the flipped run's
  // bare ValueError is offered as what strict_exception_groups=False does.
  const Question& g = *by_kind["group"];
  const Choice& right = g.choices[g.answer];
  EXPECT_EQ(check(right.claim, *l->trio_run), Verdict::holds);
  EXPECT_NE(right.text.find("ExceptionGroup"), std::string::npos);
  bool bare = false;
  for (const Choice& c : g.choices) bare = bare || (!c.correct && c.text == "ValueError('Oops, I tripped!')");
  EXPECT_TRUE(bare);
  // Where it goes: `except ValueError` is the misconception, trio.run the answer.
  const Question& w = *by_kind["where"];
  EXPECT_NE(w.choices[w.answer].text.find("escapes trio.run"), std::string::npos);
}

TEST(Questions, LessonFiveAsksWhenTheFrozenChildRaises) {
  const Lesson* l = lessons().at("05_blocking_call_freezes_everyone");
  const Question* when = nullptr;
  for (const Question& q : l->teaching.questions)
    if (q.kind == "when raise") when = &q;
  ASSERT_NE(when, nullptr);
  // Asked before the clock moves past the freeze, so t on screen does not tell.
  EXPECT_LT(l->doc.trace()->events[when->stop].time, l->doc.trace()->events[when->key].time);
  // Real Trio raises at 10 (the freeze); the plan was 1; another schedule raises at 11.
  EXPECT_EQ(check(when->choices[when->answer].claim, *l->trio_run), Verdict::holds);
  std::set<std::string> from;
  for (const Choice& c : when->choices) from.insert(c.from);
  EXPECT_TRUE(from.count("a misconception"));
  EXPECT_TRUE(from.count("another schedule"));
}

// Lesson 08: nobody else is there to be cancelled, so the question is when the timeout cuts
// the five-second download short: real Trio prints "huge.iso timed out? True" at t = 3.
TEST(Questions, LessonEightAsksWhenTheTimeoutCutsTheSleepShort) {
  const Lesson* l = lessons().at("08_move_on_after");
  const Question* q = nullptr;
  for (const Question& x : l->teaching.questions)
    if (x.kind == "cut short") q = &x;
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->prompt.find("huge.iso timed out? True"), std::string::npos) << q->prompt;
  EXPECT_LT(l->doc.trace()->events[q->stop].time, l->doc.trace()->events[q->key].time);
  ASSERT_NE(l->trio_run, nullptr);
  bool timed_out_at_3 = false;
  for (const testing::Line& x : *l->trio_run)
    timed_out_at_3 = timed_out_at_3 || (x.kind == "print" && x.detail == "huge.iso timed out? True" && x.time == 3.0);
  EXPECT_TRUE(timed_out_at_3);
  const Choice& right = q->choices[q->answer];
  EXPECT_EQ(right.text, "At t = 3.0");
  EXPECT_EQ(check(right.claim, *l->trio_run), Verdict::holds);
  bool belief = false;
  for (const Choice& c : q->choices)
    if (!c.correct) {
      EXPECT_EQ(check(c.claim, *l->trio_run), Verdict::fails) << c.text;
      belief = belief || c.why == misconception(Misconception::cancel_waits_for_sleep).truth;
    }
  EXPECT_TRUE(belief);
}

// A nursery cancelled from outside (lesson 14's deadline) is not explained by a child's
// error; one whose child failed (lesson 03) is.
TEST(Questions, TheNurseryEndBlamesTheRightCancellation) {
  auto whys = [](const char* lesson) {
    std::set<std::string> out;
    for (const Question& q : lessons().at(lesson)->teaching.questions)
      if (q.kind == "nursery end")
        for (const Choice& c : q.choices) out.insert(c.why);
    return out;
  };
  const std::string error = misconception(Misconception::error_waits_for_siblings).truth;
  const std::string sleep = misconception(Misconception::cancel_waits_for_sleep).truth;
  EXPECT_FALSE(whys("14_swallowed_cancelled").count(error));
  EXPECT_TRUE(whys("14_swallowed_cancelled").count(sleep));
  EXPECT_TRUE(whys("03_child_trips_strict_groups").count(error));
  EXPECT_FALSE(whys("03_child_trips_strict_groups").count(sleep));
}

TEST(Questions, QuestionsFollowTheRunSettings) {
  // Flipping strict_exception_groups in the app reruns the lesson: the questions follow.
  document::Document doc;
  ASSERT_TRUE(doc.open_file(testing::lesson_path("03_child_trips_strict_groups")));
  document::RunChoice c;
  c.strict_exception_groups = false;
  doc.set_choice(c);
  Teaching t = lint_document(doc);
  add_questions(t, doc);
  const auto flipped = testing::read_outcomes(testing::flipped_path("03_child_trips_strict_groups"));
  const testing::Transcript* run = testing::matching(flipped, *doc.trace());
  ASSERT_NE(run, nullptr);
  int checked = 0;
  for (const Question& q : t.questions) {
    const Choice& r = q.choices[q.answer];
    if (check(r.claim, *run) == Verdict::not_checkable) continue;
    ++checked;
    EXPECT_EQ(check(r.claim, *run), Verdict::holds) << q.prompt << " / " << r.text;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace trioscope::teach
