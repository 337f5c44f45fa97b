// autoscaling/v1 Scale: the scale subresource of a scalable workload.
#ifndef HORIZON_KUBE_SCALE_H_
#define HORIZON_KUBE_SCALE_H_

#include <cstdint>
#include <string>

#include "kube/meta.h"

namespace horizon::kube {

struct Scale {
  std::string api_version = "autoscaling/v1";
  std::string kind = "Scale";
  ObjectMeta metadata;
  int32_t spec_replicas = 0;    // spec.replicas
  int32_t status_replicas = 0;  // status.replicas
  std::string status_selector;  // status.selector (label selector string)
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_SCALE_H_
