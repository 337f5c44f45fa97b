#include "hpa/scenario_codec.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "kube/hpa_defaults.h"
#include "kube/json.h"

namespace horizon::hpa {
namespace {

using nlohmann::json;

// Scenario files are test and what-if inputs: a misspelt key must fail loudly.
const kube::DecodeOptions kStrict{/*reject_unknown_fields=*/true};

absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// A short rendering of a value for error messages.
std::string Show(const json& j) {
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr size_t kMaxShown = 80;
  if (text.size() > kMaxShown) text = absl::StrCat(text.substr(0, kMaxShown), "...");
  return text;
}

std::string Field(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return absl::StrCat(AV(path), ".", AV(key));
}

std::string Index(std::string_view path, size_t i) { return absl::StrCat(AV(path), "[", i, "]"); }

absl::Status Error(std::string_view path, std::string_view message) {
  if (path.empty()) return absl::InvalidArgumentError(std::string(message));
  return absl::InvalidArgumentError(absl::StrCat(AV(path), ": ", AV(message)));
}

absl::Status TypeError(std::string_view path, std::string_view expected, const json& got) {
  return Error(path, absl::StrCat("expected ", AV(expected), ", got ", Show(got)));
}

// One JSON object being decoded: it has been checked for unknown keys and
// hands out its members with their paths. JSON null counts as absent, as it
// does for the API types.
class Fields {
 public:
  static absl::StatusOr<Fields> Of(const json& j, std::string path,
                                   std::initializer_list<std::string_view> known) {
    if (!j.is_object()) return TypeError(path, "an object", j);
    std::vector<std::string> unknown;
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool found = false;
      for (std::string_view k : known) found = found || k == it.key();
      if (!found) unknown.push_back(absl::StrCat(Field(path, it.key()), ": unknown field"));
    }
    if (!unknown.empty()) return absl::InvalidArgumentError(absl::StrJoin(unknown, "; "));
    return Fields(&j, std::move(path));
  }

  // The member `key`, or nullptr when it is absent or null.
  const json* Get(std::string_view key) const {
    auto it = j_->find(std::string(key));
    if (it == j_->end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string Path(std::string_view key) const { return Field(path_, key); }

  // Decodes member `key` with `read` when it is present; leaves `out` alone otherwise.
  template <typename T>
  absl::Status Read(std::string_view key, absl::Status (*read)(const json&, const std::string&, T*),
                    T* out) const {
    const json* v = Get(key);
    if (v == nullptr) return absl::OkStatus();
    return read(*v, Path(key), out);
  }

  template <typename T>
  absl::Status ReadOptional(std::string_view key,
                            absl::Status (*read)(const json&, const std::string&, T*),
                            std::optional<T>* out) const {
    const json* v = Get(key);
    if (v == nullptr) return absl::OkStatus();
    T value{};
    RETURN_IF_ERROR(read(*v, Path(key), &value));
    *out = std::move(value);
    return absl::OkStatus();
  }

  template <typename T>
  absl::Status Require(std::string_view key,
                       absl::Status (*read)(const json&, const std::string&, T*), T* out) const {
    const json* v = Get(key);
    if (v == nullptr) return Error(Path(key), "required");
    return read(*v, Path(key), out);
  }

 private:
  Fields(const json* j, std::string path) : j_(j), path_(std::move(path)) {}

  const json* j_;
  std::string path_;
};

// Calls `each(element, element_path)` for every element of the array `j`.
template <typename Fn>
absl::Status ForEach(const json& j, const std::string& path, Fn&& each) {
  if (!j.is_array()) return TypeError(path, "an array", j);
  for (size_t i = 0; i < j.size(); ++i) RETURN_IF_ERROR(each(j[i], Index(path, i)));
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Scalar readers.

absl::Status ReadString(const json& j, const std::string& path, std::string* out) {
  if (!j.is_string()) return TypeError(path, "a string", j);
  *out = j.get_ref<const std::string&>();
  return absl::OkStatus();
}

absl::Status ReadBool(const json& j, const std::string& path, bool* out) {
  if (!j.is_boolean()) return TypeError(path, "true or false", j);
  *out = j.get<bool>();
  return absl::OkStatus();
}

absl::Status ReadInt32(const json& j, const std::string& path, int32_t* out) {
  if (j.is_number_unsigned()) {
    const uint64_t v = j.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
      return TypeError(path, "a 32-bit integer", j);
    }
    *out = static_cast<int32_t>(v);
    return absl::OkStatus();
  }
  if (j.is_number_integer()) {
    const int64_t v = j.get<int64_t>();
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
      return TypeError(path, "a 32-bit integer", j);
    }
    *out = static_cast<int32_t>(v);
    return absl::OkStatus();
  }
  return TypeError(path, "an integer", j);
}

absl::Status ReadNonNegativeInt32(const json& j, const std::string& path, int32_t* out) {
  RETURN_IF_ERROR(ReadInt32(j, path, out));
  if (*out < 0) return Error(path, absl::StrCat("must not be negative, got ", *out));
  return absl::OkStatus();
}

absl::Status ReadNonNegativeNumber(const json& j, const std::string& path, double* out) {
  if (!j.is_number()) return TypeError(path, "a number", j);
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < 0)
    return Error(path, absl::StrCat("must not be negative, got ", Show(j)));
  *out = v;
  return absl::OkStatus();
}

absl::Status ReadTime(const json& j, const std::string& path, absl::Time* out) {
  if (!j.is_string()) return TypeError(path, "an RFC 3339 time", j);
  absl::StatusOr<absl::Time> t = kube::ParseTime(j.get_ref<const std::string&>());
  if (!t.ok()) return TypeError(path, "an RFC 3339 time", j);
  *out = *t;
  return absl::OkStatus();
}

absl::Status ReadDuration(const json& j, const std::string& path, absl::Duration* out) {
  if (!j.is_string()) return TypeError(path, "a duration like \"30s\"", j);
  absl::StatusOr<absl::Duration> d = ParseGoDuration(j.get_ref<const std::string&>());
  if (!d.ok()) return TypeError(path, "a duration like \"30s\"", j);
  if (*d < absl::ZeroDuration())
    return Error(path, absl::StrCat("must not be negative, got ", Show(j)));
  *out = *d;
  return absl::OkStatus();
}

absl::Status ReadQuantity(const json& j, const std::string& path, kube::Quantity* out) {
  return kube::FromJson(j, out, path, kStrict);
}

absl::Status ReadResourceList(const json& j, const std::string& path, kube::ResourceList* out) {
  if (!j.is_object()) return TypeError(path, "an object of resource quantities", j);
  out->clear();
  for (auto it = j.begin(); it != j.end(); ++it) {
    kube::Quantity q;
    RETURN_IF_ERROR(ReadQuantity(it.value(), Field(path, it.key()), &q));
    (*out)[it.key()] = q;
  }
  return absl::OkStatus();
}

absl::Status ReadStringMap(const json& j, const std::string& path,
                           std::map<std::string, std::string>* out) {
  if (!j.is_object()) return TypeError(path, "an object of strings", j);
  out->clear();
  for (auto it = j.begin(); it != j.end(); ++it) {
    RETURN_IF_ERROR(ReadString(it.value(), Field(path, it.key()), &(*out)[it.key()]));
  }
  return absl::OkStatus();
}

absl::Status ReadSelectorSpec(const json& j, const std::string& path,
                              kube::LabelSelectorSpec* out) {
  if (!j.is_object()) return TypeError(path, "a label selector object", j);
  return kube::FromJson(j, out, path, kStrict);
}

absl::Status ReadObjectReference(const json& j, const std::string& path,
                                 kube::CrossVersionObjectReference* out) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, path, {"apiVersion", "kind", "name"}));
  RETURN_IF_ERROR(f.Read("apiVersion", ReadString, &out->api_version));
  RETURN_IF_ERROR(f.Read("kind", ReadString, &out->kind));
  return f.Read("name", ReadString, &out->name);
}

