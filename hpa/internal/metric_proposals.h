// The per-metric step of a reconcile (upstream's computeReplicasForMetric and
// the computeStatusFor*Metric helpers), on a Scenario's frozen metrics.
#ifndef HORIZON_HPA_INTERNAL_METRIC_PROPOSALS_H_
#define HORIZON_HPA_INTERNAL_METRIC_PROPOSALS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hpa/calc/tolerances.h"
#include "hpa/decision.h"
#include "hpa/scenario.h"
#include "kube/hpa.h"
#include "kube/pod.h"

namespace horizon::hpa::internal {

struct MetricContext {
  const Scenario* scenario = nullptr;
  int32_t spec_replicas = 0;
  int32_t status_replicas = 0;
  const std::vector<const kube::Pod*>* pods = nullptr;  // listed by the selector
  calc::Tolerances tolerances;
  absl::Time now;
  bool record_pod_details = true;
};

struct MetricOutcome {
  bool ok = false;
  int32_t replicas = 0;
  std::string metric_name;    // for messages ("cpu resource utilization ...")
  kube::MetricStatus status;  // empty type on failure
  // On failure: the condition reason, the event message (inner error) and the
  // error as computeReplicasForMetric returns it (wrapped).
  std::string failure_reason;
  std::string event_message;
  std::string error;
  MetricExplanation explanation;
};

MetricOutcome ComputeMetric(const MetricContext& context, const kube::MetricSpec& spec);

// Go's %+v of a *metav1.LabelSelector, as upstream prints metric selectors in
// metric names and errors ("nil" when unset).
std::string GoLabelSelectorString(const std::optional<kube::LabelSelectorSpec>& selector);

}  // namespace horizon::hpa::internal

#endif  // HORIZON_HPA_INTERNAL_METRIC_PROPOSALS_H_
