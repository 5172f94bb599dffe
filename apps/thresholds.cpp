#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/inputs.hpp"
#include "core/render.hpp"
#include "read_input.hpp"
#include "thresholds/inventory.hpp"
#include "thresholds/listing.hpp"
#include "workspace/selection.hpp"

namespace mlmon::cli {

namespace {

struct ThresholdsArgs {
  std::vector<std::string> paths;
  std::string format = "text";
};

int run_thresholds(const ThresholdsArgs& args, Context& ctx) {
  auto files =
      expand_input_files(args.paths.empty() ? std::vector<std::string>{"rules/"} : args.paths, {".yml", ".yaml"});
  if (!files) {
    ctx.err << "mlmon thresholds: " << files.error().message << "\n";
    return kExitUsage;
  }
  thresholds::Inventory inventory;
  Report report;
  for (const InputFile& file : *files) {
    auto text = read_input(file.path, ctx);
    if (!text) {
      ctx.err << "mlmon thresholds: " << text.error().message << "\n";
      return kExitUsage;
    }
    auto source = std::make_shared<SourceFile>(file.path, std::move(*text));
    // Test files and routing cases beside the rules hold no alerts; a dashboard named here is a mistake.
    const workspace::Selection selection =
        workspace::select_file(source, file.found_in_directory, {workspace::FileKind::RuleFile});
    if (selection.take == workspace::Take::Skip) continue;
    report.add_source(source);
    if (selection.take == workspace::Take::WrongKind) {
      report.add(workspace::wrong_kind(*source, selection.kind, "a rule file", "rules/not-a-rule-file"));
      continue;
    }
    inventory.add(source);
  }
  if (args.format == "json") {
    thresholds::render_json(inventory, ctx.out);
  } else {
    thresholds::render_table(inventory, ctx.out);
  }
  // Files that do not load are listed only as far as they decode; say why on stderr.
  for (const Diagnostic& d : inventory.problems) report.add(d);
  if (!report.empty()) render_text(report, ctx.err);
  return report.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void setup_thresholds(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ThresholdsArgs>();
  auto* sub = app.add_subcommand("thresholds", "List every alert's thresholds: comparison, value, for, severity");
  sub->add_option("paths", args->paths,
                  "Rule files or PrometheusRule manifests, directories, globs, - for stdin (default: rules/)");
  sub->add_option("--format", args->format, "Output format: text (a table) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->footer(
      "A threshold is the number on one side of an alert's top-level comparison (`expr > 0.5`, `0.5 < expr`),\n"
      "also through and/or/unless and parentheses; an alert with several lists each as NAME[INDEX].\n"
      "Exit codes: 0 listed, 1 a file has YAML or rule-file errors (on stderr), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_thresholds(*args, ctx); });
}

}  // namespace mlmon::cli
