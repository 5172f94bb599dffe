#include "cli_docs.hpp"

#include "examples.hpp"
#include "workspace/catalog.hpp"

namespace mlmon::cli {

namespace {

// "TEXT:{text,json,github}" -> {text, json, github}: how CLI11 shows an IsMember check.
std::vector<std::string> enumerated(const std::string& type_name) {
  const auto open = type_name.find(":{");
  const auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> values;
  std::string list = type_name.substr(open + 2, close - open - 2);
  for (std::size_t start = 0; start <= list.size();) {
    const auto comma = list.find(',', start);
    std::string v = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!v.empty()) values.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return values;
}

OptionDoc describe_option(const CLI::Option& opt) {
  OptionDoc doc;
  doc.positional = !opt.nonpositional();
  if (doc.positional) {
    doc.names.push_back(opt.get_name(true));
  } else {
    for (const std::string& s : opt.get_snames()) doc.names.push_back("-" + s);
    for (const std::string& l : opt.get_lnames()) doc.names.push_back("--" + l);
  }
  doc.takes_value = doc.positional || opt.get_items_expected_max() > 0;
  doc.required = opt.get_required();
  doc.repeatable = opt.get_items_expected_max() > 1;
  const std::string type = opt.get_type_name();
  doc.value_name = type.substr(0, type.find(':'));
  doc.values = enumerated(type);
  doc.description = opt.get_description();
  return doc;
}

CommandDoc describe(const CLI::App& app) {
  CommandDoc doc;
  doc.path = command_path(&app);
  doc.name = app.get_parent() == nullptr ? "mlmon" : app.get_name();
  doc.description = app.get_description();
  doc.footer = app.get_footer();
  for (const CLI::Option* opt : app.get_options()) doc.options.push_back(describe_option(*opt));
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue;  // hidden
    doc.subcommands.push_back(describe(*sub));
  }
  return doc;
}

}  // namespace

CommandDoc describe_commands(const CLI::App& app) { return describe(app); }

std::vector<std::string> completion_values(const CommandDoc& command, const OptionDoc& option) {
  if (!option.values.empty()) return option.values;
  for (const std::string& name : option.names) {
    if (name == "--enable-feature") {
      return {"promql-experimental-functions", "promql-duration-expr", "promql-extended-range-selectors",
              "promql-binop-fill-modifiers"};
    }
  }
  if (command.path == "checks" && option.positional) {
    std::vector<std::string> ids;
    for (const checks::CheckInfo* info : workspace::catalog().all()) ids.emplace_back(info->id);
    return ids;
  }
  return {};
}

}  // namespace mlmon::cli
