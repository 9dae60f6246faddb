// Every scenario that ships (the lessons in scenarios/) and every file of the shared
// conformance corpus loads without errors, and its Python listing is complete.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::scenario {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json" && e.path().filename() != "schema.json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void expect_all_load(const std::vector<fs::path>& files) {
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    LoadResult r = load_scenario_file(f.string());
    for (const auto& d : r.errors) ADD_FAILURE() << d.format();
    if (!r.ok()) continue;
    PythonListing py = to_python(*r.scenario);
    EXPECT_NE(py.text.find("trio.run(" + r.scenario->main), std::string::npos);
    for (const auto& fn : r.scenario->functions) EXPECT_GT(fn.py_line, 0u) << fn.name;
  }
}

TEST(ScenarioFiles, SharedConformanceCorpusLoads) {
  auto files = json_files(fs::path(TRIOSCOPE_SOURCE_DIR "/../shared/conformance/scenarios"));
  if (files.empty() && std::getenv("CI")) FAIL() << "CI needs ../shared/conformance next to the repository";
  if (files.empty()) GTEST_SKIP() << "no ../shared/conformance/scenarios next to the repository";
  expect_all_load(files);
}

TEST(ScenarioFiles, BundledLessonsLoad) {
  auto files = json_files(fs::path(TRIOSCOPE_SOURCE_DIR "/scenarios"));
  ASSERT_FALSE(files.empty());
  expect_all_load(files);
}

}  // namespace
}  // namespace trioscope::scenario
