// The Python listing: the program a student would write for a scenario, and the line of each
// statement in it (py_line), which the app highlights while the run plays.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "scenario/python_listing.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

using test::load_ok;

// Uses every statement and option of the format once.
const char* kEverything = R"({
  "title": "Listing",
  "settings": { "strict_exception_groups": false },
  "functions": {
    "child": { "params": ["name", "sleep_time"], "body": [
      { "print": "Child {name} sleeps {sleep_time!r}s, {{ok}}" },
      { "sleep": "$sleep_time" },
      { "block": 0.5 },
      { "checkpoint": true }
    ]},
    "server": { "params": ["port"], "body": [
      { "started": "$port" },
      { "sleep_forever": true }
    ]},
    "stopper": { "params": ["n"], "body": [ { "cancel": "$n" } ] },
    "main": { "body": [
      { "try": [
        { "open_nursery": "nursery", "strict_exception_groups": true, "body": [
          { "start_soon": "child", "args": ["A", 3] },
          { "start_soon": "child", "args": ["B", 1.5], "name": "bee" },
          { "start": "server", "args": [8080], "as": "port" },
          { "print": "port {port}" },
          { "move_on_after": 2, "as": "timeout", "shield": true, "body": [] },
          { "print": "{timeout.cancelled_caught} {nursery.cancel_called}" },
          { "call": "stopper", "args": ["$nursery"] }
        ]}
      ], "except": [
        { "type": "ValueError", "as": "e", "body": [ { "raise": "$e" } ] },
        { "type": ["KeyError", "Oops"], "body": [ { "reraise": true } ] },
        { "body": [ { "raise": "Oops", "message": "it's \"bad\"" } ] }
      ], "else": [], "finally": [
        { "cancel_scope": "cs", "shield": true, "body": [
          { "fail_after": 1, "body": [ { "raise": "TooSlowError" } ] } ] }
      ]},
      { "try": [ { "repeat": 3, "as": "i", "body": [ { "print": "i={i:>3}" } ] }, { "repeat": 2, "body": [] } ],
        "except*": [ { "type": "Cancelled", "as": "eg", "body": [] } ] }
    ]}
  },
  "main": "main"
})";

