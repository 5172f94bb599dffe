#pragma once
// The parse tree of a template set (text/template/parse's nodes), as the parser builds it for the
// executor. Nodes keep Go's byte positions and print as Go's String() methods do, because
// execution errors quote both: `template: t:1:3: executing "t" at <.Foo>: ...`.
#include <complex>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::gotemplate {

enum class NodeType : std::uint8_t { identifier, dot, nil, variable, field, chain, boolean, number, string, pipe };

struct FieldRef {
  std::string_view name;  // without the leading '.'
  std::size_t pos;        // offset of the '.'
};

// A number constant with every Go type that can hold it exactly (parse.NumberNode).
struct NumberConstant {
  bool is_int = false;
  bool is_uint = false;
  bool is_float = false;
  bool is_complex = false;
  std::int64_t int64 = 0;
  std::uint64_t uint64 = 0;
  double float64 = 0;
  std::complex<double> complex128;
};

struct Pipe;

struct Node {
  NodeType type = NodeType::nil;
  std::size_t pos = 0;
  std::string_view text;         // as written: function name, "$var", literal (quotes included)
  std::string value;             // string literals: the unquoted value
  std::vector<FieldRef> fields;  // variable, field and chain nodes: the .A.B accesses
  const Node* base = nullptr;    // chain: the term whose fields are accessed
  const Pipe* pipe = nullptr;    // parenthesized pipeline
  NumberConstant number;         // number nodes
};

struct Command {
  std::size_t pos = 0;
  std::vector<const Node*> args;
};

struct Declaration {
  std::string_view name;
  std::size_t pos;
  std::size_t var_index;  // index in the parser's variable list
};

struct Pipe {
  std::size_t pos = 0;
  bool is_assign = false;
  std::vector<Declaration> decls;
  std::vector<const Command*> cmds;
};

// ---- Statements: what a template's list holds. ----

enum class ItemType : std::uint8_t { text, action, if_, range, with, template_, break_, continue_ };

struct List;

struct Item {
  ItemType type = ItemType::text;
  std::size_t pos = 0;
  std::string_view text;            // text items
  const Pipe* pipe = nullptr;       // action, if, range, with; template (may be null)
  const List* list = nullptr;       // if, range, with
  const List* else_list = nullptr;  // if, range, with: null without {{else}}
  std::string name;                 // template: the called template
};

struct List {
  std::vector<const Item*> items;
};

// A parsed template and the templates it defines, owning the text every node points into.
struct Tree {
  std::string text;
  std::string name;  // the top-level template's name (Go's ParseName)
  std::deque<Node> nodes;
  std::deque<Command> commands;
  std::deque<Pipe> pipes;
  std::deque<Item> items;
  std::deque<List> lists;
  std::map<std::string, const List*, std::less<>> templates;
  std::size_t max_paren_depth = 0;  // deepest nesting of parenthesized pipelines

  Tree() = default;
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
};

// Go's String() of nodes, as execution errors quote them.
std::string to_string(const Node& node);
std::string to_string(const Command& command);
std::string to_string(const Pipe& pipe);
std::string to_string(const Item& item);

}  // namespace mlmon::gotemplate
