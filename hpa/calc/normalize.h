// Normalisation: from the raw recommendation to the replicas the HPA writes.
//
// Two paths, as upstream: without spec.behavior the downscale stabilization
// window and the fixed scale-up cap max(factor × current, minimum) apply;
// with spec.behavior, per-direction stabilization windows and rate policies
// evaluated against the history of scale events. Both update the
// recommendation history in place, exactly as upstream's controller memory.
#ifndef HORIZON_HPA_CALC_NORMALIZE_H_
#define HORIZON_HPA_CALC_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kube/hpa.h"

namespace horizon::hpa::calc {

struct Recommendation {
  absl::Time time;
  int32_t replicas = 0;
};

// A past scale change of one direction; `change` is its magnitude.
struct ScaleEventRecord {
  absl::Time time;
  int32_t change = 0;
  bool outdated = false;
};

struct NormalizeResult {
  int32_t stabilized = 0;  // after stabilization
  int32_t desired = 0;     // after rate limits and min/max
  // AbleToScale=True reason/message after stabilization.
  std::string able_reason;
  std::string able_message;
  // ScalingLimited: True when `desired != stabilized`.
  bool limited = false;
  std::string limited_reason;
  std::string limited_message;
  // The bound that applied (rate limit or min/max), for explanations.
  int32_t bound = 0;
};

// Without spec.behavior (normalizeDesiredReplicas).
NormalizeResult NormalizeWithoutBehavior(int32_t current, int32_t recommended, int32_t min_replicas,
                                         int32_t max_replicas, absl::Duration downscale_window,
                                         double scale_up_limit_factor,
                                         double scale_up_limit_minimum, absl::Time now,
                                         std::vector<Recommendation>* recommendations);

// With spec.behavior (normalizeDesiredReplicasWithBehaviors). `behavior` must
// be defaulted, with scaleDown.stabilizationWindowSeconds filled in.
NormalizeResult NormalizeWithBehavior(const kube::HorizontalPodAutoscalerBehavior& behavior,
                                      int32_t current, int32_t recommended, int32_t min_replicas,
                                      int32_t max_replicas, absl::Time now,
                                      std::vector<Recommendation>* recommendations,
                                      const std::vector<ScaleEventRecord>& scale_up_events,
                                      const std::vector<ScaleEventRecord>& scale_down_events);

// Records a successful rescale from `previous` to `next` (storeScaleEvent).
void StoreScaleEvent(const kube::HorizontalPodAutoscalerBehavior& behavior, int32_t previous,
                     int32_t next, absl::Time now, std::vector<ScaleEventRecord>* scale_up_events,
                     std::vector<ScaleEventRecord>* scale_down_events);

// The sum of event magnitudes strictly newer than now - period.
int32_t ReplicasChangedInPeriod(int32_t period_seconds, const std::vector<ScaleEventRecord>& events,
                                absl::Time now);

// The scale-up and scale-down rate limits of a behavior direction.
int32_t ScaleUpLimit(int32_t current, const std::vector<ScaleEventRecord>& up,
                     const std::vector<ScaleEventRecord>& down, const kube::HPAScalingRules& rules,
                     absl::Time now);
int32_t ScaleDownLimit(int32_t current, const std::vector<ScaleEventRecord>& up,
                       const std::vector<ScaleEventRecord>& down,
                       const kube::HPAScalingRules& rules, absl::Time now);

}  // namespace horizon::hpa::calc

#endif  // HORIZON_HPA_CALC_NORMALIZE_H_
