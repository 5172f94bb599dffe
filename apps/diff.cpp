#include <memory>

#include "commands.hpp"
#include "core/change_set.hpp"
#include "core/exit_codes.hpp"
#include "core/result.hpp"
#include "core/source_file.hpp"
#include "dashboards/dashboard_diff.hpp"
#include "dashboards/loader.hpp"
#include "read_input.hpp"
#include "rules/loader.hpp"
#include "rules/rule_diff.hpp"

namespace mlmon::cli {

namespace {

struct DiffArgs {
  std::string old_path;
  std::string new_path;
  std::string format = "text";
};

/// One kind of file `diff` compares. The change model is shared, so a differ only has to say
/// what changed; rendering and exit codes are common.
struct Differ {
  std::string_view what;  ///< "dashboard", "rule file"
  bool (*accepts)(const std::string& path, const std::string& text);
  Result<ChangeSet> (*diff)(const SourceFilePtr& old_file, const SourceFilePtr& new_file);
};

bool ends_with_any(const std::string& path, std::initializer_list<std::string_view> suffixes) {
  for (std::string_view s : suffixes) {
    if (path.ends_with(s)) return true;
  }
  return false;
}

bool has_yaml_name(const std::string& path) { return ends_with_any(path, {".yml", ".yaml"}); }

// The name decides; without a telling name (stdin, other extensions) a JSON object is a dashboard.
bool is_dashboard(const std::string& path, const std::string& text) {
  if (ends_with_any(path, {".json"})) return true;
  if (has_yaml_name(path)) return false;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

bool is_rule_file(const std::string& path, const std::string& text) { return !is_dashboard(path, text); }

/// "file:line:col: message", as for any file that does not load.
Error load_failure(const Diagnostic& d) {
  std::string where = d.file;
  if (d.pos.known()) where += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
  return Error{where + ": " + d.message};
}

Result<ChangeSet> diff_dashboard_files(const SourceFilePtr& old_file, const SourceFilePtr& new_file) {
  auto old_dashboard = dashboards::load_dashboard(old_file);
  auto new_dashboard = dashboards::load_dashboard(new_file);
  for (const auto* loaded : {&old_dashboard, &new_dashboard}) {
    if (!loaded->has_value()) return std::unexpected(load_failure(loaded->error()));
  }
  return dashboards::diff_dashboards(*old_dashboard, *new_dashboard);
}

Result<ChangeSet> diff_rule_sources(const SourceFilePtr& old_file, const SourceFilePtr& new_file) {
  auto old_rules = rules::load_rule_file(old_file);
  auto new_rules = rules::load_rule_file(new_file);
  for (const auto* loaded : {&old_rules, &new_rules}) {
    if (!loaded->has_value()) return std::unexpected(load_failure(loaded->error()));
  }
  return rules::diff_rule_files(*old_rules, *new_rules);
}

// Every input is one or the other, so the first that accepts OLD decides.
constexpr Differ kDiffers[] = {
    {"dashboard", is_dashboard, diff_dashboard_files},
    {"rule file", is_rule_file, diff_rule_sources},
};

int run_diff(const DiffArgs& args, Context& ctx) {
  auto old_text = read_input(args.old_path, ctx);
  auto new_text = args.new_path == "-" && args.old_path == "-" ? fail("only one of OLD and NEW can be -")
                                                               : read_input(args.new_path, ctx);
  for (const auto* text : {&old_text, &new_text}) {
    if (!*text) {
      ctx.err << "mlmon diff: " << text->error().message << "\n";
      return kExitUsage;
    }
  }
  const Differ* differ = &kDiffers[0];
  while (!differ->accepts(args.old_path, *old_text)) ++differ;
  if (!differ->accepts(args.new_path, *new_text)) {
    ctx.err << "mlmon diff: " << args.old_path << " is a " << differ->what << " and " << args.new_path << " is not\n";
    return kExitUsage;
  }
  auto changes = differ->diff(std::make_shared<const SourceFile>(args.old_path, std::move(*old_text)),
                              std::make_shared<const SourceFile>(args.new_path, std::move(*new_text)));
  if (!changes) {
    ctx.err << "mlmon diff: " << changes.error().message << "\n";
    return kExitUsage;
  }
  if (args.format == "json") render_changes_json(*changes, args.old_path, args.new_path, ctx.out);
  else render_changes_text(*changes, ctx.out);
  return changes->empty() ? kExitOk : kExitFindings;
}

}  // namespace

void setup_diff(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DiffArgs>();
  auto* sub = app.add_subcommand(
      "diff", "Semantic diff of two dashboards (panels) or two rule files (groups, alerts, recording rules)");
  sub->add_option("old", args->old_path, "The old dashboard (.json) or rule file (.yml; - for stdin)")->required();
  sub->add_option("new", args->new_path, "The new dashboard or rule file (- for stdin)")->required();
  sub->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->footer(
      "Dashboards: ignores key order, id, version, iteration, pluginVersion, variables' current selection and\n"
      "datasource name-vs-uid churn.\n"
      "Rule files (or PrometheusRule manifests): rules matched by group, kind and name; reports expr (canonical\n"
      "PromQL; an alert's threshold alone when only it changed), for, keep_firing_for (as durations), labels,\n"
      "annotations, group settings, and moves between groups. Ignores formatting, comments, key order and the\n"
      "order of rules, except a rule moving across a recording rule of its group that it reads.\n"
      "Exit codes: 0 same, 1 different, 2 usage or I/O error, a file that does not load, or files of two kinds.");
  sub->callback([args, &ctx] { ctx.exit_code = run_diff(*args, ctx); });
}

}  // namespace mlmon::cli
