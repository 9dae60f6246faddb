// Inside python_import: the Python syntax tree -> Scenario, shared by python_import.cpp (the
// module, functions, comments) and python_statements.cpp (statements and values).
//
// Every node that cannot be a scenario is refused with a message that says why and what to
// write instead; lowering goes on past it, so that one run names every problem. Each
// statement gets the JSON pointer it has in the scenario's JSON form, and a Place that says
// where its parts are in the text, so that validation (which speaks in pointers) can be
// reported at the right line and column.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "scenario/ast.hpp"
#include "scenario/problems.hpp"
#include "scenario/python_import.hpp"
#include "scenario/python_lexer.hpp"
#include "scenario/python_syntax.hpp"

namespace trioscope::scenario::python {

// Where the parts of a statement, handler or function are.
struct Place {
  Pos at;       // the statement (handler, function) itself
  Pos op;       // its operation's value: the function started, the duration, the text, ...
  Pos as, nursery, name;
  Pos args_at;  // the arguments as a whole
  std::vector<Pos> args;
  std::vector<std::pair<std::string, Pos>> vars;  // print: where each variable it shows is
};

struct ImportProblem {
  Pos pos;
  std::string message;
};

// `x.cancel()` / `x.cancel_scope.cancel()` (and `{x.cancelled_caught}` ...): checked, once the
// whole program is known, against what `x` holds, as Python would fail on the wrong one.
struct ScopeUse {
  std::string function, var;
  bool through_cancel_scope = false;
  Pos pos;
  std::string written;  // for the message: "n.cancel()"
};

class Lowering {
 public:
  // `record_places`: keep the Place of every statement. Only a program with problems that
  // name pointers needs them, so a valid one is read without (and read again with them
  // when validation finds something).
  Lowering(const Lexed& lexed, const Module& module, bool record_places)
      : lx_(lexed), m_(module), record_places_(record_places) {}
  Scenario run();

  CappedList<ImportProblem> problems;  // size(): every problem; the first kMaxKept kept
  // What Python runs but is very likely not what was meant (a loop over range(-2)): the
  // program loads all the same. Apart from `problems`, whose count tells a statement's
  // lowering whether its header was refused.
  CappedList<ImportProblem> warnings;
  std::unordered_map<std::string, Place> places;  // by JSON pointer (when recorded)
  Pos main_pos;                                   // the function trio.run starts
  // Names that refused statements would have bound, and functions refused: validation's
  // "unknown variable / function" about them would only repeat what was already said.
  std::map<std::string, std::set<std::string>> refused_bindings;
  std::set<std::string> refused_functions;

 private:
  // ---- python_import.cpp: the module --------------------------------------------------
  void module_statement(const Stmt& s, bool first);
  void import(const Stmt& s);
  void exception_class(const Stmt& s);
  void trio_run(const Expr& call, const Stmt& s);
  void declare_function(const Stmt& s);
  void function(const Stmt& s, std::uint32_t stop_line);
  void docstring(const Expr& e);
  // comments
  void comments_before(std::uint32_t line, Block& out, const std::string& block_ptr);
  void comments_at_end(std::uint32_t stop_line, std::uint32_t indent, Block& out, const std::string& block_ptr);
  void module_comments_before(std::uint32_t line);
  void add_comment(const Comment& c, Block& out, const std::string& block_ptr);
  void settings_comment(const Comment& c, std::string_view text);
  void check_scope_uses(Scenario& sc);
  void find_module_uses();

  // ---- python_statements.cpp: bodies ---------------------------------------------------
 public:
  struct FunctionContext {
    const Stmt* def = nullptr;
    Function* fn = nullptr;
    std::set<std::string> locals;  // parameters and every name the body binds
    bool has_task_status = false;
  };

