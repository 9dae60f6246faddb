// Problems found while reading a scenario, before their line:column is known.
//
// Reading and validation only know JSON pointers; the loader finds all the positions in one
// more pass over the text at the end (json_positions.hpp), then turns these into Diagnostics.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace trioscope::scenario {

struct Problem {
  std::string pointer;  // the value (or member) the problem is about
  bool at_key = false;  // point at the member's key rather than its value (unknown fields)
  std::string message;
};

struct Problems {
  std::vector<Problem> list;
  // Statements whose "args" could not be read (already reported): their argument count
  // proves nothing, so validation does not count them.
  std::set<std::string> unreadable_args;
  void at(std::string pointer, std::string message) {
    list.push_back({std::move(pointer), false, std::move(message)});
  }
  void at_key(std::string pointer, std::string message) {
    list.push_back({std::move(pointer), true, std::move(message)});
  }
  bool empty() const { return list.empty(); }
};

}  // namespace trioscope::scenario
