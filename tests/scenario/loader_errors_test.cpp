// Validation: each kind of bad input is refused with FILE:LINE:COL, the JSON pointer and what
// was expected; every error is listed, in file order; nothing is returned to run.
#include <gtest/gtest.h>

// GCC 12 warns (-Warray-bounds) inside nlohmann's JSON_DIAGNOSTICS code when json::parse is
// inlined here; a known false positive in the library header, not in this test.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#include <nlohmann/json.hpp>
#pragma GCC diagnostic pop

#include "scenario/json_positions.hpp"
#include "scenario/loader.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

using test::errors_of;
using test::load_ok;
using test::main_with;
using test::warnings_of;
using Errors = std::vector<std::string>;

const std::string kOps =
    "print, sleep, checkpoint, sleep_forever, block, raise, reraise, open_nursery, start_soon, start, "
    "started, call, move_on_after, fail_after, cancel_scope, cancel, repeat, try, comment";

const std::string kChild = R"(,
    "child": { "params": ["name", "t"], "body": [] })";

TEST(LoaderErrors, UnknownStatementSuggestsTheClosestOne) {
  EXPECT_EQ(errors_of(main_with({R"({ "slep": 1 })"})),
            Errors{"t.json:5:9: error: unknown statement \"slep\"; expected one of " + kOps +
                   "; did you mean \"sleep\"? (at /functions/main/body/0)"});
}

TEST(LoaderErrors, EmptyAmbiguousAndFieldOnlyStatements) {
  EXPECT_EQ(errors_of(main_with({"{}"})),
            Errors{"t.json:5:9: error: empty statement; expected one of " + kOps + " (at /functions/main/body/0)"});
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": 1, "print": "x" })"})),
            Errors{"t.json:5:23: error: ambiguous statement: it has both \"sleep\" and \"print\"; a statement has "
                   "exactly one operation key (at /functions/main/body/0/print)"});
  EXPECT_EQ(errors_of(main_with({R"({ "body": [] })"})),
            Errors{"t.json:5:9: error: statement has \"body\" but no operation; expected one of " + kOps +
                   " (at /functions/main/body/0)"});
  EXPECT_EQ(errors_of(main_with({"3"})),
            Errors{"t.json:5:9: error: expected a statement object such as {\"sleep\": 1}, got 3 "
                   "(at /functions/main/body/0)"});
}

TEST(LoaderErrors, UnknownFieldPointsAtItsKey) {
  EXPECT_EQ(errors_of(main_with({R"({ "move_on_after": 1, "shiled": true, "body": [] })"})),
            Errors{"t.json:5:31: error: unknown field \"shiled\" in a move_on_after statement; expected one of "
                   "move_on_after, as, shield, body; did you mean \"shield\"? "
                   "(at /functions/main/body/0/shiled)"});
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": 1, "as": "x" })"})),
            Errors{"t.json:5:23: error: unknown field \"as\" in a sleep statement; expected one of sleep "
                   "(at /functions/main/body/0/as)"});
}

TEST(LoaderErrors, WrongTypes) {
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": "abc" })"})),
            Errors{"t.json:5:20: error: expected a number of seconds or a \"$variable\", got \"abc\"; "
                   "did you mean \"$abc\"? (at /functions/main/body/0/sleep)"});
  EXPECT_EQ(errors_of(main_with({R"({ "repeat": 1.5, "body": [] })"})),
            Errors{"t.json:5:21: error: expected a whole number of iterations or a \"$variable\", got 1.5 "
                   "(at /functions/main/body/0/repeat)"});
  EXPECT_EQ(errors_of(main_with({R"({ "call": "child", "args": 3 })"}, kChild)),
            Errors{"t.json:5:36: error: expected an array of arguments, got 3 (at /functions/main/body/0/args)"});
  EXPECT_EQ(errors_of(main_with({R"({ "checkpoint": false })"})),
            Errors{"t.json:5:25: error: expected true, got false (at /functions/main/body/0/checkpoint)"});
  EXPECT_EQ(errors_of(main_with({R"({ "cancel_scope": "cs", "shield": "yes", "body": [] })"})),
            Errors{"t.json:5:43: error: expected true or false, got \"yes\" (at /functions/main/body/0/shield)"});
  EXPECT_EQ(errors_of(main_with({R"({ "cancel": "scope" })"})),
            Errors{"t.json:5:21: error: expected a \"$variable\", got \"scope\"; did you mean \"$scope\"? "
                   "(at /functions/main/body/0/cancel)"});
  EXPECT_EQ(errors_of(main_with({R"({ "raise": "valueerror" })"})),
            Errors{"t.json:5:20: error: expected an exception type such as \"ValueError\" (a CapWords name), got "
                   "\"valueerror\" (at /functions/main/body/0/raise)"});
  EXPECT_EQ(errors_of(main_with({R"({ "open_nursery": "nursery" })"})),
            Errors{"t.json:5:9: error: an open_nursery statement needs \"body\": [statements] "
                   "(at /functions/main/body/0)"});
}

