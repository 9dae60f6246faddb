// A lesson's own questions: the optional "questions" list of the JSON form and the
// `# trioscope: question` comments of the Python form, read, checked (every problem at its
// line and column), written back the same, and asked in Predict before the step they name.
#include <gtest/gtest.h>

#include "document/document.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"
#include "teach/teaching.hpp"

namespace trioscope::teach {
namespace {

const char* kLesson = R"({
  "version": 1,
  "title": "A child trips",
  "functions": {
    "child": { "body": [ { "sleep": 3 }, { "print": "awake" } ] },
    "trips": { "body": [ { "sleep": 1 }, { "raise": "ValueError", "message": "Oops" } ] },
    "main": { "body": [
      { "open_nursery": "nursery", "body": [ { "start_soon": "child" }, { "start_soon": "trips" } ] }
    ]}
  },
  "main": "main",
  "questions": [
    { "at": "raised", "prompt": "What happens to child() when trips() raises?", "choices": [
      { "text": "It is killed at once.", "why": "Trio never kills a task." },
      { "text": "It gets Cancelled in its trio.sleep.", "correct": true },
      { "text": "It sleeps until t = 3." }
    ]}
  ]
}
)";

TEST(AuthoredQuestions, JsonIsReadAndWrittenBack) {
  const scenario::LoadResult r = scenario::load_scenario_text(kLesson, "lesson.json");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
  ASSERT_EQ(r.scenario->questions.size(), 1u);
  const scenario::AuthoredQuestion& q = r.scenario->questions[0];
  EXPECT_EQ(q.at, "raised");
  EXPECT_EQ(q.answer, 1u);
  ASSERT_EQ(q.choices.size(), 3u);
  EXPECT_EQ(q.choices[0].why, "Trio never kills a task.");
  EXPECT_EQ(q.pos.line, 13u);
  // The saved form reads back to the same questions, and is stable.
  const std::string saved = scenario::to_json_text(*r.scenario);
  const scenario::LoadResult again = scenario::load_scenario_text(saved, "saved.json");
  ASSERT_TRUE(again.ok()) << saved;
  EXPECT_EQ(scenario::to_json_text(*again.scenario), saved);
  EXPECT_EQ(again.scenario->questions[0].choices[1].text, "It gets Cancelled in its trio.sleep.");
  EXPECT_EQ(again.scenario->questions[0].answer, 1u);
}

TEST(AuthoredQuestions, ThePythonFormRoundTrips) {
  scenario::LoadResult r = scenario::load_scenario_text(kLesson, "lesson.json");
  ASSERT_TRUE(r.ok());
  scenario::PythonOptions o;
  o.questions = true;
  const std::string py = scenario::to_python(*r.scenario, o).text;
  EXPECT_NE(py.find("# trioscope: question at=raised What happens to child() when trips() raises?"), std::string::npos) << py;
  EXPECT_NE(py.find("# trioscope: answer It gets Cancelled in its trio.sleep."), std::string::npos);
  EXPECT_NE(py.find("# trioscope: why Trio never kills a task."), std::string::npos);
  // The listing the app shows keeps the answers to itself.
  EXPECT_EQ(scenario::to_python(*r.scenario, {}).text.find("trioscope: answer"), std::string::npos);
  const scenario::LoadResult back = scenario::load_scenario_text(py, "lesson.py");
  ASSERT_TRUE(back.ok()) << (back.errors.empty() ? "" : back.errors[0].format());
  ASSERT_EQ(back.scenario->questions.size(), 1u);
  EXPECT_EQ(back.scenario->questions[0].prompt, r.scenario->questions[0].prompt);
  EXPECT_EQ(back.scenario->questions[0].answer, 1u);
  EXPECT_EQ(back.scenario->questions[0].choices[0].why, "Trio never kills a task.");
  EXPECT_EQ(scenario::to_json_text(*back.scenario).substr(scenario::to_json_text(*back.scenario).find("\"questions\"")),
            scenario::to_json_text(*r.scenario).substr(scenario::to_json_text(*r.scenario).find("\"questions\"")));
}

TEST(AuthoredQuestions, ProblemsAreReportedWhereTheyAre) {
  const char* bad = R"({
  "version": 1,
  "functions": { "main": { "body": [ { "sleep": 1 } ] } },
  "main": "main",
  "questions": [
    { "at": "rasied", "prompt": "p", "choices": [ { "text": "a", "correct": true }, { "text": "b" } ] },
    { "at": "raised", "prompt": "", "choices": [ { "text": "a" }, { "text": "b" } ] },
    { "at": "last", "prompt": "p", "choices": [ { "text": "a", "correct": true } ] },
    { "at": "last", "prompt": "p", "choices": [ { "text": "a", "correct": true }, { "txt": "b" } ] }
  ]
}
)";
  const scenario::LoadResult r = scenario::load_scenario_text(bad, "bad.json");
  ASSERT_FALSE(r.ok());
  std::string all;
  for (const auto& d : r.errors) all += d.format() + "\n";
  EXPECT_NE(all.find("bad.json:6:13: error: expected a step"), std::string::npos) << all;
  EXPECT_NE(all.find("did you mean \"raised\""), std::string::npos) << all;
  EXPECT_NE(all.find("bad.json:7:33: error: the prompt is empty"), std::string::npos) << all;
  EXPECT_NE(all.find("no choice is marked \"correct\": true"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.json:8:") , std::string::npos) << all;
  EXPECT_NE(all.find("2 to 4 choices"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown field \"txt\" in a choice"), std::string::npos) << all;

  const char* py = "import trio\n\n\nasync def main():\n    await trio.sleep(1)\n\n\ntrio.run(main)\n"
                   "# trioscope: answer too early\n"
                   "# trioscope: question at=raised What now?\n"
                   "# trioscope: wrong a\n";
  const scenario::LoadResult p = scenario::load_scenario_text(py, "bad.py");
  ASSERT_FALSE(p.ok());
  std::string msgs;
  for (const auto& d : p.errors) msgs += d.format() + "\n";
  EXPECT_NE(msgs.find("bad.py:9:1: error: `# trioscope: answer` belongs to a question"), std::string::npos) << msgs;
  EXPECT_NE(msgs.find("bad.py:10:1: error: a question has 2 to 4 choices"), std::string::npos) << msgs;
  EXPECT_NE(msgs.find("bad.py:10:1: error: this question has no `# trioscope: answer` line"), std::string::npos) << msgs;
}

TEST(AuthoredQuestions, PredictAsksThemBeforeTheirStep) {
  document::Document doc;
  ASSERT_TRUE(doc.open_text(kLesson, "lesson.json"));
  Teaching t = lint_document(doc);
  add_questions(t, doc);
  std::int32_t raised = -1;
  for (std::size_t i = 0; i < doc.trace()->events.size(); ++i)
    if (doc.trace()->events[i].kind == trio::EventKind::raised && raised < 0) raised = static_cast<std::int32_t>(i);
  const Question* q = question_at(t.questions, raised - 1);
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(q->authored);
  EXPECT_EQ(q->prompt, "What happens to child() when trips() raises?");
  EXPECT_EQ(q->answer, 1u);
  EXPECT_EQ(q->choices[0].why, "Trio never kills a task.");
  EXPECT_FALSE(q->caption.empty());
  // The generated questions at other stops are still asked.
  EXPECT_GT(t.questions.size(), 1u);
}

}  // namespace
}  // namespace trioscope::teach
