#include "read_input.hpp"

#include <iterator>

#include "core/file_io.hpp"

namespace mlmon::cli {

Result<std::string> read_input(const std::string& path, Context& ctx) {
  if (path != "-") return read_file(path);
  std::string text{std::istreambuf_iterator<char>(ctx.in), std::istreambuf_iterator<char>()};
  if (ctx.in.bad()) return fail("<stdin>: cannot read");
  return text;
}

}  // namespace mlmon::cli
