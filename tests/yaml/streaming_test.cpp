// load_streaming(): each item of the streamed sequence, handed over while it is read, must be the
// very node load() builds, although every item reuses the memory of the one before;
// load_streaming_owned(): the same items, each still intact when kept until the end.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.hpp"
#include "document_diff.hpp"

namespace mlmon::yaml {
namespace {

namespace fs = std::filesystem;
using test::diff_nodes;

struct StreamComparison {
  bool streamed = false;  ///< load_streaming() returned a document
  int items = 0;          ///< items handed to the sink
  std::string mismatch;   ///< "" when every item and the rest of the document match load()'s
};

/// The fields of a node other than its children.
std::string diff_shell(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.offset != b.offset || a.end != b.end || !(a.pos() == b.pos()) || a.style != b.style ||
      a.parent_indent != b.parent_indent) {
    return "the streamed sequence node differs";
  }
  return {};
}

StreamComparison compare_streamed(std::string text, std::string_view key = "groups") {
  auto source = std::make_shared<const SourceFile>("t.yaml", std::move(text));
  const Document full = load(source);
  const Node* full_seq = full.root != nullptr && full.root->is_map() ? full.root->get(key) : nullptr;
  StreamComparison result;
  // Handed over: every item kept until the end must still be the node load() built.
  std::vector<StreamedItem> kept;
  auto owned = load_streaming_owned(source, key, [&](StreamedItem&& item) { kept.push_back(std::move(item)); });
  for (std::size_t i = 0; owned && i < kept.size() && result.mismatch.empty(); ++i) {
    if (full_seq == nullptr || !full_seq->is_seq() || i >= full_seq->items.size()) {
      result.mismatch = "a handed-over item load() does not have";
    } else {
      result.mismatch = diff_nodes(kept[i].item, full_seq->items[i], "/owned/" + std::to_string(i));
    }
  }
  if (!result.mismatch.empty()) return result;
  auto streamed = load_streaming(source, key, [&](const Node& item) {
    const std::size_t i = static_cast<std::size_t>(result.items++);
    if (!result.mismatch.empty()) return;
    if (full_seq == nullptr || !full_seq->is_seq() || i >= full_seq->items.size()) {
      result.mismatch = "an item load() does not have";
      return;
    }
    result.mismatch = diff_nodes(&item, full_seq->items[i], "/" + std::string(key) + "/" + std::to_string(i));
  });
  result.streamed = streamed.has_value();
  if (owned.has_value() != streamed.has_value() || (owned && kept.size() != static_cast<std::size_t>(result.items)))
    result.mismatch = "load_streaming_owned() and load_streaming() disagree";
  if (owned && streamed && owned->nodes.size() != streamed->nodes.size())
    result.mismatch = "load_streaming_owned() kept other nodes than load_streaming()";
  if (!streamed || !result.mismatch.empty()) return result;
  if (!streamed->problems.empty() || !full.problems.empty()) {
    result.mismatch = "problems";
    return result;
  }
  const Node* root = streamed->root;
  if (root == nullptr || full.root == nullptr) {
    if (root != full.root) result.mismatch = "one root is null";
    return result;
  }
  if (result.items == 0) {
    result.mismatch = diff_nodes(root, full.root, "");  // nothing streamed: the whole tree is there
    return result;
  }
  if (static_cast<std::size_t>(result.items) != full_seq->items.size()) result.mismatch = "item count";
  if (root->entries.size() != full.root->entries.size()) result.mismatch = "root entry count";
  if (!result.mismatch.empty()) return result;
  for (std::size_t i = 0; i < root->entries.size(); ++i) {
    const Entry& a = root->entries[i];
    const Entry& b = full.root->entries[i];
    std::string d = diff_nodes(a.key, b.key, "/key");
    if (d.empty()) d = a.value == root->get(key) ? diff_shell(*a.value, *b.value) : diff_nodes(a.value, b.value, "/");
    if (!d.empty()) {
      result.mismatch = d;
      return result;
    }
  }
  if (!root->get(key)->items.empty()) result.mismatch = "the streamed sequence kept its items";
  return result;
}

std::vector<fs::path> yaml_files_under(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(entry.path());
  }
  return files;
}

// Streams each file and checks it against load(); returns how many streamed some groups.
int compare_files(const std::vector<fs::path>& files) {
  int streamed = 0;
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    auto text = read_file(file.string());
    REQUIRE(text.has_value());
    const StreamComparison result = compare_streamed(*text);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
    if (result.streamed && result.items > 0) ++streamed;
  }
  MESSAGE(streamed << " of " << files.size() << " files streamed their groups");
  return streamed;
}

}  // namespace