// ---------------------------------------------------------------------------
// Sections.

absl::Status DecodeScale(const json& j, const std::string& path, ScaleState* out) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, path,
                                        {"replicas", "statusReplicas", "selector", "getError",
                                         "updateError", "updateConflictsBeforeSuccess"}));
  RETURN_IF_ERROR(f.Read("replicas", ReadNonNegativeInt32, &out->replicas));
  // status.replicas follows spec.replicas unless the file says otherwise (a
  // rollout in progress).
  out->status_replicas = out->replicas;
  RETURN_IF_ERROR(f.Read("statusReplicas", ReadNonNegativeInt32, &out->status_replicas));
  RETURN_IF_ERROR(f.Read("selector", ReadString, &out->selector));
  RETURN_IF_ERROR(f.ReadOptional("getError", ReadString, &out->get_error));
  RETURN_IF_ERROR(f.ReadOptional("updateError", ReadString, &out->update_error));
  return f.Read("updateConflictsBeforeSuccess", ReadNonNegativeInt32,
                &out->update_conflicts_before_success);
}

absl::Status DecodeContainer(const json& j, const std::string& path, bool init,
                             kube::Container* out) {
  ASSIGN_OR_RETURN(Fields f, init ? Fields::Of(j, path, {"name", "restartPolicy", "requests"})
                                  : Fields::Of(j, path, {"name", "requests"}));
  RETURN_IF_ERROR(f.Read("name", ReadString, &out->name));
  RETURN_IF_ERROR(f.Read("requests", ReadResourceList, &out->resources.requests));
  if (init) {
    RETURN_IF_ERROR(f.ReadOptional("restartPolicy", ReadString, &out->restart_policy));
    // The API accepts only "Always" here (a sidecar); anything else would be
    // a scenario that no cluster can produce.
    if (out->restart_policy.has_value() && *out->restart_policy != "Always") {
      return TypeError(f.Path("restartPolicy"), "\"Always\"", *f.Get("restartPolicy"));
    }
  }
  return absl::OkStatus();
}

