#include "gotemplate/functions.hpp"

#include <array>

namespace mlmon::gotemplate {

namespace {

constexpr std::array<std::string_view, 19> go_builtins{
    "and",    "call",    "html",     "index", "slice", "js", "len", "not", "or", "print",
    "printf", "println", "urlquery", "eq",    "ge",    "gt", "le",  "lt",  "ne",
};

constexpr std::array<std::string_view, 29> prometheus_latest{
    "query",
    "first",
    "label",
    "value",
    "strvalue",
    "args",
    "reReplaceAll",
    "safeHtml",
    "match",
    "title",
    "toUpper",
    "toLower",
    "graphLink",
    "tableLink",
    "sortByLabel",
    "stripPort",
    "stripDomain",
    "humanize",
    "humanize1024",
    "humanizeDuration",
    "humanizePercentage",
    "humanizeTimestamp",
    "toTime",
    "toDuration",
    "now",
    "pathPrefix",
    "externalURL",
    "parseDuration",
    "urlQueryEscape",
};

constexpr std::array<std::string_view, 26> prometheus_2_42{
    "query",
    "first",
    "label",
    "value",
    "strvalue",
    "args",
    "reReplaceAll",
    "safeHtml",
    "match",
    "title",
    "toUpper",
    "toLower",
    "graphLink",
    "tableLink",
    "sortByLabel",
    "stripPort",
    "stripDomain",
    "humanize",
    "humanize1024",
    "humanizeDuration",
    "humanizePercentage",
    "humanizeTimestamp",
    "toTime",
    "pathPrefix",
    "externalURL",
    "parseDuration",
};

}  // namespace

std::span<const std::string_view> go_builtin_functions() { return go_builtins; }
std::span<const std::string_view> prometheus_functions() { return prometheus_latest; }
std::span<const std::string_view> prometheus_2_42_functions() { return prometheus_2_42; }

}  // namespace mlmon::gotemplate
