// Scenario files <-> Scenario, and Decision -> result JSON.
//
// Defines the codec of the scenario format (docs: scenario-format.md): a file
// is JSON or YAML holding one scenario object or {"scenarios": [...]}.
// Decoding is strict — every unknown key is an InvalidArgument error naming its
// full path (`scenarios[2].pods[0].redy: unknown field`) — because a typo in a
// test scenario must never pass silently. The HPA is defaulted as the API
// server defaults autoscaling/v2 (kube::SetDefaults). Encoding produces the
// same format, so a live controller's snapshot can be saved and replayed.
// EncodeDecision produces the result object printed by `hpactl evaluate`.
#ifndef HORIZON_HPA_SCENARIO_CODEC_H_
#define HORIZON_HPA_SCENARIO_CODEC_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hpa/decision.h"
#include "hpa/scenario.h"
#include "nlohmann/json.hpp"

namespace horizon::hpa {

// One decoded scenario with the parts of its file that are not inputs.
struct ScenarioFile {
  Scenario scenario;
  // The scenario's `expect` object; null when the file has none.
  nlohmann::json expect;
  // The scenario object exactly as written in the file (for echoing).
  nlohmann::json raw;
};

// Decodes a scenario file. `text` is JSON when its first non-space character
// is '{' or '[', YAML otherwise. `source_name` (usually the file name) names
// scenarios that have no `name`: "<source_name>" for a single scenario,
// "<source_name>[i]" inside a list. Errors are InvalidArgument and name the
// field path from the document root; they do not repeat `source_name`.
absl::StatusOr<std::vector<ScenarioFile>> DecodeScenarios(std::string_view text,
                                                          std::string_view source_name);

// Decodes one scenario object already parsed to JSON. `path` prefixes error
// messages ("" for a file's root, "scenarios[3]" inside a list).
absl::StatusOr<ScenarioFile> DecodeScenario(const nlohmann::json& j, std::string_view path);

// Encodes a scenario in the file format (without `expect`). Decoding the
// result gives back an equal Scenario.
nlohmann::json EncodeScenario(const Scenario& scenario);

// The result object of one evaluation, with the field names of the format.
nlohmann::json EncodeDecision(const Decision& decision);

// Go's time.Duration.String(): "15s", "1m30s", "1h0m0s", "1.5s", "250ms", "0s".
std::string FormatGoDuration(absl::Duration d);

// Parses Go duration syntax ("1h2m3.5s", "300ms", "2µs"); InvalidArgument
// names the input.
absl::StatusOr<absl::Duration> ParseGoDuration(std::string_view text);

}  // namespace horizon::hpa

#endif  // HORIZON_HPA_SCENARIO_CODEC_H_
