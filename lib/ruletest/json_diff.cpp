#include "ruletest/json_diff.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "core/go_quote.hpp"

namespace mlmon::ruletest {

namespace {

struct Tag {
  const char* begin;
  const char* end;
};
constexpr Tag kNormal{"", ""};
constexpr Tag kAdded{"\033[0;32m", "\033[0m"};
constexpr Tag kRemoved{"\033[0;31m", "\033[0m"};
constexpr Tag kChanged{"\033[0;33m", "\033[0m"};
constexpr const char* kIndent = "    ";

using json = nlohmann::json;

// One side of a collection step: the element (or property) if that side has it.
struct Pair {
  const json* a = nullptr;
  const json* b = nullptr;
  std::string key;  // objects only
};

class Differ {
 public:
  bool match = true;

  std::string diff(const json& a, const json& b) {
    std::string buf;
    if (a.is_null() || b.is_null()) {
      if (a.is_null() && b.is_null()) {
        tag(buf, &kNormal);
        write_value(buf, a, false);
      } else {
        mismatch(buf, a, b);
      }
      return finalize(buf);
    }
    if (a.type() != b.type()) {
      mismatch(buf, a, b);
      return finalize(buf);
    }
    if (a.is_array() || a.is_object()) return collection(a, b);
    if (a != b) {
      mismatch(buf, a, b);
      return finalize(buf);
    }
    tag(buf, &kNormal);
    write_value(buf, a, true);
    return finalize(buf);
  }

 private:
  void newline(std::string& buf, std::string_view s) {
    buf += s;
    if (last_ != nullptr) buf += last_->end;
    buf += '\n';
    for (int i = 0; i < level_; ++i) buf += kIndent;
    if (last_ != nullptr) buf += last_->begin;
  }

  void tag(std::string& buf, const Tag* t) {
    if (last_ == t) return;
    if (last_ != nullptr) buf += last_->end;
    buf += t->begin;
    last_ = t;
  }

  std::string finalize(std::string& buf) {
    if (last_ != nullptr) {
      buf += last_->end;
      last_ = nullptr;
    }
    return buf;
  }

  void write_value(std::string& buf, const json& v, bool full) {
    if (v.is_string()) {
      buf += go::quote(v.get_ref<const std::string&>());
    } else if (v.is_boolean()) {
      buf += v.get<bool>() ? "true" : "false";
    } else if (v.is_number()) {
      buf += v.dump();
    } else if (v.is_array()) {
      if (!full) {
        buf += "[]";
        return;
      }
      if (v.empty()) {
        buf += "[";
      } else {
        ++level_;
        newline(buf, "[");
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        write_value(buf, v[i], true);
        if (i + 1 != v.size()) {
          newline(buf, ",");
        } else {
          --level_;
          newline(buf, "");
        }
      }
      buf += "]";
    } else if (v.is_object()) {
      if (!full) {
        buf += "{}";
        return;
      }
      if (v.empty()) {
        buf += "{";
      } else {
        ++level_;
        newline(buf, "{");
      }
      std::size_t i = 0;
      for (auto it = v.begin(); it != v.end(); ++it, ++i) {  // nlohmann::json keeps keys sorted
        buf += go::quote(it.key());
        buf += ": ";
        write_value(buf, it.value(), true);
        if (i + 1 != v.size()) {
          newline(buf, ",");
        } else {
          --level_;
          newline(buf, "");
        }
      }
      buf += "}";
    } else {
      buf += "null";
    }
  }

  void mismatch(std::string& buf, const json& a, const json& b) {
    tag(buf, &kChanged);
    write_value(buf, a, false);
    buf += " => ";
    write_value(buf, b, false);
    match = false;
  }

  std::vector<Pair> pairs(const json& a, const json& b) {
    std::vector<Pair> out;
    if (a.is_array()) {
      const std::size_t n = std::max(a.size(), b.size());
      for (std::size_t i = 0; i < n; ++i) {
        out.push_back({i < a.size() ? &a[i] : nullptr, i < b.size() ? &b[i] : nullptr, {}});
      }
      return out;
    }
    std::set<std::string> keys;
    for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
    for (const std::string& k : keys) {
      out.push_back({a.contains(k) ? &a[k] : nullptr, b.contains(k) ? &b[k] : nullptr, k});
    }
    return out;
  }

  std::string collection(const json& a, const json& b) {
    const bool object = a.is_object();
    const std::vector<Pair> items = pairs(a, b);
    // The differences of elements both sides have, computed one level deeper first.
    std::vector<std::string> diffs;
    ++level_;
    for (const Pair& p : items) diffs.push_back(p.a != nullptr && p.b != nullptr ? diff(*p.a, *p.b) : std::string());
    --level_;
    std::string buf;
    tag(buf, &kNormal);
    if (items.empty()) {
      buf += object ? "{}" : "[]";
      return finalize(buf);
    }
    ++level_;
    newline(buf, object ? "{" : "[");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Pair& p = items[i];
      auto key = [&] {
        if (object) buf += go::quote(p.key) + ": ";
      };
      if (p.a != nullptr && p.b != nullptr) {
        if (!diffs[i].empty()) {
          key();
          buf += diffs[i];
        }
      } else if (p.a != nullptr) {
        tag(buf, &kRemoved);
        key();
        write_value(buf, *p.a, true);
        match = false;
      } else {
        tag(buf, &kAdded);
        key();
        write_value(buf, *p.b, true);
        match = false;
      }
      if (i + 1 < items.size()) {
        tag(buf, &kNormal);
        newline(buf, ",");
      } else {
        --level_;
        tag(buf, &kNormal);
        newline(buf, "");
      }
    }
    buf += object ? "}" : "]";
    return finalize(buf);
  }

  int level_ = 0;
  const Tag* last_ = nullptr;
};

}  // namespace

JsonDiff json_diff(const nlohmann::json& a, const nlohmann::json& b) {
  Differ d;
  JsonDiff out;
  out.text = d.diff(a, b);
  out.full_match = d.match;
  return out;
}

}  // namespace mlmon::ruletest
