// The smallest change that turns one text into another, as one replaced range: the common
// beginning and end are kept, what lies between is the change. This is what an undo step
// stores when a whole text is replaced (a form's edit re-lists the program), so that it
// costs the size of what changed, not of the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace trioscope::edit {

// `removed` at byte `at` replaced by `inserted`.
struct Change {
  std::size_t at = 0;
  std::string removed, inserted;
  bool empty() const { return removed.empty() && inserted.empty(); }
};

// The change from `before` to `after`, cut at code point boundaries.
Change diff(std::string_view before, std::string_view after);

// `text` with `c` applied (forwards), or undone (backwards).
void apply(std::string& text, const Change& c);
void unapply(std::string& text, const Change& c);

}  // namespace trioscope::edit
