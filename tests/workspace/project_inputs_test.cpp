#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "workspace/project_check.hpp"

using mlmon::testing::TempDir;

namespace {

// Runs with the working directory set to `dir`, as `cd dir && mlmon check .` does.
class InDirectory {
 public:
  explicit InDirectory(const std::string& dir) : before_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~InDirectory() { std::filesystem::current_path(before_); }

 private:
  std::filesystem::path before_;
};

std::vector<std::string> paths(const std::vector<mlmon::InputFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path);
  return out;
}

}  // namespace

// `mlmon check .` from the project's root read the ignored fixtures: the config's path was
// `.mlmon.yml`, whose parent is empty, so nothing matched `tests/*`.
TEST_CASE("project_inputs: ignore: applies with the config in the working directory") {
  TempDir dir;
  dir.file(".mlmon.yml", "ignore: ['tests/*']\n");
  dir.file("rules/a.yml", "groups: []\n");
  dir.file("tests/broken.yml", "groups: [\n");
  InDirectory cd(dir.path());
  mlmon::project::Config config;
  config.path = ".mlmon.yml";
  config.ignore = {"tests/*"};
  auto files = mlmon::workspace::project_inputs({"."}, {".yml"}, config, ".");
  REQUIRE(files.has_value());
  CHECK(paths(*files) == std::vector<std::string>{"./rules/a.yml"});
  // Named on the command line, an ignored file is read.
  files = mlmon::workspace::project_inputs({"tests/broken.yml"}, {".yml"}, config, ".");
  REQUIRE(files.has_value());
  CHECK(paths(*files) == std::vector<std::string>{"tests/broken.yml"});
}
