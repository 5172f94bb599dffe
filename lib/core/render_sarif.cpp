// SARIF 2.1.0, the subset GitHub code scanning reads (docs.github.com, "SARIF support for code
// scanning"): tool.driver with the rules that have findings, results with ruleId/ruleIndex, level,
// message and a physical location whose region has at least startLine.
#include <fmt/format.h>

#include <map>

#include "core/json_output.hpp"
#include "core/render.hpp"

namespace mlmon {

namespace {

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

// A relative reference as SARIF's artifactLocation.uri wants it: RFC 3986 unreserved characters
// and '/' as they are, everything else percent-encoded.
std::string uri_reference(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) out += c;
    else out += fmt::format("%{:02X}", static_cast<unsigned>(u));
  }
  if (path.starts_with("/")) return "file://" + out;  // absolute: a file URI
  return out;
}

}  // namespace

void render_sarif(const Report& report, std::ostream& out, const RenderOptions& options) {
  using Json = nlohmann::ordered_json;
  const std::vector<Diagnostic> findings = report.sorted();
  std::map<std::string, std::size_t> rule_index;
  for (const Diagnostic& d : findings) rule_index.emplace(d.rule_id.empty() ? "mlmon" : d.rule_id, 0);
  Json rules = Json::array();
  for (auto& [id, index] : rule_index) {
    index = rules.size();
    Json rule{{"id", id}};
    const std::optional<RuleDoc> doc = options.describe ? options.describe(id) : std::nullopt;
    if (doc) {
      rule["shortDescription"] = {{"text", doc->summary}};
      rule["defaultConfiguration"] = {{"level", level_of(doc->default_severity)}};
    }
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const Diagnostic& d : findings) {
    const std::string id = d.rule_id.empty() ? "mlmon" : d.rule_id;
    std::string text = d.message;
    if (!d.hint.empty()) text += "\n" + d.hint;
    // A finding about a whole file is shown on its first line: GitHub needs a startLine.
    Json region{{"startLine", d.pos.known() ? d.pos.line : 1}};
    if (d.pos.known() && d.pos.col > 0) region["startColumn"] = d.pos.col;
    results.push_back(
        {{"ruleId", id},
         {"ruleIndex", rule_index[id]},
         {"level", level_of(d.severity)},
         {"message", {{"text", text}}},
         {"locations",
          Json::array({{{"physicalLocation",
                         {{"artifactLocation", {{"uri", uri_reference(d.file)}}}, {"region", region}}}}})}});
  }
  const Json driver{{"name", "mlmon"}, {"version", options.tool_version}, {"rules", std::move(rules)}};
  const Json doc{
      {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array(
           {{{"tool", {{"driver", driver}}}, {"columnKind", "unicodeCodePoints"}, {"results", std::move(results)}}})}};
  out << dump_for_output(doc, 2) << '\n';
}

}  // namespace mlmon
