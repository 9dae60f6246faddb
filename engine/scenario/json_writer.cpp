#include "scenario/json_writer.hpp"

#include <cstdio>

#include "scenario/from_json.hpp"
#include "scenario/print_template.hpp"

namespace trioscope::scenario {

namespace {

void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

std::string quoted(std::string_view s) {
  std::string out;
  put_string(out, s);
  return out;
}

std::string value(const Expr& e) {
  if (e.is_var) return quoted("$" + e.var);
  const trio::Value& v = e.literal;
  if (std::holds_alternative<trio::None>(v)) return "null";
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return trio::float_repr(*d);
  if (auto* s = std::get_if<std::string>(&v)) return quoted(*s);
  return "null";  // a validated scenario holds no other literal
}


std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

class Writer {
 public:
  std::string out;

  // `{ members }` for one statement at `indent` spaces, without the line's end.
  void statement(const Statement& st, int indent) {
    out.append(std::size_t(indent), ' ');
    out += "{ ";
    first_ = true;
    const char* key = op_key(st.op);
    switch (st.op) {
      case Op::print: member(key, quoted(template_text(st.parts))); break;
      case Op::sleep:
      case Op::block:
      case Op::started: member(key, value(st.value)); break;
      case Op::checkpoint:
      case Op::sleep_forever:
      case Op::reraise: member(key, "true"); break;
      case Op::raise:
        if (st.value.is_var) {
          member(key, value(st.value));
        } else {
          member(key, quoted(st.exc_type));
          if (st.message) member("message", quoted(*st.message));
        }
        break;
      case Op::open_nursery:
        member(key, quoted(st.name));
        if (st.strict_exception_groups)
          member("strict_exception_groups", *st.strict_exception_groups ? "true" : "false");
        block_member("body", st.body, indent);
        break;
      case Op::start_soon:
      case Op::start:
      case Op::call: {
        member(key, quoted(st.function));
        if (!st.args.empty()) {
          std::vector<std::string> args;
          for (const auto& a : st.args) args.push_back(value(a));
          member("args", list(args));
        }
        if (st.op == Op::call) break;
        if (st.task_name) member("name", quoted(*st.task_name));
        if (st.nursery != "nursery") member("nursery", quoted("$" + st.nursery));
        if (st.op == Op::start && !st.name.empty()) member("as", quoted(st.name));
        break;
      }
      case Op::move_on_after:
      case Op::fail_after:
        member(key, value(st.value));
        if (!st.name.empty()) member("as", quoted(st.name));
        if (st.shield) member("shield", "true");
        block_member("body", st.body, indent);
        break;
      case Op::cancel_scope:
        member(key, quoted(st.name));
        if (st.shield) member("shield", "true");
        block_member("body", st.body, indent);
        break;
      case Op::cancel: member(key, value(st.value)); break;
      case Op::repeat:
        member(key, value(st.value));
        if (!st.name.empty()) member("as", quoted(st.name));
        block_member("body", st.body, indent);
        break;
      case Op::try_:
        block_member("try", st.body, indent);
        if (!st.handlers.empty()) {
          member_key(st.star ? "except*" : "except");
          out += "[\n";
          for (std::size_t i = 0; i < st.handlers.size(); ++i) {
            handler(st.handlers[i], indent + 2);
            out += i + 1 < st.handlers.size() ? ",\n" : "\n";
          }
          out.append(std::size_t(indent), ' ');
          out += "]";
          open_block_ended_ = true;
        }
        if (st.else_body) block_member("else", *st.else_body, indent);
        if (st.finally_body) block_member("finally", *st.finally_body, indent);
        break;
      case Op::comment: member(key, quoted(st.comment)); break;
    }
    close();
  }

  void block_lines(const Block& b, int indent) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      statement(b[i], indent);
      out += i + 1 < b.size() ? ",\n" : "\n";
    }
  }

 private:
  void member_key(const char* key) {
    if (!first_) out += ", ";
    first_ = false;
    open_block_ended_ = false;
    put_string(out, key);
    out += ": ";
  }

  void member(const char* key, const std::string& v) {
    member_key(key);
    out += v;
  }

