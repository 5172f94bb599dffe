// Expansions checked against promtool 3.5.3 (built with Go 1.27): each template was an annotation
// of alert "A" over `metric{instance="localhost:9090",job="node"}` (value 1e6 unless said), with
// external_labels {cluster: prod}, external_url http://example.com:9090/prom, checked at 5m; the
// expected text is what promtool printed as the annotation. Queries return what promtool's storage
// held. Templates using functions newer than 3.5 (now, toDuration, urlQueryEscape) are tested
// against Prometheus's own expectations in prometheus_template_test.cpp.
#include <doctest/doctest.h>

#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gotemplate/expand.hpp"

namespace {

using namespace mlmon::gotemplate;

struct Case {
  std::string_view text;
  std::string_view expected;
};

AlertTemplateData promtool_data(double value = 1e6) {
  AlertTemplateData data;
  data.labels = {{"__name__", "metric"}, {"instance", "localhost:9090"}, {"job", "node"}};
  data.external_labels = {{"cluster", "prod"}};
  data.external_url = "http://example.com:9090/prom";
  data.value = value;
  return data;
}

ExpandContext promtool_context() {
  ExpandContext context;
  context.eval_time_ms = 5 * 60 * 1000;
  context.query = [](std::string_view q) -> mlmon::Result<std::vector<QuerySample>> {
    using Samples = std::vector<QuerySample>;
    if (q == "metric") return Samples{{{{"__name__", "metric"}, {"instance", "localhost:9090"}, {"job", "node"}}, 1e6}};
    if (q == "sort_desc(metric2)") {
      return Samples{{{{"__name__", "metric2"}, {"a", "y"}}, 2}, {{{"__name__", "metric2"}, {"a", "x"}}, 1}};
    }
    if (q == "vector(2)") return Samples{{{}, 2}};
    if (q == "nope") return Samples{};
    return mlmon::fail("unexpected query");
  };
  return context;
}

void check_all(std::span<const Case> cases) {
  const AlertTemplateData data = promtool_data();
  const ExpandContext context = promtool_context();
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(expand_alert_field("A", c.text, data, context) == c.expected);
  }
}

constexpr Case values_and_printf[] = {
    {"{{ $value }}", "1e+06"},
    {"{{ . }}",
     "{map[__name__:metric instance:localhost:9090 job:node] map[cluster:prod] http://example.com:9090/prom"
     " 1e+06}"},
    {"{{ $labels }}", "map[__name__:metric instance:localhost:9090 job:node]"},
    {"{{ $externalLabels }} {{ $externalURL }}", "map[cluster:prod] http://example.com:9090/prom"},
    {"{{ .Value }} {{ .ExternalURL }}", "1e+06 http://example.com:9090/prom"},
    {"{{ .Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; External"
     "Labels map[string]string; ExternalURL string; Value interface {} }>"},
    {"{{ $labels.missing }}|{{ .Labels.job }}", "|node"},
    {"{{ printf \"%v|%d|%s|%q|%x|%X|%o|%b|%e|%E|%f|%F|%g|%G|%t\" $value 42 \"str\" \"quo\\\"te\" 255 255 8 "
     "5 1234.5678 1234.5678 1234.5678 1234.5678 1234.5678 0.000012345 true }}",
     "1e+06|42|str|\"quo\\\"te\"|ff|FF|10|101|1.234568e+03|1.234568E+03|1234.567800|1234.567800|1234.5678|1"
     ".2345E-05|true"},
    {"{{ printf \"%5d|%-5d|%05d|%+d|% d|%x|%#x|%#o|%#b|%O\" 42 42 42 42 42 -255 255 8 5 8 }}",
     "   42|42   |00042|+42| 42|-ff|0xff|010|0b101|0o10"},
    {"{{ printf \"%.2f|%8.3f|%-8.3f|%08.3f|%+.1f|% .1f|%.0f|%#.0f\" 3.14159 3.14159 3.14159 -3.14159 2.0 2."
     "0 2.5 2.5 }}",
     "3.14|   3.142|3.142   |-003.142|+2.0| 2.0|2|2."},
    {"{{ printf \"%.3g|%.10g|%g|%g|%g|%g|%#g|%#.3g\" 1234.5678 1234.5678 100000.0 1000000.0 0.0001 0.00001 "
     "1.0 1.0 }}",
     "1.23e+03|1234.5678|100000|1e+06|0.0001|1e-05|1.00000|1.00"},
    {"{{ printf \"%e|%.2e|%.0e|%#.0e|%E\" 0.0 123456.789 5.5 5.5 1e300 }}",
     "0.000000e+00|1.23e+05|6e+00|6.e+00|1.000000E+300"},
    {"{{ printf \"%s|%10s|%-10s|%.2s|%q|%+q|%#q|%x|% x|%X\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo"
     "\" \"héllo\" \"he`l\" \"hi\" \"hi\" \"hi\" }}",
     "héllo|     héllo|héllo     |hé|\"héllo\"|\"h\\u00e9llo\"|\"he`l\"|6869|68 69|6869"},
    {"{{ printf \"%c|%q|%U|%#U|%x\" 65 65 65 233 'a' }}", "A|'A'|U+0041|U+00E9 'é'|61"},
    {"{{ printf \"%d %d\" 1 }}", "1 %!d(MISSING)"},
    {"{{ printf \"%d\" 1 2 3 }}", "1%!(EXTRA int=2, int=3)"},
    {"{{ printf \"%z %d\" 1 \"x\" }}", "%!z(int=1) %!d(string=x)"},
    {"{{ printf \"%!\" }}", "%!!(MISSING)"},
    {"{{ printf \"%\" }}", "%!(NOVERB)"},
    {"{{ printf \"%[2]d %[1]d\" 1 2 }}", "2 1"},
    {"{{ printf \"%[3]d\" 1 2 }}", "%!d(BADINDEX)"},
    {"{{ printf \"%*d|%-*d|%.*f\" 5 42 5 42 2 3.14159 }}", "   42|42   |3.14"},
    {"{{ printf \"%v %v %v %v\" nil true 1.5 \"s\" }}", "<nil> true 1.5 s"},
    {"{{ printf \"%T %T %T %T %T %T\" 1 1.5 \"s\" true $labels $value }}",
     "int float64 string bool map[string]string float64"},
    {"{{ printf \"%v|%+v|%#v\" $labels $labels $labels }}",
     "map[__name__:metric instance:localhost:9090 job:node]|map[__name__:metric instance:localhost:9090 job"
     ":node]|map[string]string{\"__name__\":\"metric\", \"instance\":\"localhost:9090\", \"job\":\"node\"}"},
    {"{{ printf \"%#v|%#v|%#v|%#v\" 1.0 \"s\" 42 true }}", "1|\"s\"|42|true"},
    {"{{ printf \"%d\" $labels }}",
     "map[%!d(string=__name__):%!d(string=metric) %!d(string=instance):%!d(string=localhost:9090) %!d(strin"
     "g=job):%!d(string=node)]"},
    {"{{ printf \"%s\" 42 }}", "%!s(int=42)"},
    {"{{ printf \"%05s|%-05d|%05.1f\" \"ab\" 7 -2.5 }}", "000ab|7    |-02.5"},
    {"{{ printf \"%6.2f%%\" 99.5 }}", " 99.50%"},
    {"{{ print 1 2 \"a\" \"b\" 3 true nil }}", "1 2ab3 true <nil>"},
    {"{{ println 1 \"a\" 2 }}", "1 a 2\n"},
    {"{{ 1e6 }} {{ 1e-5 }} {{ 0.1 }} {{ 12345678.0 }} {{ 123456.7 }} {{ 1e21 }} {{ 1e20 }} {{ -0.0 }} {{ 10"
     "0000.0 }}",
     "1e+06 1e-05 0.1 1.2345678e+07 123456.7 1e+21 1e+20 -0 100000"},
    {"{{ 0x1F }} {{ 'a' }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }} {{ 1+2i }} {{ 2i }} {{ 1.5e3 }}",
     "31 97 1000 15 5 (1+2i) (0+2i) 1500"},
    {"{{ humanize $value }} {{ humanize1024 $value }} {{ humanizeDuration $value }} {{ humanizePercentage $"
     "value }} {{ humanizeTimestamp $value }}",
     "1M 976.6ki 11d 13h 46m 40s 1e+08% 1970-01-12 13:46:40 +0000 UTC"},
    {"{{ humanize 0.000001234 }} {{ humanize 1e30 }} {{ humanize -1234 }} {{ humanize1024 1e30 }} {{ humani"
     "ze 999.9999 }}",
     "1.234u 1e+06Y -1.234k 8.272e+05Yi 1000"},
    {"{{ humanizeDuration 0.000000001 }} {{ humanizeDuration 1e-30 }} {{ humanizeDuration -0.5 }} {{ humani"
     "zeDuration 1e20 }}",
     "1ns 1e-06ys -500ms -106751991167300d -15h -30m -8s"},
    {"{{ humanize true }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize true>: error calling humanize: can't convert bool to float>"},
    {"{{ humanize nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize nil>: error calling humanize: can't convert <nil> to float>"},
    {"{{ humanize $labels }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize $labels>: error calling humanize: can't convert map[string]string to float"
     ">"},
    {"{{ humanizeTimestamp 1e19 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanizeTimestamp 1e19>: error calling humanizeTimestamp: 1e+19 cannot be represent"
     "ed as a nanoseconds timestamp since it overflows int64>"},
    {"{{ toTime \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <toTime \"x\">: error calling toTime: strconv.ParseFloat: parsing \"x\": invalid syn"
     "tax>"},
    {"{{ toTime 1e300 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <toTime 1e300>: error calling toTime: 1e+300 cannot be represented as a nanoseconds "
     "timestamp since it overflows int64>"},
    {"{{ parseDuration \"1h\" }} {{ parseDuration \"1y2w\" }} {{ parseDuration \"90s\" }}", "3600 3.27456e+07 90"},
    {"{{ parseDuration \"1.5h\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"1.5h\">: error calling parseDuration: unknown unit \".\" in duratio"
     "n \"1.5h\">"},
    {"{{ parseDuration \"5x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"5x\">: error calling parseDuration: unknown unit \"x\" in duration "
     "\"5x\">"},
    {"{{ parseDuration \"\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"\">: error calling parseDuration: empty duration string>"},
    {"{{ title \"hello world-foo_bar.baz don't 1st\" }}", "Hello World-Foo_bar.baz Don't 1St"},
    {"{{ title \"élan ǆemal straße ﬁne\" }} {{ toUpper \"straße élan ǆ\" }} {{ toLower \"ÉLAN ǅ ΣΑΣ\" }}",
     "Élan ǅemal Straße Fine STRAßE ÉLAN Ǆ élan ǆ σασ"},
    {"{{ title \"foo..bar a:b a;b a'b a''b\" }}", "Foo..Bar A:b A;B A'b A''B"},
    {"{{ reReplaceAll \"(\" \"x\" \"y\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <reReplaceAll \"(\" \"x\" \"y\">: error calling reReplaceAll: regexp: Compile(`(`): "
     "error parsing regexp: missing closing ): `(`>"},
    {"{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", "-b-c-"},
    {"{{ reReplaceAll \"(?P<first>\\\\w+)\\\\s(?P<last>\\\\w+)\" \"${last} $first $1x ${1}x $$ $\" \"John S"
     "mith\" }}",
     "Smith John  Johnx $ $"},
    {"{{ reReplaceAll \"(?<n>a)\" \"[$n]\" \"banana\" }}", "b[a]n[a]n[a]"},
    {"{{ match \"^a.c$\" \"abc\" }} {{ match \"(\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:141: executing "
     "\"__alert_A\" at <match \"(\" \"x\">: error calling match: error parsing regexp: missing closing ): `"
     "(`>"},
    {"{{ match \"[z-a]\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"[z-a]\" \"x\">: error calling match: error parsing regexp: invalid characte"
     "r class range: `z-a`>"},
    {"{{ html \"<a href='x'>&\\\"</a>\" }} {{ js \"<a>'\\\"\\\\=&\\u00e9\\u2028\" }}",
     "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt; \\u003Ca\\u003E\\'\\\"\\\\\\u003D\\u0026é\\u2028"},
    {"{{ safeHtml \"<b>\" }} {{ printf \"%T\" (safeHtml \"x\") }}", "<b> template.HTML"},
    {"{{ stripPort \"host\" }} {{ stripDomain \"a.b.c:80\" }} {{ stripDomain \"[::1]:80\" }} {{ stripDomain"
     " \"localhost:9090\" }}",
     "host a:80 [::1]:80 localhost:9090"},
    {"{{ $externalURL }}|{{ externalURL }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:134: executing "
     "\"__alert_A\" at <externalURL>: error calling externalURL: runtime error: invalid memory address or n"
     "il pointer dereference>"},
    {"{{ pathPrefix }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <pathPrefix>: error calling pathPrefix: runtime error: invalid memory address or nil"
     " pointer dereference>"},
    {"{{ urlquery \"a b&c=d/e?f~g\" }} {{ urlquery \"a b\" 1 }}", "a+b%26c%3Dd%2Fe%3Ff~g a+b1"},
};

