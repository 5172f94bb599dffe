#include "core/render.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <sstream>

#include "core/terminal_text.hpp"

using namespace mlmon;

namespace {

Report sample_report() {
  Report r;
  auto src = std::make_shared<SourceFile>("rules/a.yml", "groups:\n  - name: g\n    rules:\n\t- alert: X\n");
  r.add_source(src);
  r.add(Diagnostic{Severity::Warning, "rules/alert-for", "rules/a.yml", Position{4, 4, 0}, "alert has no for",
                   "add for: 5m"});
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
        "      \"severity\": \"error\",\n      \"rule\": \"yaml/syntax\",\n      \"message\": \"bad, really: 100%\"\n  "
        "  },\n"
        "    {\n      \"file\": \"rules/a.yml\",\n      \"line\": 4,\n      \"column\": 4,\n"
        "      \"severity\": \"warning\",\n      \"rule\": \"rules/alert-for\",\n      \"message\": \"alert has no "
        "for\",\n"
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

// A hostile file must not reach the terminal as escape sequences (window title, screen clear,
// bidi overrides that make a line read differently). Before, the quoted line was echoed raw.
namespace {

Report hostile_report() {
  Report r;
  // ESC ] 0 ; pwned BEL, then ESC [ 2 J, a C1 control (U+0085), DEL, and a right-to-left override.
  const std::string line = "    expr: \x1b]0;pwned\x07 \x1b[2J \xc2\x85\x7f up \xe2\x80\xae== 0";
  auto src = std::make_shared<SourceFile>("r.yml", "groups:\n" + line + "\n");
  r.add_source(src);
  // The column of the `u` of `up`, counted in characters (30).
  int col = 1;
  for (std::size_t i = 0; i < line.size() && line.compare(i, 3, "up ") != 0; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  r.add(Diagnostic{Severity::Error, "promql/parse", "r.yml", Position{2, col, 0},
                   "bad \x1b[31mred\x1b[0m \xe2\x81\xa6x", "no \x07 bell"});
  return r;
}

}  // namespace

TEST_CASE("text renderer: control characters and bidi overrides are shown as escapes, caret still in place") {
  std::ostringstream out;
  render_text(hostile_report(), out);
  CHECK(out.str() ==
        "r.yml:2:30: error: bad \\x1b[31mred\\x1b[0m \\u2066x [promql/parse]\n"
        "      expr: \\x1b]0;pwned\\x07 \\x1b[2J \\u0085\\x7f up \\u202e== 0\n"
        "                                                ^\n"
        "  hint: no \\x07 bell\n");
  CHECK(out.str().find('\x1b') == std::string::npos);
}

TEST_CASE("json renderer: C0 as JSON escapes them, DEL, C1 and bidi as \\u escapes too") {
  std::ostringstream out;
  render_json(hostile_report(), out);
  CHECK(out.str().find("\"message\": \"bad \\u001b[31mred\\u001b[0m \\u2066x\"") != std::string::npos);
  CHECK(out.str().find("\"hint\": \"no \\u0007 bell\"") != std::string::npos);
  for (const char* raw : {"\x1b", "\x7f", "\xc2\x85", "\xe2\x81\xa6", "\x07"})
    CHECK(out.str().find(raw) == std::string::npos);
}

TEST_CASE("github renderer: control characters are escaped before the runner's own escapes") {
  std::ostringstream out;
  render_github(hostile_report(), out);
  CHECK(out.str() ==
        "::error file=r.yml,line=2,col=30,title=promql/parse::bad \\x1b[31mred\\x1b[0m \\u2066x%0Ano \\x07 bell\n");
}

TEST_CASE("escape_controls keeps tabs, printable text, UTF-8 and invalid bytes") {
  CHECK(escape_controls("a\tb é 名 \xff") == "a\tb é 名 \xff");
  CHECK(escape_controls("\r\n") == "\\x0d\\x0a");
  CHECK(escape_controls("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa9\xe2\x80\xaf") == "\\u202a\\u202e\\u2069\xe2\x80\xaf");
}

TEST_CASE("json renderer: the files a command accounted for") {
  Report r;
  r.set_files(FileAccount{{{"rule-file", 2}}, {{"deploy/compose.yml", "other"}}});
  std::ostringstream out;
  render_json(r, out);
  CHECK(out.str().ends_with(
      "  \"files\": {\n    \"checked\": {\n      \"rule-file\": 2\n    },\n"
      "    \"skipped\": [\n      {\n        \"file\": \"deploy/compose.yml\",\n        \"kind\": \"other\"\n      }\n"
      "    ]\n  }\n}\n"));
}

// The machine-readable formats CI systems read, on the same findings as the other renderers.
namespace {

RenderOptions ci_options() {
  RenderOptions options;
  options.tool_version = "1.2.3";
  options.describe = [](std::string_view id) -> std::optional<RuleDoc> {
    if (id == "yaml/syntax") return RuleDoc{"the file is YAML", Severity::Error};
    return std::nullopt;
  };
  return options;
}

}  // namespace

TEST_CASE("sarif renderer: SARIF 2.1.0 as GitHub code scanning reads it") {
  std::ostringstream out;
  render_sarif(sample_report(), out, ci_options());
  CHECK(out.str() == R"({
  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "mlmon",
          "version": "1.2.3",
          "rules": [
            {
              "id": "io"
            },
            {
              "id": "rules/alert-for"
            },
            {
              "id": "yaml/syntax",
              "shortDescription": {
                "text": "the file is YAML"
              },
              "defaultConfiguration": {
                "level": "error"
              }
            }
          ]
        }
      },
      "columnKind": "unicodeCodePoints",
      "results": [
        {
          "ruleId": "io",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "cannot open"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "missing.yml"
                },
                "region": {
                  "startLine": 1
                }
              }
            }
          ]
        },
        {
          "ruleId": "yaml/syntax",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "bad, really: 100%"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rules/a.yml"
                },
                "region": {
                  "startLine": 2,
                  "startColumn": 5
                }
              }
            }
          ]
        },
        {
          "ruleId": "rules/alert-for",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "alert has no for\nadd for: 5m"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rules/a.yml"
                },
                "region": {
                  "startLine": 4,
                  "startColumn": 4
                }
              }
            }
          ]
        }
      ]
    }
  ]
}
)");
}

