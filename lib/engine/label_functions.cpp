// Functions over series labels rather than samples: label_replace, label_join (engine.go's
// evalLabelReplace/evalLabelJoin) and the experimental info() (info.go).
#include <re2/re2.h>

#include <algorithm>

#include "core/go_quote.hpp"
#include "core/unicode.hpp"
#include "engine/evaluator.hpp"
#include "engine/function_helpers.hpp"
#include "engine/matcher.hpp"

namespace mlmon::engine::detail {

using promql::Node;

// ---- label_replace / label_join ----

namespace {

// regexp.Expand's $name / ${name} parsing.
bool extract_group_name(std::string_view s, std::string_view& name, int& num, size_t& consumed) {
  if (s.empty()) return false;
  bool brace = false;
  size_t start = 0;
  if (s[0] == '{') {
    brace = true;
    start = 1;
  }
  size_t i = start;
  while (i < s.size()) {
    const auto r = unicode::decode(s, i);
    if (!(unicode::is_letter_or_digit(r.rune) || r.rune == '_')) break;
    i += r.width;
  }
  if (i == start) return false;
  name = s.substr(start, i - start);
  if (brace) {
    if (i >= s.size() || s[i] != '}') return false;
    ++i;
  }
  num = 0;
  for (char ch : name) {
    if (ch < '0' || ch > '9' || num >= 100000000) {
      num = -1;
      break;
    }
    num = num * 10 + (ch - '0');
  }
  if (name[0] == '0' && name.size() > 1) num = -1;
  consumed = i;
  return true;
}

std::string expand_template(const re2::RE2& re, std::string_view tmpl, std::span<const std::string_view> groups,
                            std::span<const char> matched) {
  std::string out;
  while (!tmpl.empty()) {
    const size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    std::string_view name;
    int num = 0;
    size_t consumed = 0;
    if (!extract_group_name(tmpl, name, num, consumed)) {
      out.push_back('$');
      continue;
    }
    tmpl.remove_prefix(consumed);
    if (num >= 0) {
      if (static_cast<size_t>(num) < groups.size() && matched[static_cast<size_t>(num)]) {
        out.append(groups[static_cast<size_t>(num)]);
      }
    } else {
      const auto& names = re.NamedCapturingGroups();
      if (auto it = names.find(std::string(name)); it != names.end()) {
        const auto idx = static_cast<size_t>(it->second);
        if (idx < groups.size() && matched[idx]) out.append(groups[idx]);
      }
    }
  }
  out.append(tmpl);
  return out;
}

}  // namespace

EMatrix Evaluator::eval_label_replace(const std::vector<const Node*>& args) {
  const std::string_view dst = string_arg(args[1]);
  const std::string_view repl = string_arg(args[2]);
  const std::string_view src = string_arg(args[3]);
  const std::string_view pattern = string_arg(args[4]);
  const auto re = compile_anchored(pattern);
  if (!re) fail("invalid regular expression in label_replace(): " + std::string(pattern));
  if (!is_valid_label_name(dst)) fail("invalid destination label name in label_replace(): " + std::string(dst));
  EMatrix m = eval(*args[0]);
  const auto ngroups = static_cast<size_t>(re->NumberOfCapturingGroups()) + 1;
  std::vector<re2::StringPiece> pieces(ngroups);
  std::vector<std::string_view> groups(ngroups);
  std::vector<char> matched(ngroups);
  for (ESeries& s : m) {
    q_.charge(1);
    const std::string_view value = s.metric->get(src);
    if (!re->Match(value, 0, value.size(), re2::RE2::UNANCHORED, pieces.data(), static_cast<int>(ngroups))) continue;
    for (size_t i = 0; i < ngroups; ++i) {
      matched[i] = pieces[i].data() != nullptr;
      groups[i] = matched[i] ? std::string_view(pieces[i].data(), pieces[i].size()) : std::string_view();
    }
    const std::string res = expand_template(*re, repl, groups, matched);
    s.metric = q_.pool.intern(s.metric->with(dst, res));
    s.drop_name = dst == kMetricName ? false : s.drop_name;
  }
  return merge_same_labelset(std::move(m));
}

EMatrix Evaluator::eval_label_join(const std::vector<const Node*>& args) {
  const std::string_view dst = string_arg(args[1]);
  const std::string_view sep = string_arg(args[2]);
  std::vector<std::string_view> srcs;
  for (size_t i = 3; i < args.size(); ++i) {
    const std::string_view src = string_arg(args[i]);
    if (!is_valid_label_name(src)) fail("invalid source label name in label_join(): " + std::string(src));
    srcs.push_back(src);
  }
  if (!is_valid_label_name(dst)) fail("invalid destination label name in label_join(): " + std::string(dst));
  EMatrix m = eval(*args[0]);
  for (ESeries& s : m) {
    q_.charge(1);
    std::string joined;
    for (size_t i = 0; i < srcs.size(); ++i) {
      if (i > 0) joined += sep;
      joined += s.metric->get(srcs[i]);
    }
    s.metric = q_.pool.intern(s.metric->with(dst, joined));
    s.drop_name = dst == kMetricName ? false : s.drop_name;
  }
  return merge_same_labelset(std::move(m));
}

// ---- info() ----

namespace {

constexpr std::string_view kIdentifyingLabels[] = {"instance", "job"};

// effectiveInfoNameMatchers: the __name__ matchers that select info series.
std::vector<Matcher> effective_info_name_matchers(std::vector<Matcher> matchers) {
  for (const Matcher& m : matchers) {
    if (m.op() == promql::MatchOp::equal || m.op() == promql::MatchOp::regex) return matchers;
  }
  if (!matchers.empty()) {
    matchers.insert(matchers.begin(), Matcher("__name__", promql::MatchOp::regex, ".+_info"));
    return matchers;
  }
  return {Matcher("__name__", promql::MatchOp::equal, "target_info")};
}

// regexp.QuoteMeta.
std::string quote_meta(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The join key of a series with the info metric `name`: the name and the identifying labels.
std::string info_signature(std::string_view name, const Labels& l) {
  std::string sig(name);
  for (std::string_view id : kIdentifyingLabels) {
    sig.push_back('\xff');
    sig += id;
    sig.push_back('=');
    if (l.has(id)) {
      sig.push_back('1');
      sig += l.get(id);
    }
  }
  return sig;
}

}  // namespace

EMatrix Evaluator::eval_info(const std::vector<const Node*>& args) {
  EMatrix base = eval(*args[0]);
  // Data label matchers by label name, and the matchers on the info metrics' names.
  std::vector<Matcher> data;
  std::vector<Matcher> name_matchers;
  if (args.size() > 1) {
    for (Matcher& m : matchers_of(static_cast<const promql::VectorSelector&>(*args[1]))) {
      if (m.name() == kMetricName) name_matchers.push_back(m);
      data.push_back(std::move(m));
    }
  } else {
    name_matchers.emplace_back("__name__", promql::MatchOp::equal, "target_info");
  }
  // Info series themselves are not enriched.
  const std::vector<Matcher> effective = effective_info_name_matchers(name_matchers);
  std::vector<bool> ignore(base.size(), false);
  for (size_t i = 0; i < base.size(); ++i) {
    const std::string_view n = base[i].metric->get(kMetricName);
    ignore[i] = std::all_of(effective.begin(), effective.end(), [&](const Matcher& m) { return m.matches(n); });
  }
  // Fetch info series sharing identifying label values with the base series.
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> id_values;
  for (size_t i = 0; i < base.size(); ++i) {
    if (ignore[i]) continue;
    for (std::string_view id : kIdentifyingLabels) {
      const std::string_view v = base[i].metric->get(id);
      if (v.empty()) continue;
      auto it = std::find_if(id_values.begin(), id_values.end(), [&](const auto& p) { return p.first == id; });
      if (it == id_values.end()) it = id_values.insert(id_values.end(), {id, {}});
      if (std::find(it->second.begin(), it->second.end(), v) == it->second.end()) it->second.push_back(v);
    }
  }
  std::vector<Matcher> data_labels;  // data matchers without __name__
  for (const Matcher& m : data) {
    if (m.name() != kMetricName) data_labels.push_back(m);
  }
  EMatrix info;
  if (!id_values.empty()) {
    std::vector<Matcher> select;
    for (const auto& [id, values] : id_values) {
      std::string re;
      for (size_t k = 0; k < values.size(); ++k) {
        if (k > 0) re += '|';
        re += quote_meta(values[k]);
      }
      select.emplace_back(std::string(id), promql::MatchOp::regex, re);
    }
    for (const Matcher& m : data_labels) select.push_back(m);
    for (Matcher& m : effective_info_name_matchers(name_matchers)) select.push_back(std::move(m));
    const auto series = q_.storage.select(select);
    const int64_t n = steps();
    const int64_t lookback = q_.options.lookback_delta_ms;
    for (const StoredSeries* s : series) {
      if (s->native_histograms) fail_unsupported(kNativeHistogramsUnsupported);
      if (s->start_timestamps) fail_unsupported("start timestamps (@st) are not supported yet");
      q_.charge(static_cast<uint64_t>(n));
      // The value of each point is the sample's own timestamp (newest info sample wins).
      ESeries es{&s->labels, {}, false};
      for (int64_t k = 0; k < n; ++k) {
        const int64_t ts = start_ + k * interval_;
        if (const Point* p = s->at(ts, lookback)) es.points.push_back({ts, static_cast<double>(p->t)});
      }
      if (!es.points.empty()) {
        q_.add_samples(static_cast<int64_t>(es.points.size()));
        info.push_back(std::move(es));
      }
    }
  }
  std::vector<std::string> info_names;
  for (const ESeries& s : info) {
    const std::string name(s.metric->get(kMetricName));
    if (std::find(info_names.begin(), info_names.end(), name) == info_names.end()) info_names.push_back(name);
  }
  std::vector<std::string> info_sigs;
  for (const ESeries& s : info) info_sigs.push_back(info_signature(s.metric->get(kMetricName), *s.metric));
  const bool any_required =
      std::any_of(data_labels.begin(), data_labels.end(), [](const Matcher& m) { return !m.matches(""); });

  const int64_t n = steps();
  std::vector<size_t> base_cursor(base.size(), 0);
  std::vector<size_t> info_cursor(info.size(), 0);
  std::unordered_map<const Labels*, size_t, LabelsHash, LabelsEqual> index;
  std::vector<int64_t> last_ts;
  EMatrix result;
  for (int64_t k = 0; k < n; ++k) {
    const int64_t ts = start_ + k * interval_;
    q_.charge(base.size() + info.size() + 1);
    // The newest info sample per signature.
    std::unordered_map<std::string, std::pair<size_t, int64_t>> by_sig;
    for (size_t i = 0; i < info.size(); ++i) {
      size_t& c = info_cursor[i];
      if (c >= info[i].points.size() || info[i].points[c].t != ts) continue;
      const auto orig_t = static_cast<int64_t>(info[i].points[c].v);
      ++c;
      auto [it, fresh] = by_sig.emplace(info_sigs[i], std::make_pair(i, orig_t));
      if (fresh) continue;
      if (it->second.second < orig_t) {
        it->second = {i, orig_t};
      } else if (it->second.second == orig_t) {
        fail("found duplicate series for info metric: existing " + info[it->second.first].metric->to_string() + " @ " +
             std::to_string(orig_t) + ", new " + info[i].metric->to_string() + " @ " + std::to_string(orig_t));
      }
    }
    auto emit = [&](const Labels* metric, double v) {
      auto [it, fresh] = index.emplace(metric, result.size());
      if (fresh) {
        result.push_back({metric, {}, false});
        last_ts.push_back(ts);
      } else {
        if (last_ts[it->second] == ts) fail("vector cannot contain metrics with the same labelset");
        last_ts[it->second] = ts;
      }
      result[it->second].points.push_back({ts, v});
      q_.add_samples(1);
    };
    for (size_t i = 0; i < base.size(); ++i) {
      size_t& c = base_cursor[i];
      if (c >= base[i].points.size() || base[i].points[c].t != ts) continue;
      const double v = base[i].points[c].v;
      ++c;
      if (ignore[i]) {
        emit(base[i].metric, v);
        continue;
      }
      const Labels& bl = *base[i].metric;
      std::vector<Label> added;
      bool seen = false;
      for (const std::string& info_name : info_names) {
        auto it = by_sig.find(info_signature(info_name, bl));
        if (it == by_sig.end()) continue;
        seen = true;
        for (const Label& l : info[it->second.first].metric->items()) {
          if (l.name == kMetricName) continue;
          if (!data_labels.empty() && std::none_of(data_labels.begin(), data_labels.end(),
                                                   [&](const Matcher& m) { return m.name() == l.name; })) {
            continue;
          }
          auto prev = std::find_if(added.begin(), added.end(), [&](const Label& a) { return a.name == l.name; });
          if (prev != added.end() && prev->value != l.value) fail("conflicting label: " + l.name);
          if (bl.has(l.name)) continue;
          if (prev == added.end()) added.push_back(l);
        }
      }
      if (!seen && any_required) continue;
      Labels out = bl;
      for (const Label& l : added) out = out.with(l.name, l.value);
      emit(q_.pool.intern(std::move(out)), v);
    }
  }
  return result;
}

}  // namespace mlmon::engine::detail
