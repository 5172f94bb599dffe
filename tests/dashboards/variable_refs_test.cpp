#include "dashboards/variable_refs.hpp"

#include <doctest/doctest.h>

namespace mlmon::dashboards {

namespace {

std::string show(std::string_view text) {
  std::string out;
  for (const VariableRef& r : find_variable_refs(text)) {
    out += std::to_string(r.begin) + "-" + std::to_string(r.end) + ":" + r.name;
    if (!r.field.empty()) out += "." + r.field;
    if (!r.format.empty()) out += ":" + r.format;
    out += r.syntax == RefSyntax::Dollar ? "($)" : r.syntax == RefSyntax::Braces ? "(${})" : "([[]])";
    out += ' ';
  }
  return out;
}

}  // namespace

TEST_CASE("variable references: the three syntaxes, formats and fields") {
  CHECK(show("up{job=\"$job\"}") == "8-12:job($) ");
  CHECK(show("${var}x") == "0-6:var(${}) ");
  CHECK(show("${var:regex}") == "0-12:var:regex(${}) ");
  CHECK(show("${__field.labels.instance}") == "0-26:__field.labels.instance(${}) ");
  CHECK(show("${__from:date:seconds}") == "0-22:__from:date:seconds(${}) ");
  CHECK(show("[[var]] [[v:csv]]") == "0-7:var([[]]) 8-17:v:csv([[]]) ");
  CHECK(show("$a$b") == "0-2:a($) 2-4:b($) ");
}

TEST_CASE("variable references: what is not one") {
  CHECK(show("$") == "");
  CHECK(show("${") == "");
  CHECK(show("${}") == "");
  CHECK(show("${a") == "");
  CHECK(show("${a.}") == "");
  CHECK(show("[[a]") == "");
  CHECK(show("[[]]") == "");
  CHECK(show("x[5m]") == "");
  CHECK(show("$ 5") == "");
  CHECK(show("${a b}") == "");
}

TEST_CASE("builtins and export placeholders") {
  CHECK(is_builtin_variable("__rate_interval"));
  CHECK(is_builtin_variable("__field"));
  CHECK(is_builtin_variable("timeFilter"));
  CHECK(is_builtin_variable("1"));
  CHECK_FALSE(is_builtin_variable("job"));
  CHECK(looks_like_input("DS_PROMETHEUS"));
  CHECK(looks_like_input("VAR_PREFIX"));
  CHECK_FALSE(looks_like_input("ds_prometheus"));
}

}  // namespace mlmon::dashboards
