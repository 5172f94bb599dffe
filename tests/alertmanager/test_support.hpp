#pragma once
// Helpers shared by the alertmanager tests.
#include <string>
#include <string_view>

#include "alertmanager/loader.hpp"
#include "core/file_io.hpp"
#include "core/source_file.hpp"

namespace mlmon::alertmanager::testing {

inline LoadedConfig load_text(std::string_view text, std::string path = "alertmanager.yml") {
  return load_config(std::make_shared<SourceFile>(std::move(path), std::string(text)));
}

inline std::string corpus(std::string_view relative) {
  return std::string(MLMON_CORPUS_DIR) + "/" + std::string(relative);
}

/// A config whose routing tree is `levels` routes deep, one route per level.
inline std::string nested_routes(int levels) {
  std::string deep = "route:\n  receiver: a\n";
  std::string indent = "  ";
  for (int i = 0; i < levels; ++i) {
    deep += indent + "routes:\n" + indent + "- receiver: a\n";
    indent += "  ";
  }
  return deep + "receivers: [{name: a}]\n";
}

/// "line:col: severity: message [rule]" for every finding, one per line, in report order.
std::string findings_text(const LoadedConfig& loaded, bool include_warnings = true);

}  // namespace mlmon::alertmanager::testing
