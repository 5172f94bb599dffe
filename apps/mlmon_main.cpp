#include "mlmon_main.hpp"

#include <unistd.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/closest_names.hpp"
#include "core/exit_codes.hpp"
#include "debug_yaml.hpp"
#include "examples.hpp"

namespace mlmon::cli {

namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes: 0 clean (warnings allowed), 1 problems found (or differences),\n"
    "2 usage error, unreadable input, I/O or network failure, 70 internal error (a bug: please report it).";

// The deepest subcommand the command line got to (CLI11 keeps it after a parse error).
const CLI::App* deepest_subcommand(const CLI::App& app) {
  const CLI::App* sub = &app;
  while (!sub->get_subcommands().empty()) sub = sub->get_subcommands().front();
  return sub;
}

const CLI::App* subcommand_named(const CLI::App& parent, std::string_view name) {
  for (const CLI::App* sub : parent.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// "did you mean" for a word that is not a command of `parent`, or "" when nothing is close.
std::string closest_command(const CLI::App& parent, std::string_view word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : parent.get_subcommands({})) names.push_back(sub->get_name());
  const auto close = closest_names(word, names, 1);
  return close.empty() ? std::string() : close.front();
}

// The flag the user probably meant by `given` (`--formt`), among those of `sub`.
std::string closest_flag(const CLI::App& sub, std::string_view given) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : sub.get_options()) {
    for (const std::string& name : opt->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : opt->get_snames()) names.push_back("-" + name);
  }
  const std::string flag(given.substr(0, given.find('=')));
  const auto close = closest_names(flag, names, 1);
  return close.empty() ? std::string() : close.front();
}

// The words of an ExtrasError ("The following arguments were not expected: --formt json").
std::vector<std::string> unexpected_words(const std::string& message) {
  std::vector<std::string> words;
  const auto colon = message.find(": ");
  if (colon == std::string::npos) return words;
  std::string rest = message.substr(colon + 2);
  for (std::size_t start = 0; start < rest.size();) {
    const auto space = rest.find(' ', start);
    words.push_back(rest.substr(start, space == std::string::npos ? std::string::npos : space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return words;
}

// `mlmon help [COMMAND...]`: the help of mlmon or of that command.
int print_help(const CLI::App& app, const std::vector<std::string>& words, Context& ctx) {
  const CLI::App* sub = &app;
  for (const std::string& word : words) {
    const CLI::App* next = subcommand_named(*sub, word);
    if (next == nullptr) {
      ctx.err << "mlmon help: unknown command \"" << word << "\"";
      if (const std::string close = closest_command(*sub, word); !close.empty()) {
        ctx.err << "; did you mean \"" << close << "\"?";
      }
      ctx.err << "\nRun 'mlmon --help' for the commands.\n";
      return kExitUsage;
    }
    sub = next;
  }
  // App::help() would follow the subcommands parsed so far, which include `help` itself.
  ctx.out << sub->get_formatter()->make_help(sub, sub == &app ? "mlmon" : "mlmon " + command_path(sub),
                                             CLI::AppFormatMode::Normal);
  return kExitOk;
}

}  // namespace

int mlmon_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::istream& in) {
  Context ctx{out, err, in};
  ctx.stdout_is_tty = (&out == &std::cout) && ::isatty(STDOUT_FILENO) != 0;

  CLI::App app{"mlmon: monitoring-as-code for Prometheus rules, Alertmanager and Grafana dashboards", "mlmon"};
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);
  app.fallthrough(false);
  app.add_flag("-V,--version")->description("Print mlmon's version and exit");  // handled before parsing
  app.add_flag("--debug-yaml")  // handled before parsing, as the first word
      ->description("Before the command: list on stderr each YAML file read by yaml-cpp's slower path, and why");

  // Every subcommand, in the order --help lists them.
  setup_check(app, ctx);
  setup_checks(app, ctx);
  setup_check_alertmanager(app, ctx);
  setup_check_dashboards(app, ctx);
  setup_check_rules(app, ctx);
  setup_diff(app, ctx);
  setup_doctor(app, ctx);
  setup_export_dashboard(app, ctx);
  setup_import_dashboard(app, ctx);
  setup_promql(app, ctx);
  setup_render_alertmanager(app, ctx);
  setup_routes(app, ctx);
  setup_set_threshold(app, ctx);
  setup_test_rules(app, ctx);
  setup_thresholds(app, ctx);
  setup_version(app, ctx);
  auto help_words = std::make_shared<std::vector<std::string>>();
  auto* help = app.add_subcommand("help", "Show the help of mlmon or of a command: mlmon help routes test");
  help->add_option("command", *help_words, "A command (and its subcommand)");
  help->callback([&app, help_words, &ctx] { ctx.exit_code = print_help(app, *help_words, ctx); });
  setup_completion(app, ctx);
  setup_man(app, ctx);
  add_examples_to_help(app);

  // What CLI11 cannot say well: no command at all, the version flag, and a misspelt command ("A
  // subcommand is required" would not name it).
  if (argc < 2) {
    err << app.help();
    return kExitUsage;
  }
  std::vector<const char*> args(argv, argv + argc);
  SlowPathReport slow_path_report(err);
  if (std::string_view(argv[1]) == "--debug-yaml") {
    slow_path_report.start();
    args.erase(args.begin() + 1);
    argc = static_cast<int>(args.size());
    argv = args.data();
    if (argc < 2) {
      err << app.help();
      return kExitUsage;
    }
  }
  if (argc >= 2) {
    const std::string_view first = argv[1];
    if (first == "--version" || first == "-V") {
      out << version_line() << "\n";
      return kExitOk;
    }
  }
  // Walk the command words: one that should name a (sub)command and names none is a typo.
  const CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word.starts_with("-") || current->get_subcommands({}).empty()) break;
    const CLI::App* next = subcommand_named(*current, word);
    if (next == nullptr) {
      const std::string where = command_path(current);
      err << "mlmon" << (where.empty() ? "" : " " + where) << ": unknown command \"" << word << "\"";
      if (const std::string close = closest_command(*current, word); !close.empty()) {
        err << "; did you mean \"" << close << "\"?";
      }
      err << "\nRun 'mlmon " << (where.empty() ? "" : where + " ") << "--help' for the commands.\n";
      return kExitUsage;
    }
    current = next;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    const CLI::App* sub = deepest_subcommand(app);
    // A subcommand's own --help arrives here as CallForHelp from the subcommand.
    if (e.get_exit_code() == 0) {
      out << sub->get_formatter()->make_help(sub, sub == &app ? "mlmon" : "mlmon " + command_path(sub),
                                             CLI::AppFormatMode::Normal);
      return kExitOk;
    }
    const std::string where = command_path(sub);
    err << "mlmon" << (where.empty() ? "" : " " + where) << ": " << e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      for (const std::string& word : unexpected_words(e.what())) {
        if (!word.starts_with("-")) {
          if (const std::string close = closest_command(*sub, word); !close.empty()) {
            err << "; did you mean \"" << close << "\"?";
            break;
          }
          continue;
        }
        if (const std::string close = closest_flag(*sub, word); !close.empty()) {
          err << "; did you mean " << close << "?";
          break;
        }
      }
    }
    err << "\nRun 'mlmon " << (where.empty() ? "" : where + " ") << "--help' for usage.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "mlmon: internal error: " << e.what() << " (a bug in mlmon: please report it with the command line)\n";
    return kExitInternal;
  }
  return ctx.exit_code;
}

}  // namespace mlmon::cli
