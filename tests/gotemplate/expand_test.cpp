// The expansion API as the test-rules runner uses it, the functions of Prometheus releases newer
// than the promtool at hand (outputs from v3.14's sources and template_test.go), and the limits
// and stack safety mlmon adds.
#include <doctest/doctest.h>

#include <string>

#include "exec_support.hpp"
#include "gotemplate/gotemplate.hpp"

using exec_support::alert;
using exec_support::run;
using exec_support::Run;
using namespace mlmon::gotemplate;

namespace {

std::string nested(int depth, std::string_view open, std::string_view inner) {
  std::string text = "{{ ";
  for (int i = 0; i < depth; ++i) text += open;
  text += inner;
  text += std::string(static_cast<std::size_t>(depth), ')');
  return text + " }}";
}

}  // namespace

TEST_CASE("an alert template is parsed once and expanded per alert") {
  const AlertTemplate tmpl("HighLatency", "{{ $labels.job }}: {{ $value | humanize }}");
  AlertTemplateData data;
  data.labels = {{"job", "api"}};
  data.value = 1234567;
  CHECK(tmpl.expand(data, {}) == "api: 1.235M");
  data.labels = {{"job", "db"}};
  data.value = 0.5;
  CHECK(tmpl.expand(data, {}) == "db: 500m");
}

TEST_CASE("expansion errors read as Prometheus reports them, and become the field's value") {
  const AlertTemplate broken("A", "{{ humanise $value }}");
  const mlmon::Result<std::string> parsed = broken.expand({}, {});
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().message ==
        "error parsing template __alert_A: template: __alert_A:1: function \"humanise\" not defined");
  CHECK(field_value(parsed) ==
        "<error expanding template: error parsing template __alert_A: template: __alert_A:1: function \"humanise\" not "
        "defined>");
  // Positions count the declarations Prometheus prepends (112 bytes) on the first line only.
  CHECK(
      alert("{{ humanize \"x\" }}") ==
      "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
      "\"__alert_A\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax>");
  CHECK(
      alert("ok\n  {{ humanize \"x\" }}") ==
      "<error expanding template: error executing template __alert_A: template: __alert_A:2:5: executing "
      "\"__alert_A\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax>");
  CHECK(alert("{{ define \"__alert_A\" }}x{{ end }}") ==
        "<error expanding template: error parsing template __alert_A: template: __alert_A:1: template: multiple "
        "definition of template \"__alert_A\">");
  CHECK(alert("plain") == "plain");
  CHECK(alert("") == "");
}

