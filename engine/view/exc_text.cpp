#include "view/exc_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/exception.hpp"
#include "view/text_cap.hpp"

namespace trioscope::view {

namespace {
// Whether the exception's own texts (its name and string arguments) are short enough to be
// shown whole; a longer one is described from shortened copies, so that a megabyte-long
// name costs the view no more than a short one.
bool short_texts(const trio::PyException& e) {
  std::size_t n = e.type.size() + e.message.size();
  for (const trio::Value& v : e.args)
    if (const auto* str = std::get_if<std::string>(&v)) n += str->size();
  return n <= kMaxShownBytes;
}

trio::PyException shortened_copy(const trio::PyException& e) {
  trio::PyException c;
  c.type = shown_text(e.type, kMaxShownBytes / 4);
  c.message = shown_text(e.message, kMaxShownBytes / 4);
  for (const trio::Value& v : e.args) {
    const auto* str = std::get_if<std::string>(&v);
    c.args.push_back(str ? trio::Value(shown_text(*str, kMaxShownBytes / 4)) : v);
  }
  c.cancel_source = e.cancel_source;
  return c;
}
}  // namespace

std::string describe_exc(const trio::PyException& e) {
  if (e.type == "Cancelled") return "Cancelled";
  if (!e.is_group()) return short_texts(e) ? trio::exc_repr(e) : trio::exc_repr(shortened_copy(e));
  std::string out = e.type + "(" + trio::py_repr(trio::Value{shown_text(e.message, kMaxShownBytes / 4)}) + ", [";
  for (std::size_t i = 0; i < e.exceptions.size(); ++i) {
    if (i) out += ", ";
    // A group of thousands is described by its first members and a count.
    if (out.size() > kMaxShownBytes) {
      out += "\xE2\x80\xA6 " + thousands(e.exceptions.size() - i) + " more";
      break;
    }
    out += e.exceptions[i] ? describe_exc(*e.exceptions[i]) : "None";
  }
  return out + "])";
}

namespace {
const trio::PyException* get(const trio::Trace& trace, std::int32_t exc) {
  if (exc < 0 || static_cast<std::size_t>(exc) >= trace.exceptions.size()) return nullptr;
  return trace.exceptions[exc].get();
}

std::string chip(const trio::PyException& e) {
  if (!e.is_group()) return shown_text(e.type, kMaxShownBytes / 4);
  std::string out = e.type + "[";
  for (std::size_t i = 0; i < e.exceptions.size(); ++i) {
    if (i) out += ", ";
    if (i == 3 && e.exceptions.size() > 4) {
      out += "+" + std::to_string(e.exceptions.size() - 3);
      break;
    }
    out += e.exceptions[i] ? chip(*e.exceptions[i]) : "None";
  }
  return out + "]";
}
}  // namespace

std::string describe_exc(const trio::Trace& trace, std::int32_t exc) {
  const auto* e = get(trace, exc);
  return e ? describe_exc(*e) : std::string();
}

std::string exc_type(const trio::Trace& trace, std::int32_t exc) {
  const auto* e = get(trace, exc);
  return e ? e->type : std::string();
}

std::string exc_chip(const trio::Trace& trace, std::int32_t exc) {
  const auto* e = get(trace, exc);
  return e ? chip(*e) : std::string();
}

std::string task_label(const trio::Trace& trace, std::int32_t task) {
  if (task < 0 || static_cast<std::size_t>(task) >= trace.tasks.size()) return "trio.run";
  const std::string& l = trace.tasks[task].label;
  return l.empty() ? "task " + std::to_string(task) : shown_text(l, kMaxShownBytes / 4);
}

std::string format_number(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  if (x == std::floor(x) && std::fabs(x) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  // Shortest of up to 17 significant digits that reads back as x, as Python's repr does.
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

std::string thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string join_names(const std::vector<std::string>& names, std::size_t shown, const char* others) {
  if (names.empty()) return "";
  if (names.size() == 1) return names[0];
  std::string out;
  if (names.size() > shown + 1) {
    for (std::size_t i = 0; i < shown; ++i) out += names[i] + ", ";
    out.resize(out.size() - 2);
    return out + " and " + thousands(names.size() - shown) + " " + others;
  }
  for (std::size_t i = 0; i + 1 < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + " and " + names.back();
}

}  // namespace trioscope::view
