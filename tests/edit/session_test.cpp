// The editing session with a real document: typing in either view reaches the lesson
// after a pause, invalid text keeps the last run, undo walks back across views and form
// edits, and a drag is one step.
#include <gtest/gtest.h>

#include <string>

#include "document/commands.hpp"
#include "edit/scenario_edit.hpp"
#include "edit/session.hpp"

namespace trioscope::edit {
namespace {

using scenario::SourceKind;
const std::string kLessons = std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/";

// A document and its session, driven as the app drives them between frames.
struct Fixture {
  document::Document doc;
  document::DocumentView view;
  EditSession session;
  double now = 0;

  explicit Fixture(const std::string& lesson) {
    EXPECT_TRUE(doc.open_file(kLessons + lesson));
    session.reset(doc);
  }
  // One frame: what is due goes to the document, and the views follow it.
  void frame(double dt = 0.05, bool at_once = false) {
    now += dt;
    if (auto c = session.due(now, at_once)) apply(*c);
    session.follow(doc);
  }
  void apply(const document::Command& c) {
    document::apply(doc, view, c);
    session.follow(doc);
  }
  TextEditor& py() { return session.editor(SourceKind::python); }
  TextEditor& json() { return session.editor(SourceKind::json); }
  // Types `text` at the first place `after` occurs in view `v`.
  void type_after(SourceKind v, const std::string& after, const std::string& text) {
    TextEditor& ed = session.editor(v);
    const std::size_t at = ed.text().find(after);
    ASSERT_NE(at, std::string::npos) << after;
    ed.set_cursor(at + after.size());
    for (char c : text) {
      ed.type(std::string(1, c));
      session.typed(v, now);
    }
  }
  void erase_before(SourceKind v, const std::string& after, int n) {
    TextEditor& ed = session.editor(v);
    const std::size_t at = ed.text().find(after);
    ASSERT_NE(at, std::string::npos) << after;
    ed.set_cursor(at + after.size());
    for (int i = 0; i < n; ++i) {
      ed.backspace();
      session.typed(v, now);
    }
  }
  double b_wakes() const {
    for (const auto& e : doc.trace()->events)
      if (e.kind == trio::EventKind::print && doc.trace()->text(e) == "Child B is awake!") return e.time;
    return -1;
  }
};

TEST(EditSession, TypingInThePythonViewRerunsAfterAPause) {
  Fixture f("01_first_nursery.json");
  EXPECT_EQ(f.session.file_view(), SourceKind::json);
  EXPECT_EQ(f.py().text(), f.doc.listing());
  EXPECT_DOUBLE_EQ(f.b_wakes(), 1.0);
  const auto generation = f.doc.generation();
  f.erase_before(SourceKind::python, "\"B\", 1", 1);
  f.type_after(SourceKind::python, "\"B\", ", "5");
  f.frame(0.1);
  EXPECT_EQ(f.doc.generation(), generation) << "not yet: still typing";
  EXPECT_TRUE(f.session.unsaved(f.doc));
  f.frame(EditSession::kQuietSeconds);
  EXPECT_GT(f.doc.generation(), generation);
  EXPECT_DOUBLE_EQ(f.b_wakes(), 5.0);
  EXPECT_NE(f.json().text().find("\"B\", 5"), std::string::npos) << "the JSON view follows";
  EXPECT_EQ(f.json().text(), f.doc.text());
  EXPECT_EQ(f.py().text(), f.doc.listing()) << "the Python stays as typed";
  EXPECT_TRUE(f.doc.modified());
}

TEST(EditSession, InvalidTextKeepsTheLastRunAndItsProblemsNameTheLine) {
  Fixture f("01_first_nursery.json");
  const auto events = f.doc.trace()->events.size();
  f.type_after(SourceKind::python, "async def child(name, sleep_time)", "(");
  f.frame(1.0);
  ASSERT_FALSE(f.doc.problems().empty());
  EXPECT_EQ(f.doc.problems().view, SourceKind::python);
  const auto& d = f.doc.problems().diagnostics.front();
  EXPECT_EQ(d.pos.line, 9u) << d.format();
  EXPECT_EQ(f.doc.trace()->events.size(), events) << "the last valid run stays";
  EXPECT_TRUE(f.session.other_view_dirty());
  EXPECT_NE(f.py().text().find("sleep_time)("), std::string::npos) << "the typing is kept";
  // Fixed: the lesson is valid again and the views agree.
  f.erase_before(SourceKind::python, "sleep_time)(", 1);
  f.frame(1.0);
  EXPECT_TRUE(f.doc.problems().empty());
  EXPECT_FALSE(f.session.other_view_dirty());
}

TEST(EditSession, UndoWalksBackAcrossViewsAndForms) {
  Fixture f("01_first_nursery.json");
  const std::string original = f.doc.text();
  // 1. JSON view: A sleeps 4.
  TextEditor& json = f.json();
  const std::size_t a = json.text().find("3", json.text().find("\"A\", 3"));
  json.select(a, a + 1);
  json.type("4");
  f.session.typed(SourceKind::json, f.now);
  f.frame(1.0);
  const std::string after_json = f.doc.text();
  ASSERT_NE(after_json, original);
  // 2. Python view: B sleeps 5.
  f.erase_before(SourceKind::python, "\"B\", 1", 1);
  f.type_after(SourceKind::python, "\"B\", ", "5");
  f.frame(1.0);
  EXPECT_DOUBLE_EQ(f.b_wakes(), 5.0);
  const std::string after_python = f.doc.text();
  // 3. A form: C sleeps 6.
  const auto c = statement_at_line(*f.doc.scenario(), 20);
  ASSERT_TRUE(c);
  const Edited e = set_argument(*f.doc.scenario(), *c, 1, std::int64_t{6});
  ASSERT_TRUE(e.ok()) << e.error;
  f.apply(f.session.direct_edit(file_text(*e.scenario, f.doc.kind())));
  EXPECT_NE(f.doc.text().find("\"C\", 6"), std::string::npos);
  EXPECT_EQ(f.doc.trace()->events.back().time, 6.0);

  // Undo from the Python view: the form's edit, then B, then A.
  ASSERT_TRUE(f.session.can_undo(SourceKind::python));
  f.apply(*f.session.undo(SourceKind::python));
  EXPECT_EQ(f.doc.text(), after_python);
  f.apply(*f.session.undo(SourceKind::python));
  EXPECT_EQ(f.doc.text(), after_json);
  EXPECT_DOUBLE_EQ(f.b_wakes(), 1.0);
  EXPECT_EQ(f.py().text(), f.doc.listing()) << "the Python view follows the undo";
  f.apply(*f.session.undo(SourceKind::json));
  EXPECT_EQ(f.doc.text(), original);
  EXPECT_FALSE(f.doc.modified());
  // Redo brings them back in order.
  f.apply(*f.session.redo(SourceKind::json));
  EXPECT_EQ(f.doc.text(), after_json);
  f.apply(*f.session.redo(SourceKind::python));
  EXPECT_EQ(f.doc.text(), after_python);
}

TEST(EditSession, UndoInTheOtherViewTakesBackWhatWasNotAcceptedFirst) {
  Fixture f("01_first_nursery.json");
  const std::string original = f.doc.text();
  f.type_after(SourceKind::python, "print(\"Parent is starting a nursery.\"", ")");  // invalid
  f.frame(1.0);
  ASSERT_FALSE(f.doc.problems().empty());
  ASSERT_TRUE(f.session.can_undo(SourceKind::python));
  f.apply(*f.session.undo(SourceKind::python));
  EXPECT_TRUE(f.doc.problems().empty());
  EXPECT_EQ(f.py().text(), f.doc.listing());
  EXPECT_EQ(f.doc.text(), original);
  EXPECT_FALSE(f.session.unsaved(f.doc));
}

TEST(EditSession, ADragIsOneUndoStep) {
  Fixture f("01_first_nursery.json");
  const std::string original = f.doc.text();
  const auto b = statement_at_line(*f.doc.scenario(), 19);
  ASSERT_TRUE(b);
  f.session.begin_group();
  for (double s : {1.5, 2.0, 3.0, 4.5, 5.0}) {
    const Edited e = set_duration(*f.doc.scenario(), DurationSite{*b, 1, 1}, s);
    ASSERT_TRUE(e.ok());
    f.apply(f.session.direct_edit(file_text(*e.scenario, f.doc.kind())));
    EXPECT_DOUBLE_EQ(f.b_wakes(), s) << "the run follows the drag";
  }
  f.session.end_group();
  f.apply(*f.session.undo(SourceKind::python));
  EXPECT_EQ(f.doc.text(), original);
  EXPECT_FALSE(f.session.can_undo(SourceKind::json));
}

TEST(EditSession, APythonLessonsJsonViewIsListedBackAsPython) {
  Fixture f("01_first_nursery.json");
  // Make it a Python lesson first: the session follows the document's kind.
  document::Document py;
  ASSERT_TRUE(py.open_text(f.doc.listing(), "lesson.py"));
  EditSession s;
  s.reset(py);
  EXPECT_EQ(s.file_view(), SourceKind::python);
  TextEditor& json = s.editor(SourceKind::json);
  const std::size_t at = json.text().find("1", json.text().find("\"B\""));
  json.select(at, at + 1);
  json.type("2");
  s.typed(SourceKind::json, 0);
  document::DocumentView v;
  document::apply(py, v, *s.due(1.0));
  s.follow(py);
  EXPECT_NE(py.text().find("nursery.start_soon(child, \"B\", 2)"), std::string::npos) << py.text();
  EXPECT_EQ(s.editor(SourceKind::python).text(), py.text());
  EXPECT_TRUE(s.editor(SourceKind::python).can_undo()) << "a step of the Python file's history";
}

}  // namespace
}  // namespace trioscope::edit
