#include "checks/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/closest_names.hpp"

namespace mlmon::checks {

Catalog::Catalog(std::initializer_list<std::span<const CheckInfo>> lists) {
  for (std::span<const CheckInfo> list : lists) {
    for (const CheckInfo& info : list) {
      if (find(info.id) == nullptr) checks_.push_back(&info);
    }
  }
  std::sort(checks_.begin(), checks_.end(), [](const CheckInfo* a, const CheckInfo* b) { return a->id < b->id; });
}

const CheckInfo* Catalog::find(std::string_view id) const {
  auto it = std::find_if(checks_.begin(), checks_.end(), [&](const CheckInfo* c) { return c->id == id; });
  return it == checks_.end() ? nullptr : *it;
}

std::string Catalog::why_not_configurable(std::string_view id) const {
  if (const CheckInfo* info = find(id)) {
    if (info->kind == CheckKind::Lint) return {};
    return fmt::format(
        "check \"{}\" is a validation (what the server itself refuses): it always runs and cannot "
        "be turned off, re-graded or excluded",
        id);
  }
  std::vector<std::string> ids;
  ids.reserve(checks_.size());
  for (const CheckInfo* c : checks_) ids.emplace_back(c->id);
  const std::vector<std::string> close = closest_names(id, ids, 1);
  std::string message = fmt::format("unknown check \"{}\"", id);
  if (!close.empty()) message += fmt::format("; did you mean \"{}\"?", close.front());
  return message;
}

}  // namespace mlmon::checks