TEST_CASE("query runs on the caller's engine; its errors are the engine's words") {
  ExpandContext context;
  context.query = [](std::string_view q) -> mlmon::Result<std::vector<QuerySample>> {
    if (q == "up") return std::vector<QuerySample>{{{{"job", "a"}}, 1}, {{{"job", "b"}}, 0}};
    return mlmon::fail("1:3: parse error: unexpected end of input");
  };
  CHECK(alert("{{ range query \"up\" }}{{ .Labels.job }}={{ .Value }} {{ end }}", {}, context) == "a=1 b=0 ");
  CHECK(alert("{{ query \"up +\" }}", {}, context) ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
        "\"__alert_A\" at <query \"up +\">: error calling query: 1:3: parse error: unexpected end of input>");
  CHECK(alert("{{ query \"up\" }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
        "\"__alert_A\" at <query \"up\">: error calling query: no query engine to run the query>");
}

TEST_CASE("now, toDuration and urlQueryEscape (Prometheus 3.6+), and negative parseDuration (v3.14)") {
  ExpandContext context;
  context.eval_time_ms = 300000;
  CHECK(alert("{{ now }} {{ now | humanizeTimestamp }}", {}, context) == "300 1970-01-01 00:05:00 +0000 UTC");
  CHECK(alert("{{ toDuration 90 }} {{ (toDuration 1.5).Milliseconds }} {{ (toDuration 7200).Hours }}") ==
        "1m30s 1500 2");
  CHECK(alert("{{ toDuration 0.0000015 }} {{ toDuration -0.25 }} {{ toDuration 0 }} {{ toDuration \"x\" }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:184: executing "
        "\"__alert_A\" at <toDuration \"x\">: error calling toDuration: strconv.ParseFloat: parsing \"x\": invalid "
        "syntax>");
  CHECK(alert("{{ toDuration 0.0000015 }} {{ toDuration -0.25 }} {{ toDuration 0 }}") == "1.5µs -250ms 0s");
  CHECK(alert("{{ humanizeDuration (toDuration 90) }} {{ humanize (toDuration 90) }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
        "\"__alert_A\" at <humanizeDuration (toDuration 90)>: error calling humanizeDuration: can't convert "
        "*time.Duration to float>");
  CHECK(alert("{{ urlQueryEscape \"a b/c?d=é\" }}") == "a+b%2Fc%3Fd%3D%C3%A9");
  CHECK(alert("{{ parseDuration \"-1w\" }} {{ parseDuration \"-\" }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:141: executing "
        "\"__alert_A\" at <parseDuration \"-\">: error calling parseDuration: empty duration string>");
  CHECK(alert("{{ parseDuration \"-1w\" }}") == "-604800");
  // The checker accepts what the newest Prometheus accepts.
  CHECK_FALSE(check_prometheus_template("{{ urlQueryEscape \"x\" }}{{ now }}{{ toDuration 1 }}"));
}

TEST_CASE("externalURL and pathPrefix need Prometheus's --web.external-url; promtool has none") {
  ExpandContext context;
  context.external_url = "https://prom.example.com/sub/path/?q=1";
  CHECK(alert("{{ externalURL }} {{ pathPrefix }}", {}, context) ==
        "https://prom.example.com/sub/path/?q=1 /sub/path/");
  context.external_url = "http://localhost:9090";
  CHECK(alert("[{{ pathPrefix }}]", {}, context) == "[]");
  CHECK(alert("{{ pathPrefix }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
        "\"__alert_A\" at <pathPrefix>: error calling pathPrefix: runtime error: invalid memory address or nil pointer "
        "dereference>");
}

TEST_CASE("recursive templates stop at Go's depth without exhausting the stack") {
  CHECK(alert("{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:140: executing \"r\" at "
        "<{{template \"r\" .}}>: exceeded maximum template depth (100000)>");
  // Mutual recursion that ends: 50000 levels deep.
  CHECK(run("{{ define \"down\" }}{{ if gt . 0 }}{{ template \"down\" (len (slice \"xxxxxxxxxx\" 1 .)) }}{{ end }}{{ "
            "end }}{{ template \"down\" 10 }}done") == "done");
}

TEST_CASE("deeply nested pipelines run on a thread with room for them") {
  CHECK(alert(nested(10000, "(", "1")) == "1");
  CHECK(alert(nested(10000, "humanize (", "1")) == "1");
  CHECK(alert(nested(999, "(args ", "1").replace(0, 3, "{{ len ")) == "1");
  // Maps nested by a loop are bounded too: freeing or printing them recurses as deep.
  CHECK(alert("{{ $x := args }}{{ range 998 }}{{ $x = args $x }}{{ end }}{{ len (printf \"%v\" $x) }}") == "9985");
  CHECK(alert("{{ $x := args }}{{ range 2000 }}{{ $x = args $x }}{{ end }}") ==
        "<error expanding template: error executing template __alert_A: template: __alert_A:1:152: executing "
        "\"__alert_A\" at <args $x>: error calling args: mlmon does not nest values deeper than 1000 levels>");
}

TEST_CASE("runaway loops and output hit mlmon's limits with a clear error") {
  Run options;
  options.limits.max_steps = 1000;
  CHECK(run("{{ range 2000 }}x{{ end }}", options) ==
        "error: template: test:1:16: executing \"test\" at <x>: the template executed more than mlmon's limit of 1000 "
        "actions");
  options = Run{};
  options.limits.max_output = 100;
  CHECK(
      run("{{ range 20 }}0123456789{{ end }}", options) ==
      "error: template: test:1:14: executing \"test\" at <0123456789>: the output exceeds mlmon's limit of 100 bytes");
  CHECK(run("{{ range 10 }}0123456789{{ end }}", options).size() == 100);
}

TEST_CASE("break and continue leave exactly the scopes Go leaves") {
  CHECK(run("{{ range $i := 5 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $x := $i }}{{ if eq $x 3 }}{{ break }}{{ end "
            "}}{{ $x }}{{ end }}") == "02");
  CHECK(
      run("{{ range $i := 3 }}{{ range $j := 3 }}{{ if eq $j 1 }}{{ break }}{{ end }}{{ $i }}{{ $j }} {{ end }}{{ end "
          "}}") == "00 10 20 ");
  CHECK(run("{{ range $i := 2 }}{{ with $i }}{{ continue }}{{ end }}[{{ $i }}]{{ end }}") == "[0]");
}

namespace {

// A small generator of mostly well-formed templates: actions of random operands, and blocks.
struct Soup {
  std::uint32_t state = 2024;
  std::uint32_t next(std::uint32_t n) {
    state = state * 1664525 + 1013904223;
    return (state >> 8) % n;
  }
  std::string value() {
    static constexpr std::string_view values[] = {
        ".",
        "$",
        "$x",
        ".Labels",
        ".Value",
        "$labels.job",
        "1",
        "2.5",
        "-3",
        "\"s\"",
        "nil",
        "true",
        "'x'",
        "1e6",
        "$labels",
        "(now)",
        "(toTime 1)",
        "(toDuration 90)",
        "(args 1 \"a\")",
        "(query \"q\")",
        "(index $labels \"job\")",
        "(query \"q\" | first)",
        "(toTime 1e9).Format \"2006\"",
        ".Foo",
        "$x.Labels",
        "(query \"q\" | first).Value",
    };
    return std::string(values[next(std::size(values))]);
  }
  std::string function() {
    static constexpr std::string_view functions[] = {
        "humanize",
        "printf \"%v|%d|%s\"",
        "len",
        "first",
        "value",
        "eq",
        "lt",
        "and",
        "or",
        "not",
        "slice",
        "index",
        "args",
        "title",
        "toTime",
        "sortByLabel \"a\"",
        "humanizeDuration",
        "call",
        "print",
        "urlquery",
        "label \"a\"",
        "toDuration",
        "humanizePercentage",
        "stripPort",
        "reReplaceAll \"a\" \"b\"",
    };
    return std::string(functions[next(std::size(functions))]);
  }
  std::string pipeline() {
    std::string p = next(4) == 0 ? "$x := " : "";
    const std::uint32_t commands = 1 + next(2);
    for (std::uint32_t c = 0; c < commands; ++c) {
      if (c > 0) p += " | ";
      if (c == 0 && next(3) == 0) {
        p += value();
        continue;
      }
      p += function();
      const std::uint32_t args = next(3);
      for (std::uint32_t a = 0; a < args; ++a) p += " " + value();
    }
    return p;
  }
  std::string statements(int depth) {
    std::string out;
    const std::uint32_t count = 1 + next(4);
    for (std::uint32_t i = 0; i < count; ++i) {
      switch (depth > 3 ? next(2) : next(6)) {
        case 0: out += "x "; break;
        case 1: out += "{{ " + pipeline() + " }}"; break;
        case 2:
          out += "{{ if " + pipeline() + " }}" + statements(depth + 1) + "{{ else }}" + statements(depth + 1) +
                 "{{ end }}";
          break;
        case 3:
          out += "{{ range " + pipeline() + " }}" + statements(depth + 1) + (next(3) == 0 ? "{{ break }}" : "") +
                 "{{ end }}";
          break;
        case 4: out += "{{ with " + pipeline() + " }}" + statements(depth + 1) + "{{ end }}"; break;
        default: out += "{{ template \"t\" " + pipeline() + " }}"; break;
      }
    }
    return out;
  }
};

}  // namespace

TEST_CASE("random templates run to an output or an error, never a crash or a hang") {
  Run options;
  options.query_result = {{{{"a", "2"}}, 1.5}, {{{"a", "1"}}, -3}};
  options.limits.max_steps = 20000;
  options.limits.max_output = 1 << 16;
  Soup soup;
  std::size_t outputs = 0;
  std::size_t errors = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text =
        "{{ $x := 0 }}{{ $labels := args \"node\" }}{{ define \"t\" }}{{ . }}{{ end }}" + soup.statements(0);
    const std::string result = run(text, options);
    if (result.starts_with("error: ")) ++errors;
    else if (!result.starts_with("parse error: ")) ++outputs;
  }
  // Both kinds occur often: the generator reaches deep into execution, not just the parser.
  MESSAGE("outputs: ", outputs, ", execution errors: ", errors);
  CHECK(outputs > 200);
  CHECK(errors > 2000);
}
