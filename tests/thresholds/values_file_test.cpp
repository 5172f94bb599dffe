#include "thresholds/values_file.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <sstream>

using mlmon::SourceFile;
using mlmon::thresholds::parse_values_file;
using mlmon::thresholds::Request;

namespace {

// The requests, or none and the error's lines in `errors`.
std::vector<Request> parse(const std::string& text, std::vector<std::string>& errors) {
  auto requests = parse_values_file(std::make_shared<SourceFile>("prod.yml", text));
  if (requests) return std::move(*requests);
  std::istringstream lines(requests.error().message);
  for (std::string line; std::getline(lines, line);) errors.push_back(line);
  return {};
}

}  // namespace

TEST_CASE("values file: numbers, maps and lists") {
  std::vector<std::string> errors;
  const auto requests = parse(
      "HighPredictionLatency: 0.3\n"
      "CriticalKafkaLag: {value: 1e5, for: 15m}\n"
      "DiskFull: {value: 90, index: 1, group: node, file: rules/node.yml}\n"
      "HighPredictionErrorRate:\n"
      "  - {value: 0.02, labels: {severity: warning}}\n"
      "  - {for: 2m, labels: {severity: critical}}\n",
      errors);
  CHECK(errors.empty());
  REQUIRE(requests.size() == 5);
  CHECK(requests[0].selector.alert == "HighPredictionLatency");
  CHECK(requests[0].value->value == 0.3);
  CHECK(requests[0].origin == "prod.yml:1");
  CHECK(requests[0].selector.from_values_file);
  CHECK(requests[1].value->text == "1e5");
  CHECK(requests[1].for_text == "15m");
  CHECK(requests[2].selector.index == 1u);
  CHECK(requests[2].selector.group == "node");
  CHECK(requests[2].selector.file == "rules/node.yml");
  CHECK(requests[3].selector.labels == std::vector<std::pair<std::string, std::string>>{{"severity", "warning"}});
  CHECK_FALSE(requests[4].value.has_value());
  CHECK(requests[4].for_text == "2m");
  CHECK(requests[4].origin == "prod.yml:6");
}

TEST_CASE("values file: every problem is reported with its position") {
  std::vector<std::string> errors;
  parse(
      "A: abc\n"
      "B: {value: 1, for: 5x}\n"
      "C: {value: 1, idx: 0}\n"
      "D: {index: -1, value: 2}\n"
      "E: [1, 2]\n"
      "F: {labels: {severity: warning}}\n",
      errors);
  CHECK(
      errors ==
      std::vector<std::string>{
          "prod.yml:1:4: alert A: invalid threshold \"abc\": expected a number such as 0.25, 1e5 or 100000",
          "prod.yml:2:20: alert B: invalid `for`: unknown unit \"x\" in duration \"5x\"",
          "prod.yml:3:15: alert C: unknown key `idx`; expected one of value, for, index, group, resource, file, labels",
          "prod.yml:4:12: alert D: `index` must be a number from 0",
          "prod.yml:6:4: alert F: give `value`, `for` or both",
      });
}

TEST_CASE("values file: not a map, YAML errors, empty") {
  std::vector<std::string> errors;
  parse("- A\n", errors);
  CHECK(errors ==
        std::vector<std::string>{
            "prod.yml:1:1: expected a map from alert names to thresholds, e.g. `HighPredictionLatency: 0.3`"});
  errors.clear();
  parse("A: 1\nA: 2\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].starts_with("prod.yml:2:1: "));
  errors.clear();
  CHECK(parse("# nothing for this environment\n", errors).empty());
  CHECK(errors.empty());
}
