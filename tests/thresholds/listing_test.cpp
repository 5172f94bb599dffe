#include "thresholds/listing.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <sstream>

using mlmon::SourceFile;
using mlmon::thresholds::Inventory;

TEST_CASE("thresholds --format=json: a file name that is not UTF-8 is written with U+FFFD, not thrown on") {
  Inventory inventory;
  inventory.add(
      std::make_shared<SourceFile>("rules/\xff.yml", "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up > 1\n"));
  std::ostringstream out;
  mlmon::thresholds::render_json(inventory, out);
  CHECK(out.str().find("\"file\": \"rules/\xEF\xBF\xBD.yml\",\n") != std::string::npos);
}
