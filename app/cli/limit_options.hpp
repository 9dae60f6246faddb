// The run limits as command-line flags, shared by every command that runs a scenario
// (run, explore, export): --max-events N (also --budget N), --max-statements N,
// --max-tasks N, --max-depth N, --max-output BYTES, --max-line BYTES,
// --max-format-width N, --max-memory BYTES. Byte counts take K, M or G (KiB, MiB, GiB).
#pragma once

#include <string>
#include <vector>

#include "core/limits.hpp"

namespace trioscope::cli {

enum class LimitOption : unsigned char { not_a_limit, taken, bad };

// If args[i] is a limit flag, reads its value (args[i + 1], or after `=`), sets it in
// `limits`, moves `i` past it and returns taken; a bad or missing value returns bad with
// `error` saying why. Anything else: not_a_limit, nothing changed.
LimitOption parse_limit_option(const std::vector<std::string>& args, std::size_t& i, trio::RunLimits& limits,
                               std::string& error);

// The flags and their defaults, for a command's --help.
std::string limit_options_help();

}  // namespace trioscope::cli
