#include "engine/labels.hpp"

#include <algorithm>
#include <functional>

#include "core/go_quote.hpp"
#include "core/unicode.hpp"

namespace mlmon::engine {

namespace {

bool is_metadata_label(std::string_view name) { return name == "__name__" || name == "__type__" || name == "__unit__"; }

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void append_length_prefixed(std::string& out, std::string_view s) {
  // Length-prefixed rather than separator-terminated: label values may hold any byte.
  const auto n = static_cast<uint32_t>(s.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(s);
}

}  // namespace

Labels::Labels(std::vector<Label> labels) : items_(std::move(labels)) {
  std::stable_sort(items_.begin(), items_.end(), [](const Label& a, const Label& b) { return a.name < b.name; });
  // Keep the last of equal names.
  std::vector<Label> unique;
  unique.reserve(items_.size());
  for (auto& l : items_) {
    if (!unique.empty() && unique.back().name == l.name) {
      unique.back() = std::move(l);
    } else {
      unique.push_back(std::move(l));
    }
  }
  items_ = std::move(unique);
  rehash();
}

void Labels::rehash() {
  uint64_t h = 0xcbf29ce484222325ULL;
  std::hash<std::string_view> hs;
  for (const Label& l : items_) {
    h = (h ^ hs(l.name)) * 0x100000001b3ULL;
    h = (h ^ hs(l.value)) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  hash_ = h;
}

std::string_view Labels::get(std::string_view name) const {
  auto it = std::lower_bound(items_.begin(), items_.end(), name,
                             [](const Label& l, std::string_view n) { return l.name < n; });
  return it != items_.end() && it->name == name ? std::string_view(it->value) : std::string_view();
}

bool Labels::has(std::string_view name) const {
  auto it = std::lower_bound(items_.begin(), items_.end(), name,
                             [](const Label& l, std::string_view n) { return l.name < n; });
  return it != items_.end() && it->name == name;
}

Labels Labels::with(std::string_view name, std::string_view value) const {
  Labels out;
  out.items_.reserve(items_.size() + 1);
  bool placed = false;
  for (const Label& l : items_) {
    if (!placed && l.name >= name) {
      if (!value.empty()) out.items_.push_back({std::string(name), std::string(value)});
      placed = true;
      if (l.name == name) continue;
    }
    out.items_.push_back(l);
  }
  if (!placed && !value.empty()) out.items_.push_back({std::string(name), std::string(value)});
  out.rehash();
  return out;
}

Labels Labels::without(std::span<const std::string_view> names) const {
  Labels out;
  out.items_.reserve(items_.size());
  for (const Label& l : items_) {
    if (!contains(names, l.name)) out.items_.push_back(l);
  }
  out.rehash();
  return out;
}

Labels Labels::without_name() const {
  Labels out;
  out.items_.reserve(items_.size());
  for (const Label& l : items_) {
    if (!is_metadata_label(l.name)) out.items_.push_back(l);
  }
  out.rehash();
  return out;
}

Labels Labels::keep_only(std::span<const std::string_view> names) const {
  Labels out;
  for (const Label& l : items_) {
    if (contains(names, l.name)) out.items_.push_back(l);
  }
  out.rehash();
  return out;
}

int compare(const Labels& a, const Labels& b) {
  const size_t n = std::min(a.items_.size(), b.items_.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = a.items_[i].name.compare(b.items_[i].name); c != 0) return c < 0 ? -1 : 1;
    if (int c = a.items_[i].value.compare(b.items_[i].value); c != 0) return c < 0 ? -1 : 1;
  }
  if (a.items_.size() == b.items_.size()) return 0;
  return a.items_.size() < b.items_.size() ? -1 : 1;
}

std::string Labels::to_string() const {
  std::string out = "{";
  for (size_t i = 0; i < items_.size(); ++i) {
    if (i > 0) out += ", ";
    out += is_legacy_label_name(items_[i].name) ? items_[i].name : go::quote(items_[i].name);
    out += '=';
    out += go::quote(items_[i].value);
  }
  out += '}';
  return out;
}

std::string Labels::to_series_string() const {
  std::string_view name = get(kMetricName);
  std::string out;
  bool quoted_name = false;
  if (!name.empty()) {
    if (is_legacy_metric_name(name)) {
      out += name;
    } else {
      quoted_name = true;
    }
  }
  std::string inner;
  if (quoted_name) inner += go::quote(name);
  for (const Label& l : items_) {
    if (l.name == kMetricName) continue;
    if (!inner.empty()) inner += ", ";
    inner += is_legacy_label_name(l.name) ? l.name : go::quote(l.name);
    inner += '=';
    inner += go::quote(l.value);
  }
  if (!inner.empty() || out.empty()) out += "{" + inner + "}";
  return out;
}

bool is_valid_label_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size();) {
    const auto r = unicode::decode(name, i);
    if (r.rune == unicode::replacement_char && r.width == 1) return false;
    i += r.width;
  }
  return true;
}

bool is_legacy_label_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!(alpha || (i > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

bool is_legacy_metric_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!(alpha || (i > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

void append_signature(std::string& out, const Labels& labels, std::span<const std::string_view> names, bool on,
                      bool drop_name) {
  for (const Label& l : labels.items()) {
    const bool listed = contains(names, l.name);
    if (on ? !listed : (listed || (drop_name && l.name == kMetricName))) continue;
    append_length_prefixed(out, l.name);
    append_length_prefixed(out, l.value);
  }
}

}  // namespace mlmon::engine
