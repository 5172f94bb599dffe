#pragma once
// Runs a function on a thread with a stack of the given size, for work whose recursion is bounded
// but deep (Go grows goroutine stacks to 1 GB; C++ threads get 8 MB). The memory is reserved, not
// committed: only the pages the recursion touches are used.
#include <cstddef>
#include <functional>

namespace mlmon::gotemplate {

// Calls `work` on a new thread with `stack_bytes` of stack and waits for it. If no such thread
// can be made, calls it on the current thread.
void run_with_stack(std::size_t stack_bytes, const std::function<void()>& work);

}  // namespace mlmon::gotemplate
