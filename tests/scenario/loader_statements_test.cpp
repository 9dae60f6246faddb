// Loading: every statement of the format, with its optional fields, into the AST.
#include <gtest/gtest.h>

#include "scenario/loader.hpp"
#include "scenario_text.hpp"

namespace trioscope::scenario {
namespace {

using test::load_ok;
using test::main_with;

TEST(LoaderFile, TopLevelFieldsSettingsAndSchemaKey) {
  Scenario s = load_ok(R"({
    "$schema": "./schema.json",
    "version": 1,
    "title": "T",
    "description": "D",
    "settings": { "strict_exception_groups": false, "scheduling": "random", "seed": 42 },
    "functions": { "go": { "body": [] } },
    "main": "go"
  })");
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.title, "T");
  EXPECT_EQ(s.description, "D");
  EXPECT_FALSE(s.settings.strict_exception_groups);
  EXPECT_EQ(s.settings.scheduling, "random");
  EXPECT_EQ(s.settings.seed, 42u);
  EXPECT_EQ(s.main, "go");
  EXPECT_EQ(s.path, "t.json");
}

TEST(LoaderFile, DefaultsWhenLeftOut) {
  Scenario s = load_ok(R"({ "functions": { "main": { "body": [] } }, "main": "main" })");
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.title, "");
  EXPECT_TRUE(s.settings.strict_exception_groups);
  EXPECT_EQ(s.settings.scheduling, "fifo");
  EXPECT_EQ(s.settings.seed, 0u);
}

TEST(LoaderFile, FunctionsKeepFileOrderNotAlphabetical) {
  Scenario s = load_ok(R"({ "functions": {
      "zeta": { "body": [] }, "alpha": { "params": ["a", "b"], "body": [] }, "main": { "body": [] } },
    "main": "main" })");
  ASSERT_EQ(s.functions.size(), 3u);
  EXPECT_EQ(s.functions[0].name, "zeta");
  EXPECT_EQ(s.functions[1].name, "alpha");
  EXPECT_EQ(s.functions[2].name, "main");
  EXPECT_EQ(s.functions[1].params, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(s.find("alpha"), nullptr);
  EXPECT_EQ(s.find("alpha")->name, "alpha");
  EXPECT_EQ(s.find("nope"), nullptr);
}

TEST(LoaderValues, IntsStayIntsFloatsStayFloatsAndDollarIsAVariable) {
  Scenario s = load_ok(main_with(
      {R"({ "open_nursery": "nursery", "body": [ { "start_soon": "f", "args": [3, 3.0, 1.5, "txt", true, null, "$nursery", -7] } ] })"},
      R"(, "f": { "params": ["a", "b", "c", "d", "e", "f2", "g", "h"], "body": [] })"));
  const auto& args = s.functions[0].body[0].body[0].args;
  ASSERT_EQ(args.size(), 8u);
  EXPECT_EQ(std::get<std::int64_t>(args[0].literal), 3);
  EXPECT_EQ(std::get<double>(args[1].literal), 3.0);
  EXPECT_EQ(std::get<double>(args[2].literal), 1.5);
  EXPECT_EQ(std::get<std::string>(args[3].literal), "txt");
  EXPECT_EQ(std::get<bool>(args[4].literal), true);
  EXPECT_TRUE(std::holds_alternative<trio::None>(args[5].literal));
  EXPECT_TRUE(args[6].is_var);
  EXPECT_EQ(args[6].var, "nursery");
  EXPECT_EQ(std::get<std::int64_t>(args[7].literal), -7);
}

TEST(LoaderStatements, SimpleStatements) {
  Scenario s = load_ok(main_with({
      R"({ "print": "hello {x!r}" })",
      R"({ "sleep": 3 })",
      R"({ "sleep": "$x" })",
      R"({ "checkpoint": true })",
      R"({ "sleep_forever": true })",
      R"({ "block": 0.5 })",
      R"({ "raise": "ValueError", "message": "Oops" })",
      R"({ "raise": "KeyError" })",
      R"({ "repeat": 2, "as": "x", "body": [] })",
  }));
  const Block& b = s.functions[0].body;
  ASSERT_EQ(b.size(), 9u);
  EXPECT_EQ(b[0].op, Op::print);
  ASSERT_EQ(b[0].parts.size(), 2u);
  EXPECT_EQ(b[0].parts[1].var, "x");
  EXPECT_EQ(b[1].op, Op::sleep);
  EXPECT_EQ(std::get<std::int64_t>(b[1].value.literal), 3);
  EXPECT_TRUE(b[2].value.is_var);
  EXPECT_EQ(b[2].value.var, "x");
  EXPECT_EQ(b[3].op, Op::checkpoint);
  EXPECT_EQ(b[4].op, Op::sleep_forever);
  EXPECT_EQ(b[5].op, Op::block);
  EXPECT_EQ(std::get<double>(b[5].value.literal), 0.5);
  EXPECT_EQ(b[6].op, Op::raise);
  EXPECT_EQ(b[6].exc_type, "ValueError");
  EXPECT_EQ(b[6].message, std::optional<std::string>("Oops"));
  EXPECT_EQ(b[7].exc_type, "KeyError");
  EXPECT_FALSE(b[7].message.has_value());
  EXPECT_EQ(b[8].op, Op::repeat);
  EXPECT_EQ(b[8].name, "x");
}

