#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_info.hpp"

namespace mlmon::checks {

/// Every check mlmon has, from the explicit lists of each area, sorted by id. Whatever names a
/// check (`checks:` and `exclude:` in .mlmon.yml, `# mlmon: disable=` comments) is validated
/// against it, so a typo is an error with a suggestion instead of a setting that does nothing.
class Catalog {
 public:
  /// The lists of every area; an id listed twice keeps its first entry.
  explicit Catalog(std::initializer_list<std::span<const CheckInfo>> lists);

  std::span<const CheckInfo* const> all() const { return checks_; }
  const CheckInfo* find(std::string_view id) const;

  /// Why `id` cannot be configured, or "" when it can: unknown ("unknown check \"x\"; did you
  /// mean \"y\"?" with the closest ids) or a validation, which always runs.
  std::string why_not_configurable(std::string_view id) const;

 private:
  std::vector<const CheckInfo*> checks_;
};

}  // namespace mlmon::checks
