#include "ruletest/runner.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <thread>

#include "core/go_quote.hpp"
#include "core/go_regexp.hpp"
#include "engine/engine.hpp"
#include "engine/float_histogram.hpp"
#include "gotemplate/go_time.hpp"
#include "promql/duration.hpp"
#include "promql/error.hpp"
#include "promql/parser.hpp"
#include "ruletest/go_path.hpp"
#include "ruletest/group_eval.hpp"
#include "ruletest/input_series.hpp"
#include "ruletest/promtool_text.hpp"
#include "ruletest/rule_set.hpp"
#include "ruletest/series_desc.hpp"

namespace mlmon::ruletest {

namespace {
// Go's %f.
std::string fixed6(double v) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%f", v);
  return buf;
}
}  // namespace

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::Decode: return "decode";
    case FailureKind::Config: return "config";
    case FailureKind::RuleFile: return "rule-file";
    case FailureKind::Series: return "series";
    case FailureKind::RuleEval: return "rule-eval";
    case FailureKind::Alert: return "alert";
    case FailureKind::Expr: return "expr";
    case FailureKind::ExprError: return "expr-error";
    case FailureKind::SilentPass: return "silent-pass";
    case FailureKind::Limit: return "limit";
  }
  return "failure";
}

bool FileResult::passed() const { return failure_count() == 0; }

std::size_t FileResult::failure_count() const {
  std::size_t n = abort ? 1 : 0;
  n += file_failures.size();
  for (const GroupResult& g : groups) n += g.failures.size();
  return n;
}

std::expected<std::shared_ptr<const re2::RE2>, std::string> compile_run_filter(
    const std::vector<std::string>& patterns) {
  std::string joined;
  for (const std::string& p : patterns) {
    if (!joined.empty()) joined += '|';
    joined += p;
  }
  const std::string re2_pattern = go_regexp::to_re2(joined);
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<re2::RE2>(re2_pattern, options);
  if (!re->ok()) return std::unexpected(go_regexp::error_message(*re, re->error_arg(), joined));
  if (auto e = go_regexp::go_only_error(joined); !e.empty()) return std::unexpected(e);
  return std::shared_ptr<const re2::RE2>(std::move(re));
}

namespace {

constexpr int64_t kLookbackMs = 5 * 60 * 1000;

std::string duration_text(int64_t ms) { return promql::format_duration_ms(ms); }

// time.Now().Format("2006-01-02T15:04:05") in local time.
std::string local_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

bool equal_value(double a, double b, bool fuzzy) {
  if (a == b) return true;
  if (!fuzzy) return false;
  return std::nextafter(a, -INFINITY) == b || std::nextafter(a, INFINITY) == b;
}

class FileRunner {
 public:
  FileRunner(const std::string& path, const RunOptions& options) : options_(options) { result_.path = path; }

