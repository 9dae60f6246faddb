// `trioscope run --transcript` records only the events the transcript prints
// (RunSettings::Keep::transcript). It must print exactly what a full recording prints, for
// every scenario we have: the lessons, the semantics goldens and the conformance corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/trace.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"

namespace trioscope::scenario {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> scenario_files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".json" && e.path().filename() != "schema.json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string transcript_text(const trio::Trace& t) {
  std::string out;
  trio::write_transcript(t, [&](std::string_view s) { out += s; });
  return out;
}

// Returns how many scenarios were compared.
int expect_same_transcripts(const fs::path& dir) {
  int compared = 0;
  for (const auto& f : scenario_files(dir)) {
    LoadResult r = load_scenario_file(f.string());
    if (!r.ok()) continue;  // the malformed corpora are checked elsewhere
    SCOPED_TRACE(f.string());
    RunOverrides full;
    RunOverrides only;
    only.transcript_only = true;
    const trio::RunResult a = run_scenario(*r.scenario, full);
    const trio::RunResult b = run_scenario(*r.scenario, only);
    EXPECT_FALSE(a.trace.transcript_only);
    EXPECT_TRUE(b.trace.transcript_only);
    EXPECT_LE(b.trace.events.size(), a.trace.events.size());
    EXPECT_EQ(transcript_text(a.trace), transcript_text(b.trace));
    EXPECT_EQ(a.end, b.end);
    EXPECT_EQ(a.diagnosis, b.diagnosis);
    ++compared;
  }
  return compared;
}

TEST(TranscriptOnly, LessonsPrintTheSameTranscript) {
  EXPECT_GE(expect_same_transcripts(TRIOSCOPE_SOURCE_DIR "/scenarios"), 10);
}

TEST(TranscriptOnly, SemanticsScenariosPrintTheSameTranscript) {
  EXPECT_GE(expect_same_transcripts(TRIOSCOPE_SOURCE_DIR "/tests/golden/semantics"), 15);
}

TEST(TranscriptOnly, ConformanceCorpusPrintsTheSameTranscript) {
  const fs::path dir = TRIOSCOPE_SOURCE_DIR "/../shared/conformance/scenarios";
  if (!fs::is_directory(dir)) {
    if (std::getenv("CI")) FAIL() << "CI needs ../shared/conformance next to the repository";
    GTEST_SKIP() << "no ../shared/conformance/scenarios next to the repository";
  }
  EXPECT_GE(expect_same_transcripts(dir), 5);
}

}  // namespace
}  // namespace trioscope::scenario
