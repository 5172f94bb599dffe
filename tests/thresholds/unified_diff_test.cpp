#include "thresholds/unified_diff.hpp"

#include <doctest/doctest.h>

using mlmon::thresholds::unified_diff;

TEST_CASE("unified_diff: one changed line with three lines of context") {
  const std::string before = "1\n2\n3\n4\nexpr: x > 5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nexpr: x > 7\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "rules/a.yml") ==
        "--- rules/a.yml\n"
        "+++ rules/a.yml\n"
        "@@ -2,7 +2,7 @@\n"
        " 2\n"
        " 3\n"
        " 4\n"
        "-expr: x > 5\n"
        "+expr: x > 7\n"
        " 6\n"
        " 7\n"
        " 8\n");
}

TEST_CASE("unified_diff: equal texts give nothing") { CHECK(unified_diff("a\nb\n", "a\nb\n", "f").empty()); }

TEST_CASE("unified_diff: an inserted line, changes far apart in two hunks, close ones in one") {
  CHECK(unified_diff("a\nb\n", "a\nx\nb\n", "f") == "--- f\n+++ f\n@@ -1,2 +1,3 @@\n a\n+x\n b\n");
  std::string before;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  std::string after = before;
  after.replace(after.find("2\n"), 2, "two\n");
  after.replace(after.find("18\n"), 3, "eighteen\n");
  CHECK(unified_diff(before, after, "f") ==
        "--- f\n+++ f\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
  std::string near = before;
  near.replace(near.find("5\n"), 2, "five\n");
  near.replace(near.find("11\n"), 3, "eleven\n");
  CHECK(unified_diff(before, near, "f") ==
        "--- f\n+++ f\n"
        "@@ -2,13 +2,13 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n-11\n+eleven\n 12\n 13\n 14\n");
}

TEST_CASE("unified_diff: CRLF bytes are kept and a missing final newline is marked") {
  CHECK(unified_diff("a\r\nx: 1\r\n", "a\r\nx: 2\r\n", "f") ==
        "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-x: 1\r\n+x: 2\r\n");
  CHECK(
      unified_diff("a\nx: 1", "a\nx: 2", "f") ==
      "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-x: 1\n\\ No newline at end of file\n+x: 2\n\\ No newline at end of file\n");
}

TEST_CASE("unified_diff: insertion into an empty file and removal of everything") {
  CHECK(unified_diff("", "a\n", "f") == "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n");
  CHECK(unified_diff("a\nb\n", "", "f") == "--- f\n+++ f\n@@ -1,2 +0,0 @@\n-a\n-b\n");
}

TEST_CASE("unified_diff: lines moved around are matched by the shortest edit script") {
  CHECK(unified_diff("a\nb\nc\nd\n", "a\nc\nb\nd\n", "f") == "--- f\n+++ f\n@@ -1,4 +1,4 @@\n a\n-b\n c\n+b\n d\n");
}
