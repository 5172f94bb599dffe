#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "gotemplate/gotemplate.hpp"

namespace {

// "name@offset" for each reference, space-separated.
std::string refs(std::string_view text) {
  std::string out;
  for (const auto& ref : mlmon::gotemplate::referenced_labels(text)) {
    if (!out.empty()) out += ' ';
    out += ref.name + "@" + std::to_string(ref.offset);
  }
  return out;
}

}  // namespace

TEST_CASE("label references and where their names start") {
  CHECK(refs("{{ $labels.instance }}") == "instance@11");
  CHECK(refs("{{ .Labels.job }}") == "job@11");
  CHECK(refs("{{ $.Labels.job }}") == "job@12");
  CHECK(refs("{{ index $labels \"pod\" }}") == "pod@18");
  CHECK(refs("{{ index .Labels `pod` }}") == "pod@18");
  CHECK(refs("{{ with $labels }}{{ .job }}{{ end }}") == "job@22");
  CHECK(refs("{{ with .Labels }}{{ .a }}{{ else }}{{ .Labels.b }}{{ end }}") == "a@22 b@47");
  CHECK(refs("{{ $l := $labels }}{{ $l.team }}") == "team@25");
  CHECK(refs("{{ if $labels.sev }}x{{ end }}") == "sev@14");
  CHECK(refs("{{ $labels.a | printf \"%s\" }}{{ printf \"%s\" (index $labels \"b\") }}") == "a@11 b@60");
  CHECK(refs("{{ ($labels).c }}{{ (index $labels \"d\").x }}") == "c@13 d@36");
  CHECK(refs("{{ $labels.x }}{{ $labels.x }}") == "x@11 x@26");
}

TEST_CASE("no label references") {
  CHECK(refs("{{ $value }} {{ $externalLabels.cluster }} {{ .ExternalLabels.cluster }}").empty());
  // Inside range, with over something else, define and block, '.' is not the alert.
  CHECK(refs("{{ range query \"up\" }}{{ .Labels.x }}{{ end }}").empty());
  CHECK(refs("{{ with query \"up\" }}{{ .Labels.x }}{{ end }}").empty());
  CHECK(refs("{{ define \"t\" }}{{ .Labels.x }}{{ $.Labels.y }}{{ end }}").empty());
  CHECK(refs("{{ range $k, $v := $labels }}{{ $v.x }}{{ end }}").empty());
  // A template that does not parse has none.
  CHECK(refs("{{ $labels.x }}{{ humanise 1 }}").empty());
}
