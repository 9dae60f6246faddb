#include "scenario/ast.hpp"

namespace trioscope::scenario {

const Function* Scenario::find(const std::string& name) const {
  for (const auto& f : functions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace trioscope::scenario
