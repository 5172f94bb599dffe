#include "rules/rule_pairing.hpp"

namespace mlmon::rules {

Pairing pair_alike(std::size_t old_count, std::size_t new_count, std::span<const Likeness> tests) {
  Pairing pairing{std::vector<std::optional<std::size_t>>(old_count),
                  std::vector<std::optional<std::size_t>>(new_count)};
  auto pair_where = [&](const Likeness& alike) {
    for (std::size_t i = 0; i < old_count; ++i) {
      if (pairing.new_of_old[i]) continue;
      for (std::size_t j = 0; j < new_count; ++j) {
        if (pairing.old_of_new[j] || !alike(i, j)) continue;
        pairing.new_of_old[i] = j;
        pairing.old_of_new[j] = i;
        break;
      }
    }
  };
  for (const Likeness& test : tests) pair_where(test);
  pair_where([](std::size_t, std::size_t) { return true; });
  return pairing;
}

}  // namespace mlmon::rules
