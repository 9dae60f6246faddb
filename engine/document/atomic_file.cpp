#include "document/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trioscope::document {

namespace {

struct Fault {
  WriteStage stage = WriteStage::open;
  int error = 0;
  int count = 0;
};
Fault g_fault;

// True (with errno set) when a fault is injected at this stage.
bool injected(WriteStage stage) {
  if (g_fault.count <= 0 || g_fault.stage != stage) return false;
  --g_fault.count;
  errno = g_fault.error;
  return true;
}

WriteResult failed(const std::string& what, const std::string& path) {
  return {false, what + " " + path + ": " + std::strerror(errno)};
}

}  // namespace

void inject_write_fault(WriteStage stage, int error, int count) { g_fault = {stage, error, count}; }
void clear_write_faults() { g_fault = {}; }

WriteResult write_file_atomically(const std::string& path, std::string_view data) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  if (injected(WriteStage::open)) return failed("cannot write", path);
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return failed("cannot write", path);
  // The new file gets the old one's permissions (mkstemp makes it private), else the usual.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
  else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  auto give_up = [&](const char* what) {
    const int e = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    errno = e;
    return failed(what, path);
  };
  for (std::size_t done = 0; done < data.size();) {
    if (injected(WriteStage::write)) return give_up("cannot write");
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return give_up("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (injected(WriteStage::sync) || ::fsync(fd) != 0) return give_up("cannot save");
  if (::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    return failed("cannot save", path);
  }
  if (injected(WriteStage::rename) || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    return failed("cannot replace", path);
  }
  // The rename itself reaches the disk with the folder's entry: sync the folder too (a
  // failure here loses nothing that a crash would not, so it is not reported).
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {true, {}};
}

}  // namespace trioscope::document
