// Codecs for autoscaling/v2 HorizontalPodAutoscaler and its parts.
#include <string>
#include <string_view>
#include <utility>

#include "kube/json.h"
#include "kube/json_internal.h"

namespace horizon::kube {
namespace json_internal {

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    CrossVersionObjectReference* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricTarget* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "value") return Decode(value, fp, o, &out->value);
        if (key == "averageValue") return Decode(value, fp, o, &out->average_value);
        if (key == "averageUtilization") return Decode(value, fp, o, &out->average_utilization);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricIdentifier* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "selector") return Decode(value, fp, o, &out->selector);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceMetricSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "target") return Decode(value, fp, o, &out->target);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ContainerResourceMetricSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "container") return Decode(value, fp, o, &out->container);
        if (key == "target") return Decode(value, fp, o, &out->target);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodsMetricSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "target") return Decode(value, fp, o, &out->target);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMetricSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "describedObject") return Decode(value, fp, o, &out->described_object);
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "target") return Decode(value, fp, o, &out->target);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ExternalMetricSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "target") return Decode(value, fp, o, &out->target);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricSpec* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "resource") return Decode(value, fp, o, &out->resource);
        if (key == "pods") return Decode(value, fp, o, &out->pods);
        if (key == "object") return Decode(value, fp, o, &out->object);
        if (key == "external") return Decode(value, fp, o, &out->external);
        if (key == "containerResource") return Decode(value, fp, o, &out->container_resource);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, HPAScalingPolicy* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "value") return Decode(value, fp, o, &out->value);
        if (key == "periodSeconds") return Decode(value, fp, o, &out->period_seconds);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, HPAScalingRules* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "stabilizationWindowSeconds") {
          return Decode(value, fp, o, &out->stabilization_window_seconds);
        }
        if (key == "selectPolicy") return Decode(value, fp, o, &out->select_policy);
        if (key == "policies") return Decode(value, fp, o, &out->policies);
        if (key == "tolerance") return Decode(value, fp, o, &out->tolerance);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerBehavior* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "scaleUp") return Decode(value, fp, o, &out->scale_up);
        if (key == "scaleDown") return Decode(value, fp, o, &out->scale_down);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerSpec* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "scaleTargetRef") return Decode(value, fp, o, &out->scale_target_ref);
        if (key == "minReplicas") return Decode(value, fp, o, &out->min_replicas);
        if (key == "maxReplicas") return Decode(value, fp, o, &out->max_replicas);
        if (key == "metrics") return Decode(value, fp, o, &out->metrics);
        if (key == "behavior") return Decode(value, fp, o, &out->behavior);
        if (key == "syncPeriodSeconds") return Decode(value, fp, o, &out->sync_period_seconds);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricValueStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "value") return Decode(value, fp, o, &out->value);
        if (key == "averageValue") return Decode(value, fp, o, &out->average_value);
        if (key == "averageUtilization") return Decode(value, fp, o, &out->average_utilization);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceMetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "current") return Decode(value, fp, o, &out->current);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ContainerResourceMetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "container") return Decode(value, fp, o, &out->container);
        if (key == "current") return Decode(value, fp, o, &out->current);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodsMetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "current") return Decode(value, fp, o, &out->current);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "current") return Decode(value, fp, o, &out->current);
        if (key == "describedObject") return Decode(value, fp, o, &out->described_object);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ExternalMetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metric") return Decode(value, fp, o, &out->metric);
        if (key == "current") return Decode(value, fp, o, &out->current);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, MetricStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "resource") return Decode(value, fp, o, &out->resource);
        if (key == "pods") return Decode(value, fp, o, &out->pods);
        if (key == "object") return Decode(value, fp, o, &out->object);
        if (key == "external") return Decode(value, fp, o, &out->external);
        if (key == "containerResource") return Decode(value, fp, o, &out->container_resource);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerCondition* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "status") return Decode(value, fp, o, &out->status);
        if (key == "lastTransitionTime") return Decode(value, fp, o, &out->last_transition_time);
        if (key == "reason") return Decode(value, fp, o, &out->reason);
        if (key == "message") return Decode(value, fp, o, &out->message);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscalerStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "observedGeneration") return Decode(value, fp, o, &out->observed_generation);
        if (key == "lastScaleTime") return Decode(value, fp, o, &out->last_scale_time);
        if (key == "currentReplicas") return Decode(value, fp, o, &out->current_replicas);
        if (key == "desiredReplicas") return Decode(value, fp, o, &out->desired_replicas);
        if (key == "currentMetrics") return Decode(value, fp, o, &out->current_metrics);
        if (key == "conditions") return Decode(value, fp, o, &out->conditions);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    HorizontalPodAutoscaler* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "spec") return Decode(value, fp, o, &out->spec);
        if (key == "status") return Decode(value, fp, o, &out->status);
        if (key == "metadata") return Decode(value, fp, o, &out->metadata);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        return UnknownField(known);
      });
}