constexpr Case control_flow_and_errors[] = {
    {"{{ if gt $value 100.0 }}big{{ else }}small{{ end }}", "big"},
    {"{{ if gt $value 100 }}big{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:118: executing "
     "\"__alert_A\" at <gt $value 100>: error calling gt: incompatible types for comparison: float64 and in"
     "t>"},
    {"{{ if eq $value 1e6 }}eq{{ end }} {{ if eq $labels.job \"a\" \"node\" \"b\" }}multi{{ end }} {{ ne 1 "
     "2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ ge \"a\" \"b\" }} {{ gt 1.5 1.2 }}",
     "eq multi true true true false true"},
    {"{{ eq 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq 1>: error calling eq: missing argument for comparison>"},
    {"{{ lt true false }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <lt true false>: error calling lt: invalid type for comparison>"},
    {"{{ lt $labels $labels }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <lt $labels $labels>: error calling lt: invalid type for comparison>"},
    {"{{ eq $labels $labels }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq $labels $labels>: error calling eq: non-comparable type map[__name__:metric inst"
     "ance:localhost:9090 job:node]: map[string]string>"},
    {"{{ eq .Labels nil }}", "false"},
    {"{{ eq nil nil }}", "true"},
    {"{{ lt 1 1.5 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <lt 1 1.5>: error calling lt: incompatible types for comparison: int and float64>"},
    {"{{ eq \"a\" 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison: string and int>"},
    {"{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" 3 }} {{ or 0 \"\" }} {{ not 0 }} {{ not $labels }} {{ and "
     "}}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:205: executing "
     "\"__alert_A\" at <and>: wrong number of args for and: want at least 1 got 0>"},
    {"{{ and 0 (humanize \"x\") }}{{ or 1 (humanize \"x\") }}", "01"},
    {"{{ true | and 1 }} {{ 0 | or \"\" }}", "true 0"},
    {"{{ len $labels }} {{ len \"héllo\" }} {{ len $value }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:152: executing "
     "\"__alert_A\" at <len $value>: error calling len: len of type float64>"},
    {"{{ index $labels \"job\" }} {{ index $labels \"nope\" }} {{ index \"abc\" 1 }} {{ index \"abc\" 3 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:188: executing "
     "\"__alert_A\" at <index \"abc\" 3>: error calling index: reflect: string index out of range>"},
    {"{{ index \"abc\" -1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index \"abc\" -1>: error calling index: index out of range: -1>"},
    {"{{ index $value 0 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index $value 0>: error calling index: can't index item of type float64>"},
    {"{{ index $labels 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index $labels 1>: error calling index: value has type int; should be string>"},
    {"{{ index nil 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index nil 1>: error calling index: index of untyped nil>"},
    {"{{ slice \"hello\" 1 3 }} {{ slice \"hello\" 2 }} {{ slice \"hello\" }} {{ slice \"hello\" 3 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:181: executing "
     "\"__alert_A\" at <slice \"hello\" 3 1>: error calling slice: invalid slice index: 3 > 1>"},
    {"{{ slice \"hello\" 1 2 3 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice \"hello\" 1 2 3>: error calling slice: cannot 3-index slice a string>"},
    {"{{ slice $labels 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice $labels 1>: error calling slice: can't slice item of type map[string]string>"},
    {"{{ range $i, $e := args \"x\" \"y\" }}{{ $i }}={{ $e }};{{ end }}", "arg0=x;arg1=y;"},
    {"{{ range $k, $v := $labels }}{{ if eq $k \"instance\" }}{{ continue }}{{ end }}{{ $k }}:{{ $v }};{{ i"
     "f eq $k \"job\" }}{{ break }}{{ end }}{{ end }}",
     "__name__:metric;job:node;"},
    {"{{ range $externalLabels }}{{ . }}{{ else }}none{{ end }}|{{ range .Foo }}{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:179: executing "
     "\"__alert_A\" at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; External"
     "Labels map[string]string; ExternalURL string; Value interface {} }>"},
    {"{{ range $value }}x{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <$value>: range can't iterate over 1e+06>"},
    {"{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range 0 }}x{{ else }}empty{{ en"
     "d }}",
     "012|01|empty"},
    {"{{ range $a, $b := 3 }}{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:131: executing "
     "\"__alert_A\" at <3>: can't use 3 to iterate over more than one variable>"},
    {"{{ range \"abc\" }}{{ . }}{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <\"abc\">: range can't iterate over abc>"},
    {"{{ with $labels.job }}job={{ . }}{{ end }} {{ with $labels.nope }}x{{ else }}no{{ end }} {{ with $lab"
     "els.nope }}{{ else with $labels.instance }}inst={{ . }}{{ end }}",
     "job=node no inst=localhost:9090"},
    {"{{ with $x := $labels.job }}{{ $x }}{{ end }}", "node"},
    {"{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}", "2"},
    {"{{ $x := \"a\" }}{{ range $labels }}{{ $x = . }}{{ end }}{{ $x }}", "node"},
    {"{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" $value }}{{ template \"t\" }}{{ template \"t\" "
     "\"s\" }}",
     "[1e+06][<no value>][s]"},
    {"{{ define \"t\" }}{{ $ }}{{ end }}{{ template \"t\" 5 }}", "5"},
    {"{{ template \"nope\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:124: executing "
     "\"__alert_A\" at <{{template \"nope\"}}>: template \"nope\" not defined>"},
    {"{{ block \"b\" $labels.job }}<{{ . }}>{{ end }}", "<node>"},
    {"{{ define \"rec\" }}{{ template \"rec\" . }}{{ end }}{{ template \"rec\" 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:142: executing "
     "\"rec\" at <{{template \"rec\" .}}>: exceeded maximum template depth (100000)>"},
    {"{{ define \"t\" }}{{ .Foo }}{{ end }}{{ template \"t\" . }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:131: executing "
     "\"t\" at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels m"
     "ap[string]string; ExternalURL string; Value interface {} }>"},
    {"{{ define \"t\" }}\n\n  {{ humanize \"x\" }}{{ end }}{{ template \"t\" . }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:3:5: executing \"t"
     "\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax>"},
    {"line1\n{{ humanize \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:2:3: executing \"_"
     "_alert_A\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid sy"
     "ntax>"},
    {"{{ $value.Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <$value.Foo>: can't evaluate field Foo in type float64>"},
    {"{{ .Value.Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <.Value.Foo>: can't evaluate field Foo in type interface {}>"},
    {"{{ $labels.job.Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:122: executing "
     "\"__alert_A\" at <$labels.job.Foo>: can't evaluate field Foo in type string>"},
    {"{{ .Labels.job 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:122: executing "
     "\"__alert_A\" at <.Labels.job>: job is not a method but has arguments>"},
    {"{{ $labels 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <$labels>: can't give argument to non-function $labels>"},
    {"{{ 1 2 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <1>: can't give argument to non-function 1>"},
    {"{{ nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <nil>: nil is not a command>"},
    {"{{ \"x\" | len | printf \"%d\" }}", "1"},
    {"{{ 5 | printf }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:119: executing "
     "\"__alert_A\" at <printf>: wrong type for value; expected string; got int>"},
    {"{{ printf }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <printf>: wrong number of args for printf: want at least 1 got 0>"},
    {"{{ humanize }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize>: wrong number of args for humanize: want 1 got 0>"},
    {"{{ humanize 1 2 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize>: wrong number of args for humanize: want 1 got 2>"},
    {"{{ label 1 2 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <1>: expected string; found 1>"},
    {"{{ label \"x\" nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <label \"x\" nil>: error calling label: runtime error: invalid memory address or nil"
     " pointer dereference>"},
    {"{{ first \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing "
     "\"__alert_A\" at <\"x\">: can't handle \"x\" for arg of type template.queryResult>"},
    {"{{ toUpper 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1>: expected string; found 1>"},
    {"{{ toUpper $value }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <$value>: wrong type for value; expected string; got float64>"},
    {"{{ toUpper .Value }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <.Value>: wrong type for value; expected string; got float64>"},
    {"{{ toUpper (safeHtml \"x\") }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:133: executing "
     "\"__alert_A\" at <\"x\">: wrong type for value; expected string; got template.HTML>"},
    {"{{ toUpper nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <nil>: cannot assign nil to string>"},
    {"{{ toUpper .Labels.missing }}", ""},
    {"{{ call $labels }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <call $labels>: error calling call: non-function $labels of type map[string]string>"},
    {"{{ call nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <call nil>: error calling call: call of nil>"},
    {"{{ call }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <call>: wrong number of args for call: want at least 1 got 0>"},
    {"{{ $labels | call }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:125: executing "
     "\"__alert_A\" at <call>: error calling call: non-function <map[string]string Value> of type map[strin"
     "g]string>"},
    {"{{ args 1 \"a\" nil 2.5 }}", "map[arg0:1 arg1:a arg2:<nil> arg3:2.5]"},
    {"{{ (args 1).arg5 }}|{{ print (args 1).arg5 }}|{{ index (args 1) \"x\" }}", "<no value>|<nil>|<no value>"},
    {"{{ printf \"%v|%T\" (args 1).arg0 (args 1).arg0 }}", "1|int"},
    {"{{ html 1 \"<\" nil }}|{{ html }}|{{ js nil }}", "1&lt;&lt;no value&gt;||\\u003Cno value\\u003E"},
    {"{{ 18446744073709551615 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <18446744073709551615>: 18446744073709551615 overflows int>"},
    {"{{ printf \"%d\" 18446744073709551615 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:127: executing "
     "\"__alert_A\" at <18446744073709551615>: 18446744073709551615 overflows int>"},
    {"{{ printf \"%v\" 0x10p3 }} {{ 0x1p-2 }} {{ 1e100 }}", "128 0.25 1e+100"},
    {"{{- \" a \" -}}  x  {{- 1 }}", " a x1"},
    {"a {{/* comment */}} b", "a  b"},
    {"{{ .Labels.job | printf \"%s-%s\" \"x\" }}", "x-node"},
    {"{{ $ := 1 }}", ""},
    {"{{ $.Labels.job }} {{ $.Value }}", "node 1e+06"},
    {"{{ $value | printf \"%.1f\" }} {{ $value | humanize | printf \"%s!\" }}", "1000000.0 1M!"},
    {"{{ (printf \"%s\" \"x\").Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:128: executing "
     "\"__alert_A\" at <\"x\">: can't evaluate field Foo in type string>"},
    {"{{ (humanize 1).Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:125: executing "
     "\"__alert_A\" at <1>: can't evaluate field Foo in type string>"},
    {"{{ if $labels }}t{{ end }}{{ if .Foo }}x{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:144: executing "
     "\"__alert_A\" at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; External"
     "Labels map[string]string; ExternalURL string; Value interface {} }>"},
    {"{{ if \"\" }}a{{ else if 0 }}b{{ else if 0.0 }}c{{ else if $externalLabels }}d{{ else }}e{{ end }}", "d"},
};

