// JSON document -> Scenario AST, reporting every problem of form on the way.
//
// This half of validation looks at one value at a time: unknown or ambiguous statements,
// unknown fields, wrong JSON types, names Python would refuse, negative literal durations,
// `try` shapes Python would refuse, blocks nested too deep. What needs the whole file
// (functions, arguments, variables, start/started, reraise) is validate.hpp's.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/ast.hpp"
#include "scenario/problems.hpp"

namespace trioscope::scenario {

Scenario scenario_from_json(const nlohmann::ordered_json& doc, Problems& problems);

// The JSON key of each operation: "print", "sleep", ..., "try".
const char* op_key(Op op);
const std::vector<std::string>& op_keys();

}  // namespace trioscope::scenario
