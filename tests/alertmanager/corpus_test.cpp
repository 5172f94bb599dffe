// Conformance: Alertmanager's own config/testdata (EXPECTED.tsv, newest verdicts) and amtool's
// cli/config/testdata fixtures (amtool 0.25 verdicts), file by file.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

namespace {

struct Expected {
  std::string file;
  std::string verdict;
  std::string text;
};

std::vector<Expected> read_expected() {
  std::ifstream in(corpus("alertmanager/config-testdata/EXPECTED.tsv"));
  std::vector<Expected> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Expected e;
    std::getline(fields, e.file, '\t');
    std::getline(fields, e.verdict, '\t');
    std::getline(fields, e.text);
    for (std::size_t p = e.text.find("\\n"); p != std::string::npos; p = e.text.find("\\n", p))
      e.text.replace(p, 2, "\n");
    out.push_back(e);
  }
  return out;
}

LoadedConfig load_file(const std::string& path) {
  auto text = read_file(path);
  REQUIRE_MESSAGE(text.has_value(), path);
  return load_config(std::make_shared<SourceFile>(path, *text));
}

}  // namespace

TEST_CASE("config/testdata matches EXPECTED.tsv file by file" * doctest::test_suite("corpus")) {
  const std::vector<Expected> expected = read_expected();
  REQUIRE(expected.size() == 46);
  for (const Expected& e : expected) {
    CAPTURE(e.file);
    const LoadedConfig loaded = load_file(corpus("alertmanager/config-testdata/" + e.file));
    const std::string first = loaded.amtool_error();
    CAPTURE(first);
    CAPTURE(findings_text(loaded));
    if (e.verdict == "ok") {
      CHECK(first.empty());
      CHECK_FALSE(loaded.has_errors());
    } else {
      CHECK(first.find(e.text) != std::string::npos);
      if (e.verdict == "fail") CHECK(first == e.text);
    }
  }
}

TEST_CASE("amtool's cli/config/testdata: amtool check-config verdicts" * doctest::test_suite("corpus")) {
  struct Case {
    const char* file;
    const char* amtool_error;
  };
  const Case cases[] = {
      {"amtool.bad.yml", "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `BAD` into config.plain"},
      {"amtool.good1.yml",
       "yaml: unmarshal errors:\n  line 1: field id not found in type config.plain\n  line 2: field url not found in "
       "type config.plain"},
      {"amtool.good2.yml",
       "yaml: unmarshal errors:\n  line 1: field old-id not found in type config.plain\n  line 2: field url not found "
       "in type config.plain"},
      {"http_config.bad.yml", "yaml: unmarshal errors:\n  line 1: field authorization not found in type config.plain"},
      {"http_config.basic_auth.good.yml",
       "yaml: unmarshal errors:\n  line 1: field basic_auth not found in type config.plain"},
      {"http_config.good.yml",
       "yaml: unmarshal errors:\n  line 1: field authorization not found in type config.plain\n  line 4: field "
       "proxy_url not found in type config.plain"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const LoadedConfig loaded = load_file(corpus(std::string("alertmanager/amtool-cli-testdata/") + c.file));
    CHECK(loaded.amtool_error() == c.amtool_error);
    CHECK(loaded.has_errors());
  }
}
