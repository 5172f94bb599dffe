#include "yaml/check_list.hpp"

#include "yaml/document.hpp"

namespace mlmon::yaml {

namespace {

using checks::CheckInfo;
using checks::CheckKind;

constexpr CheckInfo kChecks[] = {
    {kRuleSyntax, "the file is YAML: syntax, indentation (no tabs), nesting depth", Severity::Error,
     CheckKind::Validation},
    {kRuleEncoding, "the file is UTF-8 without control characters or a UTF-16 byte order mark", Severity::Error,
     CheckKind::Validation},
    {kRuleAlias, "every alias names an anchor defined before it, without cycles or an alias bomb", Severity::Error,
     CheckKind::Validation},
    {kRuleDuplicateKey, "no mapping defines a key twice (Go's YAML refuses it)", Severity::Error,
     CheckKind::Validation},
    {kRuleMerge, "a merge key `<<` holds a mapping or a list of mappings", Severity::Error, CheckKind::Validation},
    {kRuleMultipleDocuments, "a file read as one document has no further `---` documents that would be ignored",
     Severity::Warning, CheckKind::Validation},
};

}  // namespace

std::span<const checks::CheckInfo> check_list() { return kChecks; }

}  // namespace mlmon::yaml
