// End-to-end: `mlmon diff OLD NEW` on rule files.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "promql/duration.hpp"
#include "rules/loader.hpp"
#include "run_cli.hpp"

using mlmon::testing::run_cli;

namespace {

const std::string kDir = "fixtures/diff/";
const std::string kShipped = std::string(MLMON_SOURCE_DIR) + "/rules/ml-platform.rules.yml";
const std::string kShippedRecording = std::string(MLMON_SOURCE_DIR) + "/rules/ml-platform.recording.yml";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replaced_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

/// Every token of an expression on a line of its own (strings kept whole).
std::string one_token_per_line(const std::string& expr) {
  std::string out;
  char quote = 0;
  for (char c : expr) {
    if (quote == 0 && c == ' ') {
      out += '\n';
      continue;
    }
    if (quote == 0 && (c == '"' || c == '\'')) quote = c;
    else if (c == quote) quote = 0;
    out += c;
  }
  return out;
}

/// The same rules, written as differently as YAML and PromQL allow: groups in reverse order, rules
/// in reverse order when `reverse_rules`, keys in reverse order, 4-space indentation, durations in
/// seconds, labels and annotations in flow style with double quotes, each expression a literal
/// block with one token per line, and comments.
std::string rewritten(const std::string& path, bool reverse_rules) {
  auto file = mlmon::rules::load_rule_file(std::make_shared<mlmon::SourceFile>(path, read(path)));
  REQUIRE(file.has_value());
  auto flow_map = [](const mlmon::yaml::Node* map) {
    std::string out;
    for (const auto& e : map->entries) out += (out.empty() ? "" : ", ") + e.key->value + ": " + quoted(e.value->value);
    return "{" + out + "}";
  };
  std::string out = "# rewritten by diff_rules_cli_test.cpp\ngroups:\n";
  for (auto group = file->groups.rbegin(); group != file->groups.rend(); ++group) {
    out += "    -   rules:\n";
    std::vector<const mlmon::rules::Rule*> rules;
    for (const auto& rule : group->rules) rules.push_back(&rule);
    if (reverse_rules) std::reverse(rules.begin(), rules.end());
    for (const auto* rule : rules) {
      out += "            # " + rule->name + "\n";
      bool first = true;
      auto key = [&](const std::string& line) {
        out += std::string(16, ' ') + (first ? "-   " : "    ") + line + "\n";
        first = false;
      };
      if (rule->annotations) key("annotations: " + flow_map(rule->annotations));
      if (rule->labels) key("labels: " + flow_map(rule->labels));
      if (rule->for_) {
        const auto ms = mlmon::promql::parse_duration_ms(rule->for_->value);
        REQUIRE(ms.has_value());
        key("for: " + std::to_string(*ms / 1000) + "s");
      }
      key("expr: |");
      std::istringstream tokens(one_token_per_line(rule->expr->value));
      for (std::string token; std::getline(tokens, token);) out += std::string(24, ' ') + token + "\n";
      key((rule->is_alert() ? "alert: " : "record: ") + quoted(rule->name));
    }
    out += "        name: '" + group->name + "'\n";
  }
  return out;
}

}  // namespace

TEST_CASE("diff rules: identical files exit 0 with no output") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "base.yml"});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "");
  r = run_cli({"diff", "--format=json", kDir + "base.yml", kDir + "base.yml"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "{\n  \"old\": \"fixtures/diff/base.yml\",\n  \"new\": \"fixtures/diff/base.yml\",\n  \"equal\": true,\n"
        "  \"changes\": []\n}\n");
}

TEST_CASE("diff rules: a threshold change is one line") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "threshold.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == "~ alert \"HighErrorRate\" (group \"api.alerts\"): threshold: 0.05 → 0.02\n");
  CHECK(r.err == "");
  r = run_cli({"diff", "--format=json", kDir + "base.yml", kDir + "threshold.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == R"js({
  "old": "fixtures/diff/base.yml",
  "new": "fixtures/diff/threshold.yml",
  "equal": false,
  "changes": [
    {
      "kind": "changed",
      "subject": "alert \"HighErrorRate\" (group \"api.alerts\")",
      "fields": [
        {
          "path": "threshold",
          "old": 0.05,
          "new": 0.02
        }
      ]
    }
  ]
}
)js");
  CHECK(r.err == "");
}

TEST_CASE("diff rules: reformatted expressions, keys, quoting and durations are no change") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "reformatted.yml"});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "");
}

