// Inside python_parser: the parser's class, shared by python_parser.cpp (the module, its
// statements and compound statements) and python_expressions.cpp (expressions, atoms, strings
// and f-strings). The grammar and its error messages are described in python_parser.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/python_parser.hpp"
#include "scenario/python_strings.hpp"

namespace trioscope::scenario::python::parsing {

struct Issue {
  SyntaxIssue s;
  bool from_lexer = false;  // the tokenizer's error, met by the parser
};

inline bool is_hard_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 35> kw = {
      "False", "None",  "True",  "and",    "as",       "assert", "async",  "await", "break",
      "class", "continue", "def", "del",    "elif",     "else",   "except", "finally", "for",
      "from",  "global", "if",    "import", "in",       "is",     "lambda", "nonlocal", "not",
      "or",    "pass",  "raise", "return", "try",      "while",  "with",   "yield"};
  return std::find(kw.begin(), kw.end(), w) != kw.end();
}

inline bool is_soft_keyword(std::string_view w) { return w == "_" || w == "match" || w == "case"; }

// What CPython calls an expression in "cannot assign to %s" (_PyPegen_get_expr_name).
inline std::string expr_name(const Expr& e) {
  switch (e.kind) {
    case ExprKind::attribute: return "attribute";
    case ExprKind::subscript: return "subscript";
    case ExprKind::starred: return "starred";
    case ExprKind::name: return "name";
    case ExprKind::list: return "list";
    case ExprKind::tuple: return "tuple";
    case ExprKind::lambda: return "lambda";
    case ExprKind::call: return "function call";
    case ExprKind::boolop:
    case ExprKind::binary:
    case ExprKind::unary:
    case ExprKind::not_: return "expression";
    case ExprKind::genexp: return "generator expression";
    case ExprKind::yield: return "yield expression";
    case ExprKind::await_: return "await expression";
    case ExprKind::listcomp: return "list comprehension";
    case ExprKind::setcomp: return "set comprehension";
    case ExprKind::dictcomp: return "dict comprehension";
    case ExprKind::dict: return "dict literal";
    case ExprKind::set: return "set display";
    case ExprKind::compare: return "comparison";
    case ExprKind::ifexp: return "conditional expression";
    case ExprKind::named: return "named expression";
    case ExprKind::string: return e.fstring ? "f-string expression" : "literal";
    case ExprKind::constant:
      if (e.text == "None" || e.text == "True" || e.text == "False") return std::string(e.text);
      if (e.text == "...") return "ellipsis";
      return "literal";
    default: return "literal";
  }
}

enum class TargetUse { assign, for_loop, with_as, del };

// The part of a target that cannot be assigned to, or null (_PyPegen_get_invalid_target).
inline const Expr* invalid_target(const Expr& e, TargetUse use) {
  switch (e.kind) {
    case ExprKind::tuple:
    case ExprKind::list:
      for (const auto& k : e.kids)
        if (const Expr* bad = invalid_target(k, use)) return bad;
      return nullptr;
    case ExprKind::starred:
      if (use == TargetUse::del) return &e;
      return invalid_target(e.kids[0], use);
    case ExprKind::name:
    case ExprKind::subscript:
    case ExprKind::attribute: return nullptr;
    default: return &e;
  }
}

// How deep an expression may nest. Python gives up on deep nesting too (a RecursionError or
// MemoryError while building its tree); this limit keeps the parser's own stack safe.
inline constexpr int kMaxDepth = 1000;

class Parser {
 public:
  Parser(const Lexed& lexed, std::deque<std::string>& storage) : lx_(lexed), t_(lexed.tokens), storage_(storage) {}

  Module file();

  // An f-string field's expression, read from its own little text `(expr)`.
  Expr sub_expression();

 private:
  const Token& peek(std::size_t ahead = 0);
  const Token& next();
  std::string_view text(const Token& t) const { return lx_.token_text(t); }
  // Token texts are short: comparing them by hand beats calling memcmp for each.
  static bool same(std::string_view a, std::string_view b);
  bool op(std::string_view o) { return peek().kind == Tok::op && same(text(peek()), o); }
  bool kw(std::string_view w) { return peek().kind == Tok::name && same(text(peek()), w); }
  bool kw_at(std::size_t ahead, std::string_view w);
  Pos end_of_last() const { return i_ ? t_[i_ - 1].end_pos : Pos{1, 1}; }