TEST(LoaderStatements, NurseryTasksAndStart) {
  Scenario s = load_ok(main_with(
      {R"({ "open_nursery": "n", "strict_exception_groups": false, "body": [
          { "start_soon": "child", "args": ["A", 1], "name": "first", "nursery": "$n" },
          { "start_soon": "child", "args": ["B", 2] },
          { "start": "server", "args": [8080], "as": "port", "nursery": "$n" },
          { "call": "child", "args": ["C", "$port"] },
          { "cancel": "$n" } ] })",
       R"({ "open_nursery": "nursery", "body": [] })"},
      R"(,
    "child": { "params": ["name", "t"], "body": [ { "sleep": "$t" } ] },
    "server": { "params": ["port"], "body": [ { "started": "$port" }, { "sleep_forever": true } ] })"));
  const Statement& nursery = s.functions[0].body[0];
  EXPECT_EQ(nursery.op, Op::open_nursery);
  EXPECT_EQ(nursery.name, "n");
  EXPECT_EQ(nursery.strict_exception_groups, std::optional<bool>(false));
  EXPECT_FALSE(s.functions[0].body[1].strict_exception_groups.has_value());
  const Block& b = nursery.body;
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].op, Op::start_soon);
  EXPECT_EQ(b[0].function, "child");
  EXPECT_EQ(b[0].task_name, std::optional<std::string>("first"));
  EXPECT_EQ(b[0].nursery, "n");
  EXPECT_FALSE(b[1].task_name.has_value());
  EXPECT_EQ(b[1].nursery, "nursery");  // the default
  EXPECT_EQ(b[2].op, Op::start);
  EXPECT_EQ(b[2].name, "port");
  EXPECT_EQ(b[3].op, Op::call);
  EXPECT_TRUE(b[3].args[1].is_var);
  EXPECT_EQ(b[4].op, Op::cancel);
  EXPECT_EQ(b[4].value.var, "n");

  const Function* server = s.find("server");
  EXPECT_TRUE(server->uses_task_status);
  EXPECT_FALSE(s.find("child")->uses_task_status);
  EXPECT_EQ(server->body[0].op, Op::started);
  EXPECT_EQ(server->body[0].value.var, "port");
}

