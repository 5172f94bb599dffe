#include "gotemplate/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/unicode.hpp"
#include "gotemplate/functions.hpp"
#include "gotemplate/go_strconv.hpp"
#include "gotemplate/lexer.hpp"

namespace mlmon::gotemplate {

namespace {

// Go's limits: nested parenthesized pipelines, and commands in one pipeline (newest Go only).
constexpr std::size_t max_paren_depth = 10000;
constexpr std::size_t max_pipeline_commands = 100000;

// What a value is, as far as label references go: the alert's data, its labels, or other.
enum class Kind { root, labels, unknown };

struct Variable {
  std::string name;
  Kind kind = Kind::unknown;
};

enum class FrameKind { top, define, block, if_, range, with };

// A construct whose {{end}} has not been seen yet (Go keeps these on its call stack).
struct Frame {
  FrameKind kind = FrameKind::top;
  std::size_t opener = 0;     // offset of the {{ that opened it
  std::size_t vars_mark = 0;  // variables declared from here on go out of scope at {{end}}
  bool in_else = false;
  bool chained = false;         // {{else if}} / {{else with}}: its {{end}} also ends the frame below
  bool non_empty = false;       // Go's !IsEmptyTree, for define/block/top
  Kind dot = Kind::root;        // what '.' is in the list being parsed
  Kind outer_dot = Kind::root;  // what '.' is in the {{else}} branch
  bool dollar_is_root = true;   // '$' is the alert data (not inside define/block bodies)
  // define/block bodies are separate trees in Go: the enclosing tree's state comes back at {{end}}.
  std::string name;
  std::size_t name_pos = 0;
  std::vector<Variable> saved_vars;
  int saved_range_depth = 0;
  // Go reports a stray {{else}} in a block from the enclosing tree, whose last token is still
  // the one that closed the block's header.
  std::size_t header_line = 0;
  // When building a tree: the list statements go to, and the if/range/with item being filled.
  List* list = nullptr;
  Item* item = nullptr;
};

struct ParseFailure {
  Error error;
};

bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto decoded = unicode::decode(text, i);
    if (!unicode::is_space(decoded.rune) || (decoded.width == 1 && decoded.rune == unicode::replacement_char))
      return false;
    i += decoded.width;
  }
  return true;
}

bool starts_operand(TokenType type) {
  switch (type) {
    case TokenType::boolean:
    case TokenType::char_constant:
    case TokenType::complex:
    case TokenType::dot:
    case TokenType::field:
    case TokenType::identifier:
    case TokenType::number:
    case TokenType::nil:
    case TokenType::raw_string:
    case TokenType::string:
    case TokenType::variable:
    case TokenType::left_paren: return true;
    default: return false;
  }
}

class Parser {
 public:
  Parser(std::string_view text, const Options& options, bool collect_labels, Tree* tree)
      : text_(text),
        options_(options),
        lexer_(text, options.flavor == Flavor::latest ? LexerDialect::latest : LexerDialect::go1_19),
        collect_labels_(collect_labels),
        scratch_(tree == nullptr),
        tree_(tree == nullptr ? scratch_.get() : tree),
        build_(tree != nullptr) {
    for (const std::string& name : options.functions) extra_functions_.insert(name);
    vars_.reserve(8 + options.variables.size());  // one allocation for the predeclared ones and a few more
    vars_.push_back({"$", Kind::root});
    if (options.prometheus_alert) {
      // Prometheus prepends {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}
      // {{$externalURL := .ExternalURL}}{{$value := .Value}} to every template.
      vars_.push_back({"$labels", Kind::labels});
      vars_.push_back({"$externalLabels", Kind::unknown});
      vars_.push_back({"$externalURL", Kind::unknown});
      vars_.push_back({"$value", Kind::unknown});
    }
    for (const std::string& name : options.variables) vars_.push_back({name, Kind::unknown});
  }

