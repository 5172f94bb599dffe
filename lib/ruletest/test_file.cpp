#include "ruletest/test_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <set>

#include "core/go_quote.hpp"
#include "core/rfc3339.hpp"
#include "promql/duration.hpp"
#include "promql/go_format.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::ruletest {

using yaml::Node;

Place::Place(const yaml::Node* node) {
  if (node == nullptr) return;
  pos = node->pos();
  offset = node->offset;
  end = node->end;
  block_indent = node->block_indent;
  parent_indent = node->parent_indent;
  kind = node->kind;
  style = node->style;
  in_flow = node->in_flow;
  exact_offsets = node->exact_offsets;
}

Position Place::at(const SourceFile& source, std::string_view value, std::size_t value_offset) const {
  if (!known()) return pos;
  yaml::Node n;
  n.kind = kind;
  n.offset = offset;
  n.end = end;
  n.set_pos(pos);
  n.style = style;
  n.value = std::string(value);
  n.in_flow = in_flow;
  n.exact_offsets = exact_offsets;
  n.block_indent = block_indent;
  n.parent_indent = parent_indent;
  n.source = &source;
  return n.source_position(value_offset);
}

std::string TestGroup::display_name(std::size_t index) const {
  return name.empty() ? "unnamed#" + std::to_string(index) : name;
}

int64_t TestGroup::max_eval_time_ms() const {
  int64_t m = 0;
  for (const AlertTest& a : alert_tests) m = std::max(m, a.eval_time_ms);
  for (const ExprTest& e : expr_tests) m = std::max(m, e.eval_time_ms);
  return m;
}

std::string DecodedTestFile::promtool_error() const {
  for (const DecodeProblem& p : problems) {
    if (p.kind != DecodeProblem::Kind::TypeError) return p.message;
  }
  std::string out = "yaml: unmarshal errors:";
  for (const DecodeProblem& p : problems) out += "\n  line " + std::to_string(p.go_line) + ": " + p.message;
  return out;
}

std::optional<int64_t> parse_start_timestamp(std::string_view text) {
  // strconv.ParseFloat first: seconds, possibly fractional.
  if (const auto seconds = promql::go::parse_float(text)) {
    if (!std::isfinite(*seconds) || std::fabs(*seconds) > 9.2e9) return std::nullopt;
    double whole = 0;
    const double frac = std::modf(*seconds, &whole);
    return static_cast<int64_t>(whole) * 1000 + static_cast<int64_t>(frac * 1e9) / 1'000'000;
  }
  // time.RFC3339Nano: 2006-01-02T15:04:05.999999999Z07:00 (fraction optional), as Go reads it.
  const auto time = parse_rfc3339(text, Rfc3339Mode::strict);
  if (!time) return std::nullopt;
  return time->seconds * 1000 + time->nanos / 1'000'000;
}

namespace {

// A key the YAML loader found repeated in a mapping (and dropped): yaml.v2 reports it where it
// meets it, in words that depend on what the mapping decodes into.
struct RepeatedKey {
  std::size_t offset = 0;
  Position pos;
  std::string name;
};

class Decoder {
 public:
  Decoder(std::vector<DecodeProblem>& out, std::vector<RepeatedKey> repeated)
      : out_(out), repeated_(std::move(repeated)) {}

  // The repeated keys of this mapping (not of mappings inside it), in order.
  std::vector<const RepeatedKey*> repeated_in(const Node& map) const {
    std::vector<const RepeatedKey*> out;
    for (const RepeatedKey& r : repeated_) {
      if (r.offset < map.offset || r.offset >= map.end) continue;
      const bool nested = std::any_of(map.entries.begin(), map.entries.end(), [&](const yaml::Entry& e) {
        return !e.merged && r.offset >= e.value->offset && r.offset < std::max(e.value->end, e.value->offset + 1);
      });
      if (!nested) out.push_back(&r);
    }
    return out;
  }

  // Reports the repeated keys before `offset` with `words` ("field x already set in type T").
  template <class F>
  void report_repeated(std::vector<const RepeatedKey*>& keys, std::size_t offset, F&& words) {
    while (!keys.empty() && keys.front()->offset < offset) {
      const RepeatedKey& r = *keys.front();
      out_.push_back(DecodeProblem{r.pos, r.pos.line, words(r.name), DecodeProblem::Kind::TypeError});
      keys.erase(keys.begin());
    }
  }

