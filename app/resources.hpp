// Where the files trioscope reads at run time are, wherever the binary was built or
// installed: one search, used by the command line and the app.
//
//   <exe dir>/share/trioscope/      the build tree (CMake links the lessons there)
//   <exe dir>/../share/trioscope/   an installed binary (<prefix>/bin/trioscope)
//
// $TRIOSCOPE_DATA_DIR, when set, is tried first. Nothing here knows the source tree: a
// binary copied elsewhere with its share/ folder keeps working.
#pragma once

#include <string>

namespace trioscope {

// The folder holding `relative` (a file or folder name under share/trioscope), or "".
std::string find_resource(const std::string& relative);
// The bundled lessons ("" when they cannot be found).
std::string lessons_dir();
// The lesson the app opens when it is given no file.
std::string default_scenario();
// A font file: the resource folder's fonts/, then Debian's fonts-dejavu-core. "" if none.
std::string find_font(const char* file_name);

}  // namespace trioscope
