#pragma once
// Typed reading of YAML scalars the way Go's yaml packages decode them into Go struct fields,
// and the words of their type errors (`cannot unmarshal !!seq into string`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yaml/document.hpp"

namespace mlmon::yaml {

/// Which Go YAML package decodes the file: Prometheus uses gopkg.in/yaml.v3, Alertmanager
/// gopkg.in/yaml.v2. They differ on booleans (v2 resolves YAML 1.1 `yes`/`on`/`y`... as bools).
enum class GoYaml { V3, V2 };

/// The short tag Go's yaml gives the node: the explicit tag if any (`!!str`, `!custom`), else
/// `!!null`, `!!seq`, `!!map`, `!!str` for quoted and block scalars, and for plain scalars the
/// implicit resolution: `!!bool` (v3: true/True/TRUE/false/False/FALSE), `!!int` (decimal,
/// 0x/0o/0b, leading-0 octal, `_` ignored), `!!float` (incl. .inf/.nan), `!!timestamp`
/// (2001-12-14...), `!!merge` (`<<`), otherwise `!!str`.
std::string resolved_tag(const Node& node, GoYaml dialect = GoYaml::V3);

/// What Go prints after "cannot unmarshal ": the tag, and for scalars the value in backquotes,
/// cut to 7 bytes and "..." when longer than 10: "!!seq", "!!str `yes please`", "!!str `${TELEG...`".
std::string describe_kind(const Node& node, GoYaml dialect = GoYaml::V3);

/// "cannot unmarshal !!seq into string" (`go_type` as Go prints it: "string", "[]string",
/// "rulefmt.Rule", "model.Duration"...).
std::string cannot_unmarshal(const Node& node, std::string_view go_type, GoYaml dialect = GoYaml::V3);

/// The line Go's yaml reports for the node: that of its properties (`&anchor`, `!tag`) if any.
int go_line(const Node& node);

/// "line 3: cannot unmarshal !!map into string", one line of Go's
/// "yaml: unmarshal errors:\n  line 3: ..." list.
std::string unmarshal_error(const Node& node, std::string_view go_type, GoYaml dialect = GoYaml::V3);

/// A Go bool field: a resolved bool; with v3 also a string (plain or quoted) spelled y, Y, yes,
/// Yes, YES, on, On, ON / n, N, no, No, NO, off, Off, OFF. Anything else (incl. quoted "true" and
/// null): nullopt, i.e. an unmarshal error (or, for null, "leave the field unset").
std::optional<bool> as_bool(const Node& node, GoYaml dialect = GoYaml::V3);
bool is_true(const Node& node, GoYaml dialect = GoYaml::V3);
bool is_false(const Node& node, GoYaml dialect = GoYaml::V3);

/// A Go int64 field: a resolved int in range, or a resolved float truncated toward zero (as
/// Go's yaml does); nullopt for strings (incl. quoted numbers), null and out-of-range values.
std::optional<std::int64_t> as_int(const Node& node, GoYaml dialect = GoYaml::V3);

/// A Go float64 field: a resolved int or float (incl. .inf, -.inf, .nan); nullopt otherwise.
std::optional<double> as_float(const Node& node, GoYaml dialect = GoYaml::V3);

}  // namespace mlmon::yaml
