#include "ruletest/failure_diff.hpp"

#include <algorithm>

#include "core/go_quote.hpp"
#include "ruletest/promtool_text.hpp"

namespace mlmon::ruletest {

namespace {

// "label severity: expected "page", got "warning"" for each name whose values differ.
void diff_labels(const engine::Labels& expected, const engine::Labels& got, std::string_view what,
                 const std::string& prefix, std::vector<std::string>& out) {
  std::vector<std::string> names;
  for (const engine::Label& l : expected.items()) names.push_back(l.name);
  for (const engine::Label& l : got.items()) names.push_back(l.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const std::string& n : names) {
    const bool in_e = expected.has(n);
    const bool in_g = got.has(n);
    if (in_e && in_g && expected.get(n) == got.get(n)) continue;
    std::string line = prefix + std::string(what) + " " + n + ": ";
    line += in_e ? "expected " + go::quote(expected.get(n)) : std::string("not expected");
    line += in_g ? ", got " + go::quote(got.get(n)) : std::string(", missing");
    out.push_back(std::move(line));
  }
}

std::size_t shared_labels(const engine::Labels& a, const engine::Labels& b) {
  std::size_t n = 0;
  for (const engine::Label& l : a.items()) {
    if (b.has(l.name) && b.get(l.name) == l.value) ++n;
  }
  return n;
}

// Pairs expected and got items: equal labels first, then (for alerts) the most labels in common.
template <class T>
std::vector<std::pair<int, int>> pair_up(const std::vector<T>& expected, const std::vector<T>& got, bool near) {
  std::vector<std::pair<int, int>> pairs;
  std::vector<bool> used_e(expected.size()), used_g(got.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (std::size_t j = 0; j < got.size(); ++j) {
      if (!used_g[j] && expected[i].labels == got[j].labels) {
        pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
        used_e[i] = used_g[j] = true;
        break;
      }
    }
  }
  if (near) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (used_e[i]) continue;
      int best = -1;
      std::size_t best_shared = 1;  // alertname alone is no resemblance
      for (std::size_t j = 0; j < got.size(); ++j) {
        if (used_g[j]) continue;
        const std::size_t s = shared_labels(expected[i].labels, got[j].labels);
        if (s > best_shared) {
          best = static_cast<int>(j);
          best_shared = s;
        }
      }
      if (best >= 0) {
        pairs.emplace_back(static_cast<int>(i), best);
        used_e[i] = used_g[static_cast<std::size_t>(best)] = true;
      }
    }
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!used_e[i]) pairs.emplace_back(static_cast<int>(i), -1);
  }
  for (std::size_t j = 0; j < got.size(); ++j) {
    if (!used_g[j]) pairs.emplace_back(-1, static_cast<int>(j));
  }
  return pairs;
}

}  // namespace

std::vector<std::string> readable_diff(const Failure& f) {
  std::vector<std::string> out;
  if (f.kind == FailureKind::Alert) {
    for (const auto& [i, j] : pair_up(f.expected_alerts, f.got_alerts, true)) {
      if (j < 0) {
        out.push_back("missing alert " + f.expected_alerts[static_cast<std::size_t>(i)].labels.to_string());
      } else if (i < 0) {
        out.push_back("unexpected alert " + f.got_alerts[static_cast<std::size_t>(j)].labels.to_string());
      } else {
        const AlertValue& e = f.expected_alerts[static_cast<std::size_t>(i)];
        const AlertValue& g = f.got_alerts[static_cast<std::size_t>(j)];
        const std::string prefix = "alert " + g.labels.to_string() + ": ";
        diff_labels(e.labels, g.labels, "label", prefix, out);
        diff_labels(e.annotations, g.annotations, "annotation", prefix, out);
      }
    }
  } else if (f.kind == FailureKind::Expr) {
    for (const auto& [i, j] : pair_up(f.expected_samples, f.got_samples, false)) {
      if (j < 0) {
        const SampleValue& e = f.expected_samples[static_cast<std::size_t>(i)];
        out.push_back("missing sample " + e.labels.to_string() + " " + format_float_E(e.value));
      } else if (i < 0) {
        const SampleValue& g = f.got_samples[static_cast<std::size_t>(j)];
        out.push_back("unexpected sample " + g.labels.to_string() + " " + format_float_E(g.value));
      } else {
        const SampleValue& e = f.expected_samples[static_cast<std::size_t>(i)];
        const SampleValue& g = f.got_samples[static_cast<std::size_t>(j)];
        if (e.value == g.value && e.histogram == g.histogram) continue;  // this pair is not what differs
        out.push_back("sample " + e.labels.to_string() + ": expected " + format_float_E(e.value) + ", got " +
                      format_float_E(g.value));
      }
    }
  }
  return out;
}

}  // namespace mlmon::ruletest
