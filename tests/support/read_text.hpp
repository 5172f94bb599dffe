// A file's whole content for comparisons in tests; a failure reads as a text no test expects.
#pragma once
#include <string>

#include "core/file_io.hpp"

namespace mlmon::testing {

inline std::string read_text(const std::string& path) {
  auto text = mlmon::read_file(path);
  return text ? *text : "<unreadable: " + text.error().message + ">";
}

}  // namespace mlmon::testing
