// [SECTION] Fields
// [SECTION] A statement's fields
// [SECTION] The form
#include "gui/change_form.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/value.hpp"
#include "scenario/loader.hpp"
#include "scenario/print_template.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

using scenario::Op;
using scenario::Statement;

// ---------------------------------------------------------------------------------------
// [SECTION] Fields
// ---------------------------------------------------------------------------------------

// Text fields keep what is typed in them while they have the keyboard, and show the
// lesson's value again once they are left; a change is taken when the field is left (or
// Enter is pressed).
struct Fields {
  std::map<std::string, std::string> typed;
  std::string active;
};
Fields g_fields;

std::optional<std::string> text_field(const std::string& id, const std::string& current, float width, ImGuiInputTextFlags flags = 0) {
  std::string& b = g_fields.typed[id];
  if (g_fields.active != id) b = current;
  ImGui::SetNextItemWidth(width);
  ImGui::InputText(id.c_str(), &b, flags);
  if (ImGui::IsItemActive()) g_fields.active = id;
  else if (g_fields.active == id) g_fields.active.clear();
  if (ImGui::IsItemDeactivatedAfterEdit() && b != current) return b;
  return std::nullopt;
}

std::string number_text(const trio::Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return trio::float_repr(*d);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "True" : "False";
  return "";
}

// A number typed in a field: a whole number stays an int.
std::optional<trio::Value> parse_number(const std::string& s) {
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  if (d == std::floor(d) && std::fabs(d) < 1e15 && s.find_first_of(".eE") == std::string::npos) return static_cast<std::int64_t>(d);
  return d;
}

// A literal argument as the form shows it, and what was typed back as a value of the same
// kind (a string stays a string; True/False/None are understood).
std::string literal_text(const trio::Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (std::holds_alternative<trio::None>(v)) return "None";
  return number_text(v);
}
std::optional<trio::Value> literal_of(const trio::Value& was, const std::string& s) {
  if (std::holds_alternative<std::string>(was)) return trio::Value(s);
  if (s == "True") return trio::Value(true);
  if (s == "False") return trio::Value(false);
  if (s == "None") return trio::Value(trio::None{});
  return parse_number(s);
}

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine();
}

const char* op_title(Op op) {
  switch (op) {
    case Op::sleep: return "await trio.sleep";
    case Op::block: return "time.sleep (blocks everyone)";
    case Op::move_on_after: return "with trio.move_on_after";
    case Op::fail_after: return "with trio.fail_after";
    case Op::cancel_scope: return "with trio.CancelScope";
    case Op::repeat: return "for ... in range";
    case Op::raise: return "raise";
    case Op::print: return "print";
    case Op::start_soon: return "nursery.start_soon";
    case Op::start: return "await nursery.start";
    case Op::call: return "await (a call)";
    case Op::open_nursery: return "async with trio.open_nursery()";
    case Op::checkpoint: return "await trio.sleep(0)";
    case Op::sleep_forever: return "await trio.sleep_forever()";
    case Op::started: return "task_status.started";
    case Op::cancel: return "cancel()";
    case Op::reraise: return "raise (again)";
    case Op::try_: return "try";
    case Op::comment: return "# comment";
  }
  return "statement";
}

}  // namespace

void ChangeForm::open(const InputState::ChangeTarget& t) {
  target_ = t;
  placed_ = false;
  error_.clear();
}

void ChangeForm::commit(PanelContext& ctx, const edit::Edited& e) {
  if (!e.ok()) {
    error_ = e.error;
    return;
  }
  std::string text = edit::file_text(*e.scenario, ctx.doc.kind());
  // It must read back: a change that breaks the lesson is refused here, with the reason.
  const scenario::LoadResult check = scenario::load_scenario_text(text, ctx.doc.path(), ctx.doc.kind());
  if (!check.ok()) {
    error_ = check.errors.empty() ? "the change does not read back" : check.errors.front().message;
    return;
  }
  error_.clear();
  ctx.commands.push(ctx.session->direct_edit(std::move(text)));
}

// ---------------------------------------------------------------------------------------
// [SECTION] A statement's fields
// ---------------------------------------------------------------------------------------