TEST(LoaderErrors, NegativeLiteralDurations) {
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": -1 })", R"({ "block": -0.5 })",
                                 R"({ "move_on_after": -2, "body": [] })", R"({ "fail_after": -1e-3, "body": [] })"})),
            (Errors{"t.json:5:20: error: sleep duration must be non-negative, got -1 (at /functions/main/body/0/sleep)",
                    "t.json:6:20: error: block duration must be non-negative, got -0.5 "
                    "(at /functions/main/body/1/block)",
                    "t.json:7:28: error: move_on_after duration must be non-negative, got -2 "
                    "(at /functions/main/body/2/move_on_after)",
                    "t.json:8:25: error: fail_after duration must be non-negative, got -0.001 "
                    "(at /functions/main/body/3/fail_after)"}));
}

TEST(LoaderErrors, NegativeVariableDurationIsARunTimeMatter) {
  load_ok(main_with({R"({ "call": "child", "args": ["x", -1] })"},
                    R"(, "child": { "params": ["name", "t"], "body": [ { "sleep": "$t" } ] })"));
}

TEST(LoaderErrors, UnknownFunctionAndWrongArgumentCount) {
  EXPECT_EQ(errors_of(main_with({R"({ "call": "chld", "args": [1, 2] })"}, kChild)),
            Errors{"t.json:5:19: error: unknown function \"chld\"; expected one of main, child; did you mean "
                   "\"child\"? (at /functions/main/body/0/call)"});
  EXPECT_EQ(errors_of(main_with({R"({ "call": "child", "args": [1] })"}, kChild)),
            Errors{"t.json:5:36: error: child() takes 2 arguments (name, t) but 1 was given "
                   "(at /functions/main/body/0/args)"});
  // No "args" at all: reported at the statement.
  EXPECT_EQ(errors_of(main_with({R"({ "open_nursery": "nursery", "body": [ { "start_soon": "child" } ] })"}, kChild)),
            Errors{"t.json:5:48: error: child() takes 2 arguments (name, t) but 0 were given "
                   "(at /functions/main/body/0/body/0)"});
  EXPECT_EQ(errors_of(main_with({R"({ "call": "main", "args": ["x"] })"})),
            Errors{"t.json:5:35: error: main() takes no arguments but 1 was given (at /functions/main/body/0/args)"});
}

TEST(LoaderErrors, UnknownVariables) {
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": "$t" })"})),
            Errors{"t.json:5:20: error: unknown variable \"t\" in function \"main\"; function \"main\" has no "
                   "parameters or bound names (at /functions/main/body/0/sleep)"});
  EXPECT_EQ(errors_of(main_with({R"({ "move_on_after": 1, "as": "scope", "body": [] })",
                                 R"({ "print": "{scpe.cancelled_caught}" })"})),
            Errors{"t.json:6:20: error: unknown variable \"scpe\" in function \"main\"; expected a parameter or a "
                   "name bound in \"main\": scope; did you mean \"scope\"? (at /functions/main/body/1/print)"});
  // The default nursery "$nursery" must exist too.
  EXPECT_EQ(errors_of(main_with({R"({ "start_soon": "child", "args": [1, 2] })"}, kChild)),
            Errors{"t.json:5:9: error: unknown variable \"nursery\" in function \"main\"; function \"main\" has no "
                   "parameters or bound names (at /functions/main/body/0)"});
  // A variable from another function is not visible.
  EXPECT_EQ(errors_of(main_with({R"({ "call": "child", "args": ["$name", 1] })"}, kChild)),
            Errors{"t.json:5:37: error: unknown variable \"name\" in function \"main\"; function \"main\" has no "
                   "parameters or bound names (at /functions/main/body/0/args/0)"});
}

