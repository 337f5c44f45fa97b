// Per-metric replica proposals: upstream's replica calculator, made pure.
//
// Each function takes what upstream's ReplicaCalculator would fetch (the pods
// listed by the target's selector, the samples a metrics API returned) and
// returns the proposal for one metric: the replica count, the values reported
// in status.currentMetrics, and how the pods were grouped. Nothing here reads a
// clock or the network; `now` is a parameter.
//
// Arithmetic follows replica_calculator.go and metrics/utilization.go: integer
// milli-units, utilization truncated to an integer percentage before the
// ratio, `ceil` of float64 products, tolerance as a closed interval, and the
// rebalancing pass for unready and missing pods.
#ifndef HORIZON_HPA_CALC_REPLICA_CALCULATOR_H_
#define HORIZON_HPA_CALC_REPLICA_CALCULATOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hpa/calc/tolerances.h"
#include "kube/pod.h"

namespace horizon::hpa::calc {

// One pod's sample from a metrics API, in milli-units.
struct PodSample {
  std::string_view pod;
  int64_t value_milli = 0;
  absl::Time timestamp;
  absl::Duration window;
};

// What a per-pod computation needs besides the samples.
struct PodMetricContext {
  int32_t current_replicas = 0;
  // The pods the target's selector lists (upstream's pod lister), in order.
  const std::vector<const kube::Pod*>* pods = nullptr;
  Tolerances tolerances;
  absl::Duration cpu_initialization_period = absl::Minutes(5);
  absl::Duration initial_readiness_delay = absl::Seconds(30);
  bool pod_level_resources = true;  // PodLevelResources feature gate
  absl::Time now;
  // Fill PodMetricResult's per-pod names and requests (for explanations).
  bool record_pod_details = true;
};

// How the listed pods were grouped (groupPods).
struct PodGrouping {
  int32_t ready_count = 0;
  std::vector<std::string> unready;
  std::vector<std::string> missing;
  std::vector<std::string> ignored;
};

// Which branch of the calculation produced the proposal.
enum class ProposalPath {
  kWithinTolerance,            // ratio within tolerance: current replicas
  kScaled,                     // ceil(ratio × ready pods)
  kRebalancedWithinTolerance,  // rebalanced ratio within tolerance: current
  kRebalancedFlipped,          // rebalancing reversed the direction: current
  kRebalanced,                 // ceil(new ratio × entries)
  kRebalancedCountFlipped,     // the entry count reversed the direction: current
};

struct PodMetricResult {
  int32_t replicas = 0;
  // Utilization targets: the integer percentage; otherwise unused.
  int32_t utilization = 0;
  // Utilization: the raw average usage (milli); plain metrics: the average
  // value (milli) reported as averageValue.
  int64_t average_milli = 0;
  double ratio = 0;
  std::optional<double> rebalanced_ratio;
  ProposalPath path = ProposalPath::kScaled;
  PodGrouping grouping;
  // Utilization targets: each listed pod's request (milli), when recorded.
  std::vector<std::pair<std::string, int64_t>> pod_requests_milli;
};

// Resource (and ContainerResource, when `container` is non-empty) with a
// Utilization target: GetResourceReplicas.
absl::StatusOr<PodMetricResult> ResourceUtilizationReplicas(const PodMetricContext& context,
                                                            const std::vector<PodSample>& samples,
                                                            std::string_view resource,
                                                            std::string_view container,
                                                            int32_t target_utilization);

// Resource AverageValue and Pods metrics: calcPlainMetricReplicas. `resource`
// is the resource name for Resource metrics (CPU readiness rules apply to
// "cpu") and empty for Pods metrics.
absl::StatusOr<PodMetricResult> PlainMetricReplicas(const PodMetricContext& context,
                                                    const std::vector<PodSample>& samples,
                                                    std::string_view resource,
                                                    int64_t target_milli);

// Object/External Value targets (getUsageRatioReplicaCount): with current
// replicas, within tolerance keeps them, otherwise ceil(ratio × ready pods)
// saturating at MaxInt32; from zero, ceil(ratio). `pods` are the pods the
// target's selector lists; none listed is an error.
absl::StatusOr<int32_t> UsageRatioReplicas(int32_t current_replicas, double usage_ratio,
                                           const Tolerances& tolerances,
                                           const std::vector<const kube::Pod*>& pods);

// Object/External AverageValue targets (Get*PerPodMetricReplicas).
struct PerPodResult {
  int32_t replicas = 0;
  int64_t average_milli = 0;  // reported averageValue
  double ratio = 0;
};
PerPodResult PerPodReplicas(int32_t status_replicas, int64_t usage_milli, int64_t target_milli,
                            const Tolerances& tolerances);

// Converts ceil(x) to int32 the way a replica count must be: saturating at
// the int32 range (and 0 for NaN).
int32_t CeilToReplicas(double x);

}  // namespace horizon::hpa::calc

#endif  // HORIZON_HPA_CALC_REPLICA_CALCULATOR_H_
