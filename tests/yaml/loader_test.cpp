#include <doctest/doctest.h>

#include "core/file_io.hpp"
#include "helpers.hpp"

namespace mlmon::yaml {
using test::load_text;
using test::problems_of;

TEST_CASE("a block mapping keeps offsets, positions and styles") {
  const Document doc = load_text("a: 1\nb: 'two'\nc: \"three\"\nd: |\n  lit\ne: >\n  fold\nf: [x, y]\n");
  REQUIRE(doc.ok());
  REQUIRE(doc.root != nullptr);
  const Node& root = *doc.root;
  CHECK(root.is_map());
  CHECK(root.entries.size() == 6);
  CHECK(root.offset == 0);
  const Node* b = root.get("b");
  REQUIRE(b != nullptr);
  CHECK(b->style == ScalarStyle::SingleQuoted);
  CHECK(b->value == "two");
  CHECK(b->offset == 8);
  CHECK(b->end == 13);
  CHECK(b->pos() == Position{2, 4, 8});
  CHECK(root.get("c")->style == ScalarStyle::DoubleQuoted);
  CHECK(root.get("d")->style == ScalarStyle::Literal);
  CHECK(root.get("d")->value == "lit\n");
  CHECK(root.get("e")->style == ScalarStyle::Folded);
  const Node* f = root.get("f");
  CHECK(f->is_seq());
  CHECK(f->flow);
  CHECK(f->items.size() == 2);
  CHECK(doc.source->text().substr(f->offset, f->end - f->offset) == "[x, y]");
  CHECK(root.key_node("f")->pos() == Position{8, 1, 48});
}

}  // namespace mlmon::yaml

