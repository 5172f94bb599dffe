#include "alertmanager/templates.hpp"

#include <glob.h>

#include <filesystem>
#include <set>

#include "alertmanager/check_ids.hpp"
#include "core/file_io.hpp"
#include "gotemplate/gotemplate.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

namespace {

// Alertmanager's template functions (template.DefaultFuncs, newest).
gotemplate::Options alertmanager_options() {
  gotemplate::Options options;
  options.prometheus_alert = false;
  options.functions = {"toUpper",      "toLower",          "title",   "trimSpace",   "join",
                       "match",        "safeHtml",         "safeUrl", "urlUnescape", "reReplaceAll",
                       "stringSlice",  "routeLabels",      "date",    "tz",          "now",
                       "since",        "humanizeDuration", "toDate",  "mustToDate",  "toJson",
                       "base64encode", "base64decode",     "list",    "append",      "dict"};
  return options;
}

// Go's filepath.Match rejects an unterminated character class.
bool bad_pattern(const std::string& pattern) {
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[' && !in_class) {
      in_class = true;
    } else if (c == ']' && in_class) {
      in_class = false;
    }
  }
  return in_class;
}

Diagnostic make(Severity severity, std::string_view rule, std::string file, Position pos, std::string message) {
  return make_diagnostic(severity, rule, std::move(file), pos, std::move(message));
}

void inline_scan(const yaml::Node* n, int depth, const gotemplate::Options& options, const std::string& file,
                 std::set<const yaml::Node*>& seen, std::vector<Diagnostic>& out) {
  if (n == nullptr || depth > 64 || !seen.insert(n).second) return;
  if (n->is_scalar()) {
    if (n->value.find("{{") == std::string::npos) return;
    if (const auto error = gotemplate::check(n->value, options)) {
      Diagnostic d = make(Severity::Warning, ids::kTemplateSyntax, file, n->source_position(error->offset),
                          "template does not parse: " + error->message + "; Alertmanager only finds out when it sends");
      out.push_back(std::move(d));
    }
    return;
  }
  for (const yaml::Node* item : n->items) inline_scan(item, depth + 1, options, file, seen, out);
  for (const yaml::Entry& e : n->entries) inline_scan(e.value, depth + 1, options, file, seen, out);
}

}  // namespace

std::vector<Diagnostic> check_template_files(const LoadedConfig& loaded, const std::string& base_dir) {
  namespace fs = std::filesystem;
  std::vector<Diagnostic> out;
  const gotemplate::Options options = alertmanager_options();
  const std::string config_file = loaded.document.source->path();
  for (const FileReference& ref : loaded.files) {
    if (!ref.is_template_glob) continue;
    const std::string pattern = ref.value->value;  // a copy: the filesystem calls below take strings
    if (bad_pattern(pattern)) {
      out.push_back(make(Severity::Error, ids::kTemplate, config_file, ref.value->pos(), "syntax error in pattern"));
      continue;
    }
    const fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : fs::path(base_dir) / pattern;
    glob_t g{};
    if (::glob(full.c_str(), 0, nullptr, &g) == 0) {
      for (std::size_t i = 0; i < g.gl_pathc; ++i) {
        const std::string path = g.gl_pathv[i];
        auto text = read_file(path);
        if (!text) continue;  // Alertmanager would fail too; the missing-file lint names globs that match nothing
        if (const auto error = gotemplate::check(*text, options)) {
          const SourceFile source(path, *text);
          out.push_back(make(Severity::Error, ids::kTemplate, path, source.position_of(error->offset),
                             gotemplate::format_go_error(fs::path(path).filename().string(), *text, *error)));
        }
      }
    }
    globfree(&g);
  }
  return out;
}

std::vector<Diagnostic> check_inline_templates(const LoadedConfig& loaded) {
  std::vector<Diagnostic> out;
  const yaml::Node* root = loaded.document.root;
  if (root == nullptr || !root->is_map()) return out;
  std::set<const yaml::Node*> seen;
  inline_scan(root->get("receivers"), 0, alertmanager_options(), loaded.document.source->path(), seen, out);
  return out;
}

}  // namespace mlmon::alertmanager
