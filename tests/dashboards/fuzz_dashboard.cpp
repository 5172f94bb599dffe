// libFuzzer target for Grafana dashboard JSON: decoding and every lint check (-DMLMON_FUZZ=ON,
// clang). Property: no crash or hang, and every finding names the file and lies inside it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/report.hpp"
#include "core/source_file.hpp"
#include "dashboards/lint.hpp"

namespace {

using namespace mlmon;

[[noreturn]] void fail(const char* what, const Diagnostic& d) {
  std::fprintf(stderr, "%s: %s %d:%d@%zu: %s\n", what, d.rule_id.c_str(), d.pos.line, d.pos.col, d.pos.offset,
               d.message.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_shared<SourceFile>("dashboard.json", std::string(reinterpret_cast<const char*>(data), size));
  Report report;
  dashboards::lint_file(source, {}, report);
  for (const Diagnostic& d : report.diagnostics()) {
    if (d.file != source->path()) fail("finding names another file", d);
    if (d.pos.line == 0) continue;  // about the whole file
    if (d.pos.offset > source->text().size()) fail("finding past the end of the file", d);
    const Position expected = source->position_of(d.pos.offset);
    if (expected.line != d.pos.line || expected.col != d.pos.col) fail("finding's line:col is not its offset's", d);
  }
  (void)report.sorted();
  return 0;
}
