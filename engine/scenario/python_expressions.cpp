// Python's expressions, as CPython 3.11 parses them (precedence from the conditional
// expression down to atoms), and its literals: numbers, strings with their escapes, adjacent
// strings joined, and f-strings, whose fields are parsed as expressions of their own.
//
// [SECTION] Expressions
// [SECTION] Atoms, strings and f-strings
#include "scenario/python_parser_impl.hpp"
#include "scenario/python_strings.hpp"

namespace trioscope::scenario::python::parsing {

// ---- [SECTION] Expressions ----------------------------------------------------------------------------------

Expr Parser::node(ExprKind kind, Pos start) {
  Expr e;
  e.kind = kind;
  e.start = start;
  return e;
}

Expr Parser::finish(Expr e) {
  e.end = end_of_last();
  return e;
}

bool Parser::starts_expression(const Token& t) {
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

Expr Parser::star_expressions() {
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

Expr Parser::star_expression() {
  if (!op("*")) return expression();
  Expr e = node(ExprKind::starred, next().pos);
  e.kids.push_back(bitwise_or());
  return finish(std::move(e));
}

Expr Parser::star_named_expression() {
  if (!op("*")) return named_expression(false);
  Expr e = node(ExprKind::starred, next().pos);
  e.kids.push_back(bitwise_or());
  return finish(std::move(e));
}

Expr Parser::named_expression(bool condition) {
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

Expr Parser::expression() {
  Deeper guard(*this);
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

void Parser::juxtaposed(const Expr& a, std::size_t start) {
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

Expr Parser::lambda() {
  Expr e = node(ExprKind::lambda, next().pos);
  std::vector<Param> params;
  parameters(params, ":", false);
  expect_op(":");
  e.kids.push_back(expression());
  return finish(std::move(e));
}

Expr Parser::disjunction() {
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

Expr Parser::conjunction() {
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

Expr Parser::inversion() {
  Deeper guard(*this);
  if (!kw("not")) return comparison();
  Expr e = node(ExprKind::not_, next().pos);
  e.kids.push_back(inversion());
  return finish(std::move(e));
}

bool Parser::comparison_op() {
  if (peek().kind == Tok::op) {
    std::string_view o = text(peek());
    return o == "==" || o == "!=" || o == "<" || o == "<=" || o == ">" || o == ">=";
  }
  return kw("in") || kw("is") || (kw("not") && kw_at(1, "in"));
}

Expr Parser::comparison() {
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

int Parser::binary_precedence(std::string_view o) {
  if (o == "|") return 1;
  if (o == "^") return 2;
  if (o == "&") return 3;
  if (o == "<<" || o == ">>") return 4;
  if (o == "+" || o == "-") return 5;
  if (o == "*" || o == "/" || o == "//" || o == "%" || o == "@") return 6;
  return 0;
}

Expr Parser::binary(int min) {
  Expr a = factor();
  for (int chain = 1; peek().kind == Tok::op; ++chain) {
    if (depth_ + chain > kMaxDepth) too_deep();  // each operator nests the tree one deeper
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

Expr Parser::factor() {
  Deeper guard(*this);
  if (op("+") || op("-") || op("~")) {
    Expr e = node(ExprKind::unary, peek().pos);
    e.text = text(next());
    e.kids.push_back(factor());
    return finish(std::move(e));
  }
  return power();
}

Expr Parser::power() {
  Expr a = await_primary();
  if (!op("**")) return a;
  Expr e = node(ExprKind::binary, a.start);
  e.text = text(next());
  e.kids.push_back(std::move(a));
  e.kids.push_back(factor());
  return finish(std::move(e));
}

Expr Parser::await_primary() {
  if (!kw("await")) return primary();
  Expr e = node(ExprKind::await_, next().pos);
  e.kids.push_back(primary());
  return finish(std::move(e));
}

Expr Parser::primary() {
  Expr a = atom();
  for (int chain = 1;; ++chain) {
    if (depth_ + chain > kMaxDepth) too_deep();  // a.b.c(...)[...] nests one deeper per trailer
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

void Parser::arguments(Expr& call) {
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

Expr Parser::slices() {
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

Expr Parser::slice() {
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

Expr Parser::comprehension(ExprKind kind, Expr element) {
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

Expr Parser::yield_expr() {
  Expr e = node(ExprKind::yield, next().pos);
  if (kw("from")) {
    next();
    e.kids.push_back(expression());
  } else if (starts_star_expression(peek())) {
    e.kids.push_back(star_expressions());
  }
  return finish(std::move(e));
}

// ---- [SECTION] Atoms, strings and f-strings -----------------------------------------------------------------

Expr Parser::atom() {
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

Expr Parser::parenthesized() {
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

Expr Parser::bracketed() {
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

Expr Parser::braced() {
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

Pos Parser::pos_of(std::size_t offset) const {
  auto it = std::upper_bound(lx_.line_starts.begin(), lx_.line_starts.end(), std::uint32_t(offset));
  std::uint32_t line = std::uint32_t(it - lx_.line_starts.begin());
  return {line, lx_.column_of(line, std::uint32_t(offset))};
}

Expr Parser::strings() {
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

void Parser::fstring(Expr& e, const Token& tok, std::string_view body, const StringForm& f) {
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

std::optional<Expr> Parser::dotted_field(std::string_view text, Pos where) {
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

void Parser::relocate(Expr& x, Pos where) {
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

}  // namespace trioscope::scenario::python::parsing