namespace {

json Encode(const CrossVersionObjectReference& ref) {
  json j = {{"kind", ref.kind}, {"name", ref.name}};
  PutString(j, "apiVersion", ref.api_version);
  return j;
}

json Encode(const MetricTarget& t) {
  json j = {{"type", t.type}};
  PutQuantity(j, "value", t.value);
  PutQuantity(j, "averageValue", t.average_value);
  PutOptional(j, "averageUtilization", t.average_utilization);
  return j;
}

json Encode(const MetricIdentifier& m) {
  json j = {{"name", m.name}};
  if (m.selector.has_value()) j["selector"] = ToJson(*m.selector);
  return j;
}

json Encode(const MetricValueStatus& v) {
  json j = json::object();
  PutQuantity(j, "value", v.value);
  PutQuantity(j, "averageValue", v.average_value);
  PutOptional(j, "averageUtilization", v.average_utilization);
  return j;
}

json Encode(const HPAScalingRules& r) {
  json j = json::object();
  PutOptional(j, "stabilizationWindowSeconds", r.stabilization_window_seconds);
  PutOptional(j, "selectPolicy", r.select_policy);
  // The API omits an empty list, but here "set and empty" differs from
  // "absent" (defaulting fills only the latter), so `[]` is kept.
  if (r.policies.has_value()) {
    json policies = json::array();
    for (const HPAScalingPolicy& policy : *r.policies) {
      json entry = {
          {"type", policy.type}, {"value", policy.value}, {"periodSeconds", policy.period_seconds}};
      policies.push_back(std::move(entry));
    }
    j["policies"] = std::move(policies);
  }
  PutQuantity(j, "tolerance", r.tolerance);
  return j;
}

json Encode(const HorizontalPodAutoscalerSpec& s) {
  json j = {{"scaleTargetRef", Encode(s.scale_target_ref)}, {"maxReplicas", s.max_replicas}};
  PutOptional(j, "minReplicas", s.min_replicas);
  if (!s.metrics.empty()) {
    json metrics = json::array();
    for (const MetricSpec& m : s.metrics) metrics.push_back(ToJson(m));
    j["metrics"] = std::move(metrics);
  }
  if (s.behavior.has_value()) j["behavior"] = ToJson(*s.behavior);
  PutOptional(j, "syncPeriodSeconds", s.sync_period_seconds);
  return j;
}

json Encode(const HorizontalPodAutoscalerStatus& s) {
  // desiredReplicas and currentMetrics are always written upstream;
  // currentReplicas too here, so a reader never has to guess a zero.
  json j = {{"currentReplicas", s.current_replicas}, {"desiredReplicas", s.desired_replicas}};
  PutOptional(j, "observedGeneration", s.observed_generation);
  PutTime(j, "lastScaleTime", s.last_scale_time);
  json metrics = json::array();
  for (const MetricStatus& m : s.current_metrics) metrics.push_back(ToJson(m));
  j["currentMetrics"] = std::move(metrics);
  if (!s.conditions.empty()) {
    json conditions = json::array();
    for (const HorizontalPodAutoscalerCondition& c : s.conditions) conditions.push_back(ToJson(c));
    j["conditions"] = std::move(conditions);
  }
  return j;
}

}  // namespace
}  // namespace json_internal

