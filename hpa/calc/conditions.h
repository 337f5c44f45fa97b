// Condition list bookkeeping with upstream's setCondition semantics.
//
// Conditions keep the order in which they were first added; an existing
// condition is updated in place, and its lastTransitionTime moves only when its
// status flips.
#ifndef HORIZON_HPA_CALC_CONDITIONS_H_
#define HORIZON_HPA_CALC_CONDITIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "kube/hpa.h"

namespace horizon::hpa::calc {

void SetCondition(std::vector<kube::HorizontalPodAutoscalerCondition>* conditions,
                  std::string_view type, std::string_view status, std::string_view reason,
                  std::string message, absl::Time now);

// Removes the condition of `type`, if present.
void RemoveCondition(std::vector<kube::HorizontalPodAutoscalerCondition>* conditions,
                     std::string_view type);

// The condition of `type`, or nullptr.
const kube::HorizontalPodAutoscalerCondition* FindCondition(
    const std::vector<kube::HorizontalPodAutoscalerCondition>& conditions, std::string_view type);

}  // namespace horizon::hpa::calc

#endif  // HORIZON_HPA_CALC_CONDITIONS_H_
