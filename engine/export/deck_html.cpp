#include "export/deck_html.hpp"

#include <cstdio>

#include "export/json_text.hpp"

namespace trioscope::exporting {

namespace {

void escape_html(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

std::string css(view::Rgba c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

}  // namespace

std::string slides_html(const std::string& title, view::Theme theme, const std::vector<Slide>& slides) {
  const view::Palette& p = view::palette(theme);
  using R = view::ColorRole;
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  escape_html(h, title);
  h += "</title>\n<style>\n";
  h += "html, body { margin: 0; height: 100%; background: " + css(p[R::background]) + "; color: " + css(p[R::text]) +
       "; font-family: 'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, sans-serif; }\n"
       "body { display: flex; flex-direction: column; }\n"
       "#stage { flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; cursor: pointer; }\n"
       "#slide { max-width: 100%; max-height: 100%; object-fit: contain; }\n"
       "#bar { padding: 0.6em 1.2em 0.7em; background: " + css(p[R::panel]) + "; border-top: 4px solid " +
       css(p[R::playhead]) + "; }\n"
       "#caption { font-size: 1.45em; line-height: 1.35; min-height: 2.7em; }\n"
       "#status { display: flex; justify-content: space-between; gap: 1em; margin-top: 0.35em; color: " +
       css(p[R::text_muted]) + "; }\n"
       "#moment { color: " + css(p[R::playhead]) + "; font-weight: bold; }\n"
       "</style>\n</head>\n<body>\n<div id=\"stage\" title=\"click: next (left third: back)\"><img id=\"slide\" src=\"";
  // The first slide is in the page itself, so it shows even without scripts.
  const Slide first = slides.empty() ? Slide{} : slides.front();
  escape_html(h, first.image);
  h += "\" alt=\"";
  escape_html(h, first.caption);
  h += "\"></div>\n<div id=\"bar\"><div id=\"caption\">";
  escape_html(h, first.caption);
  h += "</div><div id=\"status\"><span id=\"where\">";
  escape_html(h, first.status);
  h += "</span><span><span id=\"moment\">";
  escape_html(h, first.moment);
  h += "</span> <span id=\"count\">1 / " + std::to_string(slides.size()) + "</span></span></div></div>\n<script>\n";
  h += "const slides = [";
  for (std::size_t i = 0; i < slides.size(); ++i) {
    h += i ? ",\n" : "\n";
    h += "{\"image\":";
    append_json_string(h, slides[i].image, true);
    h += ",\"caption\":";
    append_json_string(h, slides[i].caption, true);
    h += ",\"status\":";
    append_json_string(h, slides[i].status, true);
    h += ",\"moment\":";
    append_json_string(h, slides[i].moment, true);
    h += '}';
  }
  h += "];\n";
  h += R"JS(let current = 0;
const img = document.getElementById("slide");
const caption = document.getElementById("caption");
const where = document.getElementById("where");
const moment = document.getElementById("moment");
const count = document.getElementById("count");
function show(n) {
  if (!slides.length) return;
  current = Math.max(0, Math.min(slides.length - 1, n));
  const s = slides[current];
  img.src = s.image;
  img.alt = s.caption;
  caption.textContent = s.caption;
  where.textContent = s.status;
  moment.textContent = s.moment;
  count.textContent = (current + 1) + " / " + slides.length;
  document.body.dataset.slide = String(current + 1);
  try { history.replaceState(null, "", "#" + (current + 1)); } catch (e) {}
  if (current + 1 < slides.length) (new Image()).src = slides[current + 1].image;
}
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const next = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "Enter"];
  const back = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];
  if (next.includes(e.key)) show(current + 1);
  else if (back.includes(e.key)) show(current - 1);
  else if (e.key === "Home") show(0);
  else if (e.key === "End") show(slides.length - 1);
  else return;
  e.preventDefault();
});
document.getElementById("stage").addEventListener("click", (e) => {
  const r = e.currentTarget.getBoundingClientRect();
  show(e.clientX < r.left + r.width / 3 ? current - 1 : current + 1);
});
show((parseInt(location.hash.slice(1), 10) || 1) - 1);
)JS";
  h += "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace trioscope::exporting
