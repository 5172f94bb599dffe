// `mlmon --debug-yaml COMMAND`: each YAML file the fast loader leaves to yaml-cpp, on stderr.
#pragma once
#include <mutex>
#include <ostream>
#include <set>
#include <string>

namespace mlmon::cli {

/// While started, reports each file (once) that yaml::load() or load_all() reads with yaml-cpp,
/// with where and why the fast loader gave up. Safe to be told from several threads.
class SlowPathReport {
 public:
  explicit SlowPathReport(std::ostream& err) : err_(err) {}
  ~SlowPathReport();
  SlowPathReport(const SlowPathReport&) = delete;
  SlowPathReport& operator=(const SlowPathReport&) = delete;

  void start();

 private:
  std::ostream& err_;
  std::mutex mutex_;
  std::set<std::string> reported_;  ///< a file is classified, then checked: loaded twice
  bool started_ = false;
};

}  // namespace mlmon::cli