 private:
  void block(const std::vector<Stmt>& in, Block& out, const std::string& ptr, std::uint32_t stop_line);
  void statement(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line);
  void expression_statement(const Stmt& s, Block& out, const std::string& ptr);
  void awaited(const Stmt& s, const Expr& call, Block& out, const std::string& ptr);
  void call_statement(const Stmt& s, const Expr& call, Block& out, const std::string& ptr);
  void assignment(const Stmt& s, Block& out, const std::string& ptr);
  void raise(const Stmt& s, Block& out, const std::string& ptr);
  void with(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line);
  void for_loop(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line);
  void try_statement(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line);
  void print(const Expr& call, Statement& st, Place& place);
  void task_call(const Expr& call, Statement& st, Place& place, const char* method);
  bool print_field(const Expr& e, Pos at, std::string& out);
  std::optional<trio::Value> literal(const Expr& e, std::string& why);
  std::optional<scenario::Expr> value_of(const Expr& e, const char* what);
  std::optional<scenario::Expr> duration(const Expr& e, const char* call);
  std::optional<std::string> exception_type(const Expr& e);
  std::optional<std::string> bound_name(const Expr& target, const char* what);
  void gather_locals(const std::vector<Stmt>& body, std::set<std::string>& out);
  void refuse(Pos at, const std::string& message);
  void warn(Pos at, const std::string& message);
  void refuse_statement(const Stmt& s, const std::string& what);
  bool check_asyncio(const Expr& e);
  void note_module_use(const Expr& e);

  Statement& add(Block& out, const std::string& ptr, Op op, Pos at);
  Place& place(const std::string& pointer) {
    if (!record_places_) return scratch_ = Place{};
    return places[pointer];
  }
  std::string source(Pos from, Pos to) const;
  std::string call_text(const Expr& e) const { return source(e.start, e.end); }

