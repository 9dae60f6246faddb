// View → Outcomes… and Compare in the app's own frames, as a new user meets them: open the
// racing lesson, press O, wait while the explorer runs on its thread, click each outcome
// (the document must then show that outcome's run), compare two outcomes. What the windows
// show is checked against the explorer and the compare model run here independently.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "explore/background.hpp"
#include "explore/compare.hpp"
#include "frame_harness.hpp"
#include "scenario/loader.hpp"
#include "view/caption.hpp"
#include "view/playback.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;

const std::string kRace = testing::kLessons + "16_race_same_instant.json";

// Frames (with short sleeps: the explorer works in real time) until `ready` holds.
template <class Ready>
bool frames_until(Frames& f, Ready ready) {
  for (int i = 0; i < 2000; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    f.frame();
  }
  return ready();
}

scenario::Scenario load(const std::string& path) {
  auto loaded = scenario::load_scenario_file(path);
  EXPECT_TRUE(loaded.ok()) << path;
  return std::move(*loaded.scenario);
}

// What `trioscope explore FILE` reports (the command runs exactly this).
explore::Report explored(const std::string& path) { return explore::explore_scenario(load(path)); }

trio::Trace replayed(const std::string& path, const std::string& schedule) {
  scenario::RunOverrides o;
  o.schedule = schedule;
  trio::RunResult r = scenario::run_scenario(load(path), o);
  EXPECT_TRUE(r.schedule_problem.empty()) << r.schedule_problem;
  return std::move(r.trace);
}

bool explored_in_window(Frames& f) {
  return frames_until(f, [&] { return f.app.report().outcomes_state == "done" && !f.app.outcomes().busy(); });
}

TEST(Outcomes, OKeyExploresTheRaceAndEachRowLoadsItsRun) {
  const explore::Report expected = explored(kRace);
  ASSERT_TRUE(expected.exhaustive());
  ASSERT_EQ(expected.outcomes.size(), 2u) << "the lesson's race has two winners";

  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kRace));
  f.frames(2);
  EXPECT_TRUE(f.app.report().outcomes_state.empty()) << "closed until asked for";
  f.key(GLFW_KEY_O);
  ASSERT_TRUE(explored_in_window(f)) << f.app.report().outcomes_state;
  f.frames(2);
  const FrameReport& r = f.app.report();
  EXPECT_EQ(r.outcomes_verdict, "Exactly 2 outcomes: all " + std::to_string(expected.schedules) + " schedules were run.");
  ASSERT_EQ(r.outcomes.size(), expected.outcomes.size());
  for (std::size_t k = 0; k < expected.outcomes.size(); ++k) {
    const explore::Outcome& e = expected.outcomes[k];
    EXPECT_EQ(r.outcomes[k].name, "Outcome " + std::to_string(k + 1));
    EXPECT_EQ(r.outcomes[k].schedule, e.schedule_text);
    EXPECT_EQ(r.outcomes[k].schedules, e.schedules);
    EXPECT_EQ(r.outcomes[k].percent, static_cast<int>(100 * e.schedules / expected.schedules));
    // The summary names the winner this outcome prints, and not the other one.
    const bool alice = e.transcript.find("Alice got the last ticket!") != std::string::npos;
    EXPECT_NE(r.outcomes[k].summary.find(alice ? "\"Alice got the last ticket!\"" : "\"Bob got the last ticket!\""),
              std::string::npos)
        << r.outcomes[k].summary;
    EXPECT_EQ(r.outcomes[k].summary.find(alice ? "Bob got" : "Alice got"), std::string::npos) << r.outcomes[k].summary;
    EXPECT_NE(r.outcomes[k].summary.find("trio.run returned"), std::string::npos) << r.outcomes[k].summary;
  }
  // The lesson's own run (fifo) is one of them, and marked.
  int marked = 0;
  for (const auto& row : r.outcomes) marked += row.on_screen;
  EXPECT_EQ(marked, 1);

  // Clicking a row reruns the lesson with that outcome's schedule: every view shows it.
  for (std::size_t k : {std::size_t(1), std::size_t(0), std::size_t(1)}) {
    ASSERT_TRUE(f.press("Outcome " + std::to_string(k + 1)));
    f.frames(2);
    ASSERT_TRUE(f.app.doc().choice().schedule.has_value());
    EXPECT_EQ(*f.app.doc().choice().schedule, expected.outcomes[k].schedule_text);
    ASSERT_NE(f.app.doc().trace(), nullptr);
    EXPECT_EQ(trio::transcript(*f.app.doc().trace()), expected.outcomes[k].transcript) << "outcome " << k + 1;
    ASSERT_EQ(f.app.report().outcomes.size(), 2u);
    EXPECT_TRUE(f.app.report().outcomes[k].on_screen);
    EXPECT_FALSE(f.app.report().outcomes[1 - k].on_screen);
    EXPECT_EQ(f.app.report().outcomes_state, "done") << "a rerun with another schedule is not a new lesson";
  }
  // Back to the lesson's own scheduling.
  ASSERT_TRUE(f.press("Back to the lesson's own scheduling"));
  f.frames(2);
  EXPECT_FALSE(f.app.doc().choice().schedule.has_value());
}

