// Typed reading as Go's yaml decodes into struct fields, and the words of its type errors.
#include "yaml/scalars.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"

namespace mlmon::yaml {
using test::load_text;

namespace {

/// Loads "v: <yaml>" and returns a copy of the value node (the document dies here).
struct Loaded {
  Document doc;
  const Node& v() const { return *doc.root->get("v"); }
};
Loaded value(const std::string& yaml) {
  Loaded l{load_text("v: " + yaml + "\n")};
  REQUIRE(l.doc.root != nullptr);
  REQUIRE(l.doc.root->get("v") != nullptr);
  return l;
}

std::string tag_of(const std::string& yaml, GoYaml dialect = GoYaml::V3) {
  return resolved_tag(value(yaml).v(), dialect);
}

}  // namespace

TEST_CASE("resolved tags follow yaml.v3's implicit resolution") {
  CHECK(tag_of("text") == "!!str");
  CHECK(tag_of("'123'") == "!!str");
  CHECK(tag_of("|\n  123") == "!!str");
  CHECK(tag_of("123") == "!!int");
  CHECK(tag_of("-0x1F") == "!!int");
  CHECK(tag_of("0o17") == "!!int");
  CHECK(tag_of("0b101") == "!!int");
  CHECK(tag_of("0777") == "!!int");
  CHECK(tag_of("1_000") == "!!int");
  CHECK(tag_of("18446744073709551615") == "!!int");
  CHECK(tag_of("18446744073709551616") == "!!float");
  CHECK(tag_of("1.5") == "!!float");
  CHECK(tag_of("-.5e3") == "!!float");
  CHECK(tag_of("09") == "!!float");
  CHECK(tag_of(".inf") == "!!float");
  CHECK(tag_of(".NaN") == "!!float");
  CHECK(tag_of("1e") == "!!str");
  CHECK(tag_of("5m") == "!!str");
  CHECK(tag_of("true") == "!!bool");
  CHECK(tag_of("False") == "!!bool");
  CHECK(tag_of("yes") == "!!str");
  CHECK(tag_of("yes", GoYaml::V2) == "!!bool");
  CHECK(tag_of("off", GoYaml::V2) == "!!bool");
  CHECK(tag_of("~") == "!!null");
  CHECK(tag_of("") == "!!null");
  CHECK(tag_of("[1]") == "!!seq");
  CHECK(tag_of("{a: 1}") == "!!map");
  CHECK(tag_of("2001-12-14") == "!!timestamp");
  CHECK(tag_of("2001-12-14t21:59:43.10-05:00") == "!!timestamp");
  CHECK(tag_of("2001-12-14 21:59:43.10") == "!!timestamp");
  CHECK(tag_of("2001-13-14") == "!!str");
  CHECK(tag_of("!!str 12") == "!!str");
  CHECK(tag_of("!custom x") == "!custom");
  CHECK(resolved_tag(*load_text("<<: {a: 1}\n").nodes.front().entries.front().key) == "!!str");  // merged away
}

TEST_CASE("booleans as a Go bool field") {
  CHECK(as_bool(value("true").v()) == true);
  CHECK(as_bool(value("FALSE").v()) == false);
  CHECK(as_bool(value("yes").v()) == true);   // yaml.v3 keeps YAML 1.1 words for bool fields
  CHECK(as_bool(value("'on'").v()) == true);  // quoted too
  CHECK(as_bool(value("n").v()) == false);
  CHECK_FALSE(as_bool(value("'true'").v()).has_value());
  CHECK_FALSE(as_bool(value("1").v()).has_value());
  CHECK_FALSE(as_bool(value("~").v()).has_value());
  CHECK_FALSE(as_bool(value("'yes'").v(), GoYaml::V2).has_value());
  CHECK(as_bool(value("yes").v(), GoYaml::V2) == true);
  CHECK(is_true(value("True").v()));
  CHECK(is_false(value("off").v()));
  CHECK_FALSE(is_true(value("maybe").v()));
  CHECK_FALSE(is_false(value("maybe").v()));
}

TEST_CASE("integers and floats as Go int64 / float64 fields") {
  CHECK(as_int(value("42").v()) == 42);
  CHECK(as_int(value("-0x10").v()) == -16);
  CHECK(as_int(value("1_000_000").v()) == 1000000);
  CHECK(as_int(value("9223372036854775807").v()) == INT64_MAX);
  CHECK(as_int(value("-9223372036854775808").v()) == INT64_MIN);
  CHECK_FALSE(as_int(value("9223372036854775808").v()).has_value());
  CHECK(as_int(value("1.9").v()) == 1);  // Go's yaml truncates a float into an int field
  CHECK(as_int(value("!!int 7").v()) == 7);
  CHECK_FALSE(as_int(value("'5'").v()).has_value());
  CHECK_FALSE(as_int(value("5m").v()).has_value());
  CHECK_FALSE(as_int(value("~").v()).has_value());
  CHECK_FALSE(as_int(value(".inf").v()).has_value());
  CHECK(as_float(value("0.25").v()) == 0.25);
  CHECK(as_float(value("3").v()) == 3.0);
  CHECK(as_float(value("-.INF").v()) == -INFINITY);
  CHECK(std::isnan(*as_float(value(".nan").v())));
  CHECK(as_float(value("1e3").v()) == 1000.0);
  CHECK_FALSE(as_float(value("\"1.5\"").v()).has_value());
  CHECK_FALSE(as_float(value("[1]").v()).has_value());
}

TEST_CASE("unmarshal errors in Go's words") {
  CHECK(describe_kind(value("[a]").v()) == "!!seq");
  CHECK(describe_kind(value("{a: 1}").v()) == "!!map");
  CHECK(describe_kind(value("yes please").v()) == "!!str `yes please`");
  CHECK(describe_kind(value("${TELEGRAM_ADMIN}").v()) == "!!str `${TELEG...`");
  CHECK(describe_kind(value("12").v()) == "!!int `12`");
  CHECK(cannot_unmarshal(value("[a]").v(), "string") == "cannot unmarshal !!seq into string");
  CHECK(cannot_unmarshal(value("BAD").v(), "config.plain") == "cannot unmarshal !!str `BAD` into config.plain");
  const Document doc = load_text("groups:\n  - name: g\n    rules:\n      a: 1\n");
  const Node& rules = *doc.root->get("groups")->items[0]->get("rules");
  CHECK(unmarshal_error(rules, "[]rulefmt.Rule") == "line 4: cannot unmarshal !!map into []rulefmt.Rule");
  const Document anchored = load_text("a: &x\n  - 1\n");
  CHECK(go_line(*anchored.root->get("a")) == 1);  // Go reports the line of the anchor
  CHECK(anchored.root->get("a")->pos().line == 2);
}

}  // namespace mlmon::yaml