namespace mlmon::yaml {
using test::load_text;
using test::problems_of;
using test::text_of;

TEST_CASE("empty input gives no root and no problem") {
  for (const char* text : {"", "# only a comment\n", "\n\n", "\xEF\xBB\xBF"}) {
    CAPTURE(text);
    const Document doc = load_text(text);
    CHECK(doc.root == nullptr);
    CHECK(doc.problems.empty());
    CHECK(doc.ok());
  }
  const Document explicit_empty = load_text("---\n");
  REQUIRE(explicit_empty.root != nullptr);
  CHECK(explicit_empty.root->is_null());
}

TEST_CASE("nulls: ~, null and absent values") {
  const Document ok = load_text("a: ~\nb: null\nc:\nd: NULL\ne: !!null\nf: 'null'\ng: [~, ]\nh:\n  - \n  - x\n");
  REQUIRE_MESSAGE(ok.ok(), problems_of(ok));
  const Node& root = *ok.root;
  CHECK(root.get("a")->is_null());
  CHECK(root.get("a")->value == "~");
  CHECK(text_of(*root.get("a")) == "~");
  CHECK(root.get("b")->value == "null");
  const Node& c = *root.get("c");
  CHECK(c.is_null());
  CHECK(c.value == "");
  CHECK(c.offset == 15);  // right after "c:", as Go's yaml places it
  CHECK(c.end == c.offset);
  CHECK(root.get("d")->is_null());
  CHECK(root.get("e")->is_null());
  CHECK(root.get("e")->tag() == "!!null");
  CHECK(root.get("f")->is_scalar());
  CHECK(root.get("f")->value == "null");
  CHECK(root.get("g")->items.size() == 1);
  const Node& h = *root.get("h");
  REQUIRE(h.items.size() == 2);
  CHECK(h.items[0]->is_null());
  CHECK(h.items[0]->pos() == Position{9, 4, 59});
}

TEST_CASE("a null word that is the next key is not taken for the value") {
  const Document doc = load_text("a:\nnull: 1\n~: 2\n");
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  CHECK(doc.root->entries.size() == 3);
  CHECK(doc.root->get("a")->value == "");
  CHECK(doc.root->get("a")->offset == 2);
  CHECK(doc.root->entries[1].key->value == "null");
  CHECK(doc.root->entries[2].key->value == "~");
}

TEST_CASE("tags are kept in short form") {
  const Document doc = load_text("a: !!str 1\nb: !custom x\nc: !!map {k: v}\nd: \"q\"\n");
  REQUIRE(doc.ok());
  CHECK(doc.root->get("a")->tag() == "!!str");
  CHECK(doc.root->get("b")->tag() == "!custom");
  CHECK(doc.root->get("c")->tag() == "!!map");
  CHECK(doc.root->get("d")->tag() == "");
}

TEST_CASE("anchors and aliases share the anchored node") {
  const Document doc = load_text("a: &x {k: v}\nb: *x\nc: &s text\nd: [*s, *s]\n");
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  const Node* a = doc.root->get("a");
  CHECK(a->anchor() == "x");
  CHECK(a->props_offset == 3);
  CHECK(a->offset == 6);
  CHECK(doc.root->get("b") == a);
  CHECK(doc.root->get("d")->items[0] == doc.root->get("c"));
  CHECK(text_of(*doc.root->get("d")) == "[*s, *s]");
}

TEST_CASE("merge keys resolve as in Go's yaml.v3") {
  SUBCASE("explicit keys win, merged entries come after and are marked") {
    const Document doc = load_text("base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n  z: 4\n");
    REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
    const Node& m = *doc.root->get("m");
    REQUIRE(m.entries.size() == 3);
    CHECK(m.entries[0].key->value == "y");
    CHECK(m.entries[0].value->value == "3");
    CHECK_FALSE(m.entries[0].merged);
    CHECK(m.entries[1].key->value == "z");
    CHECK(m.entries[2].key->value == "x");
    CHECK(m.entries[2].merged);
    CHECK(m.get("x")->pos().line == 1);  // the merged value keeps its own position
    CHECK(m.get("y")->value == "3");
  }
  SUBCASE("a list of mappings: the first one to define a key wins") {
    const Document doc = load_text("a: &a {k: a, p: 1}\nb: &b {k: b, q: 2}\nm:\n  <<: [*a, *b]\n");
    REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
    const Node& m = *doc.root->get("m");
    CHECK(m.get("k")->value == "a");
    CHECK(m.get("p")->value == "1");
    CHECK(m.get("q")->value == "2");
    CHECK(m.entries.size() == 3);
  }
  SUBCASE("an inline mapping can be merged too; a quoted << is an ordinary key") {
    const Document doc = load_text("m:\n  <<: {k: v}\n  \"<<\": q\n");
    REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
    CHECK(doc.root->get("m")->get("k")->value == "v");
    CHECK(doc.root->get("m")->get("<<")->value == "q");
  }
  SUBCASE("merging something else than mappings is an error") {
    const Document doc = load_text("s: &s text\nm:\n  <<: *s\n  k: v\nn:\n  <<: [{a: 1}, x]\n");
    CHECK(problems_of(doc) ==
          "3:3: yaml/merge: map merge requires map or sequence of maps as the value\n"
          "6:3: yaml/merge: map merge requires map or sequence of maps as the value\n");
    REQUIRE(doc.root != nullptr);
    CHECK(doc.root->get("m")->get("k")->value == "v");
  }
}

TEST_CASE("Prometheus's test_aliases.yaml loads" * doctest::test_suite("corpus")) {
  const std::string path = std::string(MLMON_CORPUS_DIR) + "/rules/prometheus-rulefmt/test_aliases.yaml";
  auto file = read_file(path);
  REQUIRE(file.has_value());
  const Document doc = load(std::make_shared<const SourceFile>(path, *file));
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  const Node& groups = *doc.root->get("groups");
  REQUIRE(groups.items.size() == 2);
  const Node& rules = *groups.items[0]->get("rules");
  REQUIRE(rules.items.size() == 4);
  const Node& first = *rules.items[0];
  CHECK(first.anchor() == "highalert");
  CHECK(first.get("alert")->value == "HighAlert");
  const Node& expr = *first.get("expr");
  CHECK(expr.style == ScalarStyle::Literal);
  CHECK(expr.anchor() == "expr");
  CHECK(expr.value ==
        "sum without(instance) (rate(errors_total[5m]))\n/\nsum without(instance) (rate(requests_total[5m]))\n");
  CHECK(expr.source_position(4) == Position{8, 15, expr.source_offset(4)});
  CHECK(rules.items[1]->get("expr") == &expr);
  // `- <<: *highalert` + `alert: HighAlert2`: the merged rule has every field, its own alert wins.
  const Node& merged = *rules.items[3];
  CHECK(merged.get("alert")->value == "HighAlert2");
  CHECK(merged.get("expr") == &expr);
  CHECK(merged.get("for")->value == "5m");
  CHECK(merged.get("labels")->get("severity")->value == "critical");
  CHECK(merged.entries.size() == 5);
  CHECK(merged.entries[0].key->value == "alert");
  CHECK(merged.entries[1].merged);
  CHECK(groups.items[1]->get("rules")->items[0]->get("annotations")->get("description")->value ==
        "stuff's happening with {{ $.labels.service }}");
}

TEST_CASE("undefined and self-containing aliases stop the load") {
  const Document unknown = load_text("a: 1\nb: *nope\n");
  CHECK(unknown.root == nullptr);
  CHECK(problems_of(unknown) == "2:4: yaml/alias: unknown anchor 'nope' referenced\n");
  const Document cycle = load_text("a: &x\n  b: [*x]\n");
  CHECK(cycle.root == nullptr);
  CHECK(problems_of(cycle) == "2:7: yaml/alias: anchor 'x' value contains itself\n");
}

TEST_CASE("billion laughs is refused, reasonable reuse is not") {
  std::string laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    laughs += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) laughs += std::string(i ? "," : "") + "*" + prev;
    laughs += "]\n";
  }
  const Document doc = load_text(laughs);
  CHECK(doc.root == nullptr);
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].rule_id == "yaml/alias");
  CHECK(doc.problems[0].message == "document contains excessive aliasing");

  std::string reuse = "base: &base {for: 5m, labels: {severity: page}}\nrules:\n";
  for (int i = 0; i < 2000; ++i) reuse += "- <<: *base\n  alert: A" + std::to_string(i) + "\n  expr: up == 0\n";
  const Document ok = load_text(reuse);
  CHECK_MESSAGE(ok.ok(), problems_of(ok));
}

