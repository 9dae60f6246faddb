// The Trio program a scenario stands for, written as a student would write it.
//
// The app shows it next to the run (highlighting the line of the current statement), and
// exports it; run with real Trio it prints what the scenario prints. Writing the listing
// also records, in the scenario, the line of every statement, handler, function, `else:`
// and `finally:` (their `py_line`), which the trace then carries.
#pragma once

#include <string>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

struct PythonOptions {
  // Run under trio.testing.MockClock(autojump_threshold=0), so sleeps take no real time,
  // and write `block` (time.sleep) as a jump of that clock. For tests that run exported
  // programs; without it the program is plain Trio in real time.
  bool virtual_time = false;
};

struct PythonListing {
  std::string text;  // lines end with '\n'
};

// Sets py_line throughout `s` (1-based lines of `text`).
PythonListing to_python(Scenario& s, const PythonOptions& o = {});

}  // namespace trioscope::scenario
