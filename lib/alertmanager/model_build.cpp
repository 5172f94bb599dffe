// Builds the routing tree and the other parts routing and the lints need (dispatch.NewRoute).
#include <iterator>
#include <string>

#include "alertmanager/checker.hpp"
#include "alertmanager/config_checks.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/schema.hpp"

namespace mlmon::alertmanager {

namespace {

using yaml::Node;

// match, match_re (anchored, as Alertmanager stores them) and matchers, sorted.
Matchers route_matchers(Checker& ck, const Node* map, std::string_view match_key, std::string_view match_re_key,
                        std::string_view matchers_key) {
  Matchers out;
  if (const Node* match = field_node(map, match_key); match != nullptr && match->is_map()) {
    for (const yaml::Entry& e : match->entries) {
      if (e.value->is_scalar() || e.value->is_null()) {
        if (auto m = Matcher::make(MatchType::Equal, scalar_text(e.key), scalar_text(e.value))) {
          out.push_back(std::move(*m));
        }
      }
    }
  }
  if (const Node* match_re = field_node(map, match_re_key); match_re != nullptr && match_re->is_map()) {
    for (const yaml::Entry& e : match_re->entries) {
      if (!e.value->is_scalar()) continue;
      if (auto m = Matcher::make(MatchType::Regexp, scalar_text(e.key), "^(?:" + e.value->value + ")$")) {
        out.push_back(std::move(*m));
      }
    }
  }
  if (const Node* list = field_node(map, matchers_key); list != nullptr && list->is_seq()) {
    for (const Node* item : list->items) {
      if (!item->is_scalar()) continue;
      Matchers taken = ck.take_matchers(item);
      out.insert(out.end(), std::make_move_iterator(taken.begin()), std::make_move_iterator(taken.end()));
    }
  }
  sort_matchers(out);
  return out;
}

std::vector<std::string> strings(const Node* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->is_seq()) return out;
  for (const Node* item : list->items) {
    if (item->is_scalar()) out.push_back(item->value);
  }
  return out;
}

void build_route(Checker& ck, const Node& node, const std::string& inherited, Route& out, int depth) {
  out.node = &node;
  out.receiver_node = field_node(&node, "receiver");
  out.receiver = scalar_text(out.receiver_node);
  out.effective_receiver = out.receiver.empty() ? inherited : out.receiver;
  out.matchers = route_matchers(ck, &node, "match", "match_re", "matchers");
  out.continue_matching = is_true(field_node(&node, "continue"));
  out.mute_time_intervals = strings(field_node(&node, "mute_time_intervals"));
  out.active_time_intervals = strings(field_node(&node, "active_time_intervals"));
  const Node* children = field_node(&node, "routes");
  if (children == nullptr || !children->is_seq()) return;
  // A guard for the stack, not a rule: lint/route_depth.cpp reports where the tree was cut.
  if (depth >= kMaxRouteDepth) return;
  out.routes.reserve(children->items.size());  // no doubling: a route is about 300 bytes
  for (const Node* child : children->items) {
    if (!child->is_map()) continue;
    out.routes.emplace_back();
    build_route(ck, *child, out.effective_receiver, out.routes.back(), depth + 1);
  }
}

}  // namespace

void build_model(Checker& ck, const Node& root, Config& out) {
  if (const Node* route = field_node(&root, "route"); route != nullptr && route->is_map()) {
    out.has_route = true;
    build_route(ck, *route, std::string(), out.route, 0);
  }
  if (const Node* receivers = field_node(&root, "receivers"); receivers != nullptr && receivers->is_seq()) {
    for (const Node* r : receivers->items) {
      if (!r->is_map()) continue;
      Receiver receiver;
      receiver.node = r;
      receiver.name_node = field_node(r, "name");
      receiver.name = scalar_text(receiver.name_node);
      for (const yaml::Entry& e : r->entries) {
        const std::string key = scalar_text(e.key);
        if (!key.ends_with("_configs") || !e.value->is_seq()) continue;
        for (const Node* item : e.value->items) {
          if (!item->is_null()) receiver.integrations.push_back({key, item});
        }
      }
      out.receivers.push_back(std::move(receiver));
    }
  }
  if (const Node* rules = field_node(&root, "inhibit_rules"); rules != nullptr && rules->is_seq()) {
    for (const Node* r : rules->items) {
      if (!r->is_map()) continue;
      InhibitRule rule;
      rule.node = r;
      rule.source = route_matchers(ck, r, "source_match", "source_match_re", "source_matchers");
      rule.target = route_matchers(ck, r, "target_match", "target_match_re", "target_matchers");
      rule.equal = strings(field_node(r, "equal"));
      rule.uses_sources = is_nonempty_collection(field_node(r, "sources"));
      out.inhibit_rules.push_back(std::move(rule));
    }
  }
  for (const auto& [section, deprecated] :
       {std::pair{"mute_time_intervals", true}, std::pair{"time_intervals", false}}) {
    const Node* list = field_node(&root, section);
    if (list == nullptr || !list->is_seq()) continue;
    for (const Node* t : list->items) {
      if (t->is_map()) out.time_intervals.push_back({text_of(t, "name"), t, deprecated});
    }
  }
  if (const Node* templates = field_node(&root, "templates"); templates != nullptr && templates->is_seq()) {
    for (const Node* t : templates->items) {
      if (!t->is_scalar() || t->value.empty()) continue;
      out.templates.push_back(t->value);
      ck.loaded().files.push_back({"templates", t, true, true});
    }
  }
}

const Receiver* Config::find_receiver(std::string_view name) const {
  for (const Receiver& r : receivers) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace mlmon::alertmanager
