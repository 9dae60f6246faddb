// The bundled lessons: every scenario in the lessons folder, with its title and
// description, in file-name order (the files are numbered in teaching order).
#pragma once

#include <string>
#include <vector>

namespace trioscope::gui {

struct Lesson {
  std::string path;
  std::string file;         // the file name
  std::string title;        // from the file; the file name when it has none
  std::string description;
  bool valid = false;       // loads without errors
};

std::vector<Lesson> find_lessons(const std::string& dir);

}  // namespace trioscope::gui
