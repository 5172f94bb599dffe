#include "workspace/file_kind.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "workspace/selection.hpp"

using namespace mlmon;
using workspace::classify;
using workspace::FileKind;

namespace {

FileKind kind_of(const std::string& path, const std::string& text) {
  const auto source = std::make_shared<SourceFile>(path, text);
  const FileKind kind = classify(source).kind;
  // check-rules tells the kind from the pass that checks the file: the same answer.
  workspace::StreamedGroups groups;
  const auto skeleton = yaml::load_streaming(source, "groups", [&](const yaml::Node& item) { groups.see(item); });
  CHECK(workspace::classify_streamed(source, skeleton ? &*skeleton : nullptr, groups).kind == kind);
  return kind;
}

}  // namespace

TEST_CASE("files are told by what they hold") {
  CHECK(kind_of("a.yml", "groups:\n  - name: g\n    rules: []\n") == FileKind::RuleFile);
  CHECK(kind_of("a.yml", "groups: []\n") == FileKind::RuleFile);
  CHECK(kind_of("a.yaml", "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec: {groups: []}\n") ==
        FileKind::RuleFile);
  CHECK(kind_of("a.yaml",
                "kind: ConfigMap\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n"
                "metadata: {name: x}\nspec: {groups: []}\n") == FileKind::RuleFile);
  CHECK(kind_of("am.yml", "route: {receiver: a}\nreceivers: [{name: a}]\n") == FileKind::AlertmanagerConfig);
  CHECK(kind_of("am.yml.tmpl", "route:\n  receiver: a\nreceivers:\n  - name: a\n") == FileKind::AlertmanagerTemplate);
  CHECK(kind_of("slack.tmpl", "{{ define \"slack.title\" }}x{{ end }}\n") == FileKind::NotificationTemplate);
  CHECK(kind_of("t.test.yml", "rule_files: [a.yml]\ntests: []\n") == FileKind::RuleTests);
  CHECK(kind_of("t.yml", "tests:\n  - input_series: []\n") == FileKind::RuleTests);
  CHECK(kind_of("c.yml", "- {labels: {a: b}, receivers: [x]}\n") == FileKind::RouteCases);
  CHECK(kind_of("prometheus.yml", "global: {}\nscrape_configs: []\n") == FileKind::PrometheusConfig);
  CHECK(kind_of("compose.yml", "services: {}\n") == FileKind::Other);
  CHECK(kind_of("g.yml", "groups:\n  - name: a\n  - name: b\n") == FileKind::Other);  // streamed, none with rules
  CHECK(kind_of("g.yml", "groups:\n  - name: a\n  - name: b\n    rules: []\n") == FileKind::RuleFile);
  CHECK(kind_of("g.yml", "groups: [{name: a}]\n") == FileKind::Other);  // not streamed: a flow sequence
  CHECK(kind_of("d.json", "{\"panels\": []}") == FileKind::Dashboard);
  CHECK(kind_of("package.json", "{\"name\": \"x\"}") == FileKind::Other);
  CHECK(kind_of("other.tmpl", "hello\n") == FileKind::Other);
}

// classify() tells a block-style Alertmanager config by its first column, without parsing it;
// kind_of() holds that answer to the parsing path's (classify_streamed) for each of these.
TEST_CASE("an Alertmanager config told without a parse gets the kind a parse gives") {
  const std::string am = "route:\n  receiver: r\nreceivers:\n- name: r\n";
  CHECK(kind_of("am.yml", am) == FileKind::AlertmanagerConfig);
  CHECK(kind_of("am.yml", "global: {}\n" + am + "inhibit_rules: []\n") == FileKind::AlertmanagerConfig);
  // Broken YAML with both keys: an Alertmanager config either way, its checks say where it breaks.
  CHECK(kind_of("am.yml", am + "templates: [\n") == FileKind::AlertmanagerConfig);
  // Rule groups beside the keys: a rule file, as the parse says (the shortcut stays out).
  CHECK(kind_of("r.yml", am + "groups:\n- name: g\n  rules: []\n") == FileKind::RuleFile);
  // Not the first document: the parse reads the first one only.
  CHECK(kind_of("m.yml", "a: 1\n---\n" + am) == FileKind::Other);
  // Indented, the keys are not top-level.
  CHECK(kind_of("x.yml", "spec:\n  route:\n    receiver: r\n  receivers: []\n") == FileKind::Other);
}

TEST_CASE("a file that does not parse keeps the kind it plainly means, else it is Unparsable with its error") {
  CHECK(kind_of("a.yml", "groups:\n  - name: [\n") == FileKind::RuleFile);
  CHECK(kind_of("am.yml", "route:\n  receiver: [\nreceivers: []\n") == FileKind::AlertmanagerConfig);
  CHECK(kind_of("d.json", "{\"title\": ") == FileKind::Dashboard);  // its JSON error comes from the dashboard checks
  const auto broken = classify(std::make_shared<SourceFile>("x.yml", "a: [\n"));
  CHECK(broken.kind == FileKind::Unparsable);
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].rule_id == "yaml/syntax");
  CHECK(broken.problems[0].pos.line == 2);
}

TEST_CASE("selection: named files are checked strictly unless plainly another kind; found ones are skipped") {
  using workspace::Take;
  auto source = [](const std::string& path, const std::string& text) {
    return std::make_shared<SourceFile>(path, text);
  };
  const auto rules = {FileKind::RuleFile};
  CHECK(workspace::select_file(source("a.yml", "groups: []\n"), true, rules).take == Take::Check);
  CHECK(workspace::select_file(source("t.yml", "rule_files: []\ntests: []\n"), true, rules).take == Take::Skip);
  CHECK(workspace::select_file(source("t.yml", "rule_files: []\ntests: []\n"), false, rules).take == Take::WrongKind);
  CHECK(workspace::select_file(source("x.yml", "foo: 1\n"), true, rules).take == Take::Skip);
  CHECK(workspace::select_file(source("x.yml", "foo: 1\n"), false, rules).take == Take::Check);
  CHECK(workspace::select_file(source("x.yml", "foo: [\n"), true, rules).take == Take::Check);
  const Diagnostic d = workspace::wrong_kind(SourceFile("t.yml", ""), FileKind::Dashboard, "a rule file", "rules/x");
  CHECK(d.message == "this is a Grafana dashboard, not a rule file: check it with `mlmon check-dashboards`");
  CHECK(d.rule_id == "rules/x");
  CHECK(!d.pos.known());
}