absl::Status DecodePod(const json& j, const std::string& path, const std::string& namespace_,
                       kube::Pod* out) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, path,
                                        {"name", "phase", "ready", "readyTransitionTime",
                                         "startTime", "deletionTimestamp", "labels", "containers",
                                         "initContainers", "resources"}));
  out->metadata.namespace_ = namespace_;
  RETURN_IF_ERROR(f.Read("name", ReadString, &out->metadata.name));
  RETURN_IF_ERROR(f.Read("phase", ReadString, &out->status.phase));
  if (const json* phase = f.Get("phase")) {
    static const std::set<std::string> kPhases = {"Pending", "Running", "Succeeded", "Failed",
                                                  "Unknown"};
    if (kPhases.count(out->status.phase) == 0) {
      return TypeError(f.Path("phase"), "Pending, Running, Succeeded, Failed or Unknown", *phase);
    }
  }
  if (const json* ready = f.Get("ready")) {
    kube::PodCondition condition;
    condition.type = "Ready";
    // YAML 1.2 reads an unquoted True as a boolean; it means the same.
    if (ready->is_boolean()) {
      condition.status = ready->get<bool>() ? "True" : "False";
    } else if (ready->is_string() &&
               (*ready == "True" || *ready == "False" || *ready == "Unknown")) {
      condition.status = ready->get<std::string>();
    } else {
      return TypeError(f.Path("ready"), "\"True\", \"False\" or \"Unknown\"", *ready);
    }
    RETURN_IF_ERROR(
        f.ReadOptional("readyTransitionTime", ReadTime, &condition.last_transition_time));
    out->status.conditions.push_back(std::move(condition));
  } else if (f.Get("readyTransitionTime") != nullptr) {
    return Error(f.Path("readyTransitionTime"), "set without ready");
  }
  RETURN_IF_ERROR(f.ReadOptional("startTime", ReadTime, &out->status.start_time));
  RETURN_IF_ERROR(f.ReadOptional("deletionTimestamp", ReadTime, &out->metadata.deletion_timestamp));
  RETURN_IF_ERROR(f.Read("labels", ReadStringMap, &out->metadata.labels));
  if (const json* containers = f.Get("containers")) {
    RETURN_IF_ERROR(
        ForEach(*containers, f.Path("containers"), [&](const json& c, const std::string& p) {
          out->spec.containers.emplace_back();
          return DecodeContainer(c, p, false, &out->spec.containers.back());
        }));
  }
  if (const json* containers = f.Get("initContainers")) {
    RETURN_IF_ERROR(
        ForEach(*containers, f.Path("initContainers"), [&](const json& c, const std::string& p) {
          out->spec.init_containers.emplace_back();
          return DecodeContainer(c, p, true, &out->spec.init_containers.back());
        }));
  }
  if (const json* resources = f.Get("resources")) {
    ASSIGN_OR_RETURN(Fields r, Fields::Of(*resources, f.Path("resources"), {"requests"}));
    kube::ResourceRequirements requirements;
    RETURN_IF_ERROR(r.Read("requests", ReadResourceList, &requirements.requests));
    out->spec.resources = std::move(requirements);
  }
  return absl::OkStatus();
}

