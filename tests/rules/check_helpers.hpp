#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "rules/check_rules.hpp"

namespace mlmon::test {

/// Runs check-rules on text and returns each finding as "line:col: rule-id: message".
inline std::vector<std::string> check_text(const std::string& text, rules::CheckRulesOptions options = {},
                                           const project::Config& config = {}) {
  auto source = std::make_shared<SourceFile>("t.yml", text);
  std::vector<Diagnostic> findings;
  rules::check_rule_source(source, options, config, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.line, a.pos.col, a.rule_id) < std::tie(b.pos.line, b.pos.col, b.rule_id);
  });
  std::vector<std::string> out;
  for (const Diagnostic& d : findings) {
    out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.rule_id + ": " + d.message);
  }
  return out;
}

/// Prometheus's validations only (no lint).
inline std::vector<std::string> validate_text(const std::string& text) {
  rules::CheckRulesOptions options;
  options.lint = false;
  return check_text(text, options);
}

using Lines = std::vector<std::string>;

}  // namespace mlmon::test

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{\n";
    for (const auto& l : lines) out += "  \"" + l + "\"\n";
    return (out + "}").c_str();
  }
};
}  // namespace doctest
