#include "cli/limit_options.hpp"

namespace trioscope::cli {

LimitOption parse_limit_option(const std::vector<std::string>& args, std::size_t& i, trio::RunLimits& limits,
                               std::string& error) {
  std::string flag = args[i], value;
  bool inline_value = false;
  if (const auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
    value = flag.substr(eq + 1);
    flag = flag.substr(0, eq);
    inline_value = true;
  }
  if (flag == "--budget") flag = "--max-events";  // the older name of the event limit
  for (const trio::LimitInfo& info : trio::limit_table()) {
    if (flag != info.flag) continue;
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        error = std::string(args[i]) + " needs a value (see --help)";
        return LimitOption::bad;
      }
      value = args[++i];
    }
    std::uint64_t n = 0;
    if (!trio::parse_limit_value(info.limit, value, n)) {
      const bool bytes = std::string(info.unit) == "bytes";
      error = flag + " takes a whole number" + (bytes ? " of bytes (K, M or G for KiB, MiB, GiB)" : "") + " from " +
              trio::limit_amount(info.limit, info.minimum) +
              (info.maximum < UINT64_MAX ? " to " + trio::limit_amount(info.limit, info.maximum) : std::string()) +
              ", not '" + value + "'";
      return LimitOption::bad;
    }
    limits.*info.field = n;
    return LimitOption::taken;
  }
  return LimitOption::not_a_limit;
}

namespace {
// `text` in lines of at most `width` columns, each after `indent` spaces but the first.
std::string wrapped(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line + "\n";
}
}  // namespace

std::string limit_options_help() {
  constexpr std::size_t kColumn = 30;
  std::string out =
      "limits (what one run may consume; most stop the run, with a message naming the\n"
      "limit, exit status 3):\n";
  const trio::RunLimits defaults;
  for (const trio::LimitInfo& info : trio::limit_table()) {
    std::string flag = std::string("  ") + info.flag + (std::string(info.unit) == "bytes" ? " BYTES" : " N");
    flag.append(flag.size() < kColumn ? kColumn - flag.size() : 1, ' ');
    out += flag + wrapped(std::string(info.description) + " Default: " +
                              trio::limit_amount(info.limit, defaults.*info.field) + ".",
                          kColumn, 92);
  }
  out += std::string("  --budget N") + std::string(kColumn - 12, ' ') + "the same as --max-events N\n";
  return out;
}

}  // namespace trioscope::cli
