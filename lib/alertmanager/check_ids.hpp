#pragma once
#include <string_view>

// Every Alertmanager check id, once: code names them through these constants and check_list.cpp
// lists them, so a misspelt id is a compile error rather than a finding the catalogue lacks.
namespace mlmon::alertmanager::ids {

inline constexpr std::string_view kNotAConfig = "alertmanager/not-a-config";
inline constexpr std::string_view kYaml = "alertmanager/yaml";
inline constexpr std::string_view kUnknownField = "alertmanager/unknown-field";
inline constexpr std::string_view kDuplicateField = "alertmanager/duplicate-field";
inline constexpr std::string_view kTypeError = "alertmanager/type-error";
inline constexpr std::string_view kDuration = "alertmanager/duration";
inline constexpr std::string_view kUrl = "alertmanager/url";
inline constexpr std::string_view kHostPort = "alertmanager/host-port";
inline constexpr std::string_view kTlsConfig = "alertmanager/tls-config";
inline constexpr std::string_view kHttpConfig = "alertmanager/http-config";
inline constexpr std::string_view kLabelName = "alertmanager/label-name";
inline constexpr std::string_view kRegex = "alertmanager/regex";
inline constexpr std::string_view kMatcher = "alertmanager/matcher";
inline constexpr std::string_view kGlobal = "alertmanager/global";
inline constexpr std::string_view kRoute = "alertmanager/route";
inline constexpr std::string_view kGroupBy = "alertmanager/group-by";
inline constexpr std::string_view kReceiver = "alertmanager/receiver";
inline constexpr std::string_view kDuplicateReceiver = "alertmanager/duplicate-receiver";
inline constexpr std::string_view kUndefinedReceiver = "alertmanager/undefined-receiver";
inline constexpr std::string_view kIntegration = "alertmanager/integration";
inline constexpr std::string_view kInhibitRule = "alertmanager/inhibit-rule";
inline constexpr std::string_view kTimeInterval = "alertmanager/time-interval";
inline constexpr std::string_view kDuplicateTimeInterval = "alertmanager/duplicate-time-interval";
inline constexpr std::string_view kUndefinedTimeInterval = "alertmanager/undefined-time-interval";
inline constexpr std::string_view kTemplate = "alertmanager/template";
inline constexpr std::string_view kEnvMissing = "alertmanager/env-missing";
inline constexpr std::string_view kEnvUnsafe = "alertmanager/env-unsafe";
inline constexpr std::string_view kRouteCases = "alertmanager/route-cases";
inline constexpr std::string_view kClassicMatcher = "alertmanager/classic-matcher";
inline constexpr std::string_view kRouteDepth = "alertmanager/route-depth";
inline constexpr std::string_view kTemplateSyntax = "alertmanager/template-syntax";
inline constexpr std::string_view kMissingFile = "alertmanager/missing-file";
inline constexpr std::string_view kTemplateGlob = "alertmanager/template-glob";
inline constexpr std::string_view kUnusedReceiver = "alertmanager/unused-receiver";
inline constexpr std::string_view kUnusedTimeInterval = "alertmanager/unused-time-interval";
inline constexpr std::string_view kShadowedRoute = "alertmanager/shadowed-route";
inline constexpr std::string_view kInhibitNeverFires = "alertmanager/inhibit-never-fires";
inline constexpr std::string_view kPlainSecret = "alertmanager/plain-secret";
inline constexpr std::string_view kUnexpandedEnv = "alertmanager/unexpanded-env";
inline constexpr std::string_view kUnroutedAlert = "alertmanager/unrouted-alert";
inline constexpr std::string_view kDefaultRouteOnly = "alertmanager/default-route-only";

}  // namespace mlmon::alertmanager::ids
