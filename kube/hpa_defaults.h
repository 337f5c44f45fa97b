// API-server defaulting of autoscaling/v2 HorizontalPodAutoscaler.
//
// SetDefaults fills the fields the API server fills on create and update
// (pkg/apis/autoscaling/v2/defaults.go), so that an object built or decoded by
// Horizon looks exactly like one read back from a cluster:
//   * spec.minReplicas             -> 1 when unset;
//   * spec.metrics                 -> one Resource cpu Utilization 80 metric when empty;
//   * spec.behavior.scaleUp/Down   -> every unset field taken from the direction's
//                                     defaults, but only when spec.behavior is set.
// A field the user set is never replaced, even when it is "empty" (an explicit
// empty policy list stays empty and is left for validation to reject).
#ifndef HORIZON_KUBE_HPA_DEFAULTS_H_
#define HORIZON_KUBE_HPA_DEFAULTS_H_

#include <cstdint>

#include "kube/hpa.h"

namespace horizon::kube {

// Target utilization of the metric added when spec.metrics is empty
// (autoscaling.DefaultCPUUtilization upstream).
inline constexpr int32_t kDefaultCPUUtilization = 80;

// The scale-up rules a behavior direction falls back to: no stabilization
// window, selectPolicy Max, and the two policies [Pods 4 / 15 s, Percent 100 /
// 15 s] in that order. No tolerance.
HPAScalingRules DefaultScaleUpRules();

// The scale-down rules a behavior direction falls back to: selectPolicy Max and
// [Percent 100 / 15 s]. The stabilization window stays unset because its
// default is a controller flag (--horizontal-pod-autoscaler-downscale-
// stabilization), which the API server cannot know. No tolerance.
HPAScalingRules DefaultScaleDownRules();

// Applies the API server's defaults to `hpa` in place. Idempotent; a null
// pointer is ignored.
void SetDefaults(HorizontalPodAutoscaler* hpa);

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_HPA_DEFAULTS_H_
