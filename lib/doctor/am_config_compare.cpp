#include "doctor/am_config_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "alertmanager/duration.hpp"
#include "core/go_quote.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

using alertmanager::LoadedConfig;
using alertmanager::Route;
using yaml::Node;

constexpr std::string_view kSecret = "<secret>";

const Node* field(const Node* map, std::string_view key) {
  return map != nullptr && map->is_map() ? map->get(key) : nullptr;
}

std::string show(const std::optional<std::string>& value) { return value ? go::quote(*value) : "(none)"; }

class Comparer {
 public:
  Comparer(const LoadedConfig& git, const LoadedConfig& live) : git_(git), live_(live) {}

  std::vector<ConfigDifference> run() {
    compare_global();
    if (git_.config.has_route && live_.config.has_route) {
      compare_route(git_.config.route, live_.config.route, "route", nullptr, nullptr);
    }
    compare_inhibit_rules();
    compare_receivers();
    compare_time_intervals();
    return std::move(out_);
  }

 private:
  struct Timers {
    std::optional<std::int64_t> wait, interval, repeat;  // nanoseconds, effective
    std::set<std::string> group_by;
  };

  void add(const Node* at, std::string text) {
    out_.push_back({at != nullptr ? at->pos() : Position{}, std::move(text)});
  }

  /// A git value not to compare: a secret, or written by a template rendering. (A mapping or list
  /// holding one is compared entry by entry: the check is for the value itself.)
  bool hidden(const Node* git) const {
    if (git->is_map() || git->is_seq()) return false;
    return git_.is_sensitive(git) || git_.is_rendered_value(git);
  }

  /// Every field git writes under `git`, compared with the same place in `live` (recursively).
  void compare_subset(const Node* git, const Node* live, const std::string& where) {
    if (git == nullptr || hidden(git)) return;
    if (live != nullptr && live->is_scalar() && live->value == kSecret) return;
    if (git->is_map()) {
      if (live == nullptr || !live->is_map()) {
        add(git,
            fmt::format("{}: set in git, {} in Alertmanager", where, live == nullptr ? "absent" : "not a mapping"));
        return;
      }
      for (const yaml::Entry& e : git->entries) {
        compare_subset(e.value, live->get(e.key->value), where + "." + e.key->value);
      }
      return;
    }
    if (git->is_seq()) {
      if (live == nullptr || !live->is_seq()) {
        add(git,
            fmt::format("{}: a list in git, {} in Alertmanager", where, live == nullptr ? "absent" : "not a list"));
        return;
      }
      for (std::size_t i = 0; i < git->items.size() && i < live->items.size(); ++i) {
        compare_subset(git->items[i], live->items[i], fmt::format("{}[{}]", where, i));
      }
      if (git->items.size() != live->items.size()) {
        add(git,
            fmt::format("{}: {} entries in git, {} in Alertmanager", where, git->items.size(), live->items.size()));
      }
      return;
    }
    if (git->is_null()) return;
    const std::optional<std::string> live_value =
        live != nullptr && (live->is_scalar() || live->is_null()) ? std::optional(live->value) : std::nullopt;
    if (live_value == git->value) return;
    // Durations and numbers may be spelt differently (1h vs 60m): equal values are no change.
    if (live_value) {
      auto a = alertmanager::parse_model_duration(git->value);
      auto b = alertmanager::parse_model_duration(*live_value);
      if (a && b && *a == *b) return;
    }
    add(git, fmt::format("{}: {} in git, {} in Alertmanager", where, show(git->value), show(live_value)));
  }

  void compare_global() {
    const Node* git = field(git_.document.root, "global");
    if (git == nullptr || !git->is_map()) return;
    compare_subset(git, field(live_.document.root, "global"), "global");
  }

  static std::optional<std::int64_t> duration_of(const Node* node) {
    if (node == nullptr || !node->is_scalar()) return std::nullopt;
    const auto value = alertmanager::parse_model_duration(node->value);
    return value ? std::optional(*value) : std::nullopt;
  }

