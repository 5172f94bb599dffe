#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace mlmon::rules {

/// Whether old item i and new item j are alike by some measure.
using Likeness = std::function<bool(std::size_t old_index, std::size_t new_index)>;

/// Which old item became which new one.
struct Pairing {
  std::vector<std::optional<std::size_t>> new_of_old;  ///< per old item
  std::vector<std::optional<std::size_t>> old_of_new;  ///< per new item
};

/// Pairs two lists of items that share an identity (rules with one name): first the pairs alike
/// by `tests[0]` (each old item, in order, with the first unpaired new item that passes), then by
/// `tests[1]` among the rest, and so on; whatever is left is paired in order. So two same-named
/// alerts keep their partners when one of them changes or they swap places.
Pairing pair_alike(std::size_t old_count, std::size_t new_count, std::span<const Likeness> tests);

}  // namespace mlmon::rules
