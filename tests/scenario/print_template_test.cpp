// Print templates: Python f-string bodies. The accepted and refused forms follow what
// Python 3.11 does with the same text inside f"...".
#include <gtest/gtest.h>

#include "scenario/print_template.hpp"

namespace trioscope::scenario {
namespace {

TemplatePart text(std::string s) {
  TemplatePart p;
  p.text = std::move(s);
  return p;
}

TemplatePart field(std::string var, std::string attr = "", char conv = 0, std::string spec = "") {
  TemplatePart p;
  p.is_field = true;
  p.var = std::move(var);
  p.attr = std::move(attr);
  p.conversion = conv;
  p.spec = std::move(spec);
  return p;
}

void expect_parts(const std::string& tmpl, const std::vector<TemplatePart>& want) {
  ParsedTemplate got = parse_template(tmpl);
  ASSERT_FALSE(got.error) << tmpl << ": " << got.error->message;
  ASSERT_EQ(got.parts.size(), want.size()) << tmpl;
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(tmpl + " part " + std::to_string(i));
    EXPECT_EQ(got.parts[i].is_field, want[i].is_field);
    EXPECT_EQ(got.parts[i].text, want[i].text);
    EXPECT_EQ(got.parts[i].var, want[i].var);
    EXPECT_EQ(got.parts[i].attr, want[i].attr);
    EXPECT_EQ(got.parts[i].conversion, want[i].conversion);
    EXPECT_EQ(got.parts[i].spec, want[i].spec);
  }
}

TEST(PrintTemplate, PlainTextAndFields) {
  expect_parts("", {});
  expect_parts("Parent is starting a nursery.", {text("Parent is starting a nursery.")});
  expect_parts("Child {name} is going to sleep for {sleep_time}s.",
               {text("Child "), field("name"), text(" is going to sleep for "), field("sleep_time"), text("s.")});
  expect_parts("{a}{b}", {field("a"), field("b")});
}

TEST(PrintTemplate, ConversionsAndSpecs) {
  expect_parts("{name!r}", {field("name", "", 'r')});
  expect_parts("{name!s}", {field("name", "", 's')});
  expect_parts("{name!a}", {field("name", "", 'a')});
  expect_parts("{x!a:>5}", {field("x", "", 'a', ">5")});
  // Python's f-string parser takes any text as a spec; format() refuses it at run time.
  expect_parts("{x:>>>}", {field("x", "", 0, ">>>")});
  expect_parts("{x:\"^5}", {field("x", "", 0, "\"^5")});
  expect_parts(std::string("{x:\0<3}", 7), {field("x", "", 0, std::string("\0<3", 3))});
  expect_parts("{x:>8}", {field("x", "", 0, ">8")});
  expect_parts("{x!r:^10}", {field("x", "", 'r', "^10")});
  expect_parts("{x:.2f}", {field("x", "", 0, ".2f")});
  expect_parts("{x:}", {field("x")});  // an empty spec is no spec, as in Python
  expect_parts("{ x }", {field("x")});  // Python allows spaces around the expression
}

TEST(PrintTemplate, CancelScopeAttributes) {
  expect_parts("{scope.cancelled_caught}", {field("scope", "cancelled_caught")});
  expect_parts("{scope.cancel_called}", {field("scope", "cancel_called")});
  // The Python spelling for a nursery's scope means the same.
  expect_parts("{nursery.cancel_scope.cancelled_caught}", {field("nursery", "cancelled_caught")});
}

TEST(PrintTemplate, DoubledBracesAreLiteral) {
  expect_parts("{{x}}", {text("{x}")});
  expect_parts("a {{ {b} }}", {text("a { "), field("b"), text(" }")});
}

TEST(PrintTemplate, RefusedLikePython) {
  struct Case {
    std::string tmpl;
    std::size_t index;
    std::string message;
  };
  const Case cases[] = {
      {"a } b", 2, "single '}' is not allowed (write '}}' for a brace)"},
      {"ab {x", 3, "expecting '}' (write '{{' for a brace)"},
      {"{}", 0, "empty expression not allowed"},
      {"{x!}", 0, "invalid conversion character: expected 's', 'r', or 'a'"},
      {"{x!x}", 0, "invalid conversion character: expected 's', 'r', or 'a'"},
      {"{x!r }", 0, "expecting '}' after the conversion"},
      {"{x:>{w}}", 4, "nested '{' inside a field is not supported"},
      {"{x.real}", 0, "\"{x.real}\": a print can read only .cancelled_caught or .cancel_called"},
      {"{x + 1}", 0,
       "\"{x + 1}\" is not a variable; expected {name}, {name!r}, {name:spec}, {scope.cancelled_caught} or "
       "{scope.cancel_called}"},
      {"{x=}", 0,
       "\"{x=}\" is not supported; expected {name}, {name!r}, {name:spec}, {scope.cancelled_caught} or "
       "{scope.cancel_called}"},
  };
  for (const auto& c : cases) {
    ParsedTemplate got = parse_template(c.tmpl);
    ASSERT_TRUE(got.error) << c.tmpl;
    EXPECT_EQ(got.error->index, c.index) << c.tmpl;
    EXPECT_EQ(got.error->message, c.message) << c.tmpl;
  }
}

TEST(PrintTemplate, FormatSpecGrammar) {
  for (const char* ok : {"", ">8", "<", "^10", "*^10", "0>5", "+d", " d", "#x", "08.3f", ",d", "_d", ".2%", "z.1f",
                         "10.4", "s", "\xC3\xA9>5"})
    EXPECT_TRUE(is_format_spec(ok)) << ok;
  // Malformed specs load (Python raises ValueError when the print runs).
  for (const char* odd : {">>>", "5q", ".f", "1.2.3", "++d", "99999999999999999999", "2000000"})
    EXPECT_TRUE(is_format_spec(odd)) << odd;
}

}  // namespace
}  // namespace trioscope::scenario
