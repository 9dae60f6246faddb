// Python exceptions as immutable values.
//
// A Trio program's exceptions are ordinary Python objects: a type with a place in the
// class hierarchy, constructor args, and for exception groups a message and members.
// The engine raises them as C++ exceptions (`trio::Error`) so that `try`/`catch` and
// coroutine unwinding do the work, and the same `Exc` pointer travels unchanged, which
// gives a bare `raise` Python's identity semantics.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "value.hpp"

namespace trio {

// Why a cancel scope was cancelled (Trio 0.31's Cancelled.source).
enum class CancelSource : std::uint8_t { explicit_, deadline, nursery, unknown };
const char* cancel_source_name(CancelSource s);

struct PyException {
  std::string type;           // "ValueError", "Cancelled", "ExceptionGroup", a custom name...
  std::vector<Value> args;    // constructor args, for repr and str
  // Groups only: BaseExceptionGroup(message, exceptions). `type` is "ExceptionGroup" when
  // every member is an Exception, else "BaseExceptionGroup" (Python picks the class).
  std::string message;
  std::vector<Exc> exceptions;
  // Trio's NONSTRICT_EXCEPTIONGROUP_NOTE: a "loose" group that may be collapsed once
  // Cancelled has been split out of it (strict_exception_groups=False).
  bool loose = false;
  // Python's repr shows the members as they were passed: a tuple for the group that
  // except* wraps a bare exception in, a list everywhere else.
  bool members_tuple = false;
  // Cancelled only (Trio 0.31+): where the cancellation came from, for str(), repr() and
  // captions. source_task is Trio's task repr minus its memory address.
  CancelSource cancel_source = CancelSource::unknown;
  std::string cancel_reason;
  std::string cancel_source_task;
  // Trace bookkeeping, written by the runner: the event where this exception was first
  // raised, its index in Trace::exceptions, and for Cancelled the trace id of the scope
  // whose cancellation it carries (-1: none the trace shows).
  mutable std::int32_t raised_event = -1;
  mutable std::int32_t trace_index = -1;
  mutable std::int32_t origin_scope = -1;

  bool is_group() const { return type == "ExceptionGroup" || type == "BaseExceptionGroup"; }
};

// The payload of a C++ `throw`: a Python exception in flight.
struct Error : std::exception {
  Exc exc;
  explicit Error(Exc e) : exc(std::move(e)) {}
  const char* what() const noexcept override { return "trio::Error (a Python exception)"; }
};

// ---- construction --------------------------------------------------------------------
Exc make_exc(std::string type, std::vector<Value> args = {});
Exc make_exc(std::string type, std::string message);
Exc make_cancelled(CancelSource source, std::string reason = {}, std::string source_task = {});
// BaseExceptionGroup(message, members): the class follows the members.
Exc make_group(std::string message, std::vector<Exc> members, bool loose = false);
// What `except*` matches a bare exception against: ExceptionGroup('', (e,)).
Exc wrap_for_except_star(const Exc& bare);

// ---- the class hierarchy ---------------------------------------------------------------
// Python's built-in exceptions, Trio's Cancelled (a BaseException) and TooSlowError (an
// Exception); any other CapWords name is a `class Name(Exception)`.
bool is_known_builtin(const std::string& type);
// The class a built-in name stands for: IOError and EnvironmentError are OSError.
const std::string& class_name(const std::string& type);
std::string base_of(const std::string& type);  // "" above BaseException
bool is_subclass(const std::string& type, const std::string& of);
bool is_instance(const PyException& e, const std::string& of);  // groups included
bool is_exception(const PyException& e);  // isinstance(e, Exception)
bool is_cancelled(const PyException& e);

// ---- printing --------------------------------------------------------------------------
std::string exc_str(const PyException& e);   // str(e)
std::string exc_repr(const PyException& e);  // repr(e)
// The transcript's canonical form: `ValueError('x')`, `Cancelled`,
// `ExceptionGroup[KeyError('k'), ValueError('v')]` (members sorted as strings).
std::string canonical(const PyException& e);

// ---- groups ----------------------------------------------------------------------------
// BaseExceptionGroup.split(pred): (matching, rest), keeping the nesting; either may be null.
// Like Python, split copies the "loose" note onto both halves.
std::pair<Exc, Exc> split(const Exc& e, const std::function<bool(const PyException&)>& pred);
// Trio's collapse_exception_group: single-member loose groups give way to their member.
Exc collapse_exception_group(const Exc& group);
// A group made from `members` with the message of `like` (BaseExceptionGroup.derive:
// the note is not copied).
Exc derive(const PyException& like, std::vector<Exc> members);
// The leaves of a group tree (the exception itself if it is not a group).
void leaves(const Exc& e, std::vector<Exc>& out);

}  // namespace trio
