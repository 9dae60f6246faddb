#include "view/traceback_text.hpp"

namespace trioscope::view {

namespace {

// Python's limits on what a group prints (traceback.TracebackException).
constexpr std::size_t kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

// The note Trio adds to a "loose" group (strict_exception_groups=False), printed as a note.
constexpr const char* kLooseNote =
    "This is a \"loose\" ExceptionGroup, and may be collapsed by Trio if it only contains one exception - "
    "typically after `Cancelled` has been stripped from it. Note this has consequences for exception handling, "
    "and strict_exception_groups=True is recommended.";

// The class as Python's traceback names it: its module unless builtins or __main__.
std::string qualified(const std::string& type) {
  if (type == "Cancelled" || type == "TooSlowError") return "trio." + type;
  return type;
}

struct Printer {
  std::vector<std::string> out;
  int depth = 0;        // exception_group_depth
  bool need_close = false;

  std::string indent() const { return std::string(static_cast<std::size_t>(2 * depth), ' '); }
  void emit(const std::string& text, char margin = '|') {
    std::string prefix = indent();
    if (depth) prefix += std::string(1, margin) + " ";
    // Every line of the text gets the margin (textwrap.indent with a predicate that is true).
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t nl = text.find('\n', start);
      const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      out.push_back(prefix + line);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  void exception_only(const trio::PyException& e) {
    const std::string msg = trio::exc_str(e);
    emit(qualified(e.type) + (msg.empty() ? "" : ": " + msg));
    if (e.is_group() && e.loose) emit(kLooseNote);
  }
  void format(const trio::PyException& e) {
    if (!e.is_group()) {
      exception_only(e);
      return;
    }
    if (depth > kMaxGroupDepth) {
      emit("... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")");
      return;
    }
    const bool toplevel = depth == 0;
    if (toplevel) ++depth;
    exception_only(e);
    const std::size_t count = e.exceptions.size();
    const std::size_t n = count <= kMaxGroupWidth ? count : kMaxGroupWidth + 1;
    need_close = false;
    for (std::size_t i = 0; i < n; ++i) {
      const bool last = i == n - 1;
      if (last) need_close = true;
      const bool truncated = i >= kMaxGroupWidth;
      const std::string title = truncated ? "..." : std::to_string(i + 1);
      out.push_back(indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------");
      ++depth;
      if (!truncated) {
        format(*e.exceptions[i]);
      } else {
        const std::size_t more = count - kMaxGroupWidth;
        emit("and " + std::to_string(more) + " more exception" + (more > 1 ? "s" : ""));
      }
      if (last && need_close) {
        out.push_back(indent() + "+------------------------------------");
        need_close = false;
      }
      --depth;
    }
    if (toplevel) depth = 0;
  }
};

}  // namespace

std::vector<std::string> python_traceback_lines(const trio::PyException& e) {
  Printer p;
  p.format(e);
  return std::move(p.out);
}

}  // namespace trioscope::view
