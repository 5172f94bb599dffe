#include "core/file_io.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"

namespace fs = std::filesystem;

using mlmon::testing::TempDir;

TEST_CASE("read_file reads bytes exactly and names the path on failure") {
  TempDir dir;
  const auto file = dir / "a.yml";
  std::ofstream(file, std::ios::binary) << "x\r\n\0y";
  auto data = mlmon::read_file(file);
  REQUIRE(data.has_value());
  CHECK(*data == std::string("x\r\n"));

  auto missing = mlmon::read_file(dir / "nope.yml");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message == (dir / "nope.yml") + ": cannot open: No such file or directory");

  auto directory = mlmon::read_file(dir.path());
  REQUIRE_FALSE(directory.has_value());
  CHECK(directory.error().message == dir.path() + ": is a directory, not a file");
}

TEST_CASE("write_file_atomic replaces content and keeps the mode") {
  TempDir dir;
  const auto file = dir / "rules.yml";
  std::ofstream(file) << "old";
  ::chmod(file.c_str(), 0640);
  REQUIRE(mlmon::write_file_atomic(file, "new content").has_value());
  CHECK(*mlmon::read_file(file) == "new content");
  struct stat st{};
  ::stat(file.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640);
  // No temporary file is left behind.
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("write_file_atomic creates new files with the given mode") {
  TempDir dir;
  const auto file = dir / "secret.yml";
  REQUIRE(mlmon::write_file_atomic(file, "s", 0600).has_value());
  struct stat st{};
  ::stat(file.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a failed write leaves the original intact") {
  if (::geteuid() == 0) {
    // root ignores directory permissions; use a missing directory instead.
    auto r = mlmon::write_file_atomic("/nonexistent-dir/x.yml", "data");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("/nonexistent-dir/x.yml: cannot create a temporary file beside it") == 0);
    return;
  }
  TempDir dir;
  const auto file = dir / "rules.yml";
  std::ofstream(file) << "original";
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  auto r = mlmon::write_file_atomic(file, "new");
  fs::permissions(dir.path(), fs::perms::owner_all);
  REQUIRE_FALSE(r.has_value());
  CHECK(*mlmon::read_file(file) == "original");
}

TEST_CASE("write_file_atomic refuses to replace a directory") {
  TempDir dir;
  auto r = mlmon::write_file_atomic(dir.path(), "x");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == dir.path() + ": not a regular file; refusing to replace it");
}