  void report(const Node& at, std::string message, DecodeProblem::Kind kind) {
    out_.push_back(DecodeProblem{at.pos(), yaml::go_line(at), std::move(message), kind});
  }
  void type_error(const Node& at, std::string_view go_type) {
    report(at, yaml::cannot_unmarshal(at, go_type, yaml::GoYaml::V2), DecodeProblem::Kind::TypeError);
  }

  // A Go struct: each known field of the mapping goes to `field`, unknown and repeated fields
  // are reported as UnmarshalStrict reports them. False (after reporting) when `node` is not a mapping.
  template <class F>
  bool decode_struct(const Node& node, std::string_view go_type, std::initializer_list<std::string_view> known,
                     F&& field) {
    if (node.is_null()) return false;
    if (!node.is_map()) {
      type_error(node, go_type);
      return false;
    }
    std::set<std::string> done;
    auto repeated = repeated_in(node);
    auto repeated_words = [&](const std::string& name) {
      return "field " + name + " already set in type " + std::string(go_type);
    };
    for (const yaml::Entry& e : node.entries) {
      report_repeated(repeated, e.key->offset, repeated_words);
      if (!e.key->is_scalar()) {
        type_error(*e.key, "string");
        continue;
      }
      const yaml::ScalarText& name = e.key->value;
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        report(*e.key, "field " + name + " not found in type " + std::string(go_type), DecodeProblem::Kind::TypeError);
        continue;
      }
      if (!e.merged && !done.insert(name).second) {
        report(*e.key, "field " + name + " already set in type " + std::string(go_type),
               DecodeProblem::Kind::TypeError);
        continue;
      }
      field(name, *e.value);
    }
    report_repeated(repeated, SIZE_MAX, repeated_words);
    return true;
  }

  // A Go slice: each item goes to `item`. False when null or not a sequence (reported).
  template <class F>
  bool decode_slice(const Node& node, std::string_view go_type, F&& item) {
    if (node.is_null()) return false;
    if (!node.is_seq()) {
      type_error(node, go_type);
      return false;
    }
    for (const Node* n : node.items) item(*n);
    return true;
  }

  // A Go string: any scalar's text; null is "".
  std::optional<std::string> string(const Node& node) {
    if (node.is_null()) return std::string();
    if (!node.is_scalar()) {
      type_error(node, "string");
      return std::nullopt;
    }
    return node.value;
  }

  // model.Duration: decoded as a string, then model.ParseDuration (whose error ends decoding).
  std::optional<int64_t> duration(const Node& node) {
    if (node.is_null()) return 0;
    auto text = string(node);
    if (!text) return std::nullopt;
    const auto ms = promql::parse_duration_ms(*text);
    if (!ms) {
      report(node, ms.error().message, DecodeProblem::Kind::Fatal);
      return std::nullopt;
    }
    return *ms;
  }

  std::optional<double> float64(const Node& node) {
    if (node.is_null()) return 0.0;
    if (const auto v = node.is_scalar() ? yaml::as_float(node, yaml::GoYaml::V2) : std::nullopt) return *v;
    type_error(node, "float64");
    return std::nullopt;
  }

  std::optional<bool> boolean(const Node& node) {
    if (node.is_null()) return false;
    if (const auto v = node.is_scalar() ? yaml::as_bool(node, yaml::GoYaml::V2) : std::nullopt) return *v;
    type_error(node, "bool");
    return std::nullopt;
  }

  // map[string]string (also what labels.Labels decodes through).
  StringPairs string_map(const Node& node) {
    StringPairs out;
    if (node.is_null()) return out;
    if (!node.is_map()) {
      type_error(node, "map[string]string");
      return out;
    }
    auto repeated = repeated_in(node);
    auto repeated_words = [](const std::string& name) { return "key " + go::quote(name) + " already set in map"; };
    for (const yaml::Entry& e : node.entries) {
      report_repeated(repeated, e.key->offset, repeated_words);
      auto key = string(*e.key);
      auto value = string(*e.value);
      if (!key || !value) continue;
      if (std::any_of(out.begin(), out.end(), [&](const auto& kv) { return kv.first == *key; })) {
        if (!e.merged) report(*e.key, "key " + go::quote(*key) + " already set in map", DecodeProblem::Kind::TypeError);
        continue;
      }
      out.emplace_back(std::move(*key), std::move(*value));
    }
    report_repeated(repeated, SIZE_MAX, repeated_words);
    return out;
  }

