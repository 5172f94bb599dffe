#pragma once
// The decoder behind load_config: walks the YAML against the schema the way Alertmanager's
// strict yaml.v2 decoding does, and collects every finding with its phase. Internal.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "alertmanager/loader.hpp"
#include "alertmanager/matcher.hpp"
#include "alertmanager/schema.hpp"
#include "core/string_map.hpp"

namespace mlmon::alertmanager {

class Checker {
 public:
  explicit Checker(LoadedConfig& out) : out_(out) {}

  /// Decodes the whole document (Syntax, Decode and Strict findings).
  void decode(const yaml::Node* root);

  /// A finding of the struct validator now running: Decode, or DecodeShadowed when the struct had
  /// a type error (Alertmanager would not have run the validator).
  void fail(const yaml::Node* at, std::string_view rule, std::string message, std::string hint = {});
  /// A finding with an explicit phase and severity.
  void report(const yaml::Node* at, Phase phase, std::string_view rule, std::string message,
              Severity severity = Severity::Error, std::string hint = {});

  LoadedConfig& loaded() { return out_; }

  /// The YAML loader's duplicate-key problems, in yaml.v2's words for the mapping they are in:
  /// "field x already set in type T" (a struct) or `key "x" already set in map`.
  void report_duplicate_keys(const std::vector<Diagnostic>& duplicates);

  /// The matchers of one `matchers:` item, each distinct text parsed once: decoding, validation
  /// and the routing model all read them, and a large config has thousands.
  const MatchersParse& matchers_of(const yaml::Node* item);
  /// The matchers of one item for the routing model, which reads each item after decoding has:
  /// moved out of the cache when this is the last item decoding counted with that text (so the
  /// cache shrinks as the model grows), else copied; parsed afresh if no longer cached.
  Matchers take_matchers(const yaml::Node* item);

 private:
  void decode_struct(const yaml::Node* node, const schema::Struct& type, int depth, bool in_http_config);
  void decode_field(const yaml::Node* key, const yaml::Node* value, const schema::Field& field,
                    const schema::Struct& owner, int depth, bool in_http_config);
  void decode_string_list(const yaml::Node* value, std::string_view go_type, const schema::Field& field,
                          bool secret_items);
  void decode_string_map(const yaml::Node* value, std::string_view go_type, bool secret_values);
  void decode_regex_map(const yaml::Node* value);
  void decode_matchers(const yaml::Node* value);
  void decode_leaf(const yaml::Node* key, const yaml::Node* value, const schema::Field& field);
  void type_error(const yaml::Node* node, std::string_view go_type);
  void strict_error(const yaml::Node* at, std::string_view rule, std::string message);
  bool over_budget(const yaml::Node* at, int depth);

  LoadedConfig& out_;
  struct CachedMatchers {
    MatchersParse parse;
    std::size_t decoded_items = 0;  ///< items with this text decoding read and the model has not taken
  };
  CachedMatchers& cached_matchers(const yaml::Node* item);
  // By text: the same matcher (severity="critical") recurs across routes and inhibit rules.
  StringMap<CachedMatchers> matchers_;
  std::vector<std::pair<const yaml::Node*, std::string_view>> decoded_maps_;  ///< mapping, struct type ("" for a map)
  Phase struct_phase_ = Phase::Decode;
  std::size_t strict_errors_ = 0;
  std::size_t visits_ = 0;
  bool budget_reported_ = false;
};

}  // namespace mlmon::alertmanager
