#include "project/config.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>

#include "core/file_io.hpp"
#include "yaml/document.hpp"

namespace mlmon::project {

namespace {

namespace fs = std::filesystem;
using yaml::Node;

class ConfigParser {
 public:
  ConfigParser(const SourceFile& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  void problem(const Node* at, std::string message) {
    problems_.push_back(make_diagnostic(Severity::Error, "config/schema", source_.path(), at ? at->pos() : Position{},
                                        std::move(message)));
  }

  bool expect(const Node* node, yaml::NodeKind kind, std::string_view what) {
    if (node != nullptr && node->kind == kind) return true;
    problem(node, fmt::format("expected {}", what));
    return false;
  }

  void unknown_keys(const Node& map, std::initializer_list<std::string_view> known, std::string_view where) {
    for (const yaml::Entry& e : map.entries) {
      if (std::find(known.begin(), known.end(), e.key->value) == known.end()) {
        problem(e.key,
                fmt::format("unknown key \"{}\" in {}; known keys: {}", e.key->value, where, fmt::join(known, ", ")));
      }
    }
  }

  std::vector<std::string> string_list(const Node* node, std::string_view what) {
    std::vector<std::string> out;
    if (!expect(node, yaml::NodeKind::Sequence, fmt::format("a list of strings for {}", what))) return out;
    for (const Node* item : node->items) {
      if (expect(item, yaml::NodeKind::Scalar, "a string")) out.push_back(item->value);
    }
    return out;
  }

  CheckSetting check_setting(const Node* value) {
    CheckSetting setting;
    if (value->is_scalar()) {
      const yaml::ScalarText& v = value->value;
      Severity s{};
      if (v == "off" || v == "false" || v == "disabled") setting.enabled = false;
      else if (v == "on" || v == "true" || v == "enabled") setting.enabled = true;
      else if (parse_severity(v, s)) setting.severity = s;
      else problem(value, fmt::format("unknown check setting \"{}\"; use off, on, error, warning or info", v));
      return setting;
    }
    if (!expect(value, yaml::NodeKind::Mapping, "off, on, a severity, or a mapping {enabled, severity, reason}")) {
      return setting;
    }
    unknown_keys(*value, {"enabled", "severity", "reason"}, "a check setting");
    if (const Node* n = value->get("enabled"); n != nullptr) {
      if (n->value == "true") setting.enabled = true;
      else if (n->value == "false") setting.enabled = false;
      else problem(n, "enabled must be true or false");
    }
    if (const Node* n = value->get("severity"); n != nullptr) {
      Severity s{};
      if (parse_severity(n->value, s)) setting.severity = s;
      else problem(n, fmt::format("unknown severity \"{}\"; use error, warning or info", n->value));
    }
    if (const Node* n = value->get("reason"); n != nullptr) setting.reason = n->value;
    return setting;
  }

  Config parse(const Node* root) {
    Config config;
    config.path = source_.path();
    if (root == nullptr || root->is_null()) return config;
    if (!expect(root, yaml::NodeKind::Mapping, "a mapping at the top of .mlmon.yml")) return config;
    unknown_keys(*root, {"checks", "rules", "exclude", "ignore"}, ".mlmon.yml");
    if (const Node* ignore = root->get("ignore")) config.ignore = string_list(ignore, "ignore");
    if (const Node* checks = root->get("checks");
        checks != nullptr &&
        expect(checks, yaml::NodeKind::Mapping, "a mapping of check ids to settings under checks")) {
      for (const yaml::Entry& e : checks->entries) {
        CheckSetting setting = check_setting(e.value);
        setting.pos = e.key->pos();
        config.checks[e.key->value] = std::move(setting);
      }
    }
    if (const Node* rules = root->get("rules");
        rules != nullptr && expect(rules, yaml::NodeKind::Mapping, "a mapping under rules")) {
      unknown_keys(*rules, {"required_labels", "required_annotations"}, "rules");
      if (const Node* labels = rules->get("required_labels")) {
        std::map<std::string, std::vector<std::string>> required;
        if (labels->is_seq()) {
          for (const std::string& name : string_list(labels, "required_labels")) required[name] = {};
        } else if (expect(labels, yaml::NodeKind::Mapping,
                          "a list of label names or a mapping name: [allowed values]")) {
          for (const yaml::Entry& e : labels->entries) {
            required[e.key->value] =
                e.value->is_null() ? std::vector<std::string>{} : string_list(e.value, e.key->value);
          }
        }
        config.required_labels = std::move(required);
      }
      if (const Node* annotations = rules->get("required_annotations")) {
        config.required_annotations = string_list(annotations, "required_annotations");
      }
    }
    if (const Node* exclude = root->get("exclude");
        exclude != nullptr && expect(exclude, yaml::NodeKind::Sequence, "a list of exclusions under exclude")) {
      for (const Node* item : exclude->items) {
        if (!expect(item, yaml::NodeKind::Mapping, "an exclusion {check, path, dashboard, panel, reason}")) continue;
        unknown_keys(*item, {"check", "path", "dashboard", "panel", "reason"}, "an exclusion");
        Exclusion ex;
        auto text = [&](const char* key) {
          const Node* n = item->get(key);
          return n ? n->value.str() : std::string();
        };
        ex.check = text("check");
        if (const Node* n = item->get("check")) ex.check_pos = n->pos();
        ex.path = text("path");
        ex.dashboard = text("dashboard");
        ex.panel = text("panel");
        ex.reason = text("reason");
        if (ex.check.empty()) problem(item, "an exclusion needs `check` (a check id, or \"*\")");
        if (ex.reason.empty()) problem(item, "an exclusion needs a `reason`, so reviewers know why it is there");
        config.exclude.push_back(std::move(ex));
      }
    }
    return config;
  }

 private:
  const SourceFile& source_;
  std::vector<Diagnostic>& problems_;
};

constexpr checks::CheckInfo kChecks[] = {
    {"config/schema", "`.mlmon.yml` has only known keys, of the right kinds", Severity::Error,
     checks::CheckKind::Validation},
    {"config/unknown-check",
     "every check id in `.mlmon.yml` or a `# mlmon: disable=` comment exists and can be "
     "configured",
     Severity::Error, checks::CheckKind::Validation},
};

}  // namespace

std::span<const checks::CheckInfo> check_list() { return kChecks; }

std::vector<Diagnostic> check_ids(const Config& config, const checks::Catalog& catalog) {
  std::vector<Diagnostic> out;
  auto check = [&](const std::string& id, const Position& pos) {
    if (id == "*") return;
    std::string why = catalog.why_not_configurable(id);
    if (why.empty()) return;
    out.push_back(make_diagnostic(Severity::Error, "config/unknown-check", config.path, pos, std::move(why),
                                  "`mlmon checks` lists every check id"));
  };
  for (const auto& [id, setting] : config.checks) check(id, setting.pos);
  for (const Exclusion& ex : config.exclude) check(ex.check, ex.check_pos);
  std::sort(out.begin(), out.end(),
            [](const Diagnostic& a, const Diagnostic& b) { return a.pos.offset < b.pos.offset; });
  return out;
}

bool Config::enabled(std::string_view check_id) const {
  auto it = checks.find(std::string(check_id));
  return it == checks.end() || it->second.enabled.value_or(true);
}

Severity Config::severity(std::string_view check_id, Severity default_severity) const {
  auto it = checks.find(std::string(check_id));
  return it == checks.end() ? default_severity : it->second.severity.value_or(default_severity);
}

bool Config::excluded(std::string_view check_id, std::string_view file, std::string_view dashboard,
                      std::string_view panel) const {
  return std::any_of(exclude.begin(), exclude.end(), [&](const Exclusion& ex) {
    if (ex.check != "*" && ex.check != check_id) return false;
    if (!ex.path.empty() && ::fnmatch(ex.path.c_str(), std::string(file).c_str(), 0) != 0) return false;
    if (!ex.dashboard.empty() && ex.dashboard != dashboard) return false;
    if (!ex.panel.empty() && ex.panel != panel) return false;
    return true;
  });
}

bool Config::ignored(std::string_view relative_path) const {
  const std::string path(relative_path);
  return std::any_of(ignore.begin(), ignore.end(),
                     [&](const std::string& glob) { return ::fnmatch(glob.c_str(), path.c_str(), 0) == 0; });
}

Config parse_config(const std::string& path, const std::string& text, std::vector<Diagnostic>& problems) {
  auto source = std::make_shared<SourceFile>(path, text);
  yaml::Document doc = yaml::load(source);
  for (const Diagnostic& d : doc.problems) problems.push_back(d);
  ConfigParser parser(*source, problems);
  return parser.parse(doc.root);
}

std::string find_config(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return {};
  if (!fs::is_directory(dir, ec) || !dir.has_filename()) dir = dir.parent_path();
  for (;;) {
    const fs::path candidate = dir / ".mlmon.yml";
    if (fs::is_regular_file(candidate, ec)) {
      // Named as the user would: `.mlmon.yml` or `sub/.mlmon.yml` below the working directory.
      const fs::path relative = fs::relative(candidate, fs::current_path(ec), ec);
      const bool inside = !ec && !relative.empty() && *relative.begin() != "..";
      return inside ? relative.string() : candidate.string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

Result<Config> load_config(const std::string& explicit_path, const std::string& start,
                           std::vector<Diagnostic>& problems) {
  const std::string path = explicit_path.empty() ? find_config(start) : explicit_path;
  if (path.empty()) return Config{};
  return parse_config(path, MLMON_TRY(read_file(path)), problems);
}

void apply_config(const Config& config, std::vector<Diagnostic>& findings, bool (*is_lint)(std::string_view)) {
  std::erase_if(findings, [&](const Diagnostic& d) {
    return is_lint(d.rule_id) && (!config.enabled(d.rule_id) || config.excluded(d.rule_id, d.file));
  });
  for (Diagnostic& d : findings) {
    if (is_lint(d.rule_id)) d.severity = config.severity(d.rule_id, d.severity);
  }
}

}  // namespace mlmon::project
