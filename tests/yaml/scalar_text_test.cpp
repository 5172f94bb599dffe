// ScalarText: a value is a view of the file's text when written there as it reads, else a copy;
// it reads like a const std::string either way.
#include "yaml/scalar_text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "document_diff.hpp"

namespace mlmon::yaml {
namespace {

bool inside(std::string_view text, const ScalarText& value) {
  return value.data() >= text.data() && value.data() + value.size() <= text.data() + text.size();
}

TEST_CASE("scalar text: a view shares the text, a copy owns its bytes") {
  const std::string file = "key: some long plain value here";
  const ScalarText view = ScalarText::view_of(std::string_view(file).substr(5));
  CHECK(view == "some long plain value here");
  CHECK(view.data() == file.data() + 5);

  const ScalarText copy("some long plain value here");
  CHECK(copy == view);
  CHECK(!inside(file, copy));

  // A copy of a view is a view; a copy of an owned value owns another copy.
  const ScalarText view_again = view;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the test
  CHECK(view_again.data() == view.data());
  const ScalarText copy_again = copy;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy_again == copy);
  CHECK(copy_again.data() != copy.data());

  // Moving leaves the source empty, not dangling.
  ScalarText moved_from("owned text longer than fifteen");
  const ScalarText moved = std::move(moved_from);
  CHECK(moved == "owned text longer than fifteen");
  CHECK(moved_from
            .empty());  // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move): moved-from state is specified
  CHECK(moved_from == "");  // NOLINT(bugprone-use-after-move)

  ScalarText assigned;
  CHECK(assigned.empty());
  assigned = std::string("from a string");
  CHECK(assigned == "from a string");
  assigned = view;
  CHECK(assigned.data() == view.data());
  assigned = assigned;  // NOLINT(misc-redundant-expression,clang-diagnostic-self-assign-overloaded): self-assignment
                        // keeps the value
  CHECK(assigned == view);
}

TEST_CASE("scalar text: same_text_or_copy views only identical bytes") {
  const std::string file = "a: 'it''s'\nb: \"plain words\"\n";
  const ScalarText escaped = ScalarText::same_text_or_copy(file, 4, "it's");
  CHECK(escaped == "it's");
  CHECK(!inside(file, escaped));
  const std::size_t quote = file.find('"');
  const ScalarText plain = ScalarText::same_text_or_copy(file, quote + 1, "plain words");
  CHECK(plain.data() == file.data() + quote + 1);
  // Past the end of the text: a copy, not a read out of bounds.
  const ScalarText past = ScalarText::same_text_or_copy(file, file.size() + 3, "x");
  CHECK(past == "x");
  CHECK(!inside(file, past));
}

TEST_CASE("scalar text: reads like a const std::string") {
  const ScalarText v("alertname=~\"Disk.*\"");
  CHECK(v.size() == 19);
  CHECK(v.find("=~") == 9);
  CHECK(v.substr(0, 9) == std::string("alertname"));
  CHECK(v.starts_with("alert"));
  CHECK(v.ends_with('"'));
  CHECK(v.front() == 'a');
  CHECK(v.back() == '"');
  CHECK("[" + v + "]" == "[alertname=~\"Disk.*\"]");
  CHECK(std::string(v) == "alertname=~\"Disk.*\"");
  CHECK(fmt::format("<{:>21}>", v) == "<  alertname=~\"Disk.*\">");
  std::ostringstream out;
  out << v;
  CHECK(out.str() == "alertname=~\"Disk.*\"");
  CHECK(ScalarText("a") < ScalarText("b"));
  const std::map<std::string, int, std::less<>> by_name{{"alertname=~\"Disk.*\"", 1}};
  CHECK(by_name.find(std::string_view(v)) != by_name.end());
}

TEST_CASE("scalar text: both loaders view the file for values written as they read") {
  const std::string text =
      "plain: a plain value longer than sixteen bytes\n"
      "single: 'single quoted, no escapes at all'\n"
      "double: \"double quoted, no escapes at all\"\n"
      "escaped: \"tab\\there, decoded into a copy\"\n"
      "doubled: 'it''s decoded into a copy as well'\n"
      "block: |\n  a block scalar is always a copy\n";
  auto source = std::make_shared<const SourceFile>("v.yml", text);
  Document fast;
  fast.source = source;
  REQUIRE(detail::load_fast(fast, {}));
  Document slow = detail::load_with_yaml_cpp(source, {});
  for (const Document* doc : {&fast, &slow}) {
    REQUIRE(doc->root != nullptr);
    CHECK(inside(source->text(), doc->root->get("plain")->value));
    CHECK(inside(source->text(), doc->root->get("single")->value));
    CHECK(inside(source->text(), doc->root->get("double")->value));
    CHECK(doc->root->get("escaped")->value == "tab\there, decoded into a copy");
    CHECK(!inside(source->text(), doc->root->get("escaped")->value));
    CHECK(doc->root->get("doubled")->value == "it's decoded into a copy as well");
    CHECK(!inside(source->text(), doc->root->get("doubled")->value));
    CHECK(doc->root->get("block")->value == "a block scalar is always a copy\n");
    // Keys are plain words: views.
    CHECK(inside(source->text(), doc->root->entries[0].key->value));
  }
}

}  // namespace
}  // namespace mlmon::yaml