TEST_CASE("load_streaming: hands over each group as load() builds it, in order, and keeps the rest") {
  const std::string text =
      "# rules\n"
      "groups:\n"
      "  - name: a\n"
      "    interval: 1m\n"
      "    rules:\n"
      "      - alert: A\n"
      "        expr: up == 0\n"
      "        annotations:\n"
      "          summary: |\n"
      "            long text\n"
      "            on two lines\n"
      "  - name: b\n"  // fewer fields than the first: nothing of it may show through
      "    rules: []\n"
      "  - ~\n"
      "  - plain\n"
      "extra: 1\n";
  // `rules: []`: a flow sequence inside a streamed group.
  const StreamComparison with_flow = compare_streamed(text);
  CHECK(with_flow.streamed);
  CHECK(with_flow.items == 4);
  CHECK(with_flow.mismatch == "");

  const std::string block = text.substr(0, text.find("    rules: []")) +
                            "    rules:\n    - record: r\n      expr: x\n" + text.substr(text.find("  - ~"));
  const StreamComparison result = compare_streamed(block);
  CHECK(result.streamed);
  CHECK(result.items == 4);
  CHECK(result.mismatch == "");

  std::vector<std::string> names;
  auto doc = load_streaming(std::make_shared<const SourceFile>("t.yaml", block), "groups", [&](const Node& item) {
    const Node* name = item.is_map() ? item.get("name") : nullptr;
    names.push_back(name != nullptr ? name->value + "@" + std::to_string(name->pos().line) : "(" + item.value + ")");
  });
  REQUIRE(doc.has_value());
  CHECK(names == std::vector<std::string>{"a@3", "b@12", "(~)", "(plain)"});
  const Node* groups = doc->root->get("groups");
  REQUIRE(groups != nullptr);
  CHECK(groups->is_seq());
  CHECK(groups->items.empty());
  CHECK(doc->root->get("extra")->value == "1");
  CHECK(doc->nodes.size() < 10);  // the root, its keys and values; no group's nodes are kept
}

TEST_CASE("load_streaming: only a block sequence under the root's key is streamed") {
  for (const char* text : {"x:\n  groups:\n  - a\n", "groups: scalar\n", "groups:\n  a: 1\n", "- groups\n",
                           "other:\n- a\n", "groups:\n", "", "groups: [a, b]\n", "groups: []\n"}) {
    CAPTURE(text);
    int items = 0;
    auto doc =
        load_streaming(std::make_shared<const SourceFile>("t.yaml", text), "groups", [&](const Node&) { ++items; });
    CHECK(doc.has_value());
    CHECK(items == 0);
    CHECK(compare_streamed(text).mismatch == "");
  }
  CHECK(compare_streamed("groups:\n- a\n- b\n").items == 2);  // an indentless sequence
}

TEST_CASE("load_streaming: gives up where load()'s fast path does, even after some items") {
  int items = 0;
  auto doc = load_streaming(std::make_shared<const SourceFile>("t.yaml", "groups:\n- a: 1\n- b: &x 2\n- c: *x\n"),
                            "groups", [&](const Node&) { ++items; });
  CHECK_FALSE(doc.has_value());
  CHECK(items == 1);
  // A duplicate root key after the sequence: the sequence was handed over before it showed.
  items = 0;
  doc = load_streaming(std::make_shared<const SourceFile>("t.yaml", "groups:\n- a\n- b\ngroups:\n- c\n"), "groups",
                       [&](const Node&) { ++items; });
  CHECK_FALSE(doc.has_value());
  CHECK(items == 2);
  // A second document: load() words the warning.
  items = 0;
  doc = load_streaming(std::make_shared<const SourceFile>("t.yaml", "groups:\n- a\n---\nb: 1\n"), "groups",
                       [&](const Node&) { ++items; });
  CHECK_FALSE(doc.has_value());
  CHECK(items == 1);
}

TEST_CASE("load_streaming: the repository's YAML files stream as load() reads them") {
  const fs::path source_dir(MLMON_SOURCE_DIR);
  std::vector<fs::path> files;
  for (const char* dir : {"rules", "tests", "deploy"}) {
    auto found = yaml_files_under(source_dir / dir);
    files.insert(files.end(), found.begin(), found.end());
  }
  REQUIRE(files.size() > 20);
  CHECK(compare_files(files) >= 5);
}

TEST_CASE("load_streaming: the corpus's YAML files stream as load() reads them" * doctest::test_suite("corpus")) {
  REQUIRE_MESSAGE(fs::is_directory(MLMON_CORPUS_DIR), MLMON_CORPUS_DIR);
  CHECK(compare_files(yaml_files_under(fs::path(MLMON_CORPUS_DIR))) > 50);
}

}  // namespace mlmon::yaml
