#include "dashboards/dashboard_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "dashboards/json_util.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

namespace {

/// Deeper than any real dashboard; below that, comparing never recurses without bound.
constexpr int kMaxDiffDepth = kMaxJsonDepth;

std::string dump(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool plain_key(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '$';
  });
}

/// `a.b`, `a["odd key"]`, `a[3]`: readable paths relative to the thing that changed.
std::string member_path(std::string_view path, std::string_view key) {
  if (plain_key(key)) return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  return std::string(path) + "[" + dump(Json(std::string(key))) + "]";
}

std::string index_path(std::string_view path, std::string_view index) {
  return std::string(path) + "[" + std::string(index) + "]";
}

std::string last_key(std::string_view path) {
  const auto dot = path.find_last_of(".]");
  if (dot == std::string_view::npos) return std::string(path);
  return path[dot] == '.' ? std::string(path.substr(dot + 1)) : std::string();
}

bool is_null(const Json* v) { return v == nullptr || v->is_null(); }

/// The same datasource in another spelling: Grafana 8.3+ rewrites a name into {type, uid} on
/// load, and null and absent both mean the default.
bool same_datasource(const Json* a, const Json* b) {
  if (is_null(a) && is_null(b)) return true;
  if (is_null(a) || is_null(b)) return false;
  return *a == *b || a->is_string() != b->is_string();
}

/// refIds of a target list when every target has a distinct one (so targets can be matched by it).
std::optional<std::map<std::string, const Json*>> targets_by_ref_id(const Json& targets) {
  std::map<std::string, const Json*> by_id;
  for (const Json& t : targets) {
    const std::string id = string_member(t, "refId");
    if (id.empty() || !by_id.emplace(id, &t).second) return std::nullopt;
  }
  return by_id;
}

class FieldDiffer {
 public:
  explicit FieldDiffer(std::vector<FieldChange>& out) : out_(out) {}

  /// Compares two values found at `path`; a missing side is nullptr.
  void compare(const Json* a, const Json* b, const std::string& path, int depth) {
    if (a == nullptr && b == nullptr) return;
    const std::string key = last_key(path);
    if (key == "pluginVersion") return;
    if (key == "datasource") {
      if (!same_datasource(a, b)) add(path, a, b);
      return;
    }
    if (a == nullptr || b == nullptr) {
      add(path, a, b);
      return;
    }
    if (depth > kMaxDiffDepth) {
      out_.push_back(FieldChange{path, "\"(nested too deep to compare)\"", "\"(nested too deep to compare)\""});
      return;
    }
    if (a->is_object() && b->is_object()) {
      compare_members(*a, *b, path, depth, {});
    } else if (a->is_array() && b->is_array()) {
      compare_arrays(*a, *b, path, key, depth);
    } else if (a->type() != b->type() && !(a->is_number() && b->is_number())) {
      add(path, a, b);
    } else if (a->is_primitive() && *a != *b) {
      add(path, a, b);
    }
  }

  void compare_members(const Json& a, const Json& b, const std::string& path, int depth,
                       const std::set<std::string, std::less<>>& skip) {
    // nlohmann's objects are sorted maps: walk both key lists in step.
    auto ia = a.items().begin();
    auto ib = b.items().begin();
    const auto ea = a.items().end();
    const auto eb = b.items().end();
    while (ia != ea || ib != eb) {
      int order = 0;
      if (ia == ea) order = 1;
      else if (ib == eb) order = -1;
      else order = ia.key() < ib.key() ? -1 : (ib.key() < ia.key() ? 1 : 0);
      const std::string& key = order <= 0 ? ia.key() : ib.key();
      if (!skip.contains(key)) {
        compare(order <= 0 ? &ia.value() : nullptr, order >= 0 ? &ib.value() : nullptr, member_path(path, key),
                depth + 1);
      }
      if (order <= 0) ++ia;
      if (order >= 0) ++ib;
    }
  }

