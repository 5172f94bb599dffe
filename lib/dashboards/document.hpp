#pragma once
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string_view>

#include "core/position.hpp"
#include "core/source_file.hpp"
#include "dashboards/json_index.hpp"

namespace mlmon::dashboards {

using Json = nlohmann::json;

/// A parsed JSON file: its text, its value, and where each value (by JSON pointer) starts.
class Document {
 public:
  Document(SourceFilePtr source, std::unique_ptr<Json> root, JsonIndex index);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const SourceFile& source() const { return *source_; }
  const SourceFilePtr& source_ptr() const { return source_; }
  const Json& root() const { return *root_; }
  const JsonIndex& index() const { return index_; }

  /// line:col of the value at `pointer`, or of its nearest existing ancestor.
  Position position(std::string_view pointer) const;
  /// line:col of byte `decoded_offset` inside the string value at `pointer` (for errors in
  /// embedded PromQL); the string's start when the pointer names no string.
  Position position_in_string(std::string_view pointer, std::size_t decoded_offset) const;

 private:
  SourceFilePtr source_;
  std::unique_ptr<Json> root_;
  JsonIndex index_;
};

}  // namespace mlmon::dashboards
