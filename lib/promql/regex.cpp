#include "promql/regex.hpp"

#include <re2/re2.h>

#include <string>
#include <unordered_map>

#include "core/go_regexp.hpp"
#include "core/string_map.hpp"

namespace mlmon::promql {

namespace {

RegexCheck compile(std::string_view pattern) {
  // Prometheus parses the pattern with syntax.Perl|syntax.DotNL before anchoring it as
  // ^(?s:<pattern>)$, so errors quote the pattern as written and '.' matches newlines.
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(true);
  options.set_max_mem(64 << 20);
  RegexCheck result;
  if (std::string go_error = go_regexp::go_only_error(pattern); !go_error.empty()) {
    result.ok = false;
    result.error = std::move(go_error);
    return result;
  }
  const RE2 re(go_regexp::to_re2(pattern), options);
  if (!re.ok()) {
    result.ok = false;
    result.error = go_regexp::error_message(re, re.error_arg(), pattern);
    return result;
  }
  result.matches_empty = RE2::FullMatch("", re);
  return result;
}

}  // namespace

const RegexCheck& check_regex(std::string_view pattern) {
  // Dashboards and rule files repeat the same few patterns; compiling once per thread keeps
  // parsing fast. The cache is bounded by starting over when it gets large.
  thread_local StringMap<RegexCheck> cache;
  if (auto it = cache.find(pattern); it != cache.end()) return it->second;
  if (cache.size() >= 4096) cache.clear();
  return cache.emplace(std::string(pattern), compile(pattern)).first->second;
}

}  // namespace mlmon::promql