 private:
  void add(const std::string& path, const Json* a, const Json* b) {
    out_.push_back(
        FieldChange{path, a ? std::optional(dump(*a)) : std::nullopt, b ? std::optional(dump(*b)) : std::nullopt});
  }

  void compare_arrays(const Json& a, const Json& b, const std::string& path, const std::string& key, int depth) {
    if (key == "targets") {
      auto by_a = targets_by_ref_id(a);
      auto by_b = targets_by_ref_id(b);
      if (by_a && by_b) {
        std::set<std::string> ids;
        for (const auto& [id, t] : *by_a) ids.insert(id);
        for (const auto& [id, t] : *by_b) ids.insert(id);
        for (const std::string& id : ids) {
          const auto ta = by_a->find(id);
          const auto tb = by_b->find(id);
          compare(ta == by_a->end() ? nullptr : ta->second, tb == by_b->end() ? nullptr : tb->second,
                  index_path(path, id), depth + 1);
        }
        return;
      }
    }
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      compare(i < a.size() ? &a[i] : nullptr, i < b.size() ? &b[i] : nullptr, index_path(path, std::to_string(i)),
              depth + 1);
    }
  }

  std::vector<FieldChange>& out_;
};

/// A panel with what matching and move detection need.
struct Placed {
  const Panel* panel;
  std::optional<std::size_t> row;  ///< the row it sits in: collapsed or not (index in panels)
  std::tuple<double, double, double, std::size_t> reading_order;
};

std::vector<Placed> place(const Dashboard& d) {
  std::vector<Placed> out;
  std::optional<std::size_t> current_row;
  for (std::size_t i = 0; i < d.panels.size(); ++i) {
    const Panel& p = d.panels[i];
    Placed placed{&p, p.row, {}};
    if (p.is_row && !p.row) {
      current_row = i;
    } else if (!p.row) {
      placed.row = current_row;
    }
    const double y = p.grid_pos && p.grid_pos->y ? *p.grid_pos->y : 0;
    const double x = p.grid_pos && p.grid_pos->x ? *p.grid_pos->x : 0;
    if (p.row && d.panels[*p.row].collapsed) {
      // A collapsed row's children keep the coordinates they have when it opens: order them
      // right after the row.
      const Panel& row = d.panels[*p.row];
      const double row_y = row.grid_pos && row.grid_pos->y ? *row.grid_pos->y : 0;
      placed.reading_order = {row_y, 1 + y, x, i};
    } else {
      placed.reading_order = {y, 0, x, i};
    }
    out.push_back(placed);
  }
  return out;
}

/// For each old panel, the index of the new panel it is (or nullopt): by id and title, then by
/// title, then by id, then (for panels with neither) by place; rows only match rows.
std::vector<std::optional<std::size_t>> match_panels(const Dashboard& a, const Dashboard& b) {
  std::vector<std::optional<std::size_t>> match(a.panels.size());
  std::vector<bool> taken(b.panels.size(), false);
  auto titled = [](const Panel& p) { return p.title && !p.title->empty(); };
  auto pass = [&](auto&& same) {
    for (std::size_t i = 0; i < a.panels.size(); ++i) {
      if (match[i]) continue;
      for (std::size_t j = 0; j < b.panels.size(); ++j) {
        if (taken[j] || a.panels[i].is_row != b.panels[j].is_row || !same(a.panels[i], b.panels[j])) continue;
        match[i] = j;
        taken[j] = true;
        break;
      }
    }
  };
  pass([&](const Panel& p, const Panel& q) { return p.id && p.id == q.id && titled(p) && p.title == q.title; });
  pass([&](const Panel& p, const Panel& q) { return titled(p) && p.title == q.title; });
  pass([&](const Panel& p, const Panel& q) { return p.id && p.id == q.id; });
  // A panel with neither (no integer id, no title: odd, but Grafana stores it) is the one at the
  // same place, if that is one too; otherwise a dashboard compared with itself would differ.
  pass([&](const Panel& p, const Panel& q) {
    return !p.id && !titled(p) && !q.id && !titled(q) && p.pointer == q.pointer;
  });
  return match;
}

