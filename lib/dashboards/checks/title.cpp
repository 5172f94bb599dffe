#include <fmt/format.h>

#include "core/source_file.hpp"
#include "dashboards/checks/check_list.hpp"
#include "dashboards/json_util.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/title", "the dashboard has a title (Grafana refuses to save one without)",
                          Severity::Error};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

class TitleCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    const Dashboard& d = ctx.dashboard;
    const Json* title = member(*d.json, "title");
    if (title == nullptr || title->is_null()) {
      ctx.report(kInfo, d.root, "Dashboard title cannot be empty", "add a \"title\"");
    } else if (!title->is_string()) {
      ctx.report(kInfo, d.at("/title"), fmt::format("\"title\" is {}, expected a string", kind_name(*title)));
    } else if (trim(title->get_ref<const std::string&>()).empty()) {
      ctx.report(kInfo, d.at("/title"), "Dashboard title cannot be empty");
    } else if (utf8_length(title->get_ref<const std::string&>()) > 5000) {
      ctx.report(kInfo, d.at("/title"), "Dashboard title cannot contain more than 5 000 characters");
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_title() { return std::make_unique<TitleCheck>(); }

}  // namespace mlmon::dashboards
