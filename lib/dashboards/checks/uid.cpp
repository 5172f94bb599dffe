#include <fmt/format.h>

#include <algorithm>

#include "core/source_file.hpp"
#include "dashboards/checks/check_list.hpp"
#include "dashboards/json_util.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{
    "dashboards/uid", "the uid uses only A-Z, a-z, 0-9, '-' and '_' and has at most 40 characters", Severity::Error};

bool uid_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

class UidCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    const Dashboard& d = ctx.dashboard;
    const Json* uid = member(*d.json, "uid");
    if (uid == nullptr || uid->is_null()) return;  // the server generates one
    if (!uid->is_string()) {
      ctx.report(kInfo, d.at("/uid"), fmt::format("\"uid\" is {}, expected a string", kind_name(*uid)));
      return;
    }
    // Grafana trims before it validates.
    std::string_view value = uid->get_ref<const std::string&>();
    const auto first = value.find_first_not_of(' ');
    value = first == std::string_view::npos ? std::string_view{}
                                            : value.substr(first, value.find_last_not_of(' ') - first + 1);
    if (!std::all_of(value.begin(), value.end(), uid_char)) {
      ctx.report(kInfo, d.at("/uid"), "uid contains illegal characters",
                 "a uid may contain only A-Z, a-z, 0-9, '-' and '_'");
    } else if (value.size() > 40) {
      ctx.report(kInfo, d.at("/uid"), "uid too long, max 40 characters",
                 fmt::format("this uid has {} characters", value.size()));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_uid() { return std::make_unique<UidCheck>(); }

}  // namespace mlmon::dashboards