absl::Status FromJson(const nlohmann::json& j, MetricSpec* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, MetricStatus* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscalerBehavior* out,
                      std::string_view path, const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscalerCondition* out,
                      std::string_view path, const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, HorizontalPodAutoscaler* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

nlohmann::json ToJson(const MetricSpec& m) {
  using json_internal::Encode;
  nlohmann::json j = {{"type", m.type}};
  if (m.resource.has_value()) {
    j["resource"] = {{"name", m.resource->name}, {"target", Encode(m.resource->target)}};
  }
  if (m.container_resource.has_value()) {
    j["containerResource"] = {{"name", m.container_resource->name},
                              {"container", m.container_resource->container},
                              {"target", Encode(m.container_resource->target)}};
  }
  if (m.pods.has_value()) {
    j["pods"] = {{"metric", Encode(m.pods->metric)}, {"target", Encode(m.pods->target)}};
  }
  if (m.object.has_value()) {
    j["object"] = {{"describedObject", Encode(m.object->described_object)},
                   {"metric", Encode(m.object->metric)},
                   {"target", Encode(m.object->target)}};
  }
  if (m.external.has_value()) {
    j["external"] = {{"metric", Encode(m.external->metric)},
                     {"target", Encode(m.external->target)}};
  }
  return j;
}

nlohmann::json ToJson(const MetricStatus& m) {
  using json_internal::Encode;
  nlohmann::json j = {{"type", m.type}};
  if (m.resource.has_value()) {
    j["resource"] = {{"name", m.resource->name}, {"current", Encode(m.resource->current)}};
  }
  if (m.container_resource.has_value()) {
    j["containerResource"] = {{"name", m.container_resource->name},
                              {"container", m.container_resource->container},
                              {"current", Encode(m.container_resource->current)}};
  }
  if (m.pods.has_value()) {
    j["pods"] = {{"metric", Encode(m.pods->metric)}, {"current", Encode(m.pods->current)}};
  }
  if (m.object.has_value()) {
    j["object"] = {{"describedObject", Encode(m.object->described_object)},
                   {"metric", Encode(m.object->metric)},
                   {"current", Encode(m.object->current)}};
  }
  if (m.external.has_value()) {
    j["external"] = {{"metric", Encode(m.external->metric)},
                     {"current", Encode(m.external->current)}};
  }
  return j;
}

nlohmann::json ToJson(const HorizontalPodAutoscalerBehavior& b) {
  nlohmann::json j = nlohmann::json::object();
  if (b.scale_up.has_value()) j["scaleUp"] = json_internal::Encode(*b.scale_up);
  if (b.scale_down.has_value()) j["scaleDown"] = json_internal::Encode(*b.scale_down);
  return j;
}

nlohmann::json ToJson(const HorizontalPodAutoscalerCondition& c) {
  nlohmann::json j = {{"type", c.type}, {"status", c.status}};
  json_internal::PutTime(j, "lastTransitionTime", c.last_transition_time);
  json_internal::PutString(j, "reason", c.reason);
  json_internal::PutString(j, "message", c.message);
  return j;
}

nlohmann::json ToJson(const HorizontalPodAutoscaler& hpa) {
  nlohmann::json j = nlohmann::json::object();
  json_internal::PutString(j, "apiVersion", hpa.api_version);
  json_internal::PutString(j, "kind", hpa.kind);
  j["metadata"] = ToJson(hpa.metadata);
  j["spec"] = json_internal::Encode(hpa.spec);
  j["status"] = json_internal::Encode(hpa.status);
  return j;
}

}  // namespace horizon::kube
