// Conformance: every expression in the shared corpus that Prometheus accepts must parse, and
// printing it must give an expression that parses to the same tree.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "promql/parser.hpp"
#include "promql/printer.hpp"

namespace fs = std::filesystem;
using namespace mlmon::promql;

namespace {

std::vector<std::string> load_jsonl_expressions(const fs::path& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    out.push_back(nlohmann::json::parse(line).at("expr").get<std::string>());
  }
  return out;
}

// The awesome-prometheus-alerts files write every expr on one line in single quotes.
std::vector<std::string> load_rule_expressions(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yml") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const size_t key = line.find("expr: '");
      if (key == std::string::npos || line.back() != '\'') continue;
      const std::string quoted = line.substr(key + 7, line.size() - key - 8);
      std::string expr;
      for (size_t i = 0; i < quoted.size(); ++i) {
        expr += quoted[i];
        if (quoted[i] == '\'' && i + 1 < quoted.size() && quoted[i + 1] == '\'') ++i;
      }
      out.push_back(expr);
    }
  }
  return out;
}

// Prometheus's rulefmt test files: `expr: <plain>` or `expr: |` followed by a more indented block.
std::vector<std::pair<std::string, std::string>> load_rulefmt_expressions(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    // test_aliases.yaml uses YAML anchors, which a line scan cannot resolve.
    if (entry.path().extension() != ".yaml" || entry.path().filename() == "test_aliases.yaml") continue;
    std::ifstream in(entry.path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (size_t i = 0; i < lines.size(); ++i) {
      const size_t key = lines[i].find("expr: ");
      if (key == std::string::npos) continue;
      std::string value = lines[i].substr(key + 6);
      if (value == "|") {
        value.clear();
        const size_t indent = lines[i].find_first_not_of(" -");
        for (size_t j = i + 1; j < lines.size(); ++j) {
          const size_t ind = lines[j].find_first_not_of(' ');
          if (ind == std::string::npos || ind <= indent) break;
          value += lines[j].substr(ind) + "\n";
        }
      }
      out.emplace_back(entry.path().filename().string(), value);
    }
  }
  return out;
}

void check_round_trip(const std::string& expr, const Features& features) {
  ParseResult first = parse(expr, features);
  REQUIRE_MESSAGE(!first.error, expr << " => " << format_error(expr, *first.error));
  const std::string printed = print(first.ast->root());
  ParseResult second = parse(printed, features);
  REQUIRE_MESSAGE(!second.error, expr << " printed as " << printed << " => " << format_error(printed, *second.error));
  CHECK_MESSAGE(equal(first.ast->root(), second.ast->root()), expr << " printed as " << printed);
  CHECK_MESSAGE(print(second.ast->root()) == printed, expr << " printed as " << printed);
}

}  // namespace

TEST_CASE("corpus: every valid expression parses with all features and round-trips through print" *
          doctest::test_suite("corpus")) {
  const fs::path path = fs::path(MLMON_CORPUS_DIR) / "promql" / "valid-expressions.jsonl";
  REQUIRE(fs::exists(path));
  const auto exprs = load_jsonl_expressions(path);
  CHECK(exprs.size() == 1828);
  for (const std::string& expr : exprs) check_round_trip(expr, Features::all());
}

TEST_CASE("corpus: every expr in the awesome-prometheus-alerts rule files parses without features" *
          doctest::test_suite("corpus")) {
  const fs::path dir = fs::path(MLMON_CORPUS_DIR) / "rules" / "awesome-prometheus-alerts";
  REQUIRE(fs::exists(dir));
  const auto exprs = load_rule_expressions(dir);
  CHECK(exprs.size() == 954);
  for (const std::string& expr : exprs) check_round_trip(expr, Features{});
}

TEST_CASE("corpus: Prometheus's rulefmt test files" * doctest::test_suite("corpus")) {
  const fs::path dir = fs::path(MLMON_CORPUS_DIR) / "rules" / "prometheus-rulefmt";
  REQUIRE(fs::exists(dir));
  size_t checked = 0;
  for (const auto& [file, expr] : load_rulefmt_expressions(dir)) {
    INFO(file << ": " << expr);
    ParseResult r = parse(expr);
    if (file == "bad_expr.bad.yaml") {
      REQUIRE(r.error);
      CHECK(format_error(expr, *r.error) ==
            "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
    } else {
      CHECK(!r.error);
    }
    ++checked;
  }
  CHECK(checked >= 15);
}
