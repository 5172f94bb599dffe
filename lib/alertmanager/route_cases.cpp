#include "alertmanager/route_cases.hpp"

#include <algorithm>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/matcher.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/router.hpp"

namespace mlmon::alertmanager {

namespace {

using yaml::Node;

Diagnostic make(const SourceFilePtr& source, const Node* at, std::string_view rule, std::string message) {
  return make_diagnostic(Severity::Error, rule, source->path(), at != nullptr ? at->pos() : Position{},
                         std::move(message));
}

std::string describe(const RouteCase& c) {
  Matchers ms;
  for (const auto& [name, value] : c.labels) {
    if (auto m = Matcher::make(MatchType::Equal, name, value)) ms.push_back(std::move(*m));
  }
  return c.name.empty() ? to_string(ms) : c.name + " " + to_string(ms);
}

}  // namespace

bool RouteCaseFile::ok() const {
  return document.ok() && std::none_of(problems.begin(), problems.end(),
                                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

RouteCaseFile load_route_cases(SourceFilePtr source) {
  RouteCaseFile file;
  file.document = yaml::load(source);
  file.problems = file.document.problems;
  const Node* root = file.document.root;
  if (root == nullptr) {
    if (file.document.ok())
      file.problems.push_back(make(source, nullptr, ids::kRouteCases, "no routing cases in the file"));
    return file;
  }
  if (!root->is_seq()) {
    file.problems.push_back(
        make(source, root, ids::kRouteCases, "routing cases must be a list of {labels: {...}, receivers: [...]}"));
    return file;
  }
  for (const Node* item : root->items) {
    if (!item->is_map()) {
      file.problems.push_back(
          make(source, item, ids::kRouteCases, "a routing case must be a mapping with labels and receivers"));
      continue;
    }
    RouteCase c;
    c.node = item;
    bool valid = true;
    for (const yaml::Entry& e : item->entries) {
      const std::string key = scalar_text(e.key);
      if (key != "labels" && key != "receivers" && key != "name") {
        file.problems.push_back(make(source, e.key, ids::kRouteCases,
                                     "unknown field " + key + " in a routing case (expected labels, receivers, name)"));
        valid = false;
      }
    }
    c.name = text_of(item, "name");
    const Node* labels = field_node(item, "labels");
    if (labels != nullptr && labels->is_map()) {
      for (const yaml::Entry& e : labels->entries) {
        if (!e.key->is_scalar() || !(e.value->is_scalar() || e.value->is_null())) {
          file.problems.push_back(make(source, e.key, ids::kRouteCases, "label values must be strings"));
          valid = false;
          continue;
        }
        c.labels[e.key->value] = scalar_text(e.value);
      }
    } else if (is_present(labels)) {
      file.problems.push_back(
          make(source, labels, ids::kRouteCases, "labels must be a mapping of label names to values"));
      valid = false;
    }
    const Node* receivers = field_node(item, "receivers");
    if (receivers == nullptr || receivers->is_null()) {
      file.problems.push_back(make(source, item, ids::kRouteCases, "a routing case needs receivers"));
      valid = false;
    } else if (receivers->is_seq()) {
      for (const Node* r : receivers->items) c.receivers.push_back(scalar_text(r));
    } else if (receivers->is_scalar()) {
      std::string list = receivers->value;
      for (std::size_t start = 0;;) {
        const std::size_t comma = list.find(',', start);
        c.receivers.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      file.problems.push_back(make(source, receivers, ids::kRouteCases, "receivers must be a list"));
      valid = false;
    }
    if (valid) file.cases.push_back(std::move(c));
  }
  return file;
}

std::vector<Diagnostic> run_route_cases(const RouteCaseFile& cases, const Route& root) {
  std::vector<Diagnostic> out;
  for (const RouteCase& c : cases.cases) {
    const std::vector<std::string> got = route_receivers(root, c.labels);
    if (got == c.receivers) continue;
    out.push_back(
        make(cases.document.source, c.node, ids::kRouteCases,
             describe(c) + ": expected receivers " + join_receivers(c.receivers) + ", got " + join_receivers(got)));
  }
  return out;
}

}  // namespace mlmon::alertmanager
