// What stopped a run that did not finish, in the words the views use (the caption, the
// output panel's last line, the app's banner). The budget_exhausted event's flag says which
// limit it was (core/limits.hpp).
#pragma once

#include <string>

#include "core/limits.hpp"
#include "core/trace.hpp"

namespace trioscope::view {

// The limit a budget_exhausted event names (the event limit for any other event).
trio::Limit stopping_limit(const trio::Event& e);
// "it reached its event limit, the limit that keeps a program that never ends from running
// forever": what the limit is there for, as part of a sentence.
std::string limit_reached(trio::Limit l);
// One question that points at the likely mistake: "Is there a loop without an end?"
std::string limit_advice(trio::Limit l);

}  // namespace trioscope::view
