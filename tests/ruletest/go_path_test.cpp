// Go's filepath.Clean, Join, Dir, Match and Glob, as promtool resolves rule_files.
#include "ruletest/go_path.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

using namespace mlmon::ruletest;

TEST_CASE("gopath: Clean, Join and Dir as Go's filepath") {
  CHECK(gopath::clean("") == ".");
  CHECK(gopath::clean("a/../b/./c//") == "b/c");
  CHECK(gopath::clean("/../a") == "/a");
  CHECK(gopath::clean("../../a") == "../../a");
  CHECK(gopath::join("rules/tests", "../r.yml") == "rules/r.yml");
  CHECK(gopath::join(".", "r.yml") == "r.yml");
  CHECK(gopath::join("", "r.yml") == "r.yml");
  CHECK(gopath::dir("t.yml") == ".");
  CHECK(gopath::dir("/a/b/t.yml") == "/a/b");
  CHECK(gopath::dir("/t.yml") == "/");
}

TEST_CASE("gopath: Match as Go's filepath.Match") {
  CHECK(*gopath::match("*.yml", "a.yml"));
  CHECK(*gopath::match("*.yml", ".hidden.yml"));  // Go's * matches a leading dot
  CHECK_FALSE(*gopath::match("*.yml", "a/b.yml"));
  CHECK(*gopath::match("a?c", "abc"));
  CHECK(*gopath::match("[a-c]x", "bx"));
  CHECK_FALSE(*gopath::match("[^a-c]x", "bx"));
  CHECK(*gopath::match("\\*", "*"));
  CHECK(*gopath::match("a*b*c", "aXbYc"));
  CHECK(gopath::match("[", "x").error() == "syntax error in pattern");
  CHECK(gopath::match("a[", "b").error() == "syntax error in pattern");  // reported even without a match
  CHECK(gopath::match("[]a]", "a").error() == "syntax error in pattern");
}

TEST_CASE("gopath: Glob sorts its matches and gives a pattern without metacharacters only when it exists") {
  mlmon::testing::TempDir dir;
  dir.file("r/b.yml", "");
  dir.file("r/a.yml", "");
  dir.file("r/c.txt", "");
  dir.file("s/x/a.yml", "");
  auto m = gopath::glob(dir / "r/*.yml");
  REQUIRE(m);
  CHECK(*m == std::vector<std::string>{dir / "r/a.yml", dir / "r/b.yml"});
  m = gopath::glob(dir / "*/*/a.yml");
  REQUIRE(m);
  CHECK(*m == std::vector<std::string>{dir / "s/x/a.yml"});
  CHECK(gopath::glob(dir / "r/none.yml")->empty());
  CHECK(*gopath::glob(dir / "r/c.txt") == std::vector<std::string>{dir / "r/c.txt"});
  CHECK(gopath::glob(dir / "r/[.yml").error() == "syntax error in pattern");
}

TEST_CASE("gopath: read_file's errors are Go's") {
  CHECK(gopath::read_file("/nonexistent/r.yml").error().message ==
        "open /nonexistent/r.yml: no such file or directory");
}
