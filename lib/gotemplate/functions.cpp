#include "gotemplate/functions.hpp"

#include <algorithm>
#include <array>

namespace mlmon::gotemplate {

namespace {

constexpr std::array<std::string_view, 19> go_builtins{
    "and",    "call",    "html",     "index", "slice", "js", "len", "not", "or", "print",
    "printf", "println", "urlquery", "eq",    "ge",    "gt", "le",  "lt",  "ne",
};

// The releases mlmon tells apart: what Prometheus 2.42 had, and what came after it.
enum class Since { v2_42, after_2_42 };

struct TemplateFunction {
  std::string_view name;
  Since since;
};

// Prometheus's template functions (template/template.go) in its order, each with the release that
// first has it, so that a newer release adds a line rather than a copy of the list.
constexpr std::array<TemplateFunction, 29> prometheus_table{{
    {"query", Since::v2_42},
    {"first", Since::v2_42},
    {"label", Since::v2_42},
    {"value", Since::v2_42},
    {"strvalue", Since::v2_42},
    {"args", Since::v2_42},
    {"reReplaceAll", Since::v2_42},
    {"safeHtml", Since::v2_42},
    {"match", Since::v2_42},
    {"title", Since::v2_42},
    {"toUpper", Since::v2_42},
    {"toLower", Since::v2_42},
    {"graphLink", Since::v2_42},
    {"tableLink", Since::v2_42},
    {"sortByLabel", Since::v2_42},
    {"stripPort", Since::v2_42},
    {"stripDomain", Since::v2_42},
    {"humanize", Since::v2_42},
    {"humanize1024", Since::v2_42},
    {"humanizeDuration", Since::v2_42},
    {"humanizePercentage", Since::v2_42},
    {"humanizeTimestamp", Since::v2_42},
    {"toTime", Since::v2_42},
    {"toDuration", Since::after_2_42},
    {"now", Since::after_2_42},
    {"pathPrefix", Since::v2_42},
    {"externalURL", Since::v2_42},
    {"parseDuration", Since::v2_42},
    {"urlQueryEscape", Since::after_2_42},
}};

// The names a release has, in the table's order (callers take spans of names).
template <Since release>
constexpr auto names_in() {
  constexpr auto count = static_cast<std::size_t>(
      std::ranges::count_if(prometheus_table, [](const TemplateFunction& f) { return f.since <= release; }));
  std::array<std::string_view, count> out{};
  std::size_t i = 0;
  for (const TemplateFunction& f : prometheus_table) {
    if (f.since <= release) out[i++] = f.name;
  }
  return out;
}

constexpr auto prometheus_latest = names_in<Since::after_2_42>();
constexpr auto prometheus_2_42 = names_in<Since::v2_42>();

}  // namespace

std::span<const std::string_view> go_builtin_functions() { return go_builtins; }
std::span<const std::string_view> prometheus_functions() { return prometheus_latest; }
std::span<const std::string_view> prometheus_2_42_functions() { return prometheus_2_42; }

}  // namespace mlmon::gotemplate