TEST(Outcomes, AnotherLessonIsExploredAgain) {
  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kRace));
  f.key(GLFW_KEY_O);
  ASSERT_TRUE(explored_in_window(f));
  EXPECT_EQ(f.app.report().outcomes.size(), 2u);
  const std::string loop = testing::kLessons + "06_cooperative_loop.json";
  const explore::Report expected = explored(loop);
  ASSERT_TRUE(f.app.open(loop));
  f.frame();
  ASSERT_TRUE(explored_in_window(f));
  f.frames(2);
  EXPECT_EQ(f.app.report().outcomes.size(), expected.outcomes.size());
  for (std::size_t k = 0; k < expected.outcomes.size() && k < f.app.report().outcomes.size(); ++k)
    EXPECT_EQ(f.app.report().outcomes[k].schedule, expected.outcomes[k].schedule_text);
}

TEST(Compare, TwoOutcomesDiffedAndPartingWhereTheModelSays) {
  const explore::Report expected = explored(kRace);
  ASSERT_EQ(expected.outcomes.size(), 2u);
  const trio::Trace a = replayed(kRace, expected.outcomes[0].schedule_text);
  const trio::Trace b = replayed(kRace, expected.outcomes[1].schedule_text);
  const explore::Comparison model = explore::compare_runs(a, b);
  ASSERT_TRUE(model.divergence.has_value());
  const std::int32_t part = std::max(model.divergence->event_a, model.divergence->event_b);
  std::vector<std::string> diff;
  for (const explore::DiffLine& l : explore::diff_lines(explore::output_lines(a), explore::output_lines(b)))
    diff.push_back(std::string(l.side == explore::DiffLine::Side::only_a   ? "- "
                               : l.side == explore::DiffLine::Side::only_b ? "+ "
                                                                            : "  ") +
                   l.text);

  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(kRace));
  f.key(GLFW_KEY_O);
  ASSERT_TRUE(explored_in_window(f));
  f.frames(2);
  ASSERT_TRUE(f.press("Compare A and B"));
  ASSERT_TRUE(frames_until(f, [&] { return f.app.report().compare_state == "ready"; }));
  f.frames(2);
  const FrameReport& r = f.app.report();
  EXPECT_EQ(r.compare_a, "outcome 1");
  EXPECT_EQ(r.compare_b, "outcome 2");
  EXPECT_EQ(r.compare_diff, diff);
  EXPECT_EQ(r.compare_divergence, part);
  EXPECT_EQ(r.compare_step, part) << "it opens where the runs part";
  EXPECT_EQ(r.compare_timelines, 2);

  // Both captions at the compare step, as the caption bar says them (quoting the listing).
  const view::SourceBlocks blocks(f.app.doc().listing());
  auto caption_at = [&](const trio::Trace& t, std::int32_t step) {
    view::Playback pb(t, view::Playback::Options{.blocks = &blocks});
    return view::caption(t, pb.snapshot_at(step - 1), pb.snapshot_at(step), &blocks);
  };
  EXPECT_EQ(r.compare_caption_a, caption_at(a, part));
  EXPECT_EQ(r.compare_caption_b, caption_at(b, part));
  EXPECT_NE(r.compare_caption_a, r.compare_caption_b) << "A and B resume different tasks there";

  // The step keys move both runs while the window has the keyboard; the main view stays.
  const std::int32_t main_step = f.app.view().step;
  f.click(ImVec2(r.compare_window.x + 300, r.compare_window.y + 6));  // its title bar
  f.key(GLFW_KEY_RIGHT);
  EXPECT_EQ(f.app.report().compare_step, part + 1);
  EXPECT_EQ(f.app.report().compare_caption_a, caption_at(a, part + 1));
  EXPECT_EQ(f.app.report().compare_caption_b, caption_at(b, part + 1));
  f.key(GLFW_KEY_HOME);
  EXPECT_EQ(f.app.report().compare_step, -1);
  EXPECT_EQ(f.app.view().step, main_step);
  ASSERT_TRUE(f.press("Go to where they part"));
  EXPECT_EQ(f.app.report().compare_step, part);
}

TEST(Compare, StrictGroupsOnAndOff) {
  const std::string lesson = testing::kLessons + "03_child_trips_strict_groups.json";
  scenario::Scenario sc = load(lesson);
  scenario::RunOverrides on, off;
  on.strict_exception_groups = true;
  off.strict_exception_groups = false;
  const trio::RunResult ra = scenario::run_scenario(sc, on), rb = scenario::run_scenario(sc, off);
  const explore::Comparison model = explore::compare_runs(ra.trace, rb.trace);

  Frames f(1600, 1000, 1.0f);
  ASSERT_TRUE(f.app.open(lesson));
  f.key(GLFW_KEY_O);
  ASSERT_TRUE(explored_in_window(f));
  f.frames(2);
  ASSERT_TRUE(f.press("strict_exception_groups on vs off"));
  ASSERT_TRUE(frames_until(f, [&] { return f.app.report().compare_state == "ready"; }));
  f.frames(2);
  const FrameReport& r = f.app.report();
  EXPECT_EQ(r.compare_a, "strict_exception_groups=True");
  ASSERT_TRUE(model.divergence.has_value());
  EXPECT_EQ(r.compare_divergence, std::max(model.divergence->event_a, model.divergence->event_b));
  // How trio.run ended differs: a group with strict groups, the bare error without.
  const std::vector<std::string> la = explore::output_lines(ra.trace), lb = explore::output_lines(rb.trace);
  ASSERT_FALSE(la.empty());
  ASSERT_FALSE(lb.empty());
  ASSERT_NE(la.back(), lb.back());
  EXPECT_NE(std::find(r.compare_diff.begin(), r.compare_diff.end(), "- " + la.back()), r.compare_diff.end());
  EXPECT_NE(std::find(r.compare_diff.begin(), r.compare_diff.end(), "+ " + lb.back()), r.compare_diff.end());
}

}  // namespace
}  // namespace trioscope::gui
