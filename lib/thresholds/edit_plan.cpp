#include "thresholds/edit_plan.hpp"

#include <fmt/format.h>

#include <cmath>

#include "promql/duration.hpp"
#include "thresholds/scalar_range.hpp"

namespace mlmon::thresholds {

namespace {

// More node visits than this (through aliases) and the file is refused rather than walked.
constexpr std::size_t kMaxVisits = 2'000'000;

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

std::string_view text_of(const FileEdit& edit) { return edit.file->source->text(); }

std::string where(const Alert& alert) { return fmt::format("{}: alert {}", alert.location(), alert.name); }

// A node the edit may change must appear once in the tree: an anchored node that is aliased
// elsewhere, or a merged-in one, would change in every place that uses it.
Result<void> require_unshared(FileEdit& edit, const Alert& alert, const yaml::Node* node, std::string_view what) {
  if (!edit.references) {
    auto counts = std::make_shared<std::map<const yaml::Node*, int>>();
    // Anchors and aliases never cross documents: each is counted on its own.
    bool counted = count_references(edit.file->rules->document.root, *counts);
    for (const yaml::Document& more : edit.file->rules->more_documents) {
      counted = counted && count_references(more.root, *counts);
    }
    if (!counted) {
      return fail(fmt::format("{}: the file uses too many YAML aliases to be edited safely", edit.file->path()));
    }
    edit.references = std::move(counts);
  }
  const auto it = edit.references->find(node);
  if (it != edit.references->end() && it->second > 1) {
    return fail(
        fmt::format("{}: its {} is shared with other places through a YAML anchor{} (line {}); "
                    "edit it by hand",
                    where(alert), what, node->anchor().empty() ? "" : " &" + node->anchor(), node->pos().line));
  }
  return {};
}

Result<void> plan_threshold(FileEdit& edit, const Alert& alert, const Threshold& threshold, const NumberValue& value) {
  const promql::NumberLiteral& literal = *threshold.site.literal;
  const std::string label = alert.thresholds.size() > 1 ? fmt::format("threshold {}", threshold.index) : "threshold";
  const std::string at = fmt::format("{}:{}: {}", alert.file->path(), threshold.pos.line, alert.name);
  ExpectedThreshold expected{alert.group_index, alert.rule_index, threshold.index, value.value, alert.name};
  if (same_number(literal.value, value.value)) {
    edit.unchanged.push_back(fmt::format("{}: {} is already {}", at, label, threshold.text));
    edit.expected_thresholds.push_back(expected);
    return {};
  }
  const yaml::Node& expr = *alert.rule->expr;
  MLMON_TRY(require_unshared(edit, alert, &expr, "expr"));
  const bool old_negative = std::signbit(literal.value);
  const bool new_negative = !std::isnan(value.value) && std::signbit(value.value);
  std::string replacement = format_like(literal.text, literal.is_duration, value);
  std::size_t begin = literal.text_begin;
  if (old_negative != new_negative) {
    // The sign changes: rewrite the folded sign too (`-5` -> `7`, `5` -> `-7`).
    begin = literal.begin;
    if (new_negative) replacement.insert(0, "-");
  }
  const auto range = verbatim_source_range(expr, text_of(edit), begin, literal.text_end);
  if (!range) {
    return fail(
        fmt::format("{}: the threshold {} on line {} is written with YAML escapes or a line break inside "
                    "it; edit it by hand",
                    where(alert), threshold.text, threshold.pos.line));
  }
  auto& value_edits = edit.value_edits[&expr];
  for (const TextEdit& e : value_edits) {
    if (e.offset < literal.text_end && begin < e.offset + e.length) {
      return fail(fmt::format("{}: {} is changed twice", where(alert), label));
    }
  }
  value_edits.push_back({begin, literal.text_end - begin, replacement});
  auto expected_expr = apply_edits(expr.value, value_edits);
  if (!expected_expr) return fail(fmt::format("{}: {}", where(alert), expected_expr.error().message));
  edit.expected_values[&expr] = std::move(*expected_expr);
  edit.edits.push_back({range->first, range->second - range->first, replacement});
  const std::string old_text(alert.ast->source().substr(begin, literal.text_end - begin));
  std::string shown_new = replacement;
  if (begin == literal.text_begin && literal.begin != literal.text_begin) {
    shown_new = std::string(alert.ast->source().substr(literal.begin, literal.text_begin - literal.begin)) + shown_new;
  }
  edit.notes.push_back(fmt::format("{}: {} {} -> {}", at, label, threshold.text, shown_new));
  edit.expected_thresholds.push_back(expected);
  return {};
}

std::string quoted_like_file(const FileEdit& edit, const std::string& duration) {
  // New `for:` values are quoted the way the file quotes its other ones.
  for (const rules::Group& group : edit.file->rules->groups) {
    for (const rules::Rule& rule : group.rules) {
      if (rule.for_ == nullptr || !rule.for_->is_scalar()) continue;
      if (rule.for_->style == yaml::ScalarStyle::DoubleQuoted) return "\"" + duration + "\"";
      if (rule.for_->style == yaml::ScalarStyle::SingleQuoted) return "'" + duration + "'";
      return duration;
    }
  }
  return duration;
}

std::size_t line_start(std::string_view text, std::size_t offset) {
  const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

Result<void> insert_for(FileEdit& edit, const Alert& alert, const std::string& duration) {
  const yaml::Node& map = *alert.rule->node;
  const std::string_view text = text_of(edit);
  const yaml::Entry* expr = nullptr;
  for (const yaml::Entry& e : map.entries) {
    if (e.key != nullptr && e.key->value == "expr") expr = &e;
  }
  if (expr == nullptr || expr->merged || expr->key->offset < map.offset || expr->key->offset >= map.end) {
    return fail(fmt::format("{}: its expr comes from a YAML merge key; add `for:` by hand", where(alert)));
  }
  MLMON_TRY(require_unshared(edit, alert, &map, "rule"));
  const std::string value = quoted_like_file(edit, duration);
  // The value's end, unless the value is an alias of a node written earlier in the file.
  std::size_t after = expr->key->end;
  if (expr->value != nullptr && expr->value->offset >= expr->key->end)
    after = std::max<std::size_t>(after, expr->value->end);
  if (map.flow) {
    edit.edits.push_back({after, 0, ", for: " + value});
  } else {
    std::size_t at = 0;
    std::string line;
    const std::string_view eol = line_ending_at(text, after);
    if (after > 0 && text[after - 1] == '\n') {
      at = after;
    } else if (const std::size_t nl = text.find('\n', after); nl != std::string_view::npos) {
      at = nl + 1;
    } else {
      at = text.size();
      line = eol;  // the last line had no line ending: add one before ours, none after
    }
    // The indentation of `expr:` itself; `- ` of a sequence entry becomes spaces.
    for (char c :
         text.substr(line_start(text, expr->key->offset), expr->key->offset - line_start(text, expr->key->offset))) {
      line += c == '\t' ? '\t' : ' ';
    }
    line += "for: " + value;
    if (at < text.size() || (!text.empty() && text.back() == '\n')) line += eol;
    edit.edits.push_back({at, 0, line});
  }
  edit.inserted_for[&map] = duration;
  edit.notes.push_back(
      fmt::format("{}:{}: {}: for: {} (added)", alert.file->path(), alert.pos.line, alert.name, duration));
  return {};
}

Result<void> plan_for(FileEdit& edit, const Alert& alert, const std::string& duration) {
  const rules::Rule& rule = *alert.rule;
  const yaml::Node* current = rule.node->get("for");
  if (current == nullptr) return insert_for(edit, alert, duration);
  const std::string at = fmt::format("{}:{}: {}", alert.file->path(), current->pos().line, alert.name);
  if (current->is_scalar()) {
    const auto old_ms = promql::parse_duration_ms(current->value);
    const auto new_ms = promql::parse_duration_ms(duration);
    if (old_ms && new_ms && *old_ms == *new_ms) {
      edit.unchanged.push_back(fmt::format("{}: for is already {}", at, current->value));
      return {};
    }
  } else if (!current->is_null()) {
    return fail(fmt::format("{}: its `for:` is not a duration; fix it by hand first", where(alert)));
  }
  MLMON_TRY(require_unshared(edit, alert, current, "for"));
  if (current->is_scalar()) {
    const auto range = verbatim_source_range(*current, text_of(edit), 0, current->value.size());
    if (!range) return fail(fmt::format("{}: its `for:` is written with YAML escapes; edit it by hand", where(alert)));
    edit.edits.push_back({range->first, range->second - range->first, duration});
    edit.notes.push_back(fmt::format("{}: for {} -> {}", at, current->value, duration));
  } else if (current->end > current->offset) {
    edit.edits.push_back({current->offset, current->end - current->offset, quoted_like_file(edit, duration)});  // `~`
    edit.notes.push_back(fmt::format("{}: for {} -> {}", at, current->value, duration));
  } else {
    // `for:` with nothing after it: the value goes right after the colon.
    const std::string_view text = text_of(edit);
    const yaml::Node* key = rule.node->key_node("for");
    const std::size_t colon = key != nullptr ? text.find(':', key->end) : std::string_view::npos;
    if (colon == std::string_view::npos) return fail(fmt::format("{}: cannot find its `for:`", where(alert)));
    edit.edits.push_back({colon + 1, 0, " " + quoted_like_file(edit, duration)});
    edit.notes.push_back(fmt::format("{}: for (empty) -> {}", at, duration));
  }
  edit.expected_values[current] = duration;
  return {};
}

}  // namespace

bool count_references(const yaml::Node* root, std::map<const yaml::Node*, int>& out) {
  std::vector<const yaml::Node*> stack;
  if (root != nullptr) stack.push_back(root);
  std::size_t visits = 0;
  while (!stack.empty()) {
    if (++visits > kMaxVisits) return false;
    const yaml::Node* node = stack.back();
    stack.pop_back();
    ++out[node];
    for (const yaml::Node* item : node->items) stack.push_back(item);
    for (const yaml::Entry& e : node->entries) {
      stack.push_back(e.key);
      stack.push_back(e.value);
    }
  }
  return true;
}

Result<void> plan_alert_change(FileEdit& edit, const AlertChange& change) {
  // Plan on a copy so a failure leaves `edit` as it was.
  FileEdit planned = edit;
  const Alert& alert = *change.alert;
  if (change.value) {
    if (change.threshold == nullptr) return fail(fmt::format("{}: no threshold to set", where(alert)));
    MLMON_TRY(plan_threshold(planned, alert, *change.threshold, *change.value));
  }
  if (change.for_text) {
    MLMON_TRY(plan_for(planned, alert, *change.for_text));
  }
  edit = std::move(planned);
  return {};
}

}  // namespace mlmon::thresholds
