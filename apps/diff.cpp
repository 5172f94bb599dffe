#include <memory>

#include "commands.hpp"
#include "core/change_set.hpp"
#include "core/exit_codes.hpp"
#include "core/result.hpp"
#include "core/source_file.hpp"
#include "dashboards/dashboard_diff.hpp"
#include "dashboards/loader.hpp"
#include "read_input.hpp"

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

bool looks_like_json(const std::string& path, const std::string& text) {
  if (ends_with_any(path, {".json"})) return true;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

bool looks_like_yaml(const std::string& path, const std::string&) { return ends_with_any(path, {".yml", ".yaml"}); }

Result<ChangeSet> diff_dashboard_files(const SourceFilePtr& old_file, const SourceFilePtr& new_file) {
  auto old_dashboard = dashboards::load_dashboard(old_file);
  auto new_dashboard = dashboards::load_dashboard(new_file);
  for (const auto* loaded : {&old_dashboard, &new_dashboard}) {
    if (loaded->has_value()) continue;
    const Diagnostic& d = loaded->error();
    std::string where = d.file;
    if (d.pos.known()) where += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
    return fail(where + ": " + d.message);
  }
  return dashboards::diff_dashboards(*old_dashboard, *new_dashboard);
}

// The rules half of diff plugs in here once lib/rules offers a semantic rule differ.
Result<ChangeSet> diff_rule_files(const SourceFilePtr&, const SourceFilePtr&) {
  return fail("comparing rule files is not supported yet; only dashboards (.json) can be compared");
}

constexpr Differ kDiffers[] = {
    {"dashboard", looks_like_json, diff_dashboard_files},
    {"rule file", looks_like_yaml, diff_rule_files},
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
  const Differ* differ = nullptr;
  for (const Differ& d : kDiffers) {
    if (d.accepts(args.old_path, *old_text)) {
      differ = &d;
      break;
    }
  }
  if (differ == nullptr) {
    ctx.err << "mlmon diff: " << args.old_path << ": cannot tell what it is; expected a dashboard (.json) or a rule file (.yml)\n";
    return kExitUsage;
  }
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
  auto* sub = app.add_subcommand("diff", "Semantic diff of two dashboards: panels added, removed, moved, changed");
  sub->add_option("old", args->old_path, "The old dashboard (- for stdin)")->required();
  sub->add_option("new", args->new_path, "The new dashboard (- for stdin)")->required();
  sub->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->footer(
      "Ignores key order, id, version, iteration, pluginVersion, variables' current selection and datasource\n"
      "name-vs-uid churn. Exit codes: 0 same, 1 different, 2 usage or I/O error, or a file that is not a dashboard.");
  sub->callback([args, &ctx] { ctx.exit_code = run_diff(*args, ctx); });
}

}  // namespace mlmon::cli