  ParseResult run() {
    ParseResult result;
    try {
      parse();
      if (collect_labels_) {
        std::stable_sort(labels_.begin(), labels_.end(),
                         [](const LabelRef& a, const LabelRef& b) { return a.offset < b.offset; });
        result.labels = std::move(labels_);
      }
    } catch (ParseFailure& failure) {
      result.error = std::move(failure.error);
    }
    return result;
  }

 private:
  // ---- Go's token buffer: three tokens of look-ahead with backup. ----

  Token fetch() {
    Token token = lexer_.next_item();
    last_line_ = token.line;  // Go reports the line of the token it read last
    return token;
  }
  Token next() {
    if (peek_count_ > 0) --peek_count_;
    else token_[0] = fetch();
    return token_[peek_count_];
  }
  void backup() { ++peek_count_; }
  void backup2(Token t1) {
    token_[1] = t1;
    peek_count_ = 2;
  }
  void backup3(Token t2, Token t1) {
    token_[1] = t1;
    token_[2] = t2;
    peek_count_ = 3;
  }
  Token peek() {
    if (peek_count_ > 0) return token_[peek_count_ - 1];
    peek_count_ = 1;
    token_[0] = fetch();
    return token_[0];
  }
  Token next_non_space() {
    for (;;) {
      Token token = next();
      if (token.type != TokenType::space) return token;
    }
  }
  Token peek_non_space() {
    Token token = next_non_space();
    backup();
    return token;
  }

  // ---- Errors ----

  [[noreturn]] void fail(std::string message, std::size_t offset, std::size_t action_line = 0) {
    fail_on_line(std::move(message), offset, last_line_, action_line);
  }

  [[noreturn]] void fail_on_line(std::string message, std::size_t offset, std::size_t line,
                                 std::size_t action_line = 0) {
    throw ParseFailure{Error{offset, std::move(message), line, action_line}};
  }

  [[noreturn]] void unexpected(const Token& token, std::string_view context) {
    if (token.type == TokenType::error) {
      const bool elsewhere = action_line_ != 0 && action_line_ != token.line;
      fail(std::string(token.message), token.error_offset, elsewhere ? action_line_ : 0);
    }
    fail(fmt::format("unexpected {} in {}", describe(token), context), token.pos);
  }

  Token expect(TokenType type, std::string_view context) {
    Token token = next_non_space();
    if (token.type != type) unexpected(token, context);
    return token;
  }

  // ---- Lists: text and actions up to {{end}} (Go's parse, itemList and textOrAction). ----

  void parse() {
    frames_.push_back(Frame{});
    if (build_) frames_.back().list = &tree_->lists.emplace_back();
    for (;;) {
      if (frames_.back().kind == FrameKind::top) {
        if (peek().type == TokenType::eof) break;
        if (peek().type == TokenType::left_delim) {
          Token delim = next();
          if (next_non_space().type == TokenType::define) {
            begin_define(delim);
            continue;
          }
          backup2(delim);
        }
      } else if (peek_non_space().type == TokenType::eof) {
        fail("unexpected EOF", frames_.back().opener);
      }
      text_or_action();
    }
    // Prometheus's prepended declarations make its top-level template non-empty.
    if (!options_.template_name.empty()) {
      add_template(options_.template_name, frames_.back().non_empty || options_.prometheus_alert, std::nullopt,
                   frames_.back().list);
    }
  }

  // Appends a statement to the list being parsed (only when building a tree).
  Item* add_item(ItemType type, std::size_t pos) {
    if (!build_) return nullptr;
    Item& item = tree_->items.emplace_back();
    item.type = type;
    item.pos = pos;
    frames_.back().list->items.push_back(&item);
    return &item;
  }

  void text_or_action() {
    Token token = next_non_space();
    switch (token.type) {
      case TokenType::text:
        if (!is_blank(token.val)) frames_.back().non_empty = true;
        if (Item* item = add_item(ItemType::text, token.pos)) item->text = token.val;
        return;
      case TokenType::left_delim:
        action_line_ = token.line;
        action(token);
        return;
      default: unexpected(token, "input");
    }
  }

