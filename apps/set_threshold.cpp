#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "core/render.hpp"
#include "promql/duration.hpp"
#include "promql/go_format.hpp"
#include "thresholds/inventory.hpp"
#include "thresholds/plan.hpp"
#include "thresholds/unified_diff.hpp"
#include "thresholds/values_file.hpp"
#include "thresholds/write_files.hpp"

namespace mlmon::cli {

namespace {

struct SetThresholdArgs {
  std::string alert;
  std::string value;
  std::vector<std::string> paths;
  std::string for_text;
  std::string group;
  std::string resource;
  std::string file;
  std::vector<std::string> labels;
  int index = -1;
  std::string values_file;
  bool dry_run = false;
  bool check = false;
};

constexpr std::string_view kPrefix = "mlmon set-threshold: ";

// Turns the positional arguments into requests: ALERT VALUE [PATHS...], or with --for also
// ALERT [PATHS...], or with --values only PATHS.
Result<std::vector<thresholds::Request>> build_requests(const SetThresholdArgs& args, std::vector<std::string>& paths) {
  std::vector<std::string> positionals;
  for (const std::string* p : {&args.alert, &args.value}) {
    if (!p->empty()) positionals.push_back(*p);
  }
  positionals.insert(positionals.end(), args.paths.begin(), args.paths.end());

  thresholds::Selector selector;
  selector.group = args.group;
  selector.resource = args.resource;
  selector.file = args.file;
  for (const std::string& label : args.labels) {
    const std::size_t eq = label.find('=');
    if (eq == std::string::npos || eq == 0) return fail("invalid --label \"" + label + "\": expected NAME=VALUE");
    selector.labels.emplace_back(label.substr(0, eq), label.substr(eq + 1));
  }
  std::optional<std::string> for_text;
  if (!args.for_text.empty()) {
    if (auto ms = promql::parse_duration_ms(args.for_text); !ms) {
      return fail("invalid --for " + promql::go::quote(args.for_text) + ": " + ms.error().message);
    }
    for_text = args.for_text;
  }

  if (!args.values_file.empty()) {
    if (args.index >= 0) return fail("--index cannot be combined with --values (give `index:` in the values file)");
    if (for_text) return fail("--for cannot be combined with --values (give `for:` in the values file)");
    paths = positionals;
    auto text = read_file(args.values_file);
    if (!text) return fail(text.error().message);
    auto requests =
        MLMON_TRY(thresholds::parse_values_file(std::make_shared<SourceFile>(args.values_file, std::move(*text))));
    for (auto& request : requests) {
      if (!selector.group.empty() && request.selector.group.empty()) request.selector.group = selector.group;
      if (!selector.resource.empty() && request.selector.resource.empty())
        request.selector.resource = selector.resource;
      if (!selector.file.empty() && request.selector.file.empty()) request.selector.file = selector.file;
      request.selector.labels.insert(request.selector.labels.begin(), selector.labels.begin(), selector.labels.end());
    }
    return requests;
  }

  if (positionals.empty()) return fail("give ALERT and VALUE (or --values FILE)");
  thresholds::Request request;
  request.selector = selector;
  request.selector.alert = positionals.front();
  if (args.index >= 0) request.selector.index = static_cast<std::size_t>(args.index);
  request.for_text = for_text;
  std::size_t first_path = 1;
  if (positionals.size() > 1) {
    auto value = thresholds::parse_number_value(positionals[1]);
    std::error_code ec;
    if (value) {
      request.value = std::move(*value);
      first_path = 2;
    } else if (!for_text) {
      return fail(value.error().message);
    } else if (!std::filesystem::exists(positionals[1], ec) &&
               positionals[1].find_first_of("*?[") == std::string::npos) {
      // With --for, VALUE may be left out; this is neither a number nor a path.
      return fail(value.error().message + " (and it is not a path either)");
    }
  }
  if (!request.value && !for_text) return fail("give VALUE (or --for DURATION)");
  paths.assign(positionals.begin() + static_cast<std::ptrdiff_t>(first_path), positionals.end());
  return std::vector<thresholds::Request>{std::move(request)};
}

int run_set_threshold(const SetThresholdArgs& args, Context& ctx) {
  std::vector<std::string> paths;
  auto requests = build_requests(args, paths);
  if (!requests) {
    ctx.err << kPrefix << requests.error().message << "\n";
    return kExitUsage;
  }
  if (paths.empty()) paths.push_back(args.file.empty() ? "rules/" : args.file);
  auto files = expand_inputs(paths, {".yml", ".yaml"});
  if (!files) {
    ctx.err << kPrefix << files.error().message << "\n";
    return kExitUsage;
  }

  thresholds::Inventory inventory;
  for (const std::string& path : *files) {
    if (path == "-") {
      ctx.err << kPrefix << "files are edited in place, so standard input (-) cannot be used\n";
      return kExitUsage;
    }
    auto text = read_file(path);
    if (!text) {
      ctx.err << kPrefix << text.error().message << "\n";
      return kExitUsage;
    }
    inventory.add(std::make_shared<SourceFile>(path, std::move(*text)));
  }
  // A file that is not valid YAML may hold the alert too: refuse rather than guess, unless
  // --file points elsewhere.
  Report broken;
  for (const auto& file : inventory.files) {
    if (file->yaml_ok || (!args.file.empty() && !thresholds::same_file(file->path(), args.file))) continue;
    broken.add_source(file->source);
    for (const Diagnostic& d : inventory.problems) {
      if (d.file == file->path() && d.severity == Severity::Error) broken.add(d);
    }
  }
  if (!broken.empty()) {
    render_text(broken, ctx.err);
    ctx.err << kPrefix << "fix the YAML errors above first (or pick the file with --file)\n";
    return kExitUsage;
  }

  const thresholds::Plan plan = thresholds::plan_requests(inventory, *requests);
  if (!plan.errors.empty()) {
    for (const std::string& error : plan.errors) ctx.err << kPrefix << error << "\n";
    ctx.err << kPrefix << "nothing was written\n";
    return kExitUsage;
  }

  std::vector<thresholds::FileWrite> writes;
  for (const thresholds::PlannedFile& file : plan.files) {
    if (file.changed()) writes.push_back({file.file->path(), file.file->source->text(), file.new_text});
  }
  const bool write = !args.dry_run && !args.check;
  if (args.dry_run) {
    for (const thresholds::PlannedFile& file : plan.files) {
      ctx.out << thresholds::unified_diff(file.file->source->text(), file.new_text, file.file->path());
    }
  }
  if (write && !writes.empty()) {
    const auto problems = thresholds::write_files(writes);
    if (!problems.empty()) {
      for (const std::string& problem : problems) ctx.err << kPrefix << problem << "\n";
      return kExitUsage;
    }
  }
  // With --dry-run the diff is the output; what needs no change is said on stderr.
  for (const thresholds::PlannedFile& file : plan.files) {
    if (!args.dry_run) {
      for (const std::string& note : file.notes) ctx.out << (write ? "" : "would change: ") << note << "\n";
    }
    for (const std::string& note : file.unchanged) (args.dry_run ? ctx.err : ctx.out) << note << "\n";
  }
  return args.check && !writes.empty() ? kExitFindings : kExitOk;
}

}  // namespace

void setup_set_threshold(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SetThresholdArgs>();
  auto* sub = app.add_subcommand("set-threshold", "Change an alert's threshold (and for:) in place, byte-exact");
  sub->add_option("ALERT", args->alert, "Alert name");
  sub->add_option("VALUE", args->value,
                  "New threshold, a PromQL number: 0.25, 1e5, 100000 (may be left out with --for)");
  sub->add_option("PATHS", args->paths, "Rule files or PrometheusRule manifests, directories, globs (default: rules/)");
  sub->add_option("--for", args->for_text,
                  "Also (or only) set the alert's for: duration, e.g. 10m; added after expr if absent");
  sub->add_option("--group", args->group, "Only the alert in this rule group");
  sub->add_option("--resource", args->resource,
                  "Only the alert in the PrometheusRule with this metadata.name (manifests with several)");
  sub->add_option("--file", args->file, "Only the alert in this file (searched alone when no PATHS are given)");
  sub->add_option("--label", args->labels, "Only the alert with this label value, NAME=VALUE (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--index", args->index,
                  "Which threshold, when the alert has several (0, 1, ... as `mlmon thresholds` lists)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--values", args->values_file,
                  "Apply a YAML map {Alert: VALUE} or {Alert: {value, for, index}} to all files, all or nothing");
  sub->add_flag("--dry-run", args->dry_run, "Print a unified diff of the change; write nothing");
  sub->add_flag("--check", args->check, "Write nothing; exit 1 if a file would change (for CI drift checks)");
  sub->footer(
      "Only the number's bytes change (and the for: value's): comments, quoting, indentation, anchors and line\n"
      "endings stay as they are. The edited file is parsed and checked again before it is written atomically.\n"
      "Exit codes: 0 done (or nothing to change), 1 with --check: a file would change, 2 usage error, unknown or\n"
      "ambiguous alert, invalid value, a file that cannot be written (nothing is written then).");
  sub->callback([args, &ctx] { ctx.exit_code = run_set_threshold(*args, ctx); });
}

}  // namespace mlmon::cli
