#pragma once
// JSON as every machine-readable renderer writes it: invalid UTF-8 from a user's file replaced
// (nlohmann would throw), and DEL, C1 and bidi controls written as \\uNNNN (JSON escapes only C0)
// for whoever reads it on a terminal.
#include <nlohmann/json.hpp>

#include <string>

#include "core/diagnostic.hpp"

namespace mlmon {

std::string dump_for_output(const nlohmann::ordered_json& doc, int indent);

/// One diagnostic as every JSON output shows it: file, line, column, severity, rule, message and
/// hint (when there is one), in that order. Callers may put their own keys first.
void append_diagnostic_fields(nlohmann::ordered_json& item, const Diagnostic& d);

}  // namespace mlmon
