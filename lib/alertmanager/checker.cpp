#include "alertmanager/checker.hpp"

#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/duration.hpp"
#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/values.hpp"
#include "core/go_quote.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::alertmanager {

namespace {

using schema::Kind;

constexpr std::size_t kMaxVisits = 4'000'000;  // aliases can multiply a small file's work
constexpr int kMaxDepth = 1000;                // above what the YAML loader accepts; a guard, not a rule

bool is_secret_kind(Kind kind) {
  return kind == Kind::Secret || kind == Kind::SecretUrl || kind == Kind::SecretTemplateUrl;
}

}  // namespace

void Checker::report(const yaml::Node* at, Phase phase, std::string_view rule, std::string message, Severity severity,
                     std::string hint) {
  Finding f;
  f.phase = phase;
  f.diagnostic.severity = severity;
  f.diagnostic.rule_id = std::string(rule);
  f.diagnostic.file = out_.document.source ? out_.document.source->path() : std::string();
  if (at != nullptr) f.diagnostic.pos = at->pos();
  f.diagnostic.message = std::move(message);
  f.diagnostic.hint = std::move(hint);
  out_.findings.push_back(std::move(f));
}

void Checker::fail(const yaml::Node* at, std::string_view rule, std::string message, std::string hint) {
  report(at, struct_phase_, rule, std::move(message), Severity::Error, std::move(hint));
}

void Checker::strict_error(const yaml::Node* at, std::string_view rule, std::string message) {
  ++strict_errors_;
  report(at, Phase::Strict, rule, std::move(message));
}

void Checker::type_error(const yaml::Node* node, std::string_view go_type) {
  strict_error(node, ids::kTypeError, yaml::cannot_unmarshal(*node, go_type, yaml::GoYaml::V2));
}

bool Checker::over_budget(const yaml::Node* at, int depth) {
  if (++visits_ <= kMaxVisits && depth <= kMaxDepth) return false;
  if (!budget_reported_) {
    budget_reported_ = true;
    report(at, Phase::Decode, ids::kYaml,
           depth > kMaxDepth ? "yaml: exceeded max depth of " + std::to_string(kMaxDepth)
                             : std::string("yaml: document contains excessive aliasing"));
  }
  return true;
}

void Checker::report_duplicate_keys(const std::vector<Diagnostic>& duplicates) {
  const std::string& text = out_.document.source->text();
  for (const Diagnostic& d : duplicates) {
    const std::size_t offset = d.pos.offset;
    // The innermost decoded mapping around the duplicate key.
    const std::pair<const yaml::Node*, std::string_view>* owner = nullptr;
    for (const auto& candidate : decoded_maps_) {
      const yaml::Node* n = candidate.first;
      if (n->offset <= offset && offset < n->end &&
          (owner == nullptr || n->end - n->offset < owner->first->end - owner->first->offset)) {
        owner = &candidate;
      }
    }
    // The key as written: "mapping key \"x\" already defined ..." quotes it; read it from the source instead.
    std::size_t key_end = offset;
    while (key_end < text.size() && text[key_end] != ':' && text[key_end] != '\n') ++key_end;
    std::string key = text.substr(offset, key_end - offset);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
      key = key.substr(1, key.size() - 2);
    Finding f;
    f.diagnostic = d;
    f.phase = Phase::Strict;
    if (owner != nullptr && !owner->second.empty()) {
      f.diagnostic.rule_id = ids::kDuplicateField;
      f.diagnostic.message = "field " + key + " already set in type " + std::string(owner->second);
    } else if (owner != nullptr) {
      f.diagnostic.rule_id = ids::kDuplicateField;
      f.diagnostic.message = "key " + go::quote(key) + " already set in map";
    }
    ++strict_errors_;
    out_.findings.push_back(std::move(f));
  }
}

void Checker::decode(const yaml::Node* root) {
  if (root == nullptr || root->is_null()) return;
  decode_struct(root, schema::config(), 0, false);
}

