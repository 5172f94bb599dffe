// load(): the fast path when it can, else yaml-cpp's event parser driving TreeBuilder, plus the
// checks Go's yaml makes and yaml-cpp does not (encoding, tabs, a second document).
#include "yaml/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <exception>
#include <istream>
#include <streambuf>

#include "yaml/document.hpp"
#include "yaml/fast_loader.hpp"
#include "yaml/parse_error.hpp"
#include "yaml/source_checks.hpp"
#include "yaml/tree_builder.hpp"

namespace mlmon::yaml {
namespace {

/// Reads the source text in place (std::istringstream would copy it).
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read-only: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

/// Receives the events of the documents after the first, which are ignored.
class IgnoreEvents final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  YAML::Mark start = YAML::Mark::null_mark();
};

Diagnostic make_diagnostic(const Document& doc, Severity severity, std::string_view rule, std::size_t offset,
                           std::string message, std::string hint) {
  return mlmon::make_diagnostic(severity, rule, doc.source->path(), doc.source->position_of(offset), std::move(message),
                                std::move(hint));
}

/// A problem that ends the load: it replaces whatever was found before (as in Go, a document
/// that does not parse yields only its parse error) and there is no tree.
void fail(Document& doc, Diagnostic diagnostic) {
  doc.root = nullptr;
  doc.nodes.clear();  // unreachable, and collections left open have no end
  doc.problems.clear();
  doc.problems.push_back(std::move(diagnostic));
}

void fail(Document& doc, std::string_view rule, const detail::TextProblem& problem) {
  fail(doc, make_diagnostic(doc, Severity::Error, rule, problem.offset, problem.message, problem.hint));
}

/// yaml-cpp starts a new document at any text after the root node ends (`- a` then `b` at column
/// 0); for Go's yaml that is a syntax error in the document before.
detail::TextProblem implicit_document_problem(std::string_view text, std::size_t at) {
  const char c = at < text.size() ? text[at] : '\0';
  const bool plain = std::string_view("[]{}-\"'|>&*!?%@`#,").find(c) == std::string_view::npos;
  return {at, plain ? "could not find expected ':'" : "did not find expected <document start>",
          "check the indentation of this line and the lines above it"};
}

Document empty_document(SourceFilePtr source) {
  Document doc;
  doc.source = std::move(source);
  return doc;
}

/// What read_document() found.
enum class Read { nothing, document, failed };

/// Builds the parser's next document into `doc`. A problem that ends the load is `failed`, with
/// `doc` holding only that problem.
Read read_document(YAML::Parser& parser, detail::TreeBuilder& builder, Document& doc) {
  const std::string_view text = doc.source->text();
  try {
    if (!parser.HandleNextDocument(builder)) return Read::nothing;  // no more, or only comments
    builder.finish();
  } catch (const detail::LoadStop& stop) {
    fail(doc, stop.diagnostic);
    return Read::failed;
  } catch (const YAML::ParserException& e) {
    detail::ParseErrorContext context;
    context.text = text;
    context.offset = builder.offset_of(e.mark);
    context.deep_recursion = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    context.depth = builder.depth();
    context.innermost = builder.innermost_open() != nullptr ? builder.innermost_open()->offset : context.offset;
    std::string_view rule;
    const detail::TextProblem problem = detail::explain_parse_error(e.msg, context, rule);
    fail(doc, rule, problem);
    return Read::failed;
  } catch (const std::exception& e) {
    fail(doc, kRuleSyntax, detail::TextProblem{0, std::string("cannot parse YAML: ") + e.what(), {}});
    return Read::failed;
  }
  return Read::document;
}

SlowPathListener& slow_path_listener() {
  static SlowPathListener listener;
  return listener;
}

/// The fast loader, and the listener told when it gives up.
bool loaded_fast(Document& doc, const LoadOptions& options) {
  if (!slow_path_listener()) return detail::load_fast(doc, options);
  detail::FastPathMiss miss;
  if (detail::load_fast(doc, options, &miss)) return true;
  slow_path_listener()(*doc.source, miss.offset, miss.reason);
  return false;
}

bool loaded_all_fast(const SourceFilePtr& source, std::vector<Document>& docs) {
  if (!slow_path_listener()) return detail::load_all_fast(source, docs);
  detail::FastPathMiss miss;
  if (detail::load_all_fast(source, docs, &miss)) return true;
  slow_path_listener()(*source, miss.offset, miss.reason);
  return false;
}

}  // namespace