void ChangeForm::statement_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p,
                                  const char* heading) {
  const Statement* st = edit::find_statement(sc, p);
  if (!st) return;
  const float lh = ImGui::GetFontSize();
  const std::string id = "##" + p.function + std::to_string(p.levels.size()) + "_" +
                         std::to_string(p.levels.empty() ? 0 : p.levels.back().index);
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(heading);
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::TextDisabled("line %u: %s (in %s)", st->py_line, op_title(st->op), p.function.c_str());
  switch (st->op) {
    case Op::sleep:
    case Op::block:
    case Op::move_on_after:
    case Op::fail_after:
    case Op::repeat: {
      const char* what = st->op == Op::repeat ? "times" : "seconds";
      if (st->value.is_var) {
        ImGui::TextWrapped("The %s come from the variable %s%s.", what, st->value.var.c_str(),
                           std::find(sc.find(p.function)->params.begin(), sc.find(p.function)->params.end(), st->value.var) !=
                                   sc.find(p.function)->params.end()
                               ? ", a parameter: change what the task is started with"
                               : "");
        break;
      }
      label(what);
      if (auto v = text_field("##number" + id, number_text(st->value.literal), lh * 6,
                              ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific)) {
        if (auto n = parse_number(*v)) commit(ctx, edit::set_number(sc, p, trio::as_double(*n)));
        else error_ = "\"" + *v + "\" is not a number";
      }
      if (st->op != Op::repeat && st->op != Op::sleep && st->op != Op::block) {
        bool shield = st->shield;
        ImGui::SameLine();
        if (ImGui::Checkbox(("shield" + id).c_str(), &shield)) commit(ctx, edit::set_shield(sc, p, shield));
      }
      break;
    }
    case Op::cancel_scope: {
      bool shield = st->shield;
      if (ImGui::Checkbox(("shield: cancellation from outside does not reach in" + id).c_str(), &shield))
        commit(ctx, edit::set_shield(sc, p, shield));
      break;
    }
    case Op::raise: {
      if (st->value.is_var) {
        ImGui::TextWrapped("It raises the exception held by %s.", st->value.var.c_str());
        break;
      }
      label("type");
      if (auto v = text_field("##type" + id, st->exc_type, lh * 10)) commit(ctx, edit::set_raise(sc, p, *v, st->message));
      label("message");
      if (auto v = text_field("##message" + id, st->message.value_or(""), lh * 16))
        commit(ctx, edit::set_raise(sc, p, st->exc_type, v->empty() ? std::nullopt : std::optional<std::string>(*v)));
      break;
    }
    case Op::print: {
      label("text");
      if (auto v = text_field("##print" + id, scenario::template_text(st->parts), lh * 18))
        commit(ctx, edit::set_print(sc, p, *v));
      ImGui::TextDisabled("as in an f-string: {name} shows a variable");
      break;
    }
    case Op::start_soon:
    case Op::start:
    case Op::call: call_fields(ctx, sc, p); break;
    case Op::open_nursery: nursery_fields(ctx, sc, p); break;
    default: ImGui::TextDisabled("Nothing to change here but its place."); break;
  }
  structure_buttons(ctx, sc, p);
}

void ChangeForm::call_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p) {
  const Statement* st = edit::find_statement(sc, p);
  const scenario::Function* f = sc.find(st->function);
  const float lh = ImGui::GetFontSize();
  const std::string id = "##call" + p.function + std::to_string(p.levels.back().index) + std::to_string(p.levels.size());
  ImGui::Text("%s(%s)", st->function.c_str(), f ? [&] {
    std::string s;
    for (std::size_t i = 0; i < f->params.size(); ++i) s += (i ? ", " : "") + f->params[i];
    return s;
  }().c_str() : "");
  for (std::size_t i = 0; i < st->args.size(); ++i) {
    const std::string param = f && i < f->params.size() ? f->params[i] : "argument " + std::to_string(i + 1);
    label(param.c_str());
    if (st->args[i].is_var) {
      ImGui::TextDisabled("the variable %s", st->args[i].var.c_str());
      continue;
    }
    const trio::Value& was = st->args[i].literal;
    if (auto v = text_field("##arg" + std::to_string(i) + id, literal_text(was), lh * 10)) {
      if (auto value = literal_of(was, *v)) commit(ctx, edit::set_argument(sc, p, i, *value));
      else error_ = "\"" + *v + "\" is not a number (write True, False or None for those)";
    }
  }
  if (st->op != Op::call) {
    label("task name");
    if (auto v = text_field("##name" + id, st->task_name.value_or(""), lh * 10)) commit(ctx, edit::set_task_name(sc, p, *v));
    ImGui::SameLine();
    ImGui::TextDisabled("(empty: %s(...))", st->function.c_str());
  }
}

void ChangeForm::nursery_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p) {
  // A child to add: any function but main.
  std::vector<const char*> names;
  for (const auto& f : sc.functions)
    if (f.name != sc.main) names.push_back(f.name.c_str());
  if (names.empty()) {
    ImGui::TextDisabled("Add an async function first to start it here.");
    return;
  }
  if (child_function_.empty() || !sc.find(child_function_) || child_function_ == sc.main) child_function_ = names.front();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("##child_function", child_function_.c_str())) {
    for (const char* n : names)
      if (ImGui::Selectable(n, child_function_ == n)) child_function_ = n;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (reported_button(ctx, "Add a child")) commit(ctx, edit::add_child(sc, p, child_function_));
  if (ImGui::IsItemHovered() && !ctx.deterministic)
    ImGui::SetTooltip("nursery.start_soon(%s, ...) at the end of the nursery's block; change its arguments after",
                      child_function_.c_str());
}

