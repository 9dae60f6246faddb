// The grammar is CPython 3.11's (Grammar/python.gram); the error messages are those of its
// `invalid_*` rules that a student meets, at the places CPython puts them:
//
//   expected ':' (forced after try/def/else/finally, before a line break after the others),
//   expected '(', expected an indented block after ..., unexpected indent / unindent,
//   expected 'except' or 'finally' block, cannot have both 'except' and 'except*' ...,
//   expected one or more exception types, multiple exception types must be parenthesized,
//   invalid syntax. Perhaps you forgot a comma?, Missing parentheses in call to 'print'...,
//   expected 'else' after 'if' expression, invalid syntax. Maybe you meant '==' or ':='...,
//   cannot assign to ... / cannot delete ..., ... is an illegal expression for augmented
//   assignment, illegal target for annotation, positional argument follows keyword argument,
//   Generator expression must be parenthesized, non-default argument follows default argument,
//   expression cannot contain assignment, and the f-string and escape errors.
//
// Anything else that is not Python is "invalid syntax" at the token where parsing stopped.
//
// [SECTION] Tokens and errors
// [SECTION] Statements
// [SECTION] Compound statements
// [SECTION] Expressions
// [SECTION] Atoms, strings and f-strings
// [SECTION] parse()
#include "scenario/python_parser.hpp"

#include <algorithm>
#include <array>
#include <deque>

#include "scenario/python_strings.hpp"

