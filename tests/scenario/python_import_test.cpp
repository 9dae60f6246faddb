// Trio Python -> Scenario, statement by statement: what each form becomes, which lines the
// statements get, where comments go, and how a Python source is told from a JSON one.
// The expected scenarios are written out in the format's JSON (as to_json_text lays it out).
#include <gtest/gtest.h>

#include <set>

#include "python_support.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/python_listing.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

using namespace test;

Scenario import_ok(const std::string& program, const std::string& name = "t.py") {
  LoadResult r = load_scenario_text(program, name);
  for (const auto& d : r.errors) ADD_FAILURE() << d.format() << "\n" << program;
  return r.ok() ? std::move(*r.scenario) : Scenario{};
}

std::vector<std::string> import_errors(const std::string& program) {
  LoadResult r = load_scenario_text(program, "t.py");
  EXPECT_FALSE(r.ok()) << program;
  std::vector<std::string> out;
  for (const auto& d : r.errors) out.push_back(d.format());
  return out;
}

// Every statement of the format's table, each written in one of the ways people write it.
const char* kEvery = R"PY("""Every statement

Of the format's table, in Python.
"""
import time
import trio


class Oops(Exception):
    pass


async def child(name, seconds):
    print(f"{name} sleeps {seconds!r:>6}")
    await trio.sleep(seconds)
    await trio.lowlevel.checkpoint()
    time.sleep(0.5)
    print('done', name, 3)


async def server(port, task_status=trio.TASK_STATUS_IGNORED):
    task_status.started(port)
    await trio.sleep_forever()


async def main():
    try:
        async with trio.open_nursery(strict_exception_groups=False) as nursery:
            nursery.start_soon(child, "A", 1)
            nursery.start_soon(child, 'B', 2.5, name="bee",)
            port = await nursery.start(server, 8080)
            await nursery.start(server, None)
            with trio.move_on_after(2) as timeout:
                await child("C", 3)
            print(f"{timeout.cancelled_caught} {nursery.cancel_scope.cancel_called}")
            nursery.cancel_scope.cancel()
    except ValueError as e:
        raise e
    except (KeyError, Oops):
        raise
    except BaseException:
        raise Oops("it's \"bad\"")
    else:
        pass
    finally:
        with trio.CancelScope(shield=True) as cs:
            with trio.fail_after(1):
                raise trio.TooSlowError
            cs.cancel()
    for i in range(3):
        print(f"i={i}")
    for _ in range(0):
        pass
    try:
        raise KeyError()
    except* KeyError as eg:
        pass


if __name__ == "__main__":
    trio.run(main, strict_exception_groups=False)
)PY";
const char* kEveryJson = R"JSON({
  "version": 1,
  "title": "Every statement",
  "description": "Of the format's table, in Python.",
  "settings": { "strict_exception_groups": false, "scheduling": "fifo", "seed": 0 },
  "functions": {
    "child": {
      "params": ["name", "seconds"],
      "body": [
        { "print": "{name} sleeps {seconds!r:>6}" },
        { "sleep": "$seconds" },
        { "checkpoint": true },
        { "block": 0.5 },
        { "print": "done {name} 3" }
      ]
    },
    "server": {
      "params": ["port"],
      "body": [
        { "started": "$port" },
        { "sleep_forever": true }
      ]
    },
    "main": {
      "body": [
        { "try": [
          { "open_nursery": "nursery", "strict_exception_groups": false, "body": [
            { "start_soon": "child", "args": ["A", 1] },
            { "start_soon": "child", "args": ["B", 2.5], "name": "bee" },
            { "start": "server", "args": [8080], "as": "port" },
            { "start": "server", "args": [null] },
            { "move_on_after": 2, "as": "timeout", "body": [
              { "call": "child", "args": ["C", 3] }
            ]},
            { "print": "{timeout.cancelled_caught} {nursery.cancel_called}" },
            { "cancel": "$nursery" }
          ]}
        ], "except": [
          { "type": "ValueError", "as": "e", "body": [
            { "raise": "$e" }
          ]},
          { "type": ["KeyError", "Oops"], "body": [
            { "reraise": true }
          ]},
          { "body": [
            { "raise": "Oops", "message": "it's \"bad\"" }
          ]}
        ], "else": [], "finally": [
          { "cancel_scope": "cs", "shield": true, "body": [
            { "fail_after": 1, "body": [
              { "raise": "TooSlowError" }
            ]},
            { "cancel": "$cs" }
          ]}
        ]},
        { "repeat": 3, "as": "i", "body": [
          { "print": "i={i}" }
        ]},
        { "repeat": 0, "body": [] },
        { "try": [
          { "raise": "KeyError" }
        ], "except*": [
          { "type": "KeyError", "as": "eg", "body": [] }
        ]}
      ]
    }
  },
  "main": "main"
}
)JSON";

TEST(PythonImport, EveryStatementOfTheTable) {
  Scenario s = import_ok(kEvery);
  EXPECT_EQ(to_json_text(s), kEveryJson);
  EXPECT_EQ(s.custom_exceptions, std::vector<std::string>{"Oops"});
  EXPECT_EQ(s.source, SourceKind::python);
}

// The lines of the scenario are the lines of the program: the app lights the user's own text.
TEST(PythonImport, LinesAreTheProgramsOwn) {
  Scenario s = import_ok(kEvery);
  std::vector<std::string> program = lines_of(kEvery);
  auto line = [&](std::uint32_t n) { return n >= 1 && n <= program.size() ? program[n - 1] : std::string("?"); };
  const Function* child = s.find("child");
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(line(child->py_line), "async def child(name, seconds):");
  EXPECT_EQ(line(child->body[3].py_line), "    time.sleep(0.5)");
  const Statement& outer_try = s.find("main")->body[0];
  EXPECT_EQ(line(outer_try.py_line), "    try:");
  EXPECT_EQ(line(outer_try.body[0].body[1].py_line), "            nursery.start_soon(child, 'B', 2.5, name=\"bee\",)");
  EXPECT_EQ(line(outer_try.handlers[2].py_line), "    except BaseException:");
  EXPECT_EQ(line(outer_try.else_py_line), "    else:");
  EXPECT_EQ(line(outer_try.finally_py_line), "    finally:");
  EXPECT_EQ(outer_try.body[0].pos.pointer, "/functions/main/body/0/try/0");
  EXPECT_EQ(outer_try.body[0].pos.line, 28u);
  EXPECT_EQ(outer_try.body[0].pos.column, 9u);
  // The listing of a Python source keeps them: it is that file, not trioscope's writing of it.
  std::string listing = to_python(s).text;
  EXPECT_EQ(line(child->body[3].py_line), "    time.sleep(0.5)");
  EXPECT_NE(listing, std::string(kEvery));
  // And the run's trace carries them.
  trio::RunResult r = run_scenario(s);
  std::set<std::uint32_t> lit;
  for (const auto& e : r.trace.events)
    if (e.kind == trio::EventKind::print) lit.insert(e.loc.line);
  for (std::uint32_t l : lit) EXPECT_NE(line(l).find("print("), std::string::npos) << line(l);
  EXPECT_FALSE(lit.empty());
}

// Where comments go (python_import.hpp): where they stand; at the end of a line or inside its
// brackets, before its statement; at the end of a header, first in the block; after a block's
// last statement, in the block when indented as far as it; outside functions, at the top of
// the next function, and not kept after the last one; `# trioscope:` sets what Python cannot.
const char* kComments = R"PY(#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Comments"""
# about the program
import trio  # the library