TEST_CASE("sarif renderer: paths become URI references") {
  Report r;
  r.add(Diagnostic{Severity::Info, "x/y", "my rules/ä%.yml", Position{1, 1, 0}, "m", ""});
  r.add(Diagnostic{Severity::Info, "x/y", "/abs/a.yml", Position{1, 1, 0}, "m", ""});
  std::ostringstream out;
  render_sarif(r, out, RenderOptions{});
  CHECK(out.str().find("\"uri\": \"my%20rules/%C3%A4%25.yml\"") != std::string::npos);
  CHECK(out.str().find("\"uri\": \"file:///abs/a.yml\"") != std::string::npos);
  CHECK(out.str().find("\"level\": \"note\"") != std::string::npos);
}

TEST_CASE("junit renderer: a testsuite per file, a failing testcase per finding at --fail-on") {
  Report report = sample_report();
  report.add_source(std::make_shared<SourceFile>("clean.yml", "groups: []\n"));
  std::ostringstream out;
  render_junit(report, out, ci_options());
  CHECK(
      out.str() ==
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"mlmon\" tests=\"4\" failures=\"2\" errors=\"0\">\n"
      "  <testsuite name=\"clean.yml\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase name=\"mlmon\" classname=\"clean.yml\" file=\"clean.yml\"/>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"missing.yml\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase name=\"io\" classname=\"missing.yml\" file=\"missing.yml\">\n"
      "      <failure type=\"error\" message=\"cannot open\">missing.yml: error: cannot open [io]</failure>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"rules/a.yml\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase name=\"yaml/syntax 2:5\" classname=\"rules/a.yml\" file=\"rules/a.yml\" line=\"2\">\n"
      "      <failure type=\"error\" message=\"bad, really: 100%\">rules/a.yml:2:5: error: bad, really: 100% "
      "[yaml/syntax]</failure>\n"
      "    </testcase>\n"
      "    <testcase name=\"rules/alert-for 4:4\" classname=\"rules/a.yml\" file=\"rules/a.yml\" line=\"4\">\n"
      "      <system-out>rules/a.yml:4:4: warning: alert has no for [rules/alert-for]\nhint: add for: 5m</system-out>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "</testsuites>\n");
  RenderOptions strict = ci_options();
  strict.fail_on = Severity::Warning;
  std::ostringstream failing;
  render_junit(report, failing, strict);
  CHECK(failing.str().find("<testsuites name=\"mlmon\" tests=\"4\" failures=\"3\" errors=\"0\">") != std::string::npos);
  CHECK(failing.str().find("<failure type=\"warning\" message=\"alert has no for\">") != std::string::npos);
}

TEST_CASE("junit renderer: markup and control characters cannot break the XML") {
  Report r;
  r.add(Diagnostic{Severity::Error, "a/b", "x<&>\".yml", Position{1, 1, 0}, "bad <tag> & 'q' \x1b[2J", ""});
  std::ostringstream out;
  render_junit(r, out, RenderOptions{});
  CHECK(out.str().find("message=\"bad &lt;tag&gt; &amp; &apos;q&apos; \\x1b[2J\"") != std::string::npos);
  CHECK(out.str().find("name=\"x&lt;&amp;&gt;&quot;.yml\"") != std::string::npos);
  CHECK(out.str().find('\x1b') == std::string::npos);
}

TEST_CASE("codeclimate renderer: GitLab Code Quality issues with stable fingerprints") {
  std::ostringstream out;
  render_codeclimate(sample_report(), out);
  const std::string text = out.str();
  CHECK(
      text.starts_with("[\n  {\n    \"type\": \"issue\",\n    \"check_name\": \"io\",\n"
                       "    \"description\": \"cannot open\",\n    \"categories\": [\n      \"Bug Risk\"\n    ],\n"
                       "    \"severity\": \"major\",\n    \"fingerprint\": \""));
  CHECK(text.find("\"description\": \"alert has no for (add for: 5m)\",") != std::string::npos);
  CHECK(text.find("\"severity\": \"minor\",") != std::string::npos);
  CHECK(text.find("\"location\": {\n      \"path\": \"rules/a.yml\",\n      \"lines\": {\n        \"begin\": 4\n") !=
        std::string::npos);
  // The same finding moved down a line keeps its fingerprint; the same message twice gets two.
  auto fingerprints = [](const Report& r) {
    std::ostringstream o;
    render_codeclimate(r, o);
    std::vector<std::string> out;
    const std::string s = o.str();
    for (auto at = s.find("\"fingerprint\": \""); at != std::string::npos; at = s.find("\"fingerprint\": \"", at + 1)) {
      out.push_back(s.substr(at + 16, 16));
    }
    return out;
  };
  Report a, b, twice;
  a.add(Diagnostic{Severity::Error, "r/x", "f.yml", Position{3, 1, 0}, "m", ""});
  b.add(Diagnostic{Severity::Error, "r/x", "f.yml", Position{4, 1, 0}, "m", ""});
  twice.add(Diagnostic{Severity::Error, "r/x", "f.yml", Position{3, 1, 0}, "m", ""});
  twice.add(Diagnostic{Severity::Error, "r/x", "f.yml", Position{9, 1, 0}, "m", ""});
  CHECK(fingerprints(a) == fingerprints(b));
  REQUIRE(fingerprints(twice).size() == 2);
  CHECK(fingerprints(twice)[0] == fingerprints(a)[0]);
  CHECK(fingerprints(twice)[0] != fingerprints(twice)[1]);
}
