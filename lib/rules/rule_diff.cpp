#include "rules/rule_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "promql/duration.hpp"
#include "rules/change_values.hpp"
#include "rules/evaluation_order.hpp"
#include "rules/expr_diff.hpp"
#include "rules/rule_pairing.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::rules {

namespace {

/// A rule with what the comparison needs computed once.
struct RuleView {
  const Group* group = nullptr;
  std::size_t position = 0;  ///< 0-based in group->rules
  const Rule* rule = nullptr;
  ComparableExpr expr;
  std::vector<std::string> reads;  ///< metric names its expression reads
};

using GroupView = std::vector<RuleView>;

std::vector<GroupView> view_of(const RuleFile& file) {
  std::vector<GroupView> groups;
  for (const Group& group : file.groups) {
    GroupView& view = groups.emplace_back();
    for (std::size_t i = 0; i < group.rules.size(); ++i) {
      RuleView rule{&group, i, &group.rules[i], {}, {}};
      rule.expr = ComparableExpr::of(rule.rule->expr != nullptr ? rule.rule->expr->value : "");
      if (rule.expr.ast) rule.reads = metric_names_read(rule.expr.ast->root());
      view.push_back(std::move(rule));
    }
  }
  return groups;
}

std::optional<std::string> text_of(const yaml::Node* node) {
  if (node == nullptr || node->is_null()) return std::nullopt;
  return node->value;
}

std::map<std::string, std::string> string_map(const yaml::Node* node) {
  std::map<std::string, std::string> out;
  if (node == nullptr || !node->is_map()) return out;
  // Merged entries come after explicit ones, and emplace keeps the first: explicit keys win.
  for (const yaml::Entry& e : node->entries) out.emplace(e.key->value, e.value->value);
  return out;
}

void compare_maps(const yaml::Node* old_map, const yaml::Node* new_map, std::string_view name,
                  std::vector<FieldChange>& fields) {
  const auto a = string_map(old_map);
  const auto b = string_map(new_map);
  std::set<std::string> keys;
  for (const auto& [key, value] : a) keys.insert(key);
  for (const auto& [key, value] : b) keys.insert(key);
  for (const std::string& key : keys) {
    const auto x = a.find(key);
    const auto y = b.find(key);
    const std::optional<std::string> old_value = x == a.end() ? std::nullopt : std::optional(json_string(x->second));
    const std::optional<std::string> new_value = y == b.end() ? std::nullopt : std::optional(json_string(y->second));
    if (old_value != new_value) fields.push_back({keyed_path(name, key), old_value, new_value});
  }
}

/// Durations compare by value and show as written. `absent_is_zero` for `for` and
/// `keep_firing_for`; an absent `interval` or `query_offset` means the global setting, unlike any value.
void compare_durations(const yaml::Node* old_node, const yaml::Node* new_node, std::string_view path,
                       bool absent_is_zero, std::vector<FieldChange>& fields) {
  const auto a = text_of(old_node);
  const auto b = text_of(new_node);
  auto millis = [&](const std::optional<std::string>& text) -> std::optional<int64_t> {
    if (!text) return absent_is_zero ? std::optional<int64_t>(0) : std::nullopt;
    auto ms = promql::parse_duration_ms(*text);
    return ms ? std::optional<int64_t>(*ms) : std::nullopt;
  };
  const auto ma = millis(a);
  const auto mb = millis(b);
  if (a == b || (ma && mb && *ma == *mb)) return;
  auto shown = [](const std::optional<std::string>& text) {
    return text ? std::optional(json_string(*text)) : std::nullopt;
  };
  fields.push_back({std::string(path), shown(a), shown(b)});
}

std::vector<FieldChange> rule_fields(const RuleView& a, const RuleView& b) {
  std::vector<FieldChange> fields = diff_exprs(a.expr, b.expr, a.rule->is_alert());
  compare_durations(a.rule->for_, b.rule->for_, "for", true, fields);
  compare_durations(a.rule->keep_firing_for, b.rule->keep_firing_for, "keep_firing_for", true, fields);
  compare_maps(a.rule->labels, b.rule->labels, "labels", fields);
  compare_maps(a.rule->annotations, b.rule->annotations, "annotations", fields);
  return fields;
}

std::vector<FieldChange> group_fields(const Group& a, const Group& b) {
  std::vector<FieldChange> fields;
  // The PrometheusRule holding it was renamed. (Wrapping a rule file in a manifest changes no rule.)
  if (!a.resource.empty() && !b.resource.empty() && a.resource != b.resource) {
    fields.push_back({"PrometheusRule", json_string(a.resource), json_string(b.resource)});
  }
  compare_durations(a.interval, b.interval, "interval", false, fields);
  compare_durations(a.query_offset, b.query_offset, "query_offset", false, fields);
  const auto la = text_of(a.limit);
  const auto lb = text_of(b.limit);
  auto limit_value = [](const yaml::Node* node) -> int64_t {
    return node != nullptr && !node->is_null() ? yaml::as_int(*node).value_or(0) : 0;
  };
  if (la != lb && limit_value(a.limit) != limit_value(b.limit)) {
    auto shown = [](const std::optional<std::string>& text) {
      return text ? std::optional(json_number_or_string(*text)) : std::nullopt;
    };
    fields.push_back({"limit", shown(la), shown(lb)});
  }
  compare_maps(a.labels, b.labels, "labels", fields);
  return fields;
}

/// `group "g"`, or `group "g" of PrometheusRule "r"` when the name alone is ambiguous.
std::string group_subject(const Group& group, bool with_resource) {
  if (with_resource && !group.resource.empty()) {
    return fmt::format("group \"{}\" of PrometheusRule \"{}\"", group.name, group.resource);
  }
  return fmt::format("group \"{}\"", group.name);
}

/// True when a group name belongs to more than one PrometheusRule, within a file or between the
/// two (a group that changed hands): then only the resource tells the groups apart.
bool group_names_shared(const RuleFile& a, const RuleFile& b) {
  std::map<std::string_view, std::string_view> resource_of;
  for (const RuleFile* file : {&a, &b}) {
    for (const Group& group : file->groups) {
      if (group.resource.empty()) continue;
      const auto [it, inserted] = resource_of.emplace(group.name, group.resource);
      if (!inserted && it->second != group.resource) return true;
    }
  }
  return false;
}

/// The PrometheusRules (metadata.name) a file holds.
std::set<std::string_view> resources_of(const RuleFile& file) {
  std::set<std::string_view> names;
  for (const Group& group : file.groups) names.insert(group.resource);
  return names;
}

bool same_identity(const Rule& a, const Rule& b) { return a.kind == b.kind && a.name == b.name; }

/// `alert "X" (group "g")`; when the group has other rules of that name, the labels that tell
/// them apart (`alert "X" {severity="critical"} (group "g")`), or the rule's number when labels
/// do not.
std::string rule_subject(const GroupView& group, std::size_t position, bool with_resource) {
  const Rule& rule = *group[position].rule;
  const std::string head = fmt::format("{} \"{}\"", rule.is_alert() ? "alert" : "record", rule.name);
  const std::string group_name = group_subject(*group[position].group, with_resource);
  std::vector<const RuleView*> namesakes;
  for (const RuleView& other : group) {
    if (same_identity(*other.rule, rule)) namesakes.push_back(&other);
  }
  if (namesakes.size() == 1) return fmt::format("{} ({})", head, group_name);

  std::set<std::string> telling;  // label keys whose values differ among the namesakes
  const auto labels = string_map(rule.labels);
  for (const RuleView* other : namesakes) {
    const auto other_labels = string_map(other->rule->labels);
    for (const auto* side : {&labels, &other_labels}) {
      for (const auto& [key, value] : *side) {
        const auto x = labels.find(key);
        const auto y = other_labels.find(key);
        if (x == labels.end() || y == other_labels.end() || x->second != y->second) telling.insert(key);
      }
    }
  }
  auto selector = [&](const std::map<std::string, std::string>& of) {
    std::string out;
    for (const std::string& key : telling) {
      const auto it = of.find(key);
      if (it == of.end()) continue;
      out += (out.empty() ? "" : ", ") + key + "=" + json_string(it->second);
    }
    return out;
  };
  const std::string mine = selector(labels);
  const bool unique = !mine.empty() && std::count_if(namesakes.begin(), namesakes.end(), [&](const RuleView* other) {
                                         return selector(string_map(other->rule->labels)) == mine;
                                       }) == 1;
  if (unique) return fmt::format("{} {{{}}} ({})", head, mine, group_name);
  return fmt::format("{} ({}, rule {})", head, group_name, rule.index);
}

/// A rule's place: group index and position in it.
using Place = std::pair<std::size_t, std::size_t>;

/// Pairs rules of `old_places` with rules of `new_places` of the same kind and name (the callers
/// pass one group's rules, then the rules left over in every group).
void pair_rules(const std::vector<GroupView>& a, const std::vector<GroupView>& b, const std::vector<Place>& old_places,
                const std::vector<Place>& new_places, std::map<Place, Place>& new_of_old,
                std::map<Place, Place>& old_of_new) {
  auto view = [](const std::vector<GroupView>& file, Place p) -> const RuleView& { return file[p.first][p.second]; };
  using Key = std::tuple<RuleKind, std::string>;
  std::map<Key, std::pair<std::vector<Place>, std::vector<Place>>> buckets;
  for (Place p : old_places) buckets[{view(a, p).rule->kind, view(a, p).rule->name}].first.push_back(p);
  for (Place p : new_places) buckets[{view(b, p).rule->kind, view(b, p).rule->name}].second.push_back(p);
  for (const auto& [key, sides] : buckets) {
    const auto& [olds, news] = sides;
    if (olds.empty() || news.empty()) continue;
    const std::array<Likeness, 2> tests{
        [&](std::size_t i, std::size_t j) { return rule_fields(view(a, olds[i]), view(b, news[j])).empty(); },
        [&](std::size_t i, std::size_t j) {
          return string_map(view(a, olds[i]).rule->labels) == string_map(view(b, news[j]).rule->labels);
        },
    };
    const Pairing pairing = pair_alike(olds.size(), news.size(), tests);
    for (std::size_t i = 0; i < olds.size(); ++i) {
      if (!pairing.new_of_old[i]) continue;
      new_of_old[olds[i]] = news[*pairing.new_of_old[i]];
      old_of_new[news[*pairing.new_of_old[i]]] = olds[i];
    }
  }
}

/// `after record "r"` for each recording rule of the group the rule reads and now sits on the
/// other side of; empty when its evaluation order did not change.
std::pair<std::string, std::string> order_move(const RuleView& a, const RuleView& b) {
  const auto before = reads_after(*a.group, a.position, a.reads);
  const auto after = reads_after(*b.group, b.position, b.reads);
  std::string from;
  std::string to;
  for (const auto& [name, was_after] : before) {
    const auto now = after.find(name);
    if (now == after.end() || now->second == was_after) continue;
    auto side = [&](bool is_after) { return fmt::format("{} record \"{}\"", is_after ? "after" : "before", name); };
    from += (from.empty() ? "" : ", ") + side(was_after);
    to += (to.empty() ? "" : ", ") + side(now->second);
  }
  return {from, to};
}

}  // namespace