async def child():  # header
    # first
    await trio.sleep(1)  # trailing
    try:  # try header
        pass
    except ValueError:  # handler header
        # in the handler
        pass
        # end of the handler
    # after the try
    print("x")
    # end of child


    # still child (indented)
# before main, at column 1
async def main():
    """A docstring,

    on three lines."""
    async with trio.open_nursery() as nursery:
        nursery.start_soon(
            child,  # inside brackets
        )
        # end of the nursery body
    # after the nursery
# last in main? no: column 1


trio.run(main)  # dropped: after the last function
# trioscope: scheduling=random seed=3
)PY";
const char* kCommentsJson = R"JSON({
  "version": 1,
  "title": "Comments",
  "description": "",
  "settings": { "strict_exception_groups": true, "scheduling": "random", "seed": 3 },
  "functions": {
    "child": {
      "body": [
        { "comment": "about the program" },
        { "comment": "the library" },
        { "comment": "header" },
        { "comment": "first" },
        { "comment": "trailing" },
        { "sleep": 1 },
        { "try": [
          { "comment": "try header" }
        ], "except": [
          { "type": "ValueError", "body": [
            { "comment": "handler header" },
            { "comment": "in the handler" },
            { "comment": "end of the handler" }
          ]}
        ]},
        { "comment": "after the try" },
        { "print": "x" },
        { "comment": "end of child" },
        { "comment": "still child (indented)" }
      ]
    },
    "main": {
      "body": [
        { "comment": "before main, at column 1" },
        { "comment": "A docstring," },
        { "comment": "" },
        { "comment": "on three lines." },
        { "open_nursery": "nursery", "body": [
          { "comment": "inside brackets" },
          { "start_soon": "child" },
          { "comment": "end of the nursery body" }
        ]},
        { "comment": "after the nursery" }
      ]
    }
  },
  "main": "main"
}
)JSON";