  [[noreturn]] void fail(Pos pos, std::string message, const char* type = "SyntaxError");
  [[noreturn]] void generic();
  [[noreturn]] void too_deep() {
    fail(peek().pos, "maximum recursion depth exceeded during ast construction", "RecursionError");
  }
  struct Deeper {  // one level of nesting, for as long as it lives
    explicit Deeper(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxDepth) p_.too_deep();
    }
    ~Deeper() { --p_.depth_; }
    Parser& p_;
  };
  void expect_op(std::string_view o);
  std::string_view expect_name();

  // Where an error "at the next statement" goes: its first token, or at the end of the
  // text the line break that ended the last line.
  Pos next_statement_pos();

  // ---- [SECTION] Statements -------------------------------------------------------------------

  void statement(std::vector<Stmt>& out);

  void simple_statements(std::vector<Stmt>& out);

  bool at_simple_end() { return peek().kind == Tok::newline || op(";"); }

  Stmt simple_statement();

  Alias dotted_as_name();

  void from_import(Stmt& s);

  static bool augmented(std::string_view o);

  void expression_statement(Stmt& s);

  // ---- [SECTION] Compound statements ----------------------------------------------------------

  // `:` after a header. CPython insists on it (`expected ':'`) after try, def, else and
  // finally whatever follows; after the others only when the line ends there.
  void colon(bool forced);

  // The body after a header's `:` on line `line`; `what` names the header in the message.
  void block(std::vector<Stmt>& out, const std::string& what, std::uint32_t line);

  Stmt compound();

  void if_statement(Stmt& s);

  void else_block(Stmt& s);

  void while_statement(Stmt& s);

  // Targets of `for` and of comprehensions: no comparisons, so `in` ends them.
  Expr star_targets(TargetUse use);

  void for_statement(Stmt& s);

  WithItem with_item();

  void with_statement(Stmt& s);

  void try_statement(Stmt& s);

  void def_statement(Stmt& s);

  // Parameters of a def (annotations allowed) or a lambda, up to `close`.
  void parameters(std::vector<Param>& out, std::string_view close, bool annotations);

  void class_statement(Stmt& s);

  // `match x:` with its `case` blocks. Nothing of it can be a scenario, so it is only read
  // far enough to be told apart from a mistake.
  bool looks_like_match();

  Stmt match_statement();

  // ---- [SECTION] Expressions ------------------------------------------------------------------

  static Expr node(ExprKind kind, Pos start);
  Expr finish(Expr e);

  bool starts_expression(const Token& t);
  bool starts_star_expression(const Token& t) { return starts_expression(t) || (t.kind == Tok::op && text(t) == "*"); }

  Expr star_expressions();

  Expr star_expression();

  Expr star_named_expression();

  // `condition`: an if/elif/while test, where `x = 1` gets its own message.
  Expr named_expression(bool condition);

  struct NoInvalid {  // while parsing the second half of a "forgot a comma" check
    explicit NoInvalid(int& n) : n_(n) { ++n_; }
    ~NoInvalid() { --n_; }
    int& n_;
  };

  Expr expression();

  // Two expressions side by side: CPython's invalid_legacy_expression and invalid_expression.
  void juxtaposed(const Expr& a, std::size_t start);

  Expr lambda();

  Expr disjunction();

  Expr conjunction();

  Expr inversion();

  bool comparison_op();

  Expr comparison();

  static int binary_precedence(std::string_view o);

  Expr bitwise_or() { return binary(1); }

  Expr binary(int min);

  Expr factor();

  Expr power();

  Expr await_primary();

  Expr primary();

  // After `(`: arguments into call.kids (after the function), then the `)`.
  void arguments(Expr& call);

  Expr slices();

  Expr slice();

  // `for x in xs if c ...` after the element of a comprehension.
  Expr comprehension(ExprKind kind, Expr element);

  Expr yield_expr();

  // ---- [SECTION] Atoms, strings and f-strings -------------------------------------------------

  Expr atom();

  Expr parenthesized();

  Expr bracketed();

  Expr braced();

  // The place of byte `offset` of the text.
  Pos pos_of(std::size_t offset) const;

  // Adjacent string tokens are one literal. Errors in it are reported, as CPython does, at
  // the token after it.
  Expr strings();

  void fstring(Expr& e, const Token& tok, std::string_view body, const StringForm& f);

  // Most fields are a name or a chain of them (`{name}`, `{scope.cancelled_caught}`): read
  // those here, as the full parse would, rather than tokenizing a little text for each.
  static std::optional<Expr> dotted_field(std::string_view text, Pos where);

  // Positions read in `(expr)` moved to where the expression is in the file.
  static void relocate(Expr& x, Pos where);

  const Lexed& lx_;
  const std::vector<Token>& t_;
  std::deque<std::string>& storage_;
  std::size_t i_ = 0;
  std::uint32_t last_line_ = 1;
  int no_invalid_ = 0;
  int depth_ = 0;

 public:
  std::size_t furthest_ = 0;  // the furthest token read, lookahead included (CPython's p->fill - 1)
  Pos named_escape_;
};

}  // namespace trioscope::scenario::python::parsing
