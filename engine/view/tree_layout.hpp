// The nursery tree at one step, as nested boxes: tasks inside the nurseries they live in,
// cancel scopes as frames around what they cover, a nursery inside the task whose
// `async with` opened it.
//
//   resilient_parent        ▶ running
//   ┌ nursery ─────────────────────────────────────────┐
//   │ [child('Well-behaved', 3) ☾ sleeping] [problematic_child() ✗ crashed] │
//   │ errors: ValueError                                 │
//   └──────────────────────────────────────────────────┘
//
// A task's content is its chain of open scopes, outermost first; each scope is a frame
// around the rest of the chain, and a nursery's scope is the nursery box, which holds the
// rest of the chain (the body going on inside it) followed by the children. Children are
// placed in rows that wrap at the available width; a crowded nursery shows its children
// as small chips instead.
//
// Units are abstract (the caller's text metrics: pixels at the current font size for the
// screen). The texts are part of the layout because box sizes depend on them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/trace.hpp"
#include "view/painter.hpp"
#include "view/snapshot.hpp"
#include "view/source_blocks.hpp"
#include "view/task_state.hpp"

namespace trioscope::view {

class Playback;

struct TextMetrics {
  std::function<float(std::string_view)> width;       // width of a UTF-8 string
  std::function<float(std::string_view)> bold_width;  // the same in bold (titles); optional
  float line_height = 18;
};
// Finished tasks and closed nurseries are drawn faded: what is over recedes.
inline constexpr float kDoneFade = 0.7f;
inline constexpr float kClosedFade = 0.5f;
// A chip (a rounded label, for exceptions) is its text plus this many line heights.
inline constexpr float kChipPadding = 0.8f;
inline constexpr float kChipHeight = 1.24f;
// 0.6 line heights per character: a stand-in when no font is at hand (tests).
TextMetrics approximate_metrics(float line_height);
// A surface's own metrics: `regular` and `bold` measured through `p` (which must outlive
// the metrics), the line height of `regular`.
TextMetrics painter_metrics(const Painter& p, Font regular, Font bold);

struct TreeLayoutOptions {
  float max_width = 1200;       // wrap children within this width
  int compact_threshold = 40;   // nurseries with more children show them as chips
  const Playback* playback = nullptr;  // for the errors each nursery holds (optional)
  const SourceBlocks* blocks = nullptr;  // to say "in its finally block" (optional)
  // Exceptions in the boxes by class name only: a crowded tree that must fit its panel
  // (the tooltips and the caption say them whole).
  bool brief = false;
};

enum class BoxKind : std::uint8_t { task, nursery, scope };

struct TreeBox {
  BoxKind kind = BoxKind::task;
  std::int32_t id = -1;      // task, nursery or scope id
  std::int32_t parent = -1;  // enclosing box
  std::int32_t depth = 0;
  float x = 0, y = 0, w = 0, h = 0;
  float header_h = 0;        // the band at the top that holds title and detail

  // Tasks
  DisplayState state = DisplayState::absent;
  bool compact = false;      // drawn as a chip
  bool cancel_pending = false;
  bool handling = false;
  bool is_running = false;   // the task whose step is executing
  std::uint32_t line = 0;
  // Scopes
  bool cancelled = false;
  bool shield = false;
  bool has_deadline = false;
  bool caught = false;
  bool detail_below = false;  // the header is too wide for one line: detail on the next
  // Nurseries: its `async with` is over (kept, faded, as the last thing its task did).
  bool closed = false;
  // How strongly it is drawn: 1, or less for what is over (finished tasks, closed nurseries).
  float fade = 1;

  std::string title;   // task label; "nursery"; "trio.move_on_after(2) as timeout"
  std::string detail;  // "☾ sleeping until t = 3.0"; "strict · waiting for 2"; "t = 2.0"
  std::string badge;   // tasks: "⊘ cancel pending" under the detail, when not the main state;
                       // the innermost scope frame: "▸ main is here"
  std::vector<std::string> chips;  // nurseries: the errors it holds, then "→ group"
  std::vector<float> chip_x, chip_y;  // where each chip is, relative to (x, y)
  float chips_y = 0;   // nurseries: where the chips start (relative to y)
};

struct TreeLayout {
  std::vector<TreeBox> boxes;  // parents before their contents (paint order)
  std::vector<std::int32_t> task_box, nursery_box, scope_box;  // id -> box index or -1
  float width = 0, height = 0;
  float line_height = 18;
  float pad = 7;
  int shortened = 0;  // texts cut with "…" to fit (the screen shrinks the tree rather than cut)

  const TreeBox* find(BoxKind kind, std::int32_t id) const;
  // The innermost box containing the point (x, y), or -1.
  std::int32_t hit(float x, float y) const;
};

// The part of the tree a step is about, for the screen to keep in view: for a nursery's
// errors and groups the chips at the bottom of its box, else the box of the event's task
// (its header). Layout units; `valid` is false when the step shows nothing in particular.
struct FocusRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool valid = false;
};
FocusRect focus_of(const TreeLayout& layout, const trio::Trace& trace, std::int32_t step);

TreeLayout layout_tree(const trio::Trace& trace, const Snapshot& snapshot, const TextMetrics& metrics,
                       const TreeLayoutOptions& options = {});

// What a task box says about its state: "☾ sleeping until t = 3.0", "◷ waiting for 2
// children", "✗ crashed: ValueError('Oops, I tripped!')". A sleeper whose deadline has
// passed without it waking (a blocked loop) says so: "☾ sleep was due at t = 1.0 —
// overdue: the loop was blocked".
std::string state_text(const trio::Trace& trace, const Snapshot& s, std::int32_t task);

}  // namespace trioscope::view
