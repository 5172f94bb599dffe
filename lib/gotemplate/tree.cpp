#include "gotemplate/tree.hpp"

#include <utility>

#include "gotemplate/go_strconv.hpp"

namespace mlmon::gotemplate {

namespace {

void write_pipe(std::string& out, const Pipe& pipe);

void write_fields(std::string& out, const std::vector<FieldRef>& fields) {
  for (const FieldRef& field : fields) {
    out += '.';
    out += field.name;
  }
}

void write_node(std::string& out, const Node& node) {
  switch (node.type) {
    case NodeType::dot: out += '.'; return;
    case NodeType::nil: out += "nil"; return;
    case NodeType::field: write_fields(out, node.fields); return;
    case NodeType::variable:
      out += node.text;
      write_fields(out, node.fields);
      return;
    case NodeType::chain:
      if (node.base->type == NodeType::pipe) {
        out += '(';
        write_pipe(out, *node.base->pipe);
        out += ')';
      } else {
        write_node(out, *node.base);
      }
      write_fields(out, node.fields);
      return;
    case NodeType::pipe: write_pipe(out, *node.pipe); return;
    case NodeType::identifier:
    case NodeType::boolean:
    case NodeType::number:
    case NodeType::string: out += node.text; return;
  }
}

void write_command(std::string& out, const Command& command) {
  for (std::size_t i = 0; i < command.args.size(); ++i) {
    if (i > 0) out += ' ';
    const Node& arg = *command.args[i];
    if (arg.type == NodeType::pipe) {
      out += '(';
      write_pipe(out, *arg.pipe);
      out += ')';
    } else {
      write_node(out, arg);
    }
  }
}

void write_pipe(std::string& out, const Pipe& pipe) {
  if (!pipe.decls.empty()) {
    for (std::size_t i = 0; i < pipe.decls.size(); ++i) {
      if (i > 0) out += ", ";
      out += pipe.decls[i].name;
    }
    // Go prints ":=" for assignments too.
    out += " := ";
  }
  for (std::size_t i = 0; i < pipe.cmds.size(); ++i) {
    if (i > 0) out += " | ";
    write_command(out, *pipe.cmds[i]);
  }
}

// Branches print their lists, which may nest deeply: an explicit stack of pending pieces.
void write_item(std::string& out, const Item& root) {
  struct Pending {
    const Item* item = nullptr;  // an item to print
    std::string_view literal;    // or a literal piece
  };
  std::vector<Pending> stack{{&root, {}}};
  const auto push_list = [&stack](const List& list) {
    for (auto it = list.items.rbegin(); it != list.items.rend(); ++it) stack.push_back({*it, {}});
  };
  while (!stack.empty()) {
    const Pending pending = stack.back();
    stack.pop_back();
    if (pending.item == nullptr) {
      out += pending.literal;
      continue;
    }
    const Item& item = *pending.item;
    switch (item.type) {
      case ItemType::text: out += item.text; break;
      case ItemType::action:
        out += "{{";
        write_pipe(out, *item.pipe);
        out += "}}";
        break;
      case ItemType::break_: out += "{{break}}"; break;
      case ItemType::continue_: out += "{{continue}}"; break;
      case ItemType::template_:
        out += "{{template ";
        out += go::quote(item.name);
        if (item.pipe != nullptr) {
          out += ' ';
          write_pipe(out, *item.pipe);
        }
        out += "}}";
        break;
      case ItemType::if_:
      case ItemType::range:
      case ItemType::with: {
        out += item.type == ItemType::if_ ? "{{if " : item.type == ItemType::range ? "{{range " : "{{with ";
        write_pipe(out, *item.pipe);
        out += "}}";
        stack.push_back({nullptr, "{{end}}"});
        if (item.else_list != nullptr) {
          push_list(*item.else_list);
          stack.push_back({nullptr, "{{else}}"});
        }
        push_list(*item.list);
        break;
      }
    }
  }
}

}  // namespace

std::string to_string(const Node& node) {
  std::string out;
  write_node(out, node);
  return out;
}

std::string to_string(const Command& command) {
  std::string out;
  write_command(out, command);
  return out;
}

std::string to_string(const Pipe& pipe) {
  std::string out;
  write_pipe(out, pipe);
  return out;
}

std::string to_string(const Item& item) {
  std::string out;
  write_item(out, item);
  return out;
}

}  // namespace mlmon::gotemplate