void Checker::decode_struct(const yaml::Node* node, const schema::Struct& type, int depth, bool in_http_config) {
  if (node == nullptr || node->is_null() || over_budget(node, depth)) return;
  if (!node->is_map()) {
    type_error(node, type.go_name);
    return;
  }
  decoded_maps_.emplace_back(node, type.go_name);
  const std::size_t strict_before = strict_errors_;
  std::set<std::string, std::less<>> seen;
  for (const yaml::Entry& entry : node->entries) {
    if (entry.key == nullptr || !entry.key->is_scalar()) continue;
    const yaml::ScalarText& name = entry.key->value;
    if (!seen.insert(name).second) {
      if (!entry.merged)
        strict_error(entry.key, ids::kDuplicateField,
                     "field " + name + " already set in type " + std::string(type.go_name));
      continue;
    }
    const schema::Field* field = type.find(name);
    if (field == nullptr) {
      strict_error(entry.key, ids::kUnknownField, "field " + name + " not found in type " + std::string(type.go_name));
      continue;
    }
    decode_field(entry.key, entry.value, *field, type, depth + 1, in_http_config);
  }
  if (type.validate != nullptr) {
    const Phase saved = struct_phase_;
    struct_phase_ = strict_errors_ == strict_before ? Phase::Decode : Phase::DecodeShadowed;
    type.validate(*this, *node);
    struct_phase_ = saved;
  }
}

void Checker::decode_string_list(const yaml::Node* value, std::string_view go_type, const schema::Field& field,
                                 bool secret_items) {
  if (!value->is_seq()) {
    type_error(value, go_type);
    return;
  }
  for (const yaml::Node* item : value->items) {
    if (item->is_map() || item->is_seq()) {
      type_error(item, "string");
    } else if (secret_items && item->is_scalar()) {
      out_.secrets.push_back({std::string(field.name), nullptr, item, false});
    }
  }
}

void Checker::decode_string_map(const yaml::Node* value, std::string_view go_type, bool secret_values) {
  if (!value->is_map()) {
    type_error(value, go_type);
    return;
  }
  decoded_maps_.emplace_back(value, std::string_view{});
  std::set<std::string, std::less<>> seen;
  for (const yaml::Entry& entry : value->entries) {
    if (entry.key == nullptr) continue;
    if (entry.key->is_map() || entry.key->is_seq()) {
      type_error(entry.key, "string");
      continue;
    }
    if (!seen.insert(entry.key->value).second) {
      if (!entry.merged)
        strict_error(entry.key, ids::kDuplicateField, "key " + go::quote(entry.key->value) + " already set in map");
      continue;
    }
    if (entry.value->is_map() || entry.value->is_seq()) type_error(entry.value, "string");
    else if (secret_values && entry.value->is_scalar())
      out_.secrets.push_back({entry.key->value, entry.key, entry.value, false});
  }
}

void Checker::decode_regex_map(const yaml::Node* value) {
  if (!value->is_map()) {
    type_error(value, "map[string]config.Regexp");
    return;
  }
  const std::size_t strict_before = strict_errors_;
  for (const yaml::Entry& entry : value->entries) {
    if (entry.value->is_map() || entry.value->is_seq()) {
      type_error(entry.value, "string");
    } else if (entry.value->is_scalar()) {
      if (auto re = AnchoredRegex::compile(entry.value->value); !re) {
        report(entry.value, Phase::Decode, ids::kRegex, re.error().message);
      }
    }
  }
  // MatchRegexps.UnmarshalYAML: label names, then null values, once the map decoded cleanly.
  const Phase phase = strict_errors_ == strict_before ? Phase::Decode : Phase::DecodeShadowed;
  for (const yaml::Entry& entry : value->entries) {
    const std::string name = scalar_text(entry.key);
    if (!is_classic_label_name(name)) {
      report(entry.key, phase, ids::kLabelName, "invalid label name " + go::quote(name));
    } else if (entry.value->is_null()) {
      report(entry.value, phase, ids::kRegex, "invalid regexp value for " + go::quote(name));
    }
  }
}

namespace {
std::string_view item_text(const yaml::Node* item) {
  return item->is_scalar() ? std::string_view(item->value) : std::string_view();
}
}  // namespace

