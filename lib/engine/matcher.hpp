// Label matchers as Prometheus applies them to series: =, !=, =~, !~ with Go's RE2 syntax anchored
// as ^(?s:re)$. A missing label has the value "", so a matcher that accepts "" also accepts series
// without the label.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "promql/ast.hpp"

namespace re2 {
class RE2;
}

namespace mlmon::engine {

class Matcher {
 public:
  Matcher(std::string name, promql::MatchOp op, std::string value);

  const std::string& name() const { return name_; }
  promql::MatchOp op() const { return op_; }
  const std::string& value() const { return value_; }
  bool matches(std::string_view v) const;

 private:
  std::string name_;
  promql::MatchOp op_;
  std::string value_;
  std::shared_ptr<const re2::RE2> re_;  // for =~ and !~; shared by equal patterns
};

// The matchers of a selector: the metric name written before the braces becomes __name__="name".
std::vector<Matcher> matchers_of(const promql::VectorSelector& vs);

// A compiled ^(?s:pattern)$ (Go syntax), or null when the pattern does not compile. Compiled
// patterns are cached per thread.
std::shared_ptr<const re2::RE2> compile_anchored(std::string_view pattern);

}  // namespace mlmon::engine