  void action(const Token& delim) {
    Token token = next_non_space();
    switch (token.type) {
      case TokenType::block: return block_control(delim);
      case TokenType::break_: return loop_control(token, "break");
      case TokenType::continue_: return loop_control(token, "continue");
      case TokenType::else_: return else_control(delim);
      case TokenType::end: return end_control(delim);
      case TokenType::if_: return begin_control(FrameKind::if_, delim.pos, false);
      case TokenType::range: return begin_control(FrameKind::range, delim.pos, false);
      case TokenType::template_: return template_control();
      case TokenType::with: return begin_control(FrameKind::with, delim.pos, false);
      default: break;
    }
    backup();
    const std::size_t action_pos = peek().pos;
    const Pipe* pipe = parse_pipeline("command", TokenType::right_delim);
    after_pipeline(*pipe, frames_.back().dot, true);
    if (Item* item = add_item(ItemType::action, action_pos)) item->pipe = pipe;
    frames_.back().non_empty = true;
    action_line_ = 0;
  }

  void loop_control(const Token& keyword, std::string_view name) {
    Token token = next_non_space();
    if (token.type != TokenType::right_delim) unexpected(token, fmt::format("{{{{{}}}}}", name));
    if (range_depth_ == 0) fail(fmt::format("{{{{{0}}}}} outside {{{{range}}}}", name), keyword.pos);
    add_item(keyword.type == TokenType::break_ ? ItemType::break_ : ItemType::continue_, keyword.pos);
    action_line_ = 0;
  }

  void begin_control(FrameKind kind, std::size_t opener, bool chained) {
    Frame& parent = frames_.back();
    parent.non_empty = true;
    Frame frame;
    frame.kind = kind;
    frame.opener = chained ? parent.opener : opener;
    frame.chained = chained;
    frame.vars_mark = vars_.size();
    frame.outer_dot = parent.dot;
    frame.dollar_is_root = parent.dollar_is_root;
    const bool dollar_is_root = parent.dollar_is_root;
    const Kind outer_dot = parent.dot;
    const std::string_view context = kind == FrameKind::if_ ? "if" : kind == FrameKind::range ? "range" : "with";
    const Pipe* pipe = parse_pipeline(context, TokenType::right_delim);
    after_pipeline(*pipe, outer_dot, kind != FrameKind::range, dollar_is_root);
    if (kind == FrameKind::with) frame.dot = classify(*pipe, outer_dot, dollar_is_root);
    else if (kind == FrameKind::range) frame.dot = Kind::unknown;
    else frame.dot = outer_dot;
    if (kind == FrameKind::range) ++range_depth_;
    const ItemType type = kind == FrameKind::if_     ? ItemType::if_
                          : kind == FrameKind::range ? ItemType::range
                                                     : ItemType::with;
    if (Item* item = add_item(type, pipe->pos)) {
      item->pipe = pipe;
      frame.item = item;
      frame.list = &tree_->lists.emplace_back();
      item->list = frame.list;
    }
    frames_.push_back(std::move(frame));
  }

  void else_control(const Token& delim) {
    const TokenType following = peek_non_space().type;
    // "{{else if ...}}" and "{{else with ...}}" (newest Go) leave the keyword pending.
    const bool chains =
        following == TokenType::if_ || (following == TokenType::with && options_.flavor == Flavor::latest);
    if (!chains) expect(TokenType::right_delim, "else");
    Frame& frame = frames_.back();
    switch (frame.kind) {
      case FrameKind::top: fail("unexpected {{else}}", delim.pos);
      case FrameKind::define: fail("unexpected {{else}} in define clause", delim.pos);
      case FrameKind::block: fail_on_line("unexpected {{else}} in block clause", delim.pos, frame.header_line);
      default: break;
    }
    if (frame.in_else) fail("expected end; found {{else}}", delim.pos);
    if (frame.kind == FrameKind::range) --range_depth_;
    frame.in_else = true;
    frame.dot = frame.outer_dot;
    if (build_) {
      frame.list = &tree_->lists.emplace_back();
      frame.item->else_list = frame.list;
    }
    action_line_ = 0;
    const TokenType pending = peek().type;
    if ((frame.kind == FrameKind::if_ && pending == TokenType::if_) ||
        (frame.kind == FrameKind::with && pending == TokenType::with)) {
      const FrameKind kind = frame.kind;
      next();
      begin_control(kind, delim.pos, true);
    }
  }

