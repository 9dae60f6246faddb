// Where the bundled lessons are, wherever the binary was built or installed.
#pragma once

#include <string>

namespace trioscope {

// The folder holding the bundled scenarios: next to the binary, one level up (a build
// folder inside the source tree), or the source tree the binary was built from.
std::string lessons_dir(const char* argv0);
// The lesson the app opens when it is given no file.
std::string default_scenario(const char* argv0);

}  // namespace trioscope
