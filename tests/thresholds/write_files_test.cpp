#include "thresholds/write_files.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_text.hpp"
#include "temp_dir.hpp"

using mlmon::testing::read_text;
using mlmon::testing::TempDir;
using mlmon::thresholds::FileWrite;
using mlmon::thresholds::write_files;

TEST_CASE("write_files writes every file and keeps their modes") {
  TempDir dir;
  const auto a = dir.file("a.yml", "a: 1\n");
  const auto b = dir.file("b.yml", "b: 1\n");
  ::chmod(b.c_str(), 0640);
  CHECK(write_files({{a, "a: 1\n", "a: 2\n"}, {b, "b: 1\n", "b: 2\n"}}).empty());
  CHECK(read_text(a) == "a: 2\n");
  CHECK(read_text(b) == "b: 2\n");
  struct stat st{};
  ::stat(b.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("write_files writes nothing when one file may not be written, and says why for each") {
  TempDir dir;
  const auto a = dir.file("a.yml", "a: 1\n");
  const auto ro = dir.file("ro.yml", "r: 1\n");
  ::chmod(ro.c_str(), 0444);
  const auto target = dir.file("target.yml", "t: 1\n");
  const auto link = dir / "link.yml";
  std::filesystem::create_symlink(target, link);
  const auto moved = dir.file("moved.yml", "m: 1 # edited meanwhile\n");
  const auto problems = write_files(
      {{a, "a: 1\n", "a: 2\n"}, {ro, "r: 1\n", "r: 2\n"}, {link, "t: 1\n", "t: 2\n"}, {moved, "m: 1\n", "m: 2\n"}});
  CHECK(problems == std::vector<std::string>{
                        ro + ": the file is read-only",
                        link + ": is a symbolic link; run the command on the file it points to (" + target + ")",
                        moved + ": the file changed on disk since it was read; run again",
                    });
  CHECK(read_text(a) == "a: 1\n");
  CHECK(read_text(ro) == "r: 1\n");
  CHECK(read_text(target) == "t: 1\n");
  CHECK(std::filesystem::is_symlink(link));
  CHECK(read_text(moved) == "m: 1 # edited meanwhile\n");
}

TEST_CASE("write_files refuses a read-only directory (as a user other than root)") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: root may write in read-only directories");
    return;
  }
  TempDir dir;
  const auto a = dir.file("sub/a.yml", "a: 1\n");
  ::chmod((dir / "sub").c_str(), 0555);
  const auto problems = write_files({{a, "a: 1\n", "a: 2\n"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == a + ": cannot write in directory " + (dir / "sub") + ": Permission denied");
  CHECK(read_text(a) == "a: 1\n");
}
