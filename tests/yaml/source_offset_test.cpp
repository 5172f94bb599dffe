// Node::source_offset: every byte of a decoded scalar back to the file byte it came from.
#include <doctest/doctest.h>

#include <vector>

#include "helpers.hpp"

namespace mlmon::yaml {
using test::load_text;
using test::offset_mismatch;
using test::problems_of;
using test::text_of;

namespace {

const Node& value_of(const Document& doc, std::string_view key = "v") {
  REQUIRE_MESSAGE(doc.root != nullptr, problems_of(doc));
  const Node* node = doc.root->get(key);
  REQUIRE(node != nullptr);
  return *node;
}

/// Offset in the file of the n-th occurrence (0-based) of `needle`.
std::size_t find_nth(const Document& doc, std::string_view needle, int n = 0) {
  std::size_t at = doc.source->text().find(needle);
  while (n-- > 0) at = doc.source->text().find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  return at;
}

struct Case {
  const char* yaml;
  ScalarStyle style;
  const char* value;
};

}  // namespace

TEST_CASE("every byte of every scalar style maps back to its source byte") {
  const std::vector<Case> cases = {
      // plain
      {"v: abc def\n", ScalarStyle::Plain, "abc def"},
      {"v: abc  def   # comment\n", ScalarStyle::Plain, "abc  def"},
      {"v: a:b c#d\n", ScalarStyle::Plain, "a:b c#d"},
      {"v: first\n  second\n   third\nw: 1\n", ScalarStyle::Plain, "first second third"},
      {"v: first  \n\n  second\n\n\n  third\n", ScalarStyle::Plain, "first\nsecond\n\nthird"},
      {"- x\n- v: first\n    second\n", ScalarStyle::Plain, ""},  // checked below by position
      {"v: [a b, c\n  d]\n", ScalarStyle::Plain, ""},
      // single-quoted
      {"v: 'it''s here'\n", ScalarStyle::SingleQuoted, "it's here"},
      {"v: 'back\\slash'\n", ScalarStyle::SingleQuoted, "back\\slash"},
      {"v: 'one\n  two  \n\n   three'\n", ScalarStyle::SingleQuoted, "one two\nthree"},
      {"v: ''\n", ScalarStyle::SingleQuoted, ""},
      {"v: 'a\n\n\n  '\n", ScalarStyle::SingleQuoted, "a\n"},  // yaml-cpp: one \n before the quote
      {"v: 'a\n  '\n", ScalarStyle::SingleQuoted, "a "},
      {"v: ' \n\n  '\n", ScalarStyle::SingleQuoted, ""},
      {"v: ' \n  '\n", ScalarStyle::SingleQuoted, " "},
      {"v: 'a\n\n  '''\n", ScalarStyle::SingleQuoted, "a\n'"},
      // double-quoted
      {"v: \"a \\\"q\\\" b\"\n", ScalarStyle::DoubleQuoted, "a \"q\" b"},
      {"v: \"tab\\there\\nnl\"\n", ScalarStyle::DoubleQuoted, "tab\there\nnl"},
      {"v: \"\\x41\\u00e9\\U0001F600z\"\n", ScalarStyle::DoubleQuoted, "A\xC3\xA9\xF0\x9F\x98\x80z"},
      {"v: \"esc\\\\aped\\/\"\n", ScalarStyle::DoubleQuoted, "esc\\aped/"},
      {"v: \"joined \\\n   line\"\n", ScalarStyle::DoubleQuoted, "joined line"},
      {"v: \"fold\n  ed  \n\n  lines\"\n", ScalarStyle::DoubleQuoted, "fold ed\nlines"},
      {"v: \"\"\n", ScalarStyle::DoubleQuoted, ""},
      {"v: \"a\n \n\t\n  \"\n", ScalarStyle::DoubleQuoted, "a\n"},
      // literal
      {"v: |\n  line one\n  line two\n", ScalarStyle::Literal, "line one\nline two\n"},
      {"v: |-\n  strip\n\n", ScalarStyle::Literal, "strip"},
      {"v: |+\n  keep\n\n\nw: 1\n", ScalarStyle::Literal, "keep\n\n\n"},
      {"v: |2\n    more\n  base\n", ScalarStyle::Literal, "  more\nbase\n"},
      {"v: |\n\n  after blank\n    indented\n  back\n", ScalarStyle::Literal, "\nafter blank\n  indented\nback\n"},
      {"v: | # comment\n  x\n", ScalarStyle::Literal, "x\n"},
      {"a:\n  v: |+\n         \n\n      #c\n\n", ScalarStyle::Literal, ""},  // leading blanks raise the indent
      {"a:\n  v: |\n    nested\n     deeper\n  w: 1\n", ScalarStyle::Literal, ""},
      // folded
      {"v: >\n  one\n  two\n\n  three\n", ScalarStyle::Folded, "one two\nthree\n"},
      {"v: >-\n  one\n    more\n  two\n", ScalarStyle::Folded, "one\n  more\ntwo"},
      {"v: >+\n  keep\n\n\n", ScalarStyle::Folded, "keep\n\n"},  // yaml-cpp drops one break
      {"v: >+\n  a\n   b\n\n", ScalarStyle::Folded, "a\n b\n\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    const Document doc = load_text(c.yaml);
    REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
    std::vector<const Node*> scalars;
    for (const Node& node : doc.nodes) {
      if (node.is_scalar()) scalars.push_back(&node);
    }
    for (const Node* node : scalars) {
      CAPTURE(node->value);
      CHECK(offset_mismatch(*node) == "");
    }
    if (*c.value != '\0' || c.style == ScalarStyle::SingleQuoted || c.style == ScalarStyle::DoubleQuoted) {
      const Node& v = value_of(doc);
      CHECK(v.style == c.style);
      CHECK(v.value == c.value);
    }
  }
}

TEST_CASE("plain scalars: extents and folded continuation lines") {
  const Document doc = load_text("v: first\n  second\nw: 1\n");
  const Node& v = value_of(doc);
  CHECK(v.value == "first second");
  CHECK(text_of(v) == "first\n  second");
  CHECK(v.source_offset(0) == 3);
  CHECK(v.source_offset(5) == 8);  // the folded space is the line break
  CHECK(v.source_offset(6) == find_nth(doc, "second"));
  CHECK(v.source_offset(11) == find_nth(doc, "second") + 5);
  CHECK(v.source_offset(12) == v.end);  // one past the value: the end of the text
}

TEST_CASE("single-quoted: doubled quotes and folding") {
  const Document doc = load_text("v: 'it''s\n   here'\n");
  const Node& v = value_of(doc);
  CHECK(v.value == "it's here");
  CHECK(text_of(v) == "'it''s\n   here'");
  CHECK(v.source_offset(0) == 4);
  CHECK(v.source_offset(2) == 6);  // the ' of '' maps to the first quote
  CHECK(v.source_offset(3) == 8);
  CHECK(v.source_offset(4) == 9);  // folded line break
  CHECK(v.source_offset(5) == find_nth(doc, "here"));
  CHECK(v.source_offset(9) == v.end - 1);  // past the value: the closing quote
}

TEST_CASE("double-quoted: each escape maps to its backslash") {
  const Document doc = load_text(R"(v: "a\"b\x41\u00e9\nc")"
                                 "\n");
  const Node& v = value_of(doc);
  CHECK(v.value == "a\"bA\xC3\xA9\nc");
  const std::size_t q = 3;              // the opening quote
  CHECK(v.source_offset(0) == q + 1);   // a
  CHECK(v.source_offset(1) == q + 2);   // \" -> "
  CHECK(v.source_offset(2) == q + 4);   // b
  CHECK(v.source_offset(3) == q + 5);   // \x41 -> A
  CHECK(v.source_offset(4) == q + 9);   // \u00e9, first byte
  CHECK(v.source_offset(5) == q + 9);   // \u00e9, second byte
  CHECK(v.source_offset(6) == q + 15);  // \n
  CHECK(v.source_offset(7) == q + 17);  // c
}

TEST_CASE("double-quoted: escaped line break and folding") {
  const Document doc = load_text("v: \"ab \\\n    cd\n\n  ef\"\n");
  const Node& v = value_of(doc);
  CHECK(v.value == "ab cd\nef");
  CHECK(v.source_offset(2) == 6);                          // the space before the backslash is kept
  CHECK(v.source_offset(3) == find_nth(doc, "cd"));        // joined without a space
  CHECK(v.source_offset(5) == find_nth(doc, "\n\n") + 1);  // two breaks fold to one \n
  CHECK(v.source_offset(6) == find_nth(doc, "ef"));
}

TEST_CASE("literal block: lines, indentation indicator and chomping") {
  SUBCASE("the PromQL use case: byte 17 of a multi-line expr") {
    const Document doc = load_text(
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n      sum by (job) (\n        rate(x[5m])\n      ) > "
        "0\n");
    const Node* rule = doc.root->get("groups")->items[0]->get("rules")->items[0];
    const Node& expr = *rule->get("expr");
    CHECK(expr.style == ScalarStyle::Literal);
    CHECK(expr.value == "sum by (job) (\n  rate(x[5m])\n) > 0\n");
    CHECK(expr.block_indent == 6);
    CHECK(expr.source_offset(17) == find_nth(doc, "rate"));
    CHECK(expr.source_position(17) == Position{7, 9, find_nth(doc, "rate")});
    CHECK(expr.source_offset(14) == find_nth(doc, "(\n") + 1);  // the line break
    CHECK(expr.source_offset(expr.value.size()) == expr.end);
    CHECK(text_of(expr) == "|\n      sum by (job) (\n        rate(x[5m])\n      ) > 0");
  }
  SUBCASE("|2 under a nested mapping counts from the mapping's indentation") {
    const Document doc = load_text("a:\n  v: |2\n      x\n    y\n");
    const Node& v = *doc.root->get("a")->get("v");
    CHECK(v.value == "  x\ny\n");
    CHECK(v.block_indent == 4);
    CHECK(v.source_offset(0) == find_nth(doc, "  x"));
    CHECK(v.source_offset(4) == find_nth(doc, "y"));
  }
  SUBCASE("|- and |+") {
    const Document strip = load_text("v: |-\n  a\n\n  b\n\n");
    CHECK(value_of(strip).value == "a\n\nb");
    CHECK(value_of(strip).source_offset(2) == find_nth(strip, "\n\n") + 1);
    const Document keep = load_text("v: |+\n  a\n\n\n");
    CHECK(value_of(keep).value == "a\n\n\n");
    CHECK(value_of(keep).source_offset(3) == 11);
  }
}

TEST_CASE("folded block: folded spaces map to line breaks") {
  const Document doc = load_text("v: >\n  one\n  two\n   indented\n  three\n");
  const Node& v = value_of(doc);
  CHECK(v.value == "one two\n indented\nthree\n");
  CHECK(v.source_offset(3) == find_nth(doc, "one") + 3);
  CHECK(v.source_offset(4) == find_nth(doc, "two"));
  CHECK(v.source_offset(8) == find_nth(doc, " indented"));
}

TEST_CASE("CRLF line endings") {
  const Document doc = load_text("a: 1\r\nv: |\r\n  x\r\n  y\r\nw: \"p\r\n  q\"\r\nz: plain\r\n  more\r\n");
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  const Node& v = value_of(doc);
  CHECK(v.value == "x\ny\n");
  CHECK(v.source_offset(2) == find_nth(doc, "y"));
  CHECK(v.source_offset(1) == find_nth(doc, "x\r") + 1);  // "\n" maps to the \r of \r\n
  CHECK(text_of(v) == "|\r\n  x\r\n  y");
  CHECK(value_of(doc, "w").value == "p q");
  CHECK(value_of(doc, "z").value == "plain more");
  CHECK(text_of(value_of(doc, "z")) == "plain\r\n  more");
  for (const Node& node : doc.nodes) CHECK(offset_mismatch(node) == "");
}

TEST_CASE("scalars with anchors and tags start after them") {
  const Document doc = load_text("a: &x !!str |\n  text\nb: !!str 12\nc: &y \"q\"\n");
  const Node& a = value_of(doc, "a");
  CHECK(a.style == ScalarStyle::Literal);
  CHECK(a.props_offset == 3);
  CHECK(a.offset == 12);
  CHECK(a.anchor() == "x");
  CHECK(a.tag() == "!!str");
  CHECK(a.source_offset(0) == find_nth(doc, "text"));
  const Node& b = value_of(doc, "b");
  CHECK(b.offset == find_nth(doc, "12"));
  CHECK(text_of(b) == "12");
  CHECK(text_of(value_of(doc, "c")) == "\"q\"");
}

TEST_CASE("flow collections: plain scalars stop at flow indicators") {
  const Document doc = load_text("v: [a b, {k: v w}, \"q\", c]\n");
  const Node& v = value_of(doc);
  REQUIRE(v.items.size() == 4);
  CHECK(text_of(*v.items[0]) == "a b");
  CHECK(text_of(*v.items[1]) == "{k: v w}");
  CHECK(text_of(*v.items[1]->get("k")) == "v w");
  CHECK(text_of(*v.items[3]) == "c");
  CHECK(text_of(v) == "[a b, {k: v w}, \"q\", c]");
}

TEST_CASE("a UTF-8 BOM shifts every offset by 3") {
  const Document doc = load_text("\xEF\xBB\xBFv: \"x\"\nw: |\n  y\n");
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  CHECK(doc.root->offset == 3);
  CHECK(doc.root->key_node("v")->pos().line == 1);
  CHECK(value_of(doc).offset == 6);
  CHECK(value_of(doc).source_offset(0) == 7);
  CHECK(value_of(doc, "w").source_offset(0) == find_nth(doc, "y"));
}

TEST_CASE("non-scalars and nulls") {
  const Document doc = load_text("m: {a: 1}\nn: ~\n");
  CHECK(value_of(doc, "m").source_offset(3) == 3);
  CHECK(value_of(doc, "n").source_offset(0) == find_nth(doc, "~"));
  CHECK(value_of(doc, "n").source_offset(5) == find_nth(doc, "~") + 1);
}

}  // namespace mlmon::yaml