TEST(LoaderErrors, PythonScopingANameBoundAnywhereInTheFunctionIsKnown) {
  // Read before it is bound: Python raises UnboundLocalError at run time, not at load.
  load_ok(main_with({R"({ "print": "{i} {scope.cancel_called} {e!r}" })",
                     R"({ "repeat": 2, "as": "i", "body": [] })",
                     R"({ "cancel_scope": "scope", "body": [] })",
                     R"({ "try": [], "except": [ { "as": "e", "body": [] } ] })"}));
}

// Python runs both (start() raises TypeError at run time; started() of TASK_STATUS_IGNORED does
// nothing), so they load, with a warning each.
TEST(LoaderErrors, StartAndStartedApartAreWarnings) {
  const std::string fns = R"(,
    "child": { "body": [] },
    "server": { "body": [ { "started": 1 } ] })";
  EXPECT_EQ(warnings_of(main_with({R"({ "open_nursery": "nursery", "body": [ { "start": "child" } ] })",
                                   R"({ "open_nursery": "nursery", "body": [ { "start_soon": "server" } ] })"},
                                  fns)),
            (Errors{"t.json:5:59: warning: \"child\" never calls {\"started\": ...}, so it has no task_status "
                    "parameter and nursery.start(child) raises TypeError; use \"start_soon\", or add a started "
                    "statement to \"child\" (at /functions/main/body/0/body/0/start)",
                    "t.json:10:40: warning: \"server\" calls started(), but no \"start\" statement starts it, so "
                    "started() does nothing here (task_status is TASK_STATUS_IGNORED); it only means something in a "
                    "task begun with {\"start\": \"server\"} (at /functions/server/body/0/started)"}));
}

TEST(LoaderErrors, ShapesPythonRunsAreWarnings) {
  EXPECT_EQ(warnings_of(main_with({R"({ "repeat": -2, "body": [] })", R"({ "print": "{x:ss}" })",
                                   R"({ "raise": "ExceptionGroup", "message": "m" })",
                                   R"({ "repeat": 1, "as": "x", "body": [] })"})),
            (Errors{"t.json:5:21: warning: repeat count -2: range(-2) is empty, so the body never runs "
                    "(at /functions/main/body/0/repeat)",
                    "t.json:6:20: warning: format spec 'ss' is refused by every type: Python raises "
                    "ValueError(\"Invalid format specifier 'ss' for object of type 'int'\") when this print runs "
                    "(at /functions/main/body/1/print)",
                    "t.json:7:20: warning: ExceptionGroup needs a message and a list of exceptions, so Python raises "
                    "TypeError here instead; raise the exceptions from tasks of a nursery to get a group "
                    "(at /functions/main/body/2/raise)"}));
  // bool is an int: no warning, no error.
  EXPECT_EQ(warnings_of(main_with({R"({ "repeat": true, "as": "i", "body": [ { "print": "{i!a}" } ] })",
                                   R"({ "sleep": false })", R"({ "move_on_after": true, "body": [] })"}))
                .size(),
            0u);
}

// Python compiles a bare raise anywhere; in a handler, or in a finally block running for an
// exception, it re-raises that exception, elsewhere RuntimeError('No active exception to reraise').
TEST(LoaderErrors, ReraiseOutsideAHandlerOrFinallyIsAWarning) {
  EXPECT_EQ(warnings_of(main_with({R"({ "reraise": true })",
                                   R"({ "try": [], "except": [ { "body": [ { "repeat": 1, "body": [ { "reraise": true } ] } ] } ], "finally": [ { "reraise": true } ] })",
                                   R"({ "try": [ { "reraise": true } ], "finally": [] })"})),
            (Errors{"t.json:5:22: warning: \"reraise\" (a bare raise) outside an except handler or a finally block: "
                    "Python raises RuntimeError('No active exception to reraise') here (at /functions/main/body/0/reraise)",
                    "t.json:7:33: warning: \"reraise\" (a bare raise) outside an except handler or a finally block: "
                    "Python raises RuntimeError('No active exception to reraise') here "
                    "(at /functions/main/body/2/try/0/reraise)"}));
}

