// [SECTION] Operation table
// [SECTION] Messages and field readers (values, durations, names, `$variables`)
// [SECTION] Statements and handlers
// [SECTION] Functions, settings and the file
#include "scenario/from_json.hpp"

#include "core/trace.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "scenario/json_positions.hpp"
#include "scenario/loader.hpp"
#include "scenario/print_template.hpp"
#include "scenario/py_format.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::scenario {

// ---- [SECTION] Operation table --------------------------------------------------------------

namespace {
// "an open_nursery statement", "a sleep statement".
std::string a_or_an(const std::string& word) {
  bool vowel = !word.empty() && std::string("aeiou").find(word[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + word;
}
}  // namespace

namespace {

struct OpInfo {
  OpInfo(const char* k, Op o, std::vector<std::string> f) : key(k), name(k), op(o), fields(std::move(f)) {
    allowed = fields;
    allowed.insert(allowed.begin(), key);
  }
  const char* key;
  std::string_view name;  // the key again, for comparisons that look at the length first
  Op op;
  std::vector<std::string> fields;   // allowed besides the operation key
  std::vector<std::string> allowed;  // the operation key, then `fields`
};

// In the order of enum Op.
const std::vector<OpInfo>& ops() {
  static const std::vector<OpInfo> table = {
      {"print", Op::print, {}},
      {"sleep", Op::sleep, {}},
      {"checkpoint", Op::checkpoint, {}},
      {"sleep_forever", Op::sleep_forever, {}},
      {"block", Op::block, {}},
      {"raise", Op::raise, {"message"}},
      {"reraise", Op::reraise, {}},
      {"open_nursery", Op::open_nursery, {"strict_exception_groups", "body"}},
      {"start_soon", Op::start_soon, {"args", "name", "nursery"}},
      {"start", Op::start, {"args", "name", "nursery", "as"}},
      {"started", Op::started, {}},
      {"call", Op::call, {"args"}},
      {"move_on_after", Op::move_on_after, {"as", "shield", "body"}},
      {"fail_after", Op::fail_after, {"as", "shield", "body"}},
      {"cancel_scope", Op::cancel_scope, {"shield", "body"}},
      {"cancel", Op::cancel, {}},
      {"repeat", Op::repeat, {"as", "body"}},
      {"try", Op::try_, {"except", "except*", "else", "finally"}},
      {"comment", Op::comment, {}},
  };
  return table;
}

const OpInfo* find_op(std::string_view key) {
  for (const auto& o : ops())
    if (key == o.name) return &o;
  return nullptr;
}

bool is_any_field(std::string_view key) {
  for (const auto& o : ops())
    if (std::find(o.fields.begin(), o.fields.end(), key) != o.fields.end()) return true;
  return false;
}

}  // namespace

const char* op_key(Op op) { return ops()[std::size_t(op)].key; }

const std::vector<std::string>& op_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& o : ops()) k.push_back(o.key);
    return k;
  }();
  return keys;
}

// ---- [SECTION] Messages and field readers -----------------------------------------------------

namespace {

std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

// How a JSON value shows in "got ..." messages.
std::string describe(JsonValue j) {
  switch (j.type()) {
    case JsonType::object: return "an object";
    case JsonType::array: return "an array";
    case JsonType::string: {
      std::string s = j.dump();
      if (s.size() <= 42) return s;
      std::size_t cut = 38;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 only
      return s.substr(0, cut) + "...\"";
    }
    default: return j.dump();
  }
}

// `$name` -> "name"; "" if the string is not a variable reference.
std::string var_of(JsonValue j) {
  std::string_view s = j.str();
  return s.size() > 1 && s[0] == '$' ? std::string(s.substr(1)) : "";
}

// For a bare word where a `$variable` was expected: the hint to add the `$`.
std::string dollar_hint(JsonValue j) {
  if (j.is_string() && is_identifier(j.str())) return "; did you mean \"$" + std::string(j.str()) + "\"?";
  return "";
}

std::size_t code_points_before(std::string_view s, std::size_t index) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < index && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

class Builder {
 public:
  Builder(Problems& p, const LineIndex& lines) : p_(p), lines_(lines) {}
  Scenario build(JsonValue doc);

