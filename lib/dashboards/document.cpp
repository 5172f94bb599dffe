#include "dashboards/document.hpp"

#include <nlohmann/json.hpp>

namespace mlmon::dashboards {

Document::Document(SourceFilePtr source, std::unique_ptr<Json> root, JsonIndex index)
    : source_(std::move(source)), root_(std::move(root)), index_(std::move(index)) {}

Document::~Document() = default;

Position Document::position(std::string_view pointer) const {
  return source_->position_of(index_.nearest_offset(pointer));
}

Position Document::position_in_string(std::string_view pointer, std::size_t decoded_offset) const {
  const auto start = index_.offset(pointer);
  if (!start || *start >= source_->text().size() || source_->text()[*start] != '"') return position(pointer);
  return source_->position_of(string_byte_offset(source_->text(), *start, decoded_offset));
}

}  // namespace mlmon::dashboards
