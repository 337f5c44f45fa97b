// Building blocks shared by the JSON codec sources (json*.cc); not part of the
// public interface.
//
// Path is the location of the value being decoded, kept as a chain of stack
// frames and rendered to text only when an error names it, so that decoding a
// valid document never builds path strings. Decode() overloads read one value
// each: JSON null means "absent" and leaves the output at its default (or
// resets an optional), anything of the wrong type is an InvalidArgument naming
// the path and the offending value. DecodeFields() walks an object, handing
// each key to a per-type callback and collecting the keys it does not know.
#ifndef HORIZON_KUBE_JSON_INTERNAL_H_
#define HORIZON_KUBE_JSON_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "kube/event.h"
#include "kube/hpa.h"
#include "kube/json.h"
#include "kube/label_selector.h"
#include "kube/lease.h"
#include "kube/meta.h"
#include "kube/pod.h"
#include "kube/quantity.h"
#include "kube/scale.h"
#include "nlohmann/json.hpp"

namespace horizon::kube::json_internal {

using nlohmann::json;

// A location in a document: the root prefix, then object fields (".name"),
// array indices ("[3]") and map keys ("[app]"). Each Path refers to its parent,
// so a child must not outlive the Path it was made from; decoders only create
// children as temporaries or locals of the frame that owns the parent.
class Path {
 public:
  explicit Path(std::string_view root) : name_(root) {}

  Path Field(std::string_view name) const { return Path(this, Kind::kField, name, 0); }
  Path Index(size_t index) const { return Path(this, Kind::kIndex, {}, index); }
  Path Key(std::string_view key) const { return Path(this, Kind::kKey, key, 0); }

  // "hpa.spec.metrics[1].resource.target.averageUtilization".
  std::string ToString() const;

 private:
  enum class Kind { kRoot, kField, kIndex, kKey };
  Path(const Path* parent, Kind kind, std::string_view name, size_t index)
      : parent_(parent), kind_(kind), name_(name), index_(index) {}
  void AppendTo(std::string* out) const;

  const Path* parent_ = nullptr;
  Kind kind_ = Kind::kRoot;
  std::string_view name_;
  size_t index_ = 0;
};

// A short rendering of `value` for error messages: scalars as JSON text
// (strings quoted, long ones cut with "..."), containers as {}, [], {...} or
// [...].
std::string Describe(const json& value);

// `<path>: expected <what>, got <value>`.
absl::Status TypeError(const Path& path, std::string_view what, const json& value);
// `<path>: <message>`.
absl::Status FieldError(const Path& path, std::string_view message);

// Scalars. JSON null leaves the output untouched.
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, std::string* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, int32_t* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, int64_t* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Quantity* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, absl::Time* out);

// String-keyed maps (labels, annotations, resource lists).
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    std::map<std::string, std::string>* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ResourceList* out);

// Objects, one overload per API struct (defined in json_meta.cc, json_hpa.cc
// and json_core.cc). All are declared here so that the templates below find
// them by ordinary lookup.
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMeta* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ListMeta* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, StatusCause* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Status::Details* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Status* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectReference* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    LabelSelectorRequirement* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, LabelSelectorSpec* out);

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    CrossVersionObjectReference* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricTarget* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricIdentifier* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceMetricSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ContainerResourceMetricSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodsMetricSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMetricSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ExternalMetricSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricSpec* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, HPAScalingPolicy* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, HPAScalingRules* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerBehavior* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerSpec* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricValueStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceMetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ContainerResourceMetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodsMetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ExternalMetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerCondition* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscaler* out);

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceRequirements* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Container* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodCondition* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodSpec* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodStatus* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Pod* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Scale* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, LeaseSpec* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Lease* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, EventSource* out);
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Event* out);

// An optional field: null resets it, anything else is decoded into a fresh
// value (so `[]` gives an engaged empty vector, distinct from absent).
template <typename T>
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, std::optional<T>* out) {
  if (v.is_null()) {
    out->reset();
    return absl::OkStatus();
  }
  T value{};
  RETURN_IF_ERROR(Decode(v, p, o, &value));
  *out = std::move(value);
  return absl::OkStatus();
}

// A list; null gives an empty one.
template <typename T>
absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, std::vector<T>* out) {
  out->clear();
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_array()) return TypeError(p, "an array", v);
  out->resize(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    RETURN_IF_ERROR(Decode(v[i], p.Index(i), o, &(*out)[i]));
  }
  return absl::OkStatus();
}

// Walks the members of the object `v` at `path`. For each member,
// `field(key, value, field_path, &known)` decodes it or sets `known` to false.
// Unknown members are ignored unless options.reject_unknown_fields, in which
// case every one of them is reported (`path.key: unknown field`, joined by
// "; "). A null `v` is an absent object and decodes to nothing.
template <typename FieldFn>
absl::Status DecodeFields(const json& v, const Path& path, const DecodeOptions& options,
                          FieldFn&& field) {
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_object()) return TypeError(path, "an object", v);
  std::vector<std::string> unknown;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& key = it.key();
    const Path field_path = path.Field(key);
    bool known = true;
    RETURN_IF_ERROR(field(std::string_view(key), it.value(), field_path, &known));
    if (!known && options.reject_unknown_fields) {
      unknown.push_back(absl::StrCat(field_path.ToString(), ": unknown field"));
    }
  }
  if (!unknown.empty()) return absl::InvalidArgumentError(absl::StrJoin(unknown, "; "));
  return absl::OkStatus();
}

// For DecodeFields callbacks: `key` is not a field of this type.
inline absl::Status UnknownField(bool* known) {
  *known = false;
  return absl::OkStatus();
}

// Entry points of the public FromJson overloads: the root must be an object
// (a missing document is an error there, unlike a missing nested field), and
// `*out` starts from its default value.
template <typename T>
absl::Status DecodeRoot(const json& j, std::string_view path, const DecodeOptions& options,
                        T* out) {
  const Path root(path);
  if (!j.is_object()) return TypeError(root, "an object", j);
  *out = T{};
  return Decode(j, root, options, out);
}

// Encoding helpers: each writes `key` only when the API would (omitempty).
inline void PutString(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}
inline void PutInt(json& j, const char* key, int64_t value) {
  if (value != 0) j[key] = value;
}
template <typename T>
void PutOptional(json& j, const char* key, const std::optional<T>& value) {
  if (value.has_value()) j[key] = *value;
}
void PutQuantity(json& j, const char* key, const std::optional<Quantity>& value);
void PutTime(json& j, const char* key, const std::optional<absl::Time>& value);
void PutMicroTime(json& j, const char* key, const std::optional<absl::Time>& value);
void PutStringMap(json& j, const char* key, const std::map<std::string, std::string>& value);
json EncodeResourceList(const ResourceList& list);
json EncodeObjectReference(const ObjectReference& ref);

}  // namespace horizon::kube::json_internal

#endif  // HORIZON_KUBE_JSON_INTERNAL_H_
