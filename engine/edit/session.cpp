#include "edit/session.hpp"

namespace trioscope::edit {

EditSession::EditSession() = default;

void EditSession::reset(const document::Document& doc) {
  file_view_ = doc.kind();
  editor(file_view_).set_text(doc.text());
  editor(other()).set_text(doc.view_text(other()));
  pending_.reset();
  sent_.reset();
  other_dirty_ = false;
  generation_ = doc.generation();
}

void EditSession::refresh_other(const document::Document& doc) {
  TextEditor& o = editor(other());
  const std::string text = doc.view_text(other());
  if (o.text() != text) o.set_text(text, /*keep_cursor=*/true);
}

void EditSession::follow(const document::Document& doc) {
  if (doc.kind() != file_view_) {
    // Saved in the other format: the views swap roles, the text stays where it was.
    file_view_ = doc.kind();
    editor(file_view_).set_text(doc.text(), true);
    editor(other()).set_text(doc.view_text(other()), true);
    pending_.reset();
    sent_.reset();
    other_dirty_ = false;
    generation_ = doc.generation();
    return;
  }
  TextEditor& f = editor(file_view_);
  // The file's text changed elsewhere (a reload, the other view accepted): one step of
  // the lesson's history, so that Ctrl+Z takes it back.
  if (pending_ != file_view_ && f.text() != doc.text()) f.replace_text(doc.text());
  if (sent_ == other()) {
    const bool rejected = !doc.problems().empty() && doc.problems().view == other();
    other_dirty_ = rejected || pending_ == other();
    // Accepted: what was typed there is now a step of the lesson's history.
    if (!rejected) editor(other()).clear_history();
  } else if (doc.generation() != generation_ && !other_dirty_ && pending_ != other()) {
    refresh_other(doc);
  }
  sent_.reset();
  generation_ = doc.generation();
}

void EditSession::typed(View v, double now) {
  pending_ = v;
  typed_at_ = now;
  if (v == other()) other_dirty_ = true;
}

std::optional<document::Command> EditSession::due(double now, bool at_once) {
  if (!pending_ || (!at_once && now - typed_at_ < kQuietSeconds)) return std::nullopt;
  const View v = *pending_;
  pending_.reset();
  sent_ = v;
  if (v == file_view_) return document::SetText{editor(v).text()};
  return document::SetViewText{v, editor(v).text()};
}

bool EditSession::unsaved(const document::Document& doc) const {
  return doc.modified() || pending_.has_value() || other_dirty_ || editor(file_view_).text() != doc.text();
}

bool EditSession::can_undo(View v) const {
  return (v == other() && editor(v).can_undo()) || editor(file_view_).can_undo();
}

bool EditSession::can_redo(View v) const {
  return (v == other() && editor(v).can_redo()) || editor(file_view_).can_redo();
}

std::optional<document::Command> EditSession::undo(View v) {
  if (v == other() && editor(v).can_undo()) {
    editor(v).undo();
    typed(v, typed_at_);
    return due(typed_at_, true);
  }
  if (!editor(file_view_).undo()) return std::nullopt;
  typed(file_view_, typed_at_);
  return due(typed_at_, true);
}

std::optional<document::Command> EditSession::redo(View v) {
  if (v == other() && editor(v).can_redo()) {
    editor(v).redo();
    typed(v, typed_at_);
    return due(typed_at_, true);
  }
  if (!editor(file_view_).redo()) return std::nullopt;
  typed(file_view_, typed_at_);
  return due(typed_at_, true);
}

document::Command EditSession::direct_edit(std::string file_text) {
  editor(file_view_).replace_text(file_text);
  typed(file_view_, typed_at_);
  return *due(typed_at_, true);
}

void EditSession::discard_other_view(const document::Document& doc) {
  other_dirty_ = false;
  if (pending_ == other()) pending_.reset();
  refresh_other(doc);
  editor(other()).clear_history();
}

}  // namespace trioscope::edit
