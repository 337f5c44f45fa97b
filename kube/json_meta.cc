// Codecs for meta/v1 types: ObjectMeta, ListMeta, Status, LabelSelector, and
// core/v1 ObjectReference.
#include <string>
#include <string_view>

#include "kube/json.h"
#include "kube/json_internal.h"

namespace horizon::kube {
namespace json_internal {
namespace {

// ObjectMeta fields the API serves that Horizon neither reads nor writes.
// Accepted even with reject_unknown_fields: an object copied from the API
// server carries them and is still a valid input.
bool IsIgnoredObjectMetaField(std::string_view key) {
  return key == "managedFields" || key == "ownerReferences" || key == "finalizers" ||
         key == "selfLink" || key == "clusterName" || key == "initializers";
}

}  // namespace

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectMeta* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "namespace") return Decode(value, fp, o, &out->namespace_);
        if (key == "labels") return Decode(value, fp, o, &out->labels);
        if (key == "annotations") return Decode(value, fp, o, &out->annotations);
        if (key == "uid") return Decode(value, fp, o, &out->uid);
        if (key == "resourceVersion") return Decode(value, fp, o, &out->resource_version);
        if (key == "generation") return Decode(value, fp, o, &out->generation);
        if (key == "generateName") return Decode(value, fp, o, &out->generate_name);
        if (key == "creationTimestamp") return Decode(value, fp, o, &out->creation_timestamp);
        if (key == "deletionTimestamp") return Decode(value, fp, o, &out->deletion_timestamp);
        if (key == "deletionGracePeriodSeconds") {
          return Decode(value, fp, o, &out->deletion_grace_period_seconds);
        }
        if (IsIgnoredObjectMetaField(key)) return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ListMeta* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "resourceVersion") return Decode(value, fp, o, &out->resource_version);
        if (key == "continue") return Decode(value, fp, o, &out->continue_token);
        if (key == "remainingItemCount") return Decode(value, fp, o, &out->remaining_item_count);
        if (key == "selfLink") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, StatusCause* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "reason") return Decode(value, fp, o, &out->reason);
        if (key == "message") return Decode(value, fp, o, &out->message);
        if (key == "field") return Decode(value, fp, o, &out->field);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Status::Details* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "group") return Decode(value, fp, o, &out->group);
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        if (key == "causes") return Decode(value, fp, o, &out->causes);
        if (key == "retryAfterSeconds") return Decode(value, fp, o, &out->retry_after_seconds);
        // The UID of the object the error is about: served,
        // never needed.
        if (key == "uid") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, Status* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "status") return Decode(value, fp, o, &out->status);
        if (key == "message") return Decode(value, fp, o, &out->message);
        if (key == "reason") return Decode(value, fp, o, &out->reason);
        if (key == "code") return Decode(value, fp, o, &out->code);
        if (key == "details") return Decode(value, fp, o, &out->details);
        // Type and list metadata: checked, not kept.
        if (key == "kind" || key == "apiVersion") {
          std::string ignored;
          return Decode(value, fp, o, &ignored);
        }
        if (key == "metadata") {
          ListMeta ignored;
          return Decode(value, fp, o, &ignored);
        }
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ObjectReference* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "kind") return Decode(value, fp, o, &out->kind);
        if (key == "name") return Decode(value, fp, o, &out->name);
        if (key == "namespace") return Decode(value, fp, o, &out->namespace_);
        if (key == "apiVersion") return Decode(value, fp, o, &out->api_version);
        if (key == "uid") return Decode(value, fp, o, &out->uid);
        if (key == "resourceVersion") return Decode(value, fp, o, &out->resource_version);
        // Points into the object ("spec.containers{app}"); the
        // HPA's events never set it.
        if (key == "fieldPath") return absl::OkStatus();
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    LabelSelectorRequirement* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "key") return Decode(value, fp, o, &out->key);
        if (key == "operator") return Decode(value, fp, o, &out->op);
        if (key == "values") return Decode(value, fp, o, &out->values);
        return UnknownField(known);
      });
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, LabelSelectorSpec* out) {
  return DecodeFields(
      v, p, o,
      [&](std::string_view key, const json& value, const Path& fp, bool* known) -> absl::Status {
        if (key == "matchLabels") return Decode(value, fp, o, &out->match_labels);
        if (key == "matchExpressions") return Decode(value, fp, o, &out->match_expressions);
        return UnknownField(known);
      });
}

