// libFuzzer target for the Alertmanager config decoder and validators (-DMLMON_FUZZ=ON, clang).
// Property: decoding, validating, linting, amtool's message, the redacted source and routing
// never crash or hang; every finding names the file and lies inside it; the redacted source keeps
// every line's columns; a route's matchers in the model are those its items parse to (the model
// takes them out of the decoder's cache, moving on the last use and copying before).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/lint.hpp"
#include "alertmanager/loader.hpp"
#include "alertmanager/matcher.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/router.hpp"
#include "core/source_file.hpp"

namespace {

using namespace mlmon;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

void check_inside(const Diagnostic& d, const SourceFile& source) {
  const std::string where = d.rule_id + " " + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + "@" +
                            std::to_string(d.pos.offset) + ": " + d.message;
  if (d.file != source.path()) fail("finding names another file", where + " in " + d.file);
  if (d.pos.line == 0) return;  // a finding about the whole file
  if (d.pos.offset > source.text().size()) fail("finding past the end of the file", where);
  const Position expected = source.position_of(d.pos.offset);
  if (expected.line != d.pos.line || expected.col != d.pos.col) fail("finding's line:col is not its offset's", where);
}

// For a route written with `matchers:` only: the model's matchers are its items' parses, sorted.
void check_route_matchers(const alertmanager::Route& route) {
  using namespace mlmon::alertmanager;
  if (route.node != nullptr && field_node(route.node, "match") == nullptr &&
      field_node(route.node, "match_re") == nullptr) {
    Matchers expected;
    if (const yaml::Node* list = field_node(route.node, "matchers"); list != nullptr && list->is_seq()) {
      for (const yaml::Node* item : list->items) {
        if (!item->is_scalar()) continue;
        const MatchersParse p = parse_matchers(item->value);
        if (p.ok()) expected.insert(expected.end(), p.matchers.begin(), p.matchers.end());
      }
    }
    sort_matchers(expected);
    if (to_string(expected) != to_string(route.matchers)) {
      fail("a route's matchers in the model differ from its items'",
           to_string(route.matchers) + " " + to_string(expected));
    }
  }
  for (const Route& child : route.routes) check_route_matchers(child);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // In a folder that does not exist: relative `*_file` paths and template globs find nothing.
  auto source = std::make_shared<SourceFile>("/nonexistent-mlmon-fuzz/alertmanager.yml",
                                             std::string(reinterpret_cast<const char*>(data), size));
  const alertmanager::LoadedConfig loaded = alertmanager::load_config(source);
  for (const Diagnostic& d : loaded.diagnostics()) check_inside(d, *source);
  alertmanager::LintOptions lint;
  lint.base_dir = "/nonexistent-mlmon-fuzz";
  lint.check_files = false;
  for (const Diagnostic& d : alertmanager::lint_config(loaded, lint)) check_inside(d, *source);
  const std::string amtool = loaded.amtool_error();
  if (loaded.has_errors() == amtool.empty()) fail("amtool's message disagrees with the errors", amtool);
  // Redaction writes one '*' per character of a secret: every line keeps its columns.
  const SourceFilePtr redacted = loaded.redacted_source();
  const auto count_columns = [](std::string_view text) {
    std::vector<std::size_t> columns{0};
    for (const char c : text) {
      if (c == '\n') {
        columns.push_back(0);
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++columns.back();
      }
    }
    return columns;
  };
  if (count_columns(redacted->text()) != count_columns(source->text())) fail("redaction moved a column", "");
  if (loaded.config.has_route) check_route_matchers(loaded.config.route);
  if (!loaded.has_errors() && loaded.config.has_route) {
    (void)alertmanager::routes_show_text(loaded.config.route);
    const alertmanager::LabelSet labels{{"alertname", "Fuzz"}, {"severity", "critical"}, {"team", "ml"}};
    (void)alertmanager::route_receivers(loaded.config.route, labels);
    (void)alertmanager::matching_tree_text(loaded.config.route, labels);
  }
  return 0;
}
