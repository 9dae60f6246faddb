// A scenario written as JSON, in the one canonical layout trioscope saves and imports with.
//
// The same scenario always gives the same bytes, whatever it was read from, so a saved file
// diffs cleanly and `trioscope import` of a program gives what the app would save. The layout
// is the one of the bundled lessons:
//
//   {
//     "version": 1,
//     "title": "...",
//     "description": "...",
//     "settings": { "strict_exception_groups": true, "scheduling": "fifo", "seed": 0 },
//     "functions": {
//       "child": {
//         "params": ["name", "sleep_time"],
//         "body": [
//           { "print": "Child {name} is going to sleep for {sleep_time}s." },
//           { "open_nursery": "nursery", "body": [
//             { "start_soon": "child", "args": ["A", 3] }
//           ]},
//           { "try": [
//             { "sleep": 1 }
//           ], "except": [
//             { "type": "ValueError", "as": "e", "body": [] }
//           ]}
//         ]
//       }
//     },
//     "main": "parent"
//   }
//
// - Members always in this order; the top level always has version, title, description, the
//   three settings, functions and main; functions in file order.
// - One statement per line, indented by two spaces per level; a statement's fields follow
//   the operation key in the order of the format's table (args, name, nursery, as, shield,
//   strict_exception_groups, ...), each left out when it has its default value (no args,
//   nursery "nursery", no name, no `as`, shield false). A function without parameters has
//   no "params".
// - A block with statements opens at the end of its statement's line and closes on a line of
//   its own (`]}`); an empty block is `[]`.
// - Strings are UTF-8 with JSON's escapes only where JSON needs them; floats are written as
//   Python's repr writes them (`1.5`, `3.0`, `1e-05`), so they read back as the same float.
// - No "$schema": trioscope does not need it, and a saved file may live anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

// Ends with a newline.
std::string to_json_text(const Scenario& s);

// What the JSON form cannot say about a scenario read from Trio Python, so that the JSON
// would run differently: a function that declares task_status but never calls started()
// (JSON gives the parameter only to a function with a started statement). One entry per
// such function, at its `async def` line; empty when nothing is lost.
struct JsonLoss {
  std::uint32_t py_line = 0;
  std::string message;
};
std::vector<JsonLoss> json_losses(const Scenario& s);

}  // namespace trioscope::scenario
