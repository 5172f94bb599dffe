#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "thresholds/inventory.hpp"

namespace mlmon::thresholds {

/// Which alert (and which of its thresholds) a change is for.
struct Selector {
  std::string alert;
  std::string group;     ///< "" for any
  std::string resource;  ///< the PrometheusRule's metadata.name; "" for any
  std::string file;      ///< "" for any; matched as the same file, however the path is spelled
  std::vector<std::pair<std::string, std::string>> labels;  ///< label values the rule must have
  std::optional<std::size_t> index;                         ///< which threshold, when the alert has several
  bool from_values_file = false;                            ///< errors name `group:`/`index:` keys instead of flags
};

/// The one alert the selector names. Errors: no such alert (naming the closest alert names),
/// or several (listing each with its file, line, group and severity).
Result<const Alert*> select_alert(const Inventory& inventory, const Selector& selector);

/// The threshold of `alert` to change: the only one, or the one `selector.index` picks.
Result<const Threshold*> select_threshold(const Alert& alert, const Selector& selector);

/// True when two paths name the same file (same inode, or the same normalized path).
bool same_file(const std::string& a, const std::string& b);

}  // namespace mlmon::thresholds
