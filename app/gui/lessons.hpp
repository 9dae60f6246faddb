// The bundled lessons: every scenario in the lessons folder, with its title and
// description, in file-name order (the files are numbered in teaching order).
#pragma once

#include <string>
#include <vector>

namespace trioscope::gui {

struct Lesson {
  std::string path;
  std::string canonical;    // the same file however it is named (symlinks resolved)
  std::string file;         // the file name
  std::string title;        // from the file; the file name when it has none
  std::string description;
  bool valid = false;       // loads without errors
};

std::vector<Lesson> find_lessons(const std::string& dir);
// `path` with symlinks and ./.. resolved, so that two names of one file compare equal.
std::string canonical_path(const std::string& path);

}  // namespace trioscope::gui
