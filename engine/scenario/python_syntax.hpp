// The syntax tree of a Python module, as python_parser.hpp reads it.
//
// It covers the whole of Python's statement and expression grammar (3.11), not only what a
// scenario can say: a program must first be Python before it can be told which part of it
// trioscope cannot show. python_import.hpp then turns the tree into a Scenario. Only what
// that needs is kept: kinds, places, names, literals, and the parts of each node.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/python_lexer.hpp"

namespace trioscope::scenario::python {

enum class ExprKind : std::uint8_t {
  name, number, string, constant,  // constant: True, False, None, ...
  attribute, call, subscript, slice, starred, double_starred, keyword,
  unary, binary, boolop, not_, compare, await_, lambda, ifexp, named,
  tuple, list, set, dict, genexp, listcomp, setcomp, dictcomp, yield,
};

struct FPiece;

struct Expr {
  ExprKind kind = ExprKind::name;
  Pos start, end;         // end: just past the last character
  std::string_view text;  // name, attribute and keyword names; number and constant text; operators
  Pos name_pos;           // attribute: where the attribute's name is; keyword: its name
  // string: the value of the (implicitly concatenated) literal; an f-string's pieces
  std::string value;
  bool fstring = false, bytes = false;
  std::vector<FPiece> pieces;
  // The parts, in source order: attribute [object]; call [function, arguments...] (keyword
  // arguments as `keyword` nodes holding their value); subscript [object, index]; unary,
  // await_, not_, starred [operand]; binary, boolop, compare [operands...]; ifexp [body,
  // test, orelse]; named [target, value]; containers their elements.
  std::vector<Expr> kids;
};

// A piece of an f-string: literal text, or a replacement field `{expr!conv:spec}`.
struct FPiece {
  bool field = false;
  std::string text;        // literal: the text; field: the expression as written
  std::vector<Expr> expr;  // field: the expression (one)
  char conversion = 0;     // field: 0, 's', 'r' or 'a'
  bool debug = false;      // field: `{x=}`
  std::string spec;        // field: the format spec as written (after ':')
  bool spec_has_fields = false;  // field: the spec holds replacement fields of its own
  Pos pos;                 // field: where its `{` is
};

enum class StmtKind : std::uint8_t {
  expr, assign, augassign, annassign, pass, break_, continue_, return_, raise, global, nonlocal,
  del, assert_, import, import_from, if_, while_, for_, with, try_, def, class_, match,
};

struct Stmt;

struct Param {
  enum Kind : std::uint8_t { plain, star_args, star_kwargs, slash, bare_star };
  Kind kind = plain;
  std::string_view name;
  Pos pos;
  std::vector<Expr> annotation, default_value;  // zero or one each
};

struct Alias {
  std::string dotted;  // `trio.testing`
  Pos pos;
  std::string_view as;  // "" without `as`
};

struct Handler {
  Pos pos;  // of `except`
  bool star = false;
  std::vector<Expr> type;  // zero or one
  std::string_view name;   // `as NAME`
  Pos name_pos;
  std::vector<Stmt> body;
};

struct WithItem {
  Expr context;
  std::vector<Expr> target;  // zero or one
};

struct Stmt {
  StmtKind kind = StmtKind::pass;
  Pos start;                   // its first token (after any decorators)
  Pos end;                     // just past the header (the whole statement when simple)
  std::uint32_t last_line = 0; // the last line of the statement, bodies included
  bool is_async = false;       // async def / async with / async for
  bool elif = false;           // if_: written as `elif`
  std::string_view name;       // def, class
  Pos name_pos;
  // expr [value]; assign [targets..., value]; augassign [target, value] (text: the operator);
  // annassign [target, annotation, value?]; return [value?]; raise [exception?, cause?];
  // if_/while_ [test]; for_ [target, iterable]; class_ [bases and keywords]; del [targets];
  // assert_ [test, message?]; global/nonlocal: names as `name` nodes.
  std::vector<Expr> exprs;
  std::string_view op;         // augassign: `+=`, ...
  std::vector<WithItem> items;
  std::vector<Param> params;
  std::vector<Expr> decorators, returns;
  std::vector<Alias> names;    // import / from-import
  std::string module;          // from-import: the module (dots included)
  std::vector<Stmt> body, orelse, finalbody;
  std::vector<Handler> handlers;
  Pos else_pos, finally_pos;   // of the `else` / `finally` keyword
};

struct Module {
  std::vector<Stmt> body;
  // The little texts `(expr)` that f-string fields were read from: the names of their
  // expressions point into them.
  std::deque<std::string> storage;
  Pos named_escape;  // the first string with a `\N{NAME}` escape, whose character is not looked up
};

}  // namespace trioscope::scenario::python
