// Compare: two runs side by side (two outcomes of the lesson, the run on screen with
// strict_exception_groups on and off, or the lesson before and after its last edit).
//
//   captions    each run's caption at the compare step (view::caption), A over B
//   output      what each printed, diffed line by line (explore/compare.hpp): a line only
//               in A has "−" and the words "only in A", one only in B "+" and "only in B"
//   timelines   the two runs' lanes stacked on one time axis (their timelines share the
//               seconds per unit, so that what both did before they part lines up), the
//               playhead at the compare step on both, the first step where they part marked
//               on both
//   stepping    the window's slider and ◀ ▶ buttons, and while the window has the keyboard
//               the app's step keys (Left/Right, PageUp/PageDown, Home/End) move both runs
//
// The runs are made on a thread of their own (gui/run_job.hpp); nothing runs while a frame
// draws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "explore/compare.hpp"
#include "gui/input_state.hpp"
#include "gui/panel.hpp"
#include "gui/run_job.hpp"

namespace trioscope::gui {

struct CompareSide {
  std::string name;  // "outcome 1", "strict_exception_groups=True", "before the edit"
  RunRequest run;
};

class CompareWindow {
 public:
  void open(CompareSide a, CompareSide b);
  bool is_open() const { return open_; }
  bool busy() const { return job_ && !job_->done(); }
  void wait();
  void draw(PanelContext& ctx);
  // A step key while the window has the keyboard: true when it moved the compare step.
  bool handle_key(const KeyPress& k);
  std::int32_t step() const { return step_; }
  void set_step(std::int32_t s);
  // The compared runs once ready (null before).
  const PreparedRun* run_a() const { return ready() ? &runs_[0] : nullptr; }
  const PreparedRun* run_b() const { return ready() ? &runs_[1] : nullptr; }
  const explore::Comparison* comparison() const { return comparison_ ? &*comparison_ : nullptr; }

  // Follows the document between frames, to remember the lesson as it was before its last
  // edit (same file, another text that reads).
  void track(const document::Document& doc);
  bool has_before_edit() const { return before_ != nullptr; }
  // The lesson before and after its last edit, with the document's settings.
  void open_before_after(const document::Document& doc);

 private:
  bool ready() const { return job_ == nullptr && runs_.size() == 2; }
  void take_job();
  std::int32_t last_step() const;
  void draw_header(PanelContext& ctx);
  void draw_captions(PanelContext& ctx);
  void draw_output(PanelContext& ctx, ImVec2 size);
  void draw_timelines(PanelContext& ctx, ImVec2 size);

  bool open_ = false;
  bool placed_ = false;
  bool focused_ = false;  // the window had the keyboard last frame
  std::string name_a_, name_b_;
  std::unique_ptr<RunJob> job_;
  std::vector<PreparedRun> runs_;
  std::optional<explore::Comparison> comparison_;
  std::int32_t step_ = -1;
  double x0_ = 0, x1_ = 0;  // the shared visible range of the axis
  std::uint64_t opened_ = 0;  // how many comparisons were opened (keys the captions)
  Cached<std::pair<std::uint64_t, std::int32_t>, std::pair<std::string, std::string>> captions_;

  // The lesson as it was before its last edit, and as it is.
  struct Version {
    scenario::Scenario scenario;
    std::string listing;
  };
  std::uint64_t seen_generation_ = ~0ull;
  std::string seen_path_, seen_text_;
  std::unique_ptr<Version> current_, before_;
};

}  // namespace trioscope::gui