Checker::CachedMatchers& Checker::cached_matchers(const yaml::Node* item) {
  const std::string_view text = item_text(item);
  auto it = matchers_.find(text);
  if (it == matchers_.end()) it = matchers_.emplace(std::string(text), CachedMatchers{parse_matchers(text)}).first;
  return it->second;
}

const MatchersParse& Checker::matchers_of(const yaml::Node* item) { return cached_matchers(item).parse; }

Matchers Checker::take_matchers(const yaml::Node* item) {
  const auto it = matchers_.find(item_text(item));
  if (it == matchers_.end()) {
    MatchersParse parsed = parse_matchers(item_text(item));
    return parsed.ok() ? std::move(parsed.matchers) : Matchers{};
  }
  CachedMatchers& cached = it->second;
  if (!cached.parse.ok()) return {};
  if (cached.decoded_items > 1) {
    --cached.decoded_items;
    return cached.parse.matchers;
  }
  Matchers out = std::move(cached.parse.matchers);
  matchers_.erase(it);
  return out;
}

void Checker::decode_matchers(const yaml::Node* value) {
  if (!value->is_seq()) {
    type_error(value, "[]string");
    return;
  }
  for (const yaml::Node* item : value->items) {
    if (item->is_map() || item->is_seq()) {
      type_error(item, "string");
      continue;
    }
    CachedMatchers& cached = cached_matchers(item);
    ++cached.decoded_items;
    const MatchersParse& parsed = cached.parse;
    if (!parsed.ok()) {
      report(item, Phase::Decode, ids::kMatcher, parsed.error);
    } else if (parsed.classic_only) {
      // Not a validation: recorded for the lint check (lint/classic_matcher.cpp).
      out_.classic_matchers.push_back({item, "write it as '" + parsed.suggestion + "' (values double-quoted)"});
    }
  }
}

void Checker::decode_leaf(const yaml::Node* key, const yaml::Node* value, const schema::Field& field) {
  const Kind kind = field.kind;
  if (value->is_map() || value->is_seq()) {
    type_error(value, field.go_type.empty() ? "string" : field.go_type);
    return;
  }
  const yaml::ScalarText& text = value->value;
  const std::string tag = v2_tag(*value);
  switch (kind) {
    case Kind::Bool:
      if (tag != "!!bool") type_error(value, "bool");
      return;
    case Kind::Int:
      if (tag != "!!int" && tag != "!!float") type_error(value, field.go_type.empty() ? "int" : field.go_type);
      return;
    case Kind::Uint:
      if ((tag != "!!int" && tag != "!!float") || text.starts_with("-")) type_error(value, "uint64");
      return;
    case Kind::Float:
      if (tag != "!!int" && tag != "!!float") type_error(value, "float64");
      return;
    case Kind::GoDuration:
      if (tag != "!!int" && tag != "!!float" && !parse_go_duration(text)) type_error(value, "time.Duration");
      return;
    case Kind::TextDuration:
      if (tag != "!!str") return;
      if (auto d = parse_go_duration(text); !d) report(value, Phase::Decode, ids::kDuration, d.error().message);
      return;
    case Kind::ModelDuration:
      if (auto d = parse_model_duration(text); !d) report(value, Phase::Decode, ids::kDuration, d.error().message);
      return;
    case Kind::Url:
    case Kind::SecretUrl: {
      if (kind == Kind::SecretUrl && text == "<secret>") return;
      if (auto url = parse_alertmanager_url(text); !url) report(value, Phase::Decode, ids::kUrl, url.error().message);
      return;
    }
    case Kind::SecretTemplateUrl: {
      if (text.empty() || text == "<secret>") return;
      if (text.find("{{") != std::string::npos) {
        // A Go template: Alertmanager parses it here; an unbalanced action is the common mistake.
        std::size_t open = 0;
        std::size_t close = 0;
        for (std::size_t p = text.find("{{"); p != std::string::npos; p = text.find("{{", p + 2)) ++open;
        for (std::size_t p = text.find("}}"); p != std::string::npos; p = text.find("}}", p + 2)) ++close;
        if (open != close) {
          report(value, Phase::Decode, ids::kUrl, "invalid template syntax: template: :1: unclosed action");
        }
        return;
      }
      if (auto url = parse_alertmanager_url(text); !url) {
        report(value, Phase::Decode, ids::kUrl, "invalid URL: " + url.error().message);
      }
      return;
    }
    case Kind::CommonUrl: {
      if (auto url = parse_go_url(text); !url) report(value, Phase::Decode, ids::kUrl, url.error().message);
      return;
    }
    case Kind::HostPort:
      if (auto ok = check_host_port(text); !ok) report(value, Phase::Decode, ids::kHostPort, ok.error().message);
      return;
    case Kind::TlsVersion:
      if (auto ok = check_tls_version(text); !ok) report(value, Phase::Decode, ids::kTlsConfig, ok.error().message);
      return;
    default: (void)key; return;
  }
}

