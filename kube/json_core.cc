// Codecs for core/v1 Pod and Event, autoscaling/v1 Scale and
// coordination.k8s.io/v1 Lease.
#include <string>
#include <string_view>
#include <utility>

#include "kube/json.h"
#include "kube/json_internal.h"

namespace horizon::kube {
namespace json_internal {

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    ResourceRequirements* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "requests") return Decode(value, fp, o, &out->requests);
        if (key == "limits") return Decode(value, fp, o, &out->limits);
        // Dynamic resource claims do not enter request sums.
        if (key == "claims") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Container* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "resources") return Decode(value, fp, o, &out->resources);
        if (key == "image") return Decode(value, fp, o, &out->image);
        if (key == "restartPolicy") return Decode(value, fp, o, &out->restart_policy);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodCondition* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "status") return Decode(value, fp, o, &out->status);
        if (key == "lastTransitionTime") return Decode(value, fp, o, &out->last_transition_time);
        if (key == "reason") return Decode(value, fp, o, &out->reason);
        if (key == "message") return Decode(value, fp, o, &out->message);
        // Served (usually null), never consulted by readiness logic.
        if (key == "lastProbeTime") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodSpec* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "containers") return Decode(value, fp, o, &out->containers);
        if (key == "initContainers") return Decode(value, fp, o, &out->init_containers);
        if (key == "nodeName") return Decode(value, fp, o, &out->node_name);
        if (key == "resources") return Decode(value, fp, o, &out->resources);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, PodStatus* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "phase") return Decode(value, fp, o, &out->phase);
        if (key == "conditions") return Decode(value, fp, o, &out->conditions);
        if (key == "startTime") return Decode(value, fp, o, &out->start_time);
        if (key == "podIP") return Decode(value, fp, o, &out->pod_ip);
        if (key == "hostIP") return Decode(value, fp, o, &out->host_ip);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Pod* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metadata") return Decode(value, fp, o, &out->metadata);
        if (key == "spec") return Decode(value, fp, o, &out->spec);
        if (key == "status") return Decode(value, fp, o, &out->status);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Scale* out) {
  // The struct is flat; spec and status are one field each on the wire.
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metadata") return Decode(value, fp, o, &out->metadata);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        if (key == "spec") {
          return DecodeFields(value, fp, o,
                              [&](std::string_view k, const json& val, const Path& sp,
                                  bool* spec_known) -> absl::Status {
                                if (k == "replicas") return Decode(val, sp, o, &out->spec_replicas);
                                return UnknownField(spec_known);
                              });
        }
        if (key == "status") {
          return DecodeFields(value, fp, o,
                              [&](std::string_view k, const json& val, const Path& sp,
                                  bool* status_known) -> absl::Status {
                                if (k == "replicas")
                                  return Decode(val, sp, o, &out->status_replicas);
                                if (k == "selector")
                                  return Decode(val, sp, o, &out->status_selector);
                                return UnknownField(status_known);
                              });
        }
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, LeaseSpec* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "holderIdentity") return Decode(value, fp, o, &out->holder_identity);
        if (key == "leaseDurationSeconds")
          return Decode(value, fp, o, &out->lease_duration_seconds);
        if (key == "acquireTime") return Decode(value, fp, o, &out->acquire_time);
        if (key == "renewTime") return Decode(value, fp, o, &out->renew_time);
        if (key == "leaseTransitions") return Decode(value, fp, o, &out->lease_transitions);
        // Coordinated leader election fields; Horizon uses plain leases.
        if (key == "strategy" || key == "preferredHolder") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Lease* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metadata") return Decode(value, fp, o, &out->metadata);
        if (key == "spec") return Decode(value, fp, o, &out->spec);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, EventSource* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "component") return Decode(value, fp, o, &out->component);
        if (key == "host") return Decode(value, fp, o, &out->host);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Event* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "metadata") return Decode(value, fp, o, &out->metadata);
        if (key == "involvedObject") return Decode(value, fp, o, &out->involved_object);
        if (key == "reason") return Decode(value, fp, o, &out->reason);
        if (key == "message") return Decode(value, fp, o, &out->message);
        if (key == "type") return Decode(value, fp, o, &out->type);
        if (key == "source") return Decode(value, fp, o, &out->source);
        if (key == "firstTimestamp") return Decode(value, fp, o, &out->first_timestamp);
        if (key == "lastTimestamp") return Decode(value, fp, o, &out->last_timestamp);
        if (key == "count") return Decode(value, fp, o, &out->count);
        if (key == "reportingComponent") return Decode(value, fp, o, &out->reporting_component);
        if (key == "reportingInstance") return Decode(value, fp, o, &out->reporting_instance);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        // events.k8s.io-style fields the core/v1 Event also carries; the HPA
        // controller's events leave them unset.
        if (key == "eventTime" || key == "series" || key == "action" || key == "related") {
          return absl::OkStatus();
        }
        return UnknownField(known);
      });
}

