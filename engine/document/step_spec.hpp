// Steps as a user names them on the command line and in the export dialog:
//   N            step N (clamped to the run; -1 is before the first step)
//   last, end    the last step
//   KIND[:N]     the N-th event of a kind ("scope_cancelled", "print:3"), which stays
//                right when a run gains or loses events
//   A..B         every step from A to B (A and B named as above; either may be left out:
//                "..raised" is from the start, "12.." to the end)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/trace.hpp"

namespace trioscope::document {

// The step `spec` names in `t`; false when no step matches.
bool find_step(const trio::Trace& t, const std::string& spec, std::int32_t& step);

struct StepRange {
  std::int32_t first = -1, last = -1;
  bool operator==(const StepRange&) const = default;
};
// "A..B" (or a single step, as a range of one). Empty `error` on success; otherwise it
// says what does not match.
std::optional<StepRange> find_step_range(const trio::Trace& t, const std::string& spec, std::string& error);

// What a step spec may be, for messages: "a step number, \"last\" or an event kind such as
// scope_cancelled[:N]".
extern const char* const kStepSyntax;

}  // namespace trioscope::document
