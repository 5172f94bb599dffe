#include "debug_yaml.hpp"

#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace mlmon::cli {

SlowPathReport::~SlowPathReport() {
  if (started_) yaml::set_slow_path_listener({});
}

void SlowPathReport::start() {
  started_ = true;
  yaml::set_slow_path_listener([this](const SourceFile& file, std::size_t offset, std::string_view reason) {
    const std::lock_guard lock(mutex_);
    if (!reported_.insert(file.path()).second) return;
    const Position pos = file.position_of(offset);
    err_ << "mlmon: debug: " << file.path() << ":" << pos.line << ":" << pos.col
         << ": read by yaml-cpp, not the fast loader: " << reason << "\n";
  });
}

}  // namespace mlmon::cli