  std::vector<PathEntry> strings(const Node& node) {
    std::vector<PathEntry> out;
    decode_slice(node, "[]string", [&](const Node& item) {
      if (auto s = string(item)) out.push_back({std::move(*s), Place(&item)});
    });
    return out;
  }

  void series(const Node& node, TestGroup& group) {
    InputSeries s;
    s.where = Place(&node);
    decode_struct(node, "main.series", {"series", "values"}, [&](const std::string& f, const Node& v) {
      auto text = string(v);
      if (!text) return;
      if (f == "series") {
        s.series = std::move(*text);
        s.series_at = Place(&v);
      } else {
        s.values = std::move(*text);
        s.values_at = Place(&v);
      }
    });
    group.input_series.push_back(std::move(s));
  }

  void alert_test(const Node& node, TestGroup& group) {
    AlertTest t;
    t.where = Place(&node);
    decode_struct(node, "main.alertTestCase", {"eval_time", "alertname", "exp_alerts"},
                  [&](const std::string& f, const Node& v) {
                    if (f == "eval_time") {
                      t.eval_time_at = Place(&v);
                      if (auto d = duration(v)) t.eval_time_ms = *d;
                    } else if (f == "alertname") {
                      t.alertname_at = Place(&v);
                      if (auto s = string(v)) t.alertname = std::move(*s);
                    } else {
                      decode_slice(v, "[]main.alert", [&](const Node& item) {
                        ExpectedAlert a;
                        a.where = Place(&item);
                        decode_struct(item, "main.alert", {"exp_labels", "exp_annotations"},
                                      [&](const std::string& g, const Node& m) {
                                        (g == "exp_labels" ? a.labels : a.annotations) = string_map(m);
                                      });
                        t.exp_alerts.push_back(std::move(a));
                      });
                    }
                  });
    group.alert_tests.push_back(std::move(t));
  }

  void expr_test(const Node& node, TestGroup& group) {
    ExprTest t;
    t.where = Place(&node);
    decode_struct(node, "main.promqlTestCase", {"expr", "eval_time", "exp_samples"},
                  [&](const std::string& f, const Node& v) {
                    if (f == "expr") {
                      t.expr_at = Place(&v);
                      if (auto s = string(v)) t.expr = std::move(*s);
                    } else if (f == "eval_time") {
                      t.eval_time_at = Place(&v);
                      if (auto d = duration(v)) t.eval_time_ms = *d;
                    } else {
                      decode_slice(v, "[]main.sample", [&](const Node& item) {
                        ExpectedSample s;
                        s.where = Place(&item);
                        decode_struct(item, "main.sample", {"labels", "value", "histogram"},
                                      [&](const std::string& g, const Node& m) {
                                        if (g == "labels") {
                                          s.labels_at = Place(&m);
                                          if (auto x = string(m)) s.labels = std::move(*x);
                                        } else if (g == "value") {
                                          if (auto x = float64(m)) s.value = *x;
                                        } else if (auto x = string(m)) {
                                          s.histogram = std::move(*x);
                                        }
                                      });
                        t.exp_samples.push_back(std::move(s));
                      });
                    }
                  });
    group.expr_tests.push_back(std::move(t));
  }