absl::Status DecodeMetrics(const json& j, const std::string& path, absl::Time now,
                           MetricsSnapshot* out) {
  ASSIGN_OR_RETURN(Fields f,
                   Fields::Of(j, path, {"resource", "pods", "object", "external", "errors"}));
  // A sample without a timestamp was taken at the evaluation time.
  if (const json* list = f.Get("resource")) {
    RETURN_IF_ERROR(ForEach(*list, f.Path("resource"), [&](const json& e, const std::string& p) {
      ASSIGN_OR_RETURN(Fields m, Fields::Of(e, p, {"pod", "timestamp", "window", "containers"}));
      PodResourceMetrics metrics;
      metrics.timestamp = now;
      RETURN_IF_ERROR(m.Read("pod", ReadString, &metrics.pod));
      RETURN_IF_ERROR(m.Read("timestamp", ReadTime, &metrics.timestamp));
      RETURN_IF_ERROR(m.Read("window", ReadDuration, &metrics.window));
      if (const json* containers = m.Get("containers")) {
        RETURN_IF_ERROR(
            ForEach(*containers, m.Path("containers"), [&](const json& c, const std::string& cp) {
              ASSIGN_OR_RETURN(Fields cf, Fields::Of(c, cp, {"name", "usage"}));
              ContainerUsage usage;
              RETURN_IF_ERROR(cf.Read("name", ReadString, &usage.name));
              RETURN_IF_ERROR(cf.Read("usage", ReadResourceList, &usage.usage));
              metrics.containers.push_back(std::move(usage));
              return absl::OkStatus();
            }));
      }
      out->resource.push_back(std::move(metrics));
      return absl::OkStatus();
    }));
  }
  if (const json* list = f.Get("pods")) {
    RETURN_IF_ERROR(ForEach(*list, f.Path("pods"), [&](const json& e, const std::string& p) {
      ASSIGN_OR_RETURN(Fields m,
                       Fields::Of(e, p, {"metric", "pod", "value", "timestamp", "window"}));
      PodMetricValue value;
      value.timestamp = now;
      RETURN_IF_ERROR(m.Read("metric", ReadString, &value.metric));
      RETURN_IF_ERROR(m.Read("pod", ReadString, &value.pod));
      RETURN_IF_ERROR(m.Require("value", ReadQuantity, &value.value));
      RETURN_IF_ERROR(m.Read("timestamp", ReadTime, &value.timestamp));
      RETURN_IF_ERROR(m.Read("window", ReadDuration, &value.window));
      out->pods.push_back(std::move(value));
      return absl::OkStatus();
    }));
  }
  if (const json* list = f.Get("object")) {
    RETURN_IF_ERROR(ForEach(*list, f.Path("object"), [&](const json& e, const std::string& p) {
      ASSIGN_OR_RETURN(
          Fields m,
          Fields::Of(e, p, {"metric", "describedObject", "value", "timestamp", "selector"}));
      ObjectMetricValue value;
      value.timestamp = now;
      RETURN_IF_ERROR(m.Read("metric", ReadString, &value.metric));
      RETURN_IF_ERROR(m.Read("describedObject", ReadObjectReference, &value.described_object));
      RETURN_IF_ERROR(m.Require("value", ReadQuantity, &value.value));
      RETURN_IF_ERROR(m.Read("timestamp", ReadTime, &value.timestamp));
      RETURN_IF_ERROR(m.ReadOptional("selector", ReadSelectorSpec, &value.selector));
      out->object.push_back(std::move(value));
      return absl::OkStatus();
    }));
  }
  if (const json* list = f.Get("external")) {
    RETURN_IF_ERROR(ForEach(*list, f.Path("external"), [&](const json& e, const std::string& p) {
      ASSIGN_OR_RETURN(Fields m, Fields::Of(e, p, {"metric", "selector", "values", "timestamp"}));
      ExternalMetricValues values;
      values.timestamp = now;
      RETURN_IF_ERROR(m.Read("metric", ReadString, &values.metric));
      RETURN_IF_ERROR(m.ReadOptional("selector", ReadSelectorSpec, &values.selector));
      if (const json* v = m.Get("values")) {
        RETURN_IF_ERROR(ForEach(*v, m.Path("values"), [&](const json& q, const std::string& qp) {
          values.values.emplace_back();
          return ReadQuantity(q, qp, &values.values.back());
        }));
      }
      RETURN_IF_ERROR(m.Read("timestamp", ReadTime, &values.timestamp));
      out->external.push_back(std::move(values));
      return absl::OkStatus();
    }));
  }
  if (const json* errors = f.Get("errors")) {
    ASSIGN_OR_RETURN(Fields e, Fields::Of(*errors, f.Path("errors"),
                                          {"resource", "pods", "object", "external"}));
    RETURN_IF_ERROR(e.ReadOptional("resource", ReadString, &out->resource_error));
    RETURN_IF_ERROR(e.ReadOptional("pods", ReadString, &out->pods_error));
    RETURN_IF_ERROR(e.ReadOptional("object", ReadString, &out->object_error));
    RETURN_IF_ERROR(e.ReadOptional("external", ReadString, &out->external_error));
  }
  return absl::OkStatus();
}

absl::Status DecodeHistory(const json& j, const std::string& path, History* out,
                           std::optional<absl::Time>* last_scale_time) {
  ASSIGN_OR_RETURN(Fields f,
                   Fields::Of(j, path, {"recommendations", "scaleEvents", "lastScaleTime"}));
  // Absent and [] differ: absent is a controller that has never seen this HPA.
  if (const json* list = f.Get("recommendations")) {
    out->recommendations.emplace();
    RETURN_IF_ERROR(
        ForEach(*list, f.Path("recommendations"), [&](const json& e, const std::string& p) {
          ASSIGN_OR_RETURN(Fields r, Fields::Of(e, p, {"time", "replicas"}));
          TimestampedRecommendation rec;
          RETURN_IF_ERROR(r.Require("time", ReadTime, &rec.time));
          RETURN_IF_ERROR(r.Require("replicas", ReadNonNegativeInt32, &rec.replicas));
          out->recommendations->push_back(rec);
          return absl::OkStatus();
        }));
  }
  if (const json* list = f.Get("scaleEvents")) {
    RETURN_IF_ERROR(ForEach(*list, f.Path("scaleEvents"), [&](const json& e, const std::string& p) {
      ASSIGN_OR_RETURN(Fields r, Fields::Of(e, p, {"time", "replicaChange"}));
      ScaleEvent event;
      RETURN_IF_ERROR(r.Require("time", ReadTime, &event.time));
      RETURN_IF_ERROR(r.Require("replicaChange", ReadInt32, &event.replica_change));
      out->scale_events.push_back(event);
      return absl::OkStatus();
    }));
  }
  return f.ReadOptional("lastScaleTime", ReadTime, last_scale_time);
}

