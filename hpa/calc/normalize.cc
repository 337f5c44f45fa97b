#include "hpa/calc/normalize.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace horizon::hpa::calc {
namespace {

constexpr char kReadyForNewScale[] = "ReadyForNewScale";
constexpr char kReadyForNewScaleMessage[] = "recommended size matches current size";
constexpr char kScaleDownStabilized[] = "ScaleDownStabilized";
constexpr char kScaleDownStabilizedMessage[] =
    "recent recommendations were higher than current one, applying the highest recent "
    "recommendation";
constexpr char kScaleUpStabilized[] = "ScaleUpStabilized";
constexpr char kScaleUpStabilizedMessage[] =
    "recent recommendations were lower than current one, applying the lowest recent "
    "recommendation";
constexpr char kWithinRange[] = "DesiredWithinRange";
constexpr char kWithinRangeMessage[] = "the desired count is within the acceptable range";
constexpr char kScaleUpLimitMessage[] =
    "the desired replica count is increasing faster than the maximum scale rate";
constexpr char kScaleDownLimitMessage[] =
    "the desired replica count is decreasing faster than the maximum scale rate";
constexpr char kTooManyMessage[] =
    "the desired replica count is more than the maximum replica count";
constexpr char kTooFewMessage[] =
    "the desired replica count is less than the minimum replica count";

// Stores an unstabilised recommendation, reusing the slot of `old_index` if any.
void Record(std::vector<Recommendation>* recs, bool found_old, size_t old_index, int32_t value,
            absl::Time now) {
  if (found_old) {
    (*recs)[old_index] = Recommendation{now, value};
  } else {
    recs->push_back(Recommendation{now, value});
  }
}

int32_t Saturate(double v) {
  if (std::isnan(v)) return 0;
  if (v >= static_cast<double>(std::numeric_limits<int32_t>::max())) {
    return std::numeric_limits<int32_t>::max();
  }
  if (v <= static_cast<double>(std::numeric_limits<int32_t>::min())) {
    return std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(v);
}

int32_t LongestPeriod(const kube::HPAScalingRules* rules) {
  int32_t longest = 0;
  if (rules == nullptr || !rules->policies.has_value()) return 0;
  for (const kube::HPAScalingPolicy& p : *rules->policies)
    longest = std::max(longest, p.period_seconds);
  return longest;
}

void StoreEvent(std::vector<ScaleEventRecord>* events, int32_t longest_period, int32_t change,
                absl::Time now) {
  const absl::Time cutoff = now - absl::Seconds(longest_period);
  bool found_old = false;
  size_t old_index = 0;
  for (size_t i = 0; i < events->size(); ++i) {
    ScaleEventRecord& e = (*events)[i];
    if (e.time < cutoff) e.outdated = true;
    if (e.outdated) {
      found_old = true;
      old_index = i;
    }
  }
  const ScaleEventRecord fresh{now, change, false};
  if (found_old) {
    (*events)[old_index] = fresh;
  } else {
    events->push_back(fresh);
  }
}

}  // namespace

NormalizeResult NormalizeWithoutBehavior(int32_t current, int32_t recommended, int32_t min_replicas,
                                         int32_t max_replicas, absl::Duration downscale_window,
                                         double scale_up_limit_factor,
                                         double scale_up_limit_minimum, absl::Time now,
                                         std::vector<Recommendation>* recommendations) {
  NormalizeResult r;
  // Stabilise: the highest recommendation of the window wins. A record exactly
  // at the cutoff still counts (only strictly older ones are replaced).
  int32_t highest = recommended;
  bool found_old = false;
  size_t old_index = 0;
  const absl::Time cutoff = now - downscale_window;
  for (size_t i = 0; i < recommendations->size(); ++i) {
    const Recommendation& rec = (*recommendations)[i];
    if (rec.time < cutoff) {
      found_old = true;
      old_index = i;
    } else if (rec.replicas > highest) {
      highest = rec.replicas;
    }
  }
  Record(recommendations, found_old, old_index, recommended, now);
  r.stabilized = highest;
  if (r.stabilized != recommended) {
    r.able_reason = kScaleDownStabilized;
    r.able_message = kScaleDownStabilizedMessage;
  } else {
    r.able_reason = kReadyForNewScale;
    r.able_message = kReadyForNewScaleMessage;
  }

  // Clamp to [min, min(max, scale-up cap)].
  const int32_t scale_up_limit = Saturate(
      std::max(scale_up_limit_factor * static_cast<double>(current), scale_up_limit_minimum));
  int32_t maximum = max_replicas;
  std::string limit_reason = "TooManyReplicas";
  std::string limit_message = kTooManyMessage;
  if (max_replicas > scale_up_limit) {
    maximum = scale_up_limit;
    limit_reason = "ScaleUpLimit";
    limit_message = kScaleUpLimitMessage;
  }
  if (r.stabilized < min_replicas) {
    r.desired = min_replicas;
    r.limited_reason = "TooFewReplicas";
    r.limited_message = kTooFewMessage;
    r.bound = min_replicas;
  } else if (r.stabilized > maximum) {
    r.desired = maximum;
    r.limited_reason = limit_reason;
    r.limited_message = limit_message;
    r.bound = maximum;
  } else {
    r.desired = r.stabilized;
    r.limited_reason = kWithinRange;
    r.limited_message = kWithinRangeMessage;
  }
  r.limited = r.desired != r.stabilized;
  if (!r.limited) {
    // Upstream writes False with whatever reason the clamp returned; it is
    // DesiredWithinRange whenever the value is unchanged.
    r.limited_reason = kWithinRange;
    r.limited_message = kWithinRangeMessage;
  }
  return r;
}

int32_t ReplicasChangedInPeriod(int32_t period_seconds, const std::vector<ScaleEventRecord>& events,
                                absl::Time now) {
  const absl::Time cutoff = now - absl::Seconds(period_seconds);
  int32_t replicas = 0;
  for (const ScaleEventRecord& e : events) {
    if (e.time > cutoff) replicas += e.change;
  }
  return replicas;
}

int32_t ScaleUpLimit(int32_t current, const std::vector<ScaleEventRecord>& up,
                     const std::vector<ScaleEventRecord>& down, const kube::HPAScalingRules& rules,
                     absl::Time now) {
  const std::string select = rules.select_policy.value_or(kube::kMaxChangePolicySelect);
  if (select == kube::kDisabledPolicySelect) return current;
  const bool pick_min = select == kube::kMinChangePolicySelect;
  int32_t result =
      pick_min ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int32_t>::min();
  if (!rules.policies.has_value()) return result;
  for (const kube::HPAScalingPolicy& p : *rules.policies) {
    const int32_t start = current - ReplicasChangedInPeriod(p.period_seconds, up, now) +
                          ReplicasChangedInPeriod(p.period_seconds, down, now);
    int32_t proposed = 0;
    if (p.type == kube::kPodsScalingPolicy) {
      proposed = start + p.value;
    } else if (p.type == kube::kPercentScalingPolicy) {
      // Rounded up so a small percentage still adds a replica.
      proposed = Saturate(
          std::ceil(static_cast<double>(start) * (1 + static_cast<double>(p.value) / 100)));
    }
    result = pick_min ? std::min(result, proposed) : std::max(result, proposed);
  }
  return result;
}

int32_t ScaleDownLimit(int32_t current, const std::vector<ScaleEventRecord>& up,
                       const std::vector<ScaleEventRecord>& down,
                       const kube::HPAScalingRules& rules, absl::Time now) {
  const std::string select = rules.select_policy.value_or(kube::kMaxChangePolicySelect);
  if (select == kube::kDisabledPolicySelect) return current;
  const bool pick_max = select == kube::kMinChangePolicySelect;  // smallest change = largest count
  int32_t result =
      pick_max ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int32_t>::max();
  if (!rules.policies.has_value()) return result;
  for (const kube::HPAScalingPolicy& p : *rules.policies) {
    const int32_t start = current - ReplicasChangedInPeriod(p.period_seconds, up, now) +
                          ReplicasChangedInPeriod(p.period_seconds, down, now);
    int32_t proposed = 0;
    if (p.type == kube::kPodsScalingPolicy) {
      proposed = start - p.value;
    } else if (p.type == kube::kPercentScalingPolicy) {
      // Truncated toward zero, as a Go int32 conversion does.
      proposed = Saturate(
          std::trunc(static_cast<double>(start) * (1 - static_cast<double>(p.value) / 100)));
    }
    result = pick_max ? std::max(result, proposed) : std::min(result, proposed);
  }
  return result;
}

NormalizeResult NormalizeWithBehavior(const kube::HorizontalPodAutoscalerBehavior& behavior,
                                      int32_t current, int32_t recommended, int32_t min_replicas,
                                      int32_t max_replicas, absl::Time now,
                                      std::vector<Recommendation>* recommendations,
                                      const std::vector<ScaleEventRecord>& scale_up_events,
                                      const std::vector<ScaleEventRecord>& scale_down_events) {
  static const kube::HPAScalingRules kEmptyRules;
  const kube::HPAScalingRules& up_rules = behavior.scale_up ? *behavior.scale_up : kEmptyRules;
  const kube::HPAScalingRules& down_rules =
      behavior.scale_down ? *behavior.scale_down : kEmptyRules;
  NormalizeResult r;

  // Stabilise: a scale-up needs every recommendation of the up window above
  // current (and goes to their minimum); a scale-down goes to the maximum of
  // the down window.
  const absl::Time up_cutoff =
      now - absl::Seconds(up_rules.stabilization_window_seconds.value_or(0));
  const absl::Time down_cutoff =
      now - absl::Seconds(down_rules.stabilization_window_seconds.value_or(0));
  int32_t up_recommendation = recommended;
  int32_t down_recommendation = recommended;
  bool found_old = false;
  size_t old_index = 0;
  for (size_t i = 0; i < recommendations->size(); ++i) {
    const Recommendation& rec = (*recommendations)[i];
    if (rec.time > up_cutoff) up_recommendation = std::min(rec.replicas, up_recommendation);
    if (rec.time > down_cutoff) down_recommendation = std::max(rec.replicas, down_recommendation);
    if (rec.time < up_cutoff && rec.time < down_cutoff) {
      found_old = true;
      old_index = i;
    }
  }
  int32_t stabilized = current;
  if (stabilized < up_recommendation) stabilized = up_recommendation;
  if (stabilized > down_recommendation) stabilized = down_recommendation;
  Record(recommendations, found_old, old_index, recommended, now);
  r.stabilized = stabilized;
  if (stabilized != recommended) {
    if (recommended >= current) {
      r.able_reason = kScaleUpStabilized;
      r.able_message = kScaleUpStabilizedMessage;
    } else {
      r.able_reason = kScaleDownStabilized;
      r.able_message = kScaleDownStabilizedMessage;
    }
  } else {
    r.able_reason = kReadyForNewScale;
    r.able_message = kReadyForNewScaleMessage;
  }

  // Rate limits.
  r.desired = stabilized;
  r.limited_reason = kWithinRange;
  r.limited_message = kWithinRangeMessage;
  if (stabilized > current) {
    int32_t limit = ScaleUpLimit(current, scale_up_events, scale_down_events, up_rules, now);
    if (limit < current) limit = current;
    int32_t maximum = max_replicas;
    std::string reason = "TooManyReplicas";
    std::string message = kTooManyMessage;
    if (maximum > limit) {
      maximum = limit;
      reason = "ScaleUpLimit";
      message = kScaleUpLimitMessage;
    }
    if (stabilized > maximum) {
      r.desired = maximum;
      r.limited_reason = reason;
      r.limited_message = message;
      r.bound = maximum;
    }
  } else if (stabilized < current) {
    int32_t limit = ScaleDownLimit(current, scale_up_events, scale_down_events, down_rules, now);
    if (limit > current) limit = current;
    int32_t minimum = min_replicas;
    std::string reason = "TooFewReplicas";
    std::string message = kTooFewMessage;
    if (minimum < limit) {
      minimum = limit;
      reason = "ScaleDownLimit";
      message = kScaleDownLimitMessage;
    }
    if (stabilized < minimum) {
      r.desired = minimum;
      r.limited_reason = reason;
      r.limited_message = message;
      r.bound = minimum;
    }
  }
  r.limited = r.desired != r.stabilized;
  return r;
}

void StoreScaleEvent(const kube::HorizontalPodAutoscalerBehavior& behavior, int32_t previous,
                     int32_t next, absl::Time now, std::vector<ScaleEventRecord>* scale_up_events,
                     std::vector<ScaleEventRecord>* scale_down_events) {
  if (next > previous) {
    StoreEvent(scale_up_events, LongestPeriod(behavior.scale_up ? &*behavior.scale_up : nullptr),
               next - previous, now);
  } else {
    StoreEvent(scale_down_events,
               LongestPeriod(behavior.scale_down ? &*behavior.scale_down : nullptr),
               previous - next, now);
  }
}

}  // namespace horizon::hpa::calc