TEST(PythonImport, CommentsAreKeptWhereTheyBelong) {
  Scenario s = import_ok(kComments);
  EXPECT_EQ(to_json_text(s), kCommentsJson);
  // Each comment statement keeps its own line.
  std::vector<std::string> program = lines_of(kComments);
  for_each_statement(s.find("child")->body, [&](const Statement& st) {
    if (st.op == Op::comment) {
      EXPECT_NE(program.at(st.py_line - 1).find("# " + st.comment), std::string::npos);
    }
  });
}

TEST(PythonImport, CommentsMakeTheRoundTripBothWays) {
  // JSON -> Python: `# text`, a `pass` after a block of nothing but comments, `#` for none.
  Scenario s = import_ok(kComments);
  std::string json = to_json_text(s);
  LoadResult from_json = load_scenario_text(json, "c.json");
  ASSERT_TRUE(from_json.ok());
  std::string listing = to_python(*from_json.scenario).text;
  EXPECT_NE(listing.find("        # try header\n        pass\n    except ValueError:"), std::string::npos) << listing;
  EXPECT_NE(listing.find("    # A docstring,\n    #\n    # on three lines.\n"), std::string::npos) << listing;
  EXPECT_NE(listing.find("    # trioscope: scheduling=random seed=3\n    trio.run(main"), std::string::npos) << listing;
  // ... and Python -> JSON again gives the same scenario.
  EXPECT_EQ(to_json_text(import_ok(listing)), json);
}

TEST(PythonImport, CommentsDoNothingAtRunTime) {
  const char* with = "import trio\n\nasync def main():\n    # one\n    print('a')  # two\n    await trio.sleep(1)\n"
                     "    # three\n    print('b')\n    # four\n\ntrio.run(main)\n";
  const char* without = "import trio\n\nasync def main():\n    print('a')\n    await trio.sleep(1)\n    print('b')\n\n"
                        "trio.run(main)\n";
  trio::RunResult a = run_scenario(import_ok(with)), b = run_scenario(import_ok(without));
  EXPECT_EQ(trio::transcript(a.trace), trio::transcript(b.trace));
  ASSERT_EQ(a.trace.events.size(), b.trace.events.size());
  for (std::size_t i = 0; i < a.trace.events.size(); ++i) EXPECT_EQ(a.trace.events[i].kind, b.trace.events[i].kind);
}

TEST(PythonImport, JsonCommentStatements) {
  auto json = [](const std::string& statement) {
    return "{\"functions\": {\"main\": {\"body\": [" + statement + "]}}, \"main\": \"main\"}";
  };
  Scenario s = test::load_ok(json(R"({"comment": "hello"}, {"comment": ""}, {"repeat": 1, "body": [{"comment": "x"}]})"));
  std::string listing = to_python(s).text;
  EXPECT_NE(listing.find("async def main():\n    # hello\n    #\n    for _ in range(1):\n        # x\n        pass\n"),
            std::string::npos)
      << listing;
  EXPECT_EQ(test::errors_of(json(R"({"comment": "one\ntwo"})")),
            std::vector<std::string>{"t.json:1:46: error: a comment is one line of text; use one comment statement per "
                                     "line (at /functions/main/body/0/comment)"});
  EXPECT_EQ(test::errors_of(json(R"({"comment": "bell\u0007"})")),
            std::vector<std::string>{"t.json:1:46: error: a comment cannot hold control characters (only text and tabs) "
                                     "(at /functions/main/body/0/comment)"});
  EXPECT_EQ(test::errors_of(json(R"({"comment": 3})")),
            std::vector<std::string>{"t.json:1:46: error: expected the comment's text (a string), got 3 "
                                     "(at /functions/main/body/0/comment)"});
}

