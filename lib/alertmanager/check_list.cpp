#include "alertmanager/check_list.hpp"

namespace mlmon::alertmanager {

namespace {

using checks::CheckInfo;
using checks::CheckKind;
constexpr auto kError = Severity::Error;
constexpr auto kWarning = Severity::Warning;
constexpr auto kValidation = CheckKind::Validation;

constexpr CheckInfo kChecks[] = {
    // What Alertmanager refuses to load, in its words.
    {"alertmanager/not-a-config",
     "a file given as an Alertmanager config is one, not a rule file, a dashboard or a notification template", kError,
     kValidation},
    {"alertmanager/yaml", "the config is YAML Alertmanager can decode", kError, kValidation},
    {"alertmanager/unknown-field", "every field is one Alertmanager knows", kError, kValidation},
    {"alertmanager/duplicate-field", "no field is given twice", kError, kValidation},
    {"alertmanager/type-error", "every field has the type Alertmanager expects", kError, kValidation},
    {"alertmanager/duration", "durations parse (Prometheus's duration syntax)", kError, kValidation},
    {"alertmanager/url", "URLs parse and use http or https", kError, kValidation},
    {"alertmanager/host-port", "smarthost and similar fields are host:port", kError, kValidation},
    {"alertmanager/tls-config", "TLS settings are consistent (versions, files, key and certificate together)",
     kError, kValidation},
    {"alertmanager/http-config", "HTTP client settings are consistent (one kind of authentication)", kError,
     kValidation},
    {"alertmanager/label-name", "label names in matchers and group_by are valid", kError, kValidation},
    {"alertmanager/regex", "regex matchers compile (Go RE2 syntax)", kError, kValidation},
    {"alertmanager/matcher", "matchers parse as Alertmanager's matcher syntax", kError, kValidation},
    {"alertmanager/global", "global settings that integrations need are valid", kError, kValidation},
    {"alertmanager/route", "the config has a root route with a receiver, without matchers or continue", kError,
     kValidation},
    {"alertmanager/group-by", "group_by lists valid label names, or only \"...\"", kError, kValidation},
    {"alertmanager/receiver", "every receiver has a name", kError, kValidation},
    {"alertmanager/duplicate-receiver", "receiver names are unique", kError, kValidation},
    {"alertmanager/undefined-receiver", "every receiver a route names is defined", kError, kValidation},
    {"alertmanager/integration", "every integration (Slack, email, PagerDuty, webhook...) is complete", kError,
     kValidation},
    {"alertmanager/inhibit-rule", "inhibit rules have source and target matchers", kError, kValidation},
    {"alertmanager/time-interval", "time intervals have a name and valid times, weekdays, months, locations",
     kError, kValidation},
    {"alertmanager/duplicate-time-interval", "time interval names are unique", kError, kValidation},
    {"alertmanager/undefined-time-interval", "every time interval a route names is defined", kError, kValidation},
    {"alertmanager/template", "template files the config loads exist and parse", kError, kValidation},
    {"alertmanager/env-missing", "every ${VAR} of a config template is set when it is rendered", kError,
     kValidation},
    {"alertmanager/env-unsafe", "a value rendered into a config template cannot change the YAML around it",
     kError, kValidation},
    {"alertmanager/route-cases", "a routing-cases file is a list of {labels, receivers}", kError, kValidation},
    {"alertmanager/route-case", "each routing case reaches exactly the receivers it lists, in order", kError,
     kValidation},
    // mlmon's lint: loads, but is probably not what was meant.
    {"alertmanager/classic-matcher", "a matcher only the classic parser accepts; the hint gives the UTF-8 form",
     kWarning},
    {"alertmanager/route-depth", "the route tree is not nested deeper than a person can follow", kWarning},
    {"alertmanager/template-syntax", "inline templates in receivers parse", kWarning},
    {"alertmanager/missing-file", "a `*_file` path exists", kWarning},
    {"alertmanager/template-glob", "a `templates` glob matches a file", kWarning},
    {"alertmanager/unused-receiver", "every receiver is used by a route", kWarning},
    {"alertmanager/unused-time-interval", "every time interval is used by a route", kWarning},
    {"alertmanager/shadowed-route", "no route is caught entirely by an earlier sibling without `continue`",
     kWarning},
    {"alertmanager/inhibit-never-fires", "an inhibit rule can fire (no contradictory matchers or `equal`)",
     kWarning},
    {"alertmanager/plain-secret", "no password, key, token or tokenised webhook URL is written inline", kWarning},
    {"alertmanager/unexpanded-env", "no ${VAR} in a config that Alertmanager would use literally", kWarning},
    {"alertmanager/unrouted-alert", "every alerting rule reaches a receiver with integrations", kWarning},
    {"alertmanager/default-route-only",
     "alerts whose severity the config routes elsewhere do not fall through to the root receiver", kWarning},
};

}  // namespace

std::span<const checks::CheckInfo> check_list() { return kChecks; }

}  // namespace mlmon::alertmanager
