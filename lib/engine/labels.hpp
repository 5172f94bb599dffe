// A label set as Prometheus keeps it: name/value pairs sorted by name, names unique. The hash is
// computed once, so maps keyed by label sets (output series, groups) do not rehash the strings.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::engine {

struct Label {
  std::string name;
  std::string value;
  bool operator==(const Label&) const = default;
};

inline constexpr std::string_view kMetricName = "__name__";
inline constexpr std::string_view kBucketLabel = "le";

class Labels {
 public:
  Labels() { rehash(); }
  // Sorts by name; on duplicate names the last one wins (as labels.New keeps one of them).
  explicit Labels(std::vector<Label> labels);
  Labels(std::initializer_list<Label> labels) : Labels(std::vector<Label>(labels)) {}

  std::span<const Label> items() const { return items_; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  uint64_t hash() const { return hash_; }

  // The value of `name`, "" when absent (Prometheus does not distinguish the two).
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;

  // Copies with a change; each returns a new label set.
  Labels with(std::string_view name, std::string_view value) const;  // "" value deletes
  Labels without(std::span<const std::string_view> names) const;
  Labels without_name() const;  // DropReserved(IsMetadataLabel): __name__, __type__, __unit__
  Labels keep_only(std::span<const std::string_view> names) const;

  // labels.Compare: bytewise by name then value; a prefix sorts first.
  friend int compare(const Labels& a, const Labels& b);
  bool operator==(const Labels& other) const { return hash_ == other.hash_ && items_ == other.items_; }

  // labels.String(): {__name__="up", job="a"}; names that are not legacy identifiers are quoted.
  std::string to_string() const;
  // Prometheus's series notation: up{job="a"}, or {job="a"} without a name; used in test output.
  std::string to_series_string() const;

 private:
  void rehash();
  std::vector<Label> items_;
  uint64_t hash_ = 0;
};

int compare(const Labels& a, const Labels& b);

// Hash/equality functors for maps keyed by label sets (by value or by pointer to one).
struct LabelsHash {
  size_t operator()(const Labels& l) const { return l.hash(); }
  size_t operator()(const Labels* l) const { return l->hash(); }
};
struct LabelsEqual {
  bool operator()(const Labels& a, const Labels& b) const { return a == b; }
  bool operator()(const Labels* a, const Labels* b) const { return a == b || *a == *b; }
};

// Whether `name` is a valid label name in UTF-8 mode (model.UTF8Validation): non-empty, valid UTF-8.
bool is_valid_label_name(std::string_view name);
// Legacy names: [a-zA-Z_][a-zA-Z0-9_]*.
bool is_legacy_label_name(std::string_view name);
bool is_legacy_metric_name(std::string_view name);  // the same plus ':'

// A signature of chosen labels for matching and grouping: equal signatures mean equal values of
// the chosen labels. `on`: only the listed labels; otherwise all except the listed ones and
// (when `drop_name`) __name__. `names` need not be sorted.
void append_signature(std::string& out, const Labels& labels, std::span<const std::string_view> names, bool on,
                      bool drop_name);

}  // namespace mlmon::engine
