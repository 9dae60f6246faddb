// The parsed form of a scenario file (../shared/spec/scenario-format.md).
//
// The loader builds it from JSON or from Trio Python and validates it; the interpreter runs
// it on the engine; the Python listing shows it. Every statement keeps where it came from
// (JSON pointer and line:column in the file) and which line of Python shows it: for a JSON
// file a line of the Python listing, for a Python file a line of that file.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace trioscope::scenario {

// A place in the scenario file.
struct FilePos {
  std::string pointer;    // RFC 6901 JSON pointer, "/functions/child/body/1" (for a Python file:
                          // the pointer the same value has in the scenario's JSON form)
  std::uint32_t line = 0;    // 1-based, 0 if unknown
  std::uint32_t column = 0;  // 1-based; JSON: in bytes; Python: in characters, as Python counts
};

// What a scenario was read from.
enum class SourceKind : std::uint8_t { json, python };

// A literal or a `$variable` reference.
struct Expr {
  bool is_var = false;
  std::string var;      // without the `$`
  trio::Value literal;  // None, bool, int64, double or string
};

// One piece of a print template: literal text, or `{name.attr!r:spec}`.
struct TemplatePart {
  bool is_field = false;
  std::string text;      // literal text (braces already unescaped)
  std::string var;       // field: variable name
  std::string attr;      // field: "cancelled_caught", "cancel_called" or ""
  char conversion = 0;   // 0, 'r' or 's'
  std::string spec;      // format spec after ':' ("" for none)
};

struct Statement;
using Block = std::vector<Statement>;

struct Handler {
  std::vector<std::string> types;  // empty: BaseException
  std::string as;                  // "" if none
  Block body;
  FilePos pos;
  std::uint32_t py_line = 0;       // the `except ...:` line
};

enum class Op : std::uint8_t {
  print, sleep, checkpoint, sleep_forever, block, raise, reraise, open_nursery, start_soon,
  start, started, call, move_on_after, fail_after, cancel_scope, cancel, repeat, try_,
  comment,  // `# text`: shown in the listing, no effect at run time
};

struct Statement {
  Op op = Op::print;
  FilePos pos;
  std::uint32_t py_line = 0;  // its line in the Python text (block header for blocks)

  // print
  std::vector<TemplatePart> parts;
  // sleep / block / move_on_after / fail_after / repeat count / started value / cancel target
  Expr value;
  // raise: exception type (or value.is_var for `raise $e`) and optional message
  std::string exc_type;
  std::optional<std::string> message;
  // open_nursery / cancel_scope: the bound name; move_on_after / fail_after / start / repeat: `as`
  std::string name;
  std::optional<bool> strict_exception_groups;  // open_nursery
  bool shield = false;                           // move_on_after / fail_after / cancel_scope
  // start_soon / start / call
  std::string function;
  std::vector<Expr> args;
  std::optional<std::string> task_name;  // start_soon / start `name`
  std::string nursery = "nursery";       // start_soon / start target variable (without `$`)
  // blocks
  Block body;         // open_nursery, scopes, repeat; `try` body for try_
  std::vector<Handler> handlers;
  bool star = false;  // try_: `except*` instead of `except`
  std::optional<Block> else_body;
  std::optional<Block> finally_body;
  std::uint32_t else_py_line = 0, finally_py_line = 0;
  // comment: the text after `# ` (one line)
  std::string comment;
};

struct Function {
  std::string name;
  std::vector<std::string> params;
  Block body;
  bool uses_task_status = false;  // contains `started`: gets a task_status parameter
  FilePos pos;
  std::uint32_t py_line = 0;      // the `async def` line
};

// A teacher's own question for the teaching mode (the optional `questions` list): asked
// before the step `at` names, with 2 to 4 choices, one of them right.
struct AuthoredChoice {
  std::string text;
  std::string why;  // why it is wrong ("" for none, and for the right one)
};
struct AuthoredQuestion {
  std::string at;  // a step as --step names it: N, last, KIND[:N]
  std::string prompt;
  std::vector<AuthoredChoice> choices;
  std::size_t answer = 0;  // the right choice
  FilePos pos;
};

struct Settings {
  bool strict_exception_groups = true;
  std::string scheduling = "fifo";  // "fifo" | "random"
  std::uint64_t seed = 0;
};

struct Scenario {
  std::string path;  // where it was loaded from ("-" for stdin), for messages
  // JSON: py_line numbers the lines of the Python listing (to_python). Python: they are the
  // lines of the file itself, which is then the listing to show.
  SourceKind source = SourceKind::json;
  int version = 1;
  std::string title, description;
  Settings settings;
  std::vector<Function> functions;  // in file order
  std::string main;
  std::vector<std::string> custom_exceptions;  // CapWords names that become `class X(Exception)`
  std::vector<AuthoredQuestion> questions;     // in file order; none: the generated ones only

  const Function* find(const std::string& name) const;
};

// ---- walking the tree (const or not) ---------------------------------------------------

// f(block, is_handler_body) for each block directly under `st`: body, handlers, else, finally.
template <class S, class F>
void for_each_child_block(S& st, F&& f) {
  f(st.body, false);
  for (auto& h : st.handlers) f(h.body, true);
  if (st.else_body) f(*st.else_body, false);
  if (st.finally_body) f(*st.finally_body, false);
}

// f(statement) for every statement in `b` and below it, each before the ones inside it.
template <class B, class F>
void for_each_statement(B& b, F&& f) {
  for (auto& st : b) {
    f(st);
    for_each_child_block(st, [&](auto& inner, bool) { for_each_statement(inner, f); });
  }
}

}  // namespace trioscope::scenario
