#include "grafana/dashboard_checks.hpp"

#include <fmt/format.h>

#include "grafana/bounded_json.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;

std::string short_value(const json& value) {
  std::string text = compact_json(value);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

std::string escape_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

json without_server_fields(const json& dashboard) {
  json copy = dashboard;
  if (copy.is_object()) {
    copy.erase("id");
    copy.erase("version");
    copy.erase("iteration");
  }
  return copy;
}

std::vector<std::string> StructuralComparer::differences(const json& live, const json& local) const {
  std::vector<std::string> lines;
  struct Pair {
    const json* a;
    const json* b;
    std::string pointer;
  };
  json left = without_server_fields(live), right = without_server_fields(local);
  std::vector<Pair> pending{{&left, &right, ""}};
  bool truncated = false;
  auto add = [&](std::string line) {
    if (lines.size() < limit_) {
      lines.push_back(std::move(line));
    } else {
      truncated = true;
    }
  };
  while (!pending.empty()) {
    Pair pair = std::move(pending.back());
    pending.pop_back();
    const json& a = *pair.a;
    const json& b = *pair.b;
    std::string where = pair.pointer.empty() ? "/" : pair.pointer;
    if (a.is_object() && b.is_object()) {
      // Reverse order onto the stack so lines come out in key order.
      std::vector<Pair> children;
      for (auto it = a.begin(); it != a.end(); ++it) {
        std::string child = pair.pointer + "/" + escape_token(it.key());
        auto other = b.find(it.key());
        if (other == b.end()) {
          add(fmt::format("{}: removed (was {})", child, short_value(*it)));
        } else {
          children.push_back({&*it, &*other, child});
        }
      }
      for (auto it = b.begin(); it != b.end(); ++it) {
        if (!a.contains(it.key()))
          add(fmt::format("{}/{}: added {}", pair.pointer, escape_token(it.key()), short_value(*it)));
      }
      for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(std::move(*it));
    } else if (a.is_array() && b.is_array()) {
      if (a.size() != b.size()) {
        add(fmt::format("{}: {} items → {} items", where, a.size(), b.size()));
        continue;
      }
      for (std::size_t i = a.size(); i-- > 0;) pending.push_back({&a[i], &b[i], fmt::format("{}/{}", pair.pointer, i)});
    } else if (a != b) {
      add(fmt::format("{}: {} → {}", where, short_value(a), short_value(b)));
    }
  }
  if (truncated) lines.push_back(fmt::format("... and more (first {} differences shown)", limit_));
  return lines;
}

}  // namespace mlmon::grafana