  void test_group(const Node& node, TestFile& file) {
    TestGroup g;
    g.where = Place(&node);
    decode_struct(node, "main.testGroup",
                  {"interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url",
                   "name", "start_timestamp"},
                  [&](const std::string& f, const Node& v) {
                    if (f == "interval") {
                      if (auto d = duration(v)) g.interval_ms = *d;
                    } else if (f == "input_series") {
                      decode_slice(v, "[]main.series", [&](const Node& item) { series(item, g); });
                    } else if (f == "alert_rule_test") {
                      decode_slice(v, "[]main.alertTestCase", [&](const Node& item) { alert_test(item, g); });
                    } else if (f == "promql_expr_test") {
                      decode_slice(v, "[]main.promqlTestCase", [&](const Node& item) { expr_test(item, g); });
                    } else if (f == "external_labels") {
                      g.external_labels = string_map(v);
                    } else if (f == "external_url") {
                      if (auto s = string(v)) g.external_url = std::move(*s);
                    } else if (f == "name") {
                      g.name_at = Place(&v);
                      if (auto s = string(v)) g.name = std::move(*s);
                    } else if (!v.is_null()) {
                      auto text = string(v);
                      if (!text) return;
                      g.start_ms = parse_start_timestamp(*text);
                      if (!g.start_ms) {
                        report(v, "cannot parse " + go::quote(*text) + " to a valid timestamp",
                               DecodeProblem::Kind::Fatal);
                      }
                    }
                  });
    file.tests.push_back(std::move(g));
  }

  void file(const Node& root, TestFile& file) {
    decode_struct(root, "main.unitTestFile",
                  {"rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare"},
                  [&](const std::string& f, const Node& v) {
                    if (f == "rule_files") {
                      file.rule_files = strings(v);
                    } else if (f == "evaluation_interval") {
                      if (auto d = duration(v)) file.evaluation_interval_ms = *d == 0 ? 60'000 : *d;
                    } else if (f == "group_eval_order") {
                      file.group_eval_order = strings(v);
                    } else if (f == "tests") {
                      decode_slice(v, "[]main.testGroup", [&](const Node& item) { test_group(item, file); });
                    } else if (auto b = boolean(v)) {
                      file.fuzzy_compare = *b;
                    }
                  });
  }

 private:
  std::vector<DecodeProblem>& out_;
  std::vector<RepeatedKey> repeated_;
};

}  // namespace

DecodedTestFile decode_test_file(SourceFilePtr source) {
  DecodedTestFile out;
  out.source = source;
  {
    // Plain block YAML is read one test group at a time: the model keeps what it needs and each
    // group's nodes are freed once decoded (big suites need a fraction of the memory).
    std::vector<DecodeProblem> problems;
    TestFile file;
    Decoder items(problems, {});
    auto document =
        yaml::load_streaming(source, "tests", [&](const yaml::Node& item) { items.test_group(item, file); });
    if (document) {
      if (document->root != nullptr) {
        Decoder root(problems, {});
        root.file(*document->root, file);
      }
      // In document order, as yaml.v2 meets them.
      std::stable_sort(problems.begin(), problems.end(),
                       [](const DecodeProblem& a, const DecodeProblem& b) { return a.pos.offset < b.pos.offset; });
      out.file = std::move(file);
      out.problems = std::move(problems);
      return out;
    }
  }
  yaml::Document document = yaml::load(source);
  std::vector<RepeatedKey> repeated;
  for (const Diagnostic& d : document.problems) {
    // Repeated keys are reported by the decoder in yaml.v2's words; a further document is ignored
    // by yaml.v2 as by mlmon.
    if (d.rule_id == yaml::kRuleDuplicateKey) {
      // `mapping key "x" already defined at line N`
      const auto open = d.message.find('"');
      const auto close = d.message.rfind("\" already defined");
      std::string name;
      if (open != std::string::npos && close != std::string::npos && close > open) {
        go::unquote(d.message.substr(open, close - open + 1), name);
      }
      repeated.push_back({d.pos.offset, d.pos, std::move(name)});
      continue;
    }
    if (d.severity != Severity::Error) continue;
    DecodeProblem p;
    p.pos = d.pos;
    p.go_line = static_cast<int>(d.pos.line);
    p.message = "yaml: line " + std::to_string(d.pos.line) + ": " + d.message;
    p.kind = DecodeProblem::Kind::Syntax;
    out.problems.push_back(std::move(p));
  }
  if (!out.problems.empty() || document.root == nullptr) return out;
  Decoder decoder(out.problems, std::move(repeated));
  decoder.file(*document.root, out.file);
  return out;
}

}  // namespace mlmon::ruletest
