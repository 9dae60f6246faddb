// Exceptions and names as captions, tooltips and chips print them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"

namespace trioscope::view {

// Python's repr, except that Cancelled is just `Cancelled` wherever it appears (Trio's
// repr of it names the source task and its address, which says nothing to a class):
// `ValueError('Oops, I tripped!')`,
// `ExceptionGroup('Exceptions from Trio nursery', [ValueError('Oops, I tripped!')])`.
std::string describe_exc(const trio::PyException& e);
std::string describe_exc(const trio::Trace& trace, std::int32_t exc);  // "" for -1
// The class name: "ValueError", "ExceptionGroup".
std::string exc_type(const trio::Trace& trace, std::int32_t exc);
// Short enough for a chip: the class, and for a group its members' classes:
// "ValueError", "ExceptionGroup[ValueError, KeyError]".
std::string exc_chip(const trio::Trace& trace, std::int32_t exc);

// The task's label (scenario-format.md "Task labels"), or "task N".
std::string task_label(const trio::Trace& trace, std::int32_t task);

// "10,000": a count as a sentence prints it.
std::string thousands(std::size_t n);

// "2", "0.5", "1e-05": a duration as the Python listing spells a literal.
std::string format_number(double x);

// "a", "a and b", "a, b and c", "a, b, c and 9,997 others" (at most `shown` names).
std::string join_names(const std::vector<std::string>& names, std::size_t shown = 4,
                       const char* others = "other tasks");

}  // namespace trioscope::view
