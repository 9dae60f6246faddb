#include "teach/lint.hpp"

#include "scenario/loader.hpp"

namespace trioscope::teach {

std::string Lint::text() const {
  std::string s = code + " " + message + "; " + fix + ".";
  if (proof) s += " In this run: " + proof->text + ".";
  return s;
}

std::string Lint::format(const std::string& file) const {
  scenario::Diagnostic d;
  d.file = file;
  d.pos = pos;
  d.message = text();
  d.severity = scenario::Severity::warning;
  return d.format();
}

std::vector<Lint> lints(const scenario::Scenario& s, const trio::Trace* trace, bool strict) {
  std::vector<Lint> out = static_lints(s, strict);
  if (trace) prove(out, s, *trace);
  return out;
}

MarginMarks margin_marks(const std::vector<Lint>& lints) {
  MarginMarks m;
  for (std::size_t i = 0; i < lints.size(); ++i)
    if (lints[i].py_line) m[lints[i].py_line].push_back(i);
  return m;
}

std::string caption_note(const std::vector<Lint>& lints, std::int32_t step) {
  std::string out;
  for (const Lint& l : lints) {
    if (!l.proof || l.proof->step != step) continue;
    // The fix's first clause is the one to remember.
    const std::string fix = l.fix.substr(0, l.fix.find(';'));
    out += (out.empty() ? "" : " ") + std::string("\xE2\x9A\xA0 ") + l.code + ": " +
           (l.proof->brief.empty() ? l.proof->text : l.proof->brief) + "; " + fix + ".";
  }
  return out;
}

}  // namespace trioscope::teach