TEST_CASE("duplicate keys use Go's wording, at the second key") {
  const Document doc = load_text("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    expr: down\n");
  CHECK(problems_of(doc) == "6:5: yaml/duplicate-key: mapping key \"expr\" already defined at line 5\n");
  REQUIRE(doc.root != nullptr);  // the tree is still there for further checks; the first value wins
  CHECK(doc.root->get("groups")->items[0]->get("rules")->items[0]->get("expr")->value == "up");
  CHECK(problems_of(load_text("{a: 1, \"a\": 2}")) ==
        "1:8: yaml/duplicate-key: mapping key \"a\" already defined at line 1\n");
  CHECK(problems_of(load_text("a: 1\n<<: {b: 1}\n<<: {c: 1}\n")) ==
        "3:1: yaml/duplicate-key: mapping key \"<<\" already defined at line 2\n");
  CHECK(problems_of(load_text("\"a\\tb\": 1\n\"a\\tb\": 2\n")) ==
        "2:1: yaml/duplicate-key: mapping key \"a\\tb\" already defined at line 1\n");
}

TEST_CASE("duplicate keys in a large mapping are found without quadratic time") {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "k123: again\n";
  const Document doc = load_text(text);
  CHECK(problems_of(doc) == "50001:1: yaml/duplicate-key: mapping key \"k123\" already defined at line 124\n");
  CHECK(doc.root->get("k49999")->value == "49999");
}

TEST_CASE("multiple documents: the first is used, with a warning") {
  const Document doc = load_text("a: 1\n---\nb: 2\n");
  REQUIRE(doc.root != nullptr);
  CHECK(doc.root->get("a") != nullptr);
  CHECK(doc.ok());
  CHECK(problems_of(doc) ==
        "2:1: yaml/multiple-documents: multiple YAML documents in one file are not supported, only the first "
        "document is processed\n");
  CHECK(doc.problems[0].severity == Severity::Warning);

  LoadOptions prometheus;
  prometheus.multiple_documents_message =
      "Multiple document yaml rules files are not supported, only the first document is processed";
  const Document rules = load(std::make_shared<const SourceFile>("r.yml", "groups: []\n---\n"), prometheus);
  CHECK(problems_of(rules) ==
        "2:1: yaml/multiple-documents: Multiple document yaml rules files are not supported, only the first "
        "document is processed\n");

  CHECK(load_text("---\na: 1\n...\n").problems.empty());
  CHECK(load_text("a: 1\n---\n[").problems.size() == 1);  // a broken second document is still one
}