struct GateField {
  const char* name;
  bool FeatureGates::*member;
};
constexpr GateField kGates[] = {
    {"HPAScaleToZero", &FeatureGates::hpa_scale_to_zero},
    {"HPAConfigurableTolerance", &FeatureGates::hpa_configurable_tolerance},
    {"HPAGeneration", &FeatureGates::hpa_generation},
    {"PodLevelResources", &FeatureGates::pod_level_resources},
    {"HPAConfigurableSyncPeriod", &FeatureGates::hpa_configurable_sync_period},
};

struct DurationField {
  const char* name;
  absl::Duration ControllerConfig::*member;
};
constexpr DurationField kDurations[] = {
    {"cpuInitializationPeriod", &ControllerConfig::cpu_initialization_period},
    {"initialReadinessDelay", &ControllerConfig::initial_readiness_delay},
    {"downscaleStabilizationWindow", &ControllerConfig::downscale_stabilization_window},
    {"syncPeriod", &ControllerConfig::sync_period},
};

absl::Status DecodeController(const json& j, const std::string& path, ControllerConfig* out) {
  ASSIGN_OR_RETURN(Fields f,
                   Fields::Of(j, path,
                              {"tolerance", "cpuInitializationPeriod", "initialReadinessDelay",
                               "downscaleStabilizationWindow", "syncPeriod", "scaleUpLimitFactor",
                               "scaleUpLimitMinimum", "featureGates"}));
  RETURN_IF_ERROR(f.Read("tolerance", ReadNonNegativeNumber, &out->tolerance));
  for (const DurationField& d : kDurations) {
    RETURN_IF_ERROR(f.Read(d.name, ReadDuration, &(out->*d.member)));
  }
  RETURN_IF_ERROR(f.Read("scaleUpLimitFactor", ReadNonNegativeNumber, &out->scale_up_limit_factor));
  RETURN_IF_ERROR(
      f.Read("scaleUpLimitMinimum", ReadNonNegativeNumber, &out->scale_up_limit_minimum));
  if (const json* gates = f.Get("featureGates")) {
    ASSIGN_OR_RETURN(Fields g,
                     Fields::Of(*gates, f.Path("featureGates"),
                                {"HPAScaleToZero", "HPAConfigurableTolerance", "HPAGeneration",
                                 "PodLevelResources", "HPAConfigurableSyncPeriod"}));
    for (const GateField& gate : kGates) {
      RETURN_IF_ERROR(g.Read(gate.name, ReadBool, &(out->feature_gates.*gate.member)));
    }
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Encoding.

// RFC 3339 in UTC, with fractional seconds only when there are any, so that
// whole-second times read like the API's and finer ones survive a round trip.
std::string EncodeTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

json EncodeResourceList(const kube::ResourceList& list) {
  json j = json::object();
  for (const auto& [name, quantity] : list) j[name] = kube::ToJson(quantity);
  return j;
}

json EncodePod(const kube::Pod& pod) {
  json j = json::object();
  j["name"] = pod.metadata.name;
  if (!pod.status.phase.empty()) j["phase"] = pod.status.phase;
  if (const kube::PodCondition* ready = pod.FindCondition("Ready")) {
    j["ready"] = ready->status;
    if (ready->last_transition_time.has_value()) {
      j["readyTransitionTime"] = EncodeTime(*ready->last_transition_time);
    }
  }
  if (pod.status.start_time.has_value()) j["startTime"] = EncodeTime(*pod.status.start_time);
  if (pod.metadata.deletion_timestamp.has_value()) {
    j["deletionTimestamp"] = EncodeTime(*pod.metadata.deletion_timestamp);
  }
  if (!pod.metadata.labels.empty()) j["labels"] = pod.metadata.labels;
  auto encode_containers = [](const std::vector<kube::Container>& containers) {
    json list = json::array();
    for (const kube::Container& c : containers) {
      json cj = json::object();
      cj["name"] = c.name;
      if (c.restart_policy.has_value()) cj["restartPolicy"] = *c.restart_policy;
      if (!c.resources.requests.empty()) cj["requests"] = EncodeResourceList(c.resources.requests);
      list.push_back(std::move(cj));
    }
    return list;
  };
  if (!pod.spec.containers.empty()) j["containers"] = encode_containers(pod.spec.containers);
  if (!pod.spec.init_containers.empty()) {
    j["initContainers"] = encode_containers(pod.spec.init_containers);
  }
  if (pod.spec.resources.has_value()) {
    j["resources"] = {{"requests", EncodeResourceList(pod.spec.resources->requests)}};
  }
  return j;
}

json EncodeObjectReference(const kube::CrossVersionObjectReference& ref) {
  return {{"apiVersion", ref.api_version}, {"kind", ref.kind}, {"name", ref.name}};
}

json EncodeMetrics(const MetricsSnapshot& m) {
  json j = json::object();
  if (!m.resource.empty()) {
    json list = json::array();
    for (const PodResourceMetrics& r : m.resource) {
      json containers = json::array();
      for (const ContainerUsage& c : r.containers) {
        containers.push_back({{"name", c.name}, {"usage", EncodeResourceList(c.usage)}});
      }
      list.push_back({{"pod", r.pod},
                      {"timestamp", EncodeTime(r.timestamp)},
                      {"window", FormatGoDuration(r.window)},
                      {"containers", std::move(containers)}});
    }
    j["resource"] = std::move(list);
  }
  if (!m.pods.empty()) {
    json list = json::array();
    for (const PodMetricValue& v : m.pods) {
      list.push_back({{"metric", v.metric},
                      {"pod", v.pod},
                      {"value", kube::ToJson(v.value)},
                      {"timestamp", EncodeTime(v.timestamp)},
                      {"window", FormatGoDuration(v.window)}});
    }
    j["pods"] = std::move(list);
  }
  if (!m.object.empty()) {
    json list = json::array();
    for (const ObjectMetricValue& v : m.object) {
      json e = {{"metric", v.metric},
                {"describedObject", EncodeObjectReference(v.described_object)},
                {"value", kube::ToJson(v.value)},
                {"timestamp", EncodeTime(v.timestamp)}};
      if (v.selector.has_value()) e["selector"] = kube::ToJson(*v.selector);
      list.push_back(std::move(e));
    }
    j["object"] = std::move(list);
  }
  if (!m.external.empty()) {
    json list = json::array();
    for (const ExternalMetricValues& v : m.external) {
      json values = json::array();
      for (const kube::Quantity& q : v.values) values.push_back(kube::ToJson(q));
      json e = {{"metric", v.metric},
                {"values", std::move(values)},
                {"timestamp", EncodeTime(v.timestamp)}};
      if (v.selector.has_value()) e["selector"] = kube::ToJson(*v.selector);
      list.push_back(std::move(e));
    }
    j["external"] = std::move(list);
  }
  json errors = json::object();
  if (m.resource_error.has_value()) errors["resource"] = *m.resource_error;
  if (m.pods_error.has_value()) errors["pods"] = *m.pods_error;
  if (m.object_error.has_value()) errors["object"] = *m.object_error;
  if (m.external_error.has_value()) errors["external"] = *m.external_error;
  if (!errors.empty()) j["errors"] = std::move(errors);
  return j;
}

json EncodeController(const ControllerConfig& c) {
  json j = json::object();
  j["tolerance"] = c.tolerance;
  for (const DurationField& d : kDurations) j[d.name] = FormatGoDuration(c.*d.member);
  j["scaleUpLimitFactor"] = c.scale_up_limit_factor;
  j["scaleUpLimitMinimum"] = c.scale_up_limit_minimum;
  json gates = json::object();
  for (const GateField& gate : kGates) gates[gate.name] = c.feature_gates.*gate.member;
  j["featureGates"] = std::move(gates);
  return j;
}

json NullOr(const std::optional<std::string>& s) { return s.has_value() ? json(*s) : json(); }

// Appends the decimal digits of the fraction v / 10^precision to `out`
// (trailing zeros dropped, no point when the fraction is zero) and returns
// the integer part, as Go's fmtFrac does.
uint64_t AppendGoFraction(uint64_t v, int precision, std::string* out) {
  std::string digits;
  bool printed = false;
  for (int i = 0; i < precision; ++i) {
    const uint64_t digit = v % 10;
    printed = printed || digit != 0;
    if (printed) digits.insert(digits.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (printed) *out = absl::StrCat(".", digits, *out);
  return v;
}

}  // namespace

// ---------------------------------------------------------------------------
// Public entry points.

std::string FormatGoDuration(absl::Duration d) {
  // Go's Duration is int64 nanoseconds; ToInt64Nanoseconds saturates the same way.
  const int64_t ns = absl::ToInt64Nanoseconds(d);
  if (ns == 0) return "0s";
  const bool negative = ns < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  std::string out;
  constexpr uint64_t kSecond = 1000000000;
  if (u < kSecond) {
    // Below one second Go switches to the largest sub-second unit.
    int precision = 0;
    std::string unit;
    if (u < 1000) {
      unit = "ns";
    } else if (u < 1000000) {
      precision = 3;
      unit = "\xC2\xB5s";  // "µs", as Go prints it
    } else {
      precision = 6;
      unit = "ms";
    }
    out = unit;
    u = AppendGoFraction(u, precision, &out);
    out = absl::StrCat(u, out);
  } else {
    out = "s";
    u = AppendGoFraction(u, 9, &out);
    out = absl::StrCat(u % 60, out);
    u /= 60;
    if (u > 0) {
      out = absl::StrCat(u % 60, "m", out);
      u /= 60;
      if (u > 0) out = absl::StrCat(u, "h", out);
    }
  }
  if (negative) out.insert(out.begin(), '-');
  return out;
}

absl::StatusOr<absl::Duration> ParseGoDuration(std::string_view text) {
  // abseil spells microseconds "us"; Go also accepts the micro sign and the
  // Greek mu.
  const std::string normalized =
      absl::StrReplaceAll(AV(text), {{"\xC2\xB5s", "us"}, {"\xCE\xBCs", "us"}});
  absl::Duration d;
  if (text.empty() || !absl::ParseDuration(normalized, &d) || d == absl::InfiniteDuration() ||
      d == -absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid duration \"", AV(text), "\""));
  }
  return d;
}

absl::StatusOr<ScenarioFile> DecodeScenario(const json& j, std::string_view path_view) {
  const std::string path(path_view);
  ASSIGN_OR_RETURN(Fields f,
                   Fields::Of(j, path,
                              {"name", "now", "hpa", "scale", "pods", "metrics", "otherHPAs",
                               "history", "controller", "expect", "note", "behaviorAsSubmitted"}));
  ScenarioFile out;
  out.raw = j;
  Scenario& s = out.scenario;
  RETURN_IF_ERROR(f.Read("name", ReadString, &s.name));
  RETURN_IF_ERROR(f.Require("now", ReadTime, &s.now));
  if (const json* hpa = f.Get("hpa")) {
    RETURN_IF_ERROR(kube::FromJson(*hpa, &s.hpa, f.Path("hpa"), kStrict));
  }
  // The file holds the object as submitted; the controller sees it defaulted.
  kube::SetDefaults(&s.hpa);
  RETURN_IF_ERROR(f.Read("scale", DecodeScale, &s.scale));
  if (const json* pods = f.Get("pods")) {
    std::set<std::string> names;
    RETURN_IF_ERROR(ForEach(*pods, f.Path("pods"), [&](const json& p, const std::string& pp) {
      kube::Pod pod;
      RETURN_IF_ERROR(DecodePod(p, pp, s.hpa.metadata.namespace_, &pod));
      // Metrics name their pod; two pods of one name would make that ambiguous.
      if (!names.insert(pod.metadata.name).second) {
        return Error(Field(pp, "name"),
                     absl::StrCat("duplicate pod name \"", pod.metadata.name, "\""));
      }
      s.pods.push_back(std::move(pod));
      return absl::OkStatus();
    }));
  }
  if (const json* metrics = f.Get("metrics")) {
    RETURN_IF_ERROR(DecodeMetrics(*metrics, f.Path("metrics"), s.now, &s.metrics));
  }
  if (const json* others = f.Get("otherHPAs")) {
    RETURN_IF_ERROR(
        ForEach(*others, f.Path("otherHPAs"), [&](const json& o, const std::string& op) {
          ASSIGN_OR_RETURN(Fields of, Fields::Of(o, op, {"namespace", "name", "selector"}));
          OtherHpa other;
          RETURN_IF_ERROR(of.Read("namespace", ReadString, &other.namespace_));
          RETURN_IF_ERROR(of.Read("name", ReadString, &other.name));
          RETURN_IF_ERROR(of.Read("selector", ReadString, &other.selector));
          s.other_hpas.push_back(std::move(other));
          return absl::OkStatus();
        }));
  }
  if (const json* history = f.Get("history")) {
    RETURN_IF_ERROR(DecodeHistory(*history, f.Path("history"), &s.history, &s.last_scale_time));
  }
  RETURN_IF_ERROR(f.Read("controller", DecodeController, &s.controller));
  if (const json* expect = f.Get("expect")) {
    if (!expect->is_object()) return TypeError(f.Path("expect"), "an object", *expect);
    out.expect = *expect;
  }
  return out;
}

absl::StatusOr<std::vector<ScenarioFile>> DecodeScenarios(std::string_view text,
                                                          std::string_view source_name) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  const bool is_json =
      first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
  ASSIGN_OR_RETURN(json root, is_json ? kube::ParseJson(text) : kube::ParseYaml(text));
  std::vector<ScenarioFile> out;
  if (root.is_object() && root.contains("scenarios")) {
    ASSIGN_OR_RETURN(Fields f, Fields::Of(root, "", {"scenarios"}));
    const json* list = f.Get("scenarios");
    if (list == nullptr) return Error("scenarios", "required");
    if (!list->is_array()) return TypeError("scenarios", "an array", *list);
    if (list->empty()) return Error("scenarios", "no scenarios in the list");
    for (size_t i = 0; i < list->size(); ++i) {
      ASSIGN_OR_RETURN(ScenarioFile file, DecodeScenario((*list)[i], Index("scenarios", i)));
      if (file.scenario.name.empty()) {
        file.scenario.name = absl::StrCat(AV(source_name), "[", i, "]");
      }
      out.push_back(std::move(file));
    }
    return out;
  }
  if (!root.is_object()) {
    return TypeError("", "a scenario object or {\"scenarios\": [...]}", root);
  }
  ASSIGN_OR_RETURN(ScenarioFile file, DecodeScenario(root, ""));
  if (file.scenario.name.empty()) file.scenario.name = std::string(source_name);
  out.push_back(std::move(file));
  return out;
}

