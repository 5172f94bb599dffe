#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "ruletest/coverage.hpp"
#include "ruletest/findings.hpp"
#include "ruletest/junit.hpp"
#include "ruletest/promtool_output.hpp"
#include "ruletest/report.hpp"
#include "ruletest/runner.hpp"
#include "workspace/project_check.hpp"
#include "workspace/selection.hpp"

namespace mlmon::cli {

namespace {

struct TestRulesArgs {
  std::vector<std::string> paths;
  std::vector<std::string> run;
  std::vector<std::string> features;
  std::string junit;
  std::string format = "promtool";
  std::string config_path;
  bool diff = false;
  bool ignore_unknown_fields = false;
  bool compat = false;
  bool coverage = false;
  double min_coverage = -1;
  unsigned jobs = 0;
};

// promtool's --enable-feature values for `test rules`; anything else is a usage error.
bool apply_features(const std::vector<std::string>& values, ruletest::RunOptions& options, std::string& unknown) {
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string name = value.substr(start, comma - start);
      start = comma + 1;
      if (name.empty()) continue;
      if (name == "promql-experimental-functions") {
        options.features.experimental_functions = true;
      } else if (name == "promql-delayed-name-removal") {
        options.delayed_name_removal = true;
      } else if (name == "promql-extended-range-selectors") {
        options.features.extended_range_selectors = true;
      } else if (name == "promql-binop-fill-modifiers") {
        options.features.binop_fill_modifiers = true;
      } else if (name != "promql-duration-expr") {  // always on in Prometheus 3.14
        unknown = name;
        return false;
      }
    }
  }
  return true;
}

// The test files: named ones always; in directories, those that hold promtool tests.
std::optional<std::vector<std::string>> test_files(const TestRulesArgs& args, const project::Config& config,
                                                   Context& ctx) {
  auto inputs = workspace::project_inputs(args.paths, {".yml", ".yaml"}, config, ".");
  if (!inputs) {
    ctx.err << "mlmon test-rules: " << inputs.error().message << "\n";
    return std::nullopt;
  }
  std::vector<std::string> files;
  for (const InputFile& input : *inputs) {
    if (input.path == "-") {
      ctx.err << "mlmon test-rules: a test file names its rule files relative to itself: give a path, not -\n";
      return std::nullopt;
    }
    if (input.found_in_directory) {
      auto text = read_file(input.path);
      if (!text) {
        ctx.err << "mlmon test-rules: " << text.error().message << "\n";
        return std::nullopt;
      }
      auto source = std::make_shared<SourceFile>(input.path, std::move(*text));
      if (workspace::select_file(source, true, {workspace::FileKind::RuleTests}).take != workspace::Take::Check)
        continue;
    }
    files.push_back(input.path);
  }
  if (files.empty()) {
    ctx.err << "mlmon test-rules: no promtool test file (rule_files: and tests:) under";
    for (const std::string& p : args.paths) ctx.err << " " << p;
    ctx.err << "\n";
    return std::nullopt;
  }
  return files;
}

// Runs the files on `jobs` threads; results stay in file order.
std::vector<ruletest::FileResult> run_all(const std::vector<std::string>& files, const ruletest::RunOptions& options,
                                          unsigned jobs) {
  std::vector<ruletest::FileResult> results(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) results[i] = ruletest::run_test_file(files[i], options);
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return results;
}

