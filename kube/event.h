// core/v1 Event, as the HPA controller records them on HPAs.
#ifndef HORIZON_KUBE_EVENT_H_
#define HORIZON_KUBE_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "kube/meta.h"

namespace horizon::kube {

struct EventSource {
  std::string component;
  std::string host;
};

struct Event {
  std::string api_version = "v1";
  std::string kind = "Event";
  ObjectMeta metadata;
  ObjectReference involved_object;
  std::string reason;
  std::string message;
  std::string type;  // "Normal" or "Warning"
  EventSource source;
  std::optional<absl::Time> first_timestamp;
  std::optional<absl::Time> last_timestamp;
  int32_t count = 0;
  std::string reporting_component;
  std::string reporting_instance;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_EVENT_H_
