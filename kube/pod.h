// core/v1 Pod: the fields the autoscaler reads (phase, readiness, start time,
// deletion, labels, resource requests).
#ifndef HORIZON_KUBE_POD_H_
#define HORIZON_KUBE_POD_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kube/meta.h"
#include "kube/quantity.h"

namespace horizon::kube {

// Resource name ("cpu", "memory", ...) -> quantity.
using ResourceList = std::map<std::string, Quantity>;

struct ResourceRequirements {
  ResourceList requests;
  ResourceList limits;
};

struct Container {
  std::string name;
  std::string image;
  ResourceRequirements resources;
  // Only meaningful for init containers: "Always" makes it a sidecar.
  std::optional<std::string> restart_policy;
};

struct PodCondition {
  std::string type;    // "Ready", "PodScheduled", ...
  std::string status;  // "True", "False", "Unknown"
  std::optional<absl::Time> last_transition_time;
  std::string reason;
  std::string message;
};

struct PodSpec {
  std::string node_name;
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  // Pod-level resources (PodLevelResources feature).
  std::optional<ResourceRequirements> resources;
};

struct PodStatus {
  std::string phase;  // Pending, Running, Succeeded, Failed, Unknown
  std::vector<PodCondition> conditions;
  std::optional<absl::Time> start_time;
  std::string pod_ip;
  std::string host_ip;
};

struct Pod {
  std::string api_version = "v1";
  std::string kind = "Pod";
  ObjectMeta metadata;
  PodSpec spec;
  PodStatus status;

  // The condition of `type`, or nullptr.
  const PodCondition* FindCondition(std::string_view type) const {
    for (const PodCondition& c : status.conditions) {
      if (c.type == type) return &c;
    }
    return nullptr;
  }
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_POD_H_
