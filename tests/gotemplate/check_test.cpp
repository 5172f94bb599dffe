#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "gotemplate/gotemplate.hpp"
#include "printers.hpp"  // before doctest, so it finds operator<<

namespace {

using mlmon::gotemplate::alert_template_name;
using mlmon::gotemplate::check;
using mlmon::gotemplate::check_prometheus_template;
using mlmon::gotemplate::Error;
using mlmon::gotemplate::Flavor;
using mlmon::gotemplate::format_go_error;
using mlmon::gotemplate::Options;

Error error_of(std::string_view text) {
  const std::optional<Error> error = check_prometheus_template(text);
  REQUIRE(error.has_value());
  return *error;
}

}  // namespace

TEST_CASE("templates Prometheus accepts") {
  for (std::string_view text : {
           "",
           "plain text, no actions",
           "{{ $labels.instance }}",
           "{{ $value | humanize }}",
           "{{ printf \"%.2f\" $value }}",
           "{{ if gt $value 0.5 }}high{{ end }}",
           "{{ if gt $value 0.5 }}high{{ else if gt $value 0.2 }}mid{{ else }}low{{ end }}",
           "{{ range $i, $e := query \"up\" }}{{ $i }}: {{ $e.Labels.job }}{{ end }}",
           "{{ range query \"up\" }}{{ if .Value }}{{ break }}{{ end }}{{ continue }}{{ end }}",
           "{{ with $labels }}{{ .job }}{{ end }}",
           "{{ with $x := $labels.job }}{{ $x }}{{ else with $value }}{{ . }}{{ end }}",
           "{{ .Labels.job }} {{ $.Labels.job }} {{ .Value }} {{ .ExternalURL }}",
           "{{ index $labels \"job\" }} {{ $externalLabels.cluster }} {{ $externalURL }}",
           "{{ query \"up\" | first | value | humanizePercentage }}",
           "{{ toDuration 60 }} {{ now }} {{ parseDuration \"1m\" | humanizeDuration }}",
           "a  {{- $value -}}  b {{- /* note */ -}}",
           "{{/* a comment\nover lines */}}",
           "{{ define \"t\" }}{{ . }}{{ end }}{{ template \"t\" $value }}",
           "{{ block \"b\" $labels }}{{ .job }}{{ end }}",
           "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
           "{{ 0x1F }} {{ 1e3 }} {{ 1_000 }} {{ 'a' }} {{ 1+2i }} {{ `raw` }} {{ nil }} {{ true }}",
           "{{ printf \"%s\"\n  $labels.job }}",
       }) {
    CAPTURE(text);
    CHECK_FALSE(check_prometheus_template(text).has_value());
  }
}

TEST_CASE("errors carry Go's message, the line Go prints and the byte offset") {
  CHECK(error_of("{{ $label.x }}") == Error{3, "undefined variable \"$label\"", 1, 0});
  CHECK(error_of("{{ $value | humanise }}") == Error{12, "function \"humanise\" not defined", 1, 0});
  CHECK(error_of("{{ if }}") == Error{6, "missing value for if", 1, 0});
  CHECK(error_of("{{ }") == Error{3, "unexpected \"}\" in command", 1, 0});
  CHECK(error_of("{{ 1.x }}") == Error{3, "bad number syntax: \"1.x\"", 1, 0});
  CHECK(error_of("{{ $x# }}") == Error{5, "bad character U+0023 '#'", 1, 0});
  CHECK(error_of("{{ break }}") == Error{3, "{{break}} outside {{range}}", 1, 0});
  CHECK(error_of("{{ $value | 1 }}") == Error{12, "non executable command in pipeline stage 2", 1, 0});
  CHECK(error_of("{{ \"a\".x }}") == Error{6, "unexpected . after term \"\\\"a\\\"\"", 1, 0});
  CHECK(error_of("{{ range $a, $b, $c := . }}{{ end }}") == Error{15, "too many declarations in range", 1, 0});
  CHECK(error_of("{{ printf \"%s\" (humanize $value }}") == Error{15, "unclosed left paren", 1, 0});
  CHECK(error_of("{{ ) }}") == Error{3, "unexpected right paren", 1, 0});
  CHECK(error_of("{{ 99999999999999999999 }}") == Error{3, "integer overflow: \"99999999999999999999\"", 1, 0});
}

