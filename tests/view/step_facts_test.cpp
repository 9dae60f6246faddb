// At every step of every bundled lesson, the tree, the caption and the timeline name the
// same exception: the one the step is about (step_facts.hpp). After a nursery's scope takes
// its own Cancelled out of the group, all three name the group without it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/playback.hpp"
#include "view/step_facts.hpp"
#include "view/tree_layout.hpp"
#include "view/tree_paint.hpp"

namespace trioscope::view {
namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Whether any text of the tree at this step states `chip` (or the whole exception). A task
// that ended with Cancelled says so in its state word: "⊗ cancelled".
bool tree_states(const TreeLayout& tl, const std::string& chip, const std::string& whole) {
  for (const TreeBox& b : tl.boxes) {
    if (chip == "Cancelled" && b.kind == BoxKind::task && b.state == DisplayState::cancelled) return true;
    for (const std::string* t : {&b.title, &b.detail, &b.badge})
      if (has(*t, chip) || has(*t, whole)) return true;
    for (const std::string& c : b.chips)
      if (has(c, chip)) return true;
  }
  return false;
}

TEST(StepFacts, TheTreeTheCaptionAndTheTimelineNameTheSameException) {
  namespace fs = std::filesystem;
  int lessons = 0, checked = 0;
  for (const auto& entry : fs::directory_iterator(std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto loaded = scenario::load_scenario_file(entry.path().string());
    ASSERT_TRUE(loaded.ok());
    const std::string listing = scenario::to_python(*loaded.scenario).text;
    const trio::RunResult run = scenario::run_scenario(*loaded.scenario);
    const SourceBlocks blocks(listing);
    Playback pb(run.trace, {.blocks = &blocks});
    ++lessons;
    for (std::int32_t step = 0; step <= pb.last_step(); ++step) {
      const Snapshot before = pb.snapshot_at(step - 1);
      const Snapshot after = pb.snapshot_at(step);
      const std::int32_t exc = current_exception(run.trace, after);
      if (exc < 0) continue;
      SCOPED_TRACE("step " + std::to_string(step) + " " + trio::event_kind_name(run.trace.events[step].kind));
      const std::string chip = exc_chip(run.trace, exc), whole = describe_exc(run.trace, exc);
      // The caption says it whole (or by its classes).
      const std::string c = caption(run.trace, before, after, &blocks);
      EXPECT_TRUE(has(c, whole) || has(c, chip)) << c << "\n  names not " << whole;
      // The timeline's label at the playhead names it.
      const std::string label = step_label(run.trace, after);
      EXPECT_TRUE(has(label, chip)) << label << " vs " << chip;
      // The tree shows it: in a box, a nursery's chips, or the trio.run chip at the end.
      const TreeLayout tl = layout_tree(run.trace, after, approximate_metrics(18),
                                        {.max_width = 100000, .playback = &pb, .blocks = &blocks});
      const bool in_tree = tree_states(tl, chip, whole) || has(run_chip_label(run.trace, after), chip);
      EXPECT_TRUE(in_tree) << "the tree does not show " << chip;
      ++checked;
    }
  }
  EXPECT_GE(lessons, 16);
  EXPECT_GE(checked, 100);
}

}  // namespace
}  // namespace trioscope::view