json EncodeScenario(const Scenario& s) {
  json j = json::object();
  j["name"] = s.name;
  j["now"] = EncodeTime(s.now);
  j["hpa"] = kube::ToJson(s.hpa);

  json scale = {{"replicas", s.scale.replicas},
                {"statusReplicas", s.scale.status_replicas},
                {"selector", s.scale.selector}};
  if (s.scale.get_error.has_value()) scale["getError"] = *s.scale.get_error;
  if (s.scale.update_error.has_value()) scale["updateError"] = *s.scale.update_error;
  if (s.scale.update_conflicts_before_success != 0) {
    scale["updateConflictsBeforeSuccess"] = s.scale.update_conflicts_before_success;
  }
  j["scale"] = std::move(scale);

  json pods = json::array();
  for (const kube::Pod& pod : s.pods) pods.push_back(EncodePod(pod));
  j["pods"] = std::move(pods);

  json metrics = EncodeMetrics(s.metrics);
  if (!metrics.empty()) j["metrics"] = std::move(metrics);

  if (!s.other_hpas.empty()) {
    json others = json::array();
    for (const OtherHpa& o : s.other_hpas) {
      others.push_back({{"namespace", o.namespace_}, {"name", o.name}, {"selector", o.selector}});
    }
    j["otherHPAs"] = std::move(others);
  }

  json history = json::object();
  if (s.history.recommendations.has_value()) {
    json list = json::array();
    for (const TimestampedRecommendation& r : *s.history.recommendations) {
      list.push_back({{"time", EncodeTime(r.time)}, {"replicas", r.replicas}});
    }
    history["recommendations"] = std::move(list);
  }
  if (!s.history.scale_events.empty()) {
    json list = json::array();
    for (const ScaleEvent& e : s.history.scale_events) {
      list.push_back({{"time", EncodeTime(e.time)}, {"replicaChange", e.replica_change}});
    }
    history["scaleEvents"] = std::move(list);
  }
  if (s.last_scale_time.has_value()) history["lastScaleTime"] = EncodeTime(*s.last_scale_time);
  if (!history.empty()) j["history"] = std::move(history);

  j["controller"] = EncodeController(s.controller);
  return j;
}

