#include "dashboards/references.hpp"

#include <nlohmann/json.hpp>

#include <map>

#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

namespace {

class Collector {
 public:
  Collector(const Dashboard& dashboard, References& out) : dashboard_(dashboard), out_(out) {
    const std::string prefix = dashboard.at("/templating/list/");
    for (const Variable& v : dashboard.variables) {
      variables_by_index_[std::stoul(v.pointer.substr(prefix.size()))] = &v;
    }
  }

  void run() {
    Where where;
    where.dashboard_object = true;
    visit(*dashboard_.json, where, 0);
  }

 private:
  struct Where {
    bool dashboard_object = false;       // the dashboard object itself
    bool datasource = false;             // inside a "datasource" member
    const Variable* variable = nullptr;  // inside this variable's definition
  };
  /// One step of the path to the current value; pointers are only spelled out when needed.
  struct Step {
    const std::string* key;  // nullptr for an array element
    std::size_t index;
  };

  std::string pointer() const {
    std::string out = dashboard_.root;
    for (const Step& step : path_) {
      if (step.key) {
        append_pointer_token(out, *step.key);
      } else {
        out += '/';
        out += std::to_string(step.index);
      }
    }
    return out;
  }

  /// The variable whose definition is the object at the current path (templating.list[i]).
  const Variable* variable_here() const {
    if (path_.size() != 3 || !path_[0].key || *path_[0].key != "templating" || !path_[1].key ||
        *path_[1].key != "list" || path_[2].key) {
      return nullptr;
    }
    const auto it = variables_by_index_.find(path_[2].index);
    return it == variables_by_index_.end() ? nullptr : it->second;
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

  void visit(const Json& value, Where where, int depth) {
    if (depth > kMaxJsonDepth) return;
    switch (value.type()) {
      case Json::value_t::string: add_string(value.get_ref<const std::string&>(), where); break;
      case Json::value_t::array:
        for (std::size_t i = 0; i < value.size(); ++i) {
          path_.push_back(Step{nullptr, i});
          visit(value[i], Where{false, where.datasource, where.variable}, depth + 1);
          path_.pop_back();
        }
        break;
      case Json::value_t::object: {
        const Variable* variable = variable_here();
        for (auto it = value.begin(); it != value.end(); ++it) {
          const std::string& key = it.key();
          const Json& member = it.value();
          if (skipped_member(where, key, variable != nullptr)) continue;
          path_.push_back(Step{&key, 0});
          Where inner{false, where.datasource, variable ? variable : where.variable};
          if (key == "datasource") {
            out_.datasources.push_back(DatasourceSite{pointer(), &member});
            inner.datasource = true;
          } else if (where.datasource && key != "uid") {
            inner.datasource = false;  // only the uid of a datasource object names one
          }
          if (key == "includeVars" && member.is_boolean() && member.get<bool>()) out_.passes_all_variables = true;
          if (key == "repeat" && member.is_string() && !member.get_ref<const std::string&>().empty() &&
              !where.dashboard_object) {
            add_repeat(member.get_ref<const std::string&>(), inner);
          } else {
            visit(member, inner, depth + 1);
          }
          path_.pop_back();
        }
        break;
      }
      default: break;
    }
  }

  void add_string(const std::string& text, const Where& where) {
    if (text.find('$') == std::string::npos && text.find("[[") == std::string::npos) return;
    std::vector<VariableRef> refs = find_variable_refs(text);
    if (refs.empty()) return;
    const std::string at = pointer();
    for (VariableRef& ref : refs) {
      if (ref.name == "__all_variables") out_.passes_all_variables = true;
      VariableUse use;
      use.pointer = at;
      use.in_datasource = where.datasource;
      use.in_definition_of_self = where.variable != nullptr && where.variable->name == ref.name;
      use.ref = std::move(ref);
      out_.uses.push_back(std::move(use));
    }
  }

  // `repeat` holds a bare variable name (older dashboards sometimes write "$name").
  void add_repeat(const std::string& text, const Where& where) {
    if (text.find('$') != std::string::npos || text.find("[[") != std::string::npos) {
      add_string(text, where);
      return;
    }
    VariableUse use;
    use.pointer = pointer();
    use.ref.begin = 0;
    use.ref.end = text.size();
    use.ref.name = text;
    out_.uses.push_back(std::move(use));
  }

  const Dashboard& dashboard_;
  References& out_;
  std::vector<Step> path_;
  std::map<std::size_t, const Variable*> variables_by_index_;
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
