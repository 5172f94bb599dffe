#pragma once
// A hash map keyed by std::string that is looked up with a std::string_view: the caches of
// compiled regexes and parsed matchers are asked with text cut from a file, and a lookup should
// not first copy it into a std::string.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mlmon {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace mlmon