TEST_CASE("load_all: every document, each with its own problems") {
  auto all = [](const std::string& text) { return load_all(std::make_shared<const SourceFile>("m.yml", text)); };
  std::vector<Document> docs = all("a: 1\n---\nb: 2\nb: 3\n---\n---\nc:\n\t- x\n");
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].root->get("a")->value == "1");
  CHECK(docs[0].problems.empty());
  CHECK(docs[0].has_further_documents() == false);
  CHECK(problems_of(docs[1]) == "4:1: yaml/duplicate-key: mapping key \"b\" already defined at line 3\n");
  CHECK(docs[2].problems.empty());
  CHECK(docs[3].root == nullptr);  // the tab is found in its own document only
  CHECK(problems_of(docs[3]).starts_with("8:1: yaml/syntax: found a tab character"));

  // A document that does not parse ends the list.
  docs = all("a: 1\n---\nb: [\n---\nc: 3\n");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].ok());
  CHECK(docs[1].root == nullptr);
  CHECK(docs[1].problems.size() == 1);

  // Text after the root node is not a new document without `---`, as for load().
  docs = all("- a\nb: 1\n");
  REQUIRE(docs.size() == 1);
  CHECK(problems_of(docs[0]) == problems_of(load_text("- a\nb: 1\n")));

  CHECK(all("").size() == 1);
  CHECK(all("# only a comment\n")[0].root == nullptr);
  CHECK(all("\xFF\n")[0].problems.size() == 1);

  // Found by fuzzing: a token no document starts with, after `...`, is a syntax error (yaml-cpp
  // leaves it in place and handed over empty documents until memory ran out).
  docs = all("a: 1\n...  , x\n");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].root->get("a")->value == "1");
  CHECK(problems_of(docs[1]) == "2:6: yaml/syntax: did not find expected <document start>\n");
  docs = all("---\n...\n,\n");
  REQUIRE(docs.size() == 2);
  CHECK(problems_of(docs[1]) == "3:1: yaml/syntax: did not find expected <document start>\n");
}

TEST_CASE("syntax errors: yaml-cpp's message at its position, with a hint") {
  const Document doc = load_text("groups:\n  - name: g\n   rules: []\n");
  CHECK(doc.root == nullptr);
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].rule_id == "yaml/syntax");
  CHECK(doc.problems[0].file == "t.yaml");
  CHECK(problems_of(doc) == "3:4: yaml/syntax: end of sequence not found\n");
  CHECK(doc.problems[0].hint.starts_with("check the indentation of this line"));
  CHECK(problems_of(load_text("a: b: c\n")) == "1:5: yaml/syntax: illegal map value\n");

  CHECK(problems_of(load_text("a: [1, 2\n")) == "2:1: yaml/syntax: end of sequence flow not found\n");
  CHECK(problems_of(load_text("a: \"abc\n")) ==
        "1:4: yaml/syntax: found unexpected end of stream while scanning a quoted scalar\n");
  CHECK(problems_of(load_text("a: 'abc")) == "1:8: yaml/syntax: illegal EOF in scalar\n");
  CHECK(problems_of(load_text("a: \"\\d+\"\n")) == "1:7: yaml/syntax: unknown escape character: d\n");
}

TEST_CASE("tabs used for indentation get a clear message") {
  const std::string expected_message =
      "found a tab character in indentation: tabs are not allowed for indentation in YAML";
  for (const char* text : {"a:\n\tb: 1\n", "a:\n  b: 1\n\tc: 2\n", "\tfoo: 1\n", "a:\n\tvalue\n", "a:\n \tb: 1\n",
                           "a: 1\n\t# comment\n", "a: |\n\tx\n"}) {
    CAPTURE(text);
    const Document doc = load_text(text);
    CHECK(doc.root == nullptr);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule_id == "yaml/syntax");
    CHECK(doc.problems[0].message == expected_message);
    CHECK(doc.problems[0].hint == "indent with spaces");
    CHECK(doc.source->text()[doc.problems[0].pos.offset] == '\t');
  }
  // Tabs elsewhere are fine: separators, inside quoted or block content, in flow collections.
  for (const char* text : {"a:\t1\n", "a: \"x\n\ty\"\n", "a: |\n  x\n  \ty\n", "a: [1,\n\t2]\n", "- \tx\n"}) {
    CAPTURE(text);
    const Document doc = load_text(text);
    CHECK_MESSAGE(doc.ok(), problems_of(doc));
  }
}

TEST_CASE("deep nesting does not crash") {
  for (const std::string& text : {std::string(10000, '['), std::string(100000, '{'),
                                  [] {
                                    std::string s;
                                    for (int i = 0; i < 3000; ++i) s += "- ";
                                    return s + "x\n";
                                  }(),
                                  [] {
                                    std::string s;
                                    for (int i = 0; i < 3000; ++i) s += std::string(2 * i, ' ') + "a:\n";
                                    return s;
                                  }()}) {
    const Document doc = load_text(text);
    CHECK(doc.root == nullptr);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule_id == "yaml/syntax");
    CHECK(doc.problems[0].message.starts_with("document nested too deeply ("));
  }
  std::string fine;
  for (int i = 0; i < 100; ++i) fine += "[";
  for (int i = 0; i < 100; ++i) fine += "]";
  CHECK(load_text(fine).ok());
}

