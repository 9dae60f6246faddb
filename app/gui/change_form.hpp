// The change form: a small window to change what was picked in the tree, the timeline or
// the code without typing code: a task's arguments and name (its start_soon), the
// statement it is at (a sleep's seconds, an exception's type and message, a shield, a
// deadline, a loop's count, a print's text), a child added to a nursery, a statement
// added, deleted or moved. Each change is checked first (it must read back), then applied
// as one undo step through the editing session; both views of the code follow.
#pragma once

#include <optional>
#include <string>

#include "edit/scenario_edit.hpp"
#include "gui/panel.hpp"

namespace trioscope::gui {

class ChangeForm {
 public:
  // Opens the form on `t` (a task, a nursery, a line).
  void open(const InputState::ChangeTarget& t);
  bool is_open() const { return target_.has_value(); }
  void draw(PanelContext& ctx);

 private:
  // Applies an edit if it reads back; else says why in the form.
  void commit(PanelContext& ctx, const edit::Edited& e);
  void statement_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p,
                        const char* heading);
  void call_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p);
  void nursery_fields(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p);
  void structure_buttons(PanelContext& ctx, const scenario::Scenario& sc, const edit::StatementPlace& p);

  std::optional<InputState::ChangeTarget> target_;
  bool placed_ = false;
  std::string error_;
  // What a text field holds while it is being typed in (it commits when left).
  std::string type_, message_, print_, name_;
  std::string child_function_;
};

}  // namespace trioscope::gui