  void end_control(const Token& delim) {
    expect(TokenType::right_delim, "end");
    action_line_ = 0;
    switch (frames_.back().kind) {
      case FrameKind::top: fail("unexpected {{end}}", delim.pos);
      case FrameKind::define:
      case FrameKind::block: return end_subtree();
      default: break;
    }
    for (;;) {
      Frame frame = std::move(frames_.back());
      frames_.pop_back();
      if (frame.kind == FrameKind::range && !frame.in_else) --range_depth_;
      vars_.resize(frame.vars_mark);
      if (!frame.chained) break;
    }
  }

  void begin_define(const Token& delim) {
    action_line_ = 0;
    Frame frame;
    frame.kind = FrameKind::define;
    frame.opener = delim.pos;
    Token name = next_non_space();
    if (name.type != TokenType::string && name.type != TokenType::raw_string) unexpected(name, "define clause");
    std::optional<std::string> unquoted = go::unquote(name.val);
    if (!unquoted) fail("invalid syntax", name.pos);
    frame.name = std::move(*unquoted);
    frame.name_pos = name.pos;
    expect(TokenType::right_delim, "define clause");
    enter_subtree(std::move(frame));
  }

  void block_control(const Token& delim) {
    Frame frame;
    frame.kind = FrameKind::block;
    frame.opener = delim.pos;
    Token name = next_non_space();
    frame.name = template_name(name, "block clause");
    frame.name_pos = name.pos;
    frames_.back().non_empty = true;
    const Pipe* pipe = parse_pipeline("block clause", TokenType::right_delim);
    after_pipeline(*pipe, frames_.back().dot, false);
    frame.header_line = last_line_;
    if (Item* item = add_item(ItemType::template_, name.pos)) {
      item->name = frame.name;
      item->pipe = pipe;
    }
    enter_subtree(std::move(frame));
  }

  // define and block bodies are trees of their own: no outer variables, no enclosing range.
  void enter_subtree(Frame frame) {
    frame.saved_vars = std::exchange(vars_, {Variable{"$", Kind::unknown}});
    frame.saved_range_depth = std::exchange(range_depth_, 0);
    frame.dot = Kind::unknown;
    frame.outer_dot = Kind::unknown;
    frame.dollar_is_root = false;
    action_line_ = 0;
    if (build_) frame.list = &tree_->lists.emplace_back();
    frames_.push_back(std::move(frame));
  }