 private:
  // fields
  bool check_name(std::string_view s, const LazyPointer& ptr, bool at_key, const char* what);
  std::optional<std::string> name(JsonValue j, const LazyPointer& ptr, const char* what);
  std::optional<std::string> var_ref(JsonValue j, const LazyPointer& ptr);
  std::optional<std::string> text(JsonValue j, const LazyPointer& ptr, const char* what);
  std::optional<bool> boolean(JsonValue j, const LazyPointer& ptr);
  void require_true(JsonValue j, const LazyPointer& ptr);
  std::optional<Expr> value(JsonValue j, const LazyPointer& ptr);
  std::optional<Expr> duration(JsonValue j, const LazyPointer& ptr, const char* what);
  std::optional<Expr> count(JsonValue j, const LazyPointer& ptr);
  std::optional<std::string> exc_type(JsonValue j, const LazyPointer& ptr);
  void note_exception(const std::string& type);
  FilePos pos_at(std::string pointer, JsonValue j) const;
  // structure
  void block(JsonValue j, const std::string& ptr, int depth, Block& out);
  void body(JsonValue st, const std::string& ptr, int depth, const char* what, Block& out);
  void statement(JsonValue j, std::string ptr, int depth, Block& out);
  void fill(Statement& st, JsonValue j, int depth);
  void fill_try(Statement& st, JsonValue j, int depth);
  void handler(JsonValue j, std::string ptr, int depth, bool star, std::vector<Handler>& out);
  void function(std::string fname, JsonValue j, std::string ptr);
  void settings(JsonValue j, const std::string& ptr, Settings& s);
  void questions(JsonValue j, const std::string& ptr);
  // `where()` names the object in the message ("a sleep statement"); called only on a problem.
  template <class Where>
  void unknown_fields(JsonValue j, const std::string& ptr, const std::vector<std::string>& allowed,
                      Where&& where);