TEST(PythonImport, DocstringIsTitleAndDescription) {
  auto read = [](const std::string& doc) {
    Scenario s = import_ok(doc + "\nimport trio\n\nasync def main():\n    pass\n\ntrio.run(main)\n");
    return s.title + "|" + s.description;
  };
  EXPECT_EQ(read(R"("""One line""")"), "One line|");
  EXPECT_EQ(read("\"\"\"Title\n\nFirst paragraph.\n\nSecond one.\n\"\"\""), "Title|First paragraph.\n\nSecond one.");
  EXPECT_EQ(read("\"\"\"\n    Title after a line break\n\n    Indented text,\n      more indented.\n    \"\"\""),
            "Title after a line break|Indented text,\n  more indented.");
  EXPECT_EQ(read("'''Title\nrest directly below'''"), "Title|rest directly below");
  EXPECT_EQ(read(R"("""Escapes: \"\"\" and \\ stay""")"), "Escapes: \"\"\" and \\ stay|");
  EXPECT_EQ(read("# no docstring"), "|");
}

TEST(PythonImport, SettingsThatPythonCannotSay) {
  Scenario s = import_ok("import trio\nasync def main():\n    pass\n# trioscope: scheduling=random, seed=42\n"
                         "trio.run(main, strict_exception_groups=False)\n");
  EXPECT_EQ(s.settings.scheduling, "random");
  EXPECT_EQ(s.settings.seed, 42u);
  EXPECT_FALSE(s.settings.strict_exception_groups);
  EXPECT_TRUE(import_ok("import trio\nasync def main():\n    pass\ntrio.run(main)\n").settings.strict_exception_groups);
  EXPECT_EQ(import_errors("import trio\nasync def main():\n    pass\n# trioscope: sched=lifo\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:4:1: error: unknown trioscope setting \"sched=lifo\"; a `# trioscope:` comment "
                                     "takes scheduling=fifo or scheduling=random, and seed=N"});
}

TEST(PythonImport, ASourceIsToldByItsNameOrItsFirstCharacter) {
  const std::string py = "import trio\nasync def main():\n    pass\ntrio.run(main)\n";
  const std::string js = "{\"functions\": {\"main\": {\"body\": []}}, \"main\": \"main\"}";
  EXPECT_EQ(source_kind_of(js, "lesson.py"), SourceKind::python);
  EXPECT_EQ(source_kind_of(py, "LESSON.PY"), SourceKind::python);
  EXPECT_EQ(source_kind_of(py, "lesson.json"), SourceKind::json);
  EXPECT_EQ(source_kind_of(js, "-"), SourceKind::json);
  EXPECT_EQ(source_kind_of("\xEF\xBB\xBF  \n\t" + js, "-"), SourceKind::json);
  EXPECT_EQ(source_kind_of(" [1, 2]", "-"), SourceKind::json);
  EXPECT_EQ(source_kind_of("", "-"), SourceKind::json);
  EXPECT_EQ(source_kind_of(py, "-"), SourceKind::python);
  EXPECT_EQ(source_kind_of("# a comment first\n" + py, "notes.txt"), SourceKind::python);
  LoadResult a = load_scenario_text(py, "-"), b = load_scenario_text(js, "-");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.source, SourceKind::python);
  EXPECT_EQ(a.scenario->source, SourceKind::python);
  EXPECT_EQ(b.source, SourceKind::json);
  EXPECT_EQ(b.scenario->source, SourceKind::json);
  EXPECT_EQ(to_json_text(*a.scenario), to_json_text(*b.scenario));
  LoadResult forced = load_scenario_text(py, "x.json", SourceKind::python);
  EXPECT_TRUE(forced.ok());
  // A file that fails still says what it was read as.
  LoadResult bad = load_scenario_text("import trio\n", "x.py");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.source, SourceKind::python);
}

