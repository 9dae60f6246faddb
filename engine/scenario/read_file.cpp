#include "scenario/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace trioscope::scenario {

std::string too_large_message(std::size_t max_bytes) {
  return "the file is larger than " + std::to_string(max_bytes >> 20) + " MiB, the limit for scenario files";
}

ReadResult read_text_file(const std::string& path, std::size_t max_bytes) {
  ReadResult r;
  std::FILE* f = nullptr;
  if (path == "-") {
    f = stdin;
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      r.error = "cannot read the file: it is a directory";
      return r;
    }
    f = std::fopen(path.c_str(), "rb");
    if (!f) {
      r.error = std::string("cannot open the file: ") + std::strerror(errno);
      return r;
    }
  }
  // Chunks until end of file or one byte past the limit: an endless device stops there.
  char buf[1 << 16];
  bool failed = false;
  while (r.text.size() <= max_bytes) {
    const std::size_t want = std::min(sizeof buf, max_bytes + 1 - r.text.size());
    const std::size_t got = std::fread(buf, 1, want, f);
    r.text.append(buf, got);
    if (got < want) {
      failed = std::ferror(f) != 0;
      break;
    }
  }
  const int read_errno = errno;
  if (f != stdin) std::fclose(f);
  if (failed) {
    r.error = std::string("cannot read the file: ") + std::strerror(read_errno);
  } else if (r.text.size() > max_bytes) {
    r.error = too_large_message(max_bytes);
  } else {
    r.ok = true;
    return r;
  }
  r.text.clear();
  return r;
}

}  // namespace trioscope::scenario
