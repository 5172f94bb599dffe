#include "dashboards/json_index.hpp"

#include <doctest/doctest.h>

namespace mlmon::dashboards {

TEST_CASE("json index: every value's pointer maps to its first byte") {
  const std::string text = R"({"a": 1, "b": [true, {"c/d": "x", "e~f": null}], "": []})";
  const JsonIndex index = JsonIndex::build(text, 100);
  CHECK(index.offset("") == 0u);
  CHECK(index.offset("/a") == 6u);
  CHECK(index.offset("/b") == 14u);
  CHECK(index.offset("/b/0") == 15u);
  CHECK(index.offset("/b/1") == 21u);
  CHECK(index.offset("/b/1/c~1d") == 29u);
  CHECK(index.offset("/b/1/e~0f") == 41u);
  CHECK(index.offset("/") == 53u);
  CHECK_FALSE(index.offset("/zzz").has_value());
  CHECK(index.nearest_offset("/b/1/missing/deeper") == 21u);
  CHECK(index.max_depth() == 3);
}

TEST_CASE("json index: escaped keys decode before they become pointer tokens") {
  const std::string text = R"({"t\u00e9st": 1, "q\"k": 2})";
  const JsonIndex index = JsonIndex::build(text, 100);
  CHECK(index.offset("/t\xc3\xa9st") == 14u);
  CHECK(index.offset("/q\"k") == 25u);
}

TEST_CASE("json index: duplicate keys keep the last, as nlohmann does") {
  const JsonIndex index = JsonIndex::build(R"({"a": 1, "a": 2})", 100);
  CHECK(index.offset("/a") == 14u);
}

TEST_CASE("json index: depth limit stops the scan at the container too deep") {
  const std::string text = "[[[[1]]]]";
  CHECK_FALSE(JsonIndex::build(text, 4).too_deep_at().has_value());
  const JsonIndex index = JsonIndex::build(text, 3);
  REQUIRE(index.too_deep_at().has_value());
  CHECK(*index.too_deep_at() == 3u);
}

TEST_CASE("json index: malformed input ends the scan without crashing") {
  for (std::string_view text :
       {"", "{", "{\"a\"", "{\"a\":", "[1,", "]]]", "{\"a\" 1}", "\"abc", "{,}", "[,,]", "nul"}) {
    const JsonIndex index = JsonIndex::build(text, 10);
    CHECK(index.size() <= 3u);
  }
}

TEST_CASE("string_byte_offset maps decoded bytes through escapes") {
  // "a\"b\u00e9c" decodes to a " b é(2 bytes) c
  const std::string text = R"(x "a\"b\u00e9c" y)";
  CHECK(string_byte_offset(text, 2, 0) == 3u);   // a
  CHECK(string_byte_offset(text, 2, 1) == 4u);   // \"
  CHECK(string_byte_offset(text, 2, 2) == 6u);   // b
  CHECK(string_byte_offset(text, 2, 3) == 7u);   // \u00e9 (first byte)
  CHECK(string_byte_offset(text, 2, 4) == 7u);   // \u00e9 (second byte)
  CHECK(string_byte_offset(text, 2, 5) == 13u);  // c
  CHECK(string_byte_offset(text, 2, 6) == 14u);  // closing quote
  CHECK(string_byte_offset(text, 2, 99) == 14u);
}

TEST_CASE("pointer tokens escape ~ and /") {
  CHECK(pointer_child("/a", "b/c~d") == "/a/b~1c~0d");
  CHECK(pointer_child("", std::size_t{3}) == "/3");
}

}  // namespace mlmon::dashboards
