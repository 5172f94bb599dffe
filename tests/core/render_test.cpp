#include <doctest/doctest.h>

#include <memory>
#include <sstream>

#include "core/render.hpp"

using namespace mlmon;

namespace {

Report sample_report() {
  Report r;
  auto src = std::make_shared<SourceFile>("rules/a.yml", "groups:\n  - name: g\n    rules:\n\t- alert: X\n");
  r.add_source(src);
  r.add(Diagnostic{Severity::Warning, "rules/alert-for", "rules/a.yml", Position{4, 4, 0}, "alert has no for", "add for: 5m"});
  r.add(Diagnostic{Severity::Error, "yaml/syntax", "rules/a.yml", Position{2, 5, 0}, "bad, really: 100%", ""});
  r.add(Diagnostic{Severity::Error, "io", "missing.yml", Position{}, "cannot open", ""});
  return r;
}

}  // namespace

TEST_CASE("text renderer: sorted, source line and caret, hint") {
  std::ostringstream out;
  render_text(sample_report(), out);
  CHECK(out.str() ==
        "missing.yml: error: cannot open [io]\n"
        "rules/a.yml:2:5: error: bad, really: 100% [yaml/syntax]\n"
        "    - name: g\n"
        "      ^\n"
        "rules/a.yml:4:4: warning: alert has no for [rules/alert-for]\n"
        "  \t- alert: X\n"
        "  \t  ^\n"
        "  hint: add for: 5m\n");
}

TEST_CASE("text renderer: colour only when asked") {
  std::ostringstream out;
  render_text(sample_report(), out, TextStyle{true, false});
  CHECK(out.str().find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
  CHECK(out.str().find("    - name: g") == std::string::npos);
}

TEST_CASE("json renderer: stable schema with summary") {
  std::ostringstream out;
  render_json(sample_report(), out);
  CHECK(out.str() ==
        "{\n"
        "  \"diagnostics\": [\n"
        "    {\n      \"file\": \"missing.yml\",\n      \"line\": 0,\n      \"column\": 0,\n"
        "      \"severity\": \"error\",\n      \"rule\": \"io\",\n      \"message\": \"cannot open\"\n    },\n"
        "    {\n      \"file\": \"rules/a.yml\",\n      \"line\": 2,\n      \"column\": 5,\n"
        "      \"severity\": \"error\",\n      \"rule\": \"yaml/syntax\",\n      \"message\": \"bad, really: 100%\"\n    },\n"
        "    {\n      \"file\": \"rules/a.yml\",\n      \"line\": 4,\n      \"column\": 4,\n"
        "      \"severity\": \"warning\",\n      \"rule\": \"rules/alert-for\",\n      \"message\": \"alert has no for\",\n"
        "      \"hint\": \"add for: 5m\"\n    }\n"
        "  ],\n"
        "  \"summary\": {\n    \"errors\": 2,\n    \"warnings\": 1,\n    \"infos\": 0\n  }\n"
        "}\n");
}

TEST_CASE("github renderer escapes data and properties") {
  std::ostringstream out;
  Report r;
  r.add(Diagnostic{Severity::Error, "a/b", "dir,x/f:1.yml", Position{3, 7, 0}, "50% bad\nsecond", "fix: it"});
  render_github(r, out);
  CHECK(out.str() == "::error file=dir%2Cx/f%3A1.yml,line=3,col=7,title=a/b::50%25 bad%0Asecond%0Afix: it\n");
}

TEST_CASE("report counts by severity and removes exact duplicates") {
  Report r = sample_report();
  r.add(Diagnostic{Severity::Error, "io", "missing.yml", Position{}, "cannot open", ""});
  CHECK(r.sorted().size() == 3);
  CHECK(r.count(Severity::Error) == 3);
  CHECK(r.count(Severity::Warning) == 4);
}