// What Python runs but is very likely not meant is a warning in Python's words; the program
// loads, and runs as Python runs it.
TEST(PythonImport, ValidationSpeaksPython) {
  auto warnings = [](const std::string& program) {
    LoadResult r = load_scenario_text(program, "t.py");
    EXPECT_TRUE(r.ok()) << program;
    std::vector<std::string> out;
    for (const auto& d : r.warnings) out.push_back(d.format());
    return out;
  };
  EXPECT_EQ(warnings("import trio\n\nasync def main():\n    raise\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:4:5: warning: a bare raise outside an except handler or a finally block: "
                                     "Python raises RuntimeError('No active exception to reraise') here"});
  EXPECT_EQ(warnings("import trio\n\nasync def ready(task_status=trio.TASK_STATUS_IGNORED):\n"
                     "    task_status.started()\n\nasync def main():\n    await ready()\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:4:5: warning: \"ready\" calls task_status.started(), but no await "
                                     "nursery.start(ready, ...) starts it, so started() does nothing here (task_status "
                                     "is TASK_STATUS_IGNORED); it only means something in a task begun with "
                                     "nursery.start"});
  EXPECT_EQ(warnings("import trio\n\nasync def main():\n    for i in range(-2):\n        print('x')\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:4:20: warning: range(-2) is empty, so the body never runs"});
  EXPECT_EQ(warnings("import trio\n\nasync def main():\n    try:\n        print('x')\n    except* ExceptionGroup:\n"
                     "        print('y')\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:6:13: warning: except* cannot catch ExceptionGroup: Python raises TypeError "
                                     "when an exception reaches this clause; name the exception types inside the group "
                                     "instead"});
  // A task_status that is declared but never used is the parameter all the same: start()
  // then raises Trio's RuntimeError when the task ends, as in Trio.
  EXPECT_TRUE(warnings("import trio\n\nasync def server(task_status=trio.TASK_STATUS_IGNORED):\n    await trio.sleep(1)\n\n"
                       "async def main():\n    async with trio.open_nursery() as nursery:\n"
                       "        await nursery.start(server)\n\ntrio.run(main)\n")
                  .empty());
  // The same problem in a JSON file keeps the format's words.
  EXPECT_EQ(test::warnings_of(test::main_with({R"({ "reraise": true })"})),
            std::vector<std::string>{"t.json:5:22: warning: \"reraise\" (a bare raise) outside an except handler or a "
                                     "finally block: Python raises RuntimeError('No active exception to reraise') here "
                                     "(at /functions/main/body/0/reraise)"});
}

// A JSON scenario gives task_status only to a function with a started statement, so a Trio
// program that declares it and never calls started() cannot become JSON unchanged.
TEST(PythonImport, WhatJsonCannotKeepIsNamed) {
  LoadResult r = load_scenario_text("import trio\n\nasync def server(task_status=trio.TASK_STATUS_IGNORED):\n"
                                    "    await trio.sleep(1)\n\nasync def main():\n"
                                    "    async with trio.open_nursery() as nursery:\n"
                                    "        await nursery.start(server)\n\ntrio.run(main)\n",
                                    "t.py");
  ASSERT_TRUE(r.ok());
  const auto losses = json_losses(*r.scenario);
  ASSERT_EQ(losses.size(), 1u);
  EXPECT_EQ(losses[0].py_line, 3u);
  EXPECT_NE(losses[0].message.find("\"server\" takes task_status but never calls task_status.started()"), std::string::npos);
  // What started() is called in loses nothing.
  LoadResult fine = load_scenario_text("import trio\n\nasync def server(task_status=trio.TASK_STATUS_IGNORED):\n"
                                       "    task_status.started()\n\nasync def main():\n"
                                       "    async with trio.open_nursery() as nursery:\n"
                                       "        await nursery.start(server)\n\ntrio.run(main)\n",
                                       "t.py");
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(json_losses(*fine.scenario).empty());
}

