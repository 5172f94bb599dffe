#include "dashboards/references.hpp"

#include <nlohmann/json.hpp>

#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

namespace {

class Collector {
 public:
  Collector(const Dashboard& dashboard, References& out) : dashboard_(dashboard), out_(out) {
    variables_prefix_ = dashboard.at("/templating/list/");
  }

  void run() {
    std::string pointer = dashboard_.root;
    Where where;
    where.dashboard_object = true;
    visit(*dashboard_.json, pointer, where, 0);
  }

 private:
  struct Where {
    bool dashboard_object = false;  // the dashboard object itself
    bool datasource = false;        // inside a "datasource" member
    const Variable* variable = nullptr;  // inside this variable's definition
  };

  const Variable* variable_at(std::string_view pointer) const {
    if (!pointer.starts_with(variables_prefix_)) return nullptr;
    const std::string_view rest = pointer.substr(variables_prefix_.size());
    if (rest.empty() || rest.find('/') != std::string_view::npos) return nullptr;
    for (const Variable& v : dashboard_.variables) {
      if (v.pointer == pointer) return &v;
    }
    return nullptr;
  }

  static bool skipped_member(const Where& where, std::string_view key, bool variable_object) {
    if (where.dashboard_object) {
      return key == "__inputs" || key == "__requires" || key == "__elements" || key == "uid" || key == "id";
    }
    if (variable_object) {
      return key == "current" || key == "options" || key == "name" || key == "label" || key == "description";
    }
    return key == "scopedVars";
  }

  void visit(const Json& value, std::string& pointer, Where where, int depth) {
    if (depth > kMaxJsonDepth) return;
    switch (value.type()) {
      case Json::value_t::string: add_string(value.get_ref<const std::string&>(), pointer, where); break;
      case Json::value_t::array:
        for (std::size_t i = 0; i < value.size(); ++i) {
          const std::size_t length = pointer.size();
          pointer += '/';
          pointer += std::to_string(i);
          visit(value[i], pointer, Where{false, where.datasource, where.variable}, depth + 1);
          pointer.resize(length);
        }
        break;
      case Json::value_t::object: {
        const Variable* variable = variable_at(pointer);
        for (const auto& [key, member] : value.items()) {
          if (skipped_member(where, key, variable != nullptr)) continue;
          const std::size_t length = pointer.size();
          append_pointer_token(pointer, key);
          Where inner{false, where.datasource, variable ? variable : where.variable};
          if (key == "datasource") {
            out_.datasources.push_back(DatasourceSite{pointer, &member});
            inner.datasource = true;
          } else if (where.datasource && key != "uid") {
            inner.datasource = false;  // only the uid of a datasource object names one
          }
          if (key == "includeVars" && member.is_boolean() && member.get<bool>()) out_.passes_all_variables = true;
          if (key == "repeat" && member.is_string() && !member.get_ref<const std::string&>().empty() &&
              !where.dashboard_object) {
            add_repeat(member.get_ref<const std::string&>(), pointer, inner);
          } else {
            visit(member, pointer, inner, depth + 1);
          }
          pointer.resize(length);
        }
        break;
      }
      default: break;
    }
  }

  void add_string(const std::string& text, const std::string& pointer, const Where& where) {
    if (text.find('$') == std::string::npos && text.find("[[") == std::string::npos) return;
    for (VariableRef& ref : find_variable_refs(text)) {
      if (ref.name == "__all_variables") out_.passes_all_variables = true;
      VariableUse use;
      use.pointer = pointer;
      use.in_datasource = where.datasource;
      use.in_definition_of_self = where.variable != nullptr && where.variable->name == ref.name;
      use.ref = std::move(ref);
      out_.uses.push_back(std::move(use));
    }
  }

  // `repeat` holds a bare variable name (older dashboards sometimes write "$name").
  void add_repeat(const std::string& text, const std::string& pointer, const Where& where) {
    if (text.find('$') != std::string::npos || text.find("[[") != std::string::npos) {
      add_string(text, pointer, where);
      return;
    }
    VariableUse use;
    use.pointer = pointer;
    use.ref.begin = 0;
    use.ref.end = text.size();
    use.ref.name = text;
    out_.uses.push_back(std::move(use));
  }

  const Dashboard& dashboard_;
  References& out_;
  std::string variables_prefix_;

  friend Resolution resolve(const Dashboard& dashboard, const VariableRef& ref) {
  if (is_builtin_variable(ref.name)) return Resolution::Builtin;
  if (dashboard.variable(ref.name) != nullptr) return Resolution::Variable;
  if (ref.syntax == RefSyntax::Braces && ref.field.empty() && ref.format.empty() &&
      dashboard.input(ref.name) != nullptr) {
    return Resolution::Input;
  }
  return Resolution::Undefined;
}

References collect_references(const Dashboard&);
};

}  // namespace

Resolution resolve(const Dashboard& dashboard, const VariableRef& ref) {
  if (is_builtin_variable(ref.name)) return Resolution::Builtin;
  if (dashboard.variable(ref.name) != nullptr) return Resolution::Variable;
  if (ref.syntax == RefSyntax::Braces && ref.field.empty() && ref.format.empty() &&
      dashboard.input(ref.name) != nullptr) {
    return Resolution::Input;
  }
  return Resolution::Undefined;
}

References collect_references(const Dashboard& dashboard) {
  References refs;
  Collector(dashboard, refs).run();
  return refs;
}

}  // namespace mlmon::dashboards
