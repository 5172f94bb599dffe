#include <fmt/format.h>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// Prometheus's naming practice for recording rules: level:metric:operations, e.g. job:http_requests:rate5m.
bool follows_convention(std::string_view name) {
  const auto first = name.find(':');
  if (first == std::string_view::npos || first == 0) return false;
  const auto last = name.rfind(':');
  if (last == first || last + 1 == name.size()) return false;
  return name.substr(first + 1, last - first - 1).find_first_not_of(':') != std::string_view::npos;
}

class RecordNaming final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"rules/record-naming", "recording rule names follow level:metric:operations",
                                 Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (rule.is_alert() || rule.record == nullptr || rule.name.empty()) return;
    if (!follows_convention(rule.name)) {
      ctx.report(rule.record,
                 fmt::format("recording rule name \"{}\" does not follow level:metric:operations", rule.name),
                 "name it like job:http_requests:rate5m (aggregation level, metric, operations)");
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_rules_record_naming() { return std::make_unique<RecordNaming>(); }

}  // namespace mlmon::rules
