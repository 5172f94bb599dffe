#include "core/change_set.hpp"

#include <nlohmann/json.hpp>

#include "core/json_output.hpp"

namespace mlmon {

namespace {

std::string show(const std::optional<std::string>& value) { return value ? *value : "(none)"; }

}  // namespace

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Moved: return "moved";
    case ChangeKind::Changed: return "changed";
  }
  return "changed";
}

std::vector<std::string> change_lines(const ChangeSet& changes) {
  std::vector<std::string> lines;
  for (const Change& c : changes.changes) {
    switch (c.kind) {
      case ChangeKind::Added: lines.push_back("+ " + c.subject); break;
      case ChangeKind::Removed: lines.push_back("- " + c.subject); break;
      default: break;
    }
    if (!c.moved_from.empty() || !c.moved_to.empty()) {
      lines.push_back("> " + c.subject + " moved: " + c.moved_from + " → " + c.moved_to);
    }
    for (const FieldChange& f : c.fields) {
      lines.push_back("~ " + c.subject + ": " + f.path + ": " + show(f.old_value) + " → " + show(f.new_value));
    }
  }
  return lines;
}

void render_changes_text(const ChangeSet& changes, std::ostream& out) {
  for (const std::string& line : change_lines(changes)) out << line << '\n';
}

void render_changes_json(const ChangeSet& changes, std::string_view old_path, std::string_view new_path,
                         std::ostream& out) {
  using Json = nlohmann::ordered_json;
  auto value = [](const std::string& dumped) {
    Json parsed = Json::parse(dumped, nullptr, false);
    return parsed.is_discarded() ? Json(dumped) : parsed;
  };
  Json list = Json::array();
  for (const Change& c : changes.changes) {
    Json item;
    item["kind"] = to_string(c.kind);
    item["subject"] = c.subject;
    if (!c.moved_from.empty() || !c.moved_to.empty()) {
      item["from"] = c.moved_from;
      item["to"] = c.moved_to;
    }
    if (!c.fields.empty()) {
      Json fields = Json::array();
      for (const FieldChange& f : c.fields) {
        Json field;
        field["path"] = f.path;
        if (f.old_value) field["old"] = value(*f.old_value);
        if (f.new_value) field["new"] = value(*f.new_value);
        fields.push_back(std::move(field));
      }
      item["fields"] = std::move(fields);
    }
    list.push_back(std::move(item));
  }
  Json doc;
  doc["old"] = old_path;
  doc["new"] = new_path;
  doc["equal"] = changes.empty();
  doc["changes"] = std::move(list);
  out << dump_for_output(doc, 2) << '\n';
}

}  // namespace mlmon