void set_slow_path_listener(SlowPathListener listener) { slow_path_listener() = std::move(listener); }

Document load(SourceFilePtr source, const LoadOptions& options) {
  Document doc;
  doc.source = source;
  if (loaded_fast(doc, options)) return doc;
  return detail::load_with_yaml_cpp(std::move(source), options);
}

std::optional<Document> load_streaming(SourceFilePtr source, std::string_view key, const ItemSink& on_item) {
  Document doc;
  doc.source = std::move(source);
  if (detail::load_fast_streaming(doc, key, on_item)) return doc;
  return std::nullopt;
}

std::optional<Document> load_streaming_owned(SourceFilePtr source, std::string_view key, const OwnedItemSink& on_item) {
  Document doc;
  doc.source = std::move(source);
  if (detail::load_fast_streaming(doc, key, on_item)) return doc;
  return std::nullopt;
}

Document detail::load_with_yaml_cpp(SourceFilePtr source, const LoadOptions& options) {
  Document doc;
  doc.source = std::move(source);
  const std::string_view text = doc.source->text();

  if (auto problem = detail::check_encoding(text)) {
    fail(doc, kRuleEncoding, *problem);
    return doc;
  }
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // yaml-cpp's marks skip it

  MemoryBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  detail::TreeBuilder builder(doc, bom);
  if (read_document(parser, builder, doc) != Read::document) return doc;
  if (auto tab = detail::find_tab_indentation(doc)) {
    fail(doc, kRuleSyntax, detail::tab_problem(*tab));
    return doc;
  }

  // Like Prometheus: only the first document counts, and a further one earns a warning. A
  // further document that does not parse still shows there is one.
  IgnoreEvents rest;
  bool another = false;
  try {
    another = parser.HandleNextDocument(rest);
  } catch (const std::exception&) {
    another = true;
  }
  if (another) {
    const std::size_t at = rest.start.is_null() ? text.size() : builder.offset_of(rest.start);
    if (!detail::starts_explicit_document(text, at)) {
      fail(doc, kRuleSyntax, implicit_document_problem(text, at));
      return doc;
    }
    doc.problems.push_back(make_diagnostic(doc, Severity::Warning, kRuleMultipleDocuments, at,
                                           std::string(options.multiple_documents_message), {}));
  }
  return doc;
}

std::vector<Document> load_all(SourceFilePtr source) {
  std::vector<Document> docs;
  if (loaded_all_fast(source, docs)) return docs;
  return detail::load_all_with_yaml_cpp(std::move(source));
}

std::vector<Document> detail::load_all_with_yaml_cpp(SourceFilePtr source) {
  std::vector<Document> docs;
  const std::string_view text = source->text();
  if (auto problem = detail::check_encoding(text)) {
    fail(docs.emplace_back(empty_document(source)), kRuleEncoding, *problem);
    return docs;
  }
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;

  MemoryBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  std::vector<std::size_t> starts;  // where each document begins: its tabs are looked for up to the next
  std::size_t previous_start = std::string_view::npos;
  for (Read read = Read::document; read == Read::document;) {
    Document doc = empty_document(source);
    detail::TreeBuilder builder(doc, bom);
    read = read_document(parser, builder, doc);
    if (read == Read::nothing) break;
    if (read == Read::document && builder.document_start() == previous_start) {
      // yaml-cpp read nothing: it leaves a token no node starts with (`,` after `...`) in place
      // and would hand over empty documents there for ever.
      fail(docs.back(), kRuleSyntax, implicit_document_problem(text, previous_start));
      break;
    }
    previous_start = builder.document_start();
    const std::size_t start = docs.empty() ? 0 : builder.document_start();
    if (read == Read::document && !docs.empty() && !detail::starts_explicit_document(text, start)) {
      fail(docs.back(), kRuleSyntax, implicit_document_problem(text, start));
      break;
    }
    starts.push_back(start);
    docs.push_back(std::move(doc));
  }
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].ok()) continue;
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : std::string_view::npos;
    if (auto tab = detail::find_tab_indentation(docs[i], starts[i], end)) {
      fail(docs[i], kRuleSyntax, detail::tab_problem(*tab));
    }
  }
  if (docs.empty()) docs.push_back(empty_document(source));
  return docs;
}

}  // namespace mlmon::yaml
