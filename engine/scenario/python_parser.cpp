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
// Expressions, atoms, strings and f-strings are in python_expressions.cpp.
//
// [SECTION] Tokens and errors
// [SECTION] Statements
// [SECTION] Compound statements
// [SECTION] parse()
#include "scenario/python_parser.hpp"

#include "scenario/python_parser_impl.hpp"

namespace trioscope::scenario::python {

namespace parsing {

// ---- [SECTION] Tokens and errors ----------------------------------------------------------------------------

Module Parser::file() {
  Module m;
  while (peek().kind != Tok::end) statement(m.body);
  return m;
}

Expr Parser::sub_expression() {
  expect_op("(");
  Expr e = kw("yield") ? yield_expr() : star_expressions();
  expect_op(")");
  if (peek().kind == Tok::newline) next();
  if (peek().kind != Tok::end) generic();
  return e;
}

const Token& Parser::peek(std::size_t ahead) {
  std::size_t k = std::min(i_ + ahead, t_.size() - 1);
  furthest_ = std::max(furthest_, k);
  if (t_[k].kind == Tok::error) {
    // Meeting the tokenizer's error is raising it, as CPython's parser does on fetching it.
    throw Issue{*lx_.error, true};
  }
  return t_[k];
}

const Token& Parser::next() {
  const Token& t = peek();
  if (t.kind != Tok::indent && t.kind != Tok::dedent) last_line_ = t.end_pos.line;
  ++i_;
  return t;
}

bool Parser::same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool Parser::kw_at(std::size_t ahead, std::string_view w) {
  const Token& t = peek(ahead);
  return t.kind == Tok::name && text(t) == w;
}

void Parser::fail(Pos pos, std::string message, const char* type) {
  throw Issue{SyntaxIssue{type, std::move(message), pos}, false};
}

void Parser::generic() {
  const Token& t = peek();
  if (t.kind == Tok::indent) fail({t.pos.line, t.indent_chars}, "unexpected indent", "IndentationError");
  if (t.kind == Tok::dedent) fail(t.pos, "unexpected unindent", "IndentationError");
  fail(t.pos, "invalid syntax");
}

void Parser::expect_op(std::string_view o) {
  if (!op(o)) generic();
  next();
}

std::string_view Parser::expect_name() {
  const Token& t = peek();
  if (t.kind != Tok::name || is_hard_keyword(text(t))) generic();
  next();
  return text(t);
}

Pos Parser::next_statement_pos() {
  std::size_t k = i_;
  while (t_[k].kind == Tok::dedent) ++k;
  if (t_[k].kind == Tok::error) throw Issue{*lx_.error, true};
  if (t_[k].kind != Tok::end) return t_[k].pos;
  for (std::size_t j = i_; j-- > 0;)
    if (t_[j].kind == Tok::newline) return t_[j].pos;
  return t_[k].pos;
}

// ---- [SECTION] Statements -----------------------------------------------------------------------------------

void Parser::statement(std::vector<Stmt>& out) {
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

void Parser::simple_statements(std::vector<Stmt>& out) {
  while (true) {
    out.push_back(simple_statement());
    if (!op(";")) break;
    next();
    if (peek().kind == Tok::newline) break;
  }
  if (peek().kind != Tok::newline) generic();
  next();
}

Stmt Parser::simple_statement() {
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

Alias Parser::dotted_as_name() {
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

void Parser::from_import(Stmt& s) {
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

bool Parser::augmented(std::string_view o) {
  return o == "+=" || o == "-=" || o == "*=" || o == "/=" || o == "//=" || o == "%=" || o == "@=" || o == "&=" ||
         o == "|=" || o == "^=" || o == "<<=" || o == ">>=" || o == "**=";
}

void Parser::expression_statement(Stmt& s) {
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

// ---- [SECTION] Compound statements --------------------------------------------------------------------------

void Parser::colon(bool forced) {
  if (op(":")) {
    next();
    return;
  }
  if (forced || peek().kind == Tok::newline) fail(peek().pos, "expected ':'");
  generic();
}

void Parser::block(std::vector<Stmt>& out, const std::string& what, std::uint32_t line) {
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

Stmt Parser::compound() {
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

void Parser::if_statement(Stmt& s) {
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

void Parser::else_block(Stmt& s) {
  if (!kw("else")) return;
  s.else_pos = peek().pos;
  std::uint32_t line = next().pos.line;
  colon(true);
  block(s.orelse, "'else' statement", line);
}

void Parser::while_statement(Stmt& s) {
  std::uint32_t line = next().pos.line;
  s.kind = StmtKind::while_;
  s.exprs.push_back(named_expression(true));
  colon(false);
  s.end = end_of_last();
  block(s.body, "'while' statement", line);
  else_block(s);
}

Expr Parser::star_targets(TargetUse use) {
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

void Parser::for_statement(Stmt& s) {
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

WithItem Parser::with_item() {
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

void Parser::with_statement(Stmt& s) {
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

void Parser::try_statement(Stmt& s) {
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

void Parser::def_statement(Stmt& s) {
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

void Parser::parameters(std::vector<Param>& out, std::string_view close, bool annotations) {
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

void Parser::class_statement(Stmt& s) {
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

bool Parser::looks_like_match() {
  const Token& n = peek(1);
  bool subject = (n.kind == Tok::name && !is_hard_keyword(text(n))) || n.kind == Tok::number ||
                 n.kind == Tok::string || (n.kind == Tok::op && (text(n) == "(" || text(n) == "[" || text(n) == "{" ||
                                                                  text(n) == "-"));
  if (!subject) return false;
  for (std::size_t k = i_ + 1; k < t_.size() && t_[k].kind != Tok::error; ++k)
    if (t_[k].kind == Tok::newline) return t_[k - 1].kind == Tok::op && text(t_[k - 1]) == ":";
  return false;
}

Stmt Parser::match_statement() {
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

}  // namespace parsing

// ---- [SECTION] parse() -----------------------------------------------------------------------

Parsed parse(const Lexed& lexed) {
  Parsed out;
  parsing::Parser p(lexed, out.module.storage);
  try {
    out.module.body = p.file().body;
    out.module.named_escape = p.named_escape_;
  } catch (const parsing::Issue& e) {
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

