// `trioscope import FILE [-o OUT.json] [--force]`: a scenario, from Trio Python (or JSON), as
// JSON in the layout the app saves (json_writer.hpp).
//
// OUT is written atomically: the JSON goes to a new file in OUT's folder, is flushed to the
// disk, and then takes OUT's name in one rename, so OUT is never half written and a failed
// write leaves whatever was there. An existing OUT is replaced only with --force: an import
// must not silently overwrite a lesson someone edited by hand.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/cli.hpp"
#include "scenario/json_writer.hpp"

namespace trioscope::cli {

namespace {

constexpr const char* kImportHelp =
    "usage: trioscope import [--force] [-o OUT.json] FILE\n"
    "\n"
    "Reads FILE, a Trio program (or a scenario in JSON; - reads standard input, either form),\n"
    "checks it as `validate` does, and writes it as a JSON scenario laid out the way the app\n"
    "saves one: to OUT.json with -o, else to standard output.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT  write OUT.json (atomically: a new file in the same folder, then renamed)\n"
    "  --force           replace OUT if it exists; without it an existing OUT is left alone\n"
    "\n"
    "exit status: 0 written, 2 invalid file or usage, OUT exists (without --force) or cannot\n"
    "be written.\n";

// Writes `text` to `path` through a temporary file and a rename; "" on success, else why not.
std::string write_atomically(const std::string& path, const std::string& text, bool force) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  if (fs::is_directory(target, ec)) return "it is a directory";
  if (!force && fs::exists(target, ec)) return "it exists already; use --force to replace it";
  std::string tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmp.data());
  if (fd < 0) return std::string("cannot create a file in ") + dir.string() + ": " + std::strerror(errno);
  auto fail = [&](const char* what) {
    std::string why = std::string(what) + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    unlink(tmp.c_str());
    return why;
  };
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) return fail("cannot set its permissions");
  for (std::size_t done = 0; done < text.size();) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    done += std::size_t(n);
  }
  if (fsync(fd) != 0) return fail("cannot flush it to the disk");
  if (close(fd) != 0) {
    fd = -1;
    return fail("cannot close it");
  }
  fd = -1;
  if (force) {
    if (rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename the new file into place");
  } else if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
    // Some file systems cannot rename without replacing; a hard link refuses to replace too.
    if (errno == EEXIST) return fail("it exists already; use --force to replace it");
    if (link(tmp.c_str(), path.c_str()) != 0) return fail(errno == EEXIST ? "it exists already; use --force to replace it"
                                                                             : "cannot move the new file into place");
    unlink(tmp.c_str());
  }
  // The rename itself is only durable once the folder is.
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return "";
}

}  // namespace

int import_command(const std::vector<std::string>& args) {
  std::string path, out;
  bool force = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kImportHelp, stdout);
      return kOk;
    }
    if (a == "--force") {
      force = true;
    } else if (a == "-o" || a == "--output") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "trioscope import: %s needs a file name (see --help)\n", a.c_str());
        return kUsage;
      }
      out = args[++i];
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope import: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "trioscope import: one FILE at a time (got '%s' and '%s')\n", path.c_str(), a.c_str());
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope import: which program? (usage: trioscope import [-o OUT.json] FILE)\n", stderr);
    return kUsage;
  }
  auto loaded = load_or_report(path);
  if (!loaded) return kUsage;
  if (const auto losses = scenario::json_losses(*loaded); !losses.empty()) {
    for (const auto& l : losses) std::fprintf(stderr, "%s:%u:1: error: %s\n", path.c_str(), l.py_line, l.message.c_str());
    return kUsage;
  }
  std::string json = scenario::to_json_text(*loaded);
  if (out.empty() || out == "-") {
    std::fputs(json.c_str(), stdout);
    return kOk;
  }
  if (std::string why = write_atomically(out, json, force); !why.empty()) {
    std::fprintf(stderr, "trioscope import: cannot write %s: %s\n", out.c_str(), why.c_str());
    return kUsage;
  }
  return kOk;
}

}  // namespace trioscope::cli
