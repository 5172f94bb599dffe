// libFuzzer target for the PromQL parser (built with -DMLMON_FUZZ=ON and clang).
// Checks that parsing never crashes or hangs, that error positions lie inside the input, and
// that printing a parsed tree gives an expression that parses to an equal tree.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "promql/parser.hpp"
#include "promql/printer.hpp"

namespace {

void check(std::string_view input, const mlmon::promql::Features& features) {
  using namespace mlmon::promql;
  ParseResult r = parse(input, features);
  if (r.error) {
    if (r.error->begin > input.size() || r.error->end > input.size()) {
      std::fprintf(stderr, "error position outside input: %s\n", format_error(input, *r.error).c_str());
      std::abort();
    }
    (void)format_error(input, *r.error);
    return;
  }
  const std::string printed = print(r.ast->root());
  ParseResult again = parse(printed, features);
  if (again.error) {
    std::fprintf(stderr, "printed form does not parse: %s\n  => %s\n", printed.c_str(),
                 format_error(printed, *again.error).c_str());
    std::abort();
  }
  if (!equal(r.ast->root(), again.ast->root())) {
    std::fprintf(stderr, "round trip changed the tree: %s\n", printed.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check(input, mlmon::promql::Features::all());
  check(input, mlmon::promql::Features{});
  return 0;
}
