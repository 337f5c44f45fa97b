// JSON (and YAML) codecs for the Kubernetes API types in kube/.
//
// Decoding follows the API server's wire format (camelCase field names,
// quantities as strings or numbers, times as RFC 3339). Errors are
// InvalidArgument and name the field path from the document root:
//   `hpa.spec.metrics[0].resource.target.averageUtilization: expected an integer, got "x"`.
// By default unknown fields are ignored, as API clients do; with
// DecodeOptions::reject_unknown_fields they are errors naming the path (used
// for scenario files, where a typo must not pass silently). Encoding omits
// unset optional fields and produces what the API server would accept.
#ifndef HORIZON_KUBE_JSON_H_
#define HORIZON_KUBE_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kube/event.h"
#include "kube/hpa.h"
#include "kube/label_selector.h"
#include "kube/lease.h"
#include "kube/meta.h"
#include "kube/pod.h"
#include "kube/quantity.h"
#include "kube/scale.h"
#include "nlohmann/json.hpp"

namespace horizon::kube {

struct DecodeOptions {
  // Fields the upstream type defines but Horizon does not model are still
  // accepted (and dropped) in this mode where a served object carries them:
  // ObjectMeta's managedFields, ownerReferences, finalizers, selfLink; Status
  // metadata and details.uid; ObjectReference.fieldPath; PodCondition
  // lastProbeTime; ResourceRequirements.claims; Event eventTime, series,
  // action, related; Lease strategy and preferredHolder.
  bool reject_unknown_fields = false;
};

// Text -> JSON value. Syntax errors name the line and column.
absl::StatusOr<nlohmann::json> ParseJson(std::string_view text);
// YAML text (one document) -> the equivalent JSON value (YAML 1.2 core schema
// scalars: ints, floats, true/false, null, everything else a string; quoted
// scalars are always strings).
absl::StatusOr<nlohmann::json> ParseYaml(std::string_view text);
// Every document of a multi-document YAML stream ("---" separated); empty
// documents are skipped.
absl::StatusOr<std::vector<nlohmann::json>> ParseYamlDocuments(std::string_view text);

// RFC 3339 times as the API uses them ("2026-01-01T12:00:00Z"; fractional
// seconds and offsets accepted on input).
absl::StatusOr<absl::Time> ParseTime(std::string_view text);
// Inside namespace horizon::kube an unqualified FormatTime(t) also finds
// absl::FormatTime(absl::Time) by argument-dependent lookup and is ambiguous:
// write kube::FormatTime(t).
std::string FormatTime(absl::Time t);       // seconds precision, UTC, "Z"
std::string FormatMicroTime(absl::Time t);  // "2026-01-01T12:00:00.000000Z"

// Decoders. `path` is the location of `j` in the enclosing document, used as
// the prefix of error messages ("" at the root). `j` must be an object (a JSON
// string or number for Quantity); `*out` is reset first, and a null member is
// the same as an absent one. A quantity given as a JSON number is read through
// a double, so it keeps at most 17 significant digits and loses exponent
// notation; strings are exact.
absl::Status FromJson(const nlohmann::json& j, Quantity* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, ObjectMeta* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, ListMeta* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, Status* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, LabelSelectorSpec* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, MetricSpec* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, MetricStatus* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscalerBehavior* out,
                      std::string_view path = "", const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscalerCondition* out,
                      std::string_view path = "", const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscaler* out,
                      std::string_view path = "", const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, Pod* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, Scale* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, Lease* out, std::string_view path = "",
                      const DecodeOptions& options = {});
absl::Status FromJson(const nlohmann::json& j, Event* out, std::string_view path = "",
                      const DecodeOptions& options = {});

// Encoders.
nlohmann::json ToJson(const Quantity& q);  // canonical string
nlohmann::json ToJson(const ObjectMeta& m);
nlohmann::json ToJson(const ListMeta& m);
nlohmann::json ToJson(const Status& s);
nlohmann::json ToJson(const LabelSelectorSpec& s);
nlohmann::json ToJson(const MetricSpec& m);
nlohmann::json ToJson(const MetricStatus& m);
nlohmann::json ToJson(const HorizontalPodAutoscalerBehavior& b);
nlohmann::json ToJson(const HorizontalPodAutoscalerCondition& c);
nlohmann::json ToJson(const HorizontalPodAutoscaler& hpa);
nlohmann::json ToJson(const Pod& pod);
nlohmann::json ToJson(const Scale& scale);
nlohmann::json ToJson(const Lease& lease);
nlohmann::json ToJson(const Event& event);

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_JSON_H_