constexpr Case functions_and_formats[] = {
    {"{{ printf \"%x|%X|%#x|%.3x|%b|%.2b\" 1.5 1.5 1.5 3.14159 1.0 1.0 }}",
     "0x1.8p+00|0X1.8P+00|0x1.8000p+00|0x1.922p+01|4503599627370496p-52|4503599627370496p-52"},
    {"{{ printf \"%8.2e|%-12g|%012.4f|%+.3e|% g\" 12345.678 0.5 -3.14159 1e-7 2.0 }}",
     "1.23e+04|0.5         |-000003.1416|+1.000e-07| 2"},
    {"{{ printf \"%.0g|%.1g|%.20g|%.17g|%g\" 123.456 0.000123 0.1 0.1 1e-320 }}",
     "1e+02|0.0001|0.10000000000000000555|0.10000000000000001|1e-320"},
    {"{{ printf \"%#g|%#.2g|%#e|%#v\" 100000.0 0.5 1.0 1e6 }}", "100000.|0.50|1.000000e+00|1e+06"},
    {"{{ printf \"%v|%.2v|%10v|%-10v|\" 3.14159 3.14159 \"ab\" 2.5 }}", "3.14159|3.1|        ab|2.5       |"},
    {"{{ printf \"%3c|%-4q|%#q|%+q\" 'x' 'y' \"a\\tb\" \"ünï\" }}", "  x|'y' |`a\tb`|\"\\u00fcn\\u00ef\""},
    {"{{ printf \"%d|%x|%o|%c\" 'é' 'é' 'é' 'é' }}", "233|e9|351|é"},
    {"{{ printf \"%08.3d|%.0d|%.0d|%5.0d|%x|%X\" 42 0 7 0 -1 3735928559 }}", "     042||7|     |-1|DEADBEEF"},
    {"{{ printf \"%U|%#U|%#U|%.6U\" 0x1F600 0x1F600 10 65 }}", "U+1F600|U+1F600 '😀'|U+000A|U+000041"},
    {"{{ printf \"%s|%v|%d|%q\" (args 1.5 \"x\") (args 1.5 \"x\") (args 1 2) (args \"a\" 'b') }}",
     "map[arg0:%!s(float64=1.5) arg1:x]|map[arg0:1.5 arg1:x]|map[%!d(string=arg0):1 %!d(string=arg1):2]|map"
     "[\"arg0\":\"a\" \"arg1\":'b']"},
    {"{{ printf \"%v %s %d\" $labels.job (index $labels \"instance\") (len $externalLabels) }}",
     "node localhost:9090 1"},
    {"{{ printf \"%t|%t|%v\" 1 \"x\" false }}", "%!t(int=1)|%!t(string=x)|false"},
    {"{{ printf \"%6.2v|%-8q|%x\" \"hello\" \"hi\" \"\" }}", "    he|\"hi\"    |"},
    {"{{ printf \"%[1]d %[1]x %[1]o %#[1]x\" 255 }}", "255 ff 377 0xff"},
    {"{{ printf \"%[2]*[1]d|%.[2]f\" 12 5 }}", "   12|%!f(int=5)"},
    {"{{ printf \"%-+6d|%+-6d|%0-6d|%-06d\" 5 5 5 5 }}", "+5    |+5    |5     |5     "},
    {"{{ printf \"%*d|%*d\" -6 7 \"x\" 8 }}", "7     |%!(BADWIDTH)8"},
    {"{{ printf \"%.*d\" -1 7 }}", "%!(BADPREC)7"},
    {"{{ printf \"%10.4s|%-10.2q\" \"abcdefgh\" \"abcdefgh\" }}", "      abcd|\"ab\"      "},
    {"{{ printf \"%v|%v|%v\" (2i) (1+2i) (1.5-0.5i) }} {{ printf \"%.1f|%e\" (1+2i) 2i }}",
     "(0+2i)|(1+2i)|(1.5-0.5i) (1.0+2.0i)|(0.000000e+00+2.000000e+00i)"},
    {"{{ printf \"%s\" nil }} {{ printf \"%d\" nil }} {{ printf \"%v\" nil }} {{ printf \"%T\" nil }}",
     "%!s(<nil>) %!d(<nil>) <nil> <nil>"},
    {"{{ printf \"%d %s\" (len $labels) .ExternalURL }}", "3 http://example.com:9090/prom"},
    {"{{ printf \"%5.1f%%|%3d%%\" 12.345 7 }}", " 12.3%|  7%"},
    {"{{ printf \"%q\" \"\\x00\\x7f\\u2028é\\U0001F600\" }}", "\"\\x00\\x7f\\u2028é😀\""},
    {"{{ printf \"%x|% X|%# x\" \"héllo\" \"hi\" \"ab\" }}", "68c3a96c6c6f|68 69|0x61 0x62"},
    {"{{ printf \"%v|%v\" .Labels .ExternalLabels }}",
     "map[__name__:metric instance:localhost:9090 job:node]|map[cluster:prod]"},
    {"{{ print \"a\" 1 2 \"b\" \"c\" 3.5 nil nil }}|{{ print }}|{{ print nil }}", "a1 2bc3.5 <nil> <nil>||<nil>"},
    {"{{ println }}|{{ println \"a\" \"b\" }}", "\n|a b\n"},
    {"{{ print $labels 1 }}|{{ print (args 1) 2 }}",
     "map[__name__:metric instance:localhost:9090 job:node] 1|map[arg0:1] 2"},
    {"  a  {{- \"x\" }}  {{ \"y\" -}}  b  ", "  ax  yb  "},
    {"{{- /* c */ -}}  x  {{ 1 -}}\n\n  y", "x  1y"},
    {"{{ \"a\" }}\n{{ \"b\" }}\n  {{ humanize \"z\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:3:5: executing \"_"
     "_alert_A\" at <humanize \"z\">: error calling humanize: strconv.ParseFloat: parsing \"z\": invalid sy"
     "ntax>"},
    {"\n\n{{ if true }}\n{{ index $labels 1 }}{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:4:3: executing \"_"
     "_alert_A\" at <index $labels 1>: error calling index: value has type int; should be string>"},
    {"{{ range $i, $x := args 1 2 3 }}{{ if eq $i \"arg1\" }}{{ continue }}{{ end }}{{ $x }}{{ end }}", "13"},
    {"{{ range $i := args 1 2 }}{{ $i }}{{ end }}", "12"},
    {"{{ $n := 0 }}{{ range $labels }}{{ $n = len . }}{{ end }}{{ $n }}", "4"},
    {"{{ range $labels }}{{ $x := . }}{{ end }}{{ $value }}", "1e+06"},
    {"{{ range $k, $v := .Labels }}{{ $k }}{{ break }}{{ end }}", "__name__"},
    {"{{ with $labels }}{{ .job }} {{ $.Value }}{{ end }}", "node 1e+06"},
    {"{{ with .ExternalLabels }}{{ .cluster }}{{ end }}", "prod"},
    {"{{ if and (eq $labels.job \"node\") (gt $value 10.0) }}A{{ end }}{{ if or (eq $labels.job \"x\") (lt "
     "$value 10.0) }}B{{ else }}C{{ end }}",
     "AC"},
    {"{{ if not (eq $labels.job \"x\") }}ok{{ end }}", "ok"},
    {"{{ eq .Value 1e6 }} {{ eq $value .Value }} {{ eq (index $labels \"job\") \"node\" }}", "true true true"},
    {"{{ eq (args 1).arg0 1 }} {{ eq (args nil).arg0 nil }} {{ eq (safeHtml \"a\") \"a\" }}", "true true true"},
    {"{{ lt (safeHtml \"a\") \"b\" }}", "true"},
    {"{{ eq 1 1.0 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64>"},
    {"{{ eq 'a' 97 }} {{ lt -1 0 }}", "true true"},
    {"{{ define \"a\" }}A{{ template \"b\" . }}{{ end }}{{ define \"b\" }}B{{ . }}{{ end }}{{ template \"a"
     "\" 7 }}",
     "AB7"},
    {"{{ define \"x\" }}{{ $x := 1 }}{{ $x }}{{ end }}{{ $x := 2 }}{{ template \"x\" }}{{ $x }}", "12"},
    {"{{ template \"x\" $y := 5 }}{{ $y }}{{ define \"x\" }}{{ . }}{{ end }}", "55"},
    {"{{ block \"b\" . }}{{ .Labels.job }}{{ end }}{{ template \"b\" . }}", "nodenode"},
    {"{{ define \"e\" }}{{ end }}[{{ template \"e\" }}]", "[]"},
    {"{{ (index (args $labels) \"arg0\").job }}", "node"},
    {"{{ index (args (args 1 2)) \"arg0\" \"arg1\" }}", "2"},
    {"{{ len (args) }} {{ len (index (args \"abc\") \"arg0\") }}", "0 3"},
    {"{{ slice (index (args \"héllo\") \"arg0\") 1 3 }}", "é"},
    {"{{ index \"héllo\" 1 }} {{ printf \"%c\" (index \"héllo\" 0) }}", "195 h"},
    {"{{ and (index $labels \"x\") 1 }}|{{ or (index $labels \"x\") (index $labels \"job\") }}", "|node"},
    {"{{ humanize \"0x10\" }} {{ humanize \"1_000\" }} {{ humanize \"1e3\" }} {{ humanize \" 1\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanize \"0x10\">: error calling humanize: strconv.ParseFloat: parsing \"0x10\": i"
     "nvalid syntax>"},
    {"{{ humanize \"inf\" }} {{ humanize \"-infinity\" }} {{ humanize \"nan\" }} {{ humanize \"+nan\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:184: executing "
     "\"__alert_A\" at <humanize \"+nan\">: error calling humanize: strconv.ParseFloat: parsing \"+nan\": i"
     "nvalid syntax>"},
    {"{{ humanize \"0x1p4\" }} {{ humanize \"1e400\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:138: executing "
     "\"__alert_A\" at <humanize \"1e400\">: error calling humanize: strconv.ParseFloat: parsing \"1e400\":"
     " value out of range>"},
    {"{{ humanize 'a' }} {{ humanizePercentage 0x10 }} {{ humanize .Labels.job }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:164: executing "
     "\"__alert_A\" at <humanize .Labels.job>: error calling humanize: strconv.ParseFloat: parsing \"node\""
     ": invalid syntax>"},
    {"{{ humanize1024 1024 }} {{ humanize1024 1023.9 }} {{ humanize1024 -2048 }} {{ humanize 1000 }} {{ hum"
     "anize 999.95 }} {{ humanize -0.001 }}",
     "1ki 1024 -2ki 1k 1000 -1m"},
    {"{{ humanizeDuration 59.99999 }} {{ humanizeDuration 3599.9 }} {{ humanizeDuration -0.000001 }} {{ hum"
     "anizeDuration 0.999999 }}",
     "60s 59m 59s -1us 1000ms"},
    {"{{ humanizeTimestamp -1.5 }} {{ humanizeTimestamp 0.0005 }} {{ humanizeTimestamp 1e-10 }} {{ humanize"
     "Timestamp -0.0005 }}",
     "1969-12-31 23:59:58.5 +0000 UTC 1970-01-01 00:00:00 +0000 UTC 1970-01-01 00:00:00 +0000 UTC 1970-01-0"
     "1 00:00:00 +0000 UTC"},
    {"{{ (toTime 1.5).Nanosecond }} {{ (toTime 86400).Day }} {{ toTime 0 }} {{ (toTime 1e9).Format \"2006-0"
     "1-02T15:04:05Z07:00 Mon Jan _2 3:04PM .000 .999 ,000 MST -0700 -07:00 002 __2\" }}",
     "500000000 2 1970-01-01 00:00:00 +0000 UTC 2001-09-09T01:46:40Z Sun Sep  9 1:46AM .000  ,000 UTC +0000"
     " +00:00 252 252"},
    {"{{ (toTime 1234567890.123456).Format \"Monday January 2 06 15 03 3 04 4 05 5 pm PM .0 .00 .000000 .99"
     "9999999 Z0700 Z07\" }}",
     "Friday February 13 09 23 11 11 31 31 30 30 pm PM .1 .12 .123000 .123 Z Z"},
    {"{{ (toTime -62135596800).Format \"2006-01-02\" }} {{ (toTime -1e11).Format \"2006 06\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:116: executing "
     "\"__alert_A\" at <toTime -62135596800>: error calling toTime: -6.21355968e+10 cannot be represented a"
     "s a nanoseconds timestamp since it overflows int64>"},
    {"{{ (toTime 1e9).UnixMilli }} {{ (toTime 1e9).UnixNano }} {{ (toTime 1e9).UTC }} {{ (toTime 1e9).Local"
     " }}",
     "1000000000000 1000000000000000000 2001-09-09 01:46:40 +0000 UTC 2001-09-09 01:46:40 +0000 UTC"},
    {"{{ (toTime 1e9).Hour }} {{ (toTime 1e9).Minute }} {{ (toTime 1e9).Second }} {{ (toTime 1e9).Month.Str"
     "ing }} {{ printf \"%d\" (toTime 1e9).Month }}",
     "1 46 40 September 9"},
    {"{{ (toTime 1e9).IsZero }} {{ (toTime 1e9).Before (toTime 2e9) }} {{ (toTime 1e9).After (toTime 2e9) }"
     "} {{ (toTime 1e9).Equal (toTime 1e9) }}",
     "false true false true"},
    {"{{ (toTime 1e9).Sub (toTime 999999000) }} {{ (toTime 1e9).AddDate 1 2 3 }} {{ (toTime 1e9).Truncate 3"
     "600000000000 }} {{ (toTime 1e9).Round 3600000000000 }}",
     "16m40s 2002-11-12 01:46:40 +0000 UTC 2001-09-09 01:00:00 +0000 UTC 2001-09-09 02:00:00 +0000 UTC"},
    {"{{ (toTime 1e9).Zone }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1e9>: invalid function signature for Zone: second return value should be error; is "
     "int>"},
    {"{{ (toTime 1e9).Date }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1e9>: function Date has 3 return values; should be 1 or 2>"},
    {"{{ (toTime 1e9).Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1e9>: can't evaluate field Foo in type *time.Time>"},
    {"{{ (toTime 1e9).wall }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1e9>: wall is an unexported field of struct type *time.Time>"},
    {"{{ (toTime 1e9).Format }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:123: executing "
     "\"__alert_A\" at <1e9>: wrong number of args for Format: want 1 got 0>"},
    {"{{ (toTime 1e9).Format 5 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:135: executing "
     "\"__alert_A\" at <5>: expected string; found 5>"},
    {"{{ (toTime 1e9).Add \"1s\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:132: executing "
     "\"__alert_A\" at <\"1s\">: expected integer; found \"1s\">"},
    {"{{ (toTime 1e9).Add 1000000000 }}", "2001-09-09 01:46:41 +0000 UTC"},
    {"{{ printf \"%v|%s|%d\" (toTime 1e9) (toTime 1.5) (toTime 0) }}",
     "2001-09-09 01:46:40 +0000 UTC|1970-01-01 00:00:01.5 +0000 UTC|&{0 62135596800 0}"},
    {"{{ printf \"%#v\" (toTime 1.5) }}", "time.Date(1970, time.January, 1, 0, 0, 1, 500000000, time.UTC)"},
    {"{{ eq (toTime 1) (toTime 1) }}", "false"},
    {"{{ toTime 1 | printf \"%T\" }}", "*time.Time"},
    {"{{ title \"\" }}{{ toUpper \"\" }}{{ title \"ABC dEF\" }} {{ title \"o'neil mc-donald x.y.z\" }} {{ t"
     "itle \"hello\\tworld\\nnew\" }}",
     "ABC DEF O'neil Mc-Donald X.y.z Hello\tWorld\nNew"},
    {"{{ title \"123abc a1b2 _x __init__ ÿes\" }}", "123Abc A1b2 _X __Init__ Ÿes"},
    {"{{ toUpper \"ﬁ ŉ ǰ ΐ\" }} {{ toLower \"İ K Ω\" }} {{ title \"ŉa ǰa\" }}", "ﬁ ŉ ǰ ΐ i k ω ʼNa J̌a"},
    {"{{ toUpper \"\\xff\\xfe\" }}|{{ title \"a\\xffb\" }}|{{ toLower \"A\\xc3\" }}",
     "��|A\xff"
     "B|a�"},
    {"{{ reReplaceAll \"\" \"-\" \"abc\" }} {{ reReplaceAll \"x*\" \"-\" \"abc\" }} {{ reReplaceAll \"b*\" "
     "\"-\" \"abbc\" }}",
     "-a-b-c- -a-b-c- -a-c-"},
    {"{{ reReplaceAll \"(a)(b)?\" \"[$2|$1|$3|${10}|$01|${1}0]\" \"ab a\" }}", "[b|a||||a0] [|a||||a0]"},
    {"{{ reReplaceAll \"^\" \">\" \"a\\nb\" }} {{ reReplaceAll \"(?m)^\" \">\" \"a\\nb\" }} {{ reReplaceAll"
     " \"\\\\b\" \"|\" \"ab cd\" }}",
     ">a\nb >a\n>b |ab| |cd|"},
    {"{{ reReplaceAll \"é|\" \"-\" \"aéb\" }}", "-a-b-"},
    {"{{ reReplaceAll \"a{1001}\" \"\" \"\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <reReplaceAll \"a{1001}\" \"\" \"\">: error calling reReplaceAll: regexp: Compile(`a"
     "{1001}`): error parsing regexp: invalid repeat count: `{1001}`>"},
    {"{{ reReplaceAll \"\\\\x\" \"\" \"\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <reReplaceAll \"\\\\x\" \"\" \"\">: error calling reReplaceAll: regexp: Compile(`\\x"
     "`): error parsing regexp: invalid escape sequence: `\\x`>"},
    {"{{ reReplaceAll \"(?<name\" \"\" \"\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <reReplaceAll \"(?<name\" \"\" \"\">: error calling reReplaceAll: regexp: Compile(`("
     "?<name`): error parsing regexp: invalid named capture: `(?<name`>"},
    {"{{ reReplaceAll \"a**\" \"\" \"\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <reReplaceAll \"a**\" \"\" \"\">: error calling reReplaceAll: regexp: Compile(`a**`)"
     ": error parsing regexp: invalid nested repetition operator: `**`>"},
    {"{{ reReplaceAll \"x\\ny\" \"\" \"\" }}", ""},
    {"{{ match \"^(a|b)+$\" \"abab\" }} {{ match \"\\\\d+\" \"x12\" }} {{ match \"(?i)ABC\" \"abc\" }} {{ m"
     "atch \"a.b\" \"a\\nb\" }}",
     "true true true false"},
    {"{{ stripPort \"[::1]\" }} {{ stripPort \":80\" }} {{ stripPort \"a:b:c\" }} {{ stripPort \"[a]b:80\" "
     "}} {{ stripPort \"\" }}",
     "[::1]  a:b:c [a]b:80 "},
    {"{{ stripDomain \"a.b\" }} {{ stripDomain \"1.2.3.4:5\" }} {{ stripDomain \"01.2.3.4\" }} {{ stripDoma"
     "in \"::ffff:1.2.3.4\" }} {{ stripDomain \".x\" }} {{ stripDomain \"\" }}",
     "a 1.2.3.4:5 01 ::ffff:1.2.3.4  "},
    {"{{ stripDomain \"fe80::1%eth0\" }} {{ stripDomain \"1.2.3.256\" }} {{ stripDomain \"[1:2:3:4:5:6:7:8]"
     ":9\" }} {{ stripDomain \"1:2:3:4:5:6:7::\" }} {{ stripDomain \"a.b:\" }}",
     "fe80::1%eth0 1 [1:2:3:4:5:6:7:8]:9 1:2:3:4:5:6:7:: a"},
    {"{{ graphLink \"sum(rate(x{a=\\\"b c\\\"}[5m])) > 0.5 & é\" }} {{ tableLink \"\" }}",
     "/graph?g0.expr=sum%28rate%28x%7Ba%3D%22b+c%22%7D%5B5m%5D%29%29+%3E+0.5+%26+%C3%A9&g0.tab=0 /graph?g0."
     "expr=&g0.tab=1"},
    {"{{ js \"\\u0001\\t</script>\" }} {{ html \"\\x00\" }} {{ urlquery \"é ü\" }}",
     "\\u0001\\u0009\\u003C/script\\u003E � %C3%A9+%C3%BC"},
    {"{{ parseDuration \"1h1d\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"1h1d\">: error calling parseDuration: not a valid duration string: "
     "\"1h1d\">"},
    {"{{ parseDuration \"1H\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"1H\">: error calling parseDuration: unknown unit \"H\" in duration "
     "\"1H\">"},
    {"{{ parseDuration \"600000y\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \"600000y\">: error calling parseDuration: duration out of range>"},
    {"{{ parseDuration \" 1h\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <parseDuration \" 1h\">: error calling parseDuration: not a valid duration string: "
     "\" 1h\">"},
    {"{{ parseDuration 5 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:129: executing "
     "\"__alert_A\" at <5>: expected string; found 5>"},
    {"{{ args }} {{ len (args 1 2 3) }} {{ (args 1 2).arg1 }}", "map[] 3 2"},
    {"{{ $x := args 1 }}{{ $x.arg0 }} {{ $x.arg1 }}", "1 <no value>"},
    {"{{ $x := $labels }}{{ $x.job }}", "node"},
    {"{{ $value := 5 }}{{ $value }}", "5"},
    {"{{ $labels = 1 }}{{ $labels }}", "1"},
};

