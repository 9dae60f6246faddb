// JSON document -> Scenario AST, reporting every problem of form on the way.
//
// This half of validation looks at one value at a time: unknown or ambiguous statements,
// unknown fields, wrong JSON types, names Python would refuse, negative literal durations,
// `try` shapes Python would refuse, blocks nested too deep. What needs the whole file
// (functions, arguments, variables, start/started, reraise) is validate.hpp's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/ast.hpp"
#include "scenario/json_positions.hpp"
#include "scenario/problems.hpp"

namespace trioscope::scenario {

// `doc` must be complete (read without fatal problems); `lines` (of the same text) gives
// functions, statements and handlers their line:column.
Scenario scenario_from_json(const JsonDoc& doc, const LineIndex& lines, Problems& problems);

// A step as --step names it (a number, "last", or an event kind with an optional ":N"): the
// form of a question's "at". Whether the run has such a step is known only once it runs.
bool is_step_spec(std::string_view s);

// The JSON key of each operation: "print", "sleep", ..., "try".
const char* op_key(Op op);
const std::vector<std::string>& op_keys();

}  // namespace trioscope::scenario
