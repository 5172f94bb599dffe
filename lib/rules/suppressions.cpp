#include "rules/suppressions.hpp"

#include <algorithm>
#include <string>

namespace mlmon::rules {

namespace {

// The check ids of a `# mlmon: disable=a,b` comment on this line, if it has one.
std::vector<std::string> disabled_on_line(std::string_view line) {
  const auto hash = line.find('#');
  if (hash == std::string_view::npos) return {};
  const auto marker = line.find("mlmon: disable=", hash);
  if (marker == std::string_view::npos) return {};
  std::string_view list = line.substr(marker + 15);
  std::vector<std::string> ids;
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view id = list.substr(0, comma);
    while (!id.empty() && (id.front() == ' ')) id.remove_prefix(1);
    const auto end = id.find_first_of(" \t");
    if (end != std::string_view::npos) id = id.substr(0, end);
    if (!id.empty()) ids.emplace_back(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return ids;
}

}  // namespace

InlineSuppressions::InlineSuppressions(const SourceFile& source)
    : source_(source), has_markers_(source.text().find("mlmon: disable=") != std::string_view::npos) {}

void InlineSuppressions::add_rule(const Rule& rule) {
  if (!has_markers_) return;
  const int first = std::max(1, rule.node->pos.line - 1);
  const int last = source_.position_of(rule.node->end).line;
  Span span{rule.node->pos.line, last, {}};
  for (int line = first; line <= last; ++line) {
    for (auto& id : disabled_on_line(source_.line_text(line))) span.checks.push_back(std::move(id));
  }
  if (!span.checks.empty()) spans_.push_back(std::move(span));
}

void InlineSuppressions::apply(std::vector<Diagnostic>& findings, bool (*is_lint)(std::string_view)) const {
  if (spans_.empty()) return;
  std::erase_if(findings, [&](const Diagnostic& d) {
    if (!is_lint(d.rule_id) || d.file != source_.path()) return false;
    return std::any_of(spans_.begin(), spans_.end(), [&](const Span& s) {
      return d.pos.line >= s.first_line && d.pos.line <= s.last_line &&
             std::find(s.checks.begin(), s.checks.end(), d.rule_id) != s.checks.end();
    });
  });
}

}  // namespace mlmon::rules
