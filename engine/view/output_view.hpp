// The output view: what the program printed up to a step, as a terminal shows it, each
// line after its virtual time ("[1.0] Child A is awake!"), the line printed at this very
// step lit, and how the run ended once it has ("✗ trio.run raised ExceptionGroup(...)").
// Lines wrap at the view's width, continuation rows under the text, so nothing printed
// hides past the edge.
//
//   [0.0] Child Well-behaved is going to sleep for 3s.
//   [1.0] Parent caught ValueError('Oops, I tripped!')     ◀ lit: printed at this step
//   ✗ trio.run raised ...
//
// Every export of the output paints it with paint_output; a view shows the newest rows
// (as the screen follows the newest line), so only the rows that fit are laid out, however
// much the program printed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "view/painter.hpp"
#include "view/playback.hpp"
#include "view/snapshot.hpp"
#include "view/text_wrap.hpp"

namespace trioscope::view {

struct OutputEntry {
  std::int32_t event = -1;  // the print event (-1: how the run ended)
  std::string time;         // "[1.0]"
  std::string text;
  bool current = false;     // printed at this step
};

struct OutputLayout {
  std::vector<OutputEntry> entries;            // oldest first: the newest that fit
  std::vector<std::vector<TextLine>> lines;    // each entry's wrapped lines
  float time_w = 0;    // the widest time label and the space after it
  float line_h = 0;    // between the lines of one entry
  float spacing = 0;   // between entries
  float height = 0;    // all the rows
  std::int32_t total = 0;  // entries there are (printed lines, and the ending)
};

// How the run has ended at `s` as the output shows it ("" while it goes on or returned).
std::string output_ending(const trio::Trace& t, const Snapshot& s);

// The newest entries up to `step` that fit in `height` (`width` wide), in the mono font,
// `spacing` apart.
OutputLayout layout_output(const Painter& p, const trio::Trace& t, const Playback& pb, const Snapshot& s,
                           std::int32_t step, float width, float height, float spacing);

// Paints the layout in `area`, its last row at the bottom when there are more than fit
// (clipped to `area` by the caller).
void paint_output(Painter& p, const OutputLayout& l, const Rect& area, Theme theme);

}  // namespace trioscope::view
