// Go's container/heap and sort.Sort, where the order of equal elements shows in results (topk,
// bottomk, sort, sort_desc in instant queries): Go sorts up to 12 elements by insertion sort,
// which keeps the heap's order of ties. Larger inputs fall back to a stable sort (Go's pdqsort
// leaves the order of ties unspecified).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace mlmon::engine {

// container/heap over a vector with Less(i, j) = less(v[i], v[j]).
template <class T, class Less>
void go_heap_up(std::vector<T>& h, ptrdiff_t j, Less less) {
  for (;;) {
    const ptrdiff_t i = (j - 1) / 2;  // parent (Go: (0-1)/2 == 0)
    if (i == j || !less(h[static_cast<size_t>(j)], h[static_cast<size_t>(i)])) break;
    std::swap(h[static_cast<size_t>(i)], h[static_cast<size_t>(j)]);
    j = i;
  }
}

template <class T, class Less>
bool go_heap_down(std::vector<T>& h, ptrdiff_t i0, ptrdiff_t n, Less less) {
  ptrdiff_t i = i0;
  for (;;) {
    const ptrdiff_t j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    ptrdiff_t j = j1;
    if (const ptrdiff_t j2 = j1 + 1; j2 < n && less(h[static_cast<size_t>(j2)], h[static_cast<size_t>(j1)])) j = j2;
    if (!less(h[static_cast<size_t>(j)], h[static_cast<size_t>(i)])) break;
    std::swap(h[static_cast<size_t>(i)], h[static_cast<size_t>(j)]);
    i = j;
  }
  return i > i0;
}

template <class T, class Less>
void go_heap_push(std::vector<T>& h, T x, Less less) {
  h.push_back(std::move(x));
  go_heap_up(h, static_cast<ptrdiff_t>(h.size()) - 1, less);
}

template <class T, class Less>
void go_heap_fix(std::vector<T>& h, ptrdiff_t i, Less less) {
  if (!go_heap_down(h, i, static_cast<ptrdiff_t>(h.size()), less)) go_heap_up(h, i, less);
}

// sort.Sort with Less(i, j) = less(v[i], v[j]); `less` need not be a strict weak order (Go's
// NaN-first comparisons are not), since insertion sort only asks "is j before j-1".
template <class T, class Less>
void go_sort(std::vector<T>& v, Less less) {
  if (v.size() <= 12) {
    for (size_t i = 1; i < v.size(); ++i) {
      for (size_t j = i; j > 0 && less(v[j], v[j - 1]); --j) std::swap(v[j], v[j - 1]);
    }
    return;
  }
  // Beyond 12 elements a stable sort with a strict weak order derived from `less`: elements
  // are ranked by "a before b and not b before a".
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return less(a, b) && !less(b, a); });
}

}  // namespace mlmon::engine
