// [SECTION] Operation table
// [SECTION] Messages and field readers (values, durations, names, `$variables`)
// [SECTION] Statements and handlers
// [SECTION] Functions, settings and the file
#include "scenario/from_json.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "scenario/json_positions.hpp"
#include "scenario/loader.hpp"
#include "scenario/print_template.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::scenario {

using Json = nlohmann::ordered_json;

// ---- [SECTION] Operation table --------------------------------------------------------------

namespace {

struct OpInfo {
  const char* key;
  Op op;
  std::vector<std::string> fields;  // allowed besides the operation key
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
  };
  return table;
}

const OpInfo* find_op(const std::string& key) {
  for (const auto& o : ops())
    if (key == o.key) return &o;
  return nullptr;
}

bool is_any_field(const std::string& key) {
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

std::string dq(const std::string& s) { return "\"" + s + "\""; }

// How a JSON value shows in "got ..." messages.
std::string describe(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: {
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
std::string var_of(const Json& j) {
  if (!j.is_string()) return "";
  const auto& s = j.get_ref<const std::string&>();
  return s.size() > 1 && s[0] == '$' ? s.substr(1) : "";
}

// For a bare word where a `$variable` was expected: the hint to add the `$`.
std::string dollar_hint(const Json& j) {
  if (j.is_string() && is_identifier(j.get_ref<const std::string&>()))
    return "; did you mean \"$" + j.get<std::string>() + "\"?";
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
  explicit Builder(Problems& p) : p_(p) {}
  Scenario build(const Json& doc);

 private:
  // fields
  bool check_name(const std::string& s, const std::string& ptr, bool at_key, const char* what);
  std::optional<std::string> name(const Json& j, const std::string& ptr, const char* what);
  std::optional<std::string> var_ref(const Json& j, const std::string& ptr);
  std::optional<std::string> text(const Json& j, const std::string& ptr, const char* what);
  std::optional<bool> boolean(const Json& j, const std::string& ptr);
  void require_true(const Json& j, const std::string& ptr);
  std::optional<Expr> value(const Json& j, const std::string& ptr);
  std::optional<Expr> duration(const Json& j, const std::string& ptr, const char* what);
  std::optional<Expr> count(const Json& j, const std::string& ptr);
  std::optional<std::string> exc_type(const Json& j, const std::string& ptr);
  void note_exception(const std::string& type);
  // structure
  Block block(const Json& j, const std::string& ptr, int depth);
  Block body(const Json& st, const std::string& ptr, int depth, const char* what);
  std::optional<Statement> statement(const Json& j, const std::string& ptr, int depth);
  void fill(Statement& st, const Json& j, const std::string& ptr, int depth);
  void fill_try(Statement& st, const Json& j, const std::string& ptr, int depth);
  std::optional<Handler> handler(const Json& j, const std::string& ptr, int depth, bool star);
  std::optional<Function> function(const std::string& fname, const Json& j, const std::string& ptr);
  void settings(const Json& j, const std::string& ptr, Settings& s);
  void unknown_fields(const Json& j, const std::string& ptr, const std::vector<std::string>& allowed,
                      const std::string& where);

  Problems& p_;
  Scenario* sc_ = nullptr;
};

bool Builder::check_name(const std::string& s, const std::string& ptr, bool at_key, const char* what) {
  std::string msg;
  if (!is_identifier(s))
    msg = dq(s) + " is not a valid " + what +
          " name; expected letters, digits and _, not starting with a digit";
  else if (is_python_keyword(s))
    msg = dq(s) + " is a Python keyword, so it cannot be a " + what + " name";
  else if (is_listing_name(s))
    msg = dq(s) + " is already used by the Python program (" +
          (s == "task_status" ? std::string("the parameter of started tasks")
                              : s == "trio" || s == "time" ? "the " + s + " module" : s + "()") +
          "); choose another " + what + " name";
  if (msg.empty()) return true;
  at_key ? p_.at_key(ptr, msg) : p_.at(ptr, msg);
  return false;
}

std::optional<std::string> Builder::name(const Json& j, const std::string& ptr, const char* what) {
  if (!j.is_string()) {
    p_.at(ptr, std::string("expected a ") + what + " name (a string such as \"nursery\"), got " + describe(j));
    return std::nullopt;
  }
  const auto& s = j.get_ref<const std::string&>();
  if (!s.empty() && s[0] == '$') {
    p_.at(ptr, "expected a plain name here, not a \"$variable\": write " + dq(s.substr(1)));
    return std::nullopt;
  }
  if (!check_name(s, ptr, false, what)) return std::nullopt;
  return s;
}

std::optional<std::string> Builder::var_ref(const Json& j, const std::string& ptr) {
  std::string v = var_of(j);
  if (v.empty()) {
    p_.at(ptr, "expected a \"$variable\", got " + describe(j) + dollar_hint(j));
    return std::nullopt;
  }
  if (!check_name(v, ptr, false, "variable")) return std::nullopt;
  return v;
}

std::optional<std::string> Builder::text(const Json& j, const std::string& ptr, const char* what) {
  if (j.is_string()) return j.get<std::string>();
  p_.at(ptr, std::string("expected ") + what + " (a string), got " + describe(j));
  return std::nullopt;
}

std::optional<bool> Builder::boolean(const Json& j, const std::string& ptr) {
  if (j.is_boolean()) return j.get<bool>();
  p_.at(ptr, "expected true or false, got " + describe(j));
  return std::nullopt;
}

void Builder::require_true(const Json& j, const std::string& ptr) {
  if (!(j.is_boolean() && j.get<bool>())) p_.at(ptr, "expected true, got " + describe(j));
}

std::optional<Expr> Builder::value(const Json& j, const std::string& ptr) {
  Expr e;
  switch (j.type()) {
    case Json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      if (!s.empty() && s[0] == '$') {
        if (s.size() == 1 || !check_name(s.substr(1), ptr, false, "variable")) {
          if (s.size() == 1) p_.at(ptr, "\"$\" must be followed by a variable name");
          return std::nullopt;
        }
        e.is_var = true;
        e.var = s.substr(1);
      } else {
        e.literal = s;
      }
      return e;
    }
    case Json::value_t::number_integer: e.literal = j.get<std::int64_t>(); return e;
    case Json::value_t::number_unsigned:
      if (j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        p_.at(ptr, "integer " + j.dump() + " is too large (the limit is 64 bits)");
        return std::nullopt;
      }
      e.literal = j.get<std::int64_t>();
      return e;
    case Json::value_t::number_float: e.literal = j.get<double>(); return e;
    case Json::value_t::boolean: e.literal = j.get<bool>(); return e;
    case Json::value_t::null: e.literal = trio::None{}; return e;
    default:
      p_.at(ptr, "expected a value (a number, a string, true, false, null or a \"$variable\"), got " +
                     describe(j));
      return std::nullopt;
  }
}

std::optional<Expr> Builder::duration(const Json& j, const std::string& ptr, const char* what) {
  if (!j.is_number() && var_of(j).empty()) {
    p_.at(ptr, "expected a number of seconds or a \"$variable\", got " + describe(j) + dollar_hint(j));
    return std::nullopt;
  }
  auto e = value(j, ptr);
  if (e && !e->is_var && trio::as_double(e->literal) < 0) {
    p_.at(ptr, std::string(what) + " duration must be non-negative, got " + j.dump());
    return std::nullopt;
  }
  return e;
}

std::optional<Expr> Builder::count(const Json& j, const std::string& ptr) {
  if (!j.is_number_integer() && var_of(j).empty()) {
    p_.at(ptr, "expected a whole number of iterations or a \"$variable\", got " + describe(j) +
                   dollar_hint(j));
    return std::nullopt;
  }
  if (j.is_number_integer() && j.get<std::int64_t>() < 0 && !j.is_number_unsigned()) {
    p_.at(ptr, "repeat count must be non-negative, got " + j.dump());
    return std::nullopt;
  }
  return value(j, ptr);
}

std::optional<std::string> Builder::exc_type(const Json& j, const std::string& ptr) {
  const std::string* s = j.is_string() ? &j.get_ref<const std::string&>() : nullptr;
  if (s && is_exception_type_name(*s)) {
    note_exception(*s);
    return *s;
  }
  std::string hint;
  if (s && s->rfind("trio.", 0) == 0) hint = "; write " + dq(s->substr(5)) + " for trio's";
  p_.at(ptr, "expected an exception type such as \"ValueError\" (a CapWords name), got " +
                 describe(j) + hint);
  return std::nullopt;
}

void Builder::note_exception(const std::string& type) {
  auto& c = sc_->custom_exceptions;
  if (is_custom_exception(type) && std::find(c.begin(), c.end(), type) == c.end()) c.push_back(type);
}

void Builder::unknown_fields(const Json& j, const std::string& ptr,
                             const std::vector<std::string>& allowed, const std::string& where) {
  for (const auto& [k, v] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string expected =
        allowed.empty() ? "it takes no other field" : "expected one of " + join(allowed);
    p_.at_key(pointer_append(ptr, k),
              "unknown field " + dq(k) + " in " + where + "; " + expected + did_you_mean(k, allowed));
  }
}

}  // namespace

// ---- [SECTION] Statements and handlers --------------------------------------------------------

namespace {

Block Builder::block(const Json& j, const std::string& ptr, int depth) {
  Block out;
  if (!j.is_array()) {
    p_.at(ptr, "expected an array of statements, got " + describe(j));
    return out;
  }
  if (depth > kMaxNestingDepth) {
    p_.at(ptr, "blocks nested deeper than " + std::to_string(kMaxNestingDepth) +
                   " levels (the limit for scenario files)");
    return out;
  }
  for (std::size_t i = 0; i < j.size(); ++i)
    if (auto st = statement(j[i], pointer_append(ptr, i), depth)) out.push_back(std::move(*st));
  return out;
}

Block Builder::body(const Json& st, const std::string& ptr, int depth, const char* what) {
  if (!st.contains("body")) {
    p_.at(ptr, std::string("a ") + what + " statement needs \"body\": [statements]");
    return {};
  }
  return block(st["body"], pointer_append(ptr, "body"), depth + 1);
}

std::optional<Statement> Builder::statement(const Json& j, const std::string& ptr, int depth) {
  const std::string expected = "expected one of " + join(op_keys());
  if (!j.is_object()) {
    p_.at(ptr, "expected a statement object such as {\"sleep\": 1}, got " + describe(j));
    return std::nullopt;
  }
  std::vector<std::string> op_names;
  for (const auto& [k, v] : j.items())
    if (find_op(k)) op_names.push_back(k);
  if (op_names.empty()) {
    if (j.empty()) {
      p_.at(ptr, "empty statement; " + expected);
    } else {
      std::string first = j.begin().key();
      if (is_any_field(first))
        p_.at(ptr, "statement has " + dq(first) + " but no operation; " + expected);
      else
        p_.at(ptr, "unknown statement " + dq(first) + "; " + expected + did_you_mean(first, op_keys()));
    }
    return std::nullopt;
  }
  if (op_names.size() > 1) {
    p_.at_key(pointer_append(ptr, op_names[1]),
              "ambiguous statement: it has both " + dq(op_names[0]) + " and " + dq(op_names[1]) +
                  "; a statement has exactly one operation key");
    return std::nullopt;
  }
  const OpInfo& info = *find_op(op_names[0]);
  std::vector<std::string> allowed = info.fields;
  allowed.insert(allowed.begin(), info.key);
  unknown_fields(j, ptr, allowed, std::string("a ") + info.key + " statement");

  Statement st;
  st.op = info.op;
  st.pos.pointer = ptr;
  fill(st, j, ptr, depth);
  return st;
}

void Builder::fill(Statement& st, const Json& j, const std::string& ptr, int depth) {
  const char* key = op_key(st.op);
  const Json& v = j[key];
  const std::string vptr = pointer_append(ptr, key);
  auto field = [&](const char* f) { return pointer_append(ptr, f); };
  auto opt_as = [&] {
    if (j.contains("as"))
      if (auto n = name(j["as"], field("as"), "variable")) st.name = *n;
  };
  auto opt_shield = [&] {
    if (j.contains("shield"))
      if (auto b = boolean(j["shield"], field("shield"))) st.shield = *b;
  };
  auto call_fields = [&] {
    if (v.is_string()) st.function = v.get<std::string>();
    else p_.at(vptr, "expected a function name (a string), got " + describe(v));
    if (j.contains("args")) {
      const Json& a = j["args"];
      if (!a.is_array()) {
        p_.at(field("args"), "expected an array of arguments, got " + describe(a));
        p_.unreadable_args.insert(ptr);
      } else {
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (auto e = value(a[i], pointer_append(field("args"), i))) st.args.push_back(*e);
          else p_.unreadable_args.insert(ptr);
        }
      }
    }
  };
  auto task_fields = [&] {
    call_fields();
    if (j.contains("name"))
      if (auto s = text(j["name"], field("name"), "a task name")) st.task_name = *s;
    if (j.contains("nursery")) {
      auto n = var_ref(j["nursery"], field("nursery"));
      st.nursery = n ? *n : "";  // "": already reported, not an unknown variable too
    }
  };

  switch (st.op) {
    case Op::print:
      if (auto printed = text(v, vptr, "the text to print")) {
        ParsedTemplate t = parse_template(*printed);
        if (t.error)
          p_.at(vptr, "bad print text: " + t.error->message + " (at character " +
                          std::to_string(code_points_before(*printed, t.error->index) + 1) + ")");
        st.parts = std::move(t.parts);
      }
      break;
    case Op::sleep:
    case Op::block:
      if (auto e = duration(v, vptr, key)) st.value = *e;
      break;
    case Op::checkpoint:
    case Op::sleep_forever:
    case Op::reraise:
      require_true(v, vptr);
      break;
    case Op::raise:
      if (!var_of(v).empty()) {
        if (auto n = var_ref(v, vptr)) st.value = Expr{true, *n, {}};
        if (j.contains("message"))
          p_.at_key(field("message"), "\"message\" goes with an exception type, not with a \"$variable\"");
      } else {
        if (auto t = exc_type(v, vptr)) st.exc_type = *t;
        if (j.contains("message"))
          if (auto m = text(j["message"], field("message"), "a message")) st.message = *m;
      }
      break;
    case Op::open_nursery:
      if (auto n = name(v, vptr, "nursery")) st.name = *n;
      if (j.contains("strict_exception_groups"))
        st.strict_exception_groups = boolean(j["strict_exception_groups"], field("strict_exception_groups"));
      st.body = body(j, ptr, depth, key);
      break;
    case Op::start_soon:
      task_fields();
      break;
    case Op::start:
      task_fields();
      opt_as();
      break;
    case Op::started:
      if (auto e = value(v, vptr)) st.value = *e;
      break;
    case Op::call:
      call_fields();
      break;
    case Op::move_on_after:
    case Op::fail_after:
      if (auto e = duration(v, vptr, key)) st.value = *e;
      opt_as();
      opt_shield();
      st.body = body(j, ptr, depth, key);
      break;
    case Op::cancel_scope:
      if (auto n = name(v, vptr, "cancel scope")) st.name = *n;
      opt_shield();
      st.body = body(j, ptr, depth, key);
      break;
    case Op::cancel:
      if (auto n = var_ref(v, vptr)) st.value = Expr{true, *n, {}};
      break;
    case Op::repeat:
      if (auto e = count(v, vptr)) st.value = *e;
      opt_as();
      st.body = body(j, ptr, depth, key);
      break;
    case Op::try_:
      fill_try(st, j, ptr, depth);
      break;
  }
}

void Builder::fill_try(Statement& st, const Json& j, const std::string& ptr, int depth) {
  st.body = block(j["try"], pointer_append(ptr, "try"), depth + 1);
  bool plain = j.contains("except"), star = j.contains("except*");
  if (plain && star)
    p_.at_key(pointer_append(ptr, "except*"),
              "a try has either \"except\" or \"except*\" handlers, not both (Python forbids mixing them)");
  st.star = star && !plain;
  for (const char* key : {"except", "except*"}) {
    if (!j.contains(key)) continue;
    const std::string hptr = pointer_append(ptr, key);
    const Json& hs = j[key];
    if (!hs.is_array()) {
      p_.at(hptr, "expected an array of handlers such as [{\"type\": \"ValueError\", \"body\": [...]}], got " +
                      describe(hs));
      continue;
    }
    for (std::size_t i = 0; i < hs.size(); ++i)
      if (auto h = handler(hs[i], pointer_append(hptr, i), depth, key[6] == '*'))
        st.handlers.push_back(std::move(*h));
  }
  bool any_handler = (plain && j["except"].is_array() && !j["except"].empty()) ||
                     (star && j["except*"].is_array() && !j["except*"].empty());
  if (j.contains("else")) {
    if (!any_handler)
      p_.at_key(pointer_append(ptr, "else"),
                "\"else\" needs \"except\" handlers (Python allows try/else only with except)");
    st.else_body = block(j["else"], pointer_append(ptr, "else"), depth + 1);
  }
  if (j.contains("finally")) st.finally_body = block(j["finally"], pointer_append(ptr, "finally"), depth + 1);
  if (!any_handler && !j.contains("finally"))
    p_.at(ptr, "a try needs handlers in \"except\" or \"except*\", or a \"finally\"");
}

std::optional<Handler> Builder::handler(const Json& j, const std::string& ptr, int depth, bool star) {
  if (!j.is_object()) {
    p_.at(ptr, "expected a handler object such as {\"type\": \"ValueError\", \"as\": \"e\", \"body\": [...]}, got " +
                   describe(j));
    return std::nullopt;
  }
  unknown_fields(j, ptr, {"type", "as", "body"}, star ? "an except* handler" : "an except handler");
  Handler h;
  h.pos.pointer = ptr;
  if (j.contains("type")) {
    const Json& t = j["type"];
    const std::string tptr = pointer_append(ptr, "type");
    if (t.is_array()) {
      if (t.empty()) p_.at(tptr, "expected at least one exception type");
      for (std::size_t i = 0; i < t.size(); ++i)
        if (auto s = exc_type(t[i], pointer_append(tptr, i))) h.types.push_back(*s);
    } else if (auto s = exc_type(t, tptr)) {
      h.types.push_back(*s);
    }
    if (star)
      for (const auto& s : h.types)
        if (s == "ExceptionGroup" || s == "BaseExceptionGroup")
          p_.at(tptr, "except* cannot catch " + s +
                          " (Python forbids it); name the exception types inside the group instead");
  }
  if (j.contains("as"))
    if (auto n = name(j["as"], pointer_append(ptr, "as"), "variable")) h.as = *n;
  if (!j.contains("body")) p_.at(ptr, "a handler needs \"body\": [statements]");
  else h.body = block(j["body"], pointer_append(ptr, "body"), depth + 1);
  return h;
}

}  // namespace