ChangeSet diff_rule_files(const RuleFile& old_file, const RuleFile& new_file) {
  const std::vector<GroupView> a = view_of(old_file);
  const std::vector<GroupView> b = view_of(new_file);

  // Groups by PrometheusRule and name, then by name alone where the PrometheusRule was renamed
  // (its old name gone from NEW, its new one absent from OLD; a plain rule file has the name "").
  // A name repeated in one rule file (which Prometheus refuses) pairs in order.
  const std::set<std::string_view> old_resources = resources_of(old_file);
  const std::set<std::string_view> new_resources = resources_of(new_file);
  std::vector<std::optional<std::size_t>> group_of_old(a.size());
  std::vector<std::optional<std::size_t>> group_of_new(b.size());
  for (const bool same_resource : {true, false}) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (group_of_new[j]) continue;
      for (std::size_t i = 0; i < a.size(); ++i) {
        const Group& old_group = old_file.groups[i];
        const Group& new_group = new_file.groups[j];
        if (group_of_old[i] || old_group.name != new_group.name) continue;
        if (same_resource ? old_group.resource != new_group.resource
                          : new_resources.contains(old_group.resource) || old_resources.contains(new_group.resource)) {
          continue;
        }
        group_of_old[i] = j;
        group_of_new[j] = i;
        break;
      }
    }
  }
  const bool with_resource = group_names_shared(old_file, new_file);

  // Rules within their group first; the rest across groups (moved).
  std::map<Place, Place> new_of_old;
  std::map<Place, Place> old_of_new;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!group_of_old[i]) continue;
    std::vector<Place> olds, news;
    for (std::size_t r = 0; r < a[i].size(); ++r) olds.emplace_back(i, r);
    for (std::size_t r = 0; r < b[*group_of_old[i]].size(); ++r) news.emplace_back(*group_of_old[i], r);
    pair_rules(a, b, olds, news, new_of_old, old_of_new);
  }
  std::vector<Place> old_left, new_left;
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t r = 0; r < a[i].size(); ++r) {
      if (!new_of_old.contains({i, r})) old_left.emplace_back(i, r);
    }
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    for (std::size_t r = 0; r < b[j].size(); ++r) {
      if (!old_of_new.contains({j, r})) new_left.emplace_back(j, r);
    }
  }
  pair_rules(a, b, old_left, new_left, new_of_old, old_of_new);

  ChangeSet out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!group_of_old[i]) {
      out.changes.push_back({ChangeKind::Removed, group_subject(old_file.groups[i], with_resource), {}, {}, {}});
    }
    for (std::size_t r = 0; r < a[i].size(); ++r) {
      if (new_of_old.contains({i, r})) continue;
      out.changes.push_back({ChangeKind::Removed, rule_subject(a[i], r, with_resource), {}, {}, {}});
    }
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    const Group& group = new_file.groups[j];
    if (!group_of_new[j]) {
      out.changes.push_back({ChangeKind::Added, group_subject(group, with_resource), {}, {}, {}});
    } else if (auto fields = group_fields(old_file.groups[*group_of_new[j]], group); !fields.empty()) {
      out.changes.push_back({ChangeKind::Changed, group_subject(group, with_resource), {}, {}, std::move(fields)});
    }
    for (std::size_t r = 0; r < b[j].size(); ++r) {
      const auto partner = old_of_new.find({j, r});
      if (partner == old_of_new.end()) {
        out.changes.push_back({ChangeKind::Added, rule_subject(b[j], r, with_resource), {}, {}, {}});
        continue;
      }
      const auto [i, q] = partner->second;
      const RuleView& before = a[i][q];
      const RuleView& after = b[j][r];
      Change change{ChangeKind::Changed, rule_subject(b[j], r, with_resource), {}, {}, rule_fields(before, after)};
      if (group_of_old[i] != j) {
        change.moved_from = group_subject(*before.group, with_resource);
        change.moved_to = group_subject(*after.group, with_resource);
      } else {
        std::tie(change.moved_from, change.moved_to) = order_move(before, after);
      }
      if (change.fields.empty() && change.moved_from.empty()) continue;
      if (change.fields.empty()) change.kind = ChangeKind::Moved;
      out.changes.push_back(std::move(change));
    }
  }
  return out;
}

}  // namespace mlmon::rules
