#include "alertmanager/loader.hpp"

#include <algorithm>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/checker.hpp"
#include "alertmanager/config_checks.hpp"
#include "alertmanager/lint.hpp"
#include "alertmanager/node_util.hpp"

namespace mlmon::alertmanager {

namespace {

bool overlaps(const yaml::Node& node, const std::pair<std::size_t, std::size_t>& range) {
  return node.offset < range.second && range.first < std::max(node.end, node.offset + 1);
}

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + with.size())) {
    text.replace(p, what.size(), with);
  }
}

// A value that is only ${VAR} references is a placeholder, not a secret: showing it helps.
bool only_env_references(const std::string& value) {
  std::string rest = value;
  for (const EnvReference& ref : find_env_references(value)) {
    std::fill(rest.begin() + static_cast<std::ptrdiff_t>(ref.offset),
              rest.begin() + static_cast<std::ptrdiff_t>(ref.offset + ref.length), ' ');
  }
  return rest.find_first_not_of(' ') == std::string::npos && value.find("${") != std::string::npos;
}

// Removes every secret and sensitive text from messages and hints (yaml.v2 also quotes 7-byte prefixes).
void mask_messages(LoadedConfig& loaded) {
  std::vector<std::string> hidden;
  for (const SecretValue& s : loaded.secrets) {
    if (s.value != nullptr && s.value->value.size() >= 3 && s.value->value != "<secret>" &&
        !only_env_references(s.value->value)) {
      hidden.push_back(s.value->value);
    }
  }
  const std::string& text = loaded.document.source->text();
  for (const auto& [begin, end] : loaded.options.sensitive_ranges) {
    if (begin < end && end <= text.size() && end - begin >= 3) hidden.push_back(text.substr(begin, end - begin));
  }
  std::sort(hidden.begin(), hidden.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (Finding& f : loaded.findings) {
    for (const std::string& h : hidden) {
      replace_all(f.diagnostic.message, h, "<secret>");
      replace_all(f.diagnostic.hint, h, "<secret>");
      if (h.size() > 10) replace_all(f.diagnostic.message, "`" + h.substr(0, 7) + "...`", "`<secret>`");
    }
  }
  for (ClassicMatcherUse& use : loaded.classic_matchers) {
    for (const std::string& h : hidden) replace_all(use.hint, h, "<secret>");
  }
}

}  // namespace

bool LoadedConfig::has_errors() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.diagnostic.severity == Severity::Error; });
}

std::string LoadedConfig::amtool_error() const {
  auto first = [&](Phase phase) -> const Finding* {
    for (const Finding& f : findings) {
      if (f.phase == phase && f.diagnostic.severity == Severity::Error) return &f;
    }
    return nullptr;
  };
  if (const Finding* f = first(Phase::Syntax))
    return "yaml: line " + std::to_string(f->diagnostic.pos.line) + ": " + f->diagnostic.message;
  if (const Finding* f = first(Phase::Decode)) return f->diagnostic.message;
  std::string strict;
  for (const Finding& f : findings) {
    if (f.phase != Phase::Strict) continue;
    strict += "\n  line " + std::to_string(f.diagnostic.pos.line) + ": " + f.diagnostic.message;
  }
  if (!strict.empty()) return "yaml: unmarshal errors:" + strict;
  if (const Finding* f = first(Phase::Config)) return f->diagnostic.message;
  if (const Finding* f = first(Phase::Load)) return f->diagnostic.message;
  return {};
}

bool LoadedConfig::is_sensitive(const yaml::Node* node) const {
  if (node == nullptr) return false;
  for (const SecretValue& s : secrets) {
    if (s.value == node) return true;
  }
  return is_expanded(node);
}

bool LoadedConfig::is_expanded(const yaml::Node* node) const {
  return node != nullptr && std::any_of(options.sensitive_ranges.begin(), options.sensitive_ranges.end(),
                                        [&](const auto& range) { return overlaps(*node, range); });
}

bool LoadedConfig::is_rendered_value(const yaml::Node* node) const {
  if (node == nullptr) return false;
  return is_expanded(node) || std::any_of(options.template_ranges.begin(), options.template_ranges.end(),
                                          [&](const auto& range) { return overlaps(*node, range); });
}

SourceFilePtr LoadedConfig::redacted_source() const {
  const std::string& original = document.source->text();
  std::vector<bool> hide(original.size(), false);
  auto mark = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < std::min(end, original.size()); ++i) hide[i] = true;
  };
  for (const SecretValue& s : secrets) {
    if (s.value != nullptr && s.value->is_scalar() && !s.value->value.empty() && !only_env_references(s.value->value)) {
      mark(s.value->offset, s.value->end);
    }
  }
  for (const auto& [begin, end] : options.sensitive_ranges) mark(begin, end);
  return std::make_shared<SourceFile>(document.source->path(), masked_text(original, hide));
}

std::vector<Diagnostic> LoadedConfig::diagnostics() const {
  std::vector<Diagnostic> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) out.push_back(f.diagnostic);
  return out;
}

LoadedConfig load_config(SourceFilePtr source, LoadOptions options) {
  LoadedConfig loaded;
  loaded.options = std::move(options);
  loaded.document = yaml::load(std::move(source));
  Checker ck(loaded);
  std::vector<Diagnostic> duplicates;
  for (const Diagnostic& d : loaded.document.problems) {
    // Duplicate keys are reported after decoding, in yaml.v2's words ("field x already set in type ...").
    if (d.rule_id == yaml::kRuleDuplicateKey) {
      duplicates.push_back(d);
      continue;
    }
    Finding f;
    f.diagnostic = d;
    const bool stops =
        d.rule_id == yaml::kRuleSyntax || d.rule_id == yaml::kRuleEncoding || d.rule_id == yaml::kRuleAlias;
    f.phase = stops ? Phase::Syntax : d.rule_id == yaml::kRuleMerge ? Phase::Decode : Phase::Extra;
    loaded.findings.push_back(std::move(f));
  }
  const yaml::Node* root = loaded.document.root;
  if (root == nullptr || root->is_null()) {
    if (loaded.findings.empty() || std::none_of(loaded.findings.begin(), loaded.findings.end(),
                                                [](const Finding& f) { return f.phase == Phase::Syntax; })) {
      ck.report(nullptr, Phase::Load, ids::kRoute, "no route provided in config");
    }
    mask_messages(loaded);
    return loaded;
  }
  ck.decode(root);
  ck.report_duplicate_keys(duplicates);
  if (root->is_map()) {
    check_config(ck, *root);
    build_model(ck, *root, loaded.config);
    if (const yaml::Node* route = field_node(root, "route"); route != nullptr && route->is_map()) {
      if (is_true(field_node(route, "continue"))) {
        ck.report(route->key_node("continue"), Phase::Load, ids::kRoute, "cannot have continue in root route");
      }
    }
  }
  mask_messages(loaded);
  return loaded;
}

std::string masked_text(std::string_view original, const std::vector<bool>& hide) {
  std::string text;
  text.reserve(original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    const char c = original[i];
    if (i >= hide.size() || !hide[i] || c == '\n' || c == '\r') {
      text += c;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      text += '*';  // one '*' per character keeps every column
    }
  }
  return text;
}

}  // namespace mlmon::alertmanager