  const Lexed& lx_;
  const Module& m_;
  bool record_places_;
  Place scratch_;
  Scenario sc_;
  FunctionContext fn_;
  std::size_t next_comment_ = 0;
  int depth_ = 0;  // blocks entered (a function's body is the first)
  std::vector<const Comment*> pending_comments_;  // module comments, for the next function
  std::map<std::string, Pos> functions_;               // async def name -> where
  std::map<std::string, std::vector<std::string>> params_of_;  // async def name -> its parameter names
  std::map<std::string, Pos> classes_;                 // exception classes the program declares
  bool imports_trio_ = false, imports_time_ = false;
  Pos first_trio_use_, first_time_use_;
  bool run_seen_ = false;
  std::vector<ScopeUse> scope_uses_;
};

// `a.b.c` for a chain of names and attributes, "" for anything else.
std::string dotted(const Expr& e);
// A string literal that is neither an f-string nor bytes.
inline bool is_plain_string(const Expr& e) { return e.kind == ExprKind::string && !e.fstring && !e.bytes; }
// The lines of a docstring as inspect.cleandoc gives them.
std::vector<std::string> clean_doc_lines(const std::string& doc);

// Small helpers of the two files that read a function's body.
namespace lowering {

inline std::string q(std::string_view s) { return "`" + std::string(s) + "`"; }

// "a while loop is not something a trioscope scenario can express; a trioscope function ..."
inline std::string not_expressible(const std::string& what) {
  return what + " is not something a trioscope scenario can express; " + kSupportedStatements;
}

inline std::string describe_statement(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::assign: return "an assignment";
    case StmtKind::augassign: return "an assignment (" + std::string(s.op) + ")";
    case StmtKind::annassign: return "an annotated assignment";
    case StmtKind::return_: return "return";
    case StmtKind::break_: return "break";
    case StmtKind::continue_: return "continue";
    case StmtKind::global: return "global";
    case StmtKind::nonlocal: return "nonlocal";
    case StmtKind::del: return "del";
    case StmtKind::assert_: return "assert";
    case StmtKind::import:
    case StmtKind::import_from: return "an import inside a function";
    case StmtKind::if_: return "an if statement";
    case StmtKind::while_: return "a while loop";
    case StmtKind::def: return "a function inside a function";
    case StmtKind::class_: return "a class inside a function";
    case StmtKind::match: return "a match statement";
    default: return "this statement";
  }
}

inline std::string describe_expression(const Expr& e) {
  switch (e.kind) {
    case ExprKind::name: return "a name on its own (" + q(e.text) + ")";
    case ExprKind::binary:
    case ExprKind::unary: return "arithmetic";
    case ExprKind::compare: return "a comparison";
    case ExprKind::boolop:
    case ExprKind::not_: return "a logical expression";
    case ExprKind::attribute: return "reading an attribute";
    case ExprKind::number:
    case ExprKind::constant: return "a value on its own";
    case ExprKind::lambda: return "a lambda";
    case ExprKind::yield: return "yield";
    default: return "this expression";
  }
}

inline std::string template_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

inline const Expr* keyword_arg(const Expr& call, std::string_view name) {
  for (std::size_t i = 1; i < call.kids.size(); ++i)
    if (call.kids[i].kind == ExprKind::keyword && call.kids[i].text == name) return &call.kids[i].kids[0];
  return nullptr;
}

inline std::vector<const Expr*> positional_args(const Expr& call) {
  std::vector<const Expr*> out;
  for (std::size_t i = 1; i < call.kids.size(); ++i)
    if (call.kids[i].kind != ExprKind::keyword && call.kids[i].kind != ExprKind::double_starred)
      out.push_back(&call.kids[i]);
  return out;
}

inline bool is_call_to(const Expr& e, std::string_view name) {
  return e.kind == ExprKind::call && dotted(e.kids[0]) == name;
}

// `getattr(x, "cancel_scope", x)`: the listing's way to reach the scope of a variable that
// may hold a nursery or a cancel scope. Returns x, or "".
inline std::string getattr_scope(const Expr& e) {
  if (!is_call_to(e, "getattr") || e.kids.size() != 4) return "";
  const Expr &a = e.kids[1], &b = e.kids[2], &c = e.kids[3];
  if (a.kind == ExprKind::name && c.kind == ExprKind::name && a.text == c.text && is_plain_string(b) &&
      b.value == "cancel_scope")
    return std::string(a.text);
  return "";
}

// `trio.lowlevel.current_clock().jump`: how a program exported in virtual time blocks.
inline bool is_clock_jump(const Expr& f) {
  return f.kind == ExprKind::attribute && f.text == "jump" && is_call_to(f.kids[0], "trio.lowlevel.current_clock") &&
         f.kids[0].kids.size() == 1;
}

inline std::string asyncio_suggestion(const std::string& f, const Expr* call, const std::string& text,
                               const std::string& args) {
  if (f == "asyncio.sleep") return "await trio.sleep(" + args + ")";
  if (f == "asyncio.run") {
    if (call && call->kids.size() == 2 && call->kids[1].kind == ExprKind::call &&
        call->kids[1].kids[0].kind == ExprKind::name)
      return "trio.run(" + std::string(call->kids[1].kids[0].text) + ")";
    return "trio.run(main)";
  }
  if (f == "asyncio.create_task" || f == "asyncio.gather" || f == "asyncio.ensure_future" || f == "asyncio.TaskGroup" ||
      f == "asyncio.wait")
    return "async with trio.open_nursery() as nursery:` and `nursery.start_soon(f, args...)";
  if (f == "asyncio.wait_for" || f == "asyncio.timeout") return "with trio.fail_after(seconds):` (or `trio.move_on_after";
  if (f == "asyncio.CancelledError") return "trio.Cancelled";
  if (f == "asyncio.TimeoutError") return "trio.TooSlowError";
  if (f == "asyncio.Event") return "trio.Event()";
  (void)text;
  return "";
}

}  // namespace lowering

}  // namespace trioscope::scenario::python
