#include "kube/hpa_defaults.h"

#include <optional>
#include <utility>
#include <vector>

namespace horizon::kube {
namespace {

// Period of every default policy, in seconds.
constexpr int32_t kDefaultPolicyPeriodSeconds = 15;

// Overlays the fields the user set in `user` onto `defaults`, field by field:
// a set field wins, an unset one keeps the default. This is what lets a
// behavior that only names, say, a scale-down window still get the default
// policies and select policy for that direction.
HPAScalingRules MergeOntoDefaults(const std::optional<HPAScalingRules>& user,
                                  HPAScalingRules defaults) {
  if (!user.has_value()) return defaults;
  if (user->select_policy.has_value()) defaults.select_policy = user->select_policy;
  if (user->stabilization_window_seconds.has_value()) {
    defaults.stabilization_window_seconds = user->stabilization_window_seconds;
  }
  // The whole list is taken or left: the API server never merges user
  // policies with default ones, and an explicit empty list counts as set.
  if (user->policies.has_value()) defaults.policies = user->policies;
  if (user->tolerance.has_value()) defaults.tolerance = user->tolerance;
  return defaults;
}

}  // namespace

HPAScalingRules DefaultScaleUpRules() {
  HPAScalingRules rules;
  rules.stabilization_window_seconds = 0;
  rules.select_policy = kMaxChangePolicySelect;
  rules.policies = std::vector<HPAScalingPolicy>{
      {kPodsScalingPolicy, 4, kDefaultPolicyPeriodSeconds},
      {kPercentScalingPolicy, 100, kDefaultPolicyPeriodSeconds},
  };
  return rules;
}

HPAScalingRules DefaultScaleDownRules() {
  HPAScalingRules rules;
  rules.select_policy = kMaxChangePolicySelect;
  rules.policies = std::vector<HPAScalingPolicy>{
      {kPercentScalingPolicy, 100, kDefaultPolicyPeriodSeconds},
  };
  return rules;
}

void SetDefaults(HorizontalPodAutoscaler* hpa) {
  if (hpa == nullptr) return;
  HorizontalPodAutoscalerSpec& spec = hpa->spec;

  if (!spec.min_replicas.has_value()) spec.min_replicas = 1;

  if (spec.metrics.empty()) {
    MetricSpec cpu;
    cpu.type = kResourceMetricSourceType;
    ResourceMetricSource resource;
    resource.name = "cpu";
    resource.target.type = kUtilizationMetricType;
    resource.target.average_utilization = kDefaultCPUUtilization;
    cpu.resource = std::move(resource);
    spec.metrics.push_back(std::move(cpu));
  }

  // Without spec.behavior the controller runs its older, flag-driven
  // normalisation; filling in a behavior here would silently switch it to the
  // behavior algorithm, so an absent behavior stays absent.
  if (spec.behavior.has_value()) {
    HorizontalPodAutoscalerBehavior& behavior = *spec.behavior;
    behavior.scale_up = MergeOntoDefaults(behavior.scale_up, DefaultScaleUpRules());
    behavior.scale_down = MergeOntoDefaults(behavior.scale_down, DefaultScaleDownRules());
  }
}

}  // namespace horizon::kube
