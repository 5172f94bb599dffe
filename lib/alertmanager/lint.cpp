#include "alertmanager/lint.hpp"

#include <glob.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/duration.hpp"
#include "alertmanager/env_render.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/templates.hpp"
#include "alertmanager/values.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

using yaml::Node;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

class Linter {
 public:
  Linter(const LoadedConfig& loaded, const LintOptions& options) : loaded_(loaded), options_(options) {}

  std::vector<Diagnostic> run() {
    files();
    unused_receivers();
    unused_time_intervals();
    if (loaded_.config.has_route) shadowed_routes(loaded_.config.route);
    inhibit_rules();
    if (!is_rendered_output(loaded_.document.source->text())) {
      plain_secrets();
      if (!options_.in_template) unexpanded_env();
    }
    for (Diagnostic& d : check_inline_templates(loaded_)) out_.push_back(std::move(d));
    return std::move(out_);
  }

 private:
  void warn(const Node* at, std::string_view rule, std::string message, std::string hint = {}) {
    out_.push_back(make_diagnostic(Severity::Warning, rule, loaded_.document.source->path(),
                                   at != nullptr ? at->pos : Position{}, std::move(message), std::move(hint)));
  }

  static std::string line_of(const Node* n) { return n != nullptr ? std::to_string(n->pos.line) : "?"; }

  void files() {
    if (!options_.check_files) return;
    namespace fs = std::filesystem;
    for (const FileReference& f : loaded_.files) {
      const std::string& path = f.value->value;
      if (path.find("${") != std::string::npos) continue;  // unexpanded: reported on its own
      const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : fs::path(options_.base_dir) / path;
      if (f.is_template_glob) {
        glob_t g{};
        const int rc = ::glob(resolved.c_str(), 0, nullptr, &g);
        const bool none = rc != 0 || g.gl_pathc == 0;
        globfree(&g);
        if (none) {
          warn(f.value, ids::kTemplateGlob, "template glob " + go::quote(path) + " matches no file",
               "Alertmanager accepts it silently and loads no templates from it; relative globs are resolved "
               "against the config file's directory");
        }
        continue;
      }
      std::error_code ec;
      if (fs::exists(resolved, ec)) continue;
      std::string hint = fs::path(path).is_absolute() ? "Alertmanager reads it only when it sends a notification"
                         : f.resolved_against_config_dir
                             ? "Alertmanager resolves it against the config file's directory and reads it when it "
                               "sends a notification"
                             : "Alertmanager reads it relative to its own working directory, and only when it sends a "
                               "notification; checked here against the config file's directory";
      warn(f.value, ids::kMissingFile,
           f.field + ": file " + go::quote(resolved.lexically_normal().string()) + " does not exist", std::move(hint));
    }
  }

  void collect_receivers(const Route& r, std::set<std::string, std::less<>>& used, int depth) {
    if (!r.receiver.empty()) used.insert(r.receiver);
    if (depth > kMaxRouteDepth) return;
    for (const Route& c : r.routes) collect_receivers(c, used, depth + 1);
  }

  void collect_intervals(const Route& r, std::set<std::string, std::less<>>& used, int depth) {
    used.insert(r.mute_time_intervals.begin(), r.mute_time_intervals.end());
    used.insert(r.active_time_intervals.begin(), r.active_time_intervals.end());
    if (depth > kMaxRouteDepth) return;
    for (const Route& c : r.routes) collect_intervals(c, used, depth + 1);
  }

  void unused_receivers() {
    if (!loaded_.config.has_route) return;
    std::set<std::string, std::less<>> used;
    collect_receivers(loaded_.config.route, used, 0);
    for (const Receiver& r : loaded_.config.receivers) {
      if (r.name.empty() || used.contains(r.name)) continue;
      warn(r.name_node != nullptr ? r.name_node : r.node, ids::kUnusedReceiver,
           "receiver " + go::quote(r.name) + " is not used by any route");
    }
  }

  void unused_time_intervals() {
    if (!loaded_.config.has_route) return;
    std::set<std::string, std::less<>> used;
    collect_intervals(loaded_.config.route, used, 0);
    for (const NamedTimeInterval& t : loaded_.config.time_intervals) {
      if (t.name.empty() || used.contains(t.name)) continue;
      warn(field_node(t.node, "name") ? field_node(t.node, "name") : t.node, ids::kUnusedTimeInterval,
           "time interval " + go::quote(t.name) + " is not used by any route");
    }
  }

