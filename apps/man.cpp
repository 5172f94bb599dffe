// mlmon man [--output-dir DIR] [COMMAND...]: man pages mlmon(1) and mlmon-<command>(1), generated
// from the same definitions as --help (cli_docs), so a flag is in both or in neither. Hidden: the
// build runs it to install the pages.
#include <filesystem>
#include <functional>
#include <memory>
#include <sstream>

#include "cli_docs.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"

namespace mlmon::cli {

namespace {

// roff: a backslash is \e, a hyphen in a flag \-, and a line may not start with . or '.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string page_name(const CommandDoc& command) {
  std::string name = "mlmon";
  for (const char c : command.path) name += c == ' ' ? '-' : c;
  if (!command.path.empty()) name.insert(5, "-");
  return name;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The footer's "Exit codes:" paragraph and its "Examples:" block, as sections of their own.
void footer_sections(const std::string& footer, std::ostringstream& out) {
  const auto examples_at = footer.find("Examples:\n");
  std::string rest = footer.substr(0, examples_at);
  while (!rest.empty() && rest.back() == '\n') rest.pop_back();
  if (const auto exit_at = rest.find("Exit codes:"); exit_at != std::string::npos) {
    if (exit_at > 0) out << ".SH NOTES\n" << roff(rest.substr(0, exit_at)) << "\n";
    out << ".SH EXIT STATUS\n" << roff(rest.substr(exit_at + 12)) << "\n";
  } else if (!rest.empty()) {
    out << ".SH NOTES\n" << roff(rest) << "\n";
  }
  if (examples_at == std::string::npos) return;
  out << ".SH EXAMPLES\n";
  std::istringstream lines(footer.substr(examples_at + 10));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("      ")) out << roff(line.substr(6)) << "\n";
    else out << ".PP\n.nf\n" << roff(line.substr(line.find_first_not_of(' '))) << "\n.fi\n";
  }
}

std::string man_page(const CommandDoc& command, const std::string& version) {
  std::ostringstream out;
  const std::string name = page_name(command);
  out << ".TH " << upper(roff(name)) << " 1 \"\" \"" << roff(version) << "\" \"mlmon manual\"\n";
  std::string_view summary = command.description;
  if (summary.starts_with(name + ": ")) summary.remove_prefix(name.size() + 2);  // mlmon's own "mlmon: ..."
  out << ".SH NAME\n" << roff(name) << " \\- " << roff(summary) << "\n";
  out << ".SH SYNOPSIS\n.B mlmon" << (command.path.empty() ? "" : " " + roff(command.path)) << "\n";
  bool has_flags = false;
  for (const OptionDoc& o : command.options) has_flags = has_flags || !o.positional;
  if (has_flags) out << "[\\fIOPTIONS\\fR]\n";
  if (!command.subcommands.empty()) out << "\\fICOMMAND\\fR\n";
  for (const OptionDoc& o : command.options) {
    if (!o.positional) continue;
    const std::string more = o.repeatable ? "..." : "";
    out << (o.required ? "\\fI" : "[\\fI") << roff(o.names.front()) << "\\fR" << more << (o.required ? "\n" : "]\n");
  }
  if (!command.subcommands.empty()) {
    out << ".SH COMMANDS\n";
    for (const CommandDoc& sub : command.subcommands) {
      out << ".TP\n.B " << roff(sub.name) << "\n"
          << roff(sub.description) << " (see \\fB" << roff(page_name(sub)) << "\\fR(1))\n";
    }
  }
  out << ".SH OPTIONS\n";
  for (const OptionDoc& o : command.options) {
    out << ".TP\n";
    std::string names;
    for (const std::string& n : o.names) names += (names.empty() ? "" : ", ") + ("\\fB" + roff(n) + "\\fR");
    out << names;
    if (o.takes_value && !o.positional) {
      out << " \\fI"
          << roff(o.values.empty() ? o.value_name
                                   : "{" +
                                         [&] {
                                           std::string v;
                                           for (const std::string& x : o.values) v += (v.empty() ? "" : ",") + x;
                                           return v;
                                         }() +
                                         "}")
          << "\\fR";
    }
    out << "\n" << roff(o.description) << "\n";
  }
  footer_sections(command.footer, out);
  out << ".SH SEE ALSO\n";
  if (command.path.empty()) {
    std::string list;
    for (const CommandDoc& sub : command.subcommands)
      list += (list.empty() ? "" : ", ") + ("\\fB" + roff(page_name(sub)) + "\\fR(1)");
    out << list << "\n";
  } else {
    out << "\\fBmlmon\\fR(1)\n";
  }
  return out.str();
}

void all_pages(const CommandDoc& command, const std::function<void(const CommandDoc&)>& visit) {
  visit(command);
  for (const CommandDoc& sub : command.subcommands) all_pages(sub, visit);
}

}  // namespace

void setup_man(CLI::App& app, Context& ctx) {
  auto output_dir = std::make_shared<std::string>();
  auto words = std::make_shared<std::vector<std::string>>();
  auto* sub = app.add_subcommand("man", "Write the man pages");
  sub->group("");  // hidden from --help, completion and the pages themselves
  sub->add_option("command", *words, "A command (and its subcommand); without one, mlmon(1)");
  sub->add_option("--output-dir", *output_dir, "Write every page into DIR as mlmon-<command>.1");
  sub->callback([&app, output_dir, words, &ctx] {
    const CommandDoc root = describe_commands(app);
    const std::string version = version_line();
    if (!output_dir->empty()) {
      bool ok = true;
      all_pages(root, [&](const CommandDoc& c) {
        const auto path = std::filesystem::path(*output_dir) / (page_name(c) + ".1");
        if (auto written = write_file_atomic(path.string(), man_page(c, version), 0644); !written) {
          ctx.err << "mlmon man: " << written.error().message << "\n";
          ok = false;
        }
      });
      ctx.exit_code = ok ? kExitOk : kExitUsage;
      return;
    }
    const CommandDoc* page = &root;
    for (const std::string& word : *words) {
      const CommandDoc* next = nullptr;
      for (const CommandDoc& c : page->subcommands) {
        if (c.name == word) next = &c;
      }
      if (next == nullptr) {
        ctx.err << "mlmon man: unknown command \"" << word << "\"\n";
        ctx.exit_code = kExitUsage;
        return;
      }
      page = next;
    }
    ctx.out << man_page(*page, version);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace mlmon::cli
