#include "rules/suppressions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/closest_names.hpp"
#include "rules/checks/check.hpp"

namespace mlmon::rules {

namespace {

// The check ids of a `# mlmon: disable=a,b` comment on this line, if it has one; each id is a
// view into `line`.
std::vector<std::string_view> disabled_on_line(std::string_view line) {
  const auto hash = line.find('#');
  if (hash == std::string_view::npos) return {};
  const auto marker = line.find("mlmon: disable=", hash);
  if (marker == std::string_view::npos) return {};
  std::string_view list = line.substr(marker + 15);
  std::vector<std::string_view> ids;
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view id = list.substr(0, comma);
    while (!id.empty() && (id.front() == ' ')) id.remove_prefix(1);
    const auto end = id.find_first_of(" \t");
    if (end != std::string_view::npos) id = id.substr(0, end);
    if (!id.empty()) ids.push_back(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return ids;
}

bool is_rule_lint_check(std::string_view id) {
  const auto& checks = rule_checks();
  return std::any_of(checks.begin(), checks.end(), [&](const auto& c) { return c->info().id == id; });
}

}  // namespace

InlineSuppressions::InlineSuppressions(const SourceFile& source)
    : source_(source), has_markers_(source.text().find("mlmon: disable=") != std::string_view::npos) {}

void InlineSuppressions::add_rule(const Rule& rule) {
  if (!has_markers_) return;
  const int first = std::max(1, rule.node->pos().line - 1);
  const int last = source_.position_of(rule.node->end).line;
  Span span{rule.node->pos().line, last, {}};
  for (int line = first; line <= last; ++line) {
    const std::string_view text = source_.line_text(line);
    for (std::string_view id : disabled_on_line(text)) {
      check_id(id, static_cast<std::size_t>(id.data() - source_.text().data()));
      span.checks.emplace_back(id);
    }
  }
  if (!span.checks.empty()) spans_.push_back(std::move(span));
}

void InlineSuppressions::check_id(std::string_view id, std::size_t offset) {
  if (is_rule_lint_check(id)) return;
  if (std::find(checked_offsets_.begin(), checked_offsets_.end(), offset) != checked_offsets_.end()) return;
  checked_offsets_.push_back(offset);
  std::vector<std::string> lint_ids;
  for (const auto& check : rule_checks()) lint_ids.emplace_back(check->info().id);
  const std::vector<std::string> close = closest_names(id, lint_ids, 1);
  std::string message = fmt::format("\"{}\" is not a lint check of rule files, so this comment silences nothing", id);
  if (!close.empty()) message += fmt::format("; did you mean \"{}\"?", close.front());
  problems_.push_back(make_diagnostic(
      Severity::Error, "config/unknown-check", source_.path(), source_.position_of(offset), std::move(message),
      "only lint checks can be silenced (Prometheus's own validations cannot); `mlmon checks` lists them"));
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
