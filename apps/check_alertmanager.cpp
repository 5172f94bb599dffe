// mlmon check-alertmanager: every validation Alertmanager makes, all at once with positions, plus
// mlmon's warnings (missing files, unused receivers, shadowed routes, inhibit rules that never
// fire, plain-text secrets, unexpanded ${VARS}).
#include <memory>

#include "alertmanager/crosscheck.hpp"
#include "alertmanager/templates.hpp"
#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "output_options.hpp"
#include "rules/loader.hpp"

namespace mlmon::cli {

namespace {

struct CheckAlertmanagerArgs {
  std::vector<std::string> configs;
  std::vector<std::string> rules;
  OutputOptions output;
  bool no_lint = false;
  bool amtool = false;
  bool quiet = false;
};

// `amtool check-config`'s own output: "Checking 'f'  SUCCESS" with the Found: summary, or
// "  FAILED: <the one error Alertmanager reports>".
int run_amtool_style(const CheckAlertmanagerArgs& args, Context& ctx) {
  int failed = 0;
  bool io_failed = false;
  for (const std::string& path : args.configs) {
    auto loaded = load_alertmanager_file(path, "check-alertmanager", ctx);
    if (!loaded) {
      io_failed = true;
      continue;
    }
    ctx.out << "Checking '" << path << "'";
    const std::string error = loaded->amtool_error();
    if (!error.empty()) {
      ctx.out << "  FAILED: " << error << "\n\n";
      ++failed;
      continue;
    }
    const alertmanager::Config& c = loaded->config;
    ctx.out << "  SUCCESS\nFound:\n - global config\n - route\n - " << c.inhibit_rules.size() << " inhibit rules\n - "
            << c.receivers.size() << " receivers\n - " << c.templates.size() << " templates\n";
    if (!c.templates.empty()) {
      const std::vector<Diagnostic> errors = alertmanager::check_template_files(*loaded, config_directory(*loaded));
      if (errors.empty()) {
        ctx.out << "  SUCCESS\n";
      } else {
        ctx.out << "  FAILED: " << errors.front().message << "\n";
        ++failed;
      }
    }
    ctx.out << "\n";
  }
  if (failed > 0) ctx.err << "mlmon check-alertmanager: failed to validate " << failed << " file(s)\n";
  return io_failed ? kExitUsage : failed > 0 ? kExitFindings : kExitOk;
}

// The alerting rules of rule files, as routing sees them: name, static labels (group labels
// first, the rule's own win), templated labels set aside, position of `alert:`.
bool read_alert_rules(const std::vector<std::string>& paths, std::vector<alertmanager::AlertRuleRef>& alerts,
                      Report& report, Context& ctx) {
  auto files = expand_inputs(paths, {".yml", ".yaml"});
  if (!files) {
    ctx.err << "mlmon check-alertmanager: " << files.error().message << "\n";
    return false;
  }
  bool ok = true;
  for (const std::string& path : *files) {
    auto text = read_file(path);
    if (!text) {
      ctx.err << "mlmon check-alertmanager: " << text.error().message << "\n";
      ok = false;
      continue;
    }
    auto source = std::make_shared<SourceFile>(path, std::move(*text));
    report.add_source(source);
    std::vector<Diagnostic> problems;
    const rules::RuleFile file =
        rules::decode_rule_file(rules::load_rule_documents(source), rules::LoadOptions{}, problems);
    if (file.groups.empty() && !problems.empty()) {
      ctx.err << "mlmon check-alertmanager: " << path << " is not a rule file (see mlmon check-rules); skipped\n";
      continue;
    }
    for (const rules::Group& group : file.groups) {
      for (const rules::Rule& rule : group.rules) {
        if (!rule.is_alert() || rule.name.empty()) continue;
        alertmanager::AlertRuleRef ref;
        ref.name = rule.name;
        ref.file = path;
        ref.pos = (rule.alert != nullptr ? rule.alert : rule.node)->pos;
        for (const yaml::Node* labels : {group.labels, rule.labels}) {
          if (labels == nullptr || !labels->is_map()) continue;
          for (const yaml::Entry& e : labels->entries) {
            if (!e.key->is_scalar() || !e.value->is_scalar()) continue;
            if (e.value->value.find("{{") != std::string::npos) {
              ref.templated_labels.push_back(e.key->value);
              ref.labels.erase(e.key->value);
            } else {
              ref.labels[e.key->value] = e.value->value;
              std::erase(ref.templated_labels, e.key->value);
            }
          }
        }
        alerts.push_back(std::move(ref));
      }
    }
  }
  return ok;
}

int run_check_alertmanager(const CheckAlertmanagerArgs& args, Context& ctx) {
  if (args.amtool) return run_amtool_style(args, ctx);
  Report report;
  bool io_failed = false;
  std::vector<alertmanager::AlertRuleRef> alerts;
  if (!args.rules.empty() && !read_alert_rules(args.rules, alerts, report, ctx)) io_failed = true;
  for (const std::string& path : args.configs) {
    auto loaded = load_alertmanager_file(path, "check-alertmanager", ctx);
    if (!loaded) {
      io_failed = true;
      continue;
    }
    report_alertmanager(*loaded, !args.no_lint, report);
    if (!args.rules.empty() && !loaded->has_errors()) {
      for (Diagnostic& d : alertmanager::crosscheck_alert_routing(loaded->config, alerts)) report.add(std::move(d));
    }
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    ctx.err << args.configs.size() << (args.configs.size() == 1 ? " file" : " files") << " checked: " << errors
            << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_alertmanager(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckAlertmanagerArgs>();
  auto* sub = app.add_subcommand("check-alertmanager",
                                 "Validate Alertmanager configs as Alertmanager does (every problem at once), plus lints");
  sub->add_option("configs", args->configs, "Alertmanager config files")->required();
  add_output_options(*sub, args->output);
  sub->add_option("--rules", args->rules,
                  "Rule files or directories: route each alerting rule's static labels and warn about alerts that "
                  "reach no notifying receiver, or only the root default");
  sub->add_flag("--no-lint", args->no_lint, "Only Alertmanager's own validations, no mlmon warnings");
  sub->add_flag("--amtool", args->amtool, "Print what `amtool check-config` prints (one error per file)");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->footer("Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_alertmanager(*args, ctx); });
}

}  // namespace mlmon::cli
