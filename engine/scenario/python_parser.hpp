// Tokens -> a Python syntax tree (python_syntax.hpp), or Python's own SyntaxError.
//
// A recursive-descent parser for Python 3.11's grammar. A program that is not Python gets
// the error CPython gives it, worded as CPython words it, at the line and column CPython
// reports: "expected ':'", "invalid syntax. Perhaps you forgot a comma?", "expected an
// indented block after 'for' statement on line 3", "unindent does not match any outer
// indentation level", ... CPython reports one syntax error, the first; so does this.
//
// Which error wins follows CPython too: the tokenizer is read lazily, so an indentation
// error after a parser error is never seen, while a broken string or an unmatched bracket
// further down still replaces a parser error (CPython tokenizes the rest of the file to look
// for them), and an unclosed bracket wins when it was opened on an earlier line.
#pragma once

#include <optional>

#include "scenario/python_lexer.hpp"
#include "scenario/python_syntax.hpp"

namespace trioscope::scenario::python {

struct Parsed {
  Module module;
  std::optional<SyntaxIssue> error;
};

Parsed parse(const Lexed& lexed);

}  // namespace trioscope::scenario::python
