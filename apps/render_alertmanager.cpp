// mlmon render-alertmanager: expands ${VAR} and ${VAR:-default} (Alertmanager never does), validates
// the result like check-alertmanager and only then writes it, atomically with mode 0600. Values
// never appear in any message.
#include <sys/stat.h>

#include <filesystem>
#include <memory>

#include "alertmanager/env_render.hpp"
#include "alertmanager/template_check.hpp"
#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/render.hpp"
#include "output_options.hpp"

namespace mlmon::cli {

namespace {

struct RenderArgs {
  std::string template_path;
  std::string output_path;
  OutputOptions output;
  bool no_lint = false;
  bool quiet = false;
};

// The rendered file holds secrets: never leave it readable by group or others, even when it
// replaces an older file with wider permissions.
Result<void> write_private(const std::string& path, const std::string& text) {
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
    if (::chmod(path.c_str(), st.st_mode & 0700) != 0) return fail(path + ": cannot restrict its permissions to 0600");
  }
  return write_file_atomic(path, text, 0600);
}

// finish_report, to a chosen stream.
int render_findings(const Report& report, const OutputOptions& options, std::ostream& out, const Context& ctx) {
  RenderOptions render_with = render_options(options, ctx);
  render_with.style.color = render_with.style.color && (options.color == "always" || &out == &ctx.out);
  render(report, parse_output_format(options.format).value_or(OutputFormat::Text), out, render_with);
  return report.count(render_with.fail_on) > 0 ? kExitFindings : kExitOk;
}

int run_render(const RenderArgs& args, Context& ctx) {
  auto text = read_file(args.template_path);
  if (!text) {
    ctx.err << "mlmon render-alertmanager: " << text.error().message << "\n";
    return kExitUsage;
  }
  const auto template_source = std::make_shared<SourceFile>(args.template_path, std::move(*text));
  AlertmanagerInput input;
  if (const workspace::Selection selection = select_config(template_source, false);
      selection.take == workspace::Take::WrongKind) {
    input.wrong_kind =
        workspace::wrong_kind(*template_source, selection.kind, "an Alertmanager config template", kRuleNotAConfig);
  } else {
    input.from_template =
        alertmanager::render_template_for_check(template_source, alertmanager::TemplateValues::Environment);
    input.loaded = std::move(input.from_template->loaded);
    input.from_template->loaded.reset();
  }

  // With no -o the YAML goes to stdout, so the findings go to stderr.
  std::ostream& findings_out = args.output_path.empty() ? ctx.err : ctx.out;
  Report report;
  input.report(!args.no_lint, report);
  const int code = render_findings(report, args.output, findings_out, ctx);
  const std::size_t errors = report.count(Severity::Error);
  const std::size_t warnings = report.count(Severity::Warning) - errors;
  if (!input.loaded) {
    ctx.err << "mlmon render-alertmanager: nothing written: " << plural(errors, "problem") << " in "
            << args.template_path << "\n";
    return kExitFindings;
  }
  // A config that fails validation is never written: aimed at a live path, the next restart of
  // Alertmanager would load it.
  if (code != kExitOk) {
    ctx.err << "mlmon render-alertmanager: nothing written: " << plural(errors, "error") << ", "
            << plural(warnings, "warning") << " in the config rendered from " << args.template_path
            << (errors == 0 ? " (--fail-on " + args.output.fail_on + ")" : std::string()) << "\n";
    return code;
  }
  const std::string rendered = alertmanager::rendered_header(args.template_path) + input.from_template->rendered.text;
  if (!args.output_path.empty()) {
    if (auto written = write_private(args.output_path, rendered); !written) {
      ctx.err << "mlmon render-alertmanager: " << written.error().message << "\n";
      return kExitUsage;
    }
  } else {
    ctx.out << rendered;
  }
  if (!args.quiet && args.output.format == "text") {
    ctx.err << (args.output_path.empty() ? std::string("rendered") : "wrote " + args.output_path) << " ("
            << input.from_template->values_summary() << "): " << plural(errors, "error") << ", "
            << plural(warnings, "warning") << "\n";
  }
  return kExitOk;
}

}  // namespace

void setup_render_alertmanager(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RenderArgs>();
  auto* sub = app.add_subcommand(
      "render-alertmanager",
      "Expand ${VAR} and ${VAR:-default} in an Alertmanager config template, validate it, write it (mode 0600)");
  sub->add_option("template", args->template_path, "Template file")->required();
  sub->add_option("-o,--output", args->output_path, "Rendered config (written atomically, mode 0600); default stdout");
  add_output_options(*sub, args->output);
  sub->add_flag("--no-lint", args->no_lint, "Only Alertmanager's own validations of the result");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->footer(
      "${VAR} is required (unset or empty is an error), ${VAR:-default} optional, $${ is a literal ${. Comments are "
      "left alone. Every missing variable is reported and nothing is written. A result with errors (or findings at "
      "--fail-on) is not written either; findings are reported at their place in the template.\n"
      "Exit codes: 0 written and valid, 1 nothing written: missing variables or problems in the result, 2 usage or I/O "
      "error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_render(*args, ctx); });
}

}  // namespace mlmon::cli
