#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::dashboards {

/// The three ways Grafana writes a variable reference.
enum class RefSyntax {
  Dollar,    ///< $name
  Braces,    ///< ${name}, ${name.field}, ${name:format}
  Brackets,  ///< [[name]], [[name:format]] (deprecated)
};

/// One variable reference inside a string, found as Grafana's template service finds them.
struct VariableRef {
  std::size_t begin = 0;  ///< byte range of the whole reference in the string
  std::size_t end = 0;
  std::string name;
  std::string field;   ///< ${name.field}
  std::string format;  ///< ${name:format}, [[name:format]]
  RefSyntax syntax = RefSyntax::Dollar;
};

/// Every reference in `text`, left to right, matching Grafana's
/// `\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}`.
std::vector<VariableRef> find_variable_refs(std::string_view text);

/// Grafana's global variables (`$__interval`, `${__from:date}`, `${__field.name}`, ...): every
/// name starting with "__", plus `$timeFilter`. Names starting with a digit (`$1` in a regex
/// replacement) are not variables either.
bool is_builtin_variable(std::string_view name);

/// `DS_PROMETHEUS`, `VAR_PREFIX`: the placeholders Grafana's export writes for `__inputs`.
bool looks_like_input(std::string_view name);

}  // namespace mlmon::dashboards
