#include "thresholds/text_edit.hpp"

#include <doctest/doctest.h>

using mlmon::thresholds::apply_edits;
using mlmon::thresholds::line_ending_at;
using mlmon::thresholds::TextEdit;

TEST_CASE("apply_edits replaces and inserts in any order, leaving other bytes alone") {
  auto out = apply_edits("a > 5\nfor: 1m\n", {{11, 1, "10"}, {4, 1, "0.25"}, {14, 0, "x: y\n"}});
  REQUIRE(out.has_value());
  CHECK(*out == "a > 0.25\nfor: 10m\nx: y\n");
  CHECK(*apply_edits("abc", {}) == "abc");
  CHECK(*apply_edits("abc", {{3, 0, "\n"}}) == "abc\n");
}

TEST_CASE("apply_edits keeps the order of insertions at one offset") {
  CHECK(*apply_edits("ab", {{1, 0, "1"}, {1, 0, "2"}}) == "a12b");
}

TEST_CASE("apply_edits refuses overlapping and out-of-range edits") {
  auto overlap = apply_edits("abcdef", {{1, 3, "x"}, {2, 1, "y"}});
  REQUIRE_FALSE(overlap.has_value());
  CHECK(overlap.error().message == "internal error: edits at byte 2 overlap");
  auto past = apply_edits("abc", {{2, 2, "x"}});
  REQUIRE_FALSE(past.has_value());
  CHECK(past.error().message == "internal error: edit at byte 2 reaches past the end of the file");
}

TEST_CASE("line_ending_at follows the line's own ending") {
  CHECK(line_ending_at("a\r\nb\n", 0) == "\r\n");
  CHECK(line_ending_at("a\r\nb\n", 3) == "\n");
  CHECK(line_ending_at("a\r\nb", 3) == "\r\n");  // last line without an ending: the file's first
  CHECK(line_ending_at("abc", 1) == "\n");
}
