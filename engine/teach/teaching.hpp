// What the teaching mode derives from one run of an open lesson, for the app: the lints
// (with their margin marks and the steps where they bite) and, once Predict asks for them,
// the questions. Built between frames and kept per document generation, since questions
// explore other schedules and run the lesson again with strict_exception_groups flipped.
//
//   teach::Teaching t = teach::lint_document(doc);      // cheap: static lints and one pass
//   teach::add_questions(t, doc);                       // on demand (Predict switched on)
#pragma once

#include <cstdint>
#include <vector>

#include "document/document.hpp"
#include "teach/lint.hpp"
#include "teach/questions.hpp"

namespace trioscope::teach {

struct Teaching {
  std::uint64_t generation = ~0ull;  // the document generation it was made for
  std::vector<Lint> lints;
  MarginMarks marks;                  // listing line -> lints on it
  bool questions_ready = false;
  std::vector<Question> questions;
};

// The run's settings as the interpreter takes them.
scenario::RunOverrides overrides_of(const document::Document& doc);

Teaching lint_document(const document::Document& doc);
void add_questions(Teaching& t, const document::Document& doc, const AlternativeLimits& limits = {});

}  // namespace trioscope::teach
