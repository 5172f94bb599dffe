#pragma once
// Readable doctest output for the module's value types.
#include <ostream>

#include "gotemplate/gotemplate.hpp"

namespace mlmon::gotemplate {

inline std::ostream& operator<<(std::ostream& out, const Error& e) {
  return out << "Error{" << e.offset << ", \"" << e.message << "\", " << e.line << ", " << e.action_started_line << "}";
}

inline std::ostream& operator<<(std::ostream& out, const LabelRef& ref) {
  return out << "{" << ref.name << ", " << ref.offset << "}";
}

}  // namespace mlmon::gotemplate
