#include "core/limits.hpp"

#include <array>
#include <charconv>
#include <limits>

namespace trio {

namespace {

constexpr std::uint64_t kNoMaximum = std::numeric_limits<std::uint64_t>::max();

const std::array<LimitInfo, 8> kTable = {{
    {Limit::events, &RunLimits::events, "event limit", "--max-events", "events",
     "A run stops after this many trace events.", true, 1, kNoMaximum},
    {Limit::statements, &RunLimits::statements, "statement limit", "--max-statements", "statements",
     "A run stops after this many interpreted statements (each turn of a loop counts, so an empty loop ends too).",
     true, 1, kNoMaximum},
    {Limit::tasks, &RunLimits::tasks, "task limit", "--max-tasks", "tasks",
     "A run stops when this many tasks are alive at once.", true, 1, kNoMaximum},
    {Limit::call_depth, &RunLimits::call_depth, "call depth limit", "--max-depth", "calls",
     "A call nested deeper than this raises RecursionError, as Python does past its recursion limit.", false, 1,
     // Deeper stacks of coroutine frames are not what Python allows either (its limit is
     // 1000 frames), and an exception leaving each of them costs the C++ runtime dearly.
     10'000},
    {Limit::output_bytes, &RunLimits::output_bytes, "output limit", "--max-output", "bytes",
     "A run stops when it has printed more than this many bytes in all.", true, 1, kNoMaximum},
    {Limit::line_bytes, &RunLimits::line_bytes, "line limit", "--max-line", "bytes",
     "A run stops at a print of a line longer than this many bytes.", true, 1, kNoMaximum},
    {Limit::format_width, &RunLimits::format_width, "format width limit", "--max-format-width", "characters",
     "A format field wider than this (or a float's precision above it) raises MemoryError().", false, 1,
     // Python's own limit: a width that does not fit in a signed 64-bit size.
     std::uint64_t(std::numeric_limits<std::int64_t>::max())},
    {Limit::memory_bytes, &RunLimits::memory_bytes, "memory limit", "--max-memory", "bytes",
     "A run stops when its trace and its live tasks hold more than this many bytes.", true, 1u << 20, kNoMaximum},
}};

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool counts_bytes(Limit l) { return l == Limit::output_bytes || l == Limit::line_bytes || l == Limit::memory_bytes; }

}  // namespace

std::span<const LimitInfo> limit_table() { return kTable; }

const LimitInfo& limit_info(Limit l) { return kTable[static_cast<std::size_t>(l) < kTable.size() ? static_cast<std::size_t>(l) : 0]; }

const char* limit_name(Limit l) { return limit_info(l).name; }

std::string limit_amount(Limit l, std::uint64_t value) {
  if (counts_bytes(l)) {
    // Whole binary units read best ("16 MiB"); anything else is given in bytes.
    if (value >= (1u << 30) && value % (1u << 30) == 0) return with_commas(value >> 30) + " GiB";
    if (value >= (1u << 20) && value % (1u << 20) == 0) return with_commas(value >> 20) + " MiB";
    if (value >= (1u << 10) && value % (1u << 10) == 0) return with_commas(value >> 10) + " KiB";
    return with_commas(value) + (value == 1 ? " byte" : " bytes");
  }
  std::string unit = limit_info(l).unit;
  if (value == 1) unit.pop_back();  // "1 event"
  return with_commas(value) + " " + unit;
}

std::string limit_diagnosis(Limit l, const RunLimits& limits) {
  const LimitInfo& info = limit_info(l);
  const std::string amount = limit_amount(l, limits.*info.field);
  const std::string which = std::string(" (the ") + info.name + ", " + info.flag + ")";
  switch (l) {
    case Limit::events:
      return "the run was stopped after " + amount + which + "; is there a loop that never ends?";
    case Limit::statements:
      return "the run was stopped after " + amount + which + "; is there a loop that never ends?";
    case Limit::tasks:
      return "the run was stopped when " + amount + " were alive at once" + which +
             "; does a task start tasks without end?";
    case Limit::output_bytes:
      return "the run was stopped when it had printed more than " + amount + which;
    case Limit::line_bytes:
      return "the run was stopped at a print of a line longer than " + amount + which;
    case Limit::memory_bytes:
      return "the run was stopped when its trace and tasks took more than " + amount + " of memory" + which;
    case Limit::call_depth:
    case Limit::format_width:
      break;
  }
  return "the run was stopped by its " + std::string(info.name) + " (" + amount + ", " + info.flag + ")";
}

bool parse_limit_value(Limit l, const std::string& text, std::uint64_t& out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || p == begin) return false;
  if (p != end) {
    if (!counts_bytes(l) || p + 1 != end) return false;
    int shift = 0;
    switch (*p) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      default: return false;
    }
    if (n > (std::numeric_limits<std::uint64_t>::max() >> shift)) return false;
    n <<= shift;
  }
  const LimitInfo& info = limit_info(l);
  if (n < info.minimum || n > info.maximum) return false;
  out = n;
  return true;
}

}  // namespace trio