  void end_subtree() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    add_template(frame.name, frame.non_empty, frame.name_pos, frame.list);
    vars_ = std::move(frame.saved_vars);
    range_depth_ = frame.saved_range_depth;
    action_line_ = 0;
  }

  // Go's Tree.add: a second non-empty definition of a name is an error.
  void add_template(const std::string& name, bool non_empty, std::optional<std::size_t> pos, const List* list) {
    auto it = templates_.find(name);
    if (it == templates_.end() || !it->second.non_empty) {
      templates_[name] = {non_empty, pos.value_or(0)};
      if (build_) tree_->templates[name] = list;
      return;
    }
    if (non_empty) {
      fail(fmt::format("template: multiple definition of template {}", go::quote(name)), pos.value_or(it->second.pos));
    }
  }

  void template_control() {
    Token name = next_non_space();
    std::string called = template_name(name, "template clause");
    const Pipe* pipe = nullptr;
    if (next_non_space().type != TokenType::right_delim) {
      backup();
      pipe = parse_pipeline("template clause", TokenType::right_delim);
      after_pipeline(*pipe, frames_.back().dot, false);
    }
    if (Item* item = add_item(ItemType::template_, name.pos)) {
      item->name = std::move(called);
      item->pipe = pipe;
    }
    frames_.back().non_empty = true;
    action_line_ = 0;
  }

  std::string template_name(const Token& token, std::string_view context) {
    if (token.type != TokenType::string && token.type != TokenType::raw_string) unexpected(token, context);
    std::optional<std::string> name = go::unquote(token.val);
    if (!name) fail("invalid syntax", token.pos);
    return std::move(*name);
  }

  // ---- Pipelines (Go's pipeline, command, operand and term), with an explicit stack for
  // parenthesized pipelines. ----

  struct Level {
    Pipe* pipe;
    std::string_view context;
    TokenType end;
    enum class State { commands, operand, after_term } state = State::commands;
    Command* command = nullptr;
    const Node* term = nullptr;
  };

  const Pipe* parse_pipeline(std::string_view context, TokenType end) {
    std::vector<Level> levels;
    open_pipeline(levels, context, end);
    for (;;) {
      Level& level = levels.back();
      switch (level.state) {
        case Level::State::commands: {
          Token token = next_non_space();
          if (token.type == level.end) {
            check_pipeline(*level.pipe, level.context, token);
            const Pipe* done = level.pipe;
            levels.pop_back();
            if (levels.empty()) return done;
            Node& node = tree_->nodes.emplace_back();
            node.type = NodeType::pipe;
            node.pos = done->pos;
            node.pipe = done;
            levels.back().term = &node;
            levels.back().state = Level::State::after_term;
            break;
          }
          if (!starts_operand(token.type)) unexpected(token, level.context);
          backup();
          Command& command = tree_->commands.emplace_back();
          command.pos = peek_non_space().pos;
          level.command = &command;
          level.state = Level::State::operand;
          break;
        }
        case Level::State::operand: {
          Token token = next_non_space();
          if (token.type == TokenType::left_paren) {
            if (levels.size() - 1 >= max_paren_depth) fail("max expression depth exceeded", token.pos);
            level.state = Level::State::after_term;  // resumes with the inner pipeline as its term
            open_pipeline(levels, "parenthesized pipeline", TokenType::right_paren);
            tree_->max_paren_depth = std::max(tree_->max_paren_depth, levels.size() - 1);
            break;
          }
          level.term = term(token);
          level.state = Level::State::after_term;
          break;
        }
        case Level::State::after_term: {
          const Node* node = std::exchange(level.term, nullptr);
          if (node != nullptr) level.command->args.push_back(with_fields(node));
          Token token = next();
          switch (token.type) {
            case TokenType::space: level.state = Level::State::operand; continue;
            case TokenType::right_delim:
            case TokenType::right_paren: backup(); break;
            case TokenType::pipe: break;
            default: unexpected(token, "operand");
          }
          if (level.command->args.empty()) fail("empty command", level.command->pos);
          level.pipe->cmds.push_back(level.command);
          if (options_.flavor == Flavor::latest && level.pipe->cmds.size() > max_pipeline_commands) {
            fail("pipeline too long", level.command->pos);
          }
          level.state = Level::State::commands;
          break;
        }
      }
    }
  }

  void open_pipeline(std::vector<Level>& levels, std::string_view context, TokenType end) {
    Pipe& pipe = tree_->pipes.emplace_back();
    pipe.pos = peek_non_space().pos;
    levels.push_back(Level{&pipe, context, end});
    declarations(pipe, context);
  }

  // "$x :=", "$x =", and for range "$i, $e :=".
  void declarations(Pipe& pipe, std::string_view context) {
    for (;;) {
      Token variable = peek_non_space();
      if (variable.type != TokenType::variable) return;
      next();
      // Space is a token, so "$x foo" needs three tokens of look-ahead to tell it from "$x :=".
      Token after_variable = peek();
      Token following = peek_non_space();
      if (following.type == TokenType::assign || following.type == TokenType::declare) {
        pipe.is_assign = following.type == TokenType::assign;
        next_non_space();
        declare(pipe, variable);
        return;
      }
      if (following.type == TokenType::character && following.val == ",") {
        next_non_space();
        declare(pipe, variable);
        if (context == "range" && pipe.decls.size() < 2) {
          Token second = peek_non_space();
          if (second.type == TokenType::variable || second.type == TokenType::right_delim ||
              second.type == TokenType::right_paren) {
            continue;
          }
          fail("range can only initialize variables", second.pos);
        }
        fail(fmt::format("too many declarations in {}", context), following.pos);
      }
      if (after_variable.type == TokenType::space) backup3(variable, after_variable);
      else backup2(variable);
      return;
    }
  }

  void declare(Pipe& pipe, const Token& variable) {
    pipe.decls.push_back({variable.val, variable.pos, vars_.size()});
    vars_.push_back({std::string(variable.val), Kind::unknown});
  }

  void check_pipeline(const Pipe& pipe, std::string_view context, const Token& end) {
    if (pipe.cmds.empty()) fail(fmt::format("missing value for {}", context), end.pos);
    // Only the first command of a pipeline may be a constant.
    for (std::size_t i = 1; i < pipe.cmds.size(); ++i) {
      switch (pipe.cmds[i]->args.front()->type) {
        case NodeType::boolean:
        case NodeType::dot:
        case NodeType::nil:
        case NodeType::number:
        case NodeType::string:
          fail(fmt::format("non executable command in pipeline stage {}", i + 1), pipe.cmds[i]->pos);
        default: break;
      }
    }
  }

  // A term other than a parenthesized pipeline; nullptr (token put back) if it is none.
  const Node* term(const Token& token) {
    Node node;
    node.pos = token.pos;
    node.text = token.val;
    switch (token.type) {
      case TokenType::identifier:
        if (!is_function(token.val)) fail(fmt::format("function {} not defined", go::quote(token.val)), token.pos);
        node.type = NodeType::identifier;
        break;
      case TokenType::dot: node.type = NodeType::dot; break;
      case TokenType::nil: node.type = NodeType::nil; break;
      case TokenType::boolean: node.type = NodeType::boolean; break;
      case TokenType::variable:
        if (std::none_of(vars_.begin(), vars_.end(), [&](const Variable& v) { return v.name == token.val; })) {
          fail(fmt::format("undefined variable {}", go::quote(token.val)), token.pos);
        }
        node.type = NodeType::variable;
        break;
      case TokenType::field:
        node.type = NodeType::field;
        node.fields.push_back({token.val.substr(1), token.pos});
        break;
      case TokenType::char_constant:
      case TokenType::complex:
      case TokenType::number: {
        const go::NumberKind kind = token.type == TokenType::number    ? go::NumberKind::number
                                    : token.type == TokenType::complex ? go::NumberKind::complex
                                                                       : go::NumberKind::char_constant;
        if (auto error = go::number_error(token.val, kind)) fail(std::move(*error), token.pos);
        node.type = NodeType::number;
        if (build_) node.number = go::number_value(token.val, kind);
        break;
      }
      case TokenType::string:
      case TokenType::raw_string: {
        std::optional<std::string> value = go::unquote(token.val);
        if (!value) fail("invalid syntax", token.pos);
        node.type = NodeType::string;
        node.value = std::move(*value);
        break;
      }
      default: backup(); return nullptr;
    }
    return &tree_->nodes.emplace_back(std::move(node));
  }

  // Go's operand: a term followed by .Field accesses.
  const Node* with_fields(const Node* node) {
    if (peek().type != TokenType::field) return node;
    const std::size_t first_field = peek().pos;
    std::vector<FieldRef> fields;
    while (peek().type == TokenType::field) {
      Token field = next();
      fields.push_back({field.val.substr(1), field.pos});
    }
    switch (node->type) {
      case NodeType::field:
      case NodeType::variable: {
        // Go rebuilds the node at the position of the first added field.
        Node merged = *node;
        merged.pos = first_field;
        merged.fields.insert(merged.fields.end(), fields.begin(), fields.end());
        return &tree_->nodes.emplace_back(std::move(merged));
      }
      case NodeType::boolean:
      case NodeType::string:
      case NodeType::number:
      case NodeType::nil:
      case NodeType::dot: fail(fmt::format("unexpected . after term {}", go::quote(node->text)), first_field);
      default: {
        Node& chain = tree_->nodes.emplace_back();
        chain.type = NodeType::chain;
        chain.pos = first_field;
        chain.base = node;
        chain.fields = std::move(fields);
        return &chain;
      }
    }
  }

  // ---- Label references ----

  Kind variable_kind(std::string_view name, bool dollar_is_root) const {
    if (name == "$") return dollar_is_root ? Kind::root : Kind::unknown;
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->name == name) return it->kind;
    }
    return Kind::unknown;
  }

  static Kind apply_fields(Kind base, const std::vector<FieldRef>& fields) {
    if (fields.empty()) return base;
    if (base == Kind::root && fields.size() == 1 && fields[0].name == "Labels") return Kind::labels;
    return Kind::unknown;
  }

  // What a value is. Iterative: parenthesized pipelines may nest max_paren_depth deep.
  Kind classify(const Node& start, Kind dot, bool dollar_is_root) const {
    std::vector<const std::vector<FieldRef>*> accesses;  // outermost first
    const Node* node = &start;
    for (;;) {
      if (node->type == NodeType::chain) {
        accesses.push_back(&node->fields);
        node = node->base;
        continue;
      }
      // A pipeline that is a single value passes that value on.
      if (node->type == NodeType::pipe && node->pipe->cmds.size() == 1 && node->pipe->cmds[0]->args.size() == 1) {
        node = node->pipe->cmds[0]->args[0];
        continue;
      }
      break;
    }
    Kind kind = Kind::unknown;
    switch (node->type) {
      case NodeType::dot: kind = dot; break;
      case NodeType::variable: kind = apply_fields(variable_kind(node->text, dollar_is_root), node->fields); break;
      case NodeType::field: kind = apply_fields(dot, node->fields); break;
      default: break;
    }
    for (auto it = accesses.rbegin(); it != accesses.rend(); ++it) kind = apply_fields(kind, **it);
    return kind;
  }

  Kind classify(const Pipe& pipe, Kind dot, bool dollar_is_root) const {
    if (pipe.cmds.size() != 1 || pipe.cmds[0]->args.size() != 1) return Kind::unknown;
    return classify(*pipe.cmds[0]->args[0], dot, dollar_is_root);
  }

  void add_label(std::string_view name, std::size_t offset) { labels_.push_back({std::string(name), offset}); }

  void label_from_fields(Kind base, const std::vector<FieldRef>& fields) {
    if (base == Kind::labels && !fields.empty()) add_label(fields[0].name, fields[0].pos + 1);
    if (base == Kind::root && fields.size() >= 2 && fields[0].name == "Labels")
      add_label(fields[1].name, fields[1].pos + 1);
  }

  void after_pipeline(const Pipe& pipe, Kind dot, bool typed_declaration) {
    after_pipeline(pipe, dot, typed_declaration, frames_.back().dollar_is_root);
  }

  // Records what a declared variable holds, and the labels the pipeline reads.
  void after_pipeline(const Pipe& root, Kind dot, bool typed_declaration, bool dollar_is_root) {
    if (typed_declaration && root.decls.size() == 1) {
      vars_[root.decls[0].var_index].kind = classify(root, dot, dollar_is_root);
    }
    if (!collect_labels_) return;
    std::vector<const Pipe*> pending{&root};
    while (!pending.empty()) {
      const Pipe* pipe = pending.back();
      pending.pop_back();
      for (const Command* command : pipe->cmds) {
        const auto& args = command->args;
        if (args.size() >= 3 && args[0]->type == NodeType::identifier && args[0]->text == "index" &&
            classify(*args[1], dot, dollar_is_root) == Kind::labels && args[2]->type == NodeType::string) {
          add_label(args[2]->value, args[2]->pos + 1);
        }
        for (const Node* arg : args) {
          switch (arg->type) {
            case NodeType::variable: label_from_fields(variable_kind(arg->text, dollar_is_root), arg->fields); break;
            case NodeType::field: label_from_fields(dot, arg->fields); break;
            case NodeType::chain:
              label_from_fields(classify(*arg->base, dot, dollar_is_root), arg->fields);
              if (arg->base->type == NodeType::pipe) pending.push_back(arg->base->pipe);
              break;
            case NodeType::pipe: pending.push_back(arg->pipe); break;
            default: break;
          }
        }
      }
    }
  }

  std::string_view text_;
  const Options& options_;
  Lexer lexer_;
  bool collect_labels_;
  Token token_[3];
  int peek_count_ = 0;
  std::size_t last_line_ = 1;
  std::size_t action_line_ = 0;  // line of the {{ of the action being parsed, 0 between actions
  int range_depth_ = 0;
  std::vector<Variable> vars_;
  std::vector<Frame> frames_;
  struct Definition {
    bool non_empty;
    std::size_t pos;
  };
  std::map<std::string, Definition, std::less<>> templates_;
  /// The functions every template of this flavour knows, built once: a template is parsed per
  /// label and annotation, and building the set each time dominated parsing.
  const std::unordered_set<std::string_view>& standard_functions() const {
    static const auto build = [](std::initializer_list<std::span<const std::string_view>> lists) {
      std::unordered_set<std::string_view> set;
      for (auto list : lists) set.insert(list.begin(), list.end());
      return set;
    };
    static const std::unordered_set<std::string_view> go_only = build({go_builtin_functions()});
    static const std::unordered_set<std::string_view> latest = build({go_builtin_functions(), prometheus_functions()});
    static const std::unordered_set<std::string_view> v2_42 =
        build({go_builtin_functions(), prometheus_2_42_functions()});
    if (!options_.prometheus_alert) return go_only;
    return options_.flavor == Flavor::latest ? latest : v2_42;
  }
  bool is_function(std::string_view name) const {
    return standard_functions().contains(name) || extra_functions_.contains(name);
  }
  std::unordered_set<std::string_view> extra_functions_;
  /// When only checking, the nodes go to a tree reused by every parse on this thread: a fresh
  /// Tree's five deques cost ten allocations to set up and as many to free, which was most of
  /// checking a one-line annotation. Emptied (keeping one block per deque) when the parse ends.
  class ScratchTree {
   public:
    explicit ScratchTree(bool wanted) {
      if (!wanted) return;
      thread_local std::unique_ptr<Tree> spare;
      thread_local bool lent = false;
      if (lent) {  // not expected (parses do not nest), but a nested parse gets a tree of its own
        own_ = std::make_unique<Tree>();
        tree_ = own_.get();
        return;
      }
      if (!spare) spare = std::make_unique<Tree>();
      tree_ = spare.get();
      lent_ = &lent;
      lent = true;
    }
    ScratchTree(const ScratchTree&) = delete;
    ScratchTree& operator=(const ScratchTree&) = delete;
    ~ScratchTree() {
      if (lent_ == nullptr) return;
      tree_->nodes.clear();
      tree_->commands.clear();
      tree_->pipes.clear();
      tree_->items.clear();
      tree_->lists.clear();
      tree_->templates.clear();
      tree_->text.clear();
      tree_->name.clear();
      tree_->max_paren_depth = 0;
      *lent_ = false;
    }
    Tree* get() const { return tree_; }

   private:
    std::unique_ptr<Tree> own_;
    Tree* tree_ = nullptr;
    bool* lent_ = nullptr;
  };
  ScratchTree scratch_;  // when only checking; otherwise the caller's tree
  Tree* tree_;
  bool build_;  // build the statement lists and template table for execution
  std::vector<LabelRef> labels_;
};

}  // namespace

ParseResult parse_template(std::string_view text, const Options& options, bool collect_labels) {
  return Parser(text, options, collect_labels, nullptr).run();
}

std::optional<Error> parse_tree(Tree& tree, const Options& options) {
  tree.name = options.template_name;
  return Parser(tree.text, options, false, &tree).run().error;
}

}  // namespace mlmon::gotemplate
