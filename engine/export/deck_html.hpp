// slides.html: a page that steps through a deck's numbered images, with the step's caption
// under each. One file with everything it needs inside (no scripts, styles or fonts from
// elsewhere), which works opened straight from the disk (file://). Keys: → ↓ Space
// PageDown Enter next; ← ↑ PageUp Backspace previous; Home, End. A click on the right two
// thirds of the picture goes on, on its left third back; #N in the address opens slide N.
#pragma once

#include <string>
#include <vector>

#include "view/palette.hpp"

namespace trioscope::exporting {

struct Slide {
  std::string image;    // file name, next to slides.html
  std::string caption;  // the step's caption
  std::string status;   // "step 25 of 44 · t = 1.0 · scope_cancelled · problematic_child()"
  std::string moment;   // the key moment it is ("" when not one)
};

std::string slides_html(const std::string& title, view::Theme theme, const std::vector<Slide>& slides);

}  // namespace trioscope::exporting
