#include "ruletest/group_eval.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "promql/error.hpp"
#include "promql/go_format.hpp"
#include "promql/parser.hpp"

namespace mlmon::ruletest {

namespace {

// Bound on RuleState::relabelled: rules whose results keep changing labels start it afresh.
constexpr size_t kMaxRelabelled = 1 << 14;

const engine::Labels& relabel(
    std::unordered_map<engine::Labels, engine::Labels, engine::LabelsHash, engine::LabelsEqual>& cache,
    const engine::Labels& metric, const auto& make) {
  if (auto it = cache.find(metric); it != cache.end()) return it->second;
  if (cache.size() >= kMaxRelabelled) cache.clear();
  return cache.emplace(metric, make()).first->second;
}

bool has_action(const Template& t) { return t.text.find("{{") != std::string::npos; }

// An alert resolved this long ago is forgotten (rules/alerting.go resolvedRetention).
constexpr int64_t kResolvedRetentionMs = 15 * 60 * 1000;

std::string_view state_name(AlertState s) { return s == AlertState::Firing ? "firing" : "pending"; }

// Go's time.Time.Unix(): seconds, rounded down.
int64_t unix_seconds(int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }

std::optional<std::string> to_vector(engine::Value&& value, int64_t t, engine::Vector& out) {
  if (auto* v = std::get_if<engine::Vector>(&value)) {
    out = std::move(*v);
    return std::nullopt;
  }
  if (const auto* s = std::get_if<engine::Scalar>(&value)) {
    out.clear();
    out.push_back({engine::Labels(), t, s->v});
    return std::nullopt;
  }
  return "rule result is not a vector or scalar";
}

std::map<std::string, std::string> to_map(const engine::Labels& labels) {
  std::map<std::string, std::string> m;
  for (const engine::Label& l : labels.items()) m.emplace(l.name, l.value);
  return m;
}

}  // namespace

// The TSDB's words for a refused sample (storage.ErrOutOfOrderSample, NewDuplicateFloatErr).
std::optional<std::string> append_sample(engine::Storage& storage, const engine::Labels& labels, int64_t t, double v,
                                         engine::StoredSeries** written) {
  if (written) *written = nullptr;
  if (labels.empty()) return "empty labelset: invalid sample";
  engine::StoredSeries& series = storage.series(labels);
  if (written) *written = &series;
  const double existing = std::bit_cast<double>(series.last_bits);
  auto error = engine::Storage::append(series, t, v);
  if (error && error->starts_with("duplicate sample for timestamp") && t != 0) {
    return "duplicate sample for timestamp " + std::to_string(t) + "; overrides not allowed: existing " +
           promql::go::format_float_v(existing) + ", new value " + promql::go::format_float_v(v);
  }
  return error;
}

RuleEvaluator::RuleEvaluator(const std::vector<const GroupDef*>& groups, EvalSettings settings)
    : settings_(std::move(settings)) {
  for (const GroupDef* g : groups) {
    GroupState gs;
    gs.def = g;
    for (const RuleDef& r : g->rules) gs.rules.push_back(RuleState{&r, {}, {}, {}, {}});
    groups_.push_back(std::move(gs));
  }
}

std::optional<std::string> RuleEvaluator::query(const engine::Storage& storage, const RuleDef& rule, int64_t t,
                                                engine::Vector& out) const {
  if (!rule.engine_error.empty()) return rule.engine_error;
  auto result = engine::evaluate_instant(storage, rule.ast->root(), t, settings_.engine, &cache_);
  if (!result) return result.error().message;
  return to_vector(std::move(result->value), t, out);
}

std::optional<std::string> RuleEvaluator::eval_alerting(const engine::Storage& storage, const GroupDef& group,
                                                        RuleState& rule, int64_t ts, engine::Vector& out) {
  const RuleDef& def = *rule.def;
  const int64_t t = ts - group.query_offset_ms;
  engine::Vector result;
  if (auto error = query(storage, def, t, result)) return error;

  gotemplate::ExpandContext context;
  context.eval_time_ms = ts;
  context.query = [&](std::string_view q) -> Result<std::vector<gotemplate::QuerySample>> {
    auto parsed = promql::parse(q, settings_.engine_features);
    if (parsed.error) return fail(promql::format_error(q, *parsed.error));
    auto r = engine::evaluate_instant(storage, parsed.ast->root(), ts, settings_.engine);
    if (!r) return fail(r.error().message);
    engine::Vector v;
    if (auto e = to_vector(std::move(r->value), ts, v)) return fail(*e);
    std::vector<gotemplate::QuerySample> samples;
    for (const engine::Sample& s : v) samples.push_back({to_map(s.metric), s.v});
    return samples;
  };
  gotemplate::AlertTemplateData data;
  data.external_labels = settings_.external_labels;
  data.external_url = settings_.external_url;
  auto expand = [&](const Template& tmpl) {
    // Text without an action expands to itself: skip the template machinery.
    if (!has_action(tmpl)) return tmpl.text;
    return gotemplate::field_value(tmpl.parsed->expand(data, context));
  };

  std::unordered_map<engine::Labels, Alert, engine::LabelsHash, engine::LabelsEqual> alerts;
  static constexpr std::string_view kName[] = {engine::kMetricName};
  const bool templated = def.templated;
  const bool fixed_labels = std::none_of(def.label_templates.begin(), def.label_templates.end(), has_action);
  for (const engine::Sample& sample : result) {
    if (templated) data.labels = to_map(sample.metric);
    data.value = sample.v;
    auto make_labels = [&] {
      engine::Labels labels = sample.metric.without(kName);
      for (const Template& tmpl : def.label_templates) labels = labels.with(tmpl.name, expand(tmpl));
      return labels.with("alertname", def.name);
    };
    // Label templates without actions give the same labels for the same series at every step.
    engine::Labels labels = fixed_labels ? relabel(rule.relabelled, sample.metric, make_labels) : make_labels();
    Alert alert;
    for (const Template& tmpl : def.annotation_templates) alert.annotations.emplace_back(tmpl.name, expand(tmpl));
    if (alerts.contains(labels)) return "vector contains metrics with the same labelset after applying alert labels";
    alert.labels = labels;
    alert.active_at = ts;
    alert.value = sample.v;
    alerts.emplace(std::move(labels), std::move(alert));
  }

  for (auto& [labels, alert] : alerts) {
    auto it = rule.active.find(labels);
    if (it != rule.active.end() && it->second.state != AlertState::Inactive) {
      it->second.value = alert.value;
      it->second.annotations = std::move(alert.annotations);
      continue;
    }
    rule.active.insert_or_assign(labels, std::move(alert));
  }

  int64_t active_or_pending = 0;
  for (auto it = rule.active.begin(); it != rule.active.end();) {
    Alert& a = it->second;
    bool erase = false;
    if (!alerts.contains(it->first)) {
      bool keep_firing = false;
      if (a.state == AlertState::Firing && def.keep_firing_for_ms > 0) {
        if (!a.keep_firing_since) a.keep_firing_since = ts;
        if (ts - *a.keep_firing_since < def.keep_firing_for_ms) keep_firing = true;
      }
      if (a.state == AlertState::Pending || (a.resolved_at && ts - *a.resolved_at > kResolvedRetentionMs)) {
        erase = true;
      }
      if (a.state != AlertState::Inactive && !keep_firing) {
        a.state = AlertState::Inactive;
        a.resolved_at = ts;
      }
      if (!keep_firing) {
        it = erase ? rule.active.erase(it) : std::next(it);
        continue;
      }
    } else {
      a.keep_firing_since.reset();
    }
    ++active_or_pending;
    if (a.state == AlertState::Pending && ts - a.active_at >= def.for_ms) {
      a.state = AlertState::Firing;
      a.fired_at = ts;
    }
    if (a.state == AlertState::Firing && ts - a.active_at < def.for_ms) {
      a.state = AlertState::Pending;
      a.fired_at.reset();
      a.keep_firing_since.reset();
    }
    // ALERTS and ALERTS_FOR_STATE: the rule's labels as written, overridden by the alert's.
    if (!a.series_labels) {
      engine::Labels base = def.labels;
      for (const engine::Label& l : a.labels.items()) base = base.with(l.name, l.value);
      const engine::Labels alerts = base.with(engine::kMetricName, "ALERTS").with("alertname", def.name);
      a.series_labels = std::make_shared<const std::array<engine::Labels, 3>>(std::array<engine::Labels, 3>{
          alerts.with("alertstate", state_name(AlertState::Pending)),
          alerts.with("alertstate", state_name(AlertState::Firing)),
          base.with(engine::kMetricName, "ALERTS_FOR_STATE").with("alertname", def.name)});
    }
    const auto& series = *a.series_labels;
    out.push_back({series[a.state == AlertState::Firing ? 1 : 0], t, 1});
    out.push_back({series[2], t, static_cast<double>(unix_seconds(a.active_at))});
    it = erase ? rule.active.erase(it) : std::next(it);
  }
  if (group.limit > 0 && active_or_pending > group.limit) {
    rule.active.clear();
    return "exceeded limit of " + std::to_string(group.limit) + " with " + std::to_string(active_or_pending) +
           " alerts";
  }
  return std::nullopt;
}

void RuleEvaluator::eval_rule(engine::Storage& storage, const GroupDef& group, RuleState& rule, int64_t ts) {
  const RuleDef& def = *rule.def;
  const int64_t t = ts - group.query_offset_ms;
  engine::Vector out;
  if (def.alerting) {
    if (auto error = eval_alerting(storage, group, rule, ts, out)) {
      rule.last_error = std::move(error);
      return;
    }
  } else {
    if (auto error = query(storage, def, t, out)) {
      rule.last_error = std::move(error);
      return;
    }
    std::unordered_set<const engine::Labels*, engine::LabelsHash, engine::LabelsEqual> seen;
    for (engine::Sample& s : out) {
      s.metric = relabel(rule.relabelled, s.metric, [&] {
        engine::Labels named = s.metric.with(engine::kMetricName, def.name);
        for (const engine::Label& l : def.labels.items()) named = named.with(l.name, l.value);
        return named;
      });
      s.t = t;
      if (!seen.insert(&s.metric).second) {
        rule.last_error = "vector contains metrics with the same labelset after applying rule labels";
        return;
      }
    }
    if (group.limit > 0 && static_cast<int64_t>(out.size()) > group.limit) {
      rule.last_error =
          "exceeded limit of " + std::to_string(group.limit) + " with " + std::to_string(out.size()) + " series";
      return;
    }
    if (!out.empty()) recorded_.insert(&def);
  }
  rule.last_error.reset();
  std::vector<engine::StoredSeries*> returned;
  returned.reserve(out.size());
  for (const engine::Sample& s : out) {
    engine::StoredSeries* series = nullptr;
    if (auto error = append_sample(storage, s.metric, s.t, s.v, &series)) {
      rule.last_error = std::move(error);
    } else {
      returned.push_back(series);
    }
  }
  if (!rule.previous.empty()) {
    std::sort(returned.begin(), returned.end());
    for (engine::StoredSeries* series : rule.previous) {
      // A series no longer returned ends with a stale marker; refusals are expected (another rule
      // may write it) and ignored, as Prometheus does.
      if (!std::binary_search(returned.begin(), returned.end(), series)) {
        engine::Storage::append(*series, t, engine::stale_nan());
      }
    }
  }
  rule.previous = std::move(returned);
}

std::vector<RuleError> RuleEvaluator::evaluate(engine::Storage& storage, int64_t ts) {
  std::vector<RuleError> errors;
  for (GroupState& g : groups_) {
    for (RuleState& r : g.rules) eval_rule(storage, *g.def, r, ts);
    for (const RuleState& r : g.rules) {
      if (r.last_error) errors.push_back({r.def->name, *r.last_error});
    }
  }
  return errors;
}

std::vector<const Alert*> RuleEvaluator::firing_alerts(std::string_view name) const {
  std::vector<const Alert*> out;
  for (const GroupState& g : groups_) {
    for (const RuleState& r : g.rules) {
      if (!r.def->alerting || r.def->name != name) continue;
      for (const auto& [labels, alert] : r.active) {
        if (alert.state == AlertState::Firing && !alert.resolved_at) out.push_back(&alert);
      }
    }
  }
  return out;
}

bool RuleEvaluator::defines_alert(std::string_view name) const {
  for (const GroupState& g : groups_) {
    for (const RuleState& r : g.rules) {
      if (r.def->alerting && r.def->name == name) return true;
    }
  }
  return false;
}

}  // namespace mlmon::ruletest
