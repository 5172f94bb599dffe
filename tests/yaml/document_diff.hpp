#pragma once
// Field-by-field comparison of two loaded Documents (the fast path against the yaml-cpp path).
#include <memory>
#include <string>
#include <vector>

#include "core/source_file.hpp"
#include "yaml/document.hpp"
#include "yaml/fast_loader.hpp"
#include "yaml/loader.hpp"

namespace mlmon::yaml::test {

inline std::string describe(const Node& n) {
  return "node at " + std::to_string(n.pos().line) + ":" + std::to_string(n.pos().col) + " [" + n.value + "]";
}

/// "" when equal, else the first difference.
inline std::string diff_nodes(const Node* a, const Node* b, const std::string& path) {
  if (a == nullptr || b == nullptr) return a == b ? "" : path + ": one node is null";
  const auto field = [&](const char* name) { return path + " " + describe(*b) + ": " + name + " differs"; };
  if (a->kind != b->kind) return field("kind");
  if (a->offset != b->offset)
    return field("offset") + " (" + std::to_string(a->offset) + " vs " + std::to_string(b->offset) + ")";
  if (a->end != b->end) return field("end") + " (" + std::to_string(a->end) + " vs " + std::to_string(b->end) + ")";
  if (!(a->pos() == b->pos())) return field("pos");
  if (a->style != b->style) return field("style");
  if (a->tag() != b->tag()) return field("tag");
  if (a->value != b->value) return field("value") + " ([" + a->value + "] vs [" + b->value + "])";
  if (a->props_offset != b->props_offset) return field("props_offset");
  if (a->anchor() != b->anchor()) return field("anchor");
  if (a->flow != b->flow) return field("flow");
  if (a->in_flow != b->in_flow) return field("in_flow");
  if (a->exact_offsets != b->exact_offsets) return field("exact_offsets");
  if (a->block_indent != b->block_indent) return field("block_indent");
  if (a->parent_indent != b->parent_indent) return field("parent_indent");
  if (a->source != b->source) return field("source");
  if (a->items.size() != b->items.size()) return field("item count");
  for (std::size_t i = 0; i < a->items.size(); ++i) {
    if (auto d = diff_nodes(a->items[i], b->items[i], path + "/" + std::to_string(i)); !d.empty()) return d;
  }
  if (a->entries.size() != b->entries.size()) return field("entry count");
  for (std::size_t i = 0; i < a->entries.size(); ++i) {
    const Entry& x = a->entries[i];
    const Entry& y = b->entries[i];
    if (x.merged != y.merged) return field("entry merged");
    if (auto d = diff_nodes(x.key, y.key, path + "/key" + std::to_string(i)); !d.empty()) return d;
    const std::string at = path + "/" + (y.key != nullptr ? y.key->value.str() : std::string("?"));
    if (auto d = diff_nodes(x.value, y.value, at); !d.empty()) return d;
  }
  return {};
}

inline std::string describe_problems(const Document& doc) {
  std::string out;
  for (const auto& d : doc.problems) {
    out += " " + std::string(d.severity == Severity::Error ? "error " : "warning ") + d.file + ":" +
           std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + "@" + std::to_string(d.pos.offset) + ":" +
           d.rule_id + ": " + d.message + " (" + d.hint + ")";
  }
  return out;
}

inline std::string diff_documents(const Document& fast, const Document& slow) {
  if (describe_problems(fast) != describe_problems(slow)) {
    return "problems differ:" + describe_problems(fast) + " vs" + describe_problems(slow);
  }
  if (fast.nodes.size() != slow.nodes.size()) {
    return "node counts differ: " + std::to_string(fast.nodes.size()) + " vs " + std::to_string(slow.nodes.size());
  }
  return diff_nodes(fast.root, slow.root, "");
}

struct PathComparison {
  bool fast_taken = false;
  std::string mismatch;  ///< "" when the fast path gave up or built the same document
};

/// load_all() both ways: "" when the fast path gave up or built the same documents.
inline PathComparison compare_all_paths(std::string text, std::string path = "t.yaml") {
  auto source = std::make_shared<const SourceFile>(std::move(path), std::move(text));
  std::vector<Document> fast;
  PathComparison result;
  result.fast_taken = detail::load_all_fast(source, fast);
  if (!result.fast_taken) {
    if (!fast.empty()) result.mismatch = "gave up but left documents";
    return result;
  }
  const std::vector<Document> slow = detail::load_all_with_yaml_cpp(source);
  if (fast.size() != slow.size()) {
    result.mismatch = "document counts differ: " + std::to_string(fast.size()) + " vs " + std::to_string(slow.size());
    return result;
  }
  for (std::size_t i = 0; i < fast.size(); ++i) {
    if (auto d = diff_documents(fast[i], slow[i]); !d.empty()) {
      result.mismatch = "document " + std::to_string(i) + ": " + d;
      return result;
    }
  }
  return result;
}

/// Loads `text` both ways (the fast path as load() runs it) and compares.
inline PathComparison compare_paths(std::string text, std::string path = "t.yaml") {
  auto source = std::make_shared<const SourceFile>(std::move(path), std::move(text));
  Document fast;
  fast.source = source;
  PathComparison result;
  result.fast_taken = detail::load_fast(fast);
  if (!result.fast_taken) {
    if (fast.root != nullptr || !fast.nodes.empty() || !fast.problems.empty())
      result.mismatch = "gave up but left a tree";
    return result;
  }
  const Document slow = detail::load_with_yaml_cpp(source, {});
  result.mismatch = diff_documents(fast, slow);
  return result;
}

}  // namespace mlmon::yaml::test
