// Lints: warnings about a lesson's program, each at its FILE:LINE:COLUMN with a code, a
// one-line explanation and a fix. The static ones read the program, in the spirit of
// flake8-async:
//
//   ASYNC100  a timeout block with no checkpoint inside: it can never cancel anything
//   ASYNC102  an await in `finally:` (or in an except of Cancelled) without a shielded scope
//   ASYNC103  `except Cancelled:` that does not re-raise
//   ASYNC104  `except BaseException:` (or a bare `except:`) that does not re-raise
//   ASYNC251  time.sleep in an async function (work split into chunks with a checkpoint in
//             every turn of a loop is the cooperative fix, and is not reported)
//   TS001     `except ValueError` around a nursery: with strict exception groups it never
//             matches a child's error (use except*); without them it matches only because
//             of a setting Trio deprecated
//   TS002     a loop that blocks and never reaches a checkpoint
//
// and the run proves what no static linter can: each lint gets, when the run shows it, a
// sentence of evidence ("this time.sleep(10) froze the loop for 10 s while a deadline
// passed ...") and the step where the problem bites, where the caption repeats it.
// TS101 is found by the run alone: a cancellation that reached its task late.
//
// Positions: `pos` is in the file the lesson was read from (the JSON file, or the .py
// text), for `trioscope validate`; `py_line` is the line of the program the code panel shows
// (a JSON lesson's Python listing, a Python lesson's own text).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "scenario/ast.hpp"

namespace trioscope::teach {

struct RunProof {
  std::string text;        // what the run showed, one sentence
  std::int32_t step = -1;  // where it bites: the caption shows the lint there
  std::string brief;       // a few words of it, for the caption ("" : the sentence itself)
};

struct Lint {
  std::string code;           // "ASYNC251", "TS001"
  scenario::FilePos pos;      // in the lesson's file
  std::uint32_t py_line = 0;  // in the program the code panel shows
  std::string message;        // what is wrong, and why it matters
  std::string fix;            // what to write instead
  std::optional<RunProof> proof;

  // "FILE:LINE:COL: warning: CODE message; fix. In this run: proof."
  std::string format(const std::string& file) const;
  // "CODE message; fix." and, when proved, "In this run: proof."
  std::string text() const;
};

// The static lints, in line order. `strict` is the strict_exception_groups the run uses
// (the file's, or a choice made over it).
std::vector<Lint> static_lints(const scenario::Scenario& s, bool strict);

// Adds the run's evidence to `lints` and the lints only the run finds (TS101).
void prove(std::vector<Lint>& lints, const scenario::Scenario& s, const trio::Trace& trace);

// Both: what `trioscope validate`, the code panel and the caption show.
std::vector<Lint> lints(const scenario::Scenario& s, const trio::Trace* trace, bool strict);

// The code panel's margin: listing line -> indexes into `lints` of the lints on it.
using MarginMarks = std::map<std::uint32_t, std::vector<std::size_t>>;
MarginMarks margin_marks(const std::vector<Lint>& lints);

// What the caption says first at `step`, for the lints that bite there ("" for none):
// "⚠ ASYNC251: this time.sleep(10) froze everything for 10.0 s; write `await trio.sleep(10)`."
std::string caption_note(const std::vector<Lint>& lints, std::int32_t step);

}  // namespace trioscope::teach
