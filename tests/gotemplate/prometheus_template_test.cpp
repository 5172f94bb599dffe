// The cases of Prometheus's template/template_test.go (v3.14) whose inputs a template can write
// as constants, with its exact expected outputs and errors. Inputs that were Go slices there are
// spelled out as one action per element here (so error positions differ, the texts do not).
#include <doctest/doctest.h>

#include <limits>

#include "exec_support.hpp"

using exec_support::run;
using exec_support::Run;
using exec_support::samples;
using namespace mlmon::gotemplate;

TEST_CASE("template_test.go: literals, text and HTML-free output") {
  CHECK(run("plain text") == "plain text");
  CHECK(run("{{ 1 }}") == "1");
  CHECK(run("{{ \"<b>\" }}") == "<b>");
  CHECK(run("{{\xc2\xa0}}") == "parse error: template: test:1: unrecognized character in action: U+00A0");
  CHECK(run("{{") == "parse error: template: test:1: unclosed action");
  CHECK(run("{{define \"x\"}}{{.arg0}} {{.arg1}}{{end}}{{template \"x\" (args 1 \"2\")}}") == "1 2");
  CHECK(run("{{ .Foo }}") == "<no value>");
}

TEST_CASE("template_test.go: query, first, value, label, strvalue, sortByLabel") {
  Run r;
  r.query_result = {{{}, 1.5}};
  CHECK(run("{{ query \"1.5\" | first | value }}", r) == "1.5");
  r.query_result = {{{{"__name__", "metric"}, {"instance", "a"}}, 11}};
  CHECK(run("{{ query \"metric{instance='a'}\" | first | value }}", r) == "11");
  CHECK(run("{{ query \"metric{instance='a'}\" | first | label \"instance\" }}", r) == "a");
  CHECK(run("{{ query \"metric{instance='a'}\" | first | label \"foo\" }}", r) == "");
  CHECK(run("{{ $x := query \"metric\" | first }}{{ $x.Labels.foo }}", r) == "");
  r.query_result = {{{{"__name__", "metric"}, {"__value__", "a"}}, 11}};
  CHECK(run("{{ query \"metric{__value__='a'}\" | first | strvalue }}", r) == "a");
  r.query_result = {{{{"__name__", "metric"}, {"instance", "b"}}, 21},
                    {{{"__name__", "metric"}, {"instance", "a"}}, 11}};
  CHECK(run("{{ range query \"metric\" | sortByLabel \"instance\" }}{{.Labels.instance}}:{{.Value}}: {{end}}", r) ==
        "a:11: b:21: ");
  r.query_result = {};
  CHECK(run("{{ query \"missing\" | first }}", r) ==
        "error: template: test:1:21: executing \"test\" at <first>: error calling first: first() called on vector with "
        "no "
        "elements");
  CHECK(run("{{ (query \"missing\").banana }}", r) ==
        "error: template: test:1:10: executing \"test\" at <\"missing\">: can't evaluate field banana in type "
        "template.queryResult");
}

TEST_CASE("template_test.go: stripPort and stripDomain") {
  CHECK(run("{{ \"foo.example.com\" | stripPort }}") == "foo.example.com");
  CHECK(run("{{ \"foo.example.com:12345\" | stripPort }}") == "foo.example.com");
  CHECK(run("{{ \"192.0.2.1\" | stripPort }}") == "192.0.2.1");
  CHECK(run("{{ \"192.0.2.1:12345\" | stripPort }}") == "192.0.2.1");
  CHECK(run("{{ \"2001:0DB8::1\" | stripPort }}") == "2001:0DB8::1");
  CHECK(run("{{ \"[2001:0DB8::1]:12345\" | stripPort }}") == "2001:0DB8::1");
  CHECK(run("{{ \"[2001:0DB8::1]::12345\" | stripPort }}") == "[2001:0DB8::1]::12345");
  CHECK(run("{{ \"foo.example.com\" | stripDomain }}") == "foo");
  CHECK(run("{{ \"foo.example.com:12345\" | stripDomain }}") == "foo:12345");
  CHECK(run("{{ \"192.0.2.1\" | stripDomain }}") == "192.0.2.1");
  CHECK(run("{{ \"192.0.2.1:12345\" | stripDomain }}") == "192.0.2.1:12345");
  CHECK(run("{{ \"2001:0DB8::1\" | stripDomain }}") == "2001:0DB8::1");
  CHECK(run("{{ \"[2001:0DB8::1]:12345\" | stripDomain }}") == "[2001:0DB8::1]:12345");
  CHECK(run("{{ \"[2001:0DB8::1]::12345\" | stripDomain }}") == "[2001:0DB8::1]::12345");
}