// What a variable holds is worked out over the whole program, as the listing does, and the
// program must reach its cancel scope as Python would.
TEST(PythonImport, ScopesAreReachedAsPythonReachesThem) {
  const std::string head = "import trio\n\nasync def stop(n):\n";
  const std::string tail = "\n\nasync def main():\n    async with trio.open_nursery() as nursery:\n"
                           "        nursery.start_soon(stop, nursery)\n\ntrio.run(main)\n";
  import_ok(head + "    n.cancel_scope.cancel()" + tail);
  import_ok(head + "    getattr(n, \"cancel_scope\", n).cancel()" + tail);
  EXPECT_EQ(import_errors(head + "    n.cancel()" + tail),
            std::vector<std::string>{"t.py:4:5: error: `n.cancel()`: n is a nursery, and a nursery has no cancel() "
                                     "(Python raises AttributeError); its cancel scope has: n.cancel_scope.cancel()"});
  EXPECT_EQ(import_errors("import trio\n\nasync def main():\n    with trio.CancelScope() as s:\n        pass\n"
                          "    print(f\"{s.cancel_scope.cancelled_caught}\")\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:6:14: error: `s.cancel_scope.cancelled_caught`: s is a cancel scope, which "
                                     "has no cancel_scope (Python raises AttributeError); write s.cancelled_caught"});
}

TEST(PythonImport, ColumnsCountCharactersAndLineEndingsDoNotMatter) {
  EXPECT_EQ(import_errors("import trio\n\nasync def main():\n    print(\"é→\", ghost)\n\ntrio.run(main)\n"),
            std::vector<std::string>{"t.py:4:17: error: unknown variable \"ghost\" in function \"main\"; function \"main\" "
                                     "has no parameters or bound names"});
  EXPECT_EQ(import_errors("import trio\n\nasync def main():\n    print(\"é→\"); x = 1\n\ntrio.run(main)\n").at(0).substr(0, 12),
            "t.py:4:18: e");  // in bytes it would be 22
  std::string lf = "\"\"\"T\n\nD\"\"\"\nimport trio\n\nasync def main():\n    print('a')  # c\n\ntrio.run(main)\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Scenario a = import_ok(lf), b = import_ok(crlf);
  EXPECT_EQ(to_json_text(a), to_json_text(b));
  EXPECT_EQ(a.find("main")->body[1].py_line, b.find("main")->body[1].py_line);
}

TEST(PythonImport, ExceptBaseExceptionIsTheHandlerWithoutAType) {
  Scenario s = import_ok("import trio\n\nasync def main():\n    try:\n        pass\n    except BaseException as e:\n"
                         "        pass\n    try:\n        pass\n    except:\n        pass\n\ntrio.run(main)\n");
  EXPECT_TRUE(s.find("main")->body[0].handlers[0].types.empty());
  EXPECT_TRUE(s.find("main")->body[1].handlers[0].types.empty());
}

// The format's limit on nested blocks holds for Python too (its JSON must load), and nesting
// that would exhaust the parser's stack is an error, as it is for Python itself.
TEST(PythonImport, DeepNestingIsAnErrorNotACrash) {
  auto nested = [](int depth) {
    std::string s = "import trio\n\nasync def main():\n", indent = "    ";
    for (int i = 0; i < depth; ++i, indent += "    ") s += indent + "for i in range(1):\n";
    return s + indent + "pass\n\ntrio.run(main)\n";
  };
  Scenario ok = import_ok(nested(kMaxNestingDepth));
  EXPECT_TRUE(load_scenario_text(to_json_text(ok), "deep.json").ok());
  std::vector<std::string> errors = import_errors(nested(kMaxNestingDepth + 1));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("error: blocks nested deeper than 64 levels (the limit for scenario files)"),
            std::string::npos);
  EXPECT_EQ(errors[0].rfind("t.py:" + std::to_string(4 + kMaxNestingDepth + 1) + ":", 0), 0u) << errors[0];
  for (const std::string& deep : {"    print(" + std::string(100000, '-') + "1)\n",
                                  "    print(1" + std::string(50000, '+') + ")\n",
                                  "    print(" + std::string(20000, '(') + "1" + std::string(20000, ')') + ")\n"}) {
    std::vector<std::string> e = import_errors("import trio\nasync def main():\n" + deep + "trio.run(main)\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_TRUE(e[0].find("RecursionError: maximum recursion depth exceeded") != std::string::npos ||
                e[0].find("too many nested parentheses") != std::string::npos)
        << e[0];
  }
}

}  // namespace
}  // namespace trioscope::scenario
