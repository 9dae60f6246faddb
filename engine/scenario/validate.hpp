// The checks that need the whole scenario, run on the AST after from_json.hpp built it:
//
//   - `main` names a function that takes no parameters;
//   - call / start_soon / start name a function and pass as many arguments as it has
//     parameters, and the name is not hidden by a local variable;
//   - every `$x` and print `{x}` is a parameter or a name bound somewhere in the same
//     function (Python's scoping: a name bound anywhere in a function is local to all of it);
//   - warnings (the file still runs, as in Python): `start` of a function that never calls
//     `started` (Trio raises TypeError), `started` in a function no `start` begins (a no-op);
//   - warning: `reraise` outside an except handler or a finally block (RuntimeError);
//   - no function or local variable hides an exception class the program uses.
//
// The messages speak Python for a scenario read from Python (Scenario::source), JSON for one
// read from JSON, where the two would say different things.
//
// Errors that Python only raises while running (a negative `$var` sleep, reading a variable
// before it is bound) are not checked here; the interpreter raises them as Python would.
#pragma once

#include "scenario/ast.hpp"
#include "scenario/problems.hpp"

namespace trioscope::scenario {

void validate(const Scenario& s, Problems& problems);

}  // namespace trioscope::scenario