TEST_CASE("unclosed constructs point at their opening delimiter") {
  CHECK(error_of("ok {{ $value ") == Error{3, "unclosed action", 1, 0});
  CHECK(error_of("ok {{/* comment") == Error{3, "unclosed comment", 1, 0});
  CHECK(error_of("x\ny\n{{ if 1 }}\nz") == Error{4, "unexpected EOF", 4, 0});
  CHECK(error_of("{{ if 1 }}{{ else if 2 }}{{ with 3 }}{{ end }}") == Error{0, "unexpected EOF", 1, 0});
  CHECK(error_of("{{ define \"x\" }}") == Error{0, "unexpected EOF", 1, 0});
}

TEST_CASE("stray end and else point at their action") {
  CHECK(error_of("{{ if 1 }}\n{{ end }}\n{{ end }}") == Error{21, "unexpected {{end}}", 3, 0});
  CHECK(error_of("{{ $value }}{{ else }}") == Error{12, "unexpected {{else}}", 1, 0});
  CHECK(error_of("{{ if 1 }}{{ else }}{{ else }}{{ end }}") == Error{20, "expected end; found {{else}}", 1, 0});
  CHECK(error_of("{{ define \"x\" }}{{ else }}{{ end }}") == Error{16, "unexpected {{else}} in define clause", 1, 0});
}

TEST_CASE("a lexing error after a line break names the line the action started on") {
  const std::string_view text = "{{ printf\n\"%s\n\" }}";
  const Error error = error_of(text);
  CHECK(error == Error{10, "unterminated quoted string", 2, 1});
  CHECK(error.go_message("__alert_A") == "unterminated quoted string in action started at __alert_A:1");
  CHECK(format_go_error("__alert_A", text, error) ==
        "template: __alert_A:2: unterminated quoted string in action started at __alert_A:1");

  const Error unclosed = error_of("{{ $value\n");
  CHECK(unclosed == Error{0, "unclosed action", 2, 1});
  CHECK(unclosed.go_message("__alert_A") == "unclosed action started at __alert_A:1");
}

TEST_CASE("variables are scoped like Go's") {
  CHECK(error_of("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}") == Error{38, "undefined variable \"$y\"", 1, 0});
  CHECK_FALSE(check_prometheus_template("{{ if 1 }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}"));
  CHECK(error_of("{{ with $x := $labels }}{{ end }}{{ $x }}") == Error{36, "undefined variable \"$x\"", 1, 0});
  // define and block bodies are separate templates: Prometheus's variables are not in scope.
  CHECK(error_of("{{ define \"x\" }}{{ $labels }}{{ end }}") == Error{19, "undefined variable \"$labels\"", 1, 0});
  CHECK(error_of("{{ block \"b\" . }}{{ $value }}{{ end }}") == Error{20, "undefined variable \"$value\"", 1, 0});
}

TEST_CASE("define only at the top level") {
  CHECK(error_of("{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}") ==
        Error{19, "unexpected <define> in command", 1, 0});
  CHECK(error_of("{{ if 1 }}{{ define \"b\" }}{{ end }}{{ end }}") ==
        Error{13, "unexpected <define> in command", 1, 0});
}

TEST_CASE("multiple definitions need the template's name") {
  Options options;
  options.template_name = alert_template_name("HighLatency");
  CHECK(options.template_name == "__alert_HighLatency");
  const auto own = check("{{ define \"__alert_HighLatency\" }}x{{ end }}", options);
  REQUIRE(own.has_value());
  CHECK(*own == Error{10, "template: multiple definition of template \"__alert_HighLatency\"", 1, 0});
  CHECK(format_go_error(options.template_name, "", *own) ==
        "template: __alert_HighLatency:1: template: multiple definition of template \"__alert_HighLatency\"");
  const auto twice = check("{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}", options);
  REQUIRE(twice.has_value());
  CHECK(*twice == Error{36, "template: multiple definition of template \"a\"", 1, 0});
  CHECK_FALSE(check("{{ define \"a\" }} {{ end }}{{ define \"a\" }}y{{ end }}", options));
}