  // Every alert that matches `later` also matches `earlier`: each of earlier's matchers appears in
  // later's, or matches any value.
  static bool covers(const Matchers& earlier, const Matchers& later) {
    return std::all_of(earlier.begin(), earlier.end(), [&](const Matcher& m) {
      if (m.type == MatchType::Regexp && m.regex && m.regex->matches_everything()) return true;
      return std::any_of(later.begin(), later.end(), [&](const Matcher& l) { return l.same_as(m); });
    });
  }

  void shadowed_routes(const Route& route, int depth = 0) {
    if (depth > kMaxRouteDepth) return;
    for (std::size_t j = 0; j < route.routes.size(); ++j) {
      const Route& later = route.routes[j];
      for (std::size_t i = 0; i < j; ++i) {
        const Route& earlier = route.routes[i];
        if (earlier.continue_matching || !covers(earlier.matchers, later.matchers)) continue;
        const std::string what =
            earlier.matchers.empty() ? "matches every alert" : "matches every alert this one matches";
        warn(later.node, ids::kShadowedRoute,
             "this route can never match: the route at line " + line_of(earlier.node) + " (" +
                 (earlier.matchers.empty() ? std::string("default-route") : to_string(earlier.matchers)) + ") " + what +
                 " and has no 'continue: true'",
             "move this route before it, or add 'continue: true' to the earlier route");
        break;
      }
      shadowed_routes(later, depth + 1);
    }
  }

  // Matchers no alert can satisfy together: an equality on a label that another matcher rejects.
  static std::string contradiction(const Matchers& ms) {
    for (const Matcher& eq : ms) {
      if (eq.type != MatchType::Equal) continue;
      for (const Matcher& other : ms) {
        if (&other != &eq && other.name == eq.name && !other.matches(eq.value)) {
          return eq.to_string() + " and " + other.to_string();
        }
      }
    }
    return {};
  }

  static bool same_set(const Matchers& a, const Matchers& b) {
    return covers(a, b) && covers(b, a) && a.size() == b.size();
  }

  void inhibit_rules() {
    for (const InhibitRule& rule : loaded_.config.inhibit_rules) {
      if (rule.uses_sources) continue;
      constexpr std::string_view kRule = ids::kInhibitNeverFires;
      if (std::string c = contradiction(rule.source); !c.empty()) {
        warn(rule.node, kRule, "inhibit rule can never fire: no alert matches both " + c + " in its source matchers");
        continue;
      }
      if (std::string c = contradiction(rule.target); !c.empty()) {
        warn(rule.node, kRule, "inhibit rule can never fire: no alert matches both " + c + " in its target matchers");
        continue;
      }
      if (same_set(rule.source, rule.target)) {
        warn(rule.node, kRule,
             "inhibit rule can never fire: source and target matchers are the same, and Alertmanager never lets an "
             "alert matching both sides inhibit another such alert");
        continue;
      }
      bool reported = false;
      for (const std::string& label : rule.equal) {
        for (const auto& [side, other, side_name, other_name] :
             {std::tuple{&rule.source, &rule.target, "source", "target"},
              std::tuple{&rule.target, &rule.source, "target", "source"}}) {
          for (const Matcher& eq : *side) {
            if (reported || eq.type != MatchType::Equal || eq.name != label) continue;
            for (const Matcher& m : *other) {
              if (m.name != label || m.matches(eq.value)) continue;
              warn(rule.node, kRule,
                   "inhibit rule can never fire: 'equal' requires the same " + label +
                       " on source and target, but the " + side_name + " needs " + eq.to_string() + " and the " +
                       other_name + " " + m.to_string(),
                   "remove " + go::quote(label) + " from 'equal'");
              reported = true;
              break;
            }
          }
        }
      }
    }
  }

