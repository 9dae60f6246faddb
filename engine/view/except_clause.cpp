#include "view/except_clause.hpp"

#include <cctype>

namespace trioscope::view {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string class_name(std::string_view dotted) {
  dotted = trim(dotted);
  if (dotted.starts_with("trio.")) dotted.remove_prefix(5);
  return std::string(dotted);
}

// Does any leaf of `e` (itself when it is not a group) match one of `types`?
bool any_leaf_is(const trio::PyException& e, const std::vector<std::string>& types) {
  if (e.is_group()) {
    for (const trio::Exc& m : e.exceptions)
      if (m && any_leaf_is(*m, types)) return true;
    return false;
  }
  for (const std::string& t : types)
    if (trio::is_instance(e, t)) return true;
  return false;
}

bool all_leaves_are(const trio::PyException& e, const std::vector<std::string>& types) {
  if (e.is_group()) {
    for (const trio::Exc& m : e.exceptions)
      if (m && !all_leaves_are(*m, types)) return false;
    return true;
  }
  for (const std::string& t : types)
    if (trio::is_instance(e, t)) return true;
  return false;
}

std::string names(const std::vector<std::string>& types) {
  if (types.size() == 1) return types[0];
  std::string out = "(";
  for (std::size_t i = 0; i < types.size(); ++i) out += (i ? ", " : "") + types[i];
  return out + ")";
}

}  // namespace

bool parse_except(std::string_view s, ExceptClause& out) {
  s = trim(s);
  if (!s.starts_with("except")) return false;
  std::string_view rest = s.substr(6);
  if (!rest.empty() && (std::isalnum(static_cast<unsigned char>(rest[0])) || rest[0] == '_')) return false;
  out = {};
  if (rest.ends_with(":")) rest.remove_suffix(1);
  rest = trim(rest);
  std::string_view head = s.substr(0, s.size() - (s.ends_with(":") ? 1 : 0));
  if (const auto as = head.find(" as "); as != std::string_view::npos) head = head.substr(0, as);
  out.text = std::string(trim(head));
  if (rest.starts_with("*")) {
    out.star = true;
    rest = trim(rest.substr(1));
  }
  if (const auto as = rest.find(" as "); as != std::string_view::npos) rest = trim(rest.substr(0, as));
  if (rest.starts_with("(") && rest.ends_with(")")) rest = rest.substr(1, rest.size() - 2);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string name = class_name(rest.substr(0, comma));
    if (!name.empty()) out.types.push_back(name);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return true;
}

ClauseMatch match(const ExceptClause& c, const trio::PyException& e) {
  if (c.types.empty()) return ClauseMatch::catches;  // a bare except catches everything
  if (!c.star) {
    for (const std::string& t : c.types)
      if (trio::is_instance(e, t)) return ClauseMatch::catches;
    return ClauseMatch::misses;
  }
  // except* looks at the leaves (a bare exception is one leaf).
  if (!any_leaf_is(e, c.types)) return ClauseMatch::misses;
  return all_leaves_are(e, c.types) ? ClauseMatch::catches : ClauseMatch::catches_part;
}

std::string why_missed(const ExceptClause& c, const trio::PyException& e, const std::string& exc_name) {
  const std::string quoted = "`" + c.text + "`";
  if (!c.star && e.is_group() && any_leaf_is(e, c.types)) {
    const char* a = e.type.starts_with("E") ? "an " : "a ";
    return quoted + " does not match: what arrives is " + a + e.type + ", not a " + names(c.types) +
           ", even though it holds one. `except* " + names(c.types) + "` would catch it.";
  }
  if (c.star) return quoted + " does not match: none of the exceptions in " + exc_name + " is a " + names(c.types) + ".";
  return quoted + " does not match " + exc_name + ".";
}

}  // namespace trioscope::view
