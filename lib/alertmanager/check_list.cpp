#include "alertmanager/check_list.hpp"

#include "alertmanager/check_ids.hpp"

namespace mlmon::alertmanager {

namespace {

using checks::CheckInfo;
using checks::CheckKind;
constexpr auto kError = Severity::Error;
constexpr auto kWarning = Severity::Warning;
constexpr auto kValidation = CheckKind::Validation;

constexpr CheckInfo kChecks[] = {
    // What Alertmanager refuses to load, in its words.
    {ids::kNotAConfig,
     "a file given as an Alertmanager config is one, not a rule file, a dashboard or a notification template", kError,
     kValidation},
    {ids::kYaml, "the config is YAML Alertmanager can decode", kError, kValidation},
    {ids::kUnknownField, "every field is one Alertmanager knows", kError, kValidation},
    {ids::kDuplicateField, "no field is given twice", kError, kValidation},
    {ids::kTypeError, "every field has the type Alertmanager expects", kError, kValidation},
    {ids::kDuration, "durations parse (Prometheus's duration syntax)", kError, kValidation},
    {ids::kUrl, "URLs parse and use http or https", kError, kValidation},
    {ids::kHostPort, "smarthost and similar fields are host:port", kError, kValidation},
    {ids::kTlsConfig, "TLS settings are consistent (versions, files, key and certificate together)", kError,
     kValidation},
    {ids::kHttpConfig, "HTTP client settings are consistent (one kind of authentication)", kError, kValidation},
    {ids::kLabelName, "label names in matchers and group_by are valid", kError, kValidation},
    {ids::kRegex, "regex matchers compile (Go RE2 syntax)", kError, kValidation},
    {ids::kMatcher, "matchers parse as Alertmanager's matcher syntax", kError, kValidation},
    {ids::kGlobal, "global settings that integrations need are valid", kError, kValidation},
    {ids::kRoute, "the config has a root route with a receiver, without matchers or continue", kError, kValidation},
    {ids::kGroupBy, "group_by lists valid label names, or only \"...\"", kError, kValidation},
    {ids::kReceiver, "every receiver has a name", kError, kValidation},
    {ids::kDuplicateReceiver, "receiver names are unique", kError, kValidation},
    {ids::kUndefinedReceiver, "every receiver a route names is defined", kError, kValidation},
    {ids::kIntegration, "every integration (Slack, email, PagerDuty, webhook...) is complete", kError, kValidation},
    {ids::kInhibitRule, "inhibit rules have source and target matchers", kError, kValidation},
    {ids::kTimeInterval, "time intervals have a name and valid times, weekdays, months, locations", kError,
     kValidation},
    {ids::kDuplicateTimeInterval, "time interval names are unique", kError, kValidation},
    {ids::kUndefinedTimeInterval, "every time interval a route names is defined", kError, kValidation},
    {ids::kTemplate, "template files the config loads exist and parse", kError, kValidation},
    {ids::kEnvMissing, "every ${VAR} of a config template is set when it is rendered", kError, kValidation},
    {ids::kEnvUnsafe, "a value rendered into a config template cannot change the YAML around it", kError, kValidation},
    {ids::kRouteCases,
     "a routing-cases file is a list of {labels, receivers}, and each case reaches exactly the receivers it lists, "
     "in order",
     kError, kValidation},
    // mlmon's lint: loads, but is probably not what was meant.
    {ids::kClassicMatcher, "a matcher only the classic parser accepts; the hint gives the UTF-8 form", kWarning},
    {ids::kRouteDepth, "the route tree is not nested deeper than a person can follow", kWarning},
    {ids::kTemplateSyntax, "inline templates in receivers parse", kWarning},
    {ids::kMissingFile, "a `*_file` path exists", kWarning},
    {ids::kTemplateGlob, "a `templates` glob matches a file", kWarning},
    {ids::kUnusedReceiver, "every receiver is used by a route", kWarning},
    {ids::kUnusedTimeInterval, "every time interval is used by a route", kWarning},
    {ids::kShadowedRoute, "no route is caught entirely by an earlier sibling without `continue`", kWarning},
    {ids::kInhibitNeverFires, "an inhibit rule can fire (no contradictory matchers or `equal`)", kWarning},
    {ids::kPlainSecret, "no password, key, token or tokenised webhook URL is written inline", kWarning},
    {ids::kUnexpandedEnv, "no ${VAR} in a config that Alertmanager would use literally", kWarning},
    {ids::kUnroutedAlert, "every alerting rule reaches a receiver with integrations", kWarning},
    {ids::kDefaultRouteOnly,
     "alerts whose severity the config routes elsewhere do not fall through to the root receiver", kWarning},
};

}  // namespace

std::span<const checks::CheckInfo> check_list() { return kChecks; }

}  // namespace mlmon::alertmanager