  static Timers timers_of(const Route& route, const Timers* parent) {
    Timers t;
    if (parent != nullptr) {
      t = *parent;
    } else {
      // dispatch.DefaultRouteOpts
      t.wait = std::int64_t{30} * 1'000'000'000;
      t.interval = std::int64_t{300} * 1'000'000'000;
      t.repeat = std::int64_t{4 * 3600} * 1'000'000'000;
    }
    if (auto v = duration_of(field(route.node, "group_wait"))) t.wait = v;
    if (auto v = duration_of(field(route.node, "group_interval"))) t.interval = v;
    if (auto v = duration_of(field(route.node, "repeat_interval"))) t.repeat = v;
    if (const Node* by = field(route.node, "group_by"); by != nullptr && by->is_seq()) {
      t.group_by.clear();
      for (const Node* item : by->items) {
        if (item->is_scalar()) t.group_by.insert(item->value);
      }
    }
    return t;
  }

  static std::string route_name(const std::string& path, const Route& route) {
    if (route.matchers.empty()) return path;
    return fmt::format("{} {}", path, alertmanager::to_string(route.matchers));
  }

  void compare_route(const Route& git, const Route& live, const std::string& path, const Timers* git_parent,
                     const Timers* live_parent) {
    const std::string name = route_name(path, git);
    const std::string git_matchers = alertmanager::to_string(git.matchers);
    const std::string live_matchers = alertmanager::to_string(live.matchers);
    if (git_matchers != live_matchers) {
      add(git.node, fmt::format("{}: matchers {} in git, {} in Alertmanager", path, git_matchers, live_matchers));
    }
    if (git.effective_receiver != live.effective_receiver) {
      add(git.receiver_node != nullptr ? git.receiver_node : git.node,
          fmt::format("{}: receiver {} in git, {} in Alertmanager", name, go::quote(git.effective_receiver),
                      go::quote(live.effective_receiver)));
    }
    if (git.continue_matching != live.continue_matching) {
      add(git.node, fmt::format("{}: continue {} in git, {} in Alertmanager", name, git.continue_matching,
                                live.continue_matching));
    }
    const Timers g = timers_of(git, git_parent);
    const Timers l = timers_of(live, live_parent);
    // A difference both sides inherit was reported at the route it comes from.
    auto inherits = [](const Route& route, std::string_view key) { return field(route.node, key) == nullptr; };
    auto both_inherit = [&](std::string_view key) {
      return git_parent != nullptr && inherits(git, key) && inherits(live, key);
    };
    auto timer = [&](std::string_view key, const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b) {
      if (a == b || both_inherit(key)) return;
      auto text = [](const std::optional<std::int64_t>& ns) {
        return ns ? prometheus_duration(static_cast<double>(*ns) / 1e9) : std::string("(none)");
      };
      const Node* at = field(git.node, key);
      add(at != nullptr ? at : git.node,
          fmt::format("{}: {} {} in git, {} in Alertmanager", name, key, text(a), text(b)));
    };
    timer("group_wait", g.wait, l.wait);
    timer("group_interval", g.interval, l.interval);
    timer("repeat_interval", g.repeat, l.repeat);
    if (g.group_by != l.group_by && !both_inherit("group_by")) {
      auto list = [](const std::set<std::string>& labels) {
        std::string out = "[";
        for (const std::string& label : labels) out += (out.size() > 1 ? ", " : "") + label;
        return out + "]";
      };
      const Node* at = field(git.node, "group_by");
      add(at != nullptr ? at : git.node,
          fmt::format("{}: group_by {} in git, {} in Alertmanager", name, list(g.group_by), list(l.group_by)));
    }
    auto as_set = [](const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()); };
    if (as_set(git.mute_time_intervals) != as_set(live.mute_time_intervals) ||
        as_set(git.active_time_intervals) != as_set(live.active_time_intervals)) {
      add(git.node, fmt::format("{}: mute or active time intervals differ", name));
    }
    const std::size_t common = std::min(git.routes.size(), live.routes.size());
    for (std::size_t i = 0; i < common; ++i) {
      const std::string child = path == "route" ? fmt::format("route {}", i + 1) : fmt::format("{}.{}", path, i + 1);
      compare_route(git.routes[i], live.routes[i], child, &g, &l);
    }
    if (git.routes.size() != live.routes.size()) {
      add(git.node,
          fmt::format("{}: {} child routes in git, {} in Alertmanager", name, git.routes.size(), live.routes.size()));
    }
  }

  static std::string inhibit_text(const alertmanager::InhibitRule& rule) {
    std::vector<std::string> equal = rule.equal;
    std::sort(equal.begin(), equal.end());
    std::string list;
    for (const std::string& label : equal) list += (list.empty() ? "" : ", ") + label;
    return fmt::format("source {} target {} equal [{}]", alertmanager::to_string(rule.source),
                       alertmanager::to_string(rule.target), list);
  }

  void compare_inhibit_rules() {
    std::multiset<std::string> live;
    for (const auto& rule : live_.config.inhibit_rules) live.insert(inhibit_text(rule));
    for (const auto& rule : git_.config.inhibit_rules) {
      const std::string text = inhibit_text(rule);
      if (auto it = live.find(text); it != live.end()) {
        live.erase(it);
      } else {
        add(rule.node, fmt::format("inhibit rule ({}) is in git, not in Alertmanager", text));
      }
    }
    for (const std::string& text : live)
      add(nullptr, fmt::format("inhibit rule ({}) is in Alertmanager, not in git", text));
  }

  void compare_receivers() {
    for (const auto& receiver : git_.config.receivers) {
      const auto* other = live_.config.find_receiver(receiver.name);
      if (other == nullptr) {
        add(receiver.name_node != nullptr ? receiver.name_node : receiver.node,
            fmt::format("receiver {} is in git, not in Alertmanager", go::quote(receiver.name)));
        continue;
      }
      std::map<std::string, std::vector<const Node*>> git_kinds, live_kinds;
      for (const auto& integration : receiver.integrations) git_kinds[integration.kind].push_back(integration.node);
      for (const auto& integration : other->integrations) live_kinds[integration.kind].push_back(integration.node);
      std::set<std::string> kinds;
      for (const auto& [kind, nodes] : git_kinds) kinds.insert(kind);
      for (const auto& [kind, nodes] : live_kinds) kinds.insert(kind);
      const std::string name = fmt::format("receiver {}", go::quote(receiver.name));
      for (const std::string& kind : kinds) {
        const auto& a = git_kinds[kind];
        const auto& b = live_kinds[kind];
        if (a.size() != b.size()) {
          add(a.empty() ? receiver.node : a.front(),
              fmt::format("{}: {} {} in git, {} in Alertmanager", name, a.size(), kind, b.size()));
        }
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
          compare_subset(a[i], b[i], fmt::format("{}: {}[{}]", name, kind, i));
        }
      }
    }
    for (const auto& receiver : live_.config.receivers) {
      if (git_.config.find_receiver(receiver.name) == nullptr) {
        add(nullptr, fmt::format("receiver {} is in Alertmanager, not in git", go::quote(receiver.name)));
      }
    }
  }

  void compare_time_intervals() {
    std::set<std::string> git, live;
    for (const auto& t : git_.config.time_intervals) git.insert(t.name);
    for (const auto& t : live_.config.time_intervals) live.insert(t.name);
    for (const auto& t : git_.config.time_intervals) {
      if (!live.contains(t.name))
        add(t.node, fmt::format("time interval {} is in git, not in Alertmanager", go::quote(t.name)));
    }
    for (const auto& name : live) {
      if (!git.contains(name))
        add(nullptr, fmt::format("time interval {} is in Alertmanager, not in git", go::quote(name)));
    }
  }

  const LoadedConfig& git_;
  const LoadedConfig& live_;
  std::vector<ConfigDifference> out_;
};

}  // namespace

std::vector<ConfigDifference> compare_alertmanager_configs(const LoadedConfig& git, const LoadedConfig& live) {
  return Comparer(git, live).run();
}

}  // namespace mlmon::doctor
