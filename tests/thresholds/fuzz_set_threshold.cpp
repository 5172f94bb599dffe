// libFuzzer target for set-threshold's in-place edit (-DMLMON_FUZZ=ON, clang). The first byte
// picks a new value and which threshold; the rest is a rule file. Property: when the edit is
// planned, the edited file parses to the same YAML tree as the original (kinds, styles, tags,
// keys, values) except for the one `expr`, and that expression's thresholds are the old ones but
// for the chosen one, which has the new value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/source_file.hpp"
#include "thresholds/inventory.hpp"
#include "thresholds/number_value.hpp"
#include "thresholds/plan.hpp"
#include "yaml/document.hpp"

namespace {

using namespace mlmon;
using namespace mlmon::thresholds;

constexpr const char* kValues[] = {"0",   "0.4",  "-3",  "1e5", "0x20", "15m",    "1_000",
                                   "Inf", "-Inf", "NaN", ".5",  "+2",   "100000", "2.5e-3"};
constexpr std::size_t kValueCount = sizeof(kValues) / sizeof(kValues[0]);

[[noreturn]] void fail(const char* what, const std::string& detail, const std::string& old_text,
                       const std::string& new_text) {
  std::fprintf(stderr, "%s: %s\n--- before:\n%s\n--- after:\n%s\n", what, detail.c_str(), old_text.c_str(),
               new_text.c_str());
  std::abort();
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

/// The trees are the same but for the scalar at `skip_offset` in `a` (the edited expression).
struct TreeComparison {
  std::size_t skip_offset = 0;
  std::set<std::pair<const yaml::Node*, const yaml::Node*>> seen;  // aliases share nodes

  std::string diff(const yaml::Node* a, const yaml::Node* b, const std::string& path) {
    if (a == nullptr || b == nullptr) return a == b ? "" : path + ": one node is missing";
    if (!seen.insert({a, b}).second) return {};
    if (a->kind != b->kind || a->style != b->style || a->tag() != b->tag() || a->flow != b->flow) {
      return path + ": kind, style, tag or flow differs";
    }
    if (a->offset == skip_offset && a->is_scalar()) return {};
    if (a->value != b->value) return path + ": value [" + a->value + "] became [" + b->value + "]";
    if (a->items.size() != b->items.size() || a->entries.size() != b->entries.size()) return path + ": size differs";
    for (std::size_t i = 0; i < a->items.size(); ++i) {
      if (auto d = diff(a->items[i], b->items[i], path + "/" + std::to_string(i)); !d.empty()) return d;
    }
    for (std::size_t i = 0; i < a->entries.size(); ++i) {
      if (a->entries[i].merged != b->entries[i].merged) return path + ": merged differs";
      if (auto d = diff(a->entries[i].key, b->entries[i].key, path + "/key"); !d.empty()) return d;
      const std::string at = path + "/" + (a->entries[i].key != nullptr ? a->entries[i].key->value : "?");
      if (auto d = diff(a->entries[i].value, b->entries[i].value, at); !d.empty()) return d;
    }
    return {};
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::size_t pick = data[0];
  const std::string old_text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto source = std::make_shared<SourceFile>("rules.yml", old_text);
  Inventory inventory;
  inventory.add(source);
  std::vector<const Alert*> candidates;
  for (const Alert& alert : inventory.alerts) {
    if (!alert.thresholds.empty()) candidates.push_back(&alert);
  }
  if (candidates.empty()) return 0;
  const Alert& alert = *candidates[pick % candidates.size()];
  const Threshold& threshold = alert.thresholds[(pick / candidates.size()) % alert.thresholds.size()];
  auto value = parse_number_value(kValues[pick % kValueCount]);
  if (!value) fail("a listed value is refused", value.error().message, old_text, "");

  Request request;
  request.selector.alert = alert.name;
  request.selector.group = alert.group->name;
  request.selector.resource = alert.group->resource;
  if (alert.thresholds.size() > 1) request.selector.index = threshold.index;
  request.value = *value;
  const Plan plan = plan_requests(inventory, {request});
  if (!plan.errors.empty() || plan.files.empty()) return 0;  // e.g. two alerts of that name in the group
  const std::string& new_text = plan.files.front().new_text;

  // The YAML trees, read independently of set-threshold's own verification.
  auto old_docs = yaml::load_all(source);
  auto new_docs = yaml::load_all(std::make_shared<SourceFile>("rules.yml", new_text));
  if (old_docs.size() != new_docs.size()) fail("document count changed", "", old_text, new_text);
  TreeComparison comparison;
  comparison.skip_offset = alert.rule->expr->offset;
  for (std::size_t i = 0; i < old_docs.size(); ++i) {
    if (old_docs[i].ok() != new_docs[i].ok()) fail("the edit changed whether the YAML loads", "", old_text, new_text);
    if (auto d = comparison.diff(old_docs[i].root, new_docs[i].root, "doc" + std::to_string(i)); !d.empty()) {
      fail("the edit changed more than the expression", d, old_text, new_text);
    }
  }

  // The edited alert's thresholds: the old ones, but for the chosen one.
  Inventory edited;
  edited.add(std::make_shared<SourceFile>("rules.yml", new_text));
  const Alert* after = nullptr;
  for (const Alert& a : edited.alerts) {
    const bool same_place = a.group_index == alert.group_index && a.rule_index == alert.rule_index;
    if (same_place && a.group->resource == alert.group->resource) after = &a;
  }
  if (after == nullptr || after->name != alert.name) fail("the edited alert is gone", alert.name, old_text, new_text);
  if (after->thresholds.size() != alert.thresholds.size()) {
    fail("the number of thresholds changed", after->expr_error, old_text, new_text);
  }
  for (std::size_t i = 0; i < alert.thresholds.size(); ++i) {
    const double expected = i == threshold.index ? value->value : alert.thresholds[i].value;
    if (!same_number(after->thresholds[i].value, expected) || after->thresholds[i].op != alert.thresholds[i].op) {
      fail("a threshold is not what it should be",
           std::to_string(i) + ": " + after->thresholds[i].text + " " + after->thresholds[i].op, old_text, new_text);
    }
  }
  return 0;
}