  Problems& p_;
  const LineIndex& lines_;
  Scenario* sc_ = nullptr;
  bool saw_started_ = false;  // in the function being read
};

bool Builder::check_name(std::string_view name, const LazyPointer& ptr, bool at_key, const char* what) {
  std::string msg = name_problem(name, what);
  if (msg.empty()) return true;
  at_key ? p_.at_key(ptr.str(), msg) : p_.at(ptr.str(), msg);
  return false;
}

std::optional<std::string> Builder::name(JsonValue j, const LazyPointer& ptr, const char* what) {
  if (!j.is_string()) {
    p_.at(ptr.str(), std::string("expected a ") + what + " name (a string such as \"nursery\"), got " + describe(j));
    return std::nullopt;
  }
  std::string_view s = j.str();
  if (!s.empty() && s[0] == '$') {
    p_.at(ptr.str(), "expected a plain name here, not a \"$variable\": write " + dq(s.substr(1)));
    return std::nullopt;
  }
  if (!check_name(s, ptr, false, what)) return std::nullopt;
  return std::string(s);
}

std::optional<std::string> Builder::var_ref(JsonValue j, const LazyPointer& ptr) {
  std::string v = var_of(j);
  if (v.empty()) {
    p_.at(ptr.str(), "expected a \"$variable\", got " + describe(j) + dollar_hint(j));
    return std::nullopt;
  }
  if (!check_name(v, ptr, false, "variable")) return std::nullopt;
  return v;
}

std::optional<std::string> Builder::text(JsonValue j, const LazyPointer& ptr, const char* what) {
  if (j.is_string()) return std::string(j.str());
  p_.at(ptr.str(), std::string("expected ") + what + " (a string), got " + describe(j));
  return std::nullopt;
}

std::optional<bool> Builder::boolean(JsonValue j, const LazyPointer& ptr) {
  if (j.is_boolean()) return j.get_bool();
  p_.at(ptr.str(), "expected true or false, got " + describe(j));
  return std::nullopt;
}

void Builder::require_true(JsonValue j, const LazyPointer& ptr) {
  if (!(j.is_boolean() && j.get_bool())) p_.at(ptr.str(), "expected true, got " + describe(j));
}

std::optional<Expr> Builder::value(JsonValue j, const LazyPointer& ptr) {
  Expr e;
  switch (j.type()) {
    case JsonType::string: {
      std::string_view s = j.str();
      if (!s.empty() && s[0] == '$') {
        if (s.size() == 1 || !check_name(s.substr(1), ptr, false, "variable")) {
          if (s.size() == 1) p_.at(ptr.str(), "\"$\" must be followed by a variable name");
          return std::nullopt;
        }
        e.is_var = true;
        e.var = s.substr(1);
      } else {
        e.literal = std::string(s);
      }
      return e;
    }
    case JsonType::integer: e.literal = j.get_int(); return e;
    case JsonType::unsigned_integer:
      if (j.get_uint() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        p_.at(ptr.str(), "integer " + j.dump() + " is too large: scenario integers are 64-bit, from "
                         "-9223372036854775808 to 9223372036854775807");
        return std::nullopt;
      }
      e.literal = j.get_int();
      return e;
    case JsonType::floating: e.literal = j.get_double(); return e;
    case JsonType::boolean: e.literal = j.get_bool(); return e;
    case JsonType::null: e.literal = trio::None{}; return e;
    default:
      p_.at(ptr.str(), "expected a value (a number, a string, true, false, null or a \"$variable\"), got " +
                     describe(j));
      return std::nullopt;
  }
}

std::optional<Expr> Builder::duration(JsonValue j, const LazyPointer& ptr, const char* what) {
  // A bool is an int in Python: trio.sleep(True) sleeps one second.
  if (!j.is_number() && !j.is_boolean() && var_of(j).empty()) {
    p_.at(ptr.str(), "expected a number of seconds or a \"$variable\", got " + describe(j) + dollar_hint(j));
    return std::nullopt;
  }
  auto e = value(j, ptr);
  if (e && !e->is_var && trio::as_double(e->literal) < 0) {
    p_.at(ptr.str(), std::string(what) + " duration must be non-negative, got " + j.dump());
    return std::nullopt;
  }
  return e;
}

std::optional<Expr> Builder::count(JsonValue j, const LazyPointer& ptr) {
  if (!j.is_number_integer() && !j.is_boolean() && var_of(j).empty()) {
    p_.at(ptr.str(), "expected a whole number of iterations or a \"$variable\", got " + describe(j) +
                   dollar_hint(j));
    return std::nullopt;
  }
  if (j.is_number_integer() && j.get_int() < 0 && !j.is_number_unsigned())
    p_.warn(ptr.str(), "repeat count " + j.dump() + ": range(" + j.dump() + ") is empty, so the body never runs");
  return value(j, ptr);
}

std::optional<std::string> Builder::exc_type(JsonValue j, const LazyPointer& ptr) {
  std::optional<std::string_view> s;
  if (j.is_string()) s = j.str();
  if (s && is_exception_type_name(*s)) {
    std::string type(*s);
    note_exception(type);
    return type;
  }
  std::string hint;
  if (s && s->rfind("trio.", 0) == 0) hint = "; write " + dq(s->substr(5)) + " for trio's";
  p_.at(ptr.str(), "expected an exception type such as \"ValueError\" (a CapWords name), got " +
                 describe(j) + hint);
  return std::nullopt;
}

void Builder::note_exception(const std::string& type) {
  auto& c = sc_->custom_exceptions;
  if (is_custom_exception(type) && std::find(c.begin(), c.end(), type) == c.end()) c.push_back(type);
}

template <class Where>
void Builder::unknown_fields(JsonValue j, const std::string& ptr, const std::vector<std::string>& allowed,
                             Where&& where) {
  for (auto [k, v] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string expected =
        allowed.empty() ? "it takes no other field" : "expected one of " + join(allowed);
    p_.at_key(pointer_append(ptr, k),
              "unknown field " + dq(k) + " in " + where() + "; " + expected + did_you_mean(k, allowed));
  }
}

FilePos Builder::pos_at(std::string pointer, JsonValue j) const {
  auto [line, column] = lines_.line_col(j.loc().value);
  return {std::move(pointer), line, column};
}

}  // namespace

// ---- [SECTION] Statements and handlers --------------------------------------------------------