/// Indices (into `seq`) of a longest strictly increasing subsequence: the panels that kept
/// their order; the others moved.
std::vector<bool> in_longest_increasing(const std::vector<std::size_t>& seq) {
  std::vector<std::size_t> tails;  // index into seq of the smallest tail of each length
  std::vector<std::optional<std::size_t>> previous(seq.size());
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), seq[i],
                                     [&](std::size_t t, std::size_t value) { return seq[t] < value; });
    if (it != tails.begin()) previous[i] = *(it - 1);
    if (it == tails.end()) tails.push_back(i);
    else *it = i;
  }
  std::vector<bool> kept(seq.size(), false);
  std::optional<std::size_t> k = tails.empty() ? std::nullopt : std::optional(tails.back());
  while (k) {
    kept[*k] = true;
    k = previous[*k];
  }
  return kept;
}

std::string location(const Dashboard& d, const Placed& placed) {
  std::string where = placed.row ? d.panels[*placed.row].describe() : std::string("top level");
  const Panel& p = *placed.panel;
  if (p.grid_pos && p.grid_pos->x && p.grid_pos->y) {
    where += fmt::format(" (x {}, y {})", *p.grid_pos->x, *p.grid_pos->y);
  }
  return where;
}

void compare_panel(const Panel& a, const Panel& b, std::vector<FieldChange>& fields) {
  FieldDiffer differ(fields);
  differ.compare_members(*a.json, *b.json, "", 0, {"id", "gridPos", "panels", "libraryPanel", "pluginVersion"});
  const Json* ga = member(*a.json, "gridPos");
  const Json* gb = member(*b.json, "gridPos");
  for (const char* axis : {"x", "w", "h"}) {  // y shows as a move, when the order changes
    differ.compare(member(ga, axis), member(gb, axis), std::string("gridPos.") + axis, 1);
  }
  const Json* la = member(*a.json, "libraryPanel");
  const Json* lb = member(*b.json, "libraryPanel");
  for (const char* key : {"uid", "name"}) {  // the rest is a copy of the library's model
    differ.compare(member(la, key), member(lb, key), std::string("libraryPanel.") + key, 1);
  }
}

void diff_panels(const Dashboard& a, const Dashboard& b, ChangeSet& out) {
  const std::vector<std::optional<std::size_t>> match = match_panels(a, b);
  std::vector<std::optional<std::size_t>> reverse(b.panels.size());
  for (std::size_t i = 0; i < match.size(); ++i) {
    if (match[i]) reverse[*match[i]] = i;
  }
  const std::vector<Placed> placed_a = place(a);
  const std::vector<Placed> placed_b = place(b);

  // Reading order of both sides; panels of `a` in its order, as ranks in `b`'s order.
  auto order_of = [](const std::vector<Placed>& placed) {
    std::vector<std::size_t> order(placed.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return placed[x].reading_order < placed[y].reading_order; });
    return order;
  };
  const std::vector<std::size_t> order_a = order_of(placed_a);
  const std::vector<std::size_t> order_b = order_of(placed_b);
  std::vector<std::size_t> rank_b(b.panels.size());
  for (std::size_t r = 0; r < order_b.size(); ++r) rank_b[order_b[r]] = r;
  std::vector<std::size_t> sequence;
  std::vector<std::size_t> sequence_panel;
  for (std::size_t i : order_a) {
    if (!match[i]) continue;
    sequence.push_back(rank_b[*match[i]]);
    sequence_panel.push_back(i);
  }
  const std::vector<bool> kept = in_longest_increasing(sequence);
  std::vector<bool> out_of_order(a.panels.size(), false);
  for (std::size_t k = 0; k < sequence.size(); ++k) out_of_order[sequence_panel[k]] = !kept[k];

  for (std::size_t i = 0; i < a.panels.size(); ++i) {
    if (!match[i]) out.changes.push_back(Change{ChangeKind::Removed, a.panels[i].describe(), {}, {}, {}});
  }
  for (std::size_t j : order_b) {
    const Panel& q = b.panels[j];
    if (!reverse[j]) {
      out.changes.push_back(Change{ChangeKind::Added, q.describe(), {}, {}, {}});
      continue;
    }
    const std::size_t i = *reverse[j];
    const Panel& p = a.panels[i];
    Change change{ChangeKind::Changed, q.describe(), {}, {}, {}};
    const std::optional<std::size_t> row_a = placed_a[i].row;
    const std::optional<std::size_t> row_b = placed_b[j].row;
    const bool other_row = (row_a ? match[*row_a] : std::nullopt) != row_b || row_a.has_value() != row_b.has_value();
    if (other_row || out_of_order[i]) {
      change.moved_from = location(a, placed_a[i]);
      change.moved_to = location(b, placed_b[j]);
    }
    compare_panel(p, q, change.fields);
    if (change.fields.empty() && change.moved_from.empty()) continue;
    if (change.fields.empty()) change.kind = ChangeKind::Moved;
    out.changes.push_back(std::move(change));
  }
}