json EncodeObjectReference(const ObjectReference& ref) {
  json j = json::object();
  PutString(j, "kind", ref.kind);
  PutString(j, "namespace", ref.namespace_);
  PutString(j, "name", ref.name);
  PutString(j, "uid", ref.uid);
  PutString(j, "apiVersion", ref.api_version);
  PutString(j, "resourceVersion", ref.resource_version);
  return j;
}

}  // namespace json_internal

using json_internal::PutInt;
using json_internal::PutOptional;
using json_internal::PutString;
using json_internal::PutStringMap;
using json_internal::PutTime;
using nlohmann::json;

absl::Status FromJson(const nlohmann::json& j, ObjectMeta* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, ListMeta* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, Status* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

absl::Status FromJson(const nlohmann::json& j, LabelSelectorSpec* out, std::string_view path,
                      const DecodeOptions& options) {
  return json_internal::DecodeRoot(j, path, options, out);
}

nlohmann::json ToJson(const ObjectMeta& m) {
  json j = json::object();
  PutString(j, "name", m.name);
  PutString(j, "generateName", m.generate_name);
  PutString(j, "namespace", m.namespace_);
  PutString(j, "uid", m.uid);
  PutString(j, "resourceVersion", m.resource_version);
  PutInt(j, "generation", m.generation);
  PutTime(j, "creationTimestamp", m.creation_timestamp);
  PutTime(j, "deletionTimestamp", m.deletion_timestamp);
  PutOptional(j, "deletionGracePeriodSeconds", m.deletion_grace_period_seconds);
  PutStringMap(j, "labels", m.labels);
  PutStringMap(j, "annotations", m.annotations);
  return j;
}

nlohmann::json ToJson(const ListMeta& m) {
  json j = json::object();
  PutString(j, "resourceVersion", m.resource_version);
  PutString(j, "continue", m.continue_token);
  PutOptional(j, "remainingItemCount", m.remaining_item_count);
  return j;
}

nlohmann::json ToJson(const Status& s) {
  // Written as the API server writes it, type and (empty) list metadata
  // included.
  json j = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}};
  PutString(j, "status", s.status);
  PutString(j, "message", s.message);
  PutString(j, "reason", s.reason);
  PutInt(j, "code", s.code);
  if (s.details.has_value()) {
    const Status::Details& d = *s.details;
    json details = json::object();
    PutString(details, "name", d.name);
    PutString(details, "group", d.group);
    PutString(details, "kind", d.kind);
    if (!d.causes.empty()) {
      json causes = json::array();
      for (const StatusCause& c : d.causes) {
        json cause = json::object();
        PutString(cause, "reason", c.reason);
        PutString(cause, "message", c.message);
        PutString(cause, "field", c.field);
        causes.push_back(std::move(cause));
      }
      details["causes"] = std::move(causes);
    }
    PutInt(details, "retryAfterSeconds", d.retry_after_seconds);
    j["details"] = std::move(details);
  }
  return j;
}

nlohmann::json ToJson(const LabelSelectorSpec& s) {
  json j = json::object();
  PutStringMap(j, "matchLabels", s.match_labels);
  if (!s.match_expressions.empty()) {
    json expressions = json::array();
    for (const LabelSelectorRequirement& r : s.match_expressions) {
      json requirement = {{"key", r.key}, {"operator", r.op}};
      if (!r.values.empty()) requirement["values"] = r.values;
      expressions.push_back(std::move(requirement));
    }
    j["matchExpressions"] = std::move(expressions);
  }
  return j;
}

}  // namespace horizon::kube
