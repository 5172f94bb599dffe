#include "thresholds/values_file.hpp"

#include <fmt/format.h>

#include "promql/duration.hpp"
#include "yaml/document.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::thresholds {

namespace {

class ValuesReader {
 public:
  explicit ValuesReader(const SourceFile& source) : source_(source) {}

  void error(const yaml::Node* at, const std::string& message) {
    add(fmt::format("{}:{}:{}: {}", source_.path(), at->pos().line, at->pos().col, message));
  }

  // Every problem is kept, one a line: the user fixes them all in one go.
  void add(const std::string& line) { errors_ += (errors_.empty() ? "" : "\n") + line; }
  const std::string& errors() const { return errors_; }

  void read_alert(const yaml::Node& key, const yaml::Node& value, std::vector<Request>& out) {
    if (value.is_seq()) {
      if (value.items.empty()) error(&value, fmt::format("alert {}: empty list", key.value));
      for (const yaml::Node* item : value.items) read_entry(key, *item, out);
      return;
    }
    read_entry(key, value, out);
  }

 private:
  Request base(const yaml::Node& key, const yaml::Node& at) {
    Request request;
    request.selector.alert = key.value;
    request.selector.from_values_file = true;
    request.origin = fmt::format("{}:{}", source_.path(), at.pos().line);
    return request;
  }

  bool read_value(const yaml::Node& key, const yaml::Node& node, Request& request) {
    if (!node.is_scalar()) {
      error(&node, fmt::format("alert {}: the value must be a number", key.value));
      return false;
    }
    auto value = parse_number_value(node.value);
    if (!value) {
      error(&node, fmt::format("alert {}: {}", key.value, value.error().message));
      return false;
    }
    request.value = std::move(*value);
    return true;
  }

  bool read_string(const yaml::Node& key, const yaml::Node& node, std::string_view field, std::string& out) {
    if (!node.is_scalar() || node.value.empty()) {
      error(&node, fmt::format("alert {}: `{}` must be a non-empty string", key.value, field));
      return false;
    }
    out = node.value;
    return true;
  }

  void read_entry(const yaml::Node& key, const yaml::Node& node, std::vector<Request>& out) {
    Request request = base(key, node);
    if (node.is_scalar()) {
      if (read_value(key, node, request)) out.push_back(std::move(request));
      return;
    }
    if (!node.is_map()) {
      error(&node, fmt::format("alert {}: expected a number or a map with `value`, `for`, `index`", key.value));
      return;
    }
    bool ok = true;
    for (const yaml::Entry& e : node.entries) {
      const yaml::ScalarText& field = e.key->value;
      const yaml::Node& v = *e.value;
      if (field == "value") {
        ok &= read_value(key, v, request);
      } else if (field == "for") {
        const auto ms = v.is_scalar() ? promql::parse_duration_ms(v.value) : fail("expected a duration such as 10m");
        if (!ms) {
          error(&v, fmt::format("alert {}: invalid `for`: {}", key.value, ms.error().message));
          ok = false;
        } else {
          request.for_text = v.value;
        }
      } else if (field == "index") {
        const auto index = v.is_scalar() && v.style == yaml::ScalarStyle::Plain ? yaml::as_int(v) : std::nullopt;
        if (!index || *index < 0) {
          error(&v, fmt::format("alert {}: `index` must be a number from 0", key.value));
          ok = false;
        } else {
          request.selector.index = static_cast<std::size_t>(*index);
        }
      } else if (field == "group") {
        ok &= read_string(key, v, "group", request.selector.group);
      } else if (field == "resource") {
        ok &= read_string(key, v, "resource", request.selector.resource);
      } else if (field == "file") {
        ok &= read_string(key, v, "file", request.selector.file);
      } else if (field == "labels") {
        if (!v.is_map()) {
          error(&v, fmt::format("alert {}: `labels` must be a map of label names to values", key.value));
          ok = false;
          continue;
        }
        for (const yaml::Entry& label : v.entries) {
          if (!label.value->is_scalar()) {
            error(label.value, fmt::format("alert {}: label {} must be a string", key.value, label.key->value));
            ok = false;
            continue;
          }
          request.selector.labels.emplace_back(label.key->value, label.value->value);
        }
      } else {
        error(e.key, fmt::format(
                         "alert {}: unknown key `{}`; expected one of value, for, index, group, resource, file, labels",
                         key.value, field));
        ok = false;
      }
    }
    if (ok && !request.value && !request.for_text) {
      error(&node, fmt::format("alert {}: give `value`, `for` or both", key.value));
      ok = false;
    }
    if (ok) out.push_back(std::move(request));
  }

  const SourceFile& source_;
  std::string errors_;
};

}  // namespace

Result<std::vector<Request>> parse_values_file(const SourceFilePtr& source) {
  std::vector<Request> requests;
  ValuesReader reader(*source);
  yaml::Document document = yaml::load(source);
  for (const Diagnostic& d : document.problems) {
    if (d.severity == Severity::Error) {
      reader.add(fmt::format("{}:{}:{}: {}", source->path(), d.pos.line, d.pos.col, d.message));
    }
  }
  if (document.ok() && document.root != nullptr && !document.root->is_null()) {
    if (!document.root->is_map()) {
      reader.error(document.root, "expected a map from alert names to thresholds, e.g. `HighPredictionLatency: 0.3`");
    } else {
      for (const yaml::Entry& e : document.root->entries) {
        if (!e.key->is_scalar() || e.key->value.empty()) {
          reader.error(e.key, "expected an alert name");
          continue;
        }
        reader.read_alert(*e.key, *e.value, requests);
      }
    }
  }
  if (!reader.errors().empty()) return fail(reader.errors());
  return requests;
}

}  // namespace mlmon::thresholds
