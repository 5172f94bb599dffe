#include "ruletest/promtool_output.hpp"

namespace mlmon::ruletest {

void write_promtool(const FileResult& result, std::string& out, std::string& err) {
  for (const std::string& w : result.warnings) err += w + "\n";
  std::vector<const Failure*> failures;
  if (result.abort) {
    failures.push_back(&*result.abort);
  } else {
    for (const Failure& f : result.file_failures) failures.push_back(&f);
    for (const GroupResult& g : result.groups) {
      for (const Failure& f : g.failures) failures.push_back(&f);
    }
  }
  if (failures.empty()) {
    out += "  SUCCESS\n";
  } else {
    err += "  FAILED:\n";
    for (const Failure* f : failures) {
      err += f->promtool_text + "\n";
      out += "\n";
    }
  }
  out += "\n";
}

}  // namespace mlmon::ruletest
