// Decision: what one reconcile pass does for one HPA, and why.
//
// Produced by Evaluate() (hpa/evaluate.h). It is not a StatusOr: when no
// decision can be made the controller still knows what to do (leave the target
// alone, write the failure into the status), so failures ride along in
// `error` / `reconcile_error`, as upstream's controller does.
#ifndef HORIZON_HPA_DECISION_H_
#define HORIZON_HPA_DECISION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hpa/scenario.h"
#include "kube/hpa.h"

namespace horizon::hpa {

// An Event the pass emits on the HPA.
struct EventRecord {
  std::string type;  // "Normal" or "Warning"
  std::string reason;
  std::string message;
};

struct ScaleWrite {
  bool attempted = false;
  int32_t replicas = 0;
  bool succeeded = false;
  int32_t conflicts = 0;  // 409 answers before the final outcome
};

// How one metric's pods were grouped (upstream's groupPods).
struct PodGroups {
  int32_t ready_count = 0;
  std::vector<std::string> unready;
  std::vector<std::string> missing;
  std::vector<std::string> ignored;
};

// The inputs and outcome of one metric's proposal.
struct MetricExplanation {
  std::string type;  // Resource, ContainerResource, Pods, Object, External
  std::string name;  // the metric name as used in messages
  std::optional<PodGroups> pod_groups;
  // Per-pod request of the resource in milli-units (Utilization targets).
  std::map<std::string, int64_t> pod_requests_milli;
  std::string usage;   // e.g. "80% (400m avg)", "1500m"
  std::string target;  // e.g. "50%", "10"
  std::optional<double> ratio;
  std::optional<int32_t> proposal;
  std::string error;  // empty when the metric worked
};

// One stage that moved (or held) the replica count.
struct Stage {
  std::string
      stage;  // tolerance, rebalance, max-over-metrics, stabilization, rate-limit, min-max, ...
  int32_t from = 0;
  int32_t to = 0;
  std::string reason;  // a condition reason or a short key
  std::string text;    // one readable sentence
};

struct Explanation {
  std::vector<MetricExplanation> metrics;
  std::vector<Stage> stages;
};

struct Decision {
  std::string name;
  // What the controller decides for the target; the current replicas when no
  // decision can be made.
  int32_t desired_replicas = 0;
  // The raw maximum over metric proposals before stabilization, behavior and
  // min/max; nullopt when no metric was evaluated.
  std::optional<int32_t> recommendation;
  std::vector<kube::MetricStatus> current_metrics;
  // In the order the controller writes them.
  std::vector<kube::HorizontalPodAutoscalerCondition> conditions;
  std::optional<std::string> error;
  std::optional<std::string> reconcile_error;
  std::vector<EventRecord> events;
  ScaleWrite scale_write;
  // Whether the pass writes the HPA status (skipped when nothing changed).
  bool status_updated = false;
  // The status the pass leaves on the HPA (written or not).
  kube::HorizontalPodAutoscalerStatus status;
  absl::Duration requeue_after = absl::Seconds(15);
  // The behavior in effect (after API-server defaulting), if spec.behavior is set.
  std::optional<kube::HorizontalPodAutoscalerBehavior> behavior;
  // The controller's memory after this pass (to keep for the next one).
  History history;
  Explanation explanation;
};

}  // namespace horizon::hpa

#endif  // HORIZON_HPA_DECISION_H_
