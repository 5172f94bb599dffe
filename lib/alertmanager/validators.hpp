#pragma once
// The validators Alertmanager's types run while decoding (their UnmarshalYAML bodies), one per
// struct, in Alertmanager's words. Internal to the alertmanager module.
#include "yaml/document.hpp"

namespace mlmon::alertmanager {
class Checker;
}

namespace mlmon::alertmanager::validators {

using yaml::Node;

// Routing, inhibition, receivers, time intervals (validate_routing.cpp).
void route(Checker&, const Node&);
void inhibit_rule(Checker&, const Node&);
void receiver(Checker&, const Node&);
void time_interval(Checker&, const Node&);
void mute_time_interval(Checker&, const Node&);
void time_interval_spec(Checker&, const Node&);
void time_range(Checker&, const Node&);

// prometheus/common HTTP client settings (validate_http.cpp).
void http_config(Checker&, const Node&);
void tls_config(Checker&, const Node&);

// Integrations (validate_integrations.cpp).
void discord(Checker&, const Node&);
void email(Checker&, const Node&);
void incidentio(Checker&, const Node&);
void jira(Checker&, const Node&);
void mattermost(Checker&, const Node&);
void mattermost_field(Checker&, const Node&);
void msteams(Checker&, const Node&);
void opsgenie(Checker&, const Node&);
void pagerduty(Checker&, const Node&);
void pushover(Checker&, const Node&);
void rocketchat(Checker&, const Node&);
void slack(Checker&, const Node&);
void slack_action(Checker&, const Node&);
void slack_confirm(Checker&, const Node&);
void slack_field(Checker&, const Node&);
void sns(Checker&, const Node&);
void telegram(Checker&, const Node&);
void victorops(Checker&, const Node&);
void webex(Checker&, const Node&);
void webhook(Checker&, const Node&);
void wechat(Checker&, const Node&);

}  // namespace mlmon::alertmanager::validators
