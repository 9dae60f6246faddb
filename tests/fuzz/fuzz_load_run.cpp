// libFuzzer target: any bytes as a scenario file (JSON or Trio Python, told apart as the
// loader does), loaded and validated; what loads is written as Python and run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_limits.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trioscope;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario::LoadResult r = scenario::load_scenario_text(text, "fuzz");
  for (const auto& d : r.errors) (void)d.format();
  if (!r.ok()) return 0;
  (void)scenario::to_python(*r.scenario);
  (void)scenario::run_scenario(*r.scenario, fuzzing::small_run());
  return 0;
}
