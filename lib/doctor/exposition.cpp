#include "doctor/exposition.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace mlmon::doctor {

namespace {

/// Reads `{a="x",b="y"}` starting at `pos` (on the '{'); false when malformed.
bool read_labels(std::string_view line, std::size_t& pos, LabelMap& labels) {
  ++pos;  // '{'
  while (pos < line.size()) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == ',')) ++pos;
    if (pos < line.size() && line[pos] == '}') {
      ++pos;
      return true;
    }
    const std::size_t eq = line.find('=', pos);
    if (eq == std::string_view::npos || eq + 1 >= line.size() || line[eq + 1] != '"') return false;
    std::string name(line.substr(pos, eq - pos));
    std::string value;
    pos = eq + 2;
    for (; pos < line.size() && line[pos] != '"'; ++pos) {
      if (line[pos] == '\\' && pos + 1 < line.size()) {
        ++pos;
        value += line[pos] == 'n' ? '\n' : line[pos];
      } else {
        value += line[pos];
      }
    }
    if (pos >= line.size()) return false;
    ++pos;  // closing quote
    labels[std::move(name)] = std::move(value);
  }
  return false;
}

std::optional<double> read_value(std::string_view text) {
  if (text == "+Inf" || text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<Sample> read_samples(std::string_view text, const std::vector<std::string_view>& names) {
  std::vector<Sample> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    std::size_t pos = line.find_first_of("{ ");
    if (pos == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, pos);
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    Sample sample;
    sample.name = std::string(name);
    if (line[pos] == '{' && !read_labels(line, pos, sample.labels)) continue;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    std::string_view rest = line.substr(pos);
    rest = rest.substr(0, rest.find(' '));  // a timestamp may follow
    auto value = read_value(rest);
    if (!value) continue;
    sample.value = *value;
    out.push_back(std::move(sample));
  }
  return out;
}

double sum_of(const std::vector<Sample>& samples, std::string_view name) {
  double total = 0;
  for (const Sample& s : samples) {
    if (s.name == name && std::isfinite(s.value)) total += s.value;
  }
  return total;
}

}  // namespace mlmon::doctor