namespace trioscope::scenario::python {

namespace {

// ---- [SECTION] Tokens and errors ------------------------------------------------------------

struct Issue {
  SyntaxIssue s;
  bool from_lexer = false;  // the tokenizer's error, met by the parser
};

bool is_hard_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 35> kw = {
      "False", "None",  "True",  "and",    "as",       "assert", "async",  "await", "break",
      "class", "continue", "def", "del",    "elif",     "else",   "except", "finally", "for",
      "from",  "global", "if",    "import", "in",       "is",     "lambda", "nonlocal", "not",
      "or",    "pass",  "raise", "return", "try",      "while",  "with",   "yield"};
  return std::find(kw.begin(), kw.end(), w) != kw.end();
}

bool is_soft_keyword(std::string_view w) { return w == "_" || w == "match" || w == "case"; }

// What CPython calls an expression in "cannot assign to %s" (_PyPegen_get_expr_name).
std::string expr_name(const Expr& e) {
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
const Expr* invalid_target(const Expr& e, TargetUse use) {
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

class Parser {
 public:
  Parser(const Lexed& lexed, std::deque<std::string>& storage) : lx_(lexed), t_(lexed.tokens), storage_(storage) {}

  Module file() {
    Module m;
    while (peek().kind != Tok::end) statement(m.body);
    return m;
  }

  // An f-string field's expression, read from its own little text `(expr)`.
  Expr sub_expression() {
    expect_op("(");
    Expr e = kw("yield") ? yield_expr() : star_expressions();
    expect_op(")");
    if (peek().kind == Tok::newline) next();
    if (peek().kind != Tok::end) generic();
    return e;
  }

 private:
  const Token& peek(std::size_t ahead = 0) {
    std::size_t k = std::min(i_ + ahead, t_.size() - 1);
    furthest_ = std::max(furthest_, k);
    if (t_[k].kind == Tok::error) {
      // Meeting the tokenizer's error is raising it, as CPython's parser does on fetching it.
      throw Issue{*lx_.error, true};
    }
    return t_[k];
  }
  const Token& next() {
    const Token& t = peek();
    if (t.kind != Tok::indent && t.kind != Tok::dedent) last_line_ = t.end_pos.line;
    ++i_;
    return t;
  }
  std::string_view text(const Token& t) const { return lx_.token_text(t); }
  // Token texts are short: comparing them by hand beats calling memcmp for each.
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  bool op(std::string_view o) { return peek().kind == Tok::op && same(text(peek()), o); }
  bool kw(std::string_view w) { return peek().kind == Tok::name && same(text(peek()), w); }
  bool kw_at(std::size_t ahead, std::string_view w) {
    const Token& t = peek(ahead);
    return t.kind == Tok::name && text(t) == w;
  }
  Pos end_of_last() const { return i_ ? t_[i_ - 1].end_pos : Pos{1, 1}; }

  [[noreturn]] void fail(Pos pos, std::string message, const char* type = "SyntaxError") {
    throw Issue{SyntaxIssue{type, std::move(message), pos}, false};
  }
  [[noreturn]] void generic() {
    const Token& t = peek();
    if (t.kind == Tok::indent) fail({t.pos.line, t.indent_chars}, "unexpected indent", "IndentationError");
    if (t.kind == Tok::dedent) fail(t.pos, "unexpected unindent", "IndentationError");
    fail(t.pos, "invalid syntax");
  }
  void expect_op(std::string_view o) {
    if (!op(o)) generic();
    next();
  }
  std::string_view expect_name() {
    const Token& t = peek();
    if (t.kind != Tok::name || is_hard_keyword(text(t))) generic();
    next();
    return text(t);
  }

  // Where an error "at the next statement" goes: its first token, or at the end of the
  // text the line break that ended the last line.
  Pos next_statement_pos() {
    std::size_t k = i_;
    while (t_[k].kind == Tok::dedent) ++k;
    if (t_[k].kind == Tok::error) throw Issue{*lx_.error, true};
    if (t_[k].kind != Tok::end) return t_[k].pos;
    for (std::size_t j = i_; j-- > 0;)
      if (t_[j].kind == Tok::newline) return t_[j].pos;
    return t_[k].pos;
  }

  // ---- [SECTION] Statements -------------------------------------------------------------------

  void statement(std::vector<Stmt>& out) {
    const Token& t = peek();
    if (t.kind == Tok::name) {
      std::string_view w = text(t);
      if (w == "def" || w == "if" || w == "class" || w == "with" || w == "for" || w == "try" || w == "while" ||
          w == "async") {
        out.push_back(compound());
        return;
      }
      if (w == "match" && looks_like_match()) {
        out.push_back(match_statement());
        return;
      }
    } else if (t.kind == Tok::op && text(t) == "@") {
      out.push_back(compound());
      return;
    }
    simple_statements(out);
  }

  void simple_statements(std::vector<Stmt>& out) {
    while (true) {
      out.push_back(simple_statement());
      if (!op(";")) break;
      next();
      if (peek().kind == Tok::newline) break;
    }
    if (peek().kind != Tok::newline) generic();
    next();
  }

  bool at_simple_end() { return peek().kind == Tok::newline || op(";"); }

  Stmt simple_statement() {
    Stmt s;
    const Token& t = peek();
    s.start = t.pos;
    std::string_view w = t.kind == Tok::name ? text(t) : std::string_view();
    if (w == "pass" || w == "break" || w == "continue") {
      next();
      s.kind = w == "pass" ? StmtKind::pass : w == "break" ? StmtKind::break_ : StmtKind::continue_;
    } else if (w == "return") {
      next();
      s.kind = StmtKind::return_;
      if (!at_simple_end()) s.exprs.push_back(star_expressions());
    } else if (w == "raise") {
      next();
      s.kind = StmtKind::raise;
      if (!at_simple_end()) {
        s.exprs.push_back(expression());
        if (kw("from")) {
          next();
          s.exprs.push_back(expression());
        }
      }
    } else if (w == "global" || w == "nonlocal") {
      next();
      s.kind = w == "global" ? StmtKind::global : StmtKind::nonlocal;
      while (true) {
        Expr n;
        n.start = peek().pos;
        n.text = expect_name();
        n.end = end_of_last();
        s.exprs.push_back(std::move(n));
        if (!op(",")) break;
        next();
      }
    } else if (w == "del") {
      next();
      s.kind = StmtKind::del;
      Expr targets = star_expressions();
      if (const Expr* bad = invalid_target(targets, TargetUse::del)) fail(bad->start, "cannot delete " + expr_name(*bad));
      s.exprs.push_back(std::move(targets));
    } else if (w == "assert") {
      next();
      s.kind = StmtKind::assert_;
      s.exprs.push_back(expression());
      if (op(",")) {
        next();
        s.exprs.push_back(expression());
      }
    } else if (w == "import") {
      next();
      s.kind = StmtKind::import;
      while (true) {
        s.names.push_back(dotted_as_name());
        if (!op(",")) break;
        next();
      }
    } else if (w == "from") {
      from_import(s);
    } else {
      expression_statement(s);
    }
    s.end = end_of_last();
    s.last_line = last_line_;
    return s;
  }

  Alias dotted_as_name() {
    Alias a;
    a.pos = peek().pos;
    a.dotted = std::string(expect_name());
    while (op(".")) {
      next();
      a.dotted += "." + std::string(expect_name());
    }
    if (kw("as")) {
      next();
      a.as = expect_name();
    }
    return a;
  }

  void from_import(Stmt& s) {
    next();
    s.kind = StmtKind::import_from;
    while (op(".") || op("...")) s.module += text(next());
    if (!kw("import")) {
      s.module += expect_name();
      while (op(".")) {
        next();
        s.module += "." + std::string(expect_name());
      }
    }
    if (!kw("import")) generic();
    next();
    if (op("*")) {
      Alias a;
      a.pos = peek().pos;
      a.dotted = "*";
      next();
      s.names.push_back(a);
      return;
    }
    bool paren = op("(");
    if (paren) next();
    while (true) {
      Alias a;
      a.pos = peek().pos;
      a.dotted = std::string(expect_name());
      if (kw("as")) {
        next();
        a.as = expect_name();
      }
      s.names.push_back(std::move(a));
      if (!op(",")) break;
      next();
      if (paren && op(")")) break;
    }
    if (paren) expect_op(")");
  }

  static bool augmented(std::string_view o) {
    return o == "+=" || o == "-=" || o == "*=" || o == "/=" || o == "//=" || o == "%=" || o == "@=" || o == "&=" ||
           o == "|=" || o == "^=" || o == "<<=" || o == ">>=" || o == "**=";
  }

  void expression_statement(Stmt& s) {
    Expr e = kw("yield") ? yield_expr() : star_expressions();
    if (op("=")) {
      s.kind = StmtKind::assign;
      while (op("=")) {
        if (e.kind == ExprKind::yield) fail(e.start, "assignment to yield expression not possible");
        if (const Expr* bad = invalid_target(e, TargetUse::assign))
          fail(bad->start, "cannot assign to " + expr_name(*bad) + " here. Maybe you meant '==' instead of '='?");
        s.exprs.push_back(std::move(e));
        next();
        e = kw("yield") ? yield_expr() : star_expressions();
      }
      s.exprs.push_back(std::move(e));
    } else if (peek().kind == Tok::op && augmented(text(peek()))) {
      if (e.kind != ExprKind::name && e.kind != ExprKind::attribute && e.kind != ExprKind::subscript)
        fail(e.start, "'" + expr_name(e) + "' is an illegal expression for augmented assignment");
      s.kind = StmtKind::augassign;
      s.op = text(next());
      s.exprs.push_back(std::move(e));
      s.exprs.push_back(kw("yield") ? yield_expr() : star_expressions());
    } else if (op(":") && starts_expression(peek(1))) {
      if (e.kind == ExprKind::tuple || e.kind == ExprKind::list)
        fail(e.start, "only single target (not " + expr_name(e) + ") can be annotated");
      if (e.kind != ExprKind::name && e.kind != ExprKind::attribute && e.kind != ExprKind::subscript)
        fail(e.start, "illegal target for annotation");
      next();
      s.kind = StmtKind::annassign;
      s.exprs.push_back(std::move(e));
      s.exprs.push_back(expression());
      if (op("=")) {
        next();
        s.exprs.push_back(kw("yield") ? yield_expr() : star_expressions());
      }
    } else {
      s.kind = StmtKind::expr;
      s.exprs.push_back(std::move(e));
    }
  }

  // ---- [SECTION] Compound statements ----------------------------------------------------------

  // `:` after a header. CPython insists on it (`expected ':'`) after try, def, else and
  // finally whatever follows; after the others only when the line ends there.
  void colon(bool forced) {
    if (op(":")) {
      next();
      return;
    }
    if (forced || peek().kind == Tok::newline) fail(peek().pos, "expected ':'");
    generic();
  }

  // The body after a header's `:` on line `line`; `what` names the header in the message.
  void block(std::vector<Stmt>& out, const std::string& what, std::uint32_t line) {
    if (peek().kind != Tok::newline) {
      simple_statements(out);
      return;
    }
    next();
    const Token& t = peek();
    if (t.kind != Tok::indent) {
      std::string msg = "expected an indented block after " + what + " on line " + std::to_string(line);
      if (t.kind == Tok::dedent) fail({t.pos.line, t.pos.col - 1}, msg, "IndentationError");
      if (t.kind == Tok::end) fail(t_[i_ - 1].pos, msg, "IndentationError");
      fail(t.pos, msg, "IndentationError");
    }
    next();
    while (peek().kind != Tok::dedent && peek().kind != Tok::end) statement(out);
    if (peek().kind == Tok::dedent) next();
  }

  Stmt compound() {
    std::vector<Expr> decorators;
    while (op("@")) {
      next();
      decorators.push_back(named_expression(false));
      if (peek().kind != Tok::newline) generic();
      next();
    }
    Stmt s;
    const Token& first = peek();
    s.start = first.pos;
    std::string_view w = first.kind == Tok::name ? text(first) : std::string_view();
    if (!decorators.empty() && w != "def" && w != "class" && w != "async") generic();
    if (w == "async") {
      next();
      s.is_async = true;
      w = peek().kind == Tok::name ? text(peek()) : std::string_view();
      if (w != "def" && w != "with" && w != "for") generic();
    }
    if (w == "if") if_statement(s);
    else if (w == "while") while_statement(s);
    else if (w == "for") for_statement(s);
    else if (w == "with") with_statement(s);
    else if (w == "try") try_statement(s);
    else if (w == "def") def_statement(s);
    else if (w == "class") class_statement(s);
    else generic();
    s.decorators = std::move(decorators);
    s.last_line = last_line_;
    return s;
  }

  void if_statement(Stmt& s) {
    const Token& k = next();
    s.kind = StmtKind::if_;
    s.elif = text(k) == "elif";
    s.exprs.push_back(named_expression(true));
    colon(false);
    s.end = end_of_last();
    block(s.body, s.elif ? "'elif' statement" : "'if' statement", k.pos.line);
    if (kw("elif")) {
      Stmt e;
      e.start = peek().pos;
      if_statement(e);
      e.last_line = last_line_;
      s.orelse.push_back(std::move(e));
    } else if (kw("else")) {
      s.else_pos = peek().pos;
      std::uint32_t line = next().pos.line;
      colon(true);
      block(s.orelse, "'else' statement", line);
    }
  }

  void else_block(Stmt& s) {
    if (!kw("else")) return;
    s.else_pos = peek().pos;
    std::uint32_t line = next().pos.line;
    colon(true);
    block(s.orelse, "'else' statement", line);
  }

  void while_statement(Stmt& s) {
    std::uint32_t line = next().pos.line;
    s.kind = StmtKind::while_;
    s.exprs.push_back(named_expression(true));
    colon(false);
    s.end = end_of_last();
    block(s.body, "'while' statement", line);
    else_block(s);
  }

  // Targets of `for` and of comprehensions: no comparisons, so `in` ends them.
  Expr star_targets(TargetUse use) {
    auto one = [&] {
      if (op("*")) {
        Expr st;
        st.kind = ExprKind::starred;
        st.start = next().pos;
        st.kids.push_back(bitwise_or());
        st.end = end_of_last();
        return st;
      }
      return bitwise_or();
    };
    Expr first = one();
    if (op(",")) {
      Expr tuple;
      tuple.kind = ExprKind::tuple;
      tuple.start = first.start;
      tuple.kids.push_back(std::move(first));
      while (op(",")) {
        next();
        if (kw("in") || op("=")) break;
        tuple.kids.push_back(one());
      }
      tuple.end = end_of_last();
      first = std::move(tuple);
    }
    if (const Expr* bad = invalid_target(first, use)) fail(bad->start, "cannot assign to " + expr_name(*bad));
    return first;
  }

  void for_statement(Stmt& s) {
    std::uint32_t line = next().pos.line;
    s.kind = StmtKind::for_;
    s.exprs.push_back(star_targets(TargetUse::for_loop));
    if (!kw("in")) generic();
    next();
    s.exprs.push_back(star_expressions());
    colon(false);
    s.end = end_of_last();
    block(s.body, "'for' statement", line);
    else_block(s);
  }

  WithItem with_item() {
    WithItem item;
    item.context = expression();
    if (kw("as")) {
      next();
      Expr target = bitwise_or();
      if (const Expr* bad = invalid_target(target, TargetUse::with_as))
        fail(bad->start, "cannot assign to " + expr_name(*bad));
      item.target.push_back(std::move(target));
    }
    return item;
  }

  void with_statement(Stmt& s) {
    std::uint32_t line = next().pos.line;
    s.kind = StmtKind::with;
    bool done = false;
    if (op("(")) {
      // `with (a as b, c as d):` first; else the parenthesis belongs to an expression.
      std::size_t save = i_;
      try {
        next();
        std::vector<WithItem> items;
        while (true) {
          items.push_back(with_item());
          if (!op(",")) break;
          next();
          if (op(")")) break;
        }
        expect_op(")");
        if (!op(":")) generic();
        s.items = std::move(items);
        done = true;
      } catch (const Issue& e) {
        if (e.from_lexer) throw;
        i_ = save;
      }
    }
    if (!done) {
      while (true) {
        s.items.push_back(with_item());
        if (!op(",")) break;
        next();
      }
    }
    colon(false);
    s.end = end_of_last();
    block(s.body, "'with' statement", line);
  }

  void try_statement(Stmt& s) {
    std::uint32_t line = next().pos.line;
    s.kind = StmtKind::try_;
    colon(true);
    s.end = end_of_last();
    block(s.body, "'try' statement", line);
    while (kw("except")) {
      Handler h;
      const Token& k = next();
      h.pos = k.pos;
      if (op("*")) {
        next();
        h.star = true;
        if (op(":")) fail(peek().pos, "expected one or more exception types");
      }
      if (!op(":") && peek().kind != Tok::newline) {
        Expr type = expression();
        if (op(",")) {
          next();
          expression();
          fail(type.start, "multiple exception types must be parenthesized");
        }
        h.type.push_back(std::move(type));
        if (kw("as")) {
          next();
          h.name_pos = peek().pos;
          h.name = expect_name();
        }
      }
      if (!s.handlers.empty() && h.star != s.handlers.front().star && op(":"))
        fail(h.pos, "cannot have both 'except' and 'except*' on the same 'try'");
      colon(false);
      block(h.body, h.star ? "'except*' statement" : "'except' statement", k.pos.line);
      s.handlers.push_back(std::move(h));
    }
    if (s.handlers.empty() && !kw("finally")) fail(next_statement_pos(), "expected 'except' or 'finally' block");
    if (!s.handlers.empty()) else_block(s);
    if (kw("finally")) {
      s.finally_pos = peek().pos;
      std::uint32_t fline = next().pos.line;
      colon(true);
      block(s.finalbody, "'finally' statement", fline);
    }
  }

  void def_statement(Stmt& s) {
    const Token& k = next();
    s.kind = StmtKind::def;
    s.name_pos = peek().pos;
    s.name = expect_name();
    if (!op("(")) fail(peek().pos, "expected '('");
    next();
    parameters(s.params, ")", true);
    expect_op(")");
    if (op("->")) {
      next();
      s.returns.push_back(expression());
    }
    colon(true);
    s.end = end_of_last();
    block(s.body, "function definition", s.decorators.empty() ? k.pos.line : k.pos.line);
  }

  // Parameters of a def (annotations allowed) or a lambda, up to `close`.
  void parameters(std::vector<Param>& out, std::string_view close, bool annotations) {
    bool seen_default = false, after_star = false;
    while (!op(close)) {
      Param p;
      p.pos = peek().pos;
      if (op("/")) {
        next();
        p.kind = Param::slash;
      } else if (op("*")) {
        next();
        after_star = true;
        if (peek().kind == Tok::name && !is_hard_keyword(text(peek()))) {
          p.kind = Param::star_args;
          p.pos = peek().pos;
          p.name = expect_name();
          if (annotations && op(":")) {
            next();
            p.annotation.push_back(expression());
          }
        } else {
          p.kind = Param::bare_star;
        }
      } else if (op("**")) {
        next();
        p.kind = Param::star_kwargs;
        p.pos = peek().pos;
        p.name = expect_name();
        if (annotations && op(":")) {
          next();
          p.annotation.push_back(expression());
        }
      } else {
        p.name = expect_name();
        if (annotations && op(":")) {
          next();
          p.annotation.push_back(expression());
        }
        if (op("=")) {
          next();
          p.default_value.push_back(expression());
          seen_default = true;
        } else if (seen_default && !after_star) {
          fail(p.pos, "non-default argument follows default argument");
        }
      }
      out.push_back(std::move(p));
      if (!op(",")) break;
      next();
    }
  }

  void class_statement(Stmt& s) {
    const Token& k = next();
    s.kind = StmtKind::class_;
    s.name_pos = peek().pos;
    s.name = expect_name();
    if (op("(")) {
      next();
      Expr call;
      arguments(call);
      s.exprs = std::move(call.kids);
    }
    colon(false);
    s.end = end_of_last();
    block(s.body, "class definition", k.pos.line);
  }

  // `match x:` with its `case` blocks. Nothing of it can be a scenario, so it is only read
  // far enough to be told apart from a mistake.
  bool looks_like_match() {
    const Token& n = peek(1);
    bool subject = (n.kind == Tok::name && !is_hard_keyword(text(n))) || n.kind == Tok::number ||
                   n.kind == Tok::string || (n.kind == Tok::op && (text(n) == "(" || text(n) == "[" || text(n) == "{" ||
                                                                    text(n) == "-"));
    if (!subject) return false;
    for (std::size_t k = i_ + 1; k < t_.size() && t_[k].kind != Tok::error; ++k)
      if (t_[k].kind == Tok::newline) return t_[k - 1].kind == Tok::op && text(t_[k - 1]) == ":";
    return false;
  }

  Stmt match_statement() {
    Stmt s;
    s.kind = StmtKind::match;
    s.start = peek().pos;
    while (peek().kind != Tok::newline) next();
    s.end = end_of_last();
    next();
    if (peek().kind != Tok::indent)
      fail(peek().pos, "expected an indented block after 'match' statement on line " + std::to_string(s.start.line),
           "IndentationError");
    int depth = 0;
    do {
      const Token& t = next();
      if (t.kind == Tok::indent) ++depth;
      if (t.kind == Tok::dedent) --depth;
    } while (depth > 0 && peek().kind != Tok::end);
    s.last_line = last_line_;
    return s;
  }

  // ---- [SECTION] Expressions ------------------------------------------------------------------

  static Expr node(ExprKind kind, Pos start) {
    Expr e;
    e.kind = kind;
    e.start = start;
    return e;
  }
  Expr finish(Expr e) {
    e.end = end_of_last();
    return e;
  }

  bool starts_expression(const Token& t) {
    if (t.kind == Tok::number || t.kind == Tok::string) return true;
    if (t.kind == Tok::name) {
      std::string_view w = text(t);
      return !is_hard_keyword(w) || w == "True" || w == "False" || w == "None" || w == "not" || w == "lambda" ||
             w == "await";
    }
    if (t.kind == Tok::op) {
      std::string_view o = text(t);
      return o == "(" || o == "[" || o == "{" || o == "-" || o == "+" || o == "~" || o == "...";
    }
    return false;
  }
  bool starts_star_expression(const Token& t) { return starts_expression(t) || (t.kind == Tok::op && text(t) == "*"); }

  Expr star_expressions() {
    Expr first = star_expression();
    if (!op(",")) return first;
    Expr tuple = node(ExprKind::tuple, first.start);
    tuple.kids.push_back(std::move(first));
    while (op(",")) {
      next();
      if (!starts_star_expression(peek())) break;
      tuple.kids.push_back(star_expression());
    }
    return finish(std::move(tuple));
  }

  Expr star_expression() {
    if (!op("*")) return expression();
    Expr e = node(ExprKind::starred, next().pos);
    e.kids.push_back(bitwise_or());
    return finish(std::move(e));
  }

  Expr star_named_expression() {
    if (!op("*")) return named_expression(false);
    Expr e = node(ExprKind::starred, next().pos);
    e.kids.push_back(bitwise_or());
    return finish(std::move(e));
  }

  // `condition`: an if/elif/while test, where `x = 1` gets its own message.
  Expr named_expression(bool condition) {
    if (peek().kind == Tok::name && peek(1).kind == Tok::op && text(peek(1)) == ":=") {
      Expr e = node(ExprKind::named, peek().pos);
      Expr target = node(ExprKind::name, peek().pos);
      target.text = expect_name();
      e.kids.push_back(finish(std::move(target)));
      next();
      e.kids.push_back(expression());
      return finish(std::move(e));
    }
    Expr e = expression();
    if (condition && op("=")) {
      if (e.kind == ExprKind::name) {
        std::size_t save = i_;
        bool matched = false;
        try {
          next();
          bitwise_or();
          matched = !op("=") && !op(":=");
        } catch (const Issue& err) {
          if (err.from_lexer) throw;
        }
        if (matched) fail(e.start, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        i_ = save;
      } else if (e.kind != ExprKind::list && e.kind != ExprKind::tuple && e.kind != ExprKind::genexp &&
                 !(e.kind == ExprKind::constant && (e.text == "True" || e.text == "None" || e.text == "False"))) {
        fail(e.start, "cannot assign to " + expr_name(e) + " here. Maybe you meant '==' instead of '='?");
      }
    }
    return e;
  }

  struct NoInvalid {  // while parsing the second half of a "forgot a comma" check
    explicit NoInvalid(int& n) : n_(n) { ++n_; }
    ~NoInvalid() { --n_; }
    int& n_;
  };

  Expr expression() {
    if (kw("lambda")) return lambda();
    std::size_t start = i_;
    Expr a = disjunction();
    if (kw("if")) {
      next();
      Expr test = disjunction();
      if (!kw("else")) {
        if (op(":")) generic();
        fail(a.start, "expected 'else' after 'if' expression");
      }
      next();
      Expr e = node(ExprKind::ifexp, a.start);
      e.kids.push_back(std::move(a));
      e.kids.push_back(std::move(test));
      e.kids.push_back(expression());
      return finish(std::move(e));
    }
    if (no_invalid_ == 0 && starts_expression(peek())) juxtaposed(a, start);
    return a;
  }

  // Two expressions side by side: CPython's invalid_legacy_expression and invalid_expression.
  void juxtaposed(const Expr& a, std::size_t start) {
    std::size_t save = i_;
    auto second_parses = [&](bool star) {
      NoInvalid guard(no_invalid_);
      try {
        star ? star_expressions() : expression();
        return true;
      } catch (const Issue& e) {
        if (e.from_lexer) throw;
        return false;
      }
    };
    if (a.kind == ExprKind::name && (a.text == "print" || a.text == "exec")) {
      if (second_parses(true))
        fail(a.start, "Missing parentheses in call to '" + std::string(a.text) + "'. Did you mean " +
                          std::string(a.text) + "(...)?");
      i_ = save;
      return;
    }
    const Token& first = t_[start];
    bool excluded = (first.kind == Tok::name && t_[start + 1].kind == Tok::string) ||
                    (first.kind == Tok::name && is_soft_keyword(text(first)));
    if (excluded) return;
    bool inside = second_parses(false) && t_[i_ - 1].level > 0;
    i_ = save;
    if (inside) fail(a.start, "invalid syntax. Perhaps you forgot a comma?");
  }

  Expr lambda() {
    Expr e = node(ExprKind::lambda, next().pos);
    std::vector<Param> params;
    parameters(params, ":", false);
    expect_op(":");
    e.kids.push_back(expression());
    return finish(std::move(e));
  }

  Expr disjunction() {
    Expr a = conjunction();
    if (!kw("or")) return a;
    Expr e = node(ExprKind::boolop, a.start);
    e.text = "or";
    e.kids.push_back(std::move(a));
    while (kw("or")) {
      next();
      e.kids.push_back(conjunction());
    }
    return finish(std::move(e));
  }

  Expr conjunction() {
    Expr a = inversion();
    if (!kw("and")) return a;
    Expr e = node(ExprKind::boolop, a.start);
    e.text = "and";
    e.kids.push_back(std::move(a));
    while (kw("and")) {
      next();
      e.kids.push_back(inversion());
    }
    return finish(std::move(e));
  }

  Expr inversion() {
    if (!kw("not")) return comparison();
    Expr e = node(ExprKind::not_, next().pos);
    e.kids.push_back(inversion());
    return finish(std::move(e));
  }

  bool comparison_op() {
    if (peek().kind == Tok::op) {
      std::string_view o = text(peek());
      return o == "==" || o == "!=" || o == "<" || o == "<=" || o == ">" || o == ">=";
    }
    return kw("in") || kw("is") || (kw("not") && kw_at(1, "in"));
  }

  Expr comparison() {
    Expr a = bitwise_or();
    if (!comparison_op()) return a;
    Expr e = node(ExprKind::compare, a.start);
    e.text = text(peek());
    e.kids.push_back(std::move(a));
    while (comparison_op()) {
      if (kw("not")) next();
      next();
      if (kw("not")) next();  // is not
      e.kids.push_back(bitwise_or());
    }
    return finish(std::move(e));
  }

  static int binary_precedence(std::string_view o) {
    if (o == "|") return 1;
    if (o == "^") return 2;
    if (o == "&") return 3;
    if (o == "<<" || o == ">>") return 4;
    if (o == "+" || o == "-") return 5;
    if (o == "*" || o == "/" || o == "//" || o == "%" || o == "@") return 6;
    return 0;
  }

  Expr bitwise_or() { return binary(1); }

  Expr binary(int min) {
    Expr a = factor();
    while (peek().kind == Tok::op) {
      int p = binary_precedence(text(peek()));
      if (p < min || p == 0) break;
      Expr e = node(ExprKind::binary, a.start);
      e.text = text(next());
      e.kids.push_back(std::move(a));
      e.kids.push_back(binary(p + 1));
      a = finish(std::move(e));
    }
    return a;
  }

  Expr factor() {
    if (op("+") || op("-") || op("~")) {
      Expr e = node(ExprKind::unary, peek().pos);
      e.text = text(next());
      e.kids.push_back(factor());
      return finish(std::move(e));
    }
    return power();
  }

  Expr power() {
    Expr a = await_primary();
    if (!op("**")) return a;
    Expr e = node(ExprKind::binary, a.start);
    e.text = text(next());
    e.kids.push_back(std::move(a));
    e.kids.push_back(factor());
    return finish(std::move(e));
  }

  Expr await_primary() {
    if (!kw("await")) return primary();
    Expr e = node(ExprKind::await_, next().pos);
    e.kids.push_back(primary());
    return finish(std::move(e));
  }

  Expr primary() {
    Expr a = atom();
    while (true) {
      if (op(".")) {
        next();
        Expr e = node(ExprKind::attribute, a.start);
        e.name_pos = peek().pos;
        e.text = expect_name();
        e.kids.push_back(std::move(a));
        a = finish(std::move(e));
      } else if (op("(")) {
        next();
        Expr e = node(ExprKind::call, a.start);
        e.kids.push_back(std::move(a));
        arguments(e);
        a = finish(std::move(e));
      } else if (op("[")) {
        next();
        Expr e = node(ExprKind::subscript, a.start);
        e.kids.push_back(std::move(a));
        e.kids.push_back(slices());
        expect_op("]");
        a = finish(std::move(e));
      } else {
        return a;
      }
    }
  }

  // After `(`: arguments into call.kids (after the function), then the `)`.
  void arguments(Expr& call) {
    bool keyword = false, unpacked_keywords = false;
    // CPython reports a misplaced positional argument after reading all the arguments.
    const char* misplaced = nullptr;
    std::size_t first_arg = call.kids.size();
    while (!op(")")) {
      Pos at = peek().pos;
      if (op("*")) {
        next();
        if (unpacked_keywords) fail(at, "iterable argument unpacking follows keyword argument unpacking");
        Expr e = node(ExprKind::starred, at);
        e.kids.push_back(expression());
        call.kids.push_back(finish(std::move(e)));
      } else if (op("**")) {
        next();
        Expr e = node(ExprKind::double_starred, at);
        e.kids.push_back(expression());
        call.kids.push_back(finish(std::move(e)));
        unpacked_keywords = true;
      } else if (peek().kind == Tok::name && peek(1).kind == Tok::op && text(peek(1)) == "=") {
        Expr e = node(ExprKind::keyword, at);
        e.name_pos = at;
        e.text = expect_name();
        next();
        e.kids.push_back(expression());
        call.kids.push_back(finish(std::move(e)));
        keyword = true;
      } else {
        Expr e = named_expression(false);
        if (kw("for") || kw("async")) {
          Expr g = comprehension(ExprKind::genexp, std::move(e));
          if (call.kids.size() > first_arg || !op(")")) fail(g.start, "Generator expression must be parenthesized");
          e = std::move(g);
        }
        if (op("=")) fail(e.start, "expression cannot contain assignment, perhaps you meant \"==\"?");
        if (!misplaced && unpacked_keywords) misplaced = "positional argument follows keyword argument unpacking";
        if (!misplaced && keyword) misplaced = "positional argument follows keyword argument";
        call.kids.push_back(std::move(e));
      }
      if (!op(",")) break;
      next();
    }
    if (misplaced) fail(peek().pos, misplaced);
    expect_op(")");
  }

  Expr slices() {
    Expr first = slice();
    if (!op(",")) return first;
    Expr tuple = node(ExprKind::tuple, first.start);
    tuple.kids.push_back(std::move(first));
    while (op(",")) {
      next();
      if (op("]")) break;
      tuple.kids.push_back(slice());
    }
    return finish(std::move(tuple));
  }

  Expr slice() {
    Pos start = peek().pos;
    Expr lower;
    bool has_lower = false;
    if (!op(":")) {
      lower = star_named_expression();
      has_lower = true;
      if (!op(":")) return lower;
    }
    Expr e = node(ExprKind::slice, start);
    if (has_lower) e.kids.push_back(std::move(lower));
    next();
    if (!op(":") && !op("]") && !op(",")) e.kids.push_back(expression());
    if (op(":")) {
      next();
      if (!op("]") && !op(",")) e.kids.push_back(expression());
    }
    return finish(std::move(e));
  }

  // `for x in xs if c ...` after the element of a comprehension.
  Expr comprehension(ExprKind kind, Expr element) {
    Expr e = node(kind, element.start);
    e.kids.push_back(std::move(element));
    while (kw("for") || kw("async")) {
      if (kw("async")) next();
      if (!kw("for")) generic();
      next();
      e.kids.push_back(star_targets(TargetUse::for_loop));
      if (!kw("in")) generic();
      next();
      e.kids.push_back(disjunction());
      while (kw("if")) {
        next();
        e.kids.push_back(disjunction());
      }
    }
    return finish(std::move(e));
  }

  Expr yield_expr() {
    Expr e = node(ExprKind::yield, next().pos);
    if (kw("from")) {
      next();
      e.kids.push_back(expression());
    } else if (starts_star_expression(peek())) {
      e.kids.push_back(star_expressions());
    }
    return finish(std::move(e));
  }

  // ---- [SECTION] Atoms, strings and f-strings -------------------------------------------------

  Expr atom() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::name: {
        std::string_view w = text(t);
        if (w == "True" || w == "False" || w == "None") {
          Expr e = node(ExprKind::constant, next().pos);
          e.text = w;
          return finish(std::move(e));
        }
        if (is_hard_keyword(w)) generic();
        Expr e = node(ExprKind::name, next().pos);
        e.text = w;
        return finish(std::move(e));
      }
      case Tok::number: {
        Expr e = node(ExprKind::number, next().pos);
        e.text = text(t);
        return finish(std::move(e));
      }
      case Tok::string: return strings();
      case Tok::op: {
        std::string_view o = text(t);
        if (o == "(") return parenthesized();
        if (o == "[") return bracketed();
        if (o == "{") return braced();
        if (o == "...") {
          Expr e = node(ExprKind::constant, next().pos);
          e.text = o;
          return finish(std::move(e));
        }
        generic();
      }
      default: generic();
    }
  }

  Expr parenthesized() {
    Pos start = next().pos;
    if (op(")")) {
      next();
      return finish(node(ExprKind::tuple, start));
    }
    if (kw("yield")) {
      Expr y = yield_expr();
      expect_op(")");
      y.start = start;
      return finish(std::move(y));
    }
    Expr first = star_named_expression();
    if (kw("for") || kw("async")) {
      Expr g = comprehension(ExprKind::genexp, std::move(first));
      expect_op(")");
      g.start = start;
      return finish(std::move(g));
    }
    if (!op(",")) {
      expect_op(")");
      return first;  // a parenthesized expression keeps its own place
    }
    Expr tuple = node(ExprKind::tuple, start);
    tuple.kids.push_back(std::move(first));
    while (op(",")) {
      next();
      if (op(")")) break;
      tuple.kids.push_back(star_named_expression());
    }
    expect_op(")");
    return finish(std::move(tuple));
  }

  Expr bracketed() {
    Pos start = next().pos;
    Expr list = node(ExprKind::list, start);
    if (op("]")) {
      next();
      return finish(std::move(list));
    }
    Expr first = star_named_expression();
    if (kw("for") || kw("async")) {
      Expr c = comprehension(ExprKind::listcomp, std::move(first));
      expect_op("]");
      c.start = start;
      return finish(std::move(c));
    }
    list.kids.push_back(std::move(first));
    while (op(",")) {
      next();
      if (op("]")) break;
      list.kids.push_back(star_named_expression());
    }
    expect_op("]");
    return finish(std::move(list));
  }

  Expr braced() {
    Pos start = next().pos;
    if (op("}")) {
      next();
      return finish(node(ExprKind::dict, start));
    }
    auto dict_item = [&](Expr& d) {
      if (op("**")) {
        Expr e = node(ExprKind::double_starred, next().pos);
        e.kids.push_back(bitwise_or());
        d.kids.push_back(finish(std::move(e)));
        return;
      }
      d.kids.push_back(expression());
      expect_op(":");
      d.kids.push_back(expression());
    };
    if (op("**")) {
      Expr d = node(ExprKind::dict, start);
      dict_item(d);
      while (op(",")) {
        next();
        if (op("}")) break;
        dict_item(d);
      }
      expect_op("}");
      return finish(std::move(d));
    }
    Expr first = star_named_expression();
    if (op(":")) {
      next();
      Expr d = node(ExprKind::dict, start);
      d.kids.push_back(std::move(first));
      d.kids.push_back(expression());
      if (kw("for") || kw("async")) {
        Expr c = comprehension(ExprKind::dictcomp, std::move(d));
        expect_op("}");
        c.start = start;
        return finish(std::move(c));
      }
      while (op(",")) {
        next();
        if (op("}")) break;
        dict_item(d);
      }
      expect_op("}");
      return finish(std::move(d));
    }
    if (kw("for") || kw("async")) {
      Expr c = comprehension(ExprKind::setcomp, std::move(first));
      expect_op("}");
      c.start = start;
      return finish(std::move(c));
    }
    Expr set = node(ExprKind::set, start);
    set.kids.push_back(std::move(first));
    while (op(",")) {
      next();
      if (op("}")) break;
      set.kids.push_back(star_named_expression());
    }
    expect_op("}");
    return finish(std::move(set));
  }

  // The place of byte `offset` of the text.
  Pos pos_of(std::size_t offset) const {
    auto it = std::upper_bound(lx_.line_starts.begin(), lx_.line_starts.end(), std::uint32_t(offset));
    std::uint32_t line = std::uint32_t(it - lx_.line_starts.begin());
    return {line, lx_.column_of(line, std::uint32_t(offset))};
  }

  // Adjacent string tokens are one literal. Errors in it are reported, as CPython does, at
  // the token after it.
  Expr strings() {
    std::size_t first = i_;
    while (peek().kind == Tok::string) next();
    std::size_t last = i_;
    Expr e = node(ExprKind::string, t_[first].pos);
    e.end = t_[last - 1].end_pos;
    bool any_bytes = false, any_text = false;
    for (std::size_t k = first; k < last; ++k) {
      StringForm f = string_form(text(t_[k]));
      (f.bytes ? any_bytes : any_text) = true;
      e.fstring = e.fstring || f.f;
    }
    if (any_bytes && any_text) fail(t_[first].pos, "cannot mix bytes and nonbytes literals");
    e.bytes = any_bytes;
    for (std::size_t k = first; k < last; ++k) {
      std::string_view tok = text(t_[k]);
      StringForm f = string_form(tok);
      std::string_view body = string_body(tok, f);
      if (!f.f) {
        Decoded d = decode_escapes(body, f.raw, f.bytes);
        if (!d.error.empty()) fail(peek().pos, d.error);
        if (d.named_escape && !named_escape_.line) named_escape_ = t_[k].pos;
        e.value += d.value;
        if (e.fstring) {
          if (e.pieces.empty() || e.pieces.back().field) e.pieces.push_back(FPiece{});
          e.pieces.back().text += d.value;
        }
        continue;
      }
      fstring(e, t_[k], body, f);
    }
    return e;
  }

  void fstring(Expr& e, const Token& tok, std::string_view body, const StringForm& f) {
    std::size_t body_offset = tok.begin + f.prefix + f.quotes;
    std::vector<Expr> exprs;
    std::optional<Issue> inner;
    auto compile = [&](std::size_t b, std::size_t end) {
      Pos where = pos_of(body_offset + b);
      if (auto simple = dotted_field(body.substr(b, end - b), where)) {
        exprs.push_back(std::move(*simple));
        return true;
      }
      storage_.push_back("(" + std::string(body.substr(b, end - b)) + ")");
      const std::string& src = storage_.back();
      Lexed sub = lex(src);
      Parser p(sub, storage_);
      try {
        Expr x = p.sub_expression();
        if (x.kind == ExprKind::starred) throw Issue{{"SyntaxError", "cannot use starred expression here", x.start}, false};
        relocate(x, where);
        exprs.push_back(std::move(x));
        return true;
      } catch (const Issue& err) {
        Issue moved = err;
        moved.from_lexer = false;
        // CPython keeps the column inside `(expr)` and moves the line to the expression's.
        moved.s.pos.line = where.line + moved.s.pos.line - 1;
        moved.s.message = "f-string: " + moved.s.message;
        inner = moved;
        return false;
      }
    };
    FSplit split = split_fstring(body, f.raw, compile);
    if (inner) throw *inner;
    if (!split.error.empty()) fail(peek().pos, split.error);
    std::size_t n = 0;
    for (auto& part : split.parts) {
      if (!part.field) {
        e.value += part.text;
        if (e.pieces.empty() || e.pieces.back().field) e.pieces.push_back(FPiece{});
        e.pieces.back().text += part.text;
        continue;
      }
      FPiece p;
      p.field = true;
      p.text = std::string(body.substr(part.f.expr_begin, part.f.expr_end - part.f.expr_begin));
      p.expr.push_back(std::move(exprs[n++]));
      p.conversion = part.f.conversion;
      p.debug = part.f.debug;
      p.spec = part.f.spec;
      p.spec_has_fields = part.f.spec_has_fields;
      p.pos = pos_of(body_offset + part.f.brace);
      // A spec's own fields were compiled too; they come after this one.
      if (p.spec_has_fields) {
        for (const auto& inner_part : split_fstring(p.spec, f.raw, [](std::size_t, std::size_t) { return true; }).parts)
          if (inner_part.field && n < exprs.size()) ++n;
      }
      e.pieces.push_back(std::move(p));
    }
  }

  // Most fields are a name or a chain of them (`{name}`, `{scope.cancelled_caught}`): read
  // those here, as the full parse would, rather than tokenizing a little text for each.
  static std::optional<Expr> dotted_field(std::string_view text, Pos where) {
    auto is_start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    auto is_part = [&](char c) { return is_start(c) || (c >= '0' && c <= '9'); };
    std::optional<Expr> e;
    std::size_t i = 0;
    while (true) {
      std::size_t start = i;
      if (i >= text.size() || !is_start(text[i])) return std::nullopt;
      while (i < text.size() && is_part(text[i])) ++i;
      std::string_view name = text.substr(start, i - start);
      if (is_hard_keyword(name)) return std::nullopt;
      Pos at{where.line, where.col + std::uint32_t(start)}, past{where.line, where.col + std::uint32_t(i)};
      if (!e) {
        e = node(ExprKind::name, at);
        e->text = name;
      } else {
        Expr a = node(ExprKind::attribute, e->start);
        a.text = name;
        a.name_pos = at;
        a.kids.push_back(std::move(*e));
        e = std::move(a);
      }
      e->end = past;
      if (i == text.size()) return e;
      if (text[i] != '.') return std::nullopt;
      ++i;
    }
  }

  // Positions read in `(expr)` moved to where the expression is in the file.
  static void relocate(Expr& x, Pos where) {
    auto move = [&](Pos& p) {
      if (p.line == 0) return;
      if (p.line == 1) p = {where.line, where.col + p.col - 2};
      else p.line = where.line + p.line - 1;
    };
    move(x.start);
    move(x.end);
    move(x.name_pos);
    for (auto& k : x.kids) relocate(k, where);
    for (auto& piece : x.pieces) {
      move(piece.pos);
      for (auto& k : piece.expr) relocate(k, where);
    }
  }

  const Lexed& lx_;
  const std::vector<Token>& t_;
  std::deque<std::string>& storage_;
  std::size_t i_ = 0;
  std::uint32_t last_line_ = 1;
  int no_invalid_ = 0;

 public:
  std::size_t furthest_ = 0;  // the furthest token read, lookahead included (CPython's p->fill - 1)
  Pos named_escape_;
};

}  // namespace

// ---- [SECTION] parse() -----------------------------------------------------------------------

Parsed parse(const Lexed& lexed) {
  Parsed out;
  Parser p(lexed, out.module.storage);
  try {
    out.module.body = p.file().body;
    out.module.named_escape = p.named_escape_;
  } catch (const Issue& e) {
    if (e.from_lexer || !lexed.error) {
      out.error = e.s;
    } else if (lexed.error_kind == LexErrorKind::direct) {
      out.error = *lexed.error;  // CPython tokenizes the rest of the file and reports this instead
    } else if (lexed.error_kind == LexErrorKind::unclosed &&
               lexed.error->pos.line < lexed.tokens[std::min(p.furthest_, lexed.tokens.size() - 1)].pos.line) {
      // CPython then reads on to the end; a bracket left open on a line before the furthest
      // token it had read is the error it reports.
      out.error = *lexed.error;
    } else {
      out.error = e.s;
    }
  }
  return out;
}

}  // namespace trioscope::scenario::python
