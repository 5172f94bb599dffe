// xxHash64 and Prometheus's label-set hash (labels.Labels.Hash in the default stringlabels build),
// which limit_ratio uses to pick series.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/labels.hpp"

namespace mlmon::engine {

uint64_t xxhash64(std::string_view data);

// xxhash64 of the stringlabels encoding: per label, length-prefixed name then value (a length
// below 255 in one byte, otherwise 0xff and three little-endian bytes).
uint64_t prometheus_hash(const Labels& labels);

}  // namespace mlmon::engine
