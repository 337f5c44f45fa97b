// autoscaling/v2 HorizontalPodAutoscaler.
//
// Field names follow the API (camelCase in JSON, snake_case here). Optional
// API fields that have a meaningful "unset" state are std::optional, so that
// defaulting and validation can tell "absent" from "zero" as the API server
// does.
#ifndef HORIZON_KUBE_HPA_H_
#define HORIZON_KUBE_HPA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kube/label_selector.h"
#include "kube/meta.h"
#include "kube/quantity.h"

namespace horizon::kube {

// Metric source types (MetricSpec.type / MetricStatus.type).
inline constexpr char kObjectMetricSourceType[] = "Object";
inline constexpr char kPodsMetricSourceType[] = "Pods";
inline constexpr char kResourceMetricSourceType[] = "Resource";
inline constexpr char kContainerResourceMetricSourceType[] = "ContainerResource";
inline constexpr char kExternalMetricSourceType[] = "External";

// Metric target types (MetricTarget.type).
inline constexpr char kUtilizationMetricType[] = "Utilization";
inline constexpr char kValueMetricType[] = "Value";
inline constexpr char kAverageValueMetricType[] = "AverageValue";

// Scaling policy types and select policies.
inline constexpr char kPodsScalingPolicy[] = "Pods";
inline constexpr char kPercentScalingPolicy[] = "Percent";
inline constexpr char kMaxChangePolicySelect[] = "Max";
inline constexpr char kMinChangePolicySelect[] = "Min";
inline constexpr char kDisabledPolicySelect[] = "Disabled";

// Condition types.
inline constexpr char kAbleToScale[] = "AbleToScale";
inline constexpr char kScalingActive[] = "ScalingActive";
inline constexpr char kScalingLimited[] = "ScalingLimited";
inline constexpr char kScaledToZero[] = "ScaledToZero";

struct CrossVersionObjectReference {
  std::string kind;
  std::string name;
  std::string api_version;
};

struct MetricTarget {
  std::string type;  // Utilization, Value or AverageValue
  std::optional<Quantity> value;
  std::optional<Quantity> average_value;
  std::optional<int32_t> average_utilization;
};

struct MetricIdentifier {
  std::string name;
  std::optional<LabelSelectorSpec> selector;
};

struct ResourceMetricSource {
  std::string name;  // cpu, memory, ...
  MetricTarget target;
};

struct ContainerResourceMetricSource {
  std::string name;
  std::string container;
  MetricTarget target;
};

struct PodsMetricSource {
  MetricIdentifier metric;
  MetricTarget target;
};

struct ObjectMetricSource {
  CrossVersionObjectReference described_object;
  MetricIdentifier metric;
  MetricTarget target;
};

struct ExternalMetricSource {
  MetricIdentifier metric;
  MetricTarget target;
};

// One entry of spec.metrics. Exactly the member named by `type` is expected to
// be set; validation reports anything else.
struct MetricSpec {
  std::string type;
  std::optional<ObjectMetricSource> object;
  std::optional<PodsMetricSource> pods;
  std::optional<ResourceMetricSource> resource;
  std::optional<ContainerResourceMetricSource> container_resource;
  std::optional<ExternalMetricSource> external;
};

struct HPAScalingPolicy {
  std::string type;  // Pods or Percent
  int32_t value = 0;
  int32_t period_seconds = 0;
};

struct HPAScalingRules {
  std::optional<int32_t> stabilization_window_seconds;
  std::optional<std::string> select_policy;
  // nullopt = field absent (defaulting fills it); an empty list is kept.
  std::optional<std::vector<HPAScalingPolicy>> policies;
  std::optional<Quantity> tolerance;
};

struct HorizontalPodAutoscalerBehavior {
  std::optional<HPAScalingRules> scale_up;
  std::optional<HPAScalingRules> scale_down;
};

struct HorizontalPodAutoscalerSpec {
  CrossVersionObjectReference scale_target_ref;
  std::optional<int32_t> min_replicas;
  int32_t max_replicas = 0;
  std::vector<MetricSpec> metrics;
  std::optional<HorizontalPodAutoscalerBehavior> behavior;
  // Alpha upstream field (HPAConfigurableSyncPeriod).
  std::optional<int32_t> sync_period_seconds;
};

struct MetricValueStatus {
  std::optional<Quantity> value;
  std::optional<Quantity> average_value;
  std::optional<int32_t> average_utilization;
};

struct ResourceMetricStatus {
  std::string name;
  MetricValueStatus current;
};

struct ContainerResourceMetricStatus {
  std::string name;
  std::string container;
  MetricValueStatus current;
};

struct PodsMetricStatus {
  MetricIdentifier metric;
  MetricValueStatus current;
};

struct ObjectMetricStatus {
  MetricIdentifier metric;
  MetricValueStatus current;
  CrossVersionObjectReference described_object;
};

struct ExternalMetricStatus {
  MetricIdentifier metric;
  MetricValueStatus current;
};

// One entry of status.currentMetrics. A metric that could not be computed is
// reported as an entry with an empty `type` (upstream writes `{"type": ""}`).
struct MetricStatus {
  std::string type;
  std::optional<ObjectMetricStatus> object;
  std::optional<PodsMetricStatus> pods;
  std::optional<ResourceMetricStatus> resource;
  std::optional<ContainerResourceMetricStatus> container_resource;
  std::optional<ExternalMetricStatus> external;
};

struct HorizontalPodAutoscalerCondition {
  std::string type;
  std::string status;  // "True", "False", "Unknown"
  std::optional<absl::Time> last_transition_time;
  std::string reason;
  std::string message;
};

struct HorizontalPodAutoscalerStatus {
  std::optional<int64_t> observed_generation;
  std::optional<absl::Time> last_scale_time;
  int32_t current_replicas = 0;
  int32_t desired_replicas = 0;
  std::vector<MetricStatus> current_metrics;
  std::vector<HorizontalPodAutoscalerCondition> conditions;
};

struct HorizontalPodAutoscaler {
  std::string api_version = "autoscaling/v2";
  std::string kind = "HorizontalPodAutoscaler";
  ObjectMeta metadata;
  HorizontalPodAutoscalerSpec spec;
  HorizontalPodAutoscalerStatus status;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_HPA_H_
