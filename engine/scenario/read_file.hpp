// Reading a scenario's text from a file or standard input, with a size limit that holds
// for anything: a regular file, a pipe, a device such as /dev/zero. The limit is checked
// while reading (one byte past it is enough to refuse), never through the file's size,
// which pipes and devices do not have.
#pragma once

#include <cstddef>
#include <string>

namespace trioscope::scenario {

struct ReadResult {
  bool ok = false;
  std::string text;
  std::string error;  // what went wrong, as a sentence without the path ("it is a directory")
};

// "the file is larger than 16 MiB, the limit for scenario files"
std::string too_large_message(std::size_t max_bytes);

// "-" reads standard input.
ReadResult read_text_file(const std::string& path, std::size_t max_bytes);

}  // namespace trioscope::scenario
