// Predict: before each key moment of a run (view/key_steps, the definition the exports and
// the PageDown keys use) a multiple-choice question about what happens next, built from the
// run itself.
//
// The right answer is what this run does. The wrong ones are real alternatives, never
// random: what the same program does under another schedule (engine/explore) or with
// strict_exception_groups flipped, what a stated misconception predicts
// (misconceptions.hpp), and things this run does at another moment. Each wrong choice says
// in one line why it is wrong. A question is asked only when it has at least one wrong
// choice; questions that a previous one already answered (the Cancelled that the
// cancellation question named, the end of the run that the re-raise question gave away) are
// left out.
//
// Lessons may carry their own questions (Scenario::questions); they are asked before the
// step they name, and replace a generated question at that step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runner.hpp"
#include "scenario/ast.hpp"
#include "scenario/interpreter.hpp"
#include "view/key_steps.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"

namespace trioscope::teach {

struct Choice {
  std::string text;
  bool correct = false;
  std::string why;    // wrong: why (one line); right: empty
  std::string from;   // where a wrong choice comes from: "another schedule",
                      // "strict_exception_groups=False", "a misconception", "later in this run"
  // The fact the choice states, in terms of the transcript (transcript-format.md), so that
  // tests can hold it against real Trio's:
  //   "first-print TEXT"             the first line printed is TEXT
  //   "order A < B"                  printed line A comes before printed line B
  //   "line LABEL KIND TIME DETAIL"  the task's transcript has that line at that time
  //   "next LABEL TIME KIND DETAIL"  the task's first line from TIME on is that one
  //   "run return" / "run error X"   how trio.run ends
  //   "leaves LABEL X"               X comes out of the nursery: LABEL catches it or ends with it
  //   "cancelled TIME a|b"           exactly these tasks get a Cancelled line from TIME on
  //   "caught LABEL TIME X & Y"      the task's caught lines from TIME on are exactly these
  //   "engine ..."                   something the transcript does not show
  // Empty for a teacher's own choices and for beliefs no transcript line states.
  std::string claim;
};

struct Question {
  std::int32_t stop = -1;  // playback stops at this step (the one before `key`)
  std::int32_t key = -1;   // the step the question is about
  view::KeyMoment moment = view::KeyMoment::run_end;
  std::string kind;        // the generator: "nursery end", "after start_soon", "first print",
                           // "sibling", "when raise", "cancellation", "again", "late", "group",
                           // "where", "handler", "run end", "cut short", "lesson"
  std::string prompt;
  std::vector<Choice> choices;  // 2 to 4, in the order shown (keys 1-4)
  std::size_t answer = 0;       // index of the right choice
  std::int32_t answer_step = -1;  // the step that shows the answer (the caption's)
  std::string caption;          // the caption of that step: what happens
  bool authored = false;        // the lesson's own question
};

// Another run of the same program, for the wrong choices.
struct Alternative {
  std::string why;  // "with strict_exception_groups=False", "under another schedule (--schedule 1)"
  std::string from; // Choice::from
  trio::RunResult run;
};

struct AlternativeLimits {
  std::uint64_t max_runs = 2000;   // explorer runs
  double max_seconds = 0.5;        // explorer wall clock
  std::size_t max_schedules = 3;   // other outcomes replayed
  std::size_t max_events = 200000; // bigger runs get no alternatives but the flipped one
};

// The runs to take wrong choices from: `overrides` are the settings of `this_run`; the
// explorer's other outcomes and the run with strict_exception_groups flipped.
std::vector<Alternative> alternatives(const scenario::Scenario& s, const scenario::RunOverrides& overrides,
                                      const trio::Trace& this_run, const AlternativeLimits& limits = {});

struct QuestionInput {
  const scenario::Scenario& scenario;
  const trio::Trace& trace;
  const view::Playback& playback;
  const view::SourceBlocks* blocks = nullptr;
  const std::vector<Alternative>* alternatives = nullptr;
  bool strict = true;  // the run's strict_exception_groups
};

// The questions of a run, in step order, at most one per stop.
std::vector<Question> questions(const QuestionInput& in);

// The question asked at `stop` (null: none).
const Question* question_at(const std::vector<Question>& qs, std::int32_t stop);

// For `trioscope` and tests: the question, its numbered choices, the answer and each line why.
std::string to_text(const Question& q, bool reveal);

}  // namespace trioscope::teach
