// The Trio program a scenario stands for, written as a student would write it.
//
// The app shows it next to the run (highlighting the line of the current statement), and
// exports it; run with real Trio it prints what the scenario prints. Writing the listing
// also records, in the scenario, the line of every statement, handler, function, `else:`
// and `finally:` (their `py_line`), which the trace then carries. Comment statements are
// written as `# text`; a block of nothing but comments gets a `pass` after them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

struct PythonOptions {
  // Run under trio.testing.MockClock(autojump_threshold=0), so sleeps take no real time,
  // and write `block` (time.sleep) as a jump of that clock. For tests that run exported
  // programs; without it the program is plain Trio in real time.
  bool virtual_time = false;
  // Write the lesson's own questions (Scenario::questions) as `# trioscope: question ...`
  // comments after trio.run, so that `import` reads them back. Off for the listing the app
  // shows, which must not give the answers away.
  bool questions = false;
};

struct PythonListing {
  std::string text;  // lines end with '\n'
};

// For a scenario read from JSON, sets py_line throughout `s` (1-based lines of `text`). A
// scenario read from Python (s.source) keeps its py_line: they number the lines of its own
// file, the listing the app shows for it; `text` is then that program as trioscope writes it.
PythonListing to_python(Scenario& s, const PythonOptions& o = {});

// `# trioscope: scheduling=random seed=3`: how the listing keeps settings Python cannot say.
std::string settings_comment(const Settings& s);

// The lesson's questions as the comments python_import reads:
//   # trioscope: question at=raised What happens to the well-behaved child?
//   # trioscope: wrong It is killed at once.
//   # trioscope: why Trio never kills a task.
//   # trioscope: answer It gets Cancelled inside trio.sleep.
std::vector<std::string> question_comments(const Scenario& s);

// What a variable may hold, as the listing works it out (from what binds it and from what
// every caller passes for a parameter): a nursery, a cancel scope, something else, or more
// than one of these.
enum class VariableKind : std::uint8_t { unknown, nursery, scope, other, mixed };
// function -> variable -> kind.
std::map<std::string, std::map<std::string, VariableKind>> variable_kinds(const Scenario& s);

}  // namespace trioscope::scenario