TEST_CASE("template_test.go: reReplaceAll, title, toUpper, toLower, match, links") {
  CHECK(run("{{ reReplaceAll \"(a)b\" \"x$1\" \"ab\" }}") == "xa");
  CHECK(run("{{ \"aa bb CC\" | title }}") == "Aa Bb CC");
  CHECK(run("{{ \"aa bb CC\" | toUpper }}") == "AA BB CC");
  CHECK(run("{{ \"aA bB CC\" | toLower }}") == "aa bb cc");
  CHECK(run("{{ match \"a+\" \"aa\" }} {{ match \"a+\" \"b\" }}") == "true false");
  CHECK(run("{{ graphLink \"up\" }}") == "/graph?g0.expr=up&g0.tab=0");
  CHECK(run("{{ tableLink \"up\" }}") == "/graph?g0.expr=up&g0.tab=1");
  CHECK(run("{{ pathPrefix }}") == "/path/prefix");
  CHECK(run("{{ externalURL }}") == "http://testhost:9090/path/prefix");
}

TEST_CASE("template_test.go: humanize") {
  CHECK(run("{{ humanize 0.0 }}:{{ humanize 1.0 }}:{{ humanize 1234567.0 }}:{{ humanize .12 }}:") ==
        "0:1:1.235M:120m:");
  CHECK(run("{{ humanize \"0.0\" }}:{{ humanize \"1.0\" }}:{{ humanize \"1234567.0\" }}:{{ humanize \".12\" }}:") ==
        "0:1:1.235M:120m:");
  CHECK(run("{{ humanize \"one\" }}") ==
        "error: template: test:1:3: executing \"test\" at <humanize \"one\">: error calling humanize: "
        "strconv.ParseFloat: "
        "parsing \"one\": invalid syntax");
  CHECK(run("{{ humanize 0 }}:{{ humanize -1 }}:{{ humanize 1 }}:{{ humanize 1234567 }}:{{ humanize "
            "9223372036854775807 }}:") == "0:-1:1:1.235M:9.223E:");
}

TEST_CASE("template_test.go: humanize1024") {
  CHECK(run("{{ humanize1024 0.0 }}:{{ humanize1024 1.0 }}:{{ humanize1024 1048576.0 }}:{{ humanize1024 .12 }}:") ==
        "0:1:1Mi:0.12:");
  CHECK(run("{{ humanize1024 \"0.0\" }}:{{ humanize1024 \"1.0\" }}:{{ humanize1024 \"1048576.0\" }}:{{ humanize1024 "
            "\".12\" }}:") == "0:1:1Mi:0.12:");
  CHECK(run("{{ humanize1024 \"one\" }}") ==
        "error: template: test:1:3: executing \"test\" at <humanize1024 \"one\">: error calling humanize1024: "
        "strconv.ParseFloat: parsing \"one\": invalid syntax");
  CHECK(run("{{ humanize1024 0 }}:{{ humanize1024 -1 }}:{{ humanize1024 1 }}:{{ humanize1024 1234567 }}:"
            "{{ humanize1024 9223372036854775807 }}:") == "0:-1:1:1.177Mi:8Ei:");
}

TEST_CASE("template_test.go: humanizeDuration") {
  CHECK(run("{{ humanizeDuration 0.0 }}:{{ humanizeDuration 1.0 }}:{{ humanizeDuration 60.0 }}:{{ humanizeDuration "
            "3600.0 }}:"
            "{{ humanizeDuration 86400.0 }}:{{ humanizeDuration 90000.0 }}:{{ humanizeDuration -183845.0 }}:"
            "{{ humanizeDuration 899.99 }}:") == "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:");
  CHECK(run("{{ humanizeDuration \"0\" }}:{{ humanizeDuration \"1\" }}:{{ humanizeDuration \"60\" }}:"
            "{{ humanizeDuration \"3600\" }}:{{ humanizeDuration \"86400\" }}:") ==
        "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:");
  CHECK(run("{{ humanizeDuration .1 }}:{{ humanizeDuration .0001 }}:{{ humanizeDuration .12345 }}:{{ humanizeDuration "
            "60.1 }}:"
            "{{ humanizeDuration 60.5 }}:{{ humanizeDuration 1.2345 }}:{{ humanizeDuration 12.345 }}:") ==
        "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:");
  CHECK(run("{{ humanizeDuration \".1\" }}:{{ humanizeDuration \".0001\" }}:{{ humanizeDuration \".12345\" }}:"
            "{{ humanizeDuration \"60.1\" }}:{{ humanizeDuration \"60.5\" }}:{{ humanizeDuration \"1.2345\" }}:"
            "{{ humanizeDuration \"12.345\" }}:") == "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:");
  CHECK(run("{{ humanizeDuration \"one\" }}") ==
        "error: template: test:1:3: executing \"test\" at <humanizeDuration \"one\">: error calling humanizeDuration: "
        "strconv.ParseFloat: parsing \"one\": invalid syntax");
  CHECK(run("{{ humanizeDuration 0 }}:{{ humanizeDuration -1 }}:{{ humanizeDuration 1 }}:{{ humanizeDuration 1234567 "
            "}}:") == "0s:-1s:1s:14d 6h 56m 7s:");
}

