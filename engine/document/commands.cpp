#include "document/commands.hpp"

#include <algorithm>

#include "document/moment.hpp"

namespace trioscope::document {

namespace {
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

Applied apply(Document& doc, DocumentView& view, const Command& c) {
  const std::uint64_t generation = doc.generation();
  const std::string path = doc.path();
  const Moment at = doc.trace() ? moment_at(*doc.trace(), view.step) : Moment{};
  Applied a;
  auto saved = [&](const WriteResult& w) {
    a.saved = w.ok;
    a.error = w.error;
    return w.ok;
  };
  a.ok = std::visit(Overloaded{
                        [&](const OpenFile& o) { return doc.open_file(o.path); },
                        [&](const OpenText& o) { return doc.open_text(o.text, o.path); },
                        [&](const OpenUntitled& o) { return doc.open_untitled(o.text, o.name); },
                        [&](const Reload&) { return doc.reload(); },
                        [&](const SetText& o) { return doc.set_text(o.text); },
                        [&](const SetViewText& o) { return doc.set_view_text(o.view, o.text); },
                        [&](const SetChoice& o) {
                          doc.set_choice(o.choice);
                          return true;
                        },
                        [&](const Save&) { return saved(doc.save()); },
                        [&](const SaveAs& o) { return saved(doc.save_as(o.path)); },
                        [&](const KeepMine&) {
                          doc.keep_mine();
                          return true;
                        },
                    },
                    c);
  if (doc.generation() == generation) return a;
  // A save that converts the lesson (Save As .py) reads it again: the same lesson.
  const bool same_lesson = std::holds_alternative<Reload>(c) || std::holds_alternative<SetText>(c) ||
                           std::holds_alternative<SetViewText>(c) || std::holds_alternative<SetChoice>(c) ||
                           std::holds_alternative<SaveAs>(c);
  if (same_lesson && (doc.path() == path || std::holds_alternative<SaveAs>(c))) {
    a.rerun = true;
    view.step = doc.trace() ? find_moment(*doc.trace(), at) : -1;
  } else {
    a.replaced = true;
    view.reset();
  }
  view.fit_timeline();
  view.tl_scroll = 0;
  view.selected_task = -1;
  return a;
}

}  // namespace trioscope::document