TEST_CASE("bad input: binary, invalid UTF-8, UTF-16, truncation") {
  CHECK(problems_of(load_text(std::string("a: b\0c\n", 7))) ==
        "1:5: yaml/encoding: control characters are not allowed\n");
  CHECK(problems_of(load_text("a: \x01\n")) == "1:4: yaml/encoding: control characters are not allowed\n");
  CHECK(problems_of(load_text("a: caf\xC3\n")) == "1:7: yaml/encoding: invalid UTF-8 (byte 0xC3)\n");
  CHECK(problems_of(load_text("a: \xFF\xFE\n")) == "1:4: yaml/encoding: invalid UTF-8 (byte 0xFF)\n");
  CHECK(problems_of(load_text("a: \xED\xA0\x80\n")) == "1:4: yaml/encoding: invalid UTF-8 (byte 0xED)\n");
  CHECK(problems_of(load_text(std::string("\xFF\xFE"
                                          "a\0:\0",
                                          6))) ==
        "1:1: yaml/encoding: UTF-16 and UTF-32 encoded files are not supported\n");
  CHECK(load_text("caf\xC3\xA9: \xE2\x9C\x93\n").ok());
  // The encoding check takes clean ASCII 16 bytes at a time: a bad byte anywhere in or after
  // such a block is still found, at its own column.
  for (const char bad : {'\x01', '\x7F', '\x1F', '\x00'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text = "k: " + std::string(40, 'v') + "\n";
      text[3 + at] = bad;
      CHECK(problems_of(load_text(text)) ==
            "1:" + std::to_string(4 + at) + ": yaml/encoding: control characters are not allowed\n");
    }
  }
  CHECK(load_text("k: \"" + std::string(40, 'v') + "\t\r\nw\"\r\n").ok());

  // Every prefix of a valid file either loads or fails cleanly.
  const std::string full =
      "groups:\n- name: \"g\"\n  rules:\n  - alert: 'A'\n    expr: |\n      up\n    labels: {a: [1, 2]}\n"
      "    x: &a >-\n      t\n    y: *a\n";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    CAPTURE(n);
    const Document doc = load_text(full.substr(0, n));
    for (const Node& node : doc.nodes) CHECK(node.end <= n);
  }
}

TEST_CASE("a few MB on a single line") {
  std::string line = "a: \"" + std::string(3u << 20, 'x') + "\"\nb: [";
  for (int i = 0; i < 100000; ++i) line += "1, ";
  line += "2]\n";
  const Document doc = load_text(line);
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));
  CHECK(doc.root->get("a")->value.size() == (3u << 20));
  CHECK(doc.root->get("b")->items.size() == 100001);
  CHECK(doc.root->get("b")->items.back()->pos() == Position{2, 300005, doc.root->get("b")->items.back()->offset});
}

}  // namespace mlmon::yaml

namespace mlmon::yaml {
using test::load_text;
using test::problems_of;

TEST_CASE("what yaml-cpp accepts but Go's yaml does not: a key without colon, text after the root") {
  CHECK(problems_of(load_text("a: 1\nb c\n")) == "2:1: yaml/syntax: could not find expected ':'\n");
  CHECK(problems_of(load_text("groups:\n- name: g\n  rules\n")) == "3:3: yaml/syntax: could not find expected ':'\n");
  CHECK(problems_of(load_text("- a\nb\n")) == "2:1: yaml/syntax: could not find expected ':'\n");
  CHECK(problems_of(load_text("- a\n[b]\n")) == "2:1: yaml/syntax: did not find expected <document start>\n");
  // Still fine: explicit keys and flow mappings may omit the value, `...` ends a document.
  CHECK(load_text("? a\n? b\n").problems.empty());
  CHECK(load_text("{a, b: 1}\n").problems.empty());
  CHECK(load_text("a:\n").problems.empty());
  CHECK(problems_of(load_text("a: 1\n...\nb: 2\n")) ==
        "3:1: yaml/multiple-documents: multiple YAML documents in one file are not supported, only the first "
        "document is processed\n");
}

TEST_CASE("an anchor on the first key belongs to the key, not to the mapping") {
  const Document doc = load_text("&a k: v\n*a : w\n");
  REQUIRE_MESSAGE(doc.ok(), problems_of(doc));  // an alias key is not a duplicate for yaml.v3
  CHECK(doc.root->offset == 0);
  CHECK(doc.root->anchor() == "");
  CHECK(doc.root->entries[0].key->anchor() == "a");
  CHECK(doc.root->entries.size() == 2);
}

}  // namespace mlmon::yaml