namespace {

void Builder::block(JsonValue j, const std::string& ptr, int depth, Block& out) {
  if (!j.is_array()) {
    p_.at(ptr, "expected an array of statements, got " + describe(j));
    return;
  }
  if (depth > kMaxNestingDepth) {
    p_.at(ptr, "blocks nested deeper than " + std::to_string(kMaxNestingDepth) +
                   " levels (the limit for scenario files)");
    return;
  }
  out.reserve(j.size());
  std::size_t i = 0;
  for (JsonValue st : j.elements()) statement(st, pointer_append(ptr, i++), depth, out);
}

void Builder::body(JsonValue st, const std::string& ptr, int depth, const char* what, Block& out) {
  if (!st.contains("body")) {
    p_.at(ptr, a_or_an(what) + " statement needs \"body\": [statements]");
    return;
  }
  block(st["body"], pointer_append(ptr, "body"), depth + 1, out);
}

void Builder::statement(JsonValue j, std::string ptr, int depth, Block& out) {
  auto expected = [] { return "expected one of " + join(op_keys()); };
  if (!j.is_object()) {
    p_.at(ptr, "expected a statement object such as {\"sleep\": 1}, got " + describe(j));
    return;
  }
  const OpInfo* info = nullptr;
  std::optional<std::string_view> second_op;
  for (auto [k, v] : j.items())
    if (const OpInfo* o = find_op(k)) {
      if (!info) info = o;
      else if (!second_op) second_op = k;
    }
  if (!info) {
    if (j.empty()) {
      p_.at(ptr, "empty statement; " + expected());
    } else {
      std::string_view first = j.items().begin().key();
      if (is_any_field(first))
        p_.at(ptr, "statement has " + dq(first) + " but no operation; " + expected());
      else
        p_.at(ptr, "unknown statement " + dq(first) + "; " + expected() + did_you_mean(first, op_keys()));
    }
    return;
  }
  if (second_op) {
    p_.at_key(pointer_append(ptr, *second_op),
              "ambiguous statement: it has both " + dq(info->key) + " and " + dq(*second_op) +
                  "; a statement has exactly one operation key");
    return;
  }
  unknown_fields(j, ptr, info->allowed, [&] { return a_or_an(info->key) + " statement"; });

  Statement& st = out.emplace_back();
  st.op = info->op;
  st.pos = pos_at(std::move(ptr), j);
  fill(st, j, depth);
}

void Builder::fill(Statement& st, JsonValue j, int depth) {
  const std::string& ptr = st.pos.pointer;
  const char* key = op_key(st.op);
  JsonValue v = j[key];
  const LazyPointer vptr(ptr, key);
  auto field = [&](const char* f) { return LazyPointer(ptr, f); };
  auto opt_as = [&] {
    if (j.contains("as"))
      if (auto n = name(j["as"], field("as"), "variable")) st.name = std::move(*n);
  };
  auto opt_shield = [&] {
    if (j.contains("shield"))
      if (auto b = boolean(j["shield"], field("shield"))) st.shield = *b;
  };
  auto call_fields = [&] {
    // An empty name names nothing: it is reported here, and validation (which takes an
    // empty name for one already reported) says nothing more about it.
    if (v.is_string() && !v.str().empty()) st.function = v.str();
    else p_.at(vptr.str(), "expected a function name (a string such as \"child\"), got " + describe(v));
    if (j.contains("args")) {
      JsonValue a = j["args"];
      if (!a.is_array()) {
        p_.at(field("args").str(), "expected an array of arguments, got " + describe(a));
        p_.unreadable_args.insert(ptr);
      } else {
        st.args.reserve(a.size());
        std::size_t i = 0;
        for (JsonValue arg : a.elements()) {
          if (auto e = value(arg, LazyPointer(ptr, "args", i++))) st.args.push_back(std::move(*e));
          else p_.unreadable_args.insert(ptr);
        }
      }
    }
  };
  auto task_fields = [&] {
    call_fields();
    if (j.contains("name"))
      if (auto s = text(j["name"], field("name"), "a task name")) st.task_name = std::move(*s);
    if (j.contains("nursery")) {
      auto n = var_ref(j["nursery"], field("nursery"));
      st.nursery = n ? std::move(*n) : "";  // "": already reported, not an unknown variable too
    }
  };
  auto read_body = [&] { body(j, ptr, depth, key, st.body); };

  switch (st.op) {
    case Op::print:
      if (v.is_string()) {
        std::string_view printed = v.str();
        ParsedTemplate t = parse_template(printed);
        if (t.error)
          p_.at(vptr.str(), "bad print text: " + t.error->message + " (at character " +
                                std::to_string(code_points_before(printed, t.error->index) + 1) + ")");
        for (const auto& part : t.parts)
          if (part.is_field)
            if (auto err = spec_error(part.spec))
              p_.warn(vptr.str(), "format spec " + trio::py_repr(trio::Value(part.spec)) +
                                      " is refused by every type: Python raises " + err->type + "(" +
                                      trio::py_repr(trio::Value(err->message)) + ") when this print runs");
        st.parts = std::move(t.parts);
      } else {
        text(v, vptr, "the text to print");  // reports it
      }
      break;
    case Op::sleep:
    case Op::block:
      if (auto e = duration(v, vptr, key)) st.value = std::move(*e);
      break;
    case Op::checkpoint:
    case Op::sleep_forever:
    case Op::reraise:
      require_true(v, vptr);
      break;
    case Op::raise:
      if (!var_of(v).empty()) {
        if (auto n = var_ref(v, vptr)) st.value = Expr{true, std::move(*n), {}};
        if (j.contains("message"))
          p_.at_key(field("message").str(), "\"message\" goes with an exception type, not with a \"$variable\"");
      } else {
        if (auto t = exc_type(v, vptr)) st.exc_type = std::move(*t);
        if (j.contains("message"))
          if (auto m = text(j["message"], field("message"), "a message")) st.message = std::move(*m);
        const std::string& t = st.exc_type;
        if (t == "ExceptionGroup" || t == "BaseExceptionGroup")
          p_.warn(vptr.str(), t + " needs a message and a list of exceptions, so Python raises TypeError here "
                                  "instead; raise the exceptions from tasks of a nursery to get a group");
        else if (t == "UnicodeEncodeError" || t == "UnicodeDecodeError" || t == "UnicodeTranslateError")
          p_.warn(vptr.str(), t + " takes " + (t == "UnicodeTranslateError" ? "4" : "5") +
                                  " arguments, not a message, so Python raises TypeError here instead");
      }
      break;
    case Op::open_nursery:
      if (auto n = name(v, vptr, "nursery")) st.name = std::move(*n);
      if (j.contains("strict_exception_groups"))
        st.strict_exception_groups = boolean(j["strict_exception_groups"], field("strict_exception_groups"));
      read_body();
      break;
    case Op::start_soon:
      task_fields();
      break;
    case Op::start:
      task_fields();
      opt_as();
      break;
    case Op::started:
      saw_started_ = true;
      if (auto e = value(v, vptr)) st.value = std::move(*e);
      break;
    case Op::call:
      call_fields();
      break;
    case Op::move_on_after:
    case Op::fail_after:
      if (auto e = duration(v, vptr, key)) st.value = std::move(*e);
      opt_as();
      opt_shield();
      read_body();
      break;
    case Op::cancel_scope:
      if (auto n = name(v, vptr, "cancel scope")) st.name = std::move(*n);
      opt_shield();
      read_body();
      break;
    case Op::cancel:
      if (auto n = var_ref(v, vptr)) st.value = Expr{true, std::move(*n), {}};
      break;
    case Op::repeat:
      if (auto e = count(v, vptr)) st.value = std::move(*e);
      opt_as();
      read_body();
      break;
    case Op::try_:
      fill_try(st, j, depth);
      break;
    case Op::comment:
      if (auto t = text(v, vptr, "the comment's text")) {
        if (std::string why = comment_problem(*t); !why.empty()) p_.at(vptr.str(), why);
        else st.comment = std::move(*t);
      }
      break;
  }
}

void Builder::fill_try(Statement& st, JsonValue j, int depth) {
  const std::string& ptr = st.pos.pointer;
  block(j["try"], pointer_append(ptr, "try"), depth + 1, st.body);
  bool plain = j.contains("except"), star = j.contains("except*");
  if (plain && star)
    p_.at_key(pointer_append(ptr, "except*"),
              "a try has either \"except\" or \"except*\" handlers, not both (Python forbids mixing them)");
  st.star = star && !plain;
  for (const char* key : {"except", "except*"}) {
    if (!j.contains(key)) continue;
    const std::string hptr = pointer_append(ptr, key);
    JsonValue hs = j[key];
    if (!hs.is_array()) {
      p_.at(hptr, "expected an array of handlers such as [{\"type\": \"ValueError\", \"body\": [...]}], got " +
                      describe(hs));
      continue;
    }
    std::size_t i = 0;
    for (JsonValue h : hs.elements()) handler(h, pointer_append(hptr, i++), depth, key[6] == '*', st.handlers);
  }
  bool any_handler = (plain && j["except"].is_array() && !j["except"].empty()) ||
                     (star && j["except*"].is_array() && !j["except*"].empty());
  if (j.contains("else")) {
    if (!any_handler)
      p_.at_key(pointer_append(ptr, "else"),
                "\"else\" needs \"except\" handlers (Python allows try/else only with except)");
    block(j["else"], pointer_append(ptr, "else"), depth + 1, st.else_body.emplace());
  }
  if (j.contains("finally"))
    block(j["finally"], pointer_append(ptr, "finally"), depth + 1, st.finally_body.emplace());
  if (!any_handler && !j.contains("finally"))
    p_.at(ptr, "a try needs handlers in \"except\" or \"except*\", or a \"finally\"");
}

void Builder::handler(JsonValue j, std::string ptr, int depth, bool star, std::vector<Handler>& out) {
  static const std::vector<std::string> fields = {"type", "as", "body"};
  if (!j.is_object()) {
    p_.at(ptr, "expected a handler object such as {\"type\": \"ValueError\", \"as\": \"e\", \"body\": [...]}, got " +
                   describe(j));
    return;
  }
  unknown_fields(j, ptr, fields, [&] { return star ? "an except* handler" : "an except handler"; });
  Handler& h = out.emplace_back();
  h.pos = pos_at(std::move(ptr), j);
  const std::string& hptr = h.pos.pointer;
  if (j.contains("type")) {
    JsonValue t = j["type"];
    const LazyPointer tptr(hptr, "type");
    if (t.is_array()) {
      if (t.empty()) p_.at(tptr.str(), "expected at least one exception type");
      std::size_t i = 0;
      for (JsonValue type : t.elements())
        if (auto s = exc_type(type, LazyPointer(hptr, "type", i++))) h.types.push_back(std::move(*s));
    } else if (auto s = exc_type(t, tptr)) {
      h.types.push_back(std::move(*s));
    }
    if (star)
      for (const auto& s : h.types)
        if (s == "ExceptionGroup" || s == "BaseExceptionGroup")
          p_.warn(tptr.str(), "except* cannot catch " + s +
                                  ": Python raises TypeError when an exception reaches this clause; name the "
                                  "exception types inside the group instead");
  }
  if (j.contains("as"))
    if (auto n = name(j["as"], LazyPointer(hptr, "as"), "variable")) h.as = std::move(*n);
  if (!j.contains("body")) p_.at(hptr, "a handler needs \"body\": [statements]");
  else block(j["body"], pointer_append(hptr, "body"), depth + 1, h.body);
}

}  // namespace