namespace {

json Encode(const ResourceRequirements& r) {
  json j = json::object();
  if (!r.requests.empty()) j["requests"] = EncodeResourceList(r.requests);
  if (!r.limits.empty()) j["limits"] = EncodeResourceList(r.limits);
  return j;
}

json Encode(const Container& c) {
  // `resources` is a struct upstream, written even when empty.
  json j = {{"name", c.name}, {"resources", Encode(c.resources)}};
  PutString(j, "image", c.image);
  PutOptional(j, "restartPolicy", c.restart_policy);
  return j;
}

json Encode(const PodCondition& c) {
  json j = {{"type", c.type}, {"status", c.status}};
  PutTime(j, "lastTransitionTime", c.last_transition_time);
  PutString(j, "reason", c.reason);
  PutString(j, "message", c.message);
  return j;
}

}  // namespace
}  // namespace json_internal

using json_internal::Encode;
using json_internal::PutInt;
using json_internal::PutMicroTime;
using json_internal::PutOptional;
using json_internal::PutString;
using json_internal::PutTime;
using nlohmann::json;

absl::Status FromJson(const nlohmann::json& j, Pod* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, Scale* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, Lease* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, Event* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

nlohmann::json ToJson(const Pod& pod) {
  json j = json::object();
  PutString(j, "apiVersion", pod.api_version);
  PutString(j, "kind", pod.kind);
  j["metadata"] = ToJson(pod.metadata);

  json spec = json::object();
  json containers = json::array();
  for (const Container& c : pod.spec.containers) containers.push_back(Encode(c));
  spec["containers"] = std::move(containers);
  if (!pod.spec.init_containers.empty()) {
    json init_containers = json::array();
    for (const Container& c : pod.spec.init_containers) init_containers.push_back(Encode(c));
    spec["initContainers"] = std::move(init_containers);
  }
  PutString(spec, "nodeName", pod.spec.node_name);
  if (pod.spec.resources.has_value()) spec["resources"] = Encode(*pod.spec.resources);
  j["spec"] = std::move(spec);

  json status = json::object();
  PutString(status, "phase", pod.status.phase);
  if (!pod.status.conditions.empty()) {
    json conditions = json::array();
    for (const PodCondition& c : pod.status.conditions) conditions.push_back(Encode(c));
    status["conditions"] = std::move(conditions);
  }
  PutTime(status, "startTime", pod.status.start_time);
  PutString(status, "podIP", pod.status.pod_ip);
  PutString(status, "hostIP", pod.status.host_ip);
  j["status"] = std::move(status);
  return j;
}

nlohmann::json ToJson(const Scale& scale) {
  json j = json::object();
  PutString(j, "apiVersion", scale.api_version);
  PutString(j, "kind", scale.kind);
  j["metadata"] = ToJson(scale.metadata);
  // As upstream: spec.replicas is omitempty, status.replicas is not.
  json spec = json::object();
  PutInt(spec, "replicas", scale.spec_replicas);
  j["spec"] = std::move(spec);
  json status = {{"replicas", scale.status_replicas}};
  PutString(status, "selector", scale.status_selector);
  j["status"] = std::move(status);
  return j;
}

nlohmann::json ToJson(const Lease& lease) {
  json j = json::object();
  PutString(j, "apiVersion", lease.api_version);
  PutString(j, "kind", lease.kind);
  j["metadata"] = ToJson(lease.metadata);
  json spec = json::object();
  PutOptional(spec, "holderIdentity", lease.spec.holder_identity);
  PutOptional(spec, "leaseDurationSeconds", lease.spec.lease_duration_seconds);
  PutMicroTime(spec, "acquireTime", lease.spec.acquire_time);
  PutMicroTime(spec, "renewTime", lease.spec.renew_time);
  PutOptional(spec, "leaseTransitions", lease.spec.lease_transitions);
  j["spec"] = std::move(spec);
  return j;
}

nlohmann::json ToJson(const Event& event) {
  json j = json::object();
  PutString(j, "apiVersion", event.api_version);
  PutString(j, "kind", event.kind);
  j["metadata"] = ToJson(event.metadata);
  j["involvedObject"] = json_internal::EncodeObjectReference(event.involved_object);
  PutString(j, "reason", event.reason);
  PutString(j, "message", event.message);
  PutString(j, "type", event.type);
  // source is a struct upstream (always written); the reporting fields have
  // no omitempty.
  json source = json::object();
  PutString(source, "component", event.source.component);
  PutString(source, "host", event.source.host);
  j["source"] = std::move(source);
  PutTime(j, "firstTimestamp", event.first_timestamp);
  PutTime(j, "lastTimestamp", event.last_timestamp);
  PutInt(j, "count", event.count);
  j["reportingComponent"] = event.reporting_component;
  j["reportingInstance"] = event.reporting_instance;
  return j;
}

}  // namespace horizon::kube
