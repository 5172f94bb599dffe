#pragma once
// text/template's executor (exec.go) over the parser's tree: walks the statements with an
// explicit stack (recursive {{template}} calls hit Go's depth limit, not the C++ stack) and
// evaluates pipelines as Go does, with Go's error texts and positions.
#include <cstddef>
#include <string>

#include "core/result.hpp"
#include "gotemplate/callable.hpp"
#include "gotemplate/tree.hpp"
#include "gotemplate/value.hpp"

namespace mlmon::gotemplate {

// Limits Go does not have, against templates that would run for hours or fill memory
// ({{ range 1000000000000 }}); exceeding one is an execution error naming the limit.
struct ExecLimits {
  std::size_t max_steps = 20'000'000;  // statements executed
  std::size_t max_output = 64 << 20;   // bytes of output
};

// Template.Execute of tree.name with `data` as dot. The error is Go's text, e.g.
// `template: t:1:3: executing "t" at <.Foo>: can't evaluate field Foo in type ...`.
Result<std::string> execute(const Tree& tree, const Value& data, const FunctionEnv& env, const ExecLimits& limits = {});

}  // namespace mlmon::gotemplate
