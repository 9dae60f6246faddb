// Writing a file so that a crash, a full disk or a failed write never leaves half a file
// behind: the data goes to a temporary file in the same folder, which is flushed and
// synced, then renamed over the target (a rename within a folder is atomic). An existing
// file's permissions are kept. On failure the target is untouched and the temporary file
// is gone.
//
// Every file trioscope writes (settings, saved lessons, autosaves, exports) goes through
// here, and tests make writes fail at any stage through inject_write_fault().
#pragma once

#include <string>
#include <string_view>

namespace trioscope::document {

struct WriteResult {
  bool ok = false;
  std::string error;  // "cannot write /x/y.json: No space left on device"
};

WriteResult write_file_atomically(const std::string& path, std::string_view data);

// The test seam: the next `count` writes fail at `stage` with `error` (an errno value),
// as if the system had said so.
enum class WriteStage { open, write, sync, rename };
void inject_write_fault(WriteStage stage, int error, int count = 1);
void clear_write_faults();

}  // namespace trioscope::document
