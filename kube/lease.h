// coordination.k8s.io/v1 Lease, used for leader election.
#ifndef HORIZON_KUBE_LEASE_H_
#define HORIZON_KUBE_LEASE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "kube/meta.h"

namespace horizon::kube {

struct LeaseSpec {
  std::optional<std::string> holder_identity;
  std::optional<int32_t> lease_duration_seconds;
  std::optional<absl::Time> acquire_time;  // MicroTime
  std::optional<absl::Time> renew_time;    // MicroTime
  std::optional<int32_t> lease_transitions;
};

struct Lease {
  std::string api_version = "coordination.k8s.io/v1";
  std::string kind = "Lease";
  ObjectMeta metadata;
  LeaseSpec spec;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_LEASE_H_