// ---- [SECTION] Functions, settings and the file -----------------------------------------------

namespace {

void Builder::function(std::string fname, JsonValue j, std::string ptr) {
  static const std::vector<std::string> fields = {"params", "body"};
  // A badly named function is still read, so calls to it do not add "unknown function" noise.
  check_name(fname, ptr, true, "function");
  if (!j.is_object()) {
    p_.at(ptr, "expected a function object {\"params\": [...], \"body\": [...]}, got " + describe(j));
    return;
  }
  unknown_fields(j, ptr, fields, [&] { return "function " + dq(fname); });
  Function& f = sc_->functions.emplace_back();
  f.name = std::move(fname);
  f.pos = pos_at(std::move(ptr), j);
  const std::string& fptr = f.pos.pointer;
  if (j.contains("params")) {
    JsonValue ps = j["params"];
    if (!ps.is_array()) {
      p_.at(pointer_append(fptr, "params"), "expected an array of parameter names, got " + describe(ps));
    } else {
      std::size_t i = 0;
      for (JsonValue param : ps.elements()) {
        LazyPointer at(fptr, "params", i++);
        auto n = name(param, at, "parameter");
        if (!n) continue;
        if (std::find(f.params.begin(), f.params.end(), *n) != f.params.end())
          p_.at(at.str(), "duplicate parameter " + dq(*n));
        f.params.push_back(std::move(*n));
      }
    }
  }
  saw_started_ = false;
  if (!j.contains("body")) p_.at(fptr, "function " + dq(f.name) + " needs \"body\": [statements]");
  else block(j["body"], pointer_append(fptr, "body"), 0, f.body);
  f.uses_task_status = saw_started_;
}

void Builder::settings(JsonValue j, const std::string& ptr, Settings& s) {
  if (!j.is_object()) {
    p_.at(ptr, "expected a settings object, got " + describe(j));
    return;
  }
  unknown_fields(j, ptr, {"strict_exception_groups", "scheduling", "seed"}, [] { return "settings"; });
  if (j.contains("strict_exception_groups"))
    if (auto b = boolean(j["strict_exception_groups"], LazyPointer(ptr, "strict_exception_groups")))
      s.strict_exception_groups = *b;
  if (j.contains("scheduling")) {
    JsonValue v = j["scheduling"];
    if (v.str() == "fifo" || v.str() == "random") s.scheduling = v.str();
    else p_.at(pointer_append(ptr, "scheduling"), "expected \"fifo\" or \"random\", got " + describe(v));
  }
  if (j.contains("seed")) {
    JsonValue v = j["seed"];
    if (v.is_number_unsigned() || (v.is_number_integer() && v.get_int() >= 0))
      s.seed = v.get_uint();
    else p_.at(pointer_append(ptr, "seed"), "expected a non-negative whole number, got " + describe(v));
  }
}

}  // namespace

