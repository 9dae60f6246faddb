#include "teach/teaching.hpp"

namespace trioscope::teach {

scenario::RunOverrides overrides_of(const document::Document& doc) {
  const document::RunChoice& c = doc.choice();
  scenario::RunOverrides o;
  o.strict_exception_groups = doc.strict();
  o.scheduling = doc.random() ? "random" : "fifo";
  o.seed = doc.seed();
  o.event_budget = c.event_budget;
  o.schedule = c.schedule;
  return o;
}

Teaching lint_document(const document::Document& doc) {
  Teaching t;
  t.generation = doc.generation();
  if (!doc.scenario()) return t;
  t.lints = lints(*doc.scenario(), doc.trace(), doc.strict());
  t.marks = margin_marks(t.lints);
  return t;
}

void add_questions(Teaching& t, const document::Document& doc, const AlternativeLimits& limits) {
  t.questions_ready = true;
  t.questions.clear();
  if (!doc.scenario() || !doc.trace() || !doc.playback()) return;
  const std::vector<Alternative> alts = alternatives(*doc.scenario(), overrides_of(doc), *doc.trace(), limits);
  const QuestionInput in{*doc.scenario(), *doc.trace(), *doc.playback(), &doc.blocks(), &alts, doc.strict()};
  t.questions = questions(in);
}

}  // namespace trioscope::teach
