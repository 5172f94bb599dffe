// GitLab Code Quality (the Code Climate issue format it reads): an array of issues, each with a
// fingerprint that stays the same while the finding does, so merge requests show what is new.
#include <fmt/format.h>

#include <map>

#include "core/json_output.hpp"
#include "core/render.hpp"

namespace mlmon {

namespace {

std::string_view severity_of(Severity s) {
  switch (s) {
    case Severity::Error: return "major";
    case Severity::Warning: return "minor";
    case Severity::Info: return "info";
  }
  return "major";
}

// FNV-1a, 64 bits: stable across runs and machines, which is all a fingerprint needs.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

void render_codeclimate(const Report& report, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json issues = Json::array();
  // The line is left out of the fingerprint (an edit above a finding must not make it new); the
  // same finding twice in a file is told apart by its occurrence.
  std::map<std::uint64_t, int> occurrences;
  for (const Diagnostic& d : report.sorted()) {
    const std::uint64_t base = fnv1a(d.message, fnv1a(d.file + '\n', fnv1a(d.rule_id + '\n')));
    const int occurrence = occurrences[base]++;
    const std::uint64_t fingerprint = fnv1a(std::to_string(occurrence), base);
    std::string description = d.message;
    if (!d.hint.empty()) description += " (" + d.hint + ")";
    issues.push_back({{"type", "issue"},
                      {"check_name", d.rule_id.empty() ? "mlmon" : d.rule_id},
                      {"description", description},
                      {"categories", Json::array({"Bug Risk"})},
                      {"severity", severity_of(d.severity)},
                      {"fingerprint", fmt::format("{:016x}", fingerprint)},
                      {"location", {{"path", d.file}, {"lines", {{"begin", d.pos.known() ? d.pos.line : 1}}}}}});
  }
  out << dump_for_output(issues, 2) << '\n';
}

}  // namespace mlmon
