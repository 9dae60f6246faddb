// Trio Python -> Scenario: the second way into trioscope, beside JSON.
//
// It reads the subset of Trio Python that the scenario format describes, every program that
// `trioscope export-python` writes and hand-written ones of the same shapes:
//
//   """Title
//
//   Description."""                       -> title (first line) and description
//   import trio / import time             (import trio.testing too)
//   class Oops(Exception): pass           -> an exception class the program declares
//   async def child(name, t):             -> a function; `task_status=trio.TASK_STATUS_IGNORED`
//       <statements>                         as the last parameter of started tasks
//   trio.run(main)                         -> main; strict_exception_groups=True/False; at the
//   if __name__ == "__main__":                bottom or under the __main__ guard
//       trio.run(main, strict_exception_groups=True)
//
// with the statements of the format's table (print(...) and print(f"..."), await
// trio.sleep(t), nursery.start_soon(f, *args, name=...), ...), `pass`, and comments.
// `await f(a, b=1)` may pass arguments by keyword; they are put in their parameters' places,
// as Python does. `except BaseException:` (and a bare `except:`) is the handler without a
// type, which is how the listing writes that one.
//
// Comments: a `# text` line in a function is a comment statement where it stands. A comment
// at the end of a line of code (or inside its brackets) becomes a comment statement just
// before that statement; at the end of a block header (`try:`, `async with ... :`,
// `except E:`, `async def f():`) it becomes the first statement of that block. A comment
// after a block's last statement stays in that block when it is indented at least as far as
// the block, else it goes to the enclosing one. Comments outside functions go to the top of
// the next function; those after the last function are not kept, except
// `# trioscope: scheduling=random seed=3`, which sets what Python cannot say. A string on
// its own in a function (a docstring) is kept as comment lines.
//
// Errors: a program that is not Python gets Python's own SyntaxError (python_parser.hpp),
// one, as Python reports one. A Python program that trioscope cannot show gets every
// problem at once, each at its line and column, saying what to write instead; then the
// same validation as a JSON file (validate.hpp), in Python's words.
//
// The scenario's py_line numbers (statements, handlers, else, finally, functions) are lines
// of this text, and `source` is SourceKind::python: the text itself is its listing.
#pragma once

#include <string>
#include <string_view>

#include "scenario/loader.hpp"

namespace trioscope::scenario {

// `path` names the text in messages; it is not opened. No size limit is applied here.
LoadResult load_python_text(std::string_view text, const std::string& path);

namespace python {
// What a function of a trioscope program may hold, as the messages about anything else
// list it ("a while loop is not something a trioscope scenario can express; <this>").
extern const char* const kSupportedStatements;
}  // namespace python

}  // namespace trioscope::scenario