int run_test_rules(const TestRulesArgs& args, Context& ctx) {
  ruletest::RunOptions options;
  options.ignore_unknown_fields = args.ignore_unknown_fields;
  options.compat = args.compat;
  options.diff = args.diff;
  std::string unknown;
  if (!apply_features(args.features, options, unknown)) {
    ctx.err << "mlmon test-rules: unknown feature \"" << unknown
            << "\"; known: promql-experimental-functions, promql-delayed-name-removal, "
               "promql-extended-range-selectors, promql-binop-fill-modifiers, promql-duration-expr\n";
    return kExitUsage;
  }
  if (!args.run.empty()) {
    auto run = ruletest::compile_run_filter(args.run);
    if (!run) {
      ctx.err << "mlmon test-rules: --run: " << run.error() << "\n";
      return kExitUsage;
    }
    options.run = std::move(*run);
  }
  OutputOptions output;
  auto config = load_project_config("test-rules", args.config_path, args.paths.front(), output, ctx);
  if (!config) return kExitUsage;
  auto files = test_files(args, *config, ctx);
  if (!files) return kExitUsage;

  const unsigned jobs = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  // Threads left over when there are fewer files than jobs run a file's test groups at once.
  options.group_jobs =
      std::max(1u, jobs / std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(files->size()))));
  const std::vector<ruletest::FileResult> results = run_all(*files, options, jobs);

  bool failed = false;
  for (const ruletest::FileResult& r : results) failed = failed || !r.passed();
  std::optional<ruletest::Coverage> coverage;
  if (args.coverage || args.min_coverage >= 0) coverage = ruletest::aggregate_coverage(results);

  if (args.format == "json") {
    ctx.out << ruletest::json_report(results, coverage)
                   .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
  } else if (args.format == "text") {
    ctx.out << ruletest::text_report(results);
  } else if (args.format == "junit") {
    ctx.out << ruletest::junit_xml(results);  // promtool's: a testcase per test group
  } else if (args.format != "promtool") {
    // github, sarif, codeclimate: each failure as a finding at its place, as `mlmon check` reports it.
    Report report;
    for (const ruletest::FileResult& r : results) {
      for (Diagnostic& d : ruletest::findings(r)) report.add(std::move(d));
    }
    OutputOptions as;
    as.format = args.format;
    finish_report(report, as, ctx);
  } else {
    for (const ruletest::FileResult& r : results) {
      std::string out, err;
      ruletest::write_promtool(r, out, err);
      ctx.err << err;
      ctx.out << out;
    }
  }
  if (coverage && args.format != "json" && args.coverage) ctx.out << ruletest::coverage_text(*coverage);
  if (coverage && args.min_coverage >= 0 && coverage->percent() < args.min_coverage) {
    ctx.err << fmt::format("mlmon test-rules: rule coverage {:.1f}% is below --min-coverage {}%\n", coverage->percent(),
                           args.min_coverage);
    failed = true;
  }
  if (!args.junit.empty()) {
    std::ofstream junit(args.junit, std::ios::binary | std::ios::trunc);
    junit << ruletest::junit_xml(results);
    if (!junit.good()) {
      ctx.err << "mlmon test-rules: cannot write the JUnit report to " << args.junit << "\n";
      return kExitUsage;
    }
  }
  return failed ? kExitFindings : kExitOk;
}

}  // namespace

void setup_test_rules(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<TestRulesArgs>();
  auto* sub =
      app.add_subcommand("test-rules", "Run promtool's rule unit tests (promtool test rules) on mlmon's PromQL engine");
  sub->add_option("paths", args->paths,
                  "Test files, directories (the promtool test files among their *.yml, *.yaml) or globs")
      ->required();
  sub->add_option("--run", args->run,
                  "Only test groups whose name matches this regular expression (repeatable; any may match)");
  sub->add_option("--junit", args->junit, "Also write promtool's JUnit XML report to this file");
  sub->add_flag("--diff", args->diff, "Alert failures as promtool's coloured JSON diff");
  sub->add_option("--enable-feature", args->features,
                  "promtool's features: promql-experimental-functions, promql-delayed-name-removal, "
                  "promql-extended-range-selectors, promql-binop-fill-modifiers")
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_flag("--ignore-unknown-fields", args->ignore_unknown_fields,
                "Accept fields Prometheus does not know in the rule files (as promtool's flag)");
  sub->add_option("--format", args->format,
                  "promtool (its output, byte for byte), text (each failure at file:line:col with what differs), "
                  "json (one object per test group), junit (promtool's JUnit XML), or github, sarif, codeclimate "
                  "(each failure as a finding at its place)")
      ->check(CLI::IsMember({"promtool", "text", "json", "junit", "github", "sarif", "codeclimate"}))
      ->capture_default_str();
  sub->add_flag("--compat", args->compat,
                "Pass what promtool passes: an unknown alertname expecting no alerts, a rule_files pattern "
                "matching nothing, an eval_time after all input expecting nothing");
  sub->add_flag("--coverage", args->coverage, "Print which rules of the loaded rule files no test asserted");
  sub->add_option("--min-coverage", args->min_coverage,
                  "Fail when fewer than this percentage of the rules are asserted")
      ->check(CLI::Range(0.0, 100.0));
  sub->add_option("-j,--jobs", args->jobs, "Test files run at once (default: the number of cores)")
      ->check(CLI::Range(1u, 1024u));
  sub->add_option("--config", args->config_path,
                  "Project config (default: .mlmon.yml found walking up from the first path)");
  sub->footer(
      "Exit codes: 0 every test passed, 1 a test failed (or coverage below --min-coverage), "
      "2 usage error (bad flag, no such file, unreadable input).");
  sub->callback([args, &ctx] { ctx.exit_code = run_test_rules(*args, ctx); });
}

}  // namespace mlmon::cli
