#include "core/inputs.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "temp_dir.hpp"

using mlmon::expand_inputs;
using mlmon::testing::TempDir;

namespace {

const std::vector<std::string> kYaml{".yml", ".yaml"};

}  // namespace

TEST_CASE("expand_inputs: files as given, directories searched and sorted, stdin kept") {
  TempDir dir;
  const auto given = dir.file("given.txt", "x");
  dir.file("rules/b.yaml", "");
  dir.file("rules/a.yml", "");
  dir.file("rules/sub/c.yml", "");
  dir.file("rules/notes.md", "");
  dir.file("rules/.yml", "");  // the extension alone is no name
  auto files = expand_inputs({given, dir / "rules", "-"}, kYaml);
  REQUIRE(files.has_value());
  CHECK(*files ==
        std::vector<std::string>{given, dir / "rules/a.yml", dir / "rules/b.yaml", dir / "rules/sub/c.yml", "-"});
}

TEST_CASE("expand_inputs skips hidden files and folders, node_modules and build trees, not folders named like them") {
  TempDir dir;
  dir.file("repo/.git/x.yml", "");
  dir.file("repo/node_modules/x.yml", "");
  dir.file("repo/build/x.yml", "");
  dir.file("repo/out-of-tree/CMakeCache.txt", "");
  dir.file("repo/out-of-tree/x.yml", "");
  dir.file("repo/buildkite/x.yml", "");
  dir.file("repo/rules/x.yml", "");
  dir.file("repo/.gitlab-ci.yml", "");
  dir.file("repo/rules/.hidden.yml", "");
  auto files = expand_inputs({dir / "repo"}, kYaml);
  REQUIRE(files.has_value());
  CHECK(*files == std::vector<std::string>{dir / "repo/buildkite/x.yml", dir / "repo/rules/x.yml"});
  // A hidden file named on purpose is read.
  CHECK(*expand_inputs({dir / "repo/.gitlab-ci.yml"}, kYaml) == std::vector<std::string>{dir / "repo/.gitlab-ci.yml"});

  // A skipped folder given on purpose is searched.
  auto hidden = expand_inputs({dir / "repo/.git"}, kYaml);
  REQUIRE(hidden.has_value());
  CHECK(*hidden == std::vector<std::string>{dir / "repo/.git/x.yml"});
}

TEST_CASE("expand_inputs: each glob match is taken as if given, directories searched") {
  TempDir dir;
  dir.file("rules/a.yml", "");
  dir.file("rules/team/b.yml", "");
  dir.file("rules/readme.txt", "");
  auto files = expand_inputs({dir / "rules/*"}, kYaml);
  REQUIRE(files.has_value());
  CHECK(*files == std::vector<std::string>{dir / "rules/a.yml", dir / "rules/readme.txt", dir / "rules/team/b.yml"});
}

TEST_CASE("expand_inputs names what is missing") {
  TempDir dir;
  dir.file("docs/readme.md", "");
  std::filesystem::create_directories(dir / "empty");

  auto missing = expand_inputs({dir / "nope.yml"}, kYaml);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message == dir / "nope.yml" + ": no such file or directory");

  auto no_match = expand_inputs({dir / "*.yml"}, kYaml);
  REQUIRE_FALSE(no_match.has_value());
  CHECK(no_match.error().message == dir / "*.yml" + ": no file matches this pattern");

  auto empty = expand_inputs({dir / "empty"}, kYaml);
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().message == dir / "empty" +
                                     ": no .yml or .yaml files in this directory (hidden files and folders, "
                                     "node_modules and build folders are skipped)");

  auto other_files = expand_inputs({dir / "docs"}, {".yml", ".yaml", ".json", ".tmpl"});
  REQUIRE_FALSE(other_files.has_value());
  CHECK(other_files.error().message == dir / "docs" +
                                           ": no .yml, .yaml, .json or .tmpl files in this directory (hidden files and "
                                           "folders, node_modules and build folders are skipped)");
}
