// Choice sources and the written form of a schedule (choices.hpp).
#include "core/choices.hpp"

namespace trio {

const char* choice_kind_name(ChoiceKind k) {
  switch (k) {
    case ChoiceKind::batch_order: return "batch order";
    case ChoiceKind::deadline_tie: return "identical deadlines";
    case ChoiceKind::cancel_fanout: return "cancel fan-out";
  }
  return "?";
}

// ---- RandomChoices ---------------------------------------------------------------------------

RandomChoices::RandomChoices(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}

double RandomChoices::next_unit() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return double(z >> 11) * 0x1.0p-53;
}

std::uint32_t RandomChoices::choose(ChoiceKind kind, std::uint32_t options) {
  double u = next_unit();
  // Trio: `if _r.random() < 0.5: batch.reverse()`.
  if (kind == ChoiceKind::batch_order) return u < 0.5 ? 1 : 0;
  auto pick = std::uint32_t(u * options);
  return pick < options ? pick : options - 1;
}

// ---- ReplayChoices ---------------------------------------------------------------------------

std::uint32_t ReplayChoices::choose(ChoiceKind kind, std::uint32_t options) {
  std::size_t at = next_++;
  if (at >= choices_.size()) return 0;
  std::uint32_t c = choices_[at];
  if (c < options) return c;
  if (problem_.empty())
    problem_ = "choice " + std::to_string(at + 1) + " of the schedule is " + std::to_string(c) +
               ", but the run offers only " + std::to_string(options) + " options there (" +
               choice_kind_name(kind) + ")";
  return 0;
}

std::string ReplayChoices::problem() const {
  if (!problem_.empty()) return problem_;
  for (std::size_t i = next_; i < choices_.size(); ++i)
    if (choices_[i] != 0)
      return "the schedule has " + std::to_string(choices_.size()) + " choices, but the run made only " +
             std::to_string(next_);
  return {};
}

// ---- schedule strings ----------------------------------------------------------------------

namespace {
constexpr const char* kDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::uint32_t kBase = 62;

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 36;
  return -1;
}

template <class Get>
std::string write(std::size_t n, Get get) {
  while (n > 0 && get(n - 1) == 0) --n;
  if (n == 0) return "0";
  std::string s;
  s.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c = get(i);
    if (c < kBase)
      s += kDigits[c];
    else
      s += "{" + std::to_string(c) + "}";
  }
  return s;
}
}  // namespace

std::string schedule_string(const std::vector<std::uint32_t>& choices) {
  return write(choices.size(), [&](std::size_t i) { return choices[i]; });
}

std::string schedule_string(const std::vector<ChoiceMade>& choices) {
  return write(choices.size(), [&](std::size_t i) { return choices[i].chosen; });
}

ParsedSchedule parse_schedule(const std::string& text) {
  ParsedSchedule p;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (int d = digit_value(c); d >= 0) {
      p.choices.push_back(std::uint32_t(d));
      continue;
    }
    if (c == '{') {
      std::size_t close = text.find('}', i);
      std::uint64_t v = 0;
      bool digits = close != std::string::npos && close > i + 1;
      for (std::size_t k = i + 1; digits && k < close; ++k) {
        if (text[k] < '0' || text[k] > '9' || v > 0xFFFFFFFFull / 10) digits = false;
        else v = v * 10 + std::uint64_t(text[k] - '0');
      }
      if (!digits || v > 0xFFFFFFFFull) {
        p.error = "'{' must be followed by a whole number and '}'";
        p.error_at = i;
        return p;
      }
      p.choices.push_back(std::uint32_t(v));
      i = close;
      continue;
    }
    p.error = std::string("unexpected character '") + c + "' (a schedule is made of 0-9, a-z, A-Z and {N})";
    p.error_at = i;
    return p;
  }
  return p;
}

}  // namespace trio
