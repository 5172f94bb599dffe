#pragma once
#include <optional>
#include <string>
#include <vector>

#include "thresholds/inventory.hpp"
#include "thresholds/number_value.hpp"
#include "thresholds/select_alert.hpp"

namespace mlmon::thresholds {

/// One change asked for: on the command line, or one entry of a values file.
struct Request {
  Selector selector;
  std::optional<NumberValue> value;
  std::optional<std::string> for_text;  ///< already validated as a duration
  std::string origin;                   ///< "values.yml:3" for a values-file entry; "" otherwise
};

/// A file's planned new content, verified by re-parsing and re-checking it.
struct PlannedFile {
  const RuleSource* file = nullptr;
  std::string new_text;
  std::vector<std::string> notes;      ///< what changes, one line each
  std::vector<std::string> unchanged;  ///< what already had the asked value

  bool changed() const { return new_text != file->source->text(); }
};

struct Plan {
  std::vector<PlannedFile> files;   ///< in the inventory's file order; only files a request touches
  std::vector<std::string> errors;  ///< every request that failed; when any, nothing may be written
};

/// Plans every request against the inventory, all or nothing: each request is resolved to one
/// alert and threshold, the edits of each file are applied in memory and verified.
Plan plan_requests(const Inventory& inventory, const std::vector<Request>& requests);

}  // namespace mlmon::thresholds