json EncodeDecision(const Decision& d) {
  json j = json::object();
  j["name"] = d.name;
  j["desiredReplicas"] = d.desired_replicas;
  j["recommendation"] = d.recommendation.has_value() ? json(*d.recommendation) : json();

  json metrics = json::array();
  for (const kube::MetricStatus& m : d.current_metrics) metrics.push_back(kube::ToJson(m));
  j["currentMetrics"] = std::move(metrics);

  json conditions = json::array();
  for (const kube::HorizontalPodAutoscalerCondition& c : d.conditions) {
    conditions.push_back(
        {{"type", c.type}, {"status", c.status}, {"reason", c.reason}, {"message", c.message}});
  }
  j["conditions"] = std::move(conditions);
  j["error"] = NullOr(d.error);
  j["reconcileError"] = NullOr(d.reconcile_error);

  json events = json::array();
  for (const EventRecord& e : d.events) {
    events.push_back({{"type", e.type}, {"reason", e.reason}, {"message", e.message}});
  }
  j["events"] = std::move(events);

  j["scaleWrite"] = {{"attempted", d.scale_write.attempted},
                     {"replicas", d.scale_write.replicas},
                     {"succeeded", d.scale_write.succeeded},
                     {"conflicts", d.scale_write.conflicts}};
  j["statusUpdated"] = d.status_updated;
  j["requeueAfter"] = FormatGoDuration(d.requeue_after);
  j["behavior"] = d.behavior.has_value() ? kube::ToJson(*d.behavior) : json();

  json explained = json::array();
  for (const MetricExplanation& m : d.explanation.metrics) {
    json e = json::object();
    e["type"] = m.type;
    e["name"] = m.name;
    if (m.pod_groups.has_value()) {
      e["podGroups"] = {{"readyCount", m.pod_groups->ready_count},
                        {"unready", m.pod_groups->unready},
                        {"missing", m.pod_groups->missing},
                        {"ignored", m.pod_groups->ignored}};
    } else {
      e["podGroups"] = nullptr;
    }
    json requests = json::object();
    for (const auto& [pod, milli] : m.pod_requests_milli) requests[pod] = milli;
    e["podRequests"] = std::move(requests);
    e["usage"] = m.usage;
    e["target"] = m.target;
    e["ratio"] = m.ratio.has_value() ? json(*m.ratio) : json();
    e["proposal"] = m.proposal.has_value() ? json(*m.proposal) : json();
    e["error"] = m.error.empty() ? json() : json(m.error);
    explained.push_back(std::move(e));
  }
  json stages = json::array();
  for (const Stage& s : d.explanation.stages) {
    stages.push_back({{"stage", s.stage},
                      {"from", s.from},
                      {"to", s.to},
                      {"reason", s.reason},
                      {"text", s.text}});
  }
  j["explanation"] = {{"metrics", std::move(explained)}, {"stages", std::move(stages)}};
  return j;
}

}  // namespace horizon::hpa
