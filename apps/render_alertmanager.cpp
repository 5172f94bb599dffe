// mlmon render-alertmanager: expands ${VAR} and ${VAR:-default} (Alertmanager never does), writes
// the result atomically with mode 0600, then validates it like check-alertmanager. Values never
// appear in any message.
#include <sys/stat.h>

#include <filesystem>
#include <memory>

#include "alertmanager/env_render.hpp"
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
  TextStyle style;
  style.color = options.color == "always" || (options.color == "auto" && ctx.stdout_is_tty && &out == &ctx.out);
  render(report, parse_output_format(options.format).value_or(OutputFormat::Text), out, style);
  Severity threshold = Severity::Error;
  parse_severity(options.fail_on, threshold);
  return report.count(threshold) > 0 ? kExitFindings : kExitOk;
}

int run_render(const RenderArgs& args, Context& ctx) {
  auto text = read_file(args.template_path);
  if (!text) {
    ctx.err << "mlmon render-alertmanager: " << text.error().message << "\n";
    return kExitUsage;
  }
  const SourceFile template_source(args.template_path, std::move(*text));
  const alertmanager::RenderedTemplate rendered =
      alertmanager::render_env_template(template_source, alertmanager::process_environment());

  // With no -o the YAML goes to stdout, so the findings go to stderr.
  std::ostream& findings_out = args.output_path.empty() ? ctx.err : ctx.out;
  if (!rendered.ok()) {
    Report report;
    report.add_source(std::make_shared<SourceFile>(template_source));
    for (const Diagnostic& d : rendered.problems) report.add(d);
    render_findings(report, args.output, findings_out, ctx);
    ctx.err << "mlmon render-alertmanager: nothing written: " << report.count(Severity::Error)
            << (report.count(Severity::Error) == 1 ? " problem" : " problems") << " in " << args.template_path << "\n";
    return kExitFindings;
  }
  if (!args.output_path.empty()) {
    if (auto written = write_private(args.output_path, rendered.text); !written) {
      ctx.err << "mlmon render-alertmanager: " << written.error().message << "\n";
      return kExitUsage;
    }
  } else {
    ctx.out << rendered.text;
  }

  alertmanager::LoadOptions options;
  options.sensitive_ranges = rendered.expanded;
  const std::string shown_path = args.output_path.empty() ? std::string("<stdout>") : args.output_path;
  const alertmanager::LoadedConfig loaded =
      alertmanager::load_config(std::make_shared<SourceFile>(shown_path, rendered.text), options);
  Report report;
  report_alertmanager(loaded, !args.no_lint, report);
  const int code = render_findings(report, args.output, findings_out, ctx);
  if (!args.quiet && args.output.format == "text") {
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    ctx.err << (args.output_path.empty() ? std::string("rendered") : "wrote " + args.output_path) << " ("
            << rendered.expanded.size() << (rendered.expanded.size() == 1 ? " value" : " values")
            << " from the environment): " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
            << (warnings == 1 ? " warning\n" : " warnings\n");
  }
  return code;
}

}  // namespace

void setup_render_alertmanager(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RenderArgs>();
  auto* sub = app.add_subcommand(
      "render-alertmanager",
      "Expand ${VAR} and ${VAR:-default} in an Alertmanager config template, write it (mode 0600), validate it");
  sub->add_option("template", args->template_path, "Template file")->required();
  sub->add_option("-o,--output", args->output_path, "Rendered config (written atomically, mode 0600); default stdout");
  add_output_options(*sub, args->output);
  sub->add_flag("--no-lint", args->no_lint, "Only Alertmanager's own validations of the result");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->footer(
      "${VAR} is required (unset or empty is an error), ${VAR:-default} optional, $${ is a literal ${. Comments are "
      "left alone. Every missing variable is reported and nothing is written.\n"
      "Exit codes: 0 written and valid, 1 missing variables or problems in the result, 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_render(*args, ctx); });
}

}  // namespace mlmon::cli
