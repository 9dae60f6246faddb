#include "core/exception.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/runner_impl.hpp"
#include "core/text.hpp"

namespace trio {

const char* cancel_source_name(CancelSource s) {
  switch (s) {
    case CancelSource::explicit_: return "explicit";
    case CancelSource::deadline: return "deadline";
    case CancelSource::nursery: return "nursery";
    case CancelSource::unknown: return "unknown";
  }
  return "unknown";
}

// ---- the class hierarchy ---------------------------------------------------------------

namespace {

// Python 3.11's built-in exception tree (the parts a teaching scenario can name), plus
// Trio's two. ExceptionGroup has two bases; is_subclass handles that one case.
// Python 3.11's built-in exception tree (every class in builtins), plus Trio's two.
// ExceptionGroup has two bases; is_subclass handles that one case.
const std::unordered_map<std::string, std::string>& parents() {
  static const std::unordered_map<std::string, std::string> p = {
      {"BaseException", ""},
      {"BaseExceptionGroup", "BaseException"},
      {"GeneratorExit", "BaseException"},
      {"KeyboardInterrupt", "BaseException"},
      {"SystemExit", "BaseException"},
      {"Cancelled", "BaseException"},
      {"Exception", "BaseException"},
      {"ExceptionGroup", "Exception"},
      {"ArithmeticError", "Exception"},
      {"ZeroDivisionError", "ArithmeticError"},
      {"OverflowError", "ArithmeticError"},
      {"FloatingPointError", "ArithmeticError"},
      {"AssertionError", "Exception"},
      {"AttributeError", "Exception"},
      {"BufferError", "Exception"},
      {"EOFError", "Exception"},
      {"ImportError", "Exception"},
      {"ModuleNotFoundError", "ImportError"},
      {"LookupError", "Exception"},
      {"IndexError", "LookupError"},
      {"KeyError", "LookupError"},
      {"MemoryError", "Exception"},
      {"NameError", "Exception"},
      {"UnboundLocalError", "NameError"},
      {"OSError", "Exception"},
      {"ConnectionError", "OSError"},
      {"BrokenPipeError", "ConnectionError"},
      {"ConnectionAbortedError", "ConnectionError"},
      {"ConnectionRefusedError", "ConnectionError"},
      {"ConnectionResetError", "ConnectionError"},
      {"FileExistsError", "OSError"},
      {"FileNotFoundError", "OSError"},
      {"InterruptedError", "OSError"},
      {"IsADirectoryError", "OSError"},
      {"NotADirectoryError", "OSError"},
      {"PermissionError", "OSError"},
      {"ProcessLookupError", "OSError"},
      {"TimeoutError", "OSError"},
      {"BlockingIOError", "OSError"},
      {"ChildProcessError", "OSError"},
      {"ReferenceError", "Exception"},
      {"RuntimeError", "Exception"},
      {"NotImplementedError", "RuntimeError"},
      {"RecursionError", "RuntimeError"},
      {"StopAsyncIteration", "Exception"},
      {"StopIteration", "Exception"},
      {"SyntaxError", "Exception"},
      {"IndentationError", "SyntaxError"},
      {"TabError", "IndentationError"},
      {"SystemError", "Exception"},
      {"TypeError", "Exception"},
      {"ValueError", "Exception"},
      {"UnicodeError", "ValueError"},
      {"UnicodeDecodeError", "UnicodeError"},
      {"UnicodeEncodeError", "UnicodeError"},
      {"UnicodeTranslateError", "UnicodeError"},
      {"Warning", "Exception"},
      {"BytesWarning", "Warning"},
      {"DeprecationWarning", "Warning"},
      {"EncodingWarning", "Warning"},
      {"FutureWarning", "Warning"},
      {"ImportWarning", "Warning"},
      {"PendingDeprecationWarning", "Warning"},
      {"ResourceWarning", "Warning"},
      {"RuntimeWarning", "Warning"},
      {"SyntaxWarning", "Warning"},
      {"UnicodeWarning", "Warning"},
      {"UserWarning", "Warning"},
      {"TooSlowError", "Exception"},
  };
  return p;
}

}  // namespace

const std::string& class_name(const std::string& type) {
  static const std::string os_error = "OSError";
  return type == "IOError" || type == "EnvironmentError" ? os_error : type;
}

bool is_known_builtin(const std::string& type) { return parents().count(class_name(type)) > 0; }

std::string base_of(const std::string& type) {
  auto it = parents().find(class_name(type));
  if (it == parents().end()) return "Exception";  // a user's `class Name(Exception)`
  return it->second;
}

bool is_subclass(const std::string& type, const std::string& of_name) {
  const std::string& of = class_name(of_name);
  if (type == "ExceptionGroup" && of == "BaseExceptionGroup") return true;
  for (std::string t = class_name(type); !t.empty(); t = base_of(t))
    if (t == of) return true;
  return false;
}

bool is_instance(const PyException& e, const std::string& of) { return is_subclass(e.type, of); }
bool is_exception(const PyException& e) { return is_subclass(e.type, "Exception"); }
bool is_cancelled(const PyException& e) { return e.type == "Cancelled"; }

// ---- construction --------------------------------------------------------------------

Exc make_exc(std::string type, std::vector<Value> args) {
  auto e = std::make_shared<PyException>();
  e->type = class_name(type);
  e->args = std::move(args);
  return e;
}

Exc make_exc(std::string type, std::string message) {
  return make_exc(std::move(type), std::vector<Value>{Value(std::move(message))});
}

Exc make_cancelled(CancelSource source, std::string reason, std::string source_task) {
  auto e = std::make_shared<PyException>();
  e->type = "Cancelled";
  e->cancel_source = source;
  e->cancel_reason = std::move(reason);
  e->cancel_source_task = std::move(source_task);
  return e;
}

Exc make_group(std::string message, std::vector<Exc> members, bool loose) {
  auto e = std::make_shared<PyException>();
  bool all_exceptions = std::all_of(members.begin(), members.end(),
                                    [](const Exc& m) { return is_exception(*m); });
  e->type = all_exceptions ? "ExceptionGroup" : "BaseExceptionGroup";
  e->args = {Value(message)};
  e->message = std::move(message);
  e->exceptions = std::move(members);
  e->loose = loose;
  return e;
}

Exc wrap_for_except_star(const Exc& bare) {
  auto g = std::const_pointer_cast<PyException>(make_group("", {bare}));
  g->members_tuple = true;
  return g;
}

// ---- printing --------------------------------------------------------------------------

namespace {

// UnicodeEncodeError(encoding, object, start, end, reason).__str__, as CPython writes it.
std::string unicode_encode_error_str(const PyException& e) {
  auto* enc = std::get_if<std::string>(&e.args[0]);
  auto* obj = std::get_if<std::string>(&e.args[1]);
  auto* start = std::get_if<std::int64_t>(&e.args[2]);
  auto* end = std::get_if<std::int64_t>(&e.args[3]);
  auto* reason = std::get_if<std::string>(&e.args[4]);
  if (!enc || !obj || !start || !end || !reason) return "";
  std::u32string text = decode_utf8(*obj);
  std::string s = "'" + *enc + "' codec can't encode ";
  if (*end == *start + 1 && *start >= 0 && std::size_t(*start) < text.size())
    s += "character '" + escape_code_point(text[std::size_t(*start)]) + "' in position " + std::to_string(*start);
  else
    s += "characters in position " + std::to_string(*start) + "-" + std::to_string(*end - 1);
  return s + ": " + *reason;
}

}  // namespace

std::string exc_str(const PyException& e) {
  if (e.is_group()) {
    auto n = e.exceptions.size();
    return e.message + " (" + std::to_string(n) + (n == 1 ? " sub-exception)" : " sub-exceptions)");
  }
  if (is_cancelled(e)) {
    // Trio 0.31+: "cancelled due to <source>[ with reason <reason!r>][ from task <task>]".
    std::string s = std::string("cancelled due to ") + cancel_source_name(e.cancel_source);
    if (!e.cancel_reason.empty()) s += " with reason " + py_repr(Value(e.cancel_reason));
    if (!e.cancel_source_task.empty()) s += " from task " + e.cancel_source_task;
    return s;
  }
  if (e.type == "UnicodeEncodeError" && e.args.size() == 5) return unicode_encode_error_str(e);
  if (e.args.empty()) return is_subclass(e.type, "SyntaxError") ? "None" : "";
  if (e.args.size() == 1) return e.type == "KeyError" ? py_repr(e.args[0]) : py_str(e.args[0]);
  std::string s = "(";
  for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + py_repr(e.args[i]);
  return s + ")";
}

std::string exc_repr(const PyException& e) {
  if (e.is_group()) {
    std::string s = e.type + "(" + py_repr(Value(e.message)) + (e.members_tuple ? ", (" : ", [");
    for (std::size_t i = 0; i < e.exceptions.size(); ++i) s += (i ? ", " : "") + exc_repr(*e.exceptions[i]);
    if (e.members_tuple) return s + (e.exceptions.size() == 1 ? ",))" : "))");
    return s + "])";
  }
  if (is_cancelled(e)) {
    auto opt = [](const std::string& v) { return v.empty() ? std::string("None") : py_repr(Value(v)); };
    return std::string("Cancelled(source=") + py_repr(Value(std::string(cancel_source_name(e.cancel_source)))) +
           ", source_task=" + opt(e.cancel_source_task) + ", reason=" + opt(e.cancel_reason) + ")";
  }
  std::string s = e.type + "(";
  for (std::size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + py_repr(e.args[i]);
  return s + ")";
}

std::string canonical(const PyException& e) {
  if (e.is_group()) {
    std::vector<std::string> parts;
    for (auto& m : e.exceptions) parts.push_back(canonical(*m));
    std::sort(parts.begin(), parts.end());
    std::string s = e.type + "[";
    for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
    return s + "]";
  }
  if (is_cancelled(e)) return "Cancelled";
  return exc_repr(e);
}

// ---- groups ----------------------------------------------------------------------------

std::pair<Exc, Exc> split(const Exc& e, const std::function<bool(const PyException&)>& pred) {
  // A group of many members costs as much work as that many statements (`except*` in a loop
  // over a big group must still end within the statement limit).
  if (Runner* r = runner_or_null()) r->count_work(1);
  if (pred(*e)) return {e, nullptr};
  if (!e->is_group()) return {nullptr, e};
  std::vector<Exc> match, rest;
  for (auto& m : e->exceptions) {
    auto [a, b] = split(m, pred);
    if (a) match.push_back(a);
    if (b) rest.push_back(b);
  }
  auto part = [&](std::vector<Exc>& members) -> Exc {
    if (members.empty()) return nullptr;
    if (members.size() == e->exceptions.size() &&
        std::equal(members.begin(), members.end(), e->exceptions.begin()))
      return e;  // nothing was taken out: Python returns the group itself
    auto g = make_group(e->message, std::move(members), e->loose);
    return g;
  };
  return {part(match), part(rest)};
}

Exc derive(const PyException& like, std::vector<Exc> members) {
  return make_group(like.message, std::move(members), /*loose=*/false);
}

Exc collapse_exception_group(const Exc& group) {
  std::vector<Exc> members = group->exceptions;
  bool modified = false;
  for (auto& m : members) {
    if (m->is_group()) {
      Exc c = collapse_exception_group(m);
      if (c != m) {
        modified = true;
        m = c;
      }
    }
  }
  if (members.size() == 1 && group->loose) return members[0];
  if (modified) return derive(*group, std::move(members));
  return group;
}

void leaves(const Exc& e, std::vector<Exc>& out) {
  if (Runner* r = runner_or_null()) r->count_work(1);
  if (!e->is_group()) {
    out.push_back(e);
    return;
  }
  for (auto& m : e->exceptions) leaves(m, out);
}

}  // namespace trio