constexpr Case queries[] = {
    {"{{ range query \"sort_desc(metric2)\" | sortByLabel \"a\" }}{{ .Labels.a }}{{ end }}{{ range $r := qu"
     "ery \"sort_desc(metric2)\" }}{{ $r.Labels.a }}{{ end }}",
     "xyyx"},
    {"{{ range query \"sort_desc(metric2)\" }}{{ .Labels.a }}={{ .Value }} {{ end }}", "y=2 x=1 "},
    {"{{ range $i, $s := query \"sort_desc(metric2)\" }}{{ $i }}:{{ $s.Labels.a }} {{ end }}", "0:y 1:x "},
    {"{{ with query \"metric\" }}{{ . | first | value }}{{ end }}", "1e+06"},
    {"{{ (query \"metric\" | first).Labels }}", "map[__name__:metric instance:localhost:9090 job:node]"},
    {"{{ query \"metric\" | first }}", "{map[__name__:metric instance:localhost:9090 job:node] 1e+06}"},
    {"{{ printf \"%v|%+v\" (query \"metric\" | first) (query \"metric\" | first) }}",
     "&{map[__name__:metric instance:localhost:9090 job:node] 1e+06}|&{Labels:map[__name__:metric instance:"
     "localhost:9090 job:node] Value:1e+06}"},
    {"{{ query \"metric\" | first | value | printf \"%T\" }} {{ printf \"%T\" (query \"metric\") }} {{ prin"
     "tf \"%T\" (query \"metric\" | first) }}",
     "float64 template.queryResult *template.sample"},
    {"{{ len (query \"sort_desc(metric2)\") }} {{ index (query \"sort_desc(metric2)\") 1 | value }} {{ slic"
     "e (query \"sort_desc(metric2)\") 1 | len }} {{ query \"nope\" | len }}",
     "2 1 1 0"},
    {"{{ first (query \"nope\") }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <first (query \"nope\")>: error calling first: first() called on vector with no elem"
     "ents>"},
    {"{{ range query \"nope\" }}x{{ else }}empty{{ end }}", "empty"},
    {"{{ label \"a\" (index (query \"sort_desc(metric2)\") 0) }} {{ strvalue (index (query \"sort_desc(metr"
     "ic2)\") 0) }}",
     "y "},
    {"{{ $r := query \"sort_desc(metric2)\" }}{{ range sortByLabel \"a\" (slice $r 0 2) }}{{ .Labels.a }}{{"
     " end }}",
     "xy"},
    {"{{ $r := query \"sort_desc(metric2)\" }}{{ $s := sortByLabel \"a\" $r }}{{ range $r }}{{ .Labels.a }}"
     "{{ end }}",
     "xy"},
    {"{{ range query \"sort_desc(metric2)\" | sortByLabel \"nope\" }}{{ .Labels.a }}{{ end }}", "yx"},
    {"{{ query \"vector(2)\" | first | value }} {{ (query \"vector(2)\" | first).Labels }}", "2 map[]"},
    {"{{ (query \"metric\" | first).Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:133: executing "
     "\"__alert_A\" at <first>: can't evaluate field Foo in type *template.sample>"},
    {"{{ (query \"metric\" | first).Value.Foo }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:133: executing "
     "\"__alert_A\" at <first>: can't evaluate field Foo in type interface {}>"},
    {"{{ (query \"metric\" | first).Labels.job }} {{ (query \"metric\" | first).Labels.nope }}", "node "},
    {"{{ if query \"nope\" }}t{{ else }}f{{ end }}{{ if query \"metric\" }}t{{ end }}", "ft"},
    {"{{ humanize (query \"metric\" | first | value) }} {{ query \"metric\" | first | value | humanize }}", "1M 1M"},
    {"{{ index (query \"sort_desc(metric2)\") 5 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index (query \"sort_desc(metric2)\") 5>: error calling index: index out of range: 5"
     ">"},
    {"{{ index (query \"sort_desc(metric2)\") 2 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index (query \"sort_desc(metric2)\") 2>: error calling index: reflect: slice index "
     "out of range>"},
    {"{{ slice (query \"sort_desc(metric2)\") 3 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice (query \"sort_desc(metric2)\") 3>: error calling slice: index out of range: 3"
     ">"},
    {"{{ eq (query \"metric\" | first) (query \"metric\" | first) }}", "false"},
    {"{{ $s := query \"metric\" | first }}{{ eq $s $s }} {{ eq $s nil }}", "true false"},
    {"{{ eq (query \"metric\") nil }}", "false"},
    {"{{ value nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <value nil>: error calling value: runtime error: invalid memory address or nil point"
     "er dereference>"},
    {"{{ first nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <first nil>: error calling first: first() called on vector with no elements>"},
    {"{{ (index (query \"sort_desc(metric2)\") 0).Labels.a }}", "y"},
    {"{{ with $x := query \"metric\" }}{{ len $x }}{{ end }}", "1"},
    {"{{ printf \"%s\" (query \"metric\" | first) }}",
     "&{map[__name__:metric instance:localhost:9090 job:node] %!s(float64=1e+06)}"},
    {"{{ printf \"%d\" (query \"metric\" | first) }}",
     "&{map[%!d(string=__name__):%!d(string=metric) %!d(string=instance):%!d(string=localhost:9090) %!d(str"
     "ing=job):%!d(string=node)] %!d(float64=1e+06)}"},
    {"{{ printf \"%v\" (query \"metric\" | first).Labels }}", "map[__name__:metric instance:localhost:9090 job:node]"},
    {"{{ args (query \"metric\" | first | value) }}", "map[arg0:1e+06]"},
    {"{{ print (query \"metric\" | first | value) (query \"metric\" | first).Value 1 }}", "1e+06 1e+06 1"},
};