TEST_CASE("format_go_error reads like promtool") {
  const std::string_view text = "line one\n{{ $value | humanise }}";
  const Error error = error_of(text);
  CHECK(format_go_error("__alert_HighLatency", text, error) ==
        "template: __alert_HighLatency:2: function \"humanise\" not defined");
  // Without Go's line, the offset gives it.
  CHECK(format_go_error("t", text, Error{21, "x", 0, 0}) == "template: t:2: x");
}

TEST_CASE("flavors differ where Prometheus 2.42 and the newest release do") {
  Options old;
  old.flavor = Flavor::prometheus_2_42;
  CHECK(check("{{ now }}", old) == Error{3, "function \"now\" not defined", 1, 0});
  CHECK(check("{{ with 1 }}{{ else with 2 }}{{ end }}", old) == Error{20, "unexpected <with> in else", 1, 0});
  CHECK(check("{{ ) }}", old) == Error{3, "unexpected \")\" in command", 1, 0});
  CHECK_FALSE(check("{{ now }}{{ with 1 }}{{ else with 2 }}{{ end }}", Options{}));
}

TEST_CASE("options: plain Go templates, extra functions and variables") {
  Options plain;
  plain.prometheus_alert = false;
  CHECK(check("{{ $labels }}", plain) == Error{3, "undefined variable \"$labels\"", 1, 0});
  CHECK(check("{{ humanize 1 }}", plain) == Error{3, "function \"humanize\" not defined", 1, 0});
  CHECK_FALSE(check("{{ printf \"%d\" (len .) }}", plain));
  plain.functions = {"toJson"};
  plain.variables = {"$alerts"};
  CHECK_FALSE(check("{{ $alerts | toJson }}", plain));
}

TEST_CASE("hostile input neither overflows the stack nor hangs") {
  const std::string deepest = "{{ " + std::string(10000, '(') + "1" + std::string(10000, ')') + " }}";
  CHECK_FALSE(check_prometheus_template(deepest));
  const std::string too_deep = "{{ " + std::string(10001, '(') + "1" + std::string(10001, ')') + " }}";
  CHECK(error_of(too_deep) == Error{3 + 10000, "max expression depth exceeded", 1, 0});
  const std::string declared =
      "{{ $x := " + std::string(10000, '(') + "$labels" + std::string(10000, ')') + " }}{{ $x.a }}";
  CHECK_FALSE(check_prometheus_template(declared));

  std::string nested;
  for (int i = 0; i < 20000; ++i) nested += "{{ if 1 }}";
  CHECK(error_of(nested) == Error{199990, "unexpected EOF", 1, 0});  // the innermost open {{if}}
  for (int i = 0; i < 20000; ++i) nested += "{{ end }}";
  CHECK_FALSE(check_prometheus_template(nested));

  std::string pipeline = "{{ 1";
  for (int i = 0; i < 5000; ++i) pipeline += " | printf";
  CHECK_FALSE(check_prometheus_template(pipeline + " }}"));

  // Random soup of template fragments: any verdict is fine, crashing or hanging is not.
  const std::string_view pieces[] = {"{{", "}}", "{{-",  "-}}", " ",     "\n",   "(",      ")",     "$",        "$x",
                                     ".",  ".A", "|",    ":=",  "=",     ",",    "\"",     "'",     "`",        "/*",
                                     "*/", "if", "else", "end", "range", "with", "define", "block", "template", "break",
                                     "1",  "1e", "0x",   "+",   "-",     "i",    "\\",     "\xc3",  "\xa9"};
  std::uint32_t state = 12345;
  for (int round = 0; round < 1000; ++round) {
    std::string soup;
    for (int i = 0; i < 40; ++i) {
      state = state * 1664525 + 1013904223;
      soup += pieces[(state >> 8) % std::size(pieces)];
    }
    (void)check_prometheus_template(soup);
    Options old;
    old.flavor = Flavor::prometheus_2_42;
    (void)check(soup, old);
  }
}
