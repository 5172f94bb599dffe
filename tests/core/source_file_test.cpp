#include "core/source_file.hpp"

#include <doctest/doctest.h>

using mlmon::Position;
using mlmon::SourceFile;

TEST_CASE("offsets map to 1-based line and character column") {
  SourceFile f("f.yml",
               "ab\nc\xc3\xa9"
               "d\r\nlast");
  CHECK(f.position_of(0) == Position{1, 1, 0});
  CHECK(f.position_of(2) == Position{1, 3, 2});
  CHECK(f.position_of(3) == Position{2, 1, 3});
  // 'd' follows a two-byte character: byte 6, character column 3.
  CHECK(f.position_of(6) == Position{2, 3, 6});
  CHECK(f.position_of(9) == Position{3, 1, 9});
  CHECK(f.position_of(1000) == Position{3, 5, 13});
  CHECK(f.line_count() == 3);
}

TEST_CASE("line text drops the line ending, CRLF included") {
  SourceFile f("f.yml", "one\r\ntwo\nthree");
  CHECK(f.line_text(1) == "one");
  CHECK(f.line_text(2) == "two");
  CHECK(f.line_text(3) == "three");
  CHECK(f.line_text(4).empty());
  CHECK(f.line_text(0).empty());
}

TEST_CASE("offset_of inverts position_of") {
  SourceFile f("f.yml", "a\xc3\xa9z\nxy");
  for (std::size_t off : {0u, 1u, 3u, 5u, 6u}) {
    const Position p = f.position_of(off);
    CHECK(f.offset_of(p.line, p.col) == off);
  }
}

TEST_CASE("utf8_length counts characters") {
  CHECK(mlmon::utf8_length("") == 0);
  CHECK(mlmon::utf8_length("h\xc3\xa9llo") == 5);
}
