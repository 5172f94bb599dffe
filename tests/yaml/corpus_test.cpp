// Every YAML file of the shared corpus loads, and every scalar in it maps back byte by byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/file_io.hpp"
#include "helpers.hpp"

namespace mlmon::yaml {
using test::offset_mismatch;
using test::problems_of;

TEST_CASE("corpus: every scalar's source offsets are exact" * doctest::test_suite("corpus")) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(MLMON_CORPUS_DIR);
  REQUIRE(fs::is_directory(root));
  int files = 0, scalars = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
    auto text = read_file(entry.path().string());
    REQUIRE(text.has_value());
    const Document doc = load(std::make_shared<const SourceFile>(entry.path().string(), *text));
    CAPTURE(entry.path().string());
    // The corpus holds bad rule files too, but none is bad YAML, except where named.
    const bool syntax_error = std::any_of(doc.problems.begin(), doc.problems.end(), [](const Diagnostic& d) {
      return d.rule_id == "yaml/syntax" || d.rule_id == "yaml/encoding";
    });
    CHECK_MESSAGE(!syntax_error, problems_of(doc));
    ++files;
    for (const Node& node : doc.nodes) {
      if (!node.is_scalar()) continue;
      ++scalars;
      CHECK_MESSAGE(offset_mismatch(node) == "", node.value);
      CHECK(node.end <= text->size());
    }
  }
  CHECK(files > 100);
  MESSAGE(files << " files, " << scalars << " scalars");
}

}  // namespace mlmon::yaml
