// Checking a scenario's `expect` object against an evaluation result.
//
// Defines CheckExpectations, the comparison behind `hpactl evaluate --check`
// and the data-driven scenario test. `result` is the JSON of EncodeDecision
// (hpa/scenario_codec.h); `expect` uses the keys of scenario-format.md
// ("desiredReplicas", "conditions", "podGroups", ...). Comparisons are
// semantic where the format allows several spellings of one value: quantities
// compare by value ("0.5" equals "500m"), durations by length ("90s" equals
// "1m30s"), and an object member that is null equals an absent one.
#ifndef HORIZON_HPA_SCENARIO_CHECK_H_
#define HORIZON_HPA_SCENARIO_CHECK_H_

#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace horizon::hpa {

// One expectation that the result does not meet. `got` is what the result
// holds at the place `key` describes (null when absent); for an expect key
// the format does not define, `got` is the string "unknown expect key".
struct Mismatch {
  std::string key;
  nlohmann::json want;
  nlohmann::json got;
};

// Compares every key of `expect` (an object; null means nothing is expected)
// with `result`. Returns the mismatches sorted by expect key.
std::vector<Mismatch> CheckExpectations(const nlohmann::json& expect, const nlohmann::json& result);

// Whether two JSON values are equal with the semantic rules above.
bool SemanticallyEqual(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace horizon::hpa

#endif  // HORIZON_HPA_SCENARIO_CHECK_H_