// ---- [SECTION] Functions, settings and the file -----------------------------------------------

namespace {

bool contains_started(const Block& b) {
  bool found = false;
  for_each_statement(b, [&](const Statement& st) { found = found || st.op == Op::started; });
  return found;
}

std::optional<Function> Builder::function(const std::string& fname, const Json& j, const std::string& ptr) {
  // A badly named function is still read, so calls to it do not add "unknown function" noise.
  check_name(fname, ptr, true, "function");
  if (!j.is_object()) {
    p_.at(ptr, "expected a function object {\"params\": [...], \"body\": [...]}, got " + describe(j));
    return std::nullopt;
  }
  unknown_fields(j, ptr, {"params", "body"}, "function " + dq(fname));
  Function f;
  f.name = fname;
  f.pos.pointer = ptr;
  if (j.contains("params")) {
    const Json& ps = j["params"];
    const std::string pptr = pointer_append(ptr, "params");
    if (!ps.is_array()) {
      p_.at(pptr, "expected an array of parameter names, got " + describe(ps));
    } else {
      for (std::size_t i = 0; i < ps.size(); ++i) {
        auto n = name(ps[i], pointer_append(pptr, i), "parameter");
        if (!n) continue;
        if (std::find(f.params.begin(), f.params.end(), *n) != f.params.end())
          p_.at(pointer_append(pptr, i), "duplicate parameter " + dq(*n));
        f.params.push_back(*n);
      }
    }
  }
  if (!j.contains("body")) p_.at(ptr, "function " + dq(fname) + " needs \"body\": [statements]");
  else f.body = block(j["body"], pointer_append(ptr, "body"), 0);
  f.uses_task_status = contains_started(f.body);
  return f;
}

void Builder::settings(const Json& j, const std::string& ptr, Settings& s) {
  if (!j.is_object()) {
    p_.at(ptr, "expected a settings object, got " + describe(j));
    return;
  }
  unknown_fields(j, ptr, {"strict_exception_groups", "scheduling", "seed"}, "settings");
  if (j.contains("strict_exception_groups"))
    if (auto b = boolean(j["strict_exception_groups"], pointer_append(ptr, "strict_exception_groups")))
      s.strict_exception_groups = *b;
  if (j.contains("scheduling")) {
    const Json& v = j["scheduling"];
    if (v == "fifo" || v == "random") s.scheduling = v.get<std::string>();
    else p_.at(pointer_append(ptr, "scheduling"), "expected \"fifo\" or \"random\", got " + describe(v));
  }
  if (j.contains("seed")) {
    const Json& v = j["seed"];
    if (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0))
      s.seed = v.get<std::uint64_t>();
    else p_.at(pointer_append(ptr, "seed"), "expected a non-negative whole number, got " + describe(v));
  }
}

