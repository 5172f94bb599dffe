#pragma once
// The shape of an Alertmanager configuration: every struct Alertmanager decodes, its fields and
// their Go types, so unknown fields and wrong types are reported in yaml.v2's words. Internal to
// the alertmanager module.
#include <string_view>
#include <vector>

namespace mlmon::yaml {
struct Node;
}

namespace mlmon::alertmanager {
class Checker;
}

namespace mlmon::alertmanager::schema {

enum class Kind {
  String,  ///< any scalar reads as a string
  Secret,  ///< a string Alertmanager hides
  Bool,
  Int,   ///< Go int / int64
  Uint,  ///< Go uint64
  Float,
  ModelDuration,      ///< prometheus/common model.Duration ("1h30m", "1d")
  GoDuration,         ///< time.Duration decoded by yaml.v2 (type error when invalid)
  TextDuration,       ///< a time.ParseDuration text unmarshaler (pushover retry/expire/ttl)
  Url,                ///< Alertmanager URL: http or https with a host
  SecretUrl,          ///< the same, hidden; "<secret>" is accepted
  SecretTemplateUrl,  ///< webhook url: a Go template, or else a URL
  CommonUrl,          ///< prometheus/common URL (proxy_url): url.Parse only
  HostPort,           ///< "host:port"
  TlsVersion,         ///< TLS10..TLS13
  StringList,
  StringMap,           ///< map[string]string
  LabelMap,            ///< match / source_match: map[string]string of label names
  RegexMap,            ///< match_re / source_match_re: map[string]Regexp
  Matchers,            ///< []string, each a matchers expression
  Any,                 ///< interface{}: anything goes
  AnyMap,              ///< map[string]any
  Struct,              ///< a nested struct (value or pointer)
  StructList,          ///< []T: a null item is an empty T
  StructPtrList,       ///< []*T: a null item is a nil pointer (Alertmanager: "missing X config")
  StringOrStruct,      ///< jira summary/description: a string or the struct
  StringListOrStruct,  ///< jira labels: a list of strings or the struct
  ProxyHeader,         ///< map[string][]Secret
  HttpHeaders,         ///< map[string]{values, secrets, files}
};

struct Struct;
using StructRef = const Struct& (*)();
using Validator = void (*)(Checker&, const yaml::Node& mapping);

struct Field {
  std::string_view name;
  Kind kind = Kind::String;
  StructRef type = nullptr;       ///< for Struct, StructList, StructPtrList, StringOrStruct, ...
  std::string_view go_type = {};  ///< the Go type yaml.v2 names in a type error, when not the default
};

struct Struct {
  std::string_view go_name;  ///< "config.plain", "slack.plain", "email.ThreadingConfig"
  std::vector<Field> fields;
  Validator validate = nullptr;           ///< runs after the fields, as the type's UnmarshalYAML does
  std::string_view element_go_name = {};  ///< how a list of it is named: "[]*slack.SlackConfig"

  const Field* find(std::string_view name) const;
};

const Struct& config();
const Struct& http_config();

/// The integration lists of a receiver, in the order Alertmanager checks them after decoding.
const std::vector<std::string_view>& integration_fields_in_check_order();

}  // namespace mlmon::alertmanager::schema