TEST_CASE("template_test.go: Inf and NaN through every humanize function") {
  const std::string all = "{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{ humanizeTimestamp . }}:";
  CHECK(run("{{ with \"+Inf\" }}" + all + "{{ end }}{{ with \"-Inf\" }}" + all + "{{ end }}{{ with \"NaN\" }}" + all +
            "{{ end }}") == "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:");
  // Float64 infinities and NaN come from a query.
  Run r;
  r.query_result = {{{}, std::numeric_limits<double>::infinity()},
                    {{}, -std::numeric_limits<double>::infinity()},
                    {{}, std::numeric_limits<double>::quiet_NaN()}};
  CHECK(run("{{ range query \"x\" }}{{ with .Value }}" + all + "{{ end }}{{ end }}", r) ==
        "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:");
}

TEST_CASE("template_test.go: humanizePercentage") {
  CHECK(run("{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:"
            "{{ 1.23456 | humanizePercentage }}") == "-22.22%:0%:12.35%:123.5%");
  CHECK(run("{{ humanizePercentage 0 }}:{{ humanizePercentage -1 }}:{{ humanizePercentage 1 }}:{{ humanizePercentage "
            "1234567 }}:"
            "{{ humanizePercentage 9223372036854775807 }}:") == "0%:-100%:100%:1.235e+08%:9.223e+20%:");
  CHECK(run("{{ \"-0.22222\" | humanizePercentage }}:{{ \"0.0\" | humanizePercentage }}:{{ \"0.1234567\" | "
            "humanizePercentage }}:"
            "{{ \"1.23456\" | humanizePercentage }}") == "-22.22%:0%:12.35%:123.5%");
  CHECK(run("{{ \"one\" | humanizePercentage }}") ==
        "error: template: test:1:11: executing \"test\" at <humanizePercentage>: error calling humanizePercentage: "
        "strconv.ParseFloat: parsing \"one\": invalid syntax");
}

TEST_CASE("template_test.go: humanizeTimestamp, toTime, toDuration, now, parseDuration") {
  CHECK(run("{{ humanizeTimestamp 0 }}:{{ humanizeTimestamp -1 }}:{{ humanizeTimestamp 1 }}:{{ humanizeTimestamp "
            "1234567 }}:"
            "{{ humanizeTimestamp 9223372036 }}:") ==
        "1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:"
        "1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:");
  CHECK(run("{{ humanizeTimestamp -9223372036854775808 }}") ==
        "error: template: test:1:3: executing \"test\" at <humanizeTimestamp -9223372036854775808>: error calling "
        "humanizeTimestamp: -9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows "
        "int64");
  CHECK(run("{{ 1435065584.128 | humanizeTimestamp }}") == "2015-06-23 13:19:44.128 +0000 UTC");
  CHECK(run("{{ \"1435065584.128\" | humanizeTimestamp }}") == "2015-06-23 13:19:44.128 +0000 UTC");
  CHECK(run("{{ (1435065584.128 | toTime).Format \"2006\" }}") == "2015");
  CHECK(run("{{ (\"1435065584.128\" | toTime).Format \"2006\" }}") == "2015");
  CHECK(run("{{ (1800 | toDuration).String }}") == "30m0s");
  CHECK(run("{{ (\"1800\" | toDuration).String }}") == "30m0s");
  CHECK(run("{{ now }}") == "1.353755652e+09");
  CHECK(run("{{ (now | toTime).Format \"Mon Jan 2 15:04:05 2006\" }}") == "Sat Nov 24 11:14:12 2012");
  CHECK(run("{{ (\"-30m\" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}") == "1353753852000");
  CHECK(run("{{ printf \"%0.2f\" (parseDuration \"1h2m10ms\") }}") == "3720.01");
  CHECK(run("{{ printf \"%0.2f\" (parseDuration \"-1h2m10ms\") }}") == "-3720.01");
}
