// One plain-language sentence (or two) for each step of a run, for the caption bar.
//
// Every EventKind has its own function in caption.cpp. A caption may look at the state just
// before and just after its event: "who does this cancellation reach" is the set of tasks
// that were not cancel-pending before and are after.
#pragma once

#include <string>

#include "core/trace.hpp"
#include "view/snapshot.hpp"
#include "view/source_blocks.hpp"

namespace trioscope::view {

// The caption of event `after.step`; `before` is the state at `after.step - 1`. With the
// listing's blocks, a caption can quote the line (`except* ValueError as eg:`).
std::string caption(const trio::Trace& trace, const Snapshot& before, const Snapshot& after,
                    const SourceBlocks* blocks = nullptr);

// Where a task that a cancellation reaches will actually get its Cancelled:
// "trio.sleep", "trio.sleep_forever", "nursery.start" or "" (its next checkpoint, unknown).
std::string pending_checkpoint(const Snapshot& s, std::int32_t task);

// A cancel scope as the listing spells it: "trio.move_on_after(2) as timeout",
// "trio.CancelScope(shield=True) as s", "the nursery's cancel scope".
std::string describe_scope(const trio::Trace& trace, std::int32_t scope);

}  // namespace trioscope::view