constexpr Case more_semantics[] = {
    {"{{ range $i, $e := args 1 2 3 }}{{ range $j, $f := args 4 5 }}{{ if eq $j \"arg1\" }}{{ break }}{{ en"
     "d }}{{ $e }}{{ $f }},{{ end }}{{ if eq $i \"arg1\" }}{{ continue }}{{ end }}[{{ $i }}]{{ end }}",
     "14,[arg0]24,34,[arg2]"},
    {"{{ define \"t\" }}<{{ range . }}{{ . }}{{ end }}>{{ end }}{{ range $k, $v := $labels }}{{ template \""
     "t\" (args $k) }}{{ end }}",
     "<__name__><instance><job>"},
    {"{{ $x := 0 }}{{ range $labels }}{{ $x = 1 }}{{ $y := 2 }}{{ end }}{{ $x }}", "1"},
    {"{{ range $labels }}{{ else }}{{ end }}{{ range $externalLabels }}{{ $x := . }}{{ else }}none{{ end }}", ""},
    {"{{ with 0 }}a{{ else with \"\" }}b{{ else with $labels.job }}{{ . }}{{ else }}c{{ end }}", "node"},
    {"{{ if 1 }}{{ $v := 5 }}{{ $v }}{{ else }}{{ $v := 6 }}{{ end }}", "5"},
    {"{{ printf \"%v\" (args (args 1) $labels) }}",
     "map[arg0:map[arg0:1] arg1:map[__name__:metric instance:localhost:9090 job:node]]"},
    {"{{ printf \"%#v\" (args 1 \"x\" nil 2.5 true) }}",
     "map[string]interface {}{\"arg0\":1, \"arg1\":\"x\", \"arg2\":interface {}(nil), \"arg3\":2.5, \"arg4"
     "\":true}"},
    {"{{ printf \"%+v\" . }}",
     "{Labels:map[__name__:metric instance:localhost:9090 job:node] ExternalLabels:map[cluster:prod] Extern"
     "alURL:http://example.com:9090/prom Value:1e+06}"},
    {"{{ printf \"%#v\" . }}",
     "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interf"
     "ace {} }{Labels:map[string]string{\"__name__\":\"metric\", \"instance\":\"localhost:9090\", \"job\":"
     "\"node\"}, ExternalLabels:map[string]string{\"cluster\":\"prod\"}, ExternalURL:\"http://example.com:9"
     "090/prom\", Value:1e+06}"},
    {"{{ printf \"%v|%d\" (toTime 1e9) (toTime 1e9) }}", "2001-09-09 01:46:40 +0000 UTC|&{0 63135596800 0}"},
    {"{{ printf \"%#v|%T\" (query \"metric\" | first) (query \"metric\" | first).Labels }}",
     "&template.sample{Labels:map[string]string{\"__name__\":\"metric\", \"instance\":\"localhost:9090\", "
     "\"job\":\"node\"}, Value:1e+06}|map[string]string"},
    {"{{ printf \"%x|%X|%o|%q|%c|%U\" true 1.5 \"a\" 65 'é' 'é' }}",
     "%!x(bool=true)|0X1.8P+00|%!o(string=a)|'A'|é|U+00E9"},
    {"{{ printf \"%08.3f|%-8.3f|%+08d|% 08d|%x\" -1.5 -1.5 -42 42 -1.5 }}",
     "-001.500|-1.500  |-0000042| 0000042|-0x1.8p+00"},
    {"{{ printf \"%.3v|%10.3v|%v\" 123456.789 0.000012345 123456789.0 }}", "1.23e+05|  1.23e-05|1.23456789e+08"},
    {"{{ printf \"%5t|%-7t|%q\" true false true }}", " true|false  |%!q(bool=true)"},
    {"{{ printf \"%6.2f%%|%-6.1e|%G|%.3G\" 12.3456 0.000123 1e-7 123456789.0 }}", " 12.35%|1.2e-04|1E-07|1.23E+08"},
    {"{{ printf \"%v %v\" 1e21 123456789012345678.0 }} {{ 1e21 }} {{ 123456789.0 }} {{ 0.000001 }} {{ 0.000"
     "0001 }}",
     "1e+21 1.2345678901234568e+17 1e+21 1.23456789e+08 1e-06 1e-07"},
    {"{{ printf \"%s\" (printf \"%d%%\" 5) }} {{ printf \"100%%\" }} {{ printf \"%%d\" 5 }}",
     "5% 100% %d%!(EXTRA int=5)"},
    {"{{ printf \"%-10s|%10.3s|\" \"日本語テキスト\" \"日本語テキスト\" }}", "日本語テキスト   |       日本語|"},
    {"{{ humanize 1e-3 }} {{ humanize 1e-24 }} {{ humanize 1e-27 }} {{ humanize 1e24 }} {{ humanize 1e27 }}"
     " {{ humanize -1e-5 }}",
     "1m 1y 0.001y 1Y 1000Y -10u"},
    {"{{ humanizePercentage 0.000001 }} {{ humanizePercentage 1e10 }} {{ humanizePercentage -0.5 }}",
     "0.0001% 1e+12% -50%"},
    {"{{ humanize1024 1e18 }} {{ humanize1024 1.5 }} {{ humanize1024 -1 }} {{ humanize1024 1048575 }}",
     "888.2Pi 1.5 -1 1024ki"},
    {"{{ humanizeDuration 31536000 }} {{ humanizeDuration 86399 }} {{ humanizeDuration 3661.7 }} {{ humaniz"
     "eDuration 59.5 }} {{ humanizeDuration 0.5 }}",
     "365d 0h 0m 0s 23h 59m 59s 1h 1m 1s 59.5s 500ms"},
    {"{{ humanizeTimestamp 253402300799 }} {{ humanizeTimestamp 253402300800 }} {{ humanizeTimestamp -62135"
     "596800.5 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <humanizeTimestamp 253402300799>: error calling humanizeTimestamp: 2.53402300799e+11"
     " cannot be represented as a nanoseconds timestamp since it overflows int64>"},
    {"{{ (toTime 1e9).Format \"Jan Janu January Mon Mond Monday MST 1 01 2 02 _2 __2 002 15 3 03 4 04 5 05 "
     "06 2006 PM pm\" }}",
     "Sep Janu September Sun Mond Sunday UTC 9 09 9 09  9 252 252 01 1 01 46 46 40 40 01 2001 AM am"},
    {"{{ (toTime 1e9).Format \"2006-01-02 15:04:05.000000000 .999 ,999999 .9x .00s 05.99\" }}",
     "2001-09-09 01:46:40.000000000   x .00s 40"},
    {"{{ (toTime 0.5).Format \".0 .9 .99 ,0\" }} {{ (toTime 0).Format \".999|.000\" }}", ".5 .5 .5 ,5 |.000"},
    {"{{ (toTime -1).Format \"2006-01-02 15:04:05\" }} {{ (toTime 951782400).Format \"Jan 2 002\" }} {{ (to"
     "Time 4107542400).Format \"2006-01-02\" }}",
     "1969-12-31 23:59:59 Feb 29 060 2100-03-01"},
    {"{{ reReplaceAll \"(\\\\d+)\" \"<$1>\" \"a1b22c333\" }} {{ reReplaceAll \"(?P<x>[a-z])\" \"${x}${x}\" "
     "\"ab1\" }} {{ reReplaceAll \"a\" \"$\" \"aa\" }}",
     "a<1>b<22>c<333> aabb1 $$"},
    {"{{ reReplaceAll \"$\" \"!\" \"ab\" }} {{ reReplaceAll \"\" \"-\" \"\" }} {{ reReplaceAll \"é\" \"e\" "
     "\"éé\" }} {{ reReplaceAll \"(?i)HELLO\" \"bye\" \"Hello HELLO\" }}",
     "ab! - ee bye bye"},
    {"{{ reReplaceAll \".*\" \"x\" \"abc\" }} {{ reReplaceAll \"a|\" \"-\" \"baac\" }}", "x -b--c-"},
    {"{{ match \"\" \"\" }} {{ match \"^$\" \"x\" }} {{ match \"[[:alpha:]]+\" \"abc\" }} {{ match \"\\\\pL"
     "\" \"é\" }} {{ match \"\\\\p{Greek}\" \"α\" }}",
     "true false true true true"},
    {"{{ match \"(?s).\" \"\\n\" }} {{ match \"\\\\Aa\\\\z\" \"a\" }} {{ match \"x{2,3}\" \"xx\" }} {{ matc"
     "h \"[^a]\" \"a\" }}",
     "true true true false"},
    {"{{ match \"(?=x)\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"(?=x)\" \"x\">: error calling match: error parsing regexp: invalid or unsup"
     "ported Perl syntax: `(?=`>"},
    {"{{ match \"\\\\C\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"\\\\C\" \"x\">: error calling match: error parsing regexp: invalid escape s"
     "equence: `\\C`>"},
    {"{{ match \"(?P<a>x)(?P<a>y)\" \"xy\" }}", "true"},
    {"{{ match \"[a\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"[a\" \"x\">: error calling match: error parsing regexp: missing closing ]: "
     "`[a`>"},
    {"{{ match \"a)\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"a)\" \"x\">: error calling match: error parsing regexp: unexpected ): `a)`>"},
    {"{{ match \"x{1001}\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"x{1001}\" \"x\">: error calling match: error parsing regexp: invalid repeat"
     " count: `{1001}`>"},
    {"{{ match \"\\\\8\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"\\\\8\" \"x\">: error calling match: error parsing regexp: invalid escape s"
     "equence: `\\8`>"},
    {"{{ match \"(?z)\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <match \"(?z)\" \"x\">: error calling match: error parsing regexp: invalid or unsupp"
     "orted Perl syntax: `(?z`>"},
    {"{{ title \"ǅungla ǈ hello-ǉ\" }} {{ title \"ΆΈΉ άέή\" }} {{ toUpper \"ǆ ǉ ǌ ǳ ß ſ ﬀ\" }} {{ toLower "
     "\"ǅ ǈ ǋ ǲ ẞ\" }}",
     "ǅungla ǈ Hello-ǈ ΆΈΉ Άέή Ǆ Ǉ Ǌ Ǳ ß S ﬀ ǆ ǉ ǌ ǳ ß"},
    {"{{ title \"a·b c·d e︓f g׳h\" }} {{ title \"x‘y’z\" }} {{ title \"foo/bar\\\\baz|qux\" }}",
     "A·b C·d E︓f G׳h X‘y’z Foo/Bar\\Baz|Qux"},
    {"{{ title \"hello　world\" }} {{ title \"Ⅰa ⅱb\" }} {{ title \"ⓐⓑ ⓒ\" }} {{ title \"ªa ʰb\" }}",
     "Hello　World Ⅰa Ⅱb Ⓐⓑ Ⓒ ªa ʰb"},
    {"{{ toUpper \"ⓐ ꭰ ǅ ᾳ\" }} {{ toLower \"Ⓐ Ꭰ ᾼ\" }}", "Ⓐ Ꭰ Ǆ ᾼ ⓐ ꭰ ᾳ"},
    {"{{ stripDomain \"host.domain:1234\" }} {{ stripDomain \"[host.domain]:1234\" }} {{ stripDomain \"1.2."
     "3.4.5\" }} {{ stripDomain \"::1\" }} {{ stripDomain \"[::1]\" }}",
     "host:1234 host:1234 1 ::1 [::1]"},
    {"{{ stripPort \"[::1]:80\" }} {{ stripPort \"[::1]x:80\" }} {{ stripPort \"x]:80\" }} {{ stripPort \"["
     "x:80\" }} {{ stripPort \"a::80\" }}",
     "::1 [::1]x:80 x]:80 [x:80 a::80"},
    {"{{ js \"a\\u00a0b\\u0300c\\u200bd\\U0001F600\" }} {{ html \"'\\\"\" }} {{ urlquery \"~!*()'\" }}",
     "a\\u00A0b̀c\\u200Bd😀 &#39;&#34; ~%21%2A%28%29%27"},
    {"{{ len \"\" }}{{ len (slice \"abc\" 3) }}{{ slice \"abc\" 0 0 }}|{{ slice \"abc\" 1 1 }}|{{ index (sl"
     "ice \"abc\" 1) 0 }}",
     "00||98"},
    {"{{ slice \"abc\" 0 4 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice \"abc\" 0 4>: error calling slice: index out of range: 4>"},
    {"{{ slice \"abc\" \"1\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice \"abc\" \"1\">: error calling slice: cannot index slice/array with type strin"
     "g>"},
    {"{{ slice nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <slice nil>: error calling slice: slice of untyped nil>"},
    {"{{ index \"abc\" nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index \"abc\" nil>: error calling index: cannot index slice/array with nil>"},
    {"{{ index \"abc\" 1.0 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index \"abc\" 1.0>: error calling index: cannot index slice/array with type float64"
     ">"},
    {"{{ index $labels \"job\" \"x\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index $labels \"job\" \"x\">: error calling index: cannot index slice/array with ty"
     "pe string>"},
    {"{{ index (args $labels) \"arg0\" \"job\" }}", "node"},
    {"{{ index (args 1) (safeHtml \"arg0\") }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <index (args 1) (safeHtml \"arg0\")>: error calling index: value has type template.H"
     "TML; should be string>"},
    {"{{ len nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value>"},
    {"{{ len (args) }} {{ len (index (args nil) \"arg0\") }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:132: executing "
     "\"__alert_A\" at <len (index (args nil) \"arg0\")>: error calling len: reflect: call of reflect.Value"
     ".Type on zero Value>"},
    {"{{ eq (args) (args) }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq (args) (args)>: error calling eq: non-comparable type map[]: map[string]interfac"
     "e {}>"},
    {"{{ eq . . }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq . .>: error calling eq: non-comparable type {map[__name__:metric instance:localh"
     "ost:9090 job:node] map[cluster:prod] http://example.com:9090/prom %!s(float64=1e+06)}: struct { Label"
     "s map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }>"},
    {"{{ eq $labels (args) }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <eq $labels (args)>: error calling eq: non-comparable type map[]: map[string]interfa"
     "ce {}>"},
    {"{{ eq \"x\" (safeHtml \"x\") }} {{ lt 1 'a' }} {{ eq 1.0 .Value }}", "true true false"},
    {"{{ le 1 2 }} {{ le 2 1 }} {{ ge 2 2 }} {{ gt \"b\" \"a\" }} {{ ne \"a\" \"a\" }} {{ ne 1 2 }}",
     "true false true true false true"},
    {"{{ ne 1 \"a\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <ne 1 \"a\">: error calling ne: incompatible types for comparison: int and string>"},
    {"{{ ne 1 2 3 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <ne>: wrong number of args for ne: want 2 got 3>"},
    {"{{ lt }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <lt>: wrong number of args for lt: want 2 got 0>"},
    {"{{ not }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <not>: wrong number of args for not: want 1 got 0>"},
    {"{{ not 1 2 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
     "\"__alert_A\" at <not>: wrong number of args for not: want 1 got 2>"},
    {"{{ and 1 }} {{ or 0 }} {{ and \"\" 1 }} {{ or \"x\" 1 }} {{ printf \"%T\" (and 1 \"a\") }} {{ printf "
     "\"%T\" (or $labels 1) }}",
     "1 0  x string map[string]string"},
    {"{{ or (args).x 5 }} {{ and (args 1).arg0 2 }} {{ printf \"%v\" (or (args).x) }}", "5 2 <nil>"},
    {"{{ $labels.job | or \"\" }} {{ 0 | and 1 }}", "node 0"},
};

