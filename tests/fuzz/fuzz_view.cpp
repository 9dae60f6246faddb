// libFuzzer target: what loads is run, and every view is built and painted at each step of
// the run (at most kSteps of them, spread over it): snapshots, captions, the tree, the code
// with its lit line, the output, the timeline, the legend, as an exported page lays them out.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_limits.hpp"
#include "null_painter.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"
#include "view/page.hpp"
#include "view/playback.hpp"
#include "view/source_blocks.hpp"
#include "view/timeline_layout.hpp"

namespace {
constexpr std::int64_t kSteps = 64;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trioscope;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario::LoadResult r = scenario::load_scenario_text(text, "fuzz");
  if (!r.ok()) return 0;
  scenario::Scenario& sc = *r.scenario;
  const std::string listing = scenario::to_python(sc).text;
  const trio::RunResult run = scenario::run_scenario(sc, fuzzing::small_run());
  const view::Playback pb(run.trace);
  const view::SourceBlocks blocks(listing);
  const view::TimelineLayout timeline = view::build_timeline(run.trace, {}, &blocks);
  view::PageSource source;
  source.trace = &run.trace;
  source.playback = &pb;
  source.blocks = &blocks;
  source.timeline = &timeline;
  source.listing = listing;
  source.title = sc.title;
  fuzzing::NullPainter painter;
  // A small page (the tree shrinks, texts are cut) and the app's window size.
  for (const float w : {640.0f, 1600.0f}) {
    view::PageSpec spec;
    spec.width = w;
    spec.height = w * 0.6f;
    const view::Page page(painter, spec, source);
    const std::int64_t last = pb.last_step();
    const std::int64_t stride = std::max<std::int64_t>(1, (last + 2) / kSteps);
    for (std::int64_t step = -1; step <= last; step += stride) page.paint_at(painter, static_cast<std::int32_t>(step));
    page.paint_at(painter, static_cast<std::int32_t>(last));
  }
  return 0;
}
