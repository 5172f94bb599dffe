#include "alertmanager/template_check.hpp"

#include <algorithm>
#include <memory>
#include <vector>

namespace mlmon::alertmanager {

namespace {

std::string counted(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

}  // namespace

Diagnostic TemplateCheck::to_template(Diagnostic d) const {
  if (source == nullptr || d.file != source->path() || !d.pos.known()) return d;
  d.pos = source->position_of(rendered.template_offset(d.pos.offset));
  return d;
}

SourceFilePtr TemplateCheck::redacted_template(const LoadedConfig& config) const {
  const std::string& original = source->text();
  std::vector<bool> hide(original.size(), false);
  std::vector<bool> replaced(original.size(), false);
  for (const Replacement& r : rendered.replacements) {
    for (std::size_t i = r.template_begin; i < std::min(r.template_end, original.size()); ++i) replaced[i] = true;
  }
  for (const SecretValue& s : config.secrets) {
    if (s.value == nullptr || !s.value->is_scalar() || s.value->value.empty()) continue;
    const std::size_t begin = rendered.template_offset(s.value->offset);
    const std::size_t end = std::min(rendered.template_offset(s.value->end), original.size());
    // A reference (or a "$${" escape) is not a secret; a value that is nothing but references
    // keeps its quotes too.
    bool written = false;
    for (std::size_t i = begin; i < end; ++i) {
      written = written || (!replaced[i] && original[i] != '\'' && original[i] != '"');
    }
    if (!written) continue;
    for (std::size_t i = begin; i < end; ++i) hide[i] = hide[i] || !replaced[i];
  }
  return std::make_shared<SourceFile>(source->path(), masked_text(original, hide));
}

std::string TemplateCheck::values_summary() const {
  const std::string defaults = counted(rendered.count(ValueSource::Default), "default");
  if (values == TemplateValues::Placeholders) {
    return counted(rendered.count(ValueSource::Placeholder), "placeholder value") + ", " + defaults;
  }
  return counted(rendered.count(ValueSource::Environment), "value") + " from the environment, " + defaults;
}

TemplateCheck render_template_for_check(SourceFilePtr source, TemplateValues values, const EnvLookup& env) {
  TemplateCheck check;
  check.source = std::move(source);
  check.values = values;
  check.rendered = values == TemplateValues::Placeholders
                       ? render_with_placeholders(*check.source, std::string(kPlaceholderValue))
                       : render_env_template(*check.source, env);
  if (!check.rendered.ok()) return check;
  LoadOptions options;
  options.sensitive_ranges = check.rendered.expanded;
  options.template_ranges = check.rendered.template_values;
  check.loaded = load_config(std::make_shared<SourceFile>(check.source->path(), check.rendered.text), options);
  return check;
}

std::string missing_variables_message(const RenderedTemplate& rendered) {
  const std::vector<MissingVariable>& missing = rendered.missing;
  if (missing.empty()) return {};
  std::string names;
  for (const MissingVariable& m : missing) names += (names.empty() ? "" : ", ") + m.name;
  const std::size_t empty = static_cast<std::size_t>(
      std::count_if(missing.begin(), missing.end(), [](const MissingVariable& m) { return m.empty; }));
  const std::string state = empty == missing.size() ? "empty" : empty == 0 ? "not set" : "not set or empty";
  return missing.size() == 1 ? "required variable " + names + " is " + state
                             : "required variables " + names + " are " + state;
}

}  // namespace mlmon::alertmanager
