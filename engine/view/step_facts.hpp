// What a step is about, stated once for every view that says it: the exception the step
// concerns, and a short label for it. The tree's boxes and chips, the caption and the
// timeline's label at the playhead all take it from here, so that at any step they name
// the same exception (a group after its nursery's scope absorbed the Cancelled is the group
// without it, everywhere).
#pragma once

#include <cstdint>
#include <string>

#include "core/trace.hpp"
#include "view/snapshot.hpp"

namespace trioscope::view {

// The exception step `after.step` is about (-1: none): the one raised, caught, delivered or
// collected; for a nursery's steps, what its errors have become (nursery_outcome); what
// escaped trio.run at the end.
std::int32_t current_exception(const trio::Trace& trace, const Snapshot& after);

// A few words for the timeline's playhead: "raise ValueError", "ValueError → nursery",
// "→ ExceptionGroup[ValueError]", "↑ ExceptionGroup[ValueError]", "caught ValueError",
// "Cancelled", "print", "" when the step says nothing worth a label.
std::string step_label(const trio::Trace& trace, const Snapshot& after);

}  // namespace trioscope::view