void Checker::decode_field(const yaml::Node* key, const yaml::Node* value, const schema::Field& field,
                           const schema::Struct& owner, int depth, bool in_http_config) {
  if (value == nullptr || over_budget(value, depth)) return;
  const Kind kind = field.kind;
  if (is_secret_kind(kind) && value->is_scalar()) {
    const bool twin = owner.find(std::string(field.name) + "_file") != nullptr;
    out_.secrets.push_back({std::string(field.name), key, value, kind != Kind::Secret, twin});
  }
  if ((kind == Kind::String || kind == Kind::Secret) && field.name.ends_with("_file") && value->is_scalar() &&
      !value->value.empty()) {
    out_.files.push_back({std::string(field.name), value, in_http_config, false});
  }
  if (value->is_null()) return;  // the zero value: never an error while decoding
  switch (kind) {
    case Kind::String:
    case Kind::Secret:
      if (value->is_map() || value->is_seq()) type_error(value, field.go_type.empty() ? "string" : field.go_type);
      return;
    case Kind::StringList: decode_string_list(value, "[]string", field, field.name == "secrets"); return;
    case Kind::StringMap:
    case Kind::LabelMap: decode_string_map(value, "map[string]string", false); return;
    case Kind::RegexMap: decode_regex_map(value); return;
    case Kind::Matchers: decode_matchers(value); return;
    case Kind::Any: return;
    case Kind::AnyMap:
      if (!value->is_map()) type_error(value, "map[string]interface {}");
      return;
    case Kind::ProxyHeader:
      if (!value->is_map()) {
        type_error(value, "config.ProxyHeader");
        return;
      }
      for (const yaml::Entry& entry : value->entries) {
        if (entry.value->is_null()) continue;
        decode_string_list(entry.value, "[]config.Secret", field, true);
      }
      return;
    case Kind::HttpHeaders:
      if (!value->is_map()) {
        type_error(value, "config.Headers");
        return;
      }
      for (const yaml::Entry& entry : value->entries) {
        if (field.type != nullptr) decode_struct(entry.value, field.type(), depth + 1, in_http_config);
      }
      return;
    case Kind::Struct:
      decode_struct(value, field.type(), depth, in_http_config || &field.type() == &schema::http_config());
      return;
    case Kind::StructList:
    case Kind::StructPtrList: {
      const schema::Struct& element = field.type();
      if (!value->is_seq()) {
        type_error(value, field.go_type.empty() ? element.element_go_name : field.go_type);
        return;
      }
      for (const yaml::Node* item : value->items) decode_struct(item, element, depth + 1, in_http_config);
      return;
    }
    case Kind::StringOrStruct:
      if (!value->is_scalar()) decode_struct(value, field.type(), depth, in_http_config);
      return;
    case Kind::StringListOrStruct:
      if (value->is_seq()) {
        decode_string_list(value, "[]string", field, false);
      } else {
        decode_struct(value, field.type(), depth, in_http_config);
      }
      return;
    default: decode_leaf(key, value, field); return;
  }
}

}  // namespace mlmon::alertmanager