struct ValueCase {
  const char* value;
  std::string_view expected;
};

constexpr std::string_view value_template =
    "{{ $value }}|{{ humanize $value }}|{{ humanize1024 $value }}|{{ humanizeDuration $value }}|{{ humaniz"
    "ePercentage $value }}|{{ humanizeTimestamp $value }}|{{ printf \"%.2f %e %g %d %s\" $value $value $va"
    "lue $value $value }}|{{ if $value }}t{{ else }}f{{ end }}|{{ $value | printf \"%5.1f\" }}";

constexpr ValueCase values[] = {
    {"0", "0|0|0|0s|0%|1970-01-01 00:00:00 +0000 UTC|0.00 0.000000e+00 0 %!d(float64=0) %!s(float64=0)|f|  0.0"},
    {"0.1",
     "0.1|100m|0.1|100ms|10%|1970-01-01 00:00:00.1 +0000 UTC|0.10 1.000000e-01 0.1 %!d(float64=0.1) %!s(flo"
     "at64=0.1)|t|  0.1"},
    {"123456.7",
     "123456.7|123.5k|120.6ki|1d 10h 17m 36s|1.235e+07%|1970-01-02 10:17:36.7 +0000 UTC|123456.70 1.234567e"
     "+05 123456.7 %!d(float64=123456.7) %!s(float64=123456.7)|t|123456.7"},
    {"12345678",
     "1.2345678e+07|12.35M|11.77Mi|142d 21h 21m 18s|1.235e+09%|1970-05-23 21:21:18 +0000 UTC|12345678.00 1."
     "234568e+07 1.2345678e+07 %!d(float64=1.2345678e+07) %!s(float64=1.2345678e+07)|t|12345678.0"},
    {"1e-5",
     "1e-05|10u|1e-05|10us|0.001%|1970-01-01 00:00:00 +0000 UTC|0.00 1.000000e-05 1e-05 %!d(float64=1e-05) "
     "%!s(float64=1e-05)|t|  0.0"},
    {"-0.5",
     "-0.5|-500m|-0.5|-500ms|-50%|1969-12-31 23:59:59.5 +0000 UTC|-0.50 -5.000000e-01 -0.5 %!d(float64=-0.5"
     ") %!s(float64=-0.5)|t| -0.5"},
    {"NaN", "NaN|NaN|NaN|NaN|NaN%|NaN|NaN NaN NaN %!d(float64=NaN) %!s(float64=NaN)|t|  NaN"},
    {"Inf", "+Inf|+Inf|+Inf|+Inf|+Inf%|+Inf|+Inf +Inf +Inf %!d(float64=+Inf) %!s(float64=+Inf)|t| +Inf"},
    {"-Inf", "-Inf|-Inf|-Inf|-Inf|-Inf%|-Inf|-Inf -Inf -Inf %!d(float64=-Inf) %!s(float64=-Inf)|t| -Inf"},
    {"1.7976931348623157e308",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:238: executing "
     "\"__alert_A\" at <humanizeTimestamp $value>: error calling humanizeTimestamp: 1.7976931348623157e+308"
     " cannot be represented as a nanoseconds timestamp since it overflows int64>"},
    {"5e-324",
     "5e-324|4.941e-300y|4.941e-324|4.941e-300ys|4.941e-322%|1970-01-01 00:00:00 +0000 UTC|0.00 4.940656e-3"
     "24 5e-324 %!d(float64=5e-324) %!s(float64=5e-324)|t|  0.0"},
    {"0.30000000000000004",
     "0.30000000000000004|300m|0.3|300ms|30%|1970-01-01 00:00:00.3 +0000 UTC|0.30 3.000000e-01 0.3000000000"
     "0000004 %!d(float64=0.30000000000000004) %!s(float64=0.30000000000000004)|t|  0.3"},
    {"100",
     "100|100|100|1m 40s|1e+04%|1970-01-01 00:01:40 +0000 UTC|100.00 1.000000e+02 100 %!d(float64=100) %!s("
     "float64=100)|t|100.0"},
    {"1.5",
     "1.5|1.5|1.5|1.5s|150%|1970-01-01 00:00:01.5 +0000 UTC|1.50 1.500000e+00 1.5 %!d(float64=1.5) %!s(floa"
     "t64=1.5)|t|  1.5"},
    {"86399.999",
     "86399.999|86.4k|84.37ki|23h 59m 59s|8.64e+06%|1970-01-01 23:59:59.999 +0000 UTC|86400.00 8.640000e+04"
     " 86399.999 %!d(float64=86399.999) %!s(float64=86399.999)|t|86400.0"},
};

}  // namespace

TEST_CASE("promtool 3.5: $value, labels, printf verbs, flags, widths and fmt's error notes") {
  check_all(values_and_printf);
}

TEST_CASE("promtool 3.5: if, range, with, define, template, comparisons, and Go's execution errors") {
  check_all(control_flow_and_errors);
}

TEST_CASE("promtool 3.5: functions, time methods, regexps, strings and number formats") {
  check_all(functions_and_formats);
}

TEST_CASE("promtool 3.5: query, first, value, label, sortByLabel and query results") { check_all(queries); }

TEST_CASE("promtool 3.5: nested loops, %#v and %+v, title casing, regexp syntax, index and comparison errors") {
  check_all(more_semantics);
}

TEST_CASE("promtool 3.5: $value of every magnitude through humanize*, printf and truth") {
  const ExpandContext context = promtool_context();
  for (const ValueCase& c : values) {
    CAPTURE(c.value);
    CHECK(expand_alert_field("A", value_template, promtool_data(std::strtod(c.value, nullptr)), context) == c.expected);
  }
}
