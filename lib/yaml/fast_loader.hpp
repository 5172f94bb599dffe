#pragma once
// Internal to mlmon_yaml: the fast path of load() and load_all(), a hand-written reader for the
// YAML that configuration files are written in.
#include <cstddef>
#include <string>
#include <vector>

#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

/// Where the fast loader stopped, and why (for the slow-path listener and tests).
struct FastPathMiss {
  std::size_t offset = 0;
  std::string reason;
};

/// Fills doc.root and doc.nodes (doc.source must be set) with exactly the tree the yaml-cpp path
/// builds, and doc.problems with its warning when more documents follow, and returns true, when
/// the text stays inside the subset this reader knows: block mappings and sequences, flow
/// collections, one-line plain and quoted scalars, literal and folded block scalars, comments,
/// `---` lines. Returns false, leaving doc empty, on anything else (anchors, tags, multi-line
/// plain or quoted scalars, tabs, CR, empty documents...) and on anything that looks wrong
/// (bad indentation, duplicate keys, invalid encoding): load() then takes the yaml-cpp path,
/// which also words every error. `miss` says where and why it gave up.
bool load_fast(Document& doc, const LoadOptions& options = {}, FastPathMiss* miss = nullptr);

/// load_fast(), except that when the root mapping's `stream_key` holds a block sequence, each of
/// its items is passed to `on_item` as soon as it is read and then dropped: the sequence node
/// stays empty. On false, `on_item` may already have seen some items. Also false for a file of
/// several documents (load() warns about those).
bool load_fast_streaming(Document& doc, std::string_view stream_key, const ItemSink& on_item);
/// The same, each item handed over with the nodes it is made of.
bool load_fast_streaming(Document& doc, std::string_view stream_key, const OwnedItemSink& on_item);

/// load_all()'s fast path: every document of the file into `docs`, each as load_fast() reads the
/// first (without its warning). False, leaving `docs` empty, where load_fast() would be.
bool load_all_fast(const SourceFilePtr& source, std::vector<Document>& docs, FastPathMiss* miss = nullptr);

}  // namespace mlmon::yaml::detail
