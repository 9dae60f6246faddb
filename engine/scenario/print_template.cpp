#include "scenario/print_template.hpp"

#include <algorithm>
#include <vector>

namespace trioscope::scenario {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool is_name(std::string_view s) {
  if (s.empty() || is_digit(s[0])) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c))) return false;
  return true;
}

const char* kFieldHelp =
    "expected {name}, {name!r}, {name:spec}, {scope.cancelled_caught} or {scope.cancel_called}";

// The inside of one `{...}`; `at` is the index of its `{` in the whole text.
std::optional<TemplateError> parse_field(std::string_view inner, std::size_t at, TemplatePart& f) {
  f.is_field = true;
  std::size_t end_expr = inner.find_first_of("!:");
  std::string_view expr = trim(inner.substr(0, end_expr));
  if (expr.empty()) return TemplateError{at, "empty expression not allowed"};
  if (expr.back() == '=') return TemplateError{at, "\"{x=}\" is not supported; " + std::string(kFieldHelp)};

  // name, name.attr or name.cancel_scope.attr
  std::vector<std::string_view> dotted;
  for (std::size_t p = 0;;) {
    std::size_t dot = expr.find('.', p);
    dotted.push_back(expr.substr(p, dot == std::string_view::npos ? std::string_view::npos : dot - p));
    if (dot == std::string_view::npos) break;
    p = dot + 1;
  }
  for (auto part : dotted)
    if (!is_name(part))
      return TemplateError{at, "\"{" + std::string(expr) + "}\" is not a variable; " + kFieldHelp};
  f.var = std::string(dotted[0]);
  if (dotted.size() == 3 && dotted[1] == "cancel_scope") dotted.erase(dotted.begin() + 1);
  if (dotted.size() >= 2) {
    if (dotted.size() > 2 || (dotted[1] != "cancelled_caught" && dotted[1] != "cancel_called"))
      return TemplateError{at, "\"{" + std::string(expr) +
                                   "}\": a print can read only .cancelled_caught or .cancel_called"};
    f.attr = std::string(dotted[1]);
  }

  if (end_expr == std::string_view::npos) return std::nullopt;
  std::string_view rest = inner.substr(end_expr);
  if (rest[0] == '!') {
    if (rest.size() < 2 || (rest[1] != 'r' && rest[1] != 's' && rest[1] != 'a'))
      return TemplateError{at, "invalid conversion character: expected 's', 'r', or 'a'"};
    f.conversion = rest[1];
    rest.remove_prefix(2);
    if (rest.empty()) return std::nullopt;
    if (rest[0] != ':') return TemplateError{at, "expecting '}' after the conversion"};
  }
  // Any text is a spec to Python's f-string parser; format() decides at run time whether the
  // value's type takes it, and raises as Python does if not.
  f.spec = std::string(rest.substr(1));
  return std::nullopt;
}

}  // namespace

bool is_format_spec(std::string_view s) { return s.find_first_of("{}") == std::string_view::npos; }

bool has_fields(const std::vector<TemplatePart>& parts) {
  for (const auto& p : parts)
    if (p.is_field) return true;
  return false;
}

ParsedTemplate parse_template(std::string_view text) {
  ParsedTemplate out;
  // Room for every field and the text around it, so the parts are allocated once.
  std::size_t braces = std::size_t(std::count(text.begin(), text.end(), '{'));
  if (braces) out.parts.reserve(2 * braces + 1);
  auto literal = [&](std::string_view s) {
    if (out.parts.empty() || out.parts.back().is_field) out.parts.push_back(TemplatePart{});
    out.parts.back().text += s;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      literal("{");
      i += 2;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      literal("}");
      i += 2;
    } else if (c == '}') {
      out.error = TemplateError{i, "single '}' is not allowed (write '}}' for a brace)"};
      return out;
    } else if (c == '{') {
      std::size_t close = text.find('}', i + 1);
      std::size_t nested = text.find('{', i + 1);
      if (close == std::string_view::npos) {
        out.error = TemplateError{i, "expecting '}' (write '{{' for a brace)"};
        return out;
      }
      if (nested < close) {
        out.error = TemplateError{nested, "nested '{' inside a field is not supported"};
        return out;
      }
      TemplatePart f;
      if (auto err = parse_field(text.substr(i + 1, close - i - 1), i, f)) {
        out.error = err;
        return out;
      }
      out.parts.push_back(std::move(f));
      i = close + 1;
    } else {
      std::size_t next = text.find_first_of("{}", i);
      if (next == std::string_view::npos) next = text.size();
      literal(text.substr(i, next - i));
      i = next;
    }
  }
  return out;
}

// The print text as the format writes it: an f-string body.
std::string template_text(const std::vector<TemplatePart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!p.is_field) {
      for (char c : p.text) {
        out += c;
        if (c == '{' || c == '}') out += c;
      }
      continue;
    }
    out += "{" + p.var;
    if (!p.attr.empty()) out += "." + p.attr;
    if (p.conversion) out += std::string("!") + p.conversion;
    if (!p.spec.empty()) out += ":" + p.spec;
    out += "}";
  }
  return out;
}

}  // namespace trioscope::scenario