void ChangeForm::structure_buttons(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p) {
  ImGui::Spacing();
  if (reported_button(ctx, "\xE2\x86\x91 Up")) commit(ctx, edit::move_statement(sc, p, -1));  // ↑
  ImGui::SameLine();
  if (reported_button(ctx, "\xE2\x86\x93 Down")) commit(ctx, edit::move_statement(sc, p, 1));  // ↓
  ImGui::SameLine();
  if (reported_button(ctx, "Add after \xE2\x96\xBE")) ImGui::OpenPopup("##add_after");  // ▾
  ImGui::SameLine();
  if (reported_button(ctx, "Delete")) {
    commit(ctx, edit::delete_statement(sc, p));
    if (error_.empty() && target_ && target_->line) target_.reset();  // its line is gone
  }
  if (ImGui::BeginPopup("##add_after")) {
    using N = edit::NewStatement;
    const std::pair<N, const char*> kinds[] = {
        {N::print, "print(...)"},
        {N::sleep, "await trio.sleep(1)"},
        {N::checkpoint, "await trio.sleep(0): a checkpoint"},
        {N::raise, "raise ValueError(...)"},
        {N::blocking_sleep, "time.sleep(1): blocks everyone"},
        {N::move_on_after, "with trio.move_on_after(1):"},
        {N::fail_after, "with trio.fail_after(1):"},
        {N::cancel_scope, "with trio.CancelScope() as scope:"},
        {N::try_except, "try: ... except ValueError:"},
    };
    for (const auto& [k, text] : kinds)
      if (ImGui::Selectable(text)) commit(ctx, edit::add_statement(sc, p, k));
    ImGui::EndPopup();
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] The form
// ---------------------------------------------------------------------------------------

void ChangeForm::draw(PanelContext& ctx) {
  if (!target_) return;
  const float lh = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  if (!placed_) {
    // Near the top right, over the tree, where it covers the least of what changes.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.62f, vp->Pos.y + vp->Size.y * 0.2f), ImGuiCond_Always,
                            ImVec2(1, 0));
    placed_ = true;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(lh * 22, 0), ImVec2(std::min(vp->Size.x * 0.9f, lh * 40), vp->Size.y * 0.8f));
  bool open = true;
  if (!ImGui::Begin("Change###change_form", &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    if (!open) target_.reset();
    return;
  }
  ctx.report.dialog = "Change";
  const scenario::Scenario* sc = ctx.doc.scenario();
  const trio::Trace* t = ctx.doc.trace();
  if (!sc || !t) {
    ImGui::TextUnformatted("There is no lesson to change.");
  } else if (ctx.doc.stale() || ctx.session->pending() || ctx.session->other_view_dirty()) {
    // The form changes the last valid lesson: typed text that is not in it would be lost.
    ImGui::PushTextWrapPos(lh * 24);
    ImGui::TextUnformatted("The code has changes that are not run yet. Fix its problems (or undo them) to use the form.");
    ImGui::PopTextWrapPos();
  } else {
    const InputState::ChangeTarget& tg = *target_;
    if (tg.task >= 0 && tg.task < static_cast<std::int32_t>(t->tasks.size())) {
      ImGui::PushFont(ctx.fonts.bold);
      ImGui::TextUnformatted(view::task_label(*t, tg.task).c_str());
      ImGui::PopFont();
      if (auto spawn = edit::spawn_statement(*sc, *t, tg.task)) statement_fields(ctx, *sc, *spawn, "started by");
      else ImGui::TextDisabled("The main task: trio.run starts it.");
      const std::uint32_t line = ctx.snapshot && tg.task < static_cast<std::int32_t>(ctx.snapshot->tasks.size())
                                     ? ctx.snapshot->tasks[tg.task].line
                                     : 0;
      if (auto here = edit::statement_at_line(*sc, line)) {
        if (!(edit::spawn_statement(*sc, *t, tg.task) == here)) statement_fields(ctx, *sc, *here, "where it is now");
      }
    } else if (tg.nursery >= 0 && tg.nursery < static_cast<std::int32_t>(t->nurseries.size())) {
      if (auto p = edit::statement_at_line(*sc, t->nurseries[tg.nursery].loc.line)) statement_fields(ctx, *sc, *p, "the nursery");
    } else if (tg.line) {
      const auto p = tg.json_line ? edit::statement_at_file_line(*sc, tg.line) : edit::statement_at_line(*sc, tg.line);
      if (p) statement_fields(ctx, *sc, *p, "the statement");
      else ImGui::TextDisabled("No statement starts on line %u.", tg.line);
    }
  }
  if (!error_.empty()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette()[view::ColorRole::exception]));
    ImGui::PushTextWrapPos(lh * 24);
    ImGui::TextUnformatted(("\xE2\x9C\x97 " + error_).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Each change is one step: Ctrl+Z takes it back.");
  if (reported_button(ctx, "Close") || (ImGui::IsWindowFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
    open = false;
  ImGui::End();
  if (!open) target_.reset();
}

}  // namespace trioscope::gui