  // "key": [] or "key": [\n ...statements... \n<indent>]
  void block_member(const char* key, const Block& b, int indent) {
    member_key(key);
    if (b.empty()) {
      out += "[]";
      return;
    }
    // The nested writer state (first_, open_block_ended_) belongs to this object: save it.
    bool first = first_;
    out += "[\n";
    block_lines(b, indent + 2);
    out.append(std::size_t(indent), ' ');
    out += "]";
    first_ = first;
    open_block_ended_ = true;
  }

  void handler(const Handler& h, int indent) {
    out.append(std::size_t(indent), ' ');
    out += "{ ";
    first_ = true;
    if (!h.types.empty()) {
      if (h.types.size() == 1) {
        member("type", quoted(h.types[0]));
      } else {
        std::vector<std::string> types;
        for (const auto& t : h.types) types.push_back(quoted(t));
        member("type", list(types));
      }
    }
    if (!h.as.empty()) member("as", quoted(h.as));
    block_member("body", h.body, indent);
    close();
  }

  // After a multi-line block the object closes right after its `]`; otherwise with a space.
  void close() {
    out += open_block_ended_ ? "}" : " }";
    open_block_ended_ = false;
  }

  bool first_ = true;
  bool open_block_ended_ = false;
};

}  // namespace

std::string to_json_text(const Scenario& s) {
  Writer w;
  std::string& out = w.out;
  out += "{\n  \"version\": 1,\n  \"title\": ";
  put_string(out, s.title);
  out += ",\n  \"description\": ";
  put_string(out, s.description);
  out += ",\n  \"settings\": { \"strict_exception_groups\": ";
  out += s.settings.strict_exception_groups ? "true" : "false";
  out += ", \"scheduling\": ";
  put_string(out, s.settings.scheduling);
  out += ", \"seed\": " + std::to_string(s.settings.seed) + " },\n  \"functions\": {";
  for (std::size_t i = 0; i < s.functions.size(); ++i) {
    const Function& f = s.functions[i];
    out += i ? ",\n    " : "\n    ";
    put_string(out, f.name);
    out += ": {\n";
    if (!f.params.empty()) {
      std::vector<std::string> params;
      for (const auto& p : f.params) params.push_back(quoted(p));
      out += "      \"params\": " + list(params) + ",\n";
    }
    out += "      \"body\": [";
    if (!f.body.empty()) {
      out += "\n";
      w.block_lines(f.body, 8);
      out += "      ";
    }
    out += "]\n    }";
  }
  out += s.functions.empty() ? "},\n" : "\n  },\n";
  out += "  \"main\": ";
  put_string(out, s.main);
  // A teacher's questions come last, one choice per line; left out when there are none.
  if (!s.questions.empty()) {
    out += ",\n  \"questions\": [";
    for (std::size_t i = 0; i < s.questions.size(); ++i) {
      const AuthoredQuestion& q = s.questions[i];
      out += i ? ",\n    { \"at\": " : "\n    { \"at\": ";
      put_string(out, q.at);
      out += ", \"prompt\": ";
      put_string(out, q.prompt);
      out += ", \"choices\": [";
      for (std::size_t c = 0; c < q.choices.size(); ++c) {
        out += c ? ",\n      { \"text\": " : "\n      { \"text\": ";
        put_string(out, q.choices[c].text);
        if (c == q.answer) out += ", \"correct\": true";
        if (!q.choices[c].why.empty()) {
          out += ", \"why\": ";
          put_string(out, q.choices[c].why);
        }
        out += " }";
      }
      out += "\n    ]}";
    }
    out += "\n  ]";
  }
  out += "\n}\n";
  return out;
}

std::vector<JsonLoss> json_losses(const Scenario& s) {
  std::vector<JsonLoss> out;
  for (const Function& f : s.functions) {
    if (!f.uses_task_status) continue;
    bool started = false;
    for_each_statement(f.body, [&](const Statement& st) { started = started || st.op == Op::started; });
    if (!started)
      out.push_back({f.py_line, "\"" + f.name + "\" takes task_status but never calls task_status.started(); a JSON "
                                "scenario gives that parameter only to a function with a started statement, so it "
                                "would run differently (nursery.start(" + f.name + ") would raise TypeError, not "
                                "RuntimeError); keep this lesson as a .py file, or call task_status.started()"});
  }
  return out;
}

}  // namespace trioscope::scenario