  FileResult run() {
    auto text = gopath::read_file(result_.path);
    if (!text) {
      abort(FailureKind::Decode, text.error().message, text.error().message, {});
      return std::move(result_);
    }
    source_ = std::make_shared<SourceFile>(result_.path, std::move(*text));
    decoded_ = decode_test_file(source_);
    if (!decoded_.ok()) {
      const DecodeProblem& first = decoded_.problems.front();
      abort(FailureKind::Decode, decoded_.promtool_error(), first.message, first.pos);
      for (const DecodeProblem& p : decoded_.problems) {
        result_.abort_details.push_back(failure(FailureKind::Decode, p.message, p.message, p.pos));
      }
      return std::move(result_);
    }
    const TestFile& file = decoded_.file;
    if (!resolve_rule_files(file)) return std::move(result_);
    result_.timestamp = local_timestamp();
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < file.group_eval_order.size(); ++i) {
      const PathEntry& name = file.group_eval_order[i];
      if (!order.emplace(name.value, i).second) {
        const std::string e = "group name repeated in evaluation order: " + name.value;
        abort(FailureKind::Config, e, e, name.where.pos);
        return std::move(result_);
      }
    }
    RuleLoadOptions load;
    load.ignore_unknown_fields = options_.ignore_unknown_fields;
    load.features = options_.features;
    load.engine_features = test_engine_features();
    rules_ = load_rule_files(rule_files_, load);
    // The groups in evaluation order: by their place in group_eval_order (unlisted ones count as
    // the first place, as promtool's sort does), otherwise in file order. promtool leaves ties in
    // Go's random map order; file order is one of the orders it may pick.
    for (const GroupDef& g : rules_.groups) ordered_.push_back(&g);
    std::stable_sort(ordered_.begin(), ordered_.end(), [&](const GroupDef* a, const GroupDef* b) {
      auto rank = [&](const GroupDef* g) {
        auto it = order.find(g->name);
        return it == order.end() ? std::size_t{0} : it->second;
      };
      return rank(a) < rank(b);
    });
    for (const GroupDef& g : rules_.groups) {
      for (const RuleDef& r : g.rules) {
        result_.coverage.push_back({g.file, g.name, r.name, r.alerting, r.pos, false});
        coverage_index_.push_back(&r);
      }
    }
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < file.tests.size(); ++i) {
      if (!options_.run || re2::RE2::PartialMatch(file.tests[i].name, *options_.run)) selected.push_back(i);
    }
    // Test groups are independent (each has its own storage): they may run at once.
    std::vector<GroupResult> groups(selected.size());
    std::vector<std::vector<char>> covered(selected.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t k = next++; k < selected.size(); k = next++) {
        groups[k] = run_group(file.tests[selected[k]], selected[k], covered[k]);
      }
    };
    const std::size_t threads =
        std::clamp<std::size_t>(options_.group_jobs, 1, std::max<std::size_t>(selected.size(), 1));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    result_.groups = std::move(groups);
    for (const std::vector<char>& c : covered) {
      for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i]) result_.coverage[i].covered = true;
      }
    }
    return std::move(result_);
  }

 private:
  Failure failure(FailureKind kind, std::string promtool_text, std::string message, Position pos) const {
    Failure f;
    f.kind = kind;
    f.promtool_text = std::move(promtool_text);
    f.message = std::move(message);
    f.file = result_.path;
    f.pos = pos;
    return f;
  }

  void abort(FailureKind kind, std::string promtool_text, std::string message, Position pos) {
    result_.abort = failure(kind, std::move(promtool_text), std::move(message), pos);
  }

  Position rule_file_entry(const std::string& file) const {
    for (const auto& [f, pos] : rule_file_entries_) {
      if (f == file) return pos;
    }
    return {};
  }

  // rule_files: relative to the test file's directory, then globbed.
  bool resolve_rule_files(const TestFile& file) {
    const std::string base = gopath::dir(result_.path);
    for (const PathEntry& entry : file.rule_files) {
      std::string pattern = entry.value;
      if (!pattern.empty() && !gopath::is_abs(pattern)) pattern = gopath::join(base, pattern);
      auto matches = gopath::glob(pattern);
      if (!matches) {
        abort(FailureKind::Config, matches.error(), "rule_files: " + matches.error() + ": " + go::quote(entry.value),
              entry.where.pos);
        return false;
      }
      if (matches->empty()) {
        result_.warnings.push_back("  WARNING: no file match pattern " + pattern);
        if (!options_.compat) {
          const std::string m =
              "rule_files: pattern " + go::quote(entry.value) +
              " matches no file, so no rule of it is tested (promtool only warns; --compat accepts it)";
          result_.file_failures.push_back(failure(FailureKind::SilentPass, m, m, entry.where.pos));
        }
      }
      for (const std::string& m : *matches) rule_file_entries_.emplace_back(m, entry.where.pos);
      rule_files_.insert(rule_files_.end(), matches->begin(), matches->end());
    }
    return true;
  }

  GroupResult run_group(const TestGroup& tg, std::size_t index, std::vector<char>& covered) const {
    GroupResult out;
    out.name = tg.display_name(index);
    out.index = index;
    out.pos = first_known(tg.name_at, tg.where);
    covered.assign(coverage_index_.size(), 0);
    GroupRun run(*this, tg, out, covered);
    run.execute();
    return out;
  }

  // One test group's run (testGroup.test).
  class GroupRun {
   public:
    GroupRun(const FileRunner& file, const TestGroup& tg, GroupResult& out, std::vector<char>& covered)
        : f_(file), tg_(tg), out_(out), covered_(covered), eval_interval_(file.decoded_.file.evaluation_interval_ms) {}

    void execute() {
      const int64_t interval = tg_.interval_ms != 0 ? tg_.interval_ms : eval_interval_;
      mint_ = tg_.start_ms.value_or(0);
      SeriesLoad load = load_input_series(tg_.input_series, interval, mint_);
      if (load.error) {
        add(FailureKind::Series, load.error->promtool_text, "input series: " + load.error->message,
            error_position(*f_.source_, *load.error));
        return;
      }
      series_ = std::move(load.series);
      if (!f_.rules_.ok()) {
        // mlmon reports it at the test file's rule_files entry that loads the refused file (the
        // rule file's own problems are findings of the rule file).
        const Diagnostic* first = f_.rules_.findings.empty() ? nullptr : &f_.rules_.findings.front();
        const std::string why = first ? first->message : f_.rules_.promtool_errors.front();
        for (const std::string& e : f_.rules_.promtool_errors) {
          add(FailureKind::RuleFile, e,
              "rule file " + f_.rules_.refused_file + " does not load, so the tests cannot run: " + why,
              f_.rule_file_entry(f_.rules_.refused_file));
          if (&e == &f_.rules_.promtool_errors.front()) {
            out_.failures.back().details = f_.rules_.findings;
          } else {
            out_.failures.back().repeat = true;
          }
        }
        return;
      }
      for (const AlertTest& a : tg_.alert_tests) {
        if (a.alertname.empty()) {
          std::string e = "an item under alert_rule_test misses required attribute alertname at eval_time " +
                          duration_text(a.eval_time_ms);
          if (!tg_.name.empty()) e += " (in TestGroup " + tg_.name + ")";
          add(FailureKind::Config, e, e, a.where.pos);
          return;
        }
      }
      max_eval_ = tg_.max_eval_time_ms();
      const int64_t maxt = mint_ + max_eval_;
      const int64_t steps = max_eval_ / eval_interval_ + 1;
      if (steps > f_.options_.max_steps && !f_.ordered_.empty()) {
        const std::string e = "    eval_time " + duration_text(max_eval_) + " at evaluation_interval " +
                              duration_text(eval_interval_) + " needs " + std::to_string(steps) +
                              " evaluations of the rules; mlmon runs at most " + std::to_string(f_.options_.max_steps) +
                              " per test group (raise evaluation_interval or lower eval_time)";
        add(FailureKind::Limit, e, e.substr(4), tg_.where.pos);
        return;
      }
      for (const LoadedSeries& s : series_) {
        if (s.native_histograms) storage_.mark_native_histograms(s.labels);
        if (!s.samples.empty()) last_sample_ = std::max(last_sample_.value_or(INT64_MIN), s.samples.back().t);
        if (!s.histograms.empty()) last_sample_ = std::max(last_sample_.value_or(INT64_MIN), s.histograms.back().t);
      }
      cursors_.assign(series_.size(), 0);
      histogram_cursors_.assign(series_.size(), 0);
      for (const LoadedSeries& s : series_) handles_.push_back(s.labels.empty() ? nullptr : &storage_.series(s.labels));
      EvalSettings settings;
      settings.engine = engine_options();
      settings.engine_features = test_engine_features();
      for (const auto& [k, v] : tg_.external_labels) settings.external_labels[k] = v;
      settings.external_url = tg_.external_url;
      RuleEvaluator evaluator(f_.ordered_, std::move(settings));
      evaluator_ = &evaluator;

      std::map<int64_t, std::vector<const AlertTest*>> alert_tests;
      for (const AlertTest& a : tg_.alert_tests) alert_tests[a.eval_time_ms].push_back(&a);
      auto next_alerts = alert_tests.begin();
      if (steps > f_.options_.max_steps) {
        // No rules: nothing changes between steps but the samples, so load them at once.
        append_until(maxt);
        for (; next_alerts != alert_tests.end(); ++next_alerts) check_alerts(next_alerts->second);
      } else {
        for (int64_t ts = mint_; ts <= maxt; ts += eval_interval_) {
          if (append_until(ts)) {
            const std::vector<RuleError> errors = evaluator.evaluate(storage_, ts);
            if (!errors.empty()) {
              for (const RuleError& e : errors) {
                const std::string text = "    rule: " + e.rule +
                                         ", time: " + gotemplate::go::duration_string(ts * 1'000'000) +
                                         ", err: " + e.message;
                // Found in the rule file, so reported there: the test file has no place for it.
                const RuleDef* rule = find_rule(e.rule);
                Failure failure =
                    f_.failure(FailureKind::RuleEval, text,
                               "rule " + e.rule + " failed at " + duration_text(ts - mint_) + ": " + e.message,
                               rule != nullptr ? rule->pos : Position{});
                if (rule != nullptr) failure.file = rule->file;
                out_.failures.push_back(std::move(failure));
              }
              finish_coverage();
              return;
            }
          }
          // An alert test at eval_time t is checked against the evaluation at ts <= t < ts+interval.
          while (next_alerts != alert_tests.end() && ts - mint_ <= next_alerts->first &&
                 next_alerts->first < ts + eval_interval_ - mint_) {
            check_alerts(next_alerts->second);
            ++next_alerts;
          }
        }
      }
      for (const ExprTest& e : tg_.expr_tests) check_expr(e);
      finish_coverage();
    }

   private:
    engine::EvalOptions engine_options() const {
      engine::EvalOptions o;
      o.lookback_delta_ms = kLookbackMs;
      o.max_samples = 10000;
      o.default_subquery_step_ms = eval_interval_;
      o.delayed_name_removal = f_.options_.delayed_name_removal;
      o.enable_at_modifier = f_.options_.at_modifier;
      o.enable_negative_offset = f_.options_.negative_offset;
      o.max_points_per_series = 0;
      return o;
    }

    void add(FailureKind kind, std::string promtool_text, std::string message, Position pos) {
      out_.failures.push_back(f_.failure(kind, std::move(promtool_text), std::move(message), pos));
    }

    const RuleDef* find_rule(const std::string& name) const {
      for (const GroupDef* g : f_.ordered_) {
        for (const RuleDef& r : g->rules) {
          if (r.name == name) return &r;
        }
      }
      return nullptr;
    }

    // LazyLoader.appendTill: every input sample up to ts. False when a sample is refused (promtool
    // then skips the rules at this step and reports the refusal).
    bool append_until(int64_t ts) {
      // promtool appends a step's samples in one storage transaction, which is never committed
      // when a sample is refused; an invalid histogram stays pending and is refused again at every
      // later step, so from then on nothing is stored. Checked before anything is appended.
      for (std::size_t i = 0; i < series_.size(); ++i) {
        const LoadedSeries& s = series_[i];
        for (std::size_t hc = histogram_cursors_[i]; hc < s.histograms.size() && s.histograms[hc].t <= ts; ++hc) {
          if (auto invalid = s.histograms[hc].h->validate()) {
            add(FailureKind::Series, *invalid, "input series: " + *invalid,
                s.source != nullptr ? s.source->where.pos : Position{});
            return false;
          }
        }
      }
      bool ok = true;
      for (std::size_t i = 0; i < series_.size(); ++i) {
        const LoadedSeries& s = series_[i];
        std::size_t& c = cursors_[i];
        std::size_t& hc = histogram_cursors_[i];
        // Floats and histograms of the series, merged in time order.
        for (;;) {
          const bool histogram = hc < s.histograms.size() && s.histograms[hc].t <= ts &&
                                 (c >= s.samples.size() || s.histograms[hc].t < s.samples[c].t);
          if (!histogram && !(c < s.samples.size() && s.samples[c].t <= ts)) break;
          auto error = handles_[i] == nullptr ? std::optional<std::string>("empty labelset: invalid sample")
                       : histogram
                           ? engine::Storage::append_histogram(*handles_[i], s.histograms[hc].t, s.histograms[hc].h)
                           : engine::Storage::append(*handles_[i], s.samples[c].t, s.samples[c].v);
          if (error) {
            // The sample stays pending: promtool tries it again at the next step.
            add(FailureKind::Series, *error, "input series: " + *error,
                s.source != nullptr ? s.source->where.pos : Position{});
            ok = false;
            break;
          }
          ++(histogram ? hc : c);
        }
      }
      return ok;
    }

    // True when the test runs after every input series has ended, by more than the lookback:
    // then nothing the rules compute from the input can show, and expecting nothing proves nothing.
    bool past_input(int64_t eval_time_ms) const {
      return last_sample_ && mint_ + eval_time_ms > *last_sample_ + kLookbackMs;
    }

    std::string silent_past_input(int64_t eval_time_ms) const {
      return "eval_time " + duration_text(eval_time_ms) + " is after the last input sample (at " +
             duration_text(*last_sample_ - mint_) +
             ") by more than the 5m lookback, so expecting nothing "
             "proves nothing (--compat accepts it)";
    }

    std::string name_line() const { return tg_.name.empty() ? "" : "    name: " + tg_.name + ",\n"; }

    void check_alerts(const std::vector<const AlertTest*>& tests) {
      for (const AlertTest* t : tests) {
        std::vector<AlertValue> got;
        for (const Alert* a : evaluator_->firing_alerts(t->alertname)) {
          std::vector<engine::Label> annotations;
          for (const auto& [k, v] : a->annotations) annotations.push_back({k, v});
          got.push_back({a->labels, engine::Labels(std::move(annotations))});
        }
        std::vector<AlertValue> expected;
        for (const ExpectedAlert& e : t->exp_alerts) {
          std::vector<engine::Label> labels;
          for (const auto& [k, v] : e.labels) labels.push_back({k, v});
          labels.push_back({"alertname", t->alertname});
          std::vector<engine::Label> annotations;
          for (const auto& [k, v] : e.annotations) annotations.push_back({k, v});
          expected.push_back({engine::Labels(std::move(labels)), engine::Labels(std::move(annotations))});
          // Coverage: this test expects the alert to fire.
          mark_alert_covered(t->alertname);
        }
        sort_alerts(got);
        sort_alerts(expected);
        const bool same = std::equal(expected.begin(), expected.end(), got.begin(), got.end(),
                                     [](const AlertValue& a, const AlertValue& b) {
                                       return a.labels == b.labels && a.annotations == b.annotations;
                                     });
        const Position pos = first_known(t->alertname_at, t->where);
        if (!same) {
          auto text = alert_failure_text(name_line(), t->alertname, duration_text(t->eval_time_ms), expected, got,
                                         f_.options_.diff);
          if (!text) continue;  // promtool's --diff found nothing to show, and reports nothing
          Failure fl = f_.failure(FailureKind::Alert, std::move(*text),
                                  "alert " + t->alertname + " at " + duration_text(t->eval_time_ms) + ": expected " +
                                      std::to_string(expected.size()) + " firing, got " + std::to_string(got.size()) +
                                      (expected.size() == got.size() ? " that differ" : ""),
                                  pos);
          fl.alertname = t->alertname;
          fl.eval_time_ms = t->eval_time_ms;
          fl.expected_alerts = std::move(expected);
          fl.got_alerts = std::move(got);
          out_.failures.push_back(std::move(fl));
          continue;
        }
        if (f_.options_.compat || !expected.empty()) continue;
        if (!evaluator_->defines_alert(t->alertname)) {
          const std::string m = "no alerting rule of the rule files is named " + go::quote(t->alertname) +
                                ": a test that expects no alert from it passes whatever the rules do (--compat "
                                "accepts it)";
          Failure fl = f_.failure(FailureKind::SilentPass,
                                  name_line() + "    alertname: " + t->alertname +
                                      ", time: " + duration_text(t->eval_time_ms) + ", err: " + m,
                                  m, pos);
          fl.alertname = t->alertname;
          fl.eval_time_ms = t->eval_time_ms;
          out_.failures.push_back(std::move(fl));
        } else if (past_input(t->eval_time_ms)) {
          const std::string m = silent_past_input(t->eval_time_ms);
          Failure fl = f_.failure(FailureKind::SilentPass,
                                  name_line() + "    alertname: " + t->alertname +
                                      ", time: " + duration_text(t->eval_time_ms) + ", err: " + m,
                                  m, first_known(t->eval_time_at, t->where));
          fl.alertname = t->alertname;
          fl.eval_time_ms = t->eval_time_ms;
          out_.failures.push_back(std::move(fl));
        }
      }
    }

    static void sort_alerts(std::vector<AlertValue>& v) {
      std::sort(v.begin(), v.end(), [](const AlertValue& a, const AlertValue& b) {
        const int c = compare(a.labels, b.labels);
        if (c != 0) return c < 0;
        return compare(a.annotations, b.annotations) < 0;
      });
    }

    void mark_alert_covered(const std::string& name) {
      for (std::size_t i = 0; i < f_.coverage_index_.size(); ++i) {
        const RuleDef* r = f_.coverage_index_[i];
        if (r->alerting && r->name == name) covered_[i] = 1;
      }
    }

    void finish_coverage() {
      if (evaluator_ == nullptr) return;
      for (std::size_t i = 0; i < f_.coverage_index_.size(); ++i) {
        if (evaluator_->recorded_rules().contains(f_.coverage_index_[i])) covered_[i] = 1;
      }
    }

    void check_expr(const ExprTest& e) {
      const std::string head = "    expr: " + go::quote(e.expr) + ", time: " + duration_text(e.eval_time_ms);
      const Position pos = first_known(e.expr_at, e.where);
      auto error = [&](const std::string& message, Position at) {
        Failure fl =
            f_.failure(FailureKind::ExprError, head + ", err: " + message,
                       "expr " + go::quote(e.expr) + " at " + duration_text(e.eval_time_ms) + ": " + message, at);
        fl.expr = e.expr;
        fl.eval_time_ms = e.eval_time_ms;
        out_.failures.push_back(std::move(fl));
      };
      const int64_t t = mint_ + e.eval_time_ms;
      auto parsed = promql::parse(e.expr, test_engine_features());
      if (parsed.error) {
        const Position at = e.expr_at.known() ? e.expr_at.at(*f_.source_, e.expr, parsed.error->begin) : pos;
        return error(promql::format_error(e.expr, *parsed.error), at);
      }
      // Only here may the query return native histograms: rules still refuse them (group_eval
      // would store them as floats).
      engine::EvalOptions options = engine_options();
      options.native_histograms = true;
      auto result = engine::evaluate_instant(storage_, parsed.ast->root(), t, options);
      if (!result) return error(result.error().message, pos);
      std::vector<SampleValue> got;
      if (const auto* v = std::get_if<engine::Vector>(&result->value)) {
        for (const engine::Sample& s : *v) got.push_back({s.metric, s.v, s.h ? s.h->test_expression() : std::string()});
      } else if (const auto* s = std::get_if<engine::Scalar>(&result->value)) {
        got.push_back({engine::Labels(), s->v, {}});
      } else {
        return error("rule result is not a vector or scalar", pos);
      }
      std::vector<SampleValue> expected;
      for (const ExpectedSample& s : e.exp_samples) {
        auto labels = parse_metric(s.labels);
        if (!labels) {
          const Position at =
              s.labels_at.known() ? s.labels_at.at(*f_.source_, s.labels, labels.error().offset) : s.where.pos;
          return error("labels " + go::quote(s.labels) + ": " + format_parse_error(s.labels, labels.error()), at);
        }
        std::string histogram;
        if (!s.histogram.empty()) {
          // promtool parses "{} " + histogram as a series description and wants one histogram.
          const std::string desc = "{} " + s.histogram;
          auto parsed_h = parse_series_desc(desc);
          std::string message;
          if (!parsed_h) {
            message = format_parse_error(desc, parsed_h.error());
          } else if (parsed_h->values.size() != 1) {
            message = "expected 1 value, got " + std::to_string(parsed_h->values.size());
          } else if (!parsed_h->values[0].histogram) {
            // SequenceValue.String(): "_" or %f.
            const double v = parsed_h->values[0].value;
            message = "expected histogram, got " + (parsed_h->values[0].omitted ? std::string("_")
                                                    : std::isnan(v)             ? std::string("NaN")
                                                    : std::isinf(v)             ? std::string(v > 0 ? "+Inf" : "-Inf")
                                                                                : fixed6(v));
          } else {
            histogram = parsed_h->histograms[parsed_h->values[0].index].test_expression();
          }
          if (!message.empty()) return error("labels " + go::quote(s.labels) + ": " + message, s.where.pos);
        }
        expected.push_back({std::move(*labels), s.value, std::move(histogram)});
      }
      auto by_labels = [](const SampleValue& a, const SampleValue& b) { return compare(a.labels, b.labels) < 0; };
      std::stable_sort(expected.begin(), expected.end(), by_labels);
      std::stable_sort(got.begin(), got.end(), by_labels);
      const bool fuzzy = f_.decoded_.file.fuzzy_compare;
      const bool same = std::equal(
          expected.begin(), expected.end(), got.begin(), got.end(), [&](const SampleValue& a, const SampleValue& b) {
            return a.labels == b.labels && equal_value(a.value, b.value, fuzzy) && a.histogram == b.histogram;
          });
      if (!same) {
        Failure fl =
            f_.failure(FailureKind::Expr, expr_failure_text(e.expr, duration_text(e.eval_time_ms), expected, got),
                       "expr " + go::quote(e.expr) + " at " + duration_text(e.eval_time_ms) + ": expected " +
                           std::to_string(expected.size()) + " sample" + (expected.size() == 1 ? "" : "s") + ", got " +
                           std::to_string(got.size()) + (expected.size() == got.size() ? " that differ" : ""),
                       pos);
        fl.expr = e.expr;
        fl.eval_time_ms = e.eval_time_ms;
        fl.expected_samples = std::move(expected);
        fl.got_samples = std::move(got);
        out_.failures.push_back(std::move(fl));
        return;
      }
      if (!f_.options_.compat && expected.empty() && past_input(e.eval_time_ms)) {
        const std::string m = silent_past_input(e.eval_time_ms);
        Failure fl = f_.failure(FailureKind::SilentPass, head + ", err: " + m, m, first_known(e.eval_time_at, e.where));
        fl.expr = e.expr;
        fl.eval_time_ms = e.eval_time_ms;
        out_.failures.push_back(std::move(fl));
      }
    }

    const FileRunner& f_;
    const TestGroup& tg_;
    GroupResult& out_;
    std::vector<char>& covered_;
    int64_t eval_interval_;
    int64_t mint_ = 0;
    int64_t max_eval_ = 0;
    std::vector<LoadedSeries> series_;
    std::vector<std::size_t> cursors_;
    std::vector<std::size_t> histogram_cursors_;
    std::vector<engine::StoredSeries*> handles_;  // the storage's series of each input series
    std::optional<int64_t> last_sample_;
    engine::Storage storage_;
    RuleEvaluator* evaluator_ = nullptr;
  };

  const RunOptions& options_;
  FileResult result_;
  SourceFilePtr source_;
  DecodedTestFile decoded_;
  std::vector<std::string> rule_files_;
  std::vector<std::pair<std::string, Position>> rule_file_entries_;  // file -> its rule_files entry
  LoadedRules rules_;
  std::vector<const GroupDef*> ordered_;
  std::vector<const RuleDef*> coverage_index_;
};

}  // namespace

FileResult run_test_file(const std::string& path, const RunOptions& options) {
  FileRunner runner(path, options);
  FileResult result = runner.run();
  return result;
}

}  // namespace mlmon::ruletest
