// Developer tool: prints the canonical form or Prometheus-style error of each expression.
//   promql_parse_tool [--all|--none] EXPR...      or      promql_parse_tool [--all|--none] -  (lines on stdin)
//   --hex: stdin lines are hex-encoded expressions (so they may contain newlines).
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "promql/parser.hpp"
#include "promql/printer.hpp"

int main(int argc, char** argv) {
  using namespace mlmon::promql;
  Features features = Features::all();
  std::vector<std::string> exprs;
  bool from_stdin = false;
  bool hex = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--none") == 0) {
      features = Features{};
    } else if (std::strcmp(argv[i], "--all") == 0) {
      features = Features::all();
    } else if (std::strcmp(argv[i], "--hex") == 0) {
      hex = true;
    } else if (std::strcmp(argv[i], "-") == 0) {
      from_stdin = true;
    } else {
      exprs.emplace_back(argv[i]);
    }
  }
  if (from_stdin) {
    for (std::string line; std::getline(std::cin, line);) {
      if (hex) {
        std::string decoded;
        for (size_t i = 0; i + 1 < line.size(); i += 2) {
          decoded.push_back(static_cast<char>(std::stoi(line.substr(i, 2), nullptr, 16)));
        }
        line = decoded;
      }
      exprs.push_back(line);
    }
  }
  for (const std::string& e : exprs) {
    ParseResult r = parse(e, features);
    if (r.error) {
      std::cout << format_error(e, *r.error) << "\n";
    } else {
      std::cout << "OK " << print(r.ast->root()) << "\n";
    }
  }
}
