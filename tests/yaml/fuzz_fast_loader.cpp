// libFuzzer target for the YAML fast loader (built with -DMLMON_FUZZ=ON and clang).
// Property: on any input, the fast loader either gives up or builds exactly what the yaml-cpp
// path builds (every node field by field, the same problems at the same positions), for load(),
// load_all() and load_streaming(); and load() itself never crashes and places every problem
// inside the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "document_diff.hpp"

namespace {

using namespace mlmon;
using namespace mlmon::yaml;

[[noreturn]] void fail(const char* what, const std::string& detail, std::string_view input) {
  std::fprintf(stderr, "%s: %s\ninput (%zu bytes):\n%.*s\n", what, detail.c_str(), input.size(),
               static_cast<int>(input.size()), input.data());
  std::abort();
}

void check_positions(const Document& doc, std::string_view input) {
  for (const Diagnostic& d : doc.problems) {
    if (d.pos.offset > input.size() || d.pos.line < 1 || d.pos.col < 1) {
      fail("problem outside the file", d.message, input);
    }
  }
}

/// Streaming hands over each item of `groups` as load() has it.
void check_streaming(const SourceFilePtr& source, const Document& full, std::string_view input) {
  const Node* seq = full.root != nullptr && full.root->is_map() ? full.root->get("groups") : nullptr;
  std::size_t items = 0;
  std::string mismatch;
  Document streamed;
  streamed.source = source;
  const bool taken = yaml::detail::load_fast_streaming(streamed, "groups", [&](const Node& item) {
    const std::size_t i = items++;
    if (!mismatch.empty()) return;
    if (seq == nullptr || !seq->is_seq() || i >= seq->items.size()) {
      mismatch = "an item load() does not have";
      return;
    }
    mismatch = test::diff_nodes(&item, seq->items[i], "/groups/" + std::to_string(i));
  });
  if (!taken) return;
  if (!mismatch.empty()) fail("streamed item differs", mismatch, input);
  if (items > 0 && items != seq->items.size()) fail("streamed item count differs", std::to_string(items), input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto single = test::compare_paths(text);
  if (!single.mismatch.empty()) fail("load(): fast path differs from yaml-cpp", single.mismatch, text);
  const auto all = test::compare_all_paths(text);
  if (!all.mismatch.empty()) fail("load_all(): fast path differs from yaml-cpp", all.mismatch, text);

  auto source = std::make_shared<const SourceFile>("fuzz.yml", text);
  const Document doc = load(source);
  check_positions(doc, text);
  if (single.fast_taken) check_streaming(source, doc, text);
  for (const Document& d : load_all(source)) check_positions(d, text);
  return 0;
}