  static bool url_has_credentials(const std::string& text) {
    const Result<ParsedUrl> parsed = parse_go_url(text);
    if (!parsed) return false;
    const ParsedUrl& url = *parsed;
    if (url.has_userinfo_password) return true;
    std::string host = url.host;
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    if (host == "hooks.slack.com" || host.ends_with("discord.com") || host.ends_with("discordapp.com") ||
        host.ends_with("webhook.office.com") || host == "outlook.office.com" || host == "chat.googleapis.com" ||
        host.ends_with("logic.azure.com") || host == "api.telegram.org") {
      return url.path.size() > 1 || !url.query.empty();
    }
    static constexpr std::array<std::string_view, 12> kKeys{"token",     "key",      "secret",       "sig",
                                                            "signature", "password", "passwd",       "auth",
                                                            "apikey",    "api_key",  "access_token", "code"};
    std::string query = url.query;
    std::transform(query.begin(), query.end(), query.begin(), [](unsigned char c) { return std::tolower(c); });
    std::size_t start = 0;
    while (start <= query.size()) {
      const std::size_t amp = query.find('&', start);
      const std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      const std::string key = param.substr(0, param.find('='));
      for (std::string_view k : kKeys) {
        if (key == k || key.ends_with("_" + std::string(k)) || key.ends_with(std::string(k))) return true;
      }
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
    return false;
  }

  void plain_secrets() {
    for (const SecretValue& s : loaded_.secrets) {
      if (s.value == nullptr || !s.value->is_scalar()) continue;
      const std::string& v = s.value->value;
      if (v.empty() || v == "<secret>" || v.find("${") != std::string::npos || v.find("{{") != std::string::npos)
        continue;
      if (loaded_.is_rendered_value(s.value)) continue;  // rendered from the environment or a default on purpose
      if (s.is_url && !url_has_credentials(v)) continue;
      const std::string what = s.is_url ? "a URL with credentials" : "a secret";
      // In a template the way out is a reference right here; in a config, a template to render.
      const std::string reference =
          options_.in_template ? "write a ${VAR} reference in its place in the template"
                               : "keep a ${VAR} reference in a template rendered by 'mlmon render-alertmanager'";
      warn(s.key != nullptr ? s.key : s.value, ids::kPlainSecret, s.field + " holds " + what + " in plain text",
           s.has_file_twin ? "read it from a file with " + s.field + "_file, or " + reference
                           : reference + " (Alertmanager has no " + s.field + "_file here)");
    }
  }

  void scan_scalars(const Node* n, int depth, std::set<const Node*>& seen) {
    if (n == nullptr || depth > 512 || !seen.insert(n).second) return;
    if (n->is_scalar()) {
      if (loaded_.is_rendered_value(n)) return;  // not written in the config
      for (const EnvReference& ref : find_env_references(n->value)) {
        out_.push_back(make_diagnostic(
            Severity::Warning, ids::kUnexpandedEnv, loaded_.document.source->path(), n->source_position(ref.offset),
            "Alertmanager does not expand environment variables: ${" + ref.name + "} is used literally",
            "render the file first: mlmon render-alertmanager TEMPLATE -o alertmanager.yml"));
      }
      return;
    }
    for (const Node* item : n->items) scan_scalars(item, depth + 1, seen);
    for (const yaml::Entry& e : n->entries) {
      scan_scalars(e.key, depth + 1, seen);
      scan_scalars(e.value, depth + 1, seen);
    }
  }

  void unexpanded_env() {
    std::set<const Node*> seen;
    scan_scalars(loaded_.document.root, 0, seen);
  }

  const LoadedConfig& loaded_;
  const LintOptions& options_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<EnvReference> find_env_references(std::string_view text) {
  std::vector<EnvReference> out;
  for (std::size_t p = text.find("${"); p != std::string_view::npos; p = text.find("${", p + 2)) {
    if (p > 0 && text[p - 1] == '$') continue;  // "$${" is an escaped literal
    std::size_t i = p + 2;
    if (i >= text.size() || !is_name_start(text[i])) continue;
    while (i < text.size() && is_name_char(text[i])) ++i;
    EnvReference ref;
    ref.offset = p;
    ref.name = std::string(text.substr(p + 2, i - p - 2));
    if (i < text.size() && text[i] == '}') {
      ref.length = i + 1 - p;
    } else if (text.substr(i, 2) == ":-") {
      const std::size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) continue;
      ref.has_default = true;
      ref.default_value = std::string(text.substr(i + 2, close - i - 2));
      ref.length = close + 1 - p;
    } else {
      continue;
    }
    out.push_back(std::move(ref));
  }
  return out;
}

std::vector<Diagnostic> lint_config(const LoadedConfig& loaded, const LintOptions& options) {
  return Linter(loaded, options).run();
}

}  // namespace mlmon::alertmanager
