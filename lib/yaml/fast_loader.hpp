#pragma once
// Internal to mlmon_yaml: the fast path of load(), a hand-written reader for the plain block YAML
// that rule files are written in.
#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

/// Fills doc.root and doc.nodes (doc.source must be set) with exactly the tree the yaml-cpp path
/// builds, and returns true, when the text stays inside the subset this reader knows: block
/// mappings and sequences, one-line plain and quoted scalars, literal and folded block scalars,
/// comments, a leading `---`. Returns false, leaving doc empty, on anything else (anchors, tags,
/// flow collections, multi-line plain or quoted scalars, tabs, CR, a second document...) and on
/// anything that looks wrong (bad indentation, duplicate keys, invalid encoding): load() then
/// takes the yaml-cpp path, which also words every error.
bool load_fast(Document& doc);

/// load_fast(), except that when the root mapping's `stream_key` holds a block sequence, each of
/// its items is passed to `on_item` as soon as it is read and then dropped: the sequence node
/// stays empty. On false, `on_item` may already have seen some items.
bool load_fast_streaming(Document& doc, std::string_view stream_key, const ItemSink& on_item);

}  // namespace mlmon::yaml::detail
