// Object and list metadata shared by every Kubernetes API type, and the API's
// `Status` error object.
#ifndef HORIZON_KUBE_META_H_
#define HORIZON_KUBE_META_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace horizon::kube {

// metav1.ObjectMeta (the fields Horizon reads or writes).
struct ObjectMeta {
  std::string name;
  std::string generate_name;
  std::string namespace_;
  std::string uid;
  std::string resource_version;
  int64_t generation = 0;
  std::optional<absl::Time> creation_timestamp;
  std::optional<absl::Time> deletion_timestamp;
  std::optional<int64_t> deletion_grace_period_seconds;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

// metav1.ListMeta.
struct ListMeta {
  std::string resource_version;
  std::string continue_token;  // "continue"
  std::optional<int64_t> remaining_item_count;
};

// metav1.StatusCause.
struct StatusCause {
  std::string reason;
  std::string message;
  std::string field;
};

// metav1.Status: the body of every API error response.
struct Status {
  std::string status;   // "Success" or "Failure"
  std::string message;  // human-readable
  std::string reason;   // "NotFound", "Conflict", "Invalid", ...
  int32_t code = 0;     // HTTP status code
  struct Details {
    std::string name;
    std::string group;
    std::string kind;
    std::vector<StatusCause> causes;
    int32_t retry_after_seconds = 0;
  };
  std::optional<Details> details;
};

// corev1.ObjectReference (as used by Events).
struct ObjectReference {
  std::string api_version;
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string resource_version;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_META_H_