Scenario Builder::build(const Json& doc) {
  Scenario sc;
  sc_ = &sc;
  if (!doc.is_object()) {
    p_.at("", "expected a scenario object {\"version\": 1, \"functions\": {...}, \"main\": \"...\"}, got " +
                  describe(doc));
    return sc;
  }
  unknown_fields(doc, "", {"$schema", "version", "title", "description", "settings", "functions", "main"},
                 "the scenario");
  if (doc.contains("version")) {
    const Json& v = doc["version"];
    if (!(v.is_number() && v.get<double>() == 1.0))  // 1.0 too, as Python's json reads it
      p_.at("/version", "unsupported version " + describe(v) + "; this program reads version 1");
  }
  if (doc.contains("title"))
    if (auto s = text(doc["title"], "/title", "a title")) sc.title = *s;
  if (doc.contains("description"))
    if (auto s = text(doc["description"], "/description", "a description")) sc.description = *s;
  if (doc.contains("settings")) settings(doc["settings"], "/settings", sc.settings);
  if (!doc.contains("functions")) {
    p_.at("", "missing \"functions\": {\"name\": {\"params\": [...], \"body\": [...]}, ...}");
  } else if (!doc["functions"].is_object()) {
    p_.at("/functions", "expected an object of functions {\"name\": {...}}, got " + describe(doc["functions"]));
  } else {
    for (const auto& [fname, fj] : doc["functions"].items())
      if (auto f = function(fname, fj, pointer_append("/functions", fname))) sc.functions.push_back(std::move(*f));
  }
  if (!doc.contains("main")) p_.at("", "missing \"main\": the name of the function trio.run starts");
  else if (auto m = text(doc["main"], "/main", "the name of the main function")) sc.main = *m;
  return sc;
}

}  // namespace

Scenario scenario_from_json(const nlohmann::ordered_json& doc, Problems& problems) {
  Builder b(problems);
  return b.build(doc);
}

}  // namespace trioscope::scenario
