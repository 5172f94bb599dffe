#pragma once
// Expanding alert labels and annotations as Prometheus does (rules/alerting.go and
// template/template.go): Go text/template with Prometheus's functions, `$labels`, `$value`,
// `$externalLabels` and `$externalURL`, and Prometheus's error texts.
//
// Where mlmon differs from Prometheus: values are floats (no native histograms); times are in UTC
// (time.Time's Local gives UTC, and In, Location and the marshalling methods are not offered);
// pointers inside printed collections show made-up addresses; execution stops with an error after
// 20,000,000 actions or 64 MiB of output, and `args` does not nest maps deeper than 1000 levels.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mlmon::gotemplate {

// One element of an instant vector, as the `query` function returns it to the template.
struct QuerySample {
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Runs an instant query at the evaluation time. An error's message is what the engine reports;
// the template shows it as `error calling query: <message>`.
using QueryFunc = std::function<Result<std::vector<QuerySample>>(std::string_view query)>;

// AlertTemplateData: what `.`, `$labels`, `$externalLabels`, `$externalURL` and `$value` hold.
struct AlertTemplateData {
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> external_labels;
  std::string external_url;
  double value = 0;
};

struct ExpandContext {
  std::int64_t eval_time_ms = 0;  // evaluation time: what `now` returns and when `query` runs
  QueryFunc query;                // unset: `query` fails with "no query engine"
  // The URL behind the `externalURL` and `pathPrefix` functions (Prometheus's
  // --web.external-url). promtool passes none, and both then fail with Go's nil-pointer error.
  std::optional<std::string> external_url;
};

struct Tree;

// One label or annotation template of an alerting rule, parsed once and expanded per alert.
class AlertTemplate {
 public:
  AlertTemplate(std::string_view alert_name, std::string_view text);
  ~AlertTemplate();
  AlertTemplate(AlertTemplate&&) noexcept;
  AlertTemplate& operator=(AlertTemplate&&) noexcept;

  // Expander.Expand: the expansion, or Prometheus's error text, e.g.
  // `error executing template __alert_A: template: __alert_A:1:110: executing "__alert_A" at
  // <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax`.
  Result<std::string> expand(const AlertTemplateData& data, const ExpandContext& context) const;

 private:
  std::unique_ptr<Tree> tree_;
  std::string parse_error_;  // non-empty when the template does not parse
};

// What Prometheus puts in the label or annotation: the expansion, or
// `<error expanding template: ...>` with the error text.
std::string expand_alert_field(std::string_view alert_name, std::string_view text, const AlertTemplateData& data,
                               const ExpandContext& context);
std::string field_value(const Result<std::string>& expansion);

}  // namespace mlmon::gotemplate
