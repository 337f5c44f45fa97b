// Scenario: one frozen moment of one HorizontalPodAutoscaler.
//
// Everything a single reconcile pass reads — the HPA, its target's scale
// subresource, the selected pods, what each metrics API answers, how the API
// server will answer writes, and the controller's memory of earlier decisions
// — captured as plain data. Evaluate() (hpa/evaluate.h) turns a Scenario into
// a Decision with no I/O. The live controller builds one per reconcile; files
// in the format of docs/scenario-format.md decode into the same struct
// (hpa/scenario_codec.h).
#ifndef HORIZON_HPA_SCENARIO_H_
#define HORIZON_HPA_SCENARIO_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kube/hpa.h"
#include "kube/label_selector.h"
#include "kube/pod.h"
#include "kube/quantity.h"

namespace horizon::hpa {

// Feature gates the decision depends on; defaults as Kubernetes 1.37.
struct FeatureGates {
  bool hpa_scale_to_zero = true;              // HPAScaleToZero
  bool hpa_configurable_tolerance = true;     // HPAConfigurableTolerance
  bool hpa_generation = false;                // HPAGeneration (status.observedGeneration)
  bool pod_level_resources = true;            // PodLevelResources
  bool hpa_configurable_sync_period = false;  // HPAConfigurableSyncPeriod
};

// The controller's flags (kube-controller-manager's names and defaults).
struct ControllerConfig {
  double tolerance = 0.1;  // --horizontal-pod-autoscaler-tolerance
  absl::Duration cpu_initialization_period = absl::Minutes(5);
  absl::Duration initial_readiness_delay = absl::Seconds(30);
  absl::Duration downscale_stabilization_window = absl::Minutes(5);
  absl::Duration sync_period = absl::Seconds(15);
  // The no-behavior scale-up cap: max(factor × current, minimum).
  double scale_up_limit_factor = 2.0;
  double scale_up_limit_minimum = 4.0;
  FeatureGates feature_gates;
};

// The target's scale subresource and how the API server answers for it.
struct ScaleState {
  int32_t replicas = 0;         // spec.replicas: the current replica count
  int32_t status_replicas = 0;  // status.replicas
  std::string selector;         // status.selector
  // GET …/scale fails with this message.
  std::optional<std::string> get_error;
  // Every PUT …/scale fails with this message.
  std::optional<std::string> update_error;
  // The first N PUTs answer 409 Conflict, then they succeed.
  int32_t update_conflicts_before_success = 0;
};

// metrics.k8s.io PodMetrics for one pod.
struct ContainerUsage {
  std::string name;
  kube::ResourceList usage;
};
struct PodResourceMetrics {
  std::string pod;
  absl::Time timestamp;
  absl::Duration window = absl::Seconds(30);
  std::vector<ContainerUsage> containers;
};

// custom.metrics.k8s.io value of a per-pod metric.
struct PodMetricValue {
  std::string metric;
  std::string pod;
  kube::Quantity value;
  absl::Time timestamp;
  absl::Duration window = absl::Minutes(1);
};

// custom.metrics.k8s.io value of an object metric.
struct ObjectMetricValue {
  std::string metric;
  kube::CrossVersionObjectReference described_object;
  kube::Quantity value;
  absl::Time timestamp;
  // The metric label selector the value answers; nullopt answers any.
  std::optional<kube::LabelSelectorSpec> selector;
};

// external.metrics.k8s.io series of one metric for one label selector.
struct ExternalMetricValues {
  std::string metric;
  // The metric label selector the values answer; nullopt answers any.
  std::optional<kube::LabelSelectorSpec> selector;
  std::vector<kube::Quantity> values;
  absl::Time timestamp;
};

// What the metrics APIs return. An API with an entry in `errors` fails with
// that message for every query.
struct MetricsSnapshot {
  std::vector<PodResourceMetrics> resource;
  std::vector<PodMetricValue> pods;
  std::vector<ObjectMetricValue> object;
  std::vector<ExternalMetricValues> external;
  std::optional<std::string> resource_error;
  std::optional<std::string> pods_error;
  std::optional<std::string> object_error;
  std::optional<std::string> external_error;
};

// Another HPA known to the controller (for AmbiguousSelector).
struct OtherHpa {
  std::string namespace_;
  std::string name;
  std::string selector;
};

struct TimestampedRecommendation {
  absl::Time time;
  int32_t replicas = 0;
};

struct ScaleEvent {
  absl::Time time;
  int32_t replica_change = 0;  // positive up, negative down
};

// The controller's per-HPA memory (lost on restart upstream; Horizon persists it).
struct History {
  // nullopt: the controller has no memory of this HPA yet. An empty vector:
  // memory exists and is empty.
  std::optional<std::vector<TimestampedRecommendation>> recommendations;
  std::vector<ScaleEvent> scale_events;
};

struct Scenario {
  std::string name;
  absl::Time now;
  // As served by the API server, already defaulted (the codec defaults file input).
  kube::HorizontalPodAutoscaler hpa;
  ScaleState scale;
  std::vector<kube::Pod> pods;
  MetricsSnapshot metrics;
  std::vector<OtherHpa> other_hpas;
  History history;
  std::optional<absl::Time> last_scale_time;  // history.lastScaleTime
  ControllerConfig controller;
};

}  // namespace horizon::hpa

#endif  // HORIZON_HPA_SCENARIO_H_