bool is_step_spec(std::string_view s) {
  if (s.empty()) return false;
  if (s == "last" || s == "end") return true;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i < s.size() && std::all_of(s.begin() + std::ptrdiff_t(i), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  const std::size_t colon = s.find(':');
  const std::string_view kind = s.substr(0, colon);
  bool known = false;
  for (int k = 0; k <= static_cast<int>(trio::EventKind::budget_exhausted); ++k)
    known = known || kind == trio::event_kind_name(static_cast<trio::EventKind>(k));
  if (!known) return false;
  if (colon == std::string_view::npos) return true;
  const std::string_view n = s.substr(colon + 1);
  return !n.empty() && n.size() < 10 && n[0] != '0' && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

// "questions": [{"at": STEP, "prompt": "...", "choices": [{"text": "...", "correct": true,
// "why": "..."}, ...]}]: 2 to 4 choices, exactly one of them correct.
void Builder::questions(JsonValue j, const std::string& ptr) {
  if (!j.is_array()) {
    p_.at(ptr, "expected an array of questions [{\"at\": \"raised\", \"prompt\": \"...\", \"choices\": [...]}], got " +
                   describe(j));
    return;
  }
  std::size_t qi = 0;
  for (JsonValue q : j.elements()) {
    const std::string qptr = pointer_append(ptr, qi++);
    if (!q.is_object()) {
      p_.at(qptr, "expected a question object {\"at\": ..., \"prompt\": ..., \"choices\": [...]}, got " + describe(q));
      continue;
    }
    unknown_fields(q, qptr, {"at", "prompt", "choices"}, [] { return "a question"; });
    AuthoredQuestion out;
    out.pos = pos_at(qptr, q);
    if (!q.contains("at")) {
      p_.at(qptr, "a question needs \"at\": the step it is asked before (a step number, \"last\" or an event kind "
                  "such as \"raised\" or \"print:2\")");
    } else if (auto at = text(q["at"], LazyPointer(qptr, "at"), "a step")) {
      if (!is_step_spec(*at))
        p_.at(pointer_append(qptr, "at"), "expected a step: a number, \"last\" or an event kind such as \"raised\" or "
                                          "\"print:2\", got " + dq(*at) + did_you_mean(at->substr(0, at->find(':')), [] {
                                            std::vector<std::string> kinds;
                                            for (int k = 0; k <= static_cast<int>(trio::EventKind::budget_exhausted); ++k)
                                              kinds.push_back(trio::event_kind_name(static_cast<trio::EventKind>(k)));
                                            return kinds;
                                          }()));
      out.at = std::move(*at);
    }
    if (!q.contains("prompt")) p_.at(qptr, "a question needs \"prompt\": what the class is asked");
    else if (auto pr = text(q["prompt"], LazyPointer(qptr, "prompt"), "the question")) {
      if (pr->empty()) p_.at(pointer_append(qptr, "prompt"), "the prompt is empty: write the question the class is asked");
      out.prompt = std::move(*pr);
    }
    const std::string cptr = pointer_append(qptr, "choices");
    if (!q.contains("choices")) {
      p_.at(qptr, "a question needs \"choices\": 2 to 4 objects {\"text\": \"...\"}, one with \"correct\": true");
    } else if (!q["choices"].is_array()) {
      p_.at(cptr, "expected an array of 2 to 4 choices, got " + describe(q["choices"]));
    } else {
      JsonValue cs = q["choices"];
      if (cs.size() < 2 || cs.size() > 4)
        p_.at(cptr, "a question has 2 to 4 choices (keys 1 to 4 answer it), got " + std::to_string(cs.size()));
      std::size_t ci = 0, correct = 0;
      for (JsonValue c : cs.elements()) {
        const std::string one = pointer_append(cptr, ci);
        if (!c.is_object()) {
          p_.at(one, "expected a choice {\"text\": \"...\"}, got " + describe(c));
          ++ci;
          continue;
        }
        unknown_fields(c, one, {"text", "correct", "why"}, [] { return "a choice"; });
        AuthoredChoice choice;
        if (!c.contains("text")) p_.at(one, "a choice needs \"text\"");
        else if (auto tx = text(c["text"], LazyPointer(one, "text"), "the choice's text")) choice.text = std::move(*tx);
        if (c.contains("why"))
          if (auto w = text(c["why"], LazyPointer(one, "why"), "why the choice is wrong")) choice.why = std::move(*w);
        if (c.contains("correct"))
          if (auto b = boolean(c["correct"], LazyPointer(one, "correct")); b && *b) {
            ++correct;
            out.answer = ci;
          }
        out.choices.push_back(std::move(choice));
        ++ci;
      }
      if (correct != 1 && cs.size() >= 2 && cs.size() <= 4)
        p_.at(cptr, correct == 0 ? "no choice is marked \"correct\": true; mark the right one"
                                 : "more than one choice is marked \"correct\": true; a question has one right answer");
    }
    sc_->questions.push_back(std::move(out));
  }
}

Scenario Builder::build(JsonValue doc) {
  Scenario sc;
  sc_ = &sc;
  if (!doc.is_object()) {
    p_.at("", "expected a scenario object {\"version\": 1, \"functions\": {...}, \"main\": \"...\"}, got " +
                  describe(doc));
    return sc;
  }
  unknown_fields(doc, "", {"$schema", "version", "title", "description", "settings", "functions", "main", "questions"},
                 [] { return "the scenario"; });
  if (doc.contains("version")) {
    JsonValue v = doc["version"];
    if (!(v.is_number() && v.get_double() == 1.0))  // 1.0 too, as Python's json reads it
      p_.at("/version", "unsupported version " + describe(v) + "; this program reads version 1");
  }
  const std::string root;
  if (doc.contains("title"))
    if (auto s = text(doc["title"], LazyPointer(root, "title"), "a title")) sc.title = std::move(*s);
  if (doc.contains("description"))
    if (auto s = text(doc["description"], LazyPointer(root, "description"), "a description")) sc.description = std::move(*s);
  if (doc.contains("settings")) settings(doc["settings"], "/settings", sc.settings);
  if (!doc.contains("functions")) {
    p_.at("", "missing \"functions\": {\"name\": {\"params\": [...], \"body\": [...]}, ...}");
  } else if (!doc["functions"].is_object()) {
    p_.at("/functions", "expected an object of functions {\"name\": {...}}, got " + describe(doc["functions"]));
  } else {
    JsonValue fs = doc["functions"];
    sc.functions.reserve(fs.size());
    const std::string fptr = "/functions";
    for (auto [fname, fj] : fs.items()) function(std::string(fname), fj, pointer_append(fptr, fname));
  }
  if (!doc.contains("main")) {
    p_.at("", "missing \"main\": the name of the function trio.run starts");
  } else if (auto m = text(doc["main"], LazyPointer(root, "main"), "the name of the main function")) {
    if (m->empty()) {
      std::vector<std::string> names;
      for (const Function& f : sc.functions) names.push_back(f.name);
      p_.at("/main", "expected the name of the function trio.run starts, got \"\"" +
                         (names.empty() ? std::string("; the scenario has no functions")
                                        : "; expected one of " + join_some(names)));
    }
    sc.main = std::move(*m);
  }
  if (doc.contains("questions")) questions(doc["questions"], "/questions");
  return sc;
}

}  // namespace

Scenario scenario_from_json(const JsonDoc& doc, const LineIndex& lines, Problems& problems) {
  Builder b(problems, lines);
  return b.build(doc.root());
}

}  // namespace trioscope::scenario