TEST(LoaderErrors, TryShapesPythonRefuses) {
  EXPECT_EQ(warnings_of(main_with({R"({ "try": [], "except*": [ { "type": "ExceptionGroup", "body": [] } ] })"})),
            Errors{"t.json:5:45: warning: except* cannot catch ExceptionGroup: Python raises TypeError when an "
                   "exception reaches this clause; name the exception types inside the group instead "
                   "(at /functions/main/body/0/except*/0/type)"});
  EXPECT_EQ(errors_of(main_with({R"({ "try": [], "except": [ { "body": [] } ], "except*": [ { "body": [] } ] })"})),
            Errors{"t.json:5:52: error: a try has either \"except\" or \"except*\" handlers, not both (Python forbids "
                   "mixing them) (at /functions/main/body/0/except*)"});
  EXPECT_EQ(errors_of(main_with({R"({ "try": [ { "sleep": 1 } ] })"})),
            Errors{"t.json:5:9: error: a try needs handlers in \"except\" or \"except*\", or a \"finally\" "
                   "(at /functions/main/body/0)"});
  EXPECT_EQ(errors_of(main_with({R"({ "try": [], "else": [], "finally": [] })"})),
            Errors{"t.json:5:22: error: \"else\" needs \"except\" handlers (Python allows try/else only with except) "
                   "(at /functions/main/body/0/else)"});
}

TEST(LoaderErrors, TopLevel) {
  EXPECT_EQ(errors_of(R"({ "functions": { "main": { "body": [] } } })"),
            Errors{"t.json:1:1: error: missing \"main\": the name of the function trio.run starts"});
  EXPECT_EQ(errors_of(R"({ "functions": { "main": { "params": ["x"], "body": [] } }, "main": "main" })"),
            Errors{"t.json:1:69: error: the main function \"main\" must take no parameters (trio.run passes none), "
                   "but it takes x (at /main)"});
  EXPECT_EQ(errors_of(R"({ "version": 2, "functions": { "main": { "body": [] } }, "main": "main" })"),
            Errors{"t.json:1:14: error: unsupported version 2; this program reads version 1 (at /version)"});
  EXPECT_EQ(errors_of(R"({ "settings": { "scheduling": "lifo" }, "functions": { "main": { "body": [] } }, "main": "main" })"),
            Errors{"t.json:1:31: error: expected \"fifo\" or \"random\", got \"lifo\" (at /settings/scheduling)"});
  EXPECT_EQ(errors_of("[1]"),
            Errors{"t.json:1:1: error: expected a scenario object {\"version\": 1, \"functions\": {...}, \"main\": "
                   "\"...\"}, got an array"});
}

TEST(LoaderErrors, NamesPythonWouldRefuse) {
  EXPECT_EQ(errors_of(R"({ "functions": { "my main": { "body": [] } }, "main": "my main" })"),
            (Errors{"t.json:1:18: error: \"my main\" is not a valid function name; expected letters, digits and _, not "
                    "starting with a digit (at /functions/my main)"}));
  EXPECT_EQ(errors_of(main_with({R"({ "repeat": 1, "as": "class", "body": [] })",
                                 R"({ "cancel_scope": "time", "body": [] })"})),
            (Errors{"t.json:5:30: error: \"class\" is a Python keyword, so it cannot be a variable name "
                    "(at /functions/main/body/0/as)",
                    "t.json:6:27: error: \"time\" is already used by the Python program (the time module); choose "
                    "another cancel scope name (at /functions/main/body/1/cancel_scope)"}));
  // A local variable that hides a function the same function calls.
  EXPECT_EQ(errors_of(main_with({R"({ "repeat": 1, "as": "child", "body": [ { "call": "child", "args": [1, 2] } ] })"},
                                kChild)),
            Errors{"t.json:5:59: error: \"child\" is also a variable in function \"main\", which hides the function "
                   "child there; rename the variable (at /functions/main/body/0/body/0/call)"});
  EXPECT_EQ(errors_of(R"({ "functions": { "main": { "params": ["a", "a"], "body": [] } }, "main": "x" })")[0],
            "t.json:1:44: error: duplicate parameter \"a\" (at /functions/main/params/1)");
}

TEST(LoaderErrors, BadPrintText) {
  EXPECT_EQ(errors_of(main_with({R"({ "print": "a } b" })"})),
            Errors{"t.json:5:20: error: bad print text: single '}' is not allowed (write '}}' for a brace) "
                   "(at character 3) (at /functions/main/body/0/print)"});
}

