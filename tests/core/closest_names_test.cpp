#include "core/closest_names.hpp"

#include <doctest/doctest.h>

using mlmon::closest_names;
using mlmon::edit_distance;

TEST_CASE("edit_distance counts case-insensitive edits, swaps as one, and stops at the cap") {
  CHECK(edit_distance("HighLatency", "highlatency", 3) == 0);
  CHECK(edit_distance("HighLatnecy", "HighLatency", 3) == 1);
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("a", "abcdefgh", 3) == 4);
  CHECK(edit_distance("", "ab", 3) == 2);
}

TEST_CASE("closest_names suggests typos, case slips and partial names, closest first") {
  const std::vector<std::string> known{"HighPredictionLatency", "HighPredictionErrorRate", "HighPredictionErrorRate",
                                       "ModelDriftDetected",    "KafkaConsumerLagHigh",    "PredictionServiceDown"};
  CHECK(closest_names("HighPredictionLatncy", known) == std::vector<std::string>{"HighPredictionLatency"});
  CHECK(closest_names("modeldriftdetected", known) == std::vector<std::string>{"ModelDriftDetected"});
  CHECK(closest_names("HighPrediction", known) ==
        std::vector<std::string>{"HighPredictionErrorRate", "HighPredictionLatency"});
  CHECK(closest_names("Nothing", known).empty());
  CHECK(closest_names("", known).empty());
}
