// Evaluate: the one entry point of the decision core.
//
// Given a frozen Scenario, returns exactly what one reconcile pass of the
// upstream HPA controller would do at `now`: the replicas it writes, the status
// and events, and an explanation of every stage. Pure: no I/O, no clock, no
// gRPC. The scale write's outcome is taken from scenario.scale (get_error,
// update_error, update_conflicts_before_success), so the live controller
// performs the write first through a ScaleWriter and then finishes the decision
// (see EvaluateWithWriter).
#ifndef HORIZON_HPA_EVALUATE_H_
#define HORIZON_HPA_EVALUATE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hpa/decision.h"
#include "hpa/scenario.h"

namespace horizon::hpa {

// Performs the scale write of a pass. The result is OK, or the final error
// after retries; `conflicts` counts the 409 answers seen.
class ScaleWriter {
 public:
  virtual ~ScaleWriter() = default;
  virtual absl::Status WriteReplicas(int32_t replicas, int32_t* conflicts) = 0;
};

// Evaluates with the write outcome described by scenario.scale.
Decision Evaluate(const Scenario& scenario, absl::Time now);

// Evaluates, performing the scale write (if any) through `writer`.
Decision EvaluateWithWriter(const Scenario& scenario, absl::Time now, ScaleWriter& writer);

}  // namespace horizon::hpa

#endif  // HORIZON_HPA_EVALUATE_H_
