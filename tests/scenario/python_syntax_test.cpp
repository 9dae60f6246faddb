// Python's syntax, as python_lexer and python_parser read it: for a table of programs
// (tests/scenario/python/syntax_cases.json: valid ones, and the mistakes people make, each
// kind of error CPython words in its own way), trioscope's verdict is Python's own, asked
// live with ast.parse: the same "no error", or the same error type and message at the same
// line and column.
//
// Two of CPython's messages are out of reach and not in the table: `\N{NAME}` escapes, whose
// names need Unicode's name table (trioscope refuses the escape instead), and a NUL byte,
// which CPython reports without a place.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "python_support.hpp"
#include "scenario/python_parser.hpp"

namespace trioscope::scenario {
namespace {

using namespace test;

std::string verdict(const std::string& text) {
  python::Lexed lexed = python::lex(text);
  python::Parsed parsed = python::parse(lexed);
  if (!parsed.error) return "no error";
  const auto& e = *parsed.error;
  return std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.type + ": " + e.message;
}

struct Case {
  std::string name, bytes;
};

std::vector<Case> cases() {
  auto j = nlohmann::json::parse(read_text(kPythonCorpus / "syntax_cases.json"));
  std::vector<Case> out;
  for (const auto& c : j) {
    Case k{c["name"], ""};
    if (c.contains("source")) {
      k.bytes = c["source"];
    } else {
      // Bytes that are not UTF-8 are kept in the JSON as the characters of the same codes.
      std::string latin1 = c["latin1"];
      for (std::size_t i = 0; i < latin1.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(latin1[i]);
        if (b == 0xC2 || b == 0xC3) k.bytes += char(((b & 0x03) << 6) | (static_cast<unsigned char>(latin1[++i]) & 0x3F));
        else k.bytes += char(b);
      }
    }
    out.push_back(std::move(k));
  }
  return out;
}

TEST(PythonSyntax, VerdictsArePythonsOwn) {
  Ran probe = shell("python3 -c 'import ast' 2>/dev/null");
  if (probe.rc != 0) TRIOSCOPE_NEEDS("python3");
  std::vector<Case> table = cases();
  ASSERT_GE(table.size(), 200u);
  fs::path dir = fs::path(::testing::TempDir()) / "trioscope_syntax_cases";
  fs::create_directories(dir);
  const std::string script =
      "import ast, sys\n"
      "for path in sys.argv[1:]:\n"
      "    try:\n"
      "        ast.parse(open(path, 'rb').read())\n"
      "        print('no error')\n"
      "    except SyntaxError as e:\n"
      "        print(f'{e.lineno}:{e.offset}: {type(e).__name__}: {e.msg}')\n";
  std::string cmd = "python3 -c " + quote(script);
  for (std::size_t i = 0; i < table.size(); ++i) {
    fs::path f = dir / ("case" + std::to_string(i) + ".py");
    std::ofstream(f, std::ios::binary) << table[i].bytes;
    cmd += " " + quote(f.string());
  }
  std::vector<std::string> python = lines_of(shell(cmd).out);
  ASSERT_EQ(python.size(), table.size());
  int errors = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    errors += python[i] != "no error";
    EXPECT_EQ(verdict(table[i].bytes), python[i]) << table[i].name << ":\n" << table[i].bytes;
  }
  EXPECT_GE(errors, 150);  // most of the table is mistakes
}

TEST(PythonSyntax, TokensKnowTheirPlaces) {
  std::string text = "async def f():  # c1\n    print(\"é\", x)\n\n    # c2\n    await g(\n        1)  # c3\n";
  python::Lexed l = python::lex(text);
  ASSERT_FALSE(l.error);
  std::vector<std::string> toks;
  for (const auto& t : l.tokens) {
    std::string kind = t.kind == python::Tok::indent ? "INDENT" : t.kind == python::Tok::dedent ? "DEDENT"
                     : t.kind == python::Tok::newline ? "NEWLINE" : t.kind == python::Tok::end ? "END"
                     : std::string(l.token_text(t));
    toks.push_back(kind + "@" + std::to_string(t.pos.line) + ":" + std::to_string(t.pos.col));
  }
  EXPECT_EQ(toks, (std::vector<std::string>{
                      "async@1:1", "def@1:7", "f@1:11", "(@1:12", ")@1:13", ":@1:14", "NEWLINE@1:21",
                      "INDENT@2:5", "print@2:5", "(@2:10", "\"é\"@2:11", ",@2:14", "x@2:16", ")@2:17", "NEWLINE@2:18",
                      "await@5:5", "g@5:11", "(@5:12", "1@6:9", ")@6:10", "NEWLINE@6:17", "DEDENT@7:1", "END@7:1"}));
  ASSERT_EQ(l.comments.size(), 3u);
  EXPECT_EQ(l.comments[0].text, " c1");
  EXPECT_FALSE(l.comments[0].own_line);
  EXPECT_TRUE(l.comments[1].own_line);
  EXPECT_EQ(l.comments[1].pos, (python::Pos{4, 5}));
  EXPECT_FALSE(l.comments[2].own_line);
}

TEST(PythonSyntax, StringsAndFStrings) {
  python::Lexed l = python::lex("x = ('a\\tb' \"\\x41\\u00e9\" r'\\n' f'{y!r:>{w}} {{z}}' b'\\xff')\n");
  python::Parsed p = python::parse(l);
  ASSERT_TRUE(p.error.has_value());  // bytes and text together
  EXPECT_EQ(p.error->message, "cannot mix bytes and nonbytes literals");
  l = python::lex("x = ('a\\tb' \"\\x41\\u00e9\" r'\\n' f'{y!r:>8} {{z}} {s.cancel_called}')\n");
  p = python::parse(l);
  ASSERT_FALSE(p.error) << p.error->message;
  const python::Expr& s = p.module.body[0].exprs[1];
  EXPECT_TRUE(s.fstring);
  EXPECT_EQ(s.value, "a\tbAé\\n {z} ");
  ASSERT_EQ(s.pieces.size(), 4u);
  EXPECT_EQ(s.pieces[0].text, "a\tbAé\\n");
  EXPECT_TRUE(s.pieces[1].field);
  EXPECT_EQ(s.pieces[1].conversion, 'r');
  EXPECT_EQ(s.pieces[1].spec, ">8");
  EXPECT_EQ(s.pieces[1].expr[0].text, "y");
  EXPECT_EQ(s.pieces[1].pos, (python::Pos{1, 34}));
  EXPECT_EQ(s.pieces[1].expr[0].start, (python::Pos{1, 35}));
  EXPECT_EQ(s.pieces[2].text, " {z} ");
  EXPECT_EQ(s.pieces[3].expr[0].text, "cancel_called");
}

}  // namespace
}  // namespace trioscope::scenario
