#include "hpa/calc/conditions.h"

#include <algorithm>

namespace horizon::hpa::calc {

void SetCondition(std::vector<kube::HorizontalPodAutoscalerCondition>* conditions,
                  std::string_view type, std::string_view status, std::string_view reason,
                  std::string message, absl::Time now) {
  kube::HorizontalPodAutoscalerCondition* existing = nullptr;
  for (kube::HorizontalPodAutoscalerCondition& c : *conditions) {
    if (c.type == type) {
      existing = &c;
      break;
    }
  }
  if (existing == nullptr) {
    conditions->emplace_back();
    existing = &conditions->back();
    existing->type = std::string(type);
  }
  if (existing->status != status) existing->last_transition_time = now;
  existing->status = std::string(status);
  existing->reason = std::string(reason);
  existing->message = std::move(message);
}

void RemoveCondition(std::vector<kube::HorizontalPodAutoscalerCondition>* conditions,
                     std::string_view type) {
  conditions->erase(std::remove_if(conditions->begin(), conditions->end(),
                                   [&](const kube::HorizontalPodAutoscalerCondition& c) {
                                     return c.type == type;
                                   }),
                    conditions->end());
}

const kube::HorizontalPodAutoscalerCondition* FindCondition(
    const std::vector<kube::HorizontalPodAutoscalerCondition>& conditions, std::string_view type) {
  for (const kube::HorizontalPodAutoscalerCondition& c : conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

}  // namespace horizon::hpa::calc
