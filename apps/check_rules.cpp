#include "rules/check_rules.hpp"

#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "read_input.hpp"
#include "workspace/parallel.hpp"
#include "workspace/project_check.hpp"
#include "workspace/selection.hpp"

namespace mlmon::cli {

namespace {

struct CheckRulesArgs {
  std::vector<std::string> paths;
  OutputOptions output;
  std::string config_path;
  std::vector<std::string> features;
  std::string name_validation = "utf8";
  bool ignore_unknown_fields = false;
  bool no_lint = false;
  bool quiet = false;
  bool verbose = false;
  bool skip_other_kinds = false;
  unsigned jobs = workspace::default_jobs();
};

int run_check_rules(const CheckRulesArgs& args, Context& ctx) {
  rules::CheckRulesOptions options;
  options.load.ignore_unknown_fields = args.ignore_unknown_fields;
  options.validate.names =
      args.name_validation == "legacy" ? rules::NameValidation::Legacy : rules::NameValidation::Utf8;
  options.lint = !args.no_lint;
  options.pipeline = args.jobs > 1;  // -j 1: one thread, for a big file too
  std::string unknown;
  auto features = promql::Features::from_flags(args.features, &unknown);
  if (!features) {
    ctx.err << "mlmon check-rules: unknown feature \"" << unknown
            << "\"; known: promql-experimental-functions, promql-duration-expr, promql-extended-range-selectors, "
               "promql-binop-fill-modifiers\n";
    return kExitUsage;
  }
  options.validate.features = *features;

  const std::string start = args.paths.empty() ? "." : args.paths.front();
  auto config = load_project_config("check-rules", args.config_path, start, args.output, ctx);
  if (!config) return kExitUsage;
  auto files = workspace::project_inputs(args.paths, {".yml", ".yaml"}, *config, ".", args.skip_other_kinds);
  if (!files) {
    ctx.err << "mlmon check-rules: " << files.error().message << "\n";
    return kExitUsage;
  }

  // Each file on a thread of its own (-j): results go to the file's slot and are reported in
  // input order, so the output does not depend on the number of threads.
  struct FileResult {
    Result<std::string> text = std::string();
    SourceFilePtr source;
    workspace::Selection selection;
    std::vector<Diagnostic> findings;
    std::size_t rules = 0;
  };
  std::vector<FileResult> results(files->size());
  for (std::size_t i = 0; i < files->size(); ++i) {
    if ((*files)[i].path == "-") results[i].text = read_input("-", ctx);  // standard input, here
  }
  workspace::parallel_for(files->size(), args.jobs, [&](std::size_t i) {
    const InputFile& file = (*files)[i];
    FileResult& result = results[i];
    if (file.path != "-") result.text = read_file(file.path);
    if (!result.text) return;
    result.source = std::make_shared<SourceFile>(file.path, std::move(*result.text));
    // Telling a rule file from other YAML reads it as the check does: both are done in one pass,
    // the check's findings dropped if the file turns out to be of another kind.
    workspace::StreamedGroups groups;
    rules::KindGate gate;
    gate.on_item = [&groups](const yaml::Node& item) { groups.see(item); };
    gate.proceed = [&](const yaml::Document* skeleton) {
      const std::initializer_list<workspace::FileKind> wanted = {workspace::FileKind::RuleFile};
      // Not streamed: classify as ever (it tries the streamed read, then the whole file).
      result.selection = skeleton != nullptr ? workspace::select_streamed(result.source, file.found_in_directory,
                                                                          wanted, skeleton, groups)
                                             : workspace::select_file(result.source, file.found_in_directory, wanted);
      return result.selection.take == workspace::Take::Check;
    };
    result.rules = rules::check_rule_source(result.source, options, *config, result.findings, gate);
  });

  Report report;
  bool io_failed = false;
  std::size_t rules = 0;
  std::size_t checked = 0;
  std::vector<workspace::SkippedFile> skipped;
  for (std::size_t i = 0; i < files->size(); ++i) {
    const InputFile& file = (*files)[i];
    FileResult& result = results[i];
    if (!result.text) {
      ctx.err << "mlmon check-rules: " << result.text.error().message << "\n";
      io_failed = true;
      continue;
    }
    if (result.selection.take == workspace::Take::Skip) {
      skipped.push_back({file.path, result.selection.kind});
      continue;
    }
    ++checked;
    report.add_source(result.source);
    if (result.selection.take == workspace::Take::WrongKind) {
      report.add(workspace::wrong_kind(*result.source, result.selection.kind, "a rule file", "rules/not-a-rule-file"));
      continue;
    }
    rules += result.rules;
    for (Diagnostic& d : result.findings) report.add(std::move(d));
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    if (args.verbose) {
      for (const auto& s : skipped) ctx.err << "skipped " << s.path << ": " << workspace::describe(s.kind) << "\n";
    }
    print_summary(report, plural(checked, "file") + ", " + plural(rules, "rule"), skipped.size(), args.verbose, ctx);
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_rules(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckRulesArgs>();
  auto* sub = app.add_subcommand("check-rules", "Validate Prometheus rule files as Prometheus does, plus lint policy");
  sub->add_option("paths", args->paths,
                  "Rule files, directories (recursive *.yml, *.yaml: the rule files among them), globs, or - for stdin")
      ->required();
  add_output_options(*sub, args->output);
  sub->add_option("--config", args->config_path,
                  "Project config (default: .mlmon.yml found walking up from the first path)");
  sub->add_option("--enable-feature", args->features,
                  "PromQL features, as Prometheus's flag: promql-experimental-functions, promql-duration-expr, "
                  "promql-extended-range-selectors, promql-binop-fill-modifiers")
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("--name-validation", args->name_validation,
                  "Label and metric name rules: utf8 (Prometheus 3) or legacy")
      ->check(CLI::IsMember({"utf8", "legacy"}))
      ->capture_default_str();
  sub->add_flag("--ignore-unknown-fields", args->ignore_unknown_fields,
                "Accept fields Prometheus does not know (as promtool's flag)");
  sub->add_flag("--no-lint", args->no_lint, "Only Prometheus's own validations, no policy checks");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->add_flag("--skip-other-kinds", args->skip_other_kinds,
                "Skip named files of another kind (and ignore: ones) as if found in a directory: for pre-commit");
  sub->add_flag("-v,--verbose", args->verbose, "List the files found in directories that are not rule files");
  sub->add_option("-j,--jobs", args->jobs,
                  "Threads (default: the number of cores): files checked at once, and a big file read on one while "
                  "checked on another; the output is the same")
      ->check(CLI::Range(1, 1024));
  sub->footer("Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_rules(*args, ctx); });
}

}  // namespace mlmon::cli
