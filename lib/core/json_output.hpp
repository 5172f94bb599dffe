#pragma once
// JSON as every machine-readable renderer writes it: invalid UTF-8 from a user's file replaced
// (nlohmann would throw), and DEL, C1 and bidi controls written as \\uNNNN (JSON escapes only C0)
// for whoever reads it on a terminal.
#include <nlohmann/json.hpp>

#include <string>

namespace mlmon {

std::string dump_for_output(const nlohmann::ordered_json& doc, int indent);

}  // namespace mlmon
