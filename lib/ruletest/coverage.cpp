#include "ruletest/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

namespace mlmon::ruletest {

namespace {

// The same rule file reached through different relative paths is one file.
std::string canonical(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return path;
  std::string out(real);
  std::free(real);
  return out;
}

}  // namespace

std::size_t Coverage::covered() const {
  return static_cast<std::size_t>(
      std::count_if(rules.begin(), rules.end(), [](const RuleCoverage& r) { return r.covered; }));
}

double Coverage::percent() const {
  if (rules.empty()) return 100.0;
  return 100.0 * static_cast<double>(covered()) / static_cast<double>(rules.size());
}

Coverage aggregate_coverage(const std::vector<FileResult>& results) {
  Coverage out;
  std::map<std::string, std::string> canonical_of;
  std::map<std::tuple<std::string, std::string, std::string, int, int>, std::size_t> index;
  for (const FileResult& r : results) {
    for (const RuleCoverage& c : r.coverage) {
      auto [it, fresh] = canonical_of.try_emplace(c.file);
      if (fresh) it->second = canonical(c.file);
      const auto key = std::make_tuple(it->second, c.group, c.name, c.pos.line, c.pos.col);
      auto found = index.find(key);
      if (found == index.end()) {
        index.emplace(key, out.rules.size());
        out.rules.push_back(c);
      } else if (c.covered) {
        out.rules[found->second].covered = true;
      }
    }
  }
  return out;
}

std::string coverage_text(const Coverage& coverage) {
  std::string out = fmt::format("rule coverage: {} of {} rules asserted by a test ({:.1f}%)\n", coverage.covered(),
                                coverage.rules.size(), coverage.percent());
  std::vector<const RuleCoverage*> missing;
  for (const RuleCoverage& r : coverage.rules) {
    if (!r.covered) missing.push_back(&r);
  }
  if (missing.empty()) return out;
  std::size_t name_w = 4, group_w = 5, location_w = 8;
  std::vector<std::string> locations;
  for (const RuleCoverage* r : missing) {
    locations.push_back(fmt::format("{}:{}", r->file, r->pos.line));
    name_w = std::max(name_w, r->name.size());
    group_w = std::max(group_w, r->group.size());
    location_w = std::max(location_w, locations.back().size());
  }
  out += fmt::format("{:<9}  {:<{}}  {:<{}}  {:<{}}  {}\n", "KIND", "RULE", name_w, "GROUP", group_w, "LOCATION",
                     location_w, "WHY");
  for (std::size_t i = 0; i < missing.size(); ++i) {
    const RuleCoverage* r = missing[i];
    out += fmt::format("{:<9}  {:<{}}  {:<{}}  {:<{}}  {}\n", r->alerting ? "alerting" : "recording", r->name, name_w,
                       r->group, group_w, locations[i], location_w,
                       r->alerting ? "no alert test expects it to fire" : "it never returned samples in a test");
  }
  return out;
}

}  // namespace mlmon::ruletest