TEST_CASE("diff rules: an alert added and one removed") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "added-removed.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == "- alert \"ApiDown\" (group \"api.alerts\")\n+ alert \"ApiUnhealthy\" (group \"api.alerts\")\n");
  CHECK(r.err == "");
  r = run_cli({"diff", "--format=json", kDir + "base.yml", kDir + "added-removed.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == R"js({
  "old": "fixtures/diff/base.yml",
  "new": "fixtures/diff/added-removed.yml",
  "equal": false,
  "changes": [
    {
      "kind": "removed",
      "subject": "alert \"ApiDown\" (group \"api.alerts\")"
    },
    {
      "kind": "added",
      "subject": "alert \"ApiUnhealthy\" (group \"api.alerts\")"
    }
  ]
}
)js");
}

TEST_CASE("diff rules: a rule moved to another group") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "moved.yml"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "+ group \"availability.alerts\"\n"
        "> alert \"ApiDown\" (group \"availability.alerts\") moved: "
        "group \"api.alerts\" → group \"availability.alerts\"\n");
  CHECK(r.err == "");
  r = run_cli({"diff", "--format=json", kDir + "moved.yml", kDir + "base.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == R"js({
  "old": "fixtures/diff/moved.yml",
  "new": "fixtures/diff/base.yml",
  "equal": false,
  "changes": [
    {
      "kind": "removed",
      "subject": "group \"availability.alerts\""
    },
    {
      "kind": "moved",
      "subject": "alert \"ApiDown\" (group \"api.alerts\")",
      "from": "group \"availability.alerts\"",
      "to": "group \"api.alerts\""
    }
  ]
}
)js");
}

TEST_CASE("diff rules: a file that does not load, or files of two kinds, exit 2") {
  auto r = run_cli({"diff", kDir + "base.yml", kDir + "syntax-error.yml"});
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "mlmon diff: fixtures/diff/syntax-error.yml:6:8: end of sequence not found\n");
  r = run_cli({"diff", "--format=json", kDir + "syntax-error.yml", kDir + "base.yml"});
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "mlmon diff: fixtures/diff/syntax-error.yml:6:8: end of sequence not found\n");

  r = run_cli({"diff", kDir + "base.yml", kDir + "dashboard.json"});
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "mlmon diff: fixtures/diff/base.yml is a rule file and fixtures/diff/dashboard.json is not\n");
  r = run_cli({"diff", kDir + "dashboard.json", kDir + "base.yml"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon diff: fixtures/diff/dashboard.json is a dashboard and fixtures/diff/base.yml is not\n");

  r = run_cli({"diff", kDir + "base.yml", "-"}, "route:\n  receiver: default\n");
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon diff: -:1:1: not a rule file: expected `groups:` or a PrometheusRule manifest\n");
  r = run_cli({"diff", kDir + "base.yml", kDir + "missing.yml"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon diff: fixtures/diff/missing.yml: cannot open: No such file or directory\n");
}

TEST_CASE("diff rules: stdin, and a PrometheusRule manifest against a plain file") {
  auto r = run_cli({"diff", kDir + "base.yml", "-"}, read(kDir + "threshold.yml"));
  CHECK(r.code == 1);
  CHECK(r.out == "~ alert \"HighErrorRate\" (group \"api.alerts\"): threshold: 0.05 → 0.02\n");
  std::string manifest = "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: api\nspec:\n";
  const std::string base = read(kDir + "base.yml");
  for (std::size_t start = 0; start < base.size();) {
    const std::size_t end = base.find('\n', start) + 1;
    manifest += (end - start > 1 ? "  " : "") + base.substr(start, end - start);
    start = end;
  }
  r = run_cli({"diff", "-", kDir + "base.yml"}, manifest);
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "");
}

TEST_CASE("diff rules: the shipped rules against themselves rewritten, and with one threshold changed") {
  const std::string again = rewritten(kShipped, true);
  CHECK(again != read(kShipped));
  auto r = run_cli({"diff", kShipped, "-"}, again);
  CHECK(r.err == "");
  CHECK(r.out == "");
  CHECK(r.code == 0);

  const std::string tuned = replaced_once(read(kShipped), "model:prediction_errors:ratio_rate5m > 0.05",
                                          "model:prediction_errors:ratio_rate5m > 0.1");
  r = run_cli({"diff", kShipped, "-"}, tuned);
  CHECK(r.code == 1);
  CHECK(r.out ==
        "~ alert \"HighPredictionErrorRate\" {severity=\"critical\"} (group \"ml-platform-prediction.alerts\"): "
        "threshold: 0.05 → 0.1\n");
  CHECK(r.err == "");
}

TEST_CASE("diff rules: the shipped recording rules, rewritten; reversed, a rule now reads its inputs a round late") {
  auto r = run_cli({"diff", kShippedRecording, "-"}, rewritten(kShippedRecording, false));
  CHECK(r.err == "");
  CHECK(r.out == "");
  CHECK(r.code == 0);
  r = run_cli({"diff", kShippedRecording, "-"}, rewritten(kShippedRecording, true));
  CHECK(r.code == 1);
  CHECK(r.out ==
        "> record \"model:prediction_errors:ratio_rate5m\" (group \"ml-platform-prediction.recording\") moved: "
        "after record \"model:prediction_errors:rate5m\", after record \"model:predictions:rate5m\" → "
        "before record \"model:prediction_errors:rate5m\", before record \"model:predictions:rate5m\"\n");
}
