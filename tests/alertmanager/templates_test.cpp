// Template files (parsed by Alertmanager when it loads) and inline templates (parsed only when a
// notification is sent).
#include "alertmanager/templates.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"
#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

TEST_CASE("template files: Go's errors at the template's line; bad globs") {
  const mlmon::testing::TempDir dir;
  dir.file("tmpl/good.tmpl", "{{ define \"slack.title\" }}{{ .CommonLabels.alertname | toUpper }}{{ end }}\n");
  dir.file("tmpl/bad.tmpl", "{{ define \"x\" }}\n{{ .CommonLabels.alertname }\n{{ end }}\n");
  dir.file("tmpl/undef.tmpl", "{{ nosuchfunc . }}\n");
  const LoadedConfig loaded =
      load_text("templates: ['tmpl/*.tmpl', 'tmpl/[.tmpl']\nroute: {receiver: a}\nreceivers: [{name: a}]\n");
  const std::vector<Diagnostic> found = check_template_files(loaded, dir.path());
  REQUIRE(found.size() == 3);
  CHECK(found[0].file == dir / "tmpl/bad.tmpl");
  CHECK(found[0].pos.line == 2);
  CHECK(found[0].rule_id == "alertmanager/template");
  CHECK(found[0].message == "template: bad.tmpl:2: unexpected \"}\" in operand");
  CHECK(found[1].message == "template: undef.tmpl:1: function \"nosuchfunc\" not defined");
  CHECK(found[2].message == "syntax error in pattern");
  CHECK(found[2].pos.line == 1);
}

TEST_CASE("inline templates in receivers that cannot parse") {
  const LoadedConfig loaded = load_text(
      "route: {receiver: a}\nreceivers:\n- name: a\n  slack_configs:\n  - api_url: https://s.example/x\n"
      "    title: '{{ .CommonLabels.alertname '\n    text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'\n");
  const std::vector<Diagnostic> found = check_inline_templates(loaded);
  REQUIRE(found.size() == 1);
  CHECK(found[0].pos.line == 6);
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].rule_id == "alertmanager/template-syntax");
  CHECK(found[0].message.starts_with("template does not parse: "));
}
