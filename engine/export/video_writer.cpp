#include "export/video_writer.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenario/read_file.hpp"

extern char** environ;

namespace trioscope::exporting {

std::string find_ffmpeg() {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string p = path;
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = std::min(p.find(':', start), p.size());
    const std::string dir = p.substr(start, end - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/ffmpeg";
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

namespace {

// Writes to a pipe without a SIGPIPE killing the process when the reader has gone: the
// signal is blocked for this thread, and one raised by the write is taken back.
bool write_all(int fd, const char* data, std::size_t n) {
  sigset_t pipe_set, old;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  bool ok = true;
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  if (!ok) {
    const timespec zero{0, 0};
    sigtimedwait(&pipe_set, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return ok;
}

std::string tail(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  while (pos > 0 && (text[pos - 1] == '\n' || text[pos - 1] == '\r')) --pos;
  std::size_t at = pos;
  for (std::size_t k = 0; k < lines && at > 0; ++k) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) {
      at = 0;
      break;
    }
  }
  std::string t = text.substr(at, pos - at);
  while (!t.empty() && t.front() == '\n') t.erase(t.begin());
  return t;
}

}  // namespace

std::unique_ptr<VideoWriter> VideoWriter::start(Codec codec, int width, int height, int fps, std::string& error) {
  const std::string ffmpeg = find_ffmpeg();
  if (ffmpeg.empty()) {
    error = std::string(codec == Codec::mp4 ? "MP4" : "WebM") +
            " needs the ffmpeg program, which is not on PATH (Debian: apt install ffmpeg); "
            "--format gif needs nothing more";
    return nullptr;
  }
  std::unique_ptr<VideoWriter> v(new VideoWriter());
  v->width_ = width;
  v->height_ = height;
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/trioscope-video-XXXXXX";
  if (!::mkdtemp(dir.data())) {
    error = "cannot make a temporary folder for ffmpeg: " + std::string(std::strerror(errno));
    return nullptr;
  }
  v->dir_ = dir;
  v->out_ = dir + (codec == Codec::mp4 ? "/out.mp4" : "/out.webm");
  v->log_ = dir + "/ffmpeg.log";
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  std::vector<std::string> args = {ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
                                   "-pix_fmt", "bgr0", "-s", size, "-framerate", std::to_string(fps), "-i", "pipe:0",
                                   // Even sizes, which 4:2:0 video needs.
                                   "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"};
  if (codec == Codec::mp4) {
    for (const char* a : {"-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags",
                          "+faststart"})
      args.push_back(a);
  } else {
    for (const char* a : {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1", "-b:v", "0",
                          "-crf", "33", "-pix_fmt", "yuv420p"})
      args.push_back(a);
  }
  args.push_back(v->out_);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error = "cannot start ffmpeg: " + std::string(std::strerror(errno));
    return nullptr;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
  posix_spawn_file_actions_addopen(&fa, 1, v->log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, ffmpeg.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[0]);
  if (rc != 0) {
    ::close(fds[1]);
    error = "cannot start " + ffmpeg + ": " + std::strerror(rc);
    return nullptr;
  }
  v->pid_ = pid;
  v->pipe_ = fds[1];
  return v;
}

VideoWriter::~VideoWriter() { stop(); }

void VideoWriter::stop() {
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

bool VideoWriter::add(const Raster& frame, int frames, std::string& error) {
  if (pipe_ < 0) {
    error = "ffmpeg has stopped";
    return false;
  }
  const std::size_t row_bytes = static_cast<std::size_t>(width_) * 4;
  for (int k = 0; k < frames; ++k) {
    bool ok = true;
    if (static_cast<std::size_t>(frame.stride()) == row_bytes) {
      ok = write_all(pipe_, reinterpret_cast<const char*>(frame.row(0)), row_bytes * static_cast<std::size_t>(height_));
    } else {
      for (int y = 0; ok && y < height_; ++y) ok = write_all(pipe_, reinterpret_cast<const char*>(frame.row(y)), row_bytes);
    }
    if (!ok) {
      std::string log;
      (void)finish(log);
      error = "ffmpeg stopped reading frames" + (log.empty() ? std::string() : ": " + log);
      return false;
    }
  }
  return true;
}

std::string VideoWriter::finish(std::string& error) {
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
  int status = 0;
  if (pid_ > 0) {
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  std::string bytes;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    scenario::ReadResult r = scenario::read_text_file(out_, std::size_t(1) << 34);
    if (r.ok) bytes = std::move(r.text);
    else error = "cannot read what ffmpeg wrote: " + r.error;
  } else {
    scenario::ReadResult r = scenario::read_text_file(log_, 1 << 20);
    error = "ffmpeg failed" + (r.ok && !r.text.empty() ? ": " + tail(r.text, 3) : std::string());
  }
  stop();
  return bytes;
}

}  // namespace trioscope::exporting