TEST(LoaderStatements, StartedWithNullAndUsesTaskStatusWhenNested) {
  Scenario s = load_ok(main_with({R"({ "open_nursery": "nursery", "body": [ { "start": "srv" } ] })"},
                                 R"(,
    "srv": { "body": [ { "try": [ { "repeat": 1, "body": [ { "started": null } ] } ], "finally": [] } ] })"));
  const Function* srv = s.find("srv");
  EXPECT_TRUE(srv->uses_task_status);
  const Statement& started = srv->body[0].body[0].body[0];
  EXPECT_EQ(started.op, Op::started);
  EXPECT_TRUE(std::holds_alternative<trio::None>(started.value.literal));
}

TEST(LoaderStatements, ScopesAndTimeouts) {
  Scenario s = load_ok(main_with({
      R"({ "move_on_after": 2, "as": "timeout", "body": [ { "sleep": 5 } ] })",
      R"({ "fail_after": 1.5, "shield": true, "body": [] })",
      R"({ "cancel_scope": "cs", "shield": true, "body": [ { "cancel": "$cs" } ] })",
      R"({ "print": "{timeout.cancelled_caught} {cs.cancel_called}" })",
  }));
  const Block& b = s.functions[0].body;
  EXPECT_EQ(b[0].op, Op::move_on_after);
  EXPECT_EQ(b[0].name, "timeout");
  EXPECT_FALSE(b[0].shield);
  ASSERT_EQ(b[0].body.size(), 1u);
  EXPECT_EQ(b[1].op, Op::fail_after);
  EXPECT_EQ(std::get<double>(b[1].value.literal), 1.5);
  EXPECT_TRUE(b[1].shield);
  EXPECT_EQ(b[1].name, "");
  EXPECT_EQ(b[2].op, Op::cancel_scope);
  EXPECT_EQ(b[2].name, "cs");
  EXPECT_TRUE(b[2].shield);
  EXPECT_EQ(b[3].parts[0].attr, "cancelled_caught");
  EXPECT_EQ(b[3].parts[2].attr, "cancel_called");
}

TEST(LoaderStatements, TryWithHandlersElseFinally) {
  Scenario s = load_ok(main_with({
      R"({ "try": [ { "raise": "Oops" } ],
           "except": [ { "type": "ValueError", "as": "e", "body": [ { "print": "{e}" } ] },
                       { "type": ["KeyError", "Boom"], "body": [ { "reraise": true } ] },
                       { "body": [] } ],
           "else": [ { "print": "no error" } ],
           "finally": [ { "print": "done" } ] })",
      R"({ "try": [], "except*": [ { "type": "TooSlowError", "as": "eg", "body": [] } ] })",
      R"({ "try": [], "finally": [] })",
  }));
  const Statement& t = s.functions[0].body[0];
  EXPECT_EQ(t.op, Op::try_);
  EXPECT_FALSE(t.star);
  ASSERT_EQ(t.body.size(), 1u);
  ASSERT_EQ(t.handlers.size(), 3u);
  EXPECT_EQ(t.handlers[0].types, (std::vector<std::string>{"ValueError"}));
  EXPECT_EQ(t.handlers[0].as, "e");
  EXPECT_EQ(t.handlers[1].types, (std::vector<std::string>{"KeyError", "Boom"}));
  EXPECT_EQ(t.handlers[1].as, "");
  EXPECT_TRUE(t.handlers[2].types.empty());  // BaseException
  ASSERT_TRUE(t.else_body.has_value());
  ASSERT_TRUE(t.finally_body.has_value());
  EXPECT_EQ(t.finally_body->size(), 1u);
  const Statement& star = s.functions[0].body[1];
  EXPECT_TRUE(star.star);
  EXPECT_FALSE(star.else_body.has_value());
  EXPECT_FALSE(star.finally_body.has_value());
  EXPECT_TRUE(s.functions[0].body[2].handlers.empty());
  // CapWords names that are not built in become classes, in order of first use.
  EXPECT_EQ(s.custom_exceptions, (std::vector<std::string>{"Oops", "Boom"}));
}

TEST(LoaderPositions, StatementsHandlersAndFunctionsKnowWhereTheyAre) {
  Scenario s = load_ok(main_with({
      R"({ "sleep": 1 })",
      R"({ "try": [ { "checkpoint": true } ], "except": [ { "body": [] } ] })",
  }));
  const Function& f = s.functions[0];
  EXPECT_EQ(f.pos.pointer, "/functions/main");
  EXPECT_EQ(f.pos.line, 3u);
  EXPECT_EQ(f.pos.column, 13u);  // `    "main": {`
  const Statement& sleep = f.body[0];
  EXPECT_EQ(sleep.pos.pointer, "/functions/main/body/0");
  EXPECT_EQ(sleep.pos.line, 5u);
  EXPECT_EQ(sleep.pos.column, 9u);
  const Statement& t = f.body[1];
  EXPECT_EQ(t.pos.line, 6u);
  EXPECT_EQ(t.body[0].pos.pointer, "/functions/main/body/1/try/0");
  EXPECT_EQ(t.body[0].pos.column, 20u);
  EXPECT_EQ(t.handlers[0].pos.pointer, "/functions/main/body/1/except/0");
  EXPECT_EQ(t.handlers[0].pos.column, 58u);
  // Loading also places every statement in the default listing: `import trio`, two blank
  // lines, `async def main():`, then the body.
  EXPECT_EQ(f.py_line, 4u);
  EXPECT_EQ(sleep.py_line, 5u);
  EXPECT_EQ(t.py_line, 6u);
  EXPECT_EQ(t.body[0].py_line, 7u);
  EXPECT_EQ(t.handlers[0].py_line, 8u);
}

TEST(LoaderFile, ReadsFilesAndRefusesMissingOnes) {
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/loader_ok.json";
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::string text = main_with({R"({ "print": "hi" })"});
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  LoadResult ok = load_scenario_file(path);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.scenario->path, path);

  LoadResult missing = load_scenario_file(dir + "/no_such_file.json");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].format(),
            dir + "/no_such_file.json: error: cannot open the file: No such file or directory");
  LoadResult directory = load_scenario_file(dir);
  ASSERT_EQ(directory.errors.size(), 1u);
  EXPECT_NE(directory.errors[0].message.find("directory"), std::string::npos);
}

}  // namespace
}  // namespace trioscope::scenario