const char* kEverythingPython = R"("""Listing"""

import time
import trio


class Oops(Exception): pass


async def child(name, sleep_time):
    print(f"Child {name} sleeps {sleep_time!r}s, {{ok}}")
    await trio.sleep(sleep_time)
    time.sleep(0.5)
    await trio.lowlevel.checkpoint()


async def server(port, task_status=trio.TASK_STATUS_IGNORED):
    task_status.started(port)
    await trio.sleep_forever()


async def stopper(n):
    n.cancel_scope.cancel()


async def main():
    try:
        async with trio.open_nursery(strict_exception_groups=True) as nursery:
            nursery.start_soon(child, "A", 3)
            nursery.start_soon(child, "B", 1.5, name="bee")
            port = await nursery.start(server, 8080)
            print(f"port {port}")
            with trio.move_on_after(2, shield=True) as timeout:
                pass
            print(f"{timeout.cancelled_caught} {nursery.cancel_scope.cancel_called}")
            await stopper(nursery)
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
                raise trio.TooSlowError()
    try:
        for i in range(3):
            print(f"i={i:>3}")
        for _ in range(2):
            pass
    except* trio.Cancelled as eg:
        pass


if __name__ == "__main__":
    # move_on_after / fail_after with shield=True need Trio 0.27 or later.
    trio.run(main, strict_exception_groups=False)
)";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string trimmed(const std::string& s) { return s.substr(s.find_first_not_of(' ')); }

TEST(PythonListing, WritesTheProgramAStudentWould) {
  Scenario s = load_ok(kEverything);
  EXPECT_EQ(to_python(s).text, kEverythingPython);
}

// Every statement, handler, function, else and finally knows its line, and that line shows it.
void check_block(const Block& b, const std::vector<std::string>& lines, int indent) {
  static const std::map<Op, std::string> starts = {
      {Op::print, "print("},           {Op::sleep, "await trio.sleep("},
      {Op::checkpoint, "await trio.lowlevel.checkpoint()"},
      {Op::sleep_forever, "await trio.sleep_forever()"},
      {Op::block, "time.sleep("},      {Op::raise, "raise "},
      {Op::reraise, "raise"},          {Op::open_nursery, "async with trio.open_nursery("},
      {Op::start_soon, "nursery.start_soon("},
      {Op::start, "port = await nursery.start("},
      {Op::started, "task_status.started("},
      {Op::call, "await stopper("},    {Op::move_on_after, "with trio.move_on_after("},
      {Op::fail_after, "with trio.fail_after("},
      {Op::cancel_scope, "with trio.CancelScope("},
      {Op::cancel, "n.cancel_scope.cancel()"},
      {Op::repeat, "for "},            {Op::try_, "try:"},
  };
  for (const auto& st : b) {
    ASSERT_GE(st.py_line, 1u);
    ASSERT_LE(st.py_line, lines.size());
    const std::string& line = lines[st.py_line - 1];
    EXPECT_EQ(line.find_first_not_of(' '), std::size_t(4 * indent)) << line;
    EXPECT_EQ(trimmed(line).rfind(starts.at(st.op), 0), 0u) << "line " << st.py_line << ": " << line;
    check_block(st.body, lines, indent + 1);
    for (const auto& h : st.handlers) {
      EXPECT_EQ(trimmed(lines[h.py_line - 1]).rfind(st.star ? "except* " : "except ", 0), 0u);
      check_block(h.body, lines, indent + 1);
    }
    if (st.else_body) {
      EXPECT_EQ(lines[st.else_py_line - 1], std::string(4 * indent, ' ') + "else:");
      check_block(*st.else_body, lines, indent + 1);
    }
    if (st.finally_body) {
      EXPECT_EQ(lines[st.finally_py_line - 1], std::string(4 * indent, ' ') + "finally:");
      check_block(*st.finally_body, lines, indent + 1);
    }
  }
}

TEST(PythonListing, PyLinePointsAtTheStatementsOwnLine) {
  Scenario s = load_ok(kEverything);
  auto lines = lines_of(to_python(s).text);
  for (const auto& f : s.functions) {
    SCOPED_TRACE(f.name);
    ASSERT_GE(f.py_line, 1u);
    EXPECT_EQ(lines[f.py_line - 1].rfind("async def " + f.name + "(", 0), 0u);
    check_block(f.body, lines, 1);
  }
  // A few exact ones, counted by hand in kEverythingPython.
  EXPECT_EQ(s.find("child")->py_line, 10u);
  EXPECT_EQ(s.find("child")->body[2].py_line, 13u);
  const Statement& t = s.find("main")->body[0];
  EXPECT_EQ(t.py_line, 27u);
  EXPECT_EQ(t.handlers[1].py_line, 39u);
  EXPECT_EQ(t.else_py_line, 43u);
  EXPECT_EQ(t.finally_py_line, 45u);
}

TEST(PythonListing, VirtualTimeRunsUnderAMockClockAndJumpsForBlockingCalls) {
  Scenario s = load_ok(kEverything);
  PythonOptions o;
  o.virtual_time = true;
  std::string text = to_python(s, o).text;
  auto lines = lines_of(text);
  EXPECT_EQ(text.find("import time\n"), std::string::npos);
  EXPECT_NE(text.find("import trio.testing\n"), std::string::npos);
  EXPECT_EQ(trimmed(lines[s.find("child")->body[2].py_line - 1]),
            "trio.lowlevel.current_clock().jump(0.5)  # time.sleep(0.5), in virtual time");
  EXPECT_EQ(lines.back(),
            "    trio.run(main, strict_exception_groups=False, clock=trio.testing.MockClock(autojump_threshold=0))");
}

// Trio's default changed in 0.25 (off before, on since): the program always says which it
// wants, on the last line, so the lines above keep their numbers.
TEST(PythonListing, TrioRunAlwaysNamesStrictExceptionGroups) {
  Scenario s = load_ok(R"({ "functions": { "main": { "body": [ { "sleep": 1 } ] } }, "main": "main" })");
  auto lines = lines_of(to_python(s).text);
  EXPECT_EQ(lines.back(), "    trio.run(main, strict_exception_groups=True)");
  EXPECT_EQ(lines[s.functions[0].body[0].py_line - 1], "    await trio.sleep(1)");
  EXPECT_EQ(lines.size(), 9u);  // import, 2 blank, def, sleep, 2 blank, if, run

  Scenario loose = load_ok(R"({ "settings": { "strict_exception_groups": false },
                                "functions": { "main": { "body": [] } }, "main": "main" })");
  EXPECT_EQ(lines_of(to_python(loose).text).back(), "    trio.run(main, strict_exception_groups=False)");
}

TEST(PythonListing, NurseryPassedThroughSeveralCallsIsStillANursery) {
  Scenario s = load_ok(R"({ "functions": {
    "outer": { "params": ["a"], "body": [ { "call": "inner", "args": ["$a"] } ] },
    "inner": { "params": ["b"], "body": [ { "cancel": "$b" }, { "print": "{b.cancel_called}" } ] },
    "scoped": { "params": ["c"], "body": [ { "cancel": "$c" } ] },
    "main": { "body": [
      { "open_nursery": "nursery", "body": [ { "call": "outer", "args": ["$nursery"] } ] },
      { "cancel_scope": "cs", "body": [ { "call": "scoped", "args": ["$cs"] } ] } ] } },
    "main": "main" })");
  auto lines = lines_of(to_python(s).text);
  EXPECT_EQ(trimmed(lines[s.find("inner")->body[0].py_line - 1]), "b.cancel_scope.cancel()");
  EXPECT_EQ(trimmed(lines[s.find("inner")->body[1].py_line - 1]), "print(f\"{b.cancel_scope.cancel_called}\")");
  EXPECT_EQ(trimmed(lines[s.find("scoped")->body[0].py_line - 1]), "c.cancel()");
}

TEST(PythonListing, StringsAndTemplatesAreQuotedForPython) {
  Scenario s = load_ok(R"({ "functions": { "main": { "body": [
      { "print": "say \"hi\" {x}" },
      { "print": "tab\there \\ and {x!r:>5}" },
      { "print": "no fields {{here}}" },
      { "repeat": 1, "as": "x", "body": [] } ] } }, "main": "main" })");
  auto lines = lines_of(to_python(s).text);
  const Block& b = s.functions[0].body;
  EXPECT_EQ(trimmed(lines[b[0].py_line - 1]), "print(f'say \"hi\" {x}')");
  EXPECT_EQ(trimmed(lines[b[1].py_line - 1]), "print(f\"tab\\there \\\\ and {x!r:>5}\")");
  EXPECT_EQ(trimmed(lines[b[2].py_line - 1]), "print(\"no fields {here}\")");
}

TEST(PythonListing, TitleAndDescriptionBecomeTheDocstring) {
  Scenario s = load_ok(R"({ "title": "A \"quoted\"", "description": "Line one.\nBack\\slash",
                             "functions": { "main": { "body": [] } }, "main": "main" })");
  auto lines = lines_of(to_python(s).text);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0], "\"\"\"A \"quoted\"");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "Line one.");
  EXPECT_EQ(lines[3], "Back\\\\slash");
  EXPECT_EQ(lines[4], "\"\"\"");
}

}  // namespace
}  // namespace trioscope::scenario