TEST(LoaderErrors, InvalidJsonUsesTheParsersPosition) {
  std::string text = "{\n  \"functions\": {\n    \"main\": { \"body\": [ { \"print\": \"hi\" }, ] }\n  }\n}\n";
  Errors got = errors_of(text);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "t.json:3:44: error: not valid JSON: syntax error while parsing value - unexpected ']'; "
                    "expected '[', '{', or a literal");
  // nlohmann's own message agrees on the place.
  try {
    auto parsed = nlohmann::json::parse(text);
    FAIL() << parsed.dump();
  } catch (const nlohmann::json::parse_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3, column 44"), std::string::npos) << e.what();
  }
  EXPECT_EQ(errors_of(""),
            Errors{"t.json:1:1: error: not valid JSON: syntax error while parsing value - unexpected end of input; "
                   "expected '[', '{', or a literal"});
}

TEST(LoaderErrors, DuplicateKeysAndHugeIntegers) {
  EXPECT_EQ(errors_of(main_with({R"({ "sleep": 1, "sleep": 2 })", R"({ "sleep": 99999999999999999999 })"})),
            (Errors{"t.json:5:23: error: duplicate key \"sleep\" (at /functions/main/body/0/sleep)",
                    "t.json:6:20: error: integer 99999999999999999999 is too large: scenario integers are 64-bit, from "
                    "-9223372036854775808 to 9223372036854775807 "
                    "(at /functions/main/body/1/sleep)"}));
}

TEST(LoaderErrors, AllErrorsAreListedInFileOrder) {
  Errors got = errors_of(main_with({R"({ "start_soon": "ghost" })", R"({ "slep": 1 })", R"({ "sleep": -1 })"}) +
                         "");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].substr(0, 11), "t.json:5:9:");   // unknown variable "nursery"
  EXPECT_EQ(got[1].substr(0, 12), "t.json:5:25:");  // unknown function "ghost"
  EXPECT_EQ(got[2].substr(0, 11), "t.json:6:9:");   // unknown statement
  EXPECT_EQ(got[3].substr(0, 12), "t.json:7:20:");  // negative sleep
}

// Blocks nested `depth` deep inside main, as repeat statements.
std::string nested(int depth) {
  std::string inner = R"({ "checkpoint": true })";
  for (int i = 0; i < depth; ++i) inner = R"({ "repeat": 1, "body": [ )" + inner + " ] }";
  return main_with({inner});
}

TEST(LoaderLimits, NestingDepth) {
  load_ok(nested(kMaxNestingDepth));
  Errors got = errors_of(nested(kMaxNestingDepth + 1));
  ASSERT_EQ(got.size(), 1u);
  std::string pointer = "/functions/main/body/0";
  for (int i = 0; i < kMaxNestingDepth; ++i) pointer += "/body/0";
  pointer += "/body";
  // Each `{ "repeat": 1, "body": [ ` is 25 bytes and its `[` is byte 24; the outermost starts at column 9.
  EXPECT_EQ(got[0], "t.json:5:" + std::to_string(9 + 25 * kMaxNestingDepth + 23) +
                        ": error: blocks nested deeper than 64 levels (the limit for scenario files) (at " + pointer + ")");
}

TEST(LoaderLimits, JsonDepthIsRefusedBeforeParsing) {
  std::string deep(kMaxJsonDepth + 10, '[');
  Errors got = errors_of(main_with({R"({ "call": "main", "args": )" + deep + "]"}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("error: JSON nested deeper than 256 levels"), std::string::npos) << got[0];
}

TEST(LoaderLimits, FileSize) {
  std::string text = main_with({R"({ "print": "hi" })"});
  text += std::string(kMaxFileBytes - text.size(), ' ');
  load_ok(text);
  text += " ";
  EXPECT_EQ(errors_of(text), Errors{"t.json: error: the file is larger than 16 MiB, the limit for scenario files"});
}

TEST(LoaderErrors, DiagnosticFieldsAreFilledIn) {
  LoadResult r = load_scenario_text(main_with({R"({ "sleep": -1 })"}), "dir/x.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "dir/x.json");
  EXPECT_EQ(r.errors[0].pos.pointer, "/functions/main/body/0/sleep");
  EXPECT_EQ(r.errors[0].pos.line, 5u);
  EXPECT_EQ(r.errors[0].pos.column, 20u);
  EXPECT_EQ(r.errors[0].message, "sleep duration must be non-negative, got -1");
}

}  // namespace
}  // namespace trioscope::scenario
