// libFuzzer target: any bytes as a Trio program, through the Python reader (lexer, parser,
// lowering to a scenario, validation in Python's words).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario/python_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trioscope;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario::LoadResult r = scenario::load_python_text(text, "fuzz.py");
  for (const auto& d : r.errors) (void)d.format();
  for (const auto& d : r.warnings) (void)d.format();
  return 0;
}