void diff_variables(const Dashboard& a, const Dashboard& b, ChangeSet& out) {
  auto subject = [](const Variable& v) { return fmt::format("variable \"{}\"", v.name); };
  for (const Variable& v : a.variables) {
    if (!b.variable(v.name)) out.changes.push_back(Change{ChangeKind::Removed, subject(v), {}, {}, {}});
  }
  for (const Variable& w : b.variables) {
    const Variable* v = a.variable(w.name);
    if (!v) {
      out.changes.push_back(Change{ChangeKind::Added, subject(w), {}, {}, {}});
      continue;
    }
    Change change{ChangeKind::Changed, subject(w), {}, {}, {}};
    FieldDiffer(change.fields).compare_members(*v->json, *w.json, "", 0, {"current", "options"});
    if (!change.fields.empty()) out.changes.push_back(std::move(change));
  }
}

}  // namespace

ChangeSet diff_dashboards(const Dashboard& old_dashboard, const Dashboard& new_dashboard) {
  const Dashboard& a = old_dashboard;
  const Dashboard& b = new_dashboard;
  ChangeSet out;
  Change settings{ChangeKind::Changed, "dashboard", {}, {}, {}};
  FieldDiffer(settings.fields)
      .compare_members(*a.json, *b.json, "", 0,
                       {"panels", "rows", "templating", "id", "version", "iteration", "__requires", "__elements"});
  if (!settings.fields.empty()) out.changes.push_back(std::move(settings));
  diff_panels(a, b, out);
  diff_variables(a, b, out);
  return out;
}

Result<ChangeSet> diff_dashboard_json(const Json& old_dashboard, const Json& new_dashboard) {
  const Json& a = old_dashboard;
  const Json& b = new_dashboard;
  // JSON from a server can hold any type anywhere; the model's accessors throw on a surprise, and
  // that must not cross the library's edge.
  try {
    if (!a.is_object() || !b.is_object()) {
      ChangeSet out;
      Change whole{ChangeKind::Changed, "dashboard", {}, {}, {}};
      FieldDiffer(whole.fields).compare(&a, &b, "(root)", 0);
      if (!whole.fields.empty()) out.changes.push_back(std::move(whole));
      return out;
    }
    return diff_dashboards(dashboard_model(a), dashboard_model(b));
  } catch (const std::exception& e) {
    return fail(std::string("the dashboards cannot be compared panel by panel: ") + e.what());
  }
}

}  // namespace mlmon::dashboards
