#include "engine/matcher.hpp"

#include <re2/re2.h>

#include <unordered_map>

#include "core/go_regexp.hpp"
#include "core/string_map.hpp"

namespace mlmon::engine {

namespace {}  // namespace

std::shared_ptr<const re2::RE2> compile_anchored(std::string_view pattern) {
  // Series selection and label_replace see the same few patterns again and again.
  thread_local StringMap<std::shared_ptr<const re2::RE2>> cache;
  if (auto it = cache.find(pattern); it != cache.end()) return it->second;
  if (cache.size() >= 1024) cache.clear();
  // Prometheus compiles the concatenation "^(?s:" + pattern + ")$", so do the same (a pattern
  // that closes the group early means what it means in Go).
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_shared<const re2::RE2>("^(?s:" + go_regexp::to_re2(pattern) + ")$", options);
  std::shared_ptr<const re2::RE2> result = re->ok() ? re : nullptr;
  cache.emplace(std::string(pattern), result);
  return result;
}

Matcher::Matcher(std::string name, promql::MatchOp op, std::string value)
    : name_(std::move(name)), op_(op), value_(std::move(value)) {
  if (op_ == promql::MatchOp::regex || op_ == promql::MatchOp::not_regex) re_ = compile_anchored(value_);
}

bool Matcher::matches(std::string_view v) const {
  switch (op_) {
    case promql::MatchOp::equal: return v == value_;
    case promql::MatchOp::not_equal: return v != value_;
    case promql::MatchOp::regex: return re_ && re2::RE2::PartialMatch(v, *re_);
    case promql::MatchOp::not_regex: return !(re_ && re2::RE2::PartialMatch(v, *re_));
  }
  return false;
}

std::vector<Matcher> matchers_of(const promql::VectorSelector& vs) {
  std::vector<Matcher> out;
  out.reserve(vs.matchers.size() + 1);
  for (const promql::LabelMatcher& m : vs.matchers) out.emplace_back(std::string(m.name), m.op, std::string(m.value));
  if (!vs.name.empty()) out.emplace_back("__name__", promql::MatchOp::equal, std::string(vs.name));
  return out;
}

}  // namespace mlmon::engine
