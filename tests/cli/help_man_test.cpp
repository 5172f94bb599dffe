// --help and the man pages come from the same definitions; each command's help ends with two or
// three examples.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.hpp"

using mlmon::testing::run_cli;

namespace {

// Every command path, from `mlmon help`'s own listing down.
std::vector<std::vector<std::string>> command_paths() {
  std::vector<std::vector<std::string>> paths = {{}};
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::vector<std::string> help_args = {"help"};
    help_args.insert(help_args.end(), paths[i].begin(), paths[i].end());
    const std::string help = run_cli(help_args).out;
    const auto at = help.find("\nSubcommands:\n");
    if (at == std::string::npos) continue;
    std::istringstream lines(help.substr(at + 14));
    for (std::string line; std::getline(lines, line) && line.starts_with("  ");) {
      std::vector<std::string> sub = paths[i];
      sub.push_back(line.substr(2, line.find(' ', 2) - 2));
      paths.push_back(sub);
    }
  }
  return paths;
}

// The flags of the options section: "-q,--quiet" in --help, "\fB\-q\fR, \fB\-\-quiet\fR" in roff.
std::set<std::string> help_flags(const std::string& help) {
  std::set<std::string> flags;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("  -")) continue;
    std::string names = line.substr(2, line.find(' ', 2) - 2);
    for (std::size_t start = 0; start < names.size();) {
      const auto comma = names.find(',', start);
      flags.insert(names.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return flags;
}

std::set<std::string> man_flags(const std::string& page) {
  std::set<std::string> flags;
  for (auto at = page.find("\\fB\\-"); at != std::string::npos; at = page.find("\\fB\\-", at + 1)) {
    const auto end = page.find("\\fR", at);
    std::string flag;
    for (std::size_t i = at + 3; i < end; ++i) {
      if (page.compare(i, 2, "\\-") == 0) {
        flag += '-';
        ++i;
      } else {
        flag += page[i];
      }
    }
    flags.insert(flag);
  }
  return flags;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += " " + w;
  return out;
}

}  // namespace

TEST_CASE("every command's man page lists exactly the flags its --help lists") {
  const auto paths = command_paths();
  CHECK(paths.size() > 20);
  for (const auto& path : paths) {
    CAPTURE(joined(path));
    std::vector<std::string> help_args = path;
    help_args.push_back("--help");
    std::vector<std::string> man_args = {"man"};
    man_args.insert(man_args.end(), path.begin(), path.end());
    const auto help = run_cli(help_args);
    const auto man = run_cli(man_args);
    REQUIRE(help.code == 0);
    REQUIRE(man.code == 0);
    const auto flags = help_flags(help.out);
    CHECK(flags.count("--help") == 1);
    CHECK(flags == man_flags(man.out));
  }
}

TEST_CASE("every command's --help ends with two or three examples, and its man page has them") {
  for (const auto& path : command_paths()) {
    CAPTURE(joined(path));
    std::vector<std::string> help_args = path;
    help_args.push_back("--help");
    const std::string help = run_cli(help_args).out;
    const auto at = help.rfind("\nExamples:\n");
    REQUIRE(at != std::string::npos);
    std::size_t examples = 0;
    std::istringstream lines(help.substr(at + 11));
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("  mlmon ") ||
          (line.starts_with("  ") && line.find(" mlmon ") != std::string::npos && !line.starts_with("      "))) {
        ++examples;
      }
    }
    CHECK(examples >= 2);
    CHECK(examples <= 3);
    std::vector<std::string> man_args = {"man"};
    man_args.insert(man_args.end(), path.begin(), path.end());
    CHECK(run_cli(man_args).out.find(".SH EXAMPLES\n") != std::string::npos);
  }
}
