#include "kube/json.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "kube/event.h"
#include "kube/hpa.h"
#include "kube/lease.h"
#include "kube/meta.h"
#include "kube/pod.h"
#include "kube/quantity.h"
#include "kube/scale.h"

namespace horizon::kube {

// Field-by-field equality for the API structs, so that "decode, encode,
// decode" can be compared without going through the encoder under test.
// Each Tie lists every member of its struct.
inline auto Tie(const ObjectMeta& m) {
  return std::tie(m.name, m.generate_name, m.namespace_, m.uid, m.resource_version, m.generation,
                  m.creation_timestamp, m.deletion_timestamp, m.deletion_grace_period_seconds,
                  m.labels, m.annotations);
}
inline auto Tie(const ListMeta& m) {
  return std::tie(m.resource_version, m.continue_token, m.remaining_item_count);
}
inline auto Tie(const StatusCause& c) { return std::tie(c.reason, c.message, c.field); }
inline auto Tie(const Status::Details& d) {
  return std::tie(d.name, d.group, d.kind, d.causes, d.retry_after_seconds);
}
inline auto Tie(const Status& s) {
  return std::tie(s.status, s.message, s.reason, s.code, s.details);
}
inline auto Tie(const ObjectReference& r) {
  return std::tie(r.api_version, r.kind, r.namespace_, r.name, r.uid, r.resource_version);
}
inline auto Tie(const LabelSelectorRequirement& r) { return std::tie(r.key, r.op, r.values); }
inline auto Tie(const LabelSelectorSpec& s) {
  return std::tie(s.match_labels, s.match_expressions);
}
inline auto Tie(const CrossVersionObjectReference& r) {
  return std::tie(r.kind, r.name, r.api_version);
}
inline auto Tie(const MetricTarget& t) {
  return std::tie(t.type, t.value, t.average_value, t.average_utilization);
}
inline auto Tie(const MetricIdentifier& m) { return std::tie(m.name, m.selector); }
inline auto Tie(const ResourceMetricSource& s) { return std::tie(s.name, s.target); }
inline auto Tie(const ContainerResourceMetricSource& s) {
  return std::tie(s.name, s.container, s.target);
}
inline auto Tie(const PodsMetricSource& s) { return std::tie(s.metric, s.target); }
inline auto Tie(const ObjectMetricSource& s) {
  return std::tie(s.described_object, s.metric, s.target);
}
inline auto Tie(const ExternalMetricSource& s) { return std::tie(s.metric, s.target); }
inline auto Tie(const MetricSpec& m) {
  return std::tie(m.type, m.object, m.pods, m.resource, m.container_resource, m.external);
}
inline auto Tie(const HPAScalingPolicy& p) { return std::tie(p.type, p.value, p.period_seconds); }
inline auto Tie(const HPAScalingRules& r) {
  return std::tie(r.stabilization_window_seconds, r.select_policy, r.policies, r.tolerance);
}
inline auto Tie(const HorizontalPodAutoscalerBehavior& b) {
  return std::tie(b.scale_up, b.scale_down);
}
inline auto Tie(const HorizontalPodAutoscalerSpec& s) {
  return std::tie(s.scale_target_ref, s.min_replicas, s.max_replicas, s.metrics, s.behavior,
                  s.sync_period_seconds);
}
inline auto Tie(const MetricValueStatus& v) {
  return std::tie(v.value, v.average_value, v.average_utilization);
}
inline auto Tie(const ResourceMetricStatus& s) { return std::tie(s.name, s.current); }
inline auto Tie(const ContainerResourceMetricStatus& s) {
  return std::tie(s.name, s.container, s.current);
}
inline auto Tie(const PodsMetricStatus& s) { return std::tie(s.metric, s.current); }
inline auto Tie(const ObjectMetricStatus& s) {
  return std::tie(s.metric, s.current, s.described_object);
}
inline auto Tie(const ExternalMetricStatus& s) { return std::tie(s.metric, s.current); }
inline auto Tie(const MetricStatus& m) {
  return std::tie(m.type, m.object, m.pods, m.resource, m.container_resource, m.external);
}
inline auto Tie(const HorizontalPodAutoscalerCondition& c) {
  return std::tie(c.type, c.status, c.last_transition_time, c.reason, c.message);
}
inline auto Tie(const HorizontalPodAutoscalerStatus& s) {
  return std::tie(s.observed_generation, s.last_scale_time, s.current_replicas, s.desired_replicas,
                  s.current_metrics, s.conditions);
}
inline auto Tie(const HorizontalPodAutoscaler& h) {
  return std::tie(h.api_version, h.kind, h.metadata, h.spec, h.status);
}
inline auto Tie(const ResourceRequirements& r) { return std::tie(r.requests, r.limits); }
inline auto Tie(const Container& c) {
  return std::tie(c.name, c.image, c.resources, c.restart_policy);
}
inline auto Tie(const PodCondition& c) {
  return std::tie(c.type, c.status, c.last_transition_time, c.reason, c.message);
}
inline auto Tie(const PodSpec& s) {
  return std::tie(s.node_name, s.containers, s.init_containers, s.resources);
}
inline auto Tie(const PodStatus& s) {
  return std::tie(s.phase, s.conditions, s.start_time, s.pod_ip, s.host_ip);
}
inline auto Tie(const Pod& p) {
  return std::tie(p.api_version, p.kind, p.metadata, p.spec, p.status);
}
inline auto Tie(const Scale& s) {
  return std::tie(s.api_version, s.kind, s.metadata, s.spec_replicas, s.status_replicas,
                  s.status_selector);
}
inline auto Tie(const LeaseSpec& s) {
  return std::tie(s.holder_identity, s.lease_duration_seconds, s.acquire_time, s.renew_time,
                  s.lease_transitions);
}
inline auto Tie(const Lease& l) { return std::tie(l.api_version, l.kind, l.metadata, l.spec); }
inline auto Tie(const EventSource& s) { return std::tie(s.component, s.host); }
inline auto Tie(const Event& e) {
  return std::tie(e.api_version, e.kind, e.metadata, e.involved_object, e.reason, e.message, e.type,
                  e.source, e.first_timestamp, e.last_timestamp, e.count, e.reporting_component,
                  e.reporting_instance);
}

template <typename T, typename = decltype(Tie(std::declval<const T&>()))>
bool operator==(const T& a, const T& b) {
  return Tie(a) == Tie(b);
}

namespace {

using nlohmann::json;

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

std::string ManifestDir() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir != nullptr && workspace != nullptr) {
    return absl::StrCat(srcdir, "/", workspace, "/testdata/manifests");
  }
  return "testdata/manifests";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Parses a manifest by its extension.
absl::StatusOr<json> LoadManifest(const std::string& file) {
  const std::string text = ReadFile(absl::StrCat(ManifestDir(), "/", file));
  if (text.empty()) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  if (absl::EndsWith(file, ".json")) return ParseJson(text);
  return ParseYaml(text);
}

// The zero status an HPA without one decodes to, as the encoder writes it.
json DefaultHpaStatus() {
  return {{"currentReplicas", 0}, {"desiredReplicas", 0}, {"currentMetrics", json::array()}};
}

struct Manifest {
  std::string file;
  std::string kind;
  // The file is already in the encoder's output form: encoding the decoded
  // object reproduces it exactly.
  bool canonical;
  // Holds only fields Horizon models (plus standard metadata): decodes with
  // reject_unknown_fields.
  bool strict;
};

const std::vector<Manifest>& Manifests() {
  static const auto* manifests = new std::vector<Manifest>{
      {"hpa-cpu-utilization.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-memory-average-value.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-container-resource.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-pods-metric.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-object-metric.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-external-metric.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-multiple-metrics.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-behavior-policies.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-behavior-select-min-disabled.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-behavior-tolerance.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-scale-to-zero.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-with-status.json", "HorizontalPodAutoscaler", true, true},
      {"hpa-empty-policies.yaml", "HorizontalPodAutoscaler", true, true},
      {"hpa-noncanonical-served.yaml", "HorizontalPodAutoscaler", false, true},
      {"pod.yaml", "Pod", false, false},
      {"scale.json", "Scale", true, true},
      {"lease.yaml", "Lease", true, true},
      {"event.json", "Event", true, true},
      {"status-invalid.json", "Status", true, true},
  };
  return *manifests;
}

template <typename T>
void CheckRoundTrip(const Manifest& m, const json& input) {
  T first;
  const absl::Status decoded = FromJson(input, &first);
  ASSERT_TRUE(decoded.ok()) << decoded;
  const json encoded = ToJson(first);
  T second;
  const absl::Status redecoded = FromJson(encoded, &second);
  ASSERT_TRUE(redecoded.ok()) << redecoded;
  EXPECT_TRUE(first == second) << "encoded: " << encoded.dump(1);
  EXPECT_EQ(ToJson(second), encoded);

  if (m.canonical) {
    json expected = input;
    if (m.kind == "HorizontalPodAutoscaler" && !expected.contains("status")) {
      expected["status"] = DefaultHpaStatus();
    }
    EXPECT_EQ(encoded, expected) << "differences: " << json::diff(expected, encoded).dump(1);
  }
  T strict;
  const absl::Status strict_status = FromJson(input, &strict, "", {true});
  if (m.strict) {
    EXPECT_TRUE(strict_status.ok()) << strict_status;
  } else {
    EXPECT_EQ(strict_status.code(), absl::StatusCode::kInvalidArgument) << strict_status;
  }
}

TEST(JsonManifestTest, EveryManifestFileIsListed) {
  std::set<std::string> listed;
  for (const Manifest& m : Manifests()) listed.insert(m.file);
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(ManifestDir())) {
    on_disk.insert(entry.path().filename().string());
  }
  EXPECT_EQ(on_disk, listed);
}

TEST(JsonManifestTest, RoundTrip) {
  int hpas = 0;
  for (const Manifest& m : Manifests()) {
    SCOPED_TRACE(m.file);
    absl::StatusOr<json> input = LoadManifest(m.file);
    ASSERT_TRUE(input.ok()) << input.status();
    ASSERT_EQ(input->value("kind", ""), m.kind);
    if (m.kind == "HorizontalPodAutoscaler") {
      ++hpas;
      CheckRoundTrip<HorizontalPodAutoscaler>(m, *input);
    } else if (m.kind == "Pod") {
      CheckRoundTrip<Pod>(m, *input);
    } else if (m.kind == "Scale") {
      CheckRoundTrip<Scale>(m, *input);
    } else if (m.kind == "Lease") {
      CheckRoundTrip<Lease>(m, *input);
    } else if (m.kind == "Event") {
      CheckRoundTrip<Event>(m, *input);
    } else if (m.kind == "Status") {
      CheckRoundTrip<Status>(m, *input);
    } else {
      ADD_FAILURE() << "no codec for kind " << m.kind;
    }
  }
  EXPECT_GE(hpas, 10);
}

template <typename T>
T DecodeManifest(const std::string& file) {
  T out;
  absl::StatusOr<json> input = LoadManifest(file);
  EXPECT_TRUE(input.ok()) << input.status();
  if (!input.ok()) return out;
  const absl::Status status = FromJson(*input, &out);
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(JsonManifestTest, HpaWithStatusFields) {
  const auto hpa = DecodeManifest<HorizontalPodAutoscaler>("hpa-with-status.json");
  EXPECT_EQ(hpa.metadata.generation, 4);
  EXPECT_EQ(hpa.metadata.creation_timestamp, Utc(2025, 12, 1, 9, 0, 0));
  ASSERT_EQ(hpa.spec.metrics.size(), 4u);
  EXPECT_EQ(hpa.spec.metrics[0].type, kResourceMetricSourceType);
  ASSERT_TRUE(hpa.spec.metrics[0].resource.has_value());
  EXPECT_EQ(hpa.spec.metrics[0].resource->target.average_utilization, 60);
  ASSERT_TRUE(hpa.spec.metrics[2].external.has_value());
  ASSERT_TRUE(hpa.spec.metrics[2].external->metric.selector.has_value());
  EXPECT_EQ(hpa.spec.metrics[2].external->metric.selector->match_labels.at("queue"), "web-jobs");
  ASSERT_TRUE(hpa.spec.metrics[3].object.has_value());
  EXPECT_EQ(hpa.spec.metrics[3].object->target.value->MilliValue(), 2000000);
  ASSERT_TRUE(hpa.spec.behavior.has_value());
  EXPECT_FALSE(hpa.spec.behavior->scale_up.has_value());
  ASSERT_TRUE(hpa.spec.behavior->scale_down.has_value());
  EXPECT_EQ(hpa.spec.behavior->scale_down->stabilization_window_seconds, 120);

  EXPECT_EQ(hpa.status.observed_generation, 4);
  EXPECT_EQ(hpa.status.last_scale_time, Utc(2026, 1, 1, 11, 57, 30));
  EXPECT_EQ(hpa.status.current_replicas, 4);
  EXPECT_EQ(hpa.status.desired_replicas, 6);
  ASSERT_EQ(hpa.status.current_metrics.size(), 4u);
  EXPECT_EQ(hpa.status.current_metrics[0].resource->current.average_utilization, 74);
  EXPECT_EQ(hpa.status.current_metrics[0].resource->current.average_value->MilliValue(), 371);
  EXPECT_EQ(hpa.status.current_metrics[1].pods->current.average_value->MilliValue(), 61500);
  // An entry for a metric that could not be computed: type "" and nothing else.
  EXPECT_EQ(hpa.status.current_metrics[2].type, "");
  EXPECT_FALSE(hpa.status.current_metrics[2].resource.has_value());
  EXPECT_FALSE(hpa.status.current_metrics[2].external.has_value());
  ASSERT_EQ(hpa.status.conditions.size(), 3u);
  EXPECT_EQ(hpa.status.conditions[2].type, kScalingLimited);
  EXPECT_EQ(hpa.status.conditions[2].status, "False");
  EXPECT_EQ(hpa.status.conditions[2].reason, "DesiredWithinRange");
}

TEST(JsonManifestTest, PoliciesAbsentVersusEmpty) {
  const auto hpa = DecodeManifest<HorizontalPodAutoscaler>("hpa-empty-policies.yaml");
  EXPECT_FALSE(hpa.spec.min_replicas.has_value());
  EXPECT_EQ(hpa.spec.sync_period_seconds, 30);
  ASSERT_TRUE(hpa.spec.behavior.has_value());
  ASSERT_TRUE(hpa.spec.behavior->scale_up.has_value());
  ASSERT_TRUE(hpa.spec.behavior->scale_up->policies.has_value());
  EXPECT_TRUE(hpa.spec.behavior->scale_up->policies->empty());
  EXPECT_FALSE(hpa.spec.behavior->scale_up->select_policy.has_value());
  EXPECT_FALSE(hpa.spec.behavior->scale_up->stabilization_window_seconds.has_value());
  EXPECT_EQ(hpa.spec.behavior->scale_down->stabilization_window_seconds, 0);

  const auto disabled =
      DecodeManifest<HorizontalPodAutoscaler>("hpa-behavior-select-min-disabled.json");
  ASSERT_TRUE(disabled.spec.behavior.has_value());
  EXPECT_EQ(disabled.spec.behavior->scale_up->select_policy, kMinChangePolicySelect);
  ASSERT_TRUE(disabled.spec.behavior->scale_up->policies.has_value());
  ASSERT_EQ(disabled.spec.behavior->scale_up->policies->size(), 2u);
  EXPECT_EQ((*disabled.spec.behavior->scale_up->policies)[1].type, kPercentScalingPolicy);
  EXPECT_EQ((*disabled.spec.behavior->scale_up->policies)[1].value, 50);
  EXPECT_EQ(disabled.spec.behavior->scale_down->select_policy, kDisabledPolicySelect);
  EXPECT_FALSE(disabled.spec.behavior->scale_down->policies.has_value());
}

TEST(JsonManifestTest, ToleranceAndScaleToZero) {
  const auto tolerance = DecodeManifest<HorizontalPodAutoscaler>("hpa-behavior-tolerance.yaml");
  ASSERT_TRUE(tolerance.spec.behavior.has_value());
  ASSERT_TRUE(tolerance.spec.behavior->scale_up->tolerance.has_value());
  EXPECT_TRUE(tolerance.spec.behavior->scale_up->tolerance->IsZero());
  EXPECT_EQ(tolerance.spec.behavior->scale_down->tolerance->MilliValue(), 50);

  const auto zero = DecodeManifest<HorizontalPodAutoscaler>("hpa-scale-to-zero.json");
  EXPECT_EQ(zero.spec.min_replicas, 0);
  ASSERT_EQ(zero.spec.metrics.size(), 2u);
  EXPECT_EQ(zero.spec.metrics[0].type, kExternalMetricSourceType);
  EXPECT_EQ(zero.spec.metrics[1].object->described_object.kind, "CronJob");
}

TEST(JsonManifestTest, NonCanonicalInputNormalizes) {
  const auto hpa = DecodeManifest<HorizontalPodAutoscaler>("hpa-noncanonical-served.yaml");
  // Times with offsets are converted to UTC.
  EXPECT_EQ(hpa.metadata.creation_timestamp, Utc(2025, 6, 1, 8, 0, 0));
  EXPECT_EQ(hpa.status.last_scale_time, Utc(2026, 1, 1, 11, 59, 59));
  EXPECT_FALSE(hpa.metadata.deletion_timestamp.has_value());
  EXPECT_EQ(hpa.metadata.deletion_grace_period_seconds, 30);
  EXPECT_FALSE(hpa.spec.behavior.has_value());
  EXPECT_FALSE(hpa.status.observed_generation.has_value());
  EXPECT_TRUE(hpa.status.current_metrics.empty());
  ASSERT_EQ(hpa.spec.metrics.size(), 3u);
  EXPECT_FALSE(hpa.spec.metrics[2].external->metric.selector.has_value());

  const json encoded = ToJson(hpa);
  const json& metrics = encoded["spec"]["metrics"];
  EXPECT_EQ(metrics[0]["resource"]["target"]["averageValue"], "500m");
  EXPECT_EQ(metrics[1]["resource"]["target"]["averageValue"], "1536Mi");
  EXPECT_EQ(metrics[2]["external"]["target"]["value"], "1k");
  EXPECT_EQ(encoded["metadata"]["creationTimestamp"], "2025-06-01T08:00:00Z");
  EXPECT_EQ(encoded["status"]["lastScaleTime"], "2026-01-01T11:59:59Z");
  EXPECT_FALSE(encoded["metadata"].contains("managedFields"));
  EXPECT_FALSE(encoded["metadata"].contains("deletionTimestamp"));
}

TEST(JsonManifestTest, PodScaleLeaseEventStatusFields) {
  const auto pod = DecodeManifest<Pod>("pod.yaml");
  EXPECT_EQ(pod.metadata.labels.at("app"), "web");
  EXPECT_EQ(pod.spec.node_name, "node-b");
  ASSERT_EQ(pod.spec.containers.size(), 2u);
  EXPECT_EQ(pod.spec.containers[0].resources.requests.at("cpu").MilliValue(), 500);
  EXPECT_TRUE(pod.spec.containers[1].resources.requests.empty());
  ASSERT_EQ(pod.spec.init_containers.size(), 2u);
  EXPECT_FALSE(pod.spec.init_containers[0].restart_policy.has_value());
  EXPECT_EQ(pod.spec.init_containers[1].restart_policy, "Always");
  ASSERT_TRUE(pod.spec.resources.has_value());
  EXPECT_EQ(pod.spec.resources->requests.at("cpu").MilliValue(), 1000);
  EXPECT_EQ(pod.status.phase, "Running");
  EXPECT_EQ(pod.status.pod_ip, "10.244.1.17");
  EXPECT_EQ(pod.status.host_ip, "192.168.10.12");
  EXPECT_EQ(pod.status.start_time, Utc(2026, 1, 1, 11, 0, 2));
  const PodCondition* ready = pod.FindCondition("Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->status, "True");
  EXPECT_EQ(ready->last_transition_time, Utc(2026, 1, 1, 11, 0, 31));

  const auto scale = DecodeManifest<Scale>("scale.json");
  EXPECT_EQ(scale.spec_replicas, 4);
  EXPECT_EQ(scale.status_replicas, 4);
  EXPECT_EQ(scale.status_selector, "app=web,tier=frontend");

  const auto lease = DecodeManifest<Lease>("lease.yaml");
  EXPECT_EQ(lease.spec.lease_duration_seconds, 15);
  EXPECT_EQ(lease.spec.lease_transitions, 3);
  EXPECT_EQ(lease.spec.renew_time, Utc(2026, 1, 1, 12, 0, 1) + absl::Microseconds(654321));

  const auto event = DecodeManifest<Event>("event.json");
  EXPECT_EQ(event.involved_object.kind, "HorizontalPodAutoscaler");
  EXPECT_EQ(event.reason, "SuccessfulRescale");
  EXPECT_EQ(event.source.component, "horizontal-pod-autoscaler");
  EXPECT_EQ(event.count, 1);

  const auto status = DecodeManifest<Status>("status-invalid.json");
  EXPECT_EQ(status.code, 422);
  EXPECT_EQ(status.reason, "Invalid");
  ASSERT_TRUE(status.details.has_value());
  ASSERT_EQ(status.details->causes.size(), 1u);
  EXPECT_EQ(status.details->causes[0].field, "spec.maxReplicas");
}

// Decoding errors: the message names the full field path and the value.

enum class Target { kHpa, kPod, kScale, kLease, kEvent, kStatus, kMetricSpec };

absl::Status DecodeAs(Target target, const json& j, std::string_view path,
                      const DecodeOptions& options) {
  switch (target) {
    case Target::kHpa: {
      HorizontalPodAutoscaler out;
      return FromJson(j, &out, path, options);
    }
    case Target::kPod: {
      Pod out;
      return FromJson(j, &out, path, options);
    }
    case Target::kScale: {
      Scale out;
      return FromJson(j, &out, path, options);
    }
    case Target::kLease: {
      Lease out;
      return FromJson(j, &out, path, options);
    }
    case Target::kEvent: {
      Event out;
      return FromJson(j, &out, path, options);
    }
    case Target::kStatus: {
      Status out;
      return FromJson(j, &out, path, options);
    }
    case Target::kMetricSpec: {
      MetricSpec out;
      return FromJson(j, &out, path, options);
    }
  }
  return absl::InternalError("unknown target");
}

struct DecodeErrorCase {
  std::string name;
  Target target;
  std::string input;
  std::string path;
  bool strict;
  // Exact message; with `prefix`, only its start (for text owned by the
  // quantity parser).
  std::string message;
  bool prefix = false;
};

TEST(JsonDecodeTest, ErrorsNameTheFieldPath) {
  const std::vector<DecodeErrorCase> cases = {
      {"string for an integer", Target::kHpa, R"({"spec": {"maxReplicas": "x"}})", "hpa", false,
       R"(hpa.spec.maxReplicas: expected an integer, got "x")"},
      {"no prefix at the root", Target::kHpa, R"({"spec": {"maxReplicas": "x"}})", "", false,
       R"(spec.maxReplicas: expected an integer, got "x")"},
      {"fraction for an integer", Target::kHpa, R"({"spec": {"minReplicas": 1.5}})", "hpa", false,
       "hpa.spec.minReplicas: expected an integer, got 1.5"},
      {"int32 overflow", Target::kHpa, R"({"spec": {"maxReplicas": 3000000000}})", "hpa", false,
       "hpa.spec.maxReplicas: 3000000000 is out of range for a 32-bit integer"},
      {"int32 underflow deep in a list", Target::kHpa,
       R"({"spec": {"metrics": [{"type": "Resource", "resource": {"name": "cpu",
           "target": {"type": "Utilization", "averageUtilization": -2147483649}}}]}})",
       "hpa", false,
       "hpa.spec.metrics[0].resource.target.averageUtilization: -2147483649 is out of range for "
       "a 32-bit integer"},
      {"second metric wrong type", Target::kHpa,
       R"({"spec": {"metrics": [
           {"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": 50}}},
           {"type": "Resource", "resource": {"name": "memory",
            "target": {"type": "Utilization", "averageUtilization": "x"}}}]}})",
       "hpa", false,
       R"(hpa.spec.metrics[1].resource.target.averageUtilization: expected an integer, got "x")"},
      {"int64 overflow", Target::kHpa, R"({"metadata": {"generation": 18446744073709551615}})",
       "hpa", false,
       "hpa.metadata.generation: 18446744073709551615 is out of range for a 64-bit integer"},
      {"bad quantity", Target::kHpa,
       R"({"spec": {"metrics": [{"type": "Pods", "pods": {"metric": {"name": "qps"},
           "target": {"type": "AverageValue", "averageValue": "12zz"}}}]}})",
       "hpa", false, R"(hpa.spec.metrics[0].pods.target.averageValue: quantity "12zz")", true},
      {"quantity of the wrong type", Target::kHpa,
       R"({"spec": {"behavior": {"scaleUp": {"tolerance": true}}}})", "hpa", false,
       "hpa.spec.behavior.scaleUp.tolerance: expected a quantity (string or number), got true"},
      {"bad time", Target::kHpa, R"({"status": {"lastScaleTime": "yesterday"}})", "hpa", false,
       R"(hpa.status.lastScaleTime: invalid RFC 3339 time "yesterday": expected a date YYYY-MM-DD)"},
      {"time of the wrong type", Target::kHpa,
       R"({"status": {"conditions": [{"type": "AbleToScale", "lastTransitionTime": 5}]}})", "hpa",
       false,
       "hpa.status.conditions[0].lastTransitionTime: expected an RFC 3339 time string, got 5"},
      {"number for a string", Target::kHpa, R"({"metadata": {"name": 5}})", "hpa", false,
       "hpa.metadata.name: expected a string, got 5"},
      {"label value not a string", Target::kHpa, R"({"metadata": {"labels": {"app": 1}}})", "hpa",
       false, "hpa.metadata.labels[app]: expected a string, got 1"},
      {"object for a list", Target::kHpa, R"({"spec": {"metrics": {}}})", "hpa", false,
       "hpa.spec.metrics: expected an array, got {}"},
      {"string for an object", Target::kHpa, R"({"spec": "x"})", "hpa", false,
       R"(hpa.spec: expected an object, got "x")"},
      {"root not an object", Target::kHpa, "[]", "hpa", false, "hpa: expected an object, got []"},
      {"list for an object", Target::kHpa, R"({"spec": {"behavior": [{"scaleUp": {}}]}})", "hpa",
       false, "hpa.spec.behavior: expected an object, got [...]"},
      {"long string shortened", Target::kHpa,
       R"({"spec": {"maxReplicas": "0123456789012345678901234567890123456789012345678901234567890123456789"}})",
       "hpa", false,
       R"(hpa.spec.maxReplicas: expected an integer, got "012345678901234567890123456789012345678901234567890123456789012...)"},
      {"unknown field", Target::kHpa, R"({"spec": {"maxReplica": 3}})", "hpa", true,
       "hpa.spec.maxReplica: unknown field"},
      {"every unknown field is reported", Target::kHpa,
       R"({"spec": {"maxReplica": 3, "minReplica": 1}, "stauts": {}})", "hpa", true,
       "hpa.spec.maxReplica: unknown field; hpa.spec.minReplica: unknown field"},
      {"unknown field in a policy", Target::kHpa,
       R"({"spec": {"behavior": {"scaleDown": {"policies": [
           {"type": "Pods", "value": 1, "periodSeconds": 60},
           {"type": "Pods", "value": 1, "periodSecond": 60}]}}}})",
       "hpa", true, "hpa.spec.behavior.scaleDown.policies[1].periodSecond: unknown field"},
      {"unknown metadata field", Target::kHpa, R"({"metadata": {"nmae": "web"}})", "hpa", true,
       "hpa.metadata.nmae: unknown field"},
      {"unknown top-level field", Target::kHpa, R"({"apiVersion": "autoscaling/v2", "spek": {}})",
       "hpa", true, "hpa.spek: unknown field"},
      {"pod request quantity", Target::kPod,
       R"({"spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": "lots"}}}]}})",
       "pod", false, R"(pod.spec.containers[0].resources.requests[cpu]: quantity "lots")", true},
      {"pod condition status type", Target::kPod,
       R"({"status": {"conditions": [{"type": "Ready", "status": true}]}})", "pod", false,
       "pod.status.conditions[0].status: expected a string, got true"},
      {"scale status unknown field", Target::kScale, R"({"status": {"replica": 3}})", "scale", true,
       "scale.status.replica: unknown field"},
      {"lease month out of range", Target::kLease,
       R"({"spec": {"renewTime": "2026-13-01T00:00:00.000000Z"}})", "lease", false,
       R"(lease.spec.renewTime: invalid RFC 3339 time "2026-13-01T00:00:00.000000Z": month out of range)"},
      {"event count type", Target::kEvent, R"({"count": "1"})", "event", false,
       R"(event.count: expected an integer, got "1")"},
      {"status code type", Target::kStatus, R"({"code": "422"})", "status", false,
       R"(status.code: expected an integer, got "422")"},
      {"status cause unknown field", Target::kStatus,
       R"({"details": {"causes": [{"reason": "FieldValueInvalid", "path": "spec"}]}})", "status",
       true, "status.details.causes[0].path: unknown field"},
      {"metric spec with caller's prefix", Target::kMetricSpec,
       R"({"type": "External", "external": {"metric": {"name": "q",
           "selector": {"matchExpressions": [{"key": "a", "operator": "In", "values": [1]}]}}}})",
       "scenario.hpa.spec.metrics[2]", false,
       "scenario.hpa.spec.metrics[2].external.metric.selector.matchExpressions[0].values[0]: "
       "expected a string, got 1"},
  };
  for (const DecodeErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> j = ParseJson(c.input);
    ASSERT_TRUE(j.ok()) << j.status();
    const absl::Status status = DecodeAs(c.target, *j, c.path, {c.strict});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    if (c.prefix) {
      EXPECT_TRUE(absl::StartsWith(status.message(), c.message)) << status.message();
    } else {
      EXPECT_EQ(status.message(), c.message);
    }
  }
}

struct DecodeOkCase {
  std::string name;
  Target target;
  std::string input;
  bool strict;
};

TEST(JsonDecodeTest, AcceptedInputs) {
  const std::vector<DecodeOkCase> cases = {
      {"unknown fields ignored by default", Target::kHpa,
       R"({"spec": {"maxReplica": 3, "extra": {"deep": [1, 2]}}, "other": null})", false},
      {"standard metadata accepted when strict", Target::kHpa,
       R"({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
           "metadata": {"name": "web", "managedFields": [{"manager": "kubectl"}],
             "ownerReferences": [], "finalizers": ["x"], "selfLink": "/apis/x"}})",
       true},
      {"nulls are absent fields", Target::kHpa,
       R"({"metadata": null, "spec": {"minReplicas": null, "metrics": null, "behavior": null,
           "scaleTargetRef": {"apiVersion": null, "kind": "Deployment", "name": "web"}},
           "status": null})",
       true},
      {"pod lastProbeTime and claims accepted when strict", Target::kPod,
       R"({"spec": {"containers": [{"name": "a", "resources": {"claims": []}}]},
           "status": {"conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null}]}})",
       true},
      {"served status metadata accepted when strict", Target::kStatus,
       R"({"kind": "Status", "apiVersion": "v1", "metadata": {"resourceVersion": ""},
           "details": {"uid": "1234", "retryAfterSeconds": 2}})",
       true},
      {"event eventTime accepted when strict", Target::kEvent,
       R"({"eventTime": null, "involvedObject": {"kind": "Pod", "fieldPath": "spec.containers{a}"}})",
       true},
  };
  for (const DecodeOkCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> j = ParseJson(c.input);
    ASSERT_TRUE(j.ok()) << j.status();
    const absl::Status status = DecodeAs(c.target, *j, "x", {c.strict});
    EXPECT_TRUE(status.ok()) << status;
  }
}

TEST(JsonDecodeTest, NullAndEmptyPoliciesDiffer) {
  struct Case {
    std::string name;
    std::string input;
    bool engaged;
  };
  const std::vector<Case> cases = {
      {"absent", R"({"scaleUp": {}})", false},
      {"null", R"({"scaleUp": {"policies": null}})", false},
      {"empty", R"({"scaleUp": {"policies": []}})", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    HorizontalPodAutoscalerBehavior behavior;
    ASSERT_TRUE(FromJson(*ParseJson(c.input), &behavior).ok());
    ASSERT_TRUE(behavior.scale_up.has_value());
    EXPECT_EQ(behavior.scale_up->policies.has_value(), c.engaged);
    const json encoded = ToJson(behavior);
    EXPECT_EQ(encoded["scaleUp"].contains("policies"), c.engaged);
    if (c.engaged) {
      EXPECT_EQ(encoded["scaleUp"]["policies"], json::array());
    }
  }
}

TEST(JsonDecodeTest, QuantityFromStringOrNumber) {
  struct Case {
    std::string name;
    json input;
    std::string canonical;
  };
  const std::vector<Case> cases = {
      {"string", "250m", "250m"},        {"binary string", "1.5Gi", "1536Mi"},
      {"integer", 1000, "1k"},           {"negative integer", -2, "-2"},
      {"fraction", 0.5, "500m"},         {"small fraction", 0.001, "1m"},
      {"exponent string", "5e3", "5e3"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Quantity q;
    const absl::Status status = FromJson(c.input, &q, "q");
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(ToJson(q), json(c.canonical));
  }
  Quantity q;
  EXPECT_EQ(FromJson(json(nullptr), &q, "q").code(), absl::StatusCode::kInvalidArgument);
  const absl::Status inf = FromJson(json(std::numeric_limits<double>::infinity()), &q, "q");
  EXPECT_EQ(inf.code(), absl::StatusCode::kInvalidArgument);
}

// Encoding: what is written and what is left out.

TEST(JsonEncodeTest, DefaultObjects) {
  struct Case {
    std::string name;
    json got;
    std::string want;
  };
  MetricStatus failed_metric;
  HPAScalingRules no_policies;
  HPAScalingRules empty_policies;
  empty_policies.policies.emplace();
  Status conflict;
  conflict.status = "Failure";
  conflict.reason = "Conflict";
  conflict.code = 409;
  conflict.details.emplace().retry_after_seconds = 1;
  Lease lease;
  lease.spec.renew_time = Utc(2026, 1, 1, 12, 0, 0) + absl::Microseconds(1);
  HorizontalPodAutoscalerCondition fractional_condition;
  fractional_condition.type = kAbleToScale;
  fractional_condition.status = "True";
  fractional_condition.last_transition_time = Utc(2026, 1, 1, 12, 0, 0) + absl::Milliseconds(999);
  HorizontalPodAutoscalerBehavior behavior;
  behavior.scale_up = no_policies;
  behavior.scale_down = empty_policies;
  const std::vector<Case> cases = {
      {"empty hpa", ToJson(HorizontalPodAutoscaler()),
       R"({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {},
           "spec": {"scaleTargetRef": {"kind": "", "name": ""}, "maxReplicas": 0},
           "status": {"currentReplicas": 0, "desiredReplicas": 0, "currentMetrics": []}})"},
      {"failed metric status", ToJson(failed_metric), R"({"type": ""})"},
      {"behavior policies absent vs empty", ToJson(behavior),
       R"({"scaleUp": {}, "scaleDown": {"policies": []}})"},
      {"empty scale", ToJson(Scale()),
       R"({"apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": {}, "spec": {},
           "status": {"replicas": 0}})"},
      {"empty pod", ToJson(Pod()),
       R"({"apiVersion": "v1", "kind": "Pod", "metadata": {}, "spec": {"containers": []},
           "status": {}})"},
      {"empty event", ToJson(Event()),
       R"({"apiVersion": "v1", "kind": "Event", "metadata": {}, "involvedObject": {},
           "source": {}, "reportingComponent": "", "reportingInstance": ""})"},
      {"lease micro time", ToJson(lease),
       R"({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {},
           "spec": {"renewTime": "2026-01-01T12:00:00.000001Z"}})"},
      {"conflict status", ToJson(conflict),
       R"({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
           "reason": "Conflict", "code": 409, "details": {"retryAfterSeconds": 1}})"},
      {"empty selector", ToJson(LabelSelectorSpec()), "{}"},
      // metav1.Time is written at whole seconds, as the API server stores it;
      // MicroTime (the lease above) keeps microseconds.
      {"condition time truncated to seconds", ToJson(fractional_condition),
       R"({"type": "AbleToScale", "status": "True",
           "lastTransitionTime": "2026-01-01T12:00:00Z"})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.got, *ParseJson(c.want)) << c.got.dump();
  }
}

// YAML.

TEST(YamlTest, CoreSchemaScalars) {
  struct Case {
    std::string name;
    std::string scalar;
    json want;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {"decimal integer", "10", 10},
      {"negative integer", "-7", -7},
      {"signed integer", "+3", 3},
      {"leading zero is decimal", "010", 10},
      {"octal", "0o17", 15},
      {"hex", "0x1F", 31},
      {"beyond int64", "12345678901234567890", json(uint64_t{12345678901234567890u})},
      {"beyond uint64 becomes a float", "123456789012345678901234", 1.2345678901234568e23},
      {"fraction", "0.5", 0.5},
      {"leading dot", ".5", 0.5},
      {"trailing dot", "1.", 1.0},
      {"exponent", "1e3", 1000.0},
      {"signed exponent", "-2.5E-3", -0.0025},
      {"overflowing float", "1e999", inf},
      {"negative infinity", "-.inf", -inf},
      {"true", "true", true},
      {"capitalized false", "False", false},
      {"upper-case true", "TRUE", true},
      {"yes is a string in 1.2", "yes", "yes"},
      {"on is a string in 1.2", "on", "on"},
      {"null", "null", nullptr},
      {"tilde", "~", nullptr},
      {"empty", "", nullptr},
      {"quoted number", "\"10\"", "10"},
      {"single-quoted bool", "'true'", "true"},
      {"quoted null", "\"null\"", "null"},
      {"quantity", "500m", "500m"},
      {"binary quantity", "1.5Gi", "1.5Gi"},
      {"timestamp stays a string", "2026-01-01T12:00:00Z", "2026-01-01T12:00:00Z"},
      {"underscores are not digits", "1_000", "1_000"},
      {"bare hex prefix", "0x", "0x"},
      {"explicit string tag", "!!str 10", "10"},
      {"explicit int tag on a quoted scalar", "!!int \"7\"", 7},
      {"explicit float tag on an integer", "!!float 1", 1.0},
      {"explicit null tag", "!!null ''", nullptr},
      {"block literal", "|\n  line\n", "line\n"},
      {"multi-byte utf-8", "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x9A\x80",
       "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x9A\x80"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> got = ParseYaml(absl::StrCat("v: ", c.scalar));
    ASSERT_TRUE(got.ok()) << got.status();
    const json& v = (*got)["v"];
    EXPECT_EQ(v.type(), c.want.type()) << v.dump();
    EXPECT_EQ(v, c.want);
  }
  absl::StatusOr<json> nan = ParseYaml("v: .nan");
  ASSERT_TRUE(nan.ok());
  EXPECT_TRUE(std::isnan((*nan)["v"].get<double>()));
}

TEST(YamlTest, Structure) {
  absl::StatusOr<json> got = ParseYaml(R"(
a:
  - 1
  - {b: x, c: [true, null]}
10: numeric key
empty_map: {}
empty_list: []
anchor: &shared {k: v}
alias: *shared
)");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, *ParseJson(R"({"a": [1, {"b": "x", "c": [true, null]}], "10": "numeric key",
      "empty_map": {}, "empty_list": [], "anchor": {"k": "v"}, "alias": {"k": "v"}})"));
  absl::StatusOr<json> empty = ParseYaml("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->is_null());
}

TEST(YamlTest, Errors) {
  struct Case {
    std::string name;
    std::string text;
    std::string message;   // prefix of the error message
    std::string contains;  // and a part of it, when the position is not the point
  };
  std::string laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 8; ++i) {
    absl::StrAppend(&laughs, "a", i, ": &a", i, " [");
    for (int k = 0; k < 10; ++k) absl::StrAppend(&laughs, k ? ", " : "", "*a", i - 1);
    absl::StrAppend(&laughs, "]\n");
  }
  const std::vector<Case> cases = {
      {"unclosed flow sequence", "a: [1, 2\nb: 3\n", "yaml: line "},
      {"bad indentation", "a:\n  b: 1\n c: 2\n", "yaml: line 3, column "},
      {"duplicate key", "a: 1\nb: 2\na: 3\n", "yaml: line 3, column 1: duplicate key \"a\""},
      {"bad explicit int", "a: !!int abc\n", "yaml: line 1, column 4: \"abc\" is not an integer"},
      {"unsupported tag", "a: !thing x\n", "yaml: line 1, column 4: unsupported tag \"!thing\""},
      {"non-scalar key", "? [1, 2]\n: x\n", "yaml: line 1, column 3: mapping keys must be"},
      {"self-referencing alias", "a: &x [*x]\n", "yaml: line 1, column 4: nesting too deep"},
      {"alias bomb", laughs, "yaml: line ", "document too large"},
      {"two documents", "a: 1\n---\nb: 2\n", "yaml: expected one document"},
      {"invalid utf-8", "a: \"\xff\xfe\"\n", "yaml: "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> got = ParseYaml(c.text);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(got.status().message(), c.message)) << got.status().message();
    EXPECT_TRUE(absl::StrContains(got.status().message(), c.contains)) << got.status().message();
  }
}

TEST(YamlTest, DecodeErrorsNameFieldPaths) {
  struct Case {
    std::string name;
    std::string yaml;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"word for an integer", "spec:\n  maxReplicas: ten\n",
       R"(hpa.spec.maxReplicas: expected an integer, got "ten")"},
      {"quoted integer", "spec:\n  maxReplicas: \"10\"\n",
       R"(hpa.spec.maxReplicas: expected an integer, got "10")"},
      {"float for an integer", "spec:\n  minReplicas: 1.0\n",
       "hpa.spec.minReplicas: expected an integer, got 1.0"},
      {"misspelled field", "spec:\n  metrics:\n  - type: Resource\n    resorce: {}\n",
       "hpa.spec.metrics[0].resorce: unknown field"},
      {"yes is not a boolean or a number", "status:\n  currentReplicas: yes\n",
       R"(hpa.status.currentReplicas: expected an integer, got "yes")"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> j = ParseYaml(c.yaml);
    ASSERT_TRUE(j.ok()) << j.status();
    HorizontalPodAutoscaler hpa;
    const absl::Status status = FromJson(*j, &hpa, "hpa", {true});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), c.message);
  }
}

TEST(YamlTest, MultipleDocuments) {
  struct Case {
    std::string name;
    std::string text;
    std::vector<std::string> kinds;
  };
  const std::vector<Case> cases = {
      {"empty stream", "", {}},
      {"only separators", "---\n---\n", {}},
      {"one document", "kind: Scale\n", {"Scale"}},
      {"leading separator", "---\nkind: Scale\n", {"Scale"}},
      {"empty documents skipped",
       "kind: HorizontalPodAutoscaler\n---\n---\n# comment only\n---\nkind: Scale\n...\n",
       {"HorizontalPodAutoscaler", "Scale"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<std::vector<json>> docs = ParseYamlDocuments(c.text);
    ASSERT_TRUE(docs.ok()) << docs.status();
    std::vector<std::string> kinds;
    for (const json& d : *docs) kinds.push_back(d.value("kind", ""));
    EXPECT_EQ(kinds, c.kinds);
  }

  // A stream holding an HPA and its scale decodes document by document.
  const std::string stream = absl::StrCat(
      ReadFile(absl::StrCat(ManifestDir(), "/hpa-cpu-utilization.yaml")), "---\n",
      "kind: Scale\napiVersion: autoscaling/v1\nspec: {replicas: 3}\nstatus: {replicas: 3}\n");
  absl::StatusOr<std::vector<json>> docs = ParseYamlDocuments(stream);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 2u);
  HorizontalPodAutoscaler hpa;
  ASSERT_TRUE(FromJson((*docs)[0], &hpa, "docs[0]", {true}).ok());
  EXPECT_EQ(hpa.spec.max_replicas, 10);
  Scale scale;
  ASSERT_TRUE(FromJson((*docs)[1], &scale, "docs[1]", {true}).ok());
  EXPECT_EQ(scale.spec_replicas, 3);

  absl::StatusOr<std::vector<json>> broken = ParseYamlDocuments("a: 1\n---\nb: [\n");
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(JsonParseTest, SyntaxErrorsNameLineAndColumn) {
  struct Case {
    std::string name;
    std::string text;
    std::string position;
  };
  const std::vector<Case> cases = {
      {"empty input", "", "json: line 1, column 1: "},
      {"missing value", "{\"a\": 1,\n  \"b\": }", "json: line 2, column 8: "},
      {"bare word", "{\n\n   \"a\": nope}", "json: line 3, column 10: "},
      {"trailing garbage", "{} x", "json: line 1, column 4: "},
      {"unterminated string", "[\"abc", "json: line 1, column 6: "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<json> got = ParseJson(c.text);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(got.status().message(), c.position)) << got.status().message();
  }
}

// Times.

TEST(TimeTest, Parse) {
  struct Case {
    std::string name;
    std::string text;
    absl::Time want;
  };
  const absl::Time noon = Utc(2026, 1, 1, 12, 0, 0);
  const std::vector<Case> cases = {
      {"utc", "2026-01-01T12:00:00Z", noon},
      {"fraction", "2026-01-01T12:00:00.5Z", noon + absl::Milliseconds(500)},
      {"micro", "2026-01-01T12:00:00.000001Z", noon + absl::Microseconds(1)},
      {"nanoseconds kept, beyond dropped", "2026-01-01T12:00:00.123456789987Z",
       noon + absl::Nanoseconds(123456789)},
      {"positive offset", "2026-01-01T14:30:00+02:30", noon},
      {"negative offset", "2026-01-01T07:00:00-05:00", noon},
      {"offset crossing the date", "2025-12-31T23:00:00-13:00", noon},
      {"lower-case separators", "2026-01-01t12:00:00z", noon},
      {"leap day", "2024-02-29T00:00:00Z", Utc(2024, 2, 29, 0, 0, 0)},
      {"epoch", "1970-01-01T00:00:00Z", absl::UnixEpoch()},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<absl::Time> got = ParseTime(c.text);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, c.want) << absl::FormatTime(*got);
  }
}

TEST(TimeTest, ParseErrors) {
  struct Case {
    std::string name;
    std::string text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"empty", "", "expected a date YYYY-MM-DD"},
      {"short date", "2026-1-1T12:00:00Z", "expected a date YYYY-MM-DD"},
      {"space separator", "2026-01-01 12:00:00Z", "expected 'T' after the date"},
      {"no seconds", "2026-01-01T12:00Z", "expected a time of day hh:mm:ss"},
      {"no zone", "2026-01-01T12:00:00", "expected 'Z' or a UTC offset"},
      {"offset without colon", "2026-01-01T12:00:00+0200", "expected a UTC offset +hh:mm"},
      {"offset out of range", "2026-01-01T12:00:00+24:00", "UTC offset out of range"},
      {"empty fraction", "2026-01-01T12:00:00.Z", "expected digits after '.'"},
      {"trailing text", "2026-01-01T12:00:00Zjunk", "unexpected text after the time"},
      {"month 13", "2026-13-01T12:00:00Z", "month out of range"},
      {"february 29 in a common year", "2025-02-29T00:00:00Z", "day out of range"},
      {"day zero", "2026-01-00T00:00:00Z", "day out of range"},
      {"hour 24", "2026-01-01T24:00:00Z", "time of day out of range"},
      {"leap second", "2026-01-01T23:59:60Z", "time of day out of range"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<absl::Time> got = ParseTime(c.text);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(got.status().message(),
              absl::StrCat("invalid RFC 3339 time \"", c.text, "\": ", c.reason));
  }
}

TEST(TimeTest, Format) {
  struct Case {
    std::string name;
    absl::Time t;
    std::string time;
    std::string micro_time;
  };
  const absl::Time noon = Utc(2026, 1, 1, 12, 0, 0);
  const std::vector<Case> cases = {
      {"whole second", noon, "2026-01-01T12:00:00Z", "2026-01-01T12:00:00.000000Z"},
      {"fraction truncated", noon + absl::Nanoseconds(123456789), "2026-01-01T12:00:00Z",
       "2026-01-01T12:00:00.123456Z"},
      {"epoch", absl::UnixEpoch(), "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"},
      {"before the epoch", absl::UnixEpoch() - absl::Milliseconds(1), "1969-12-31T23:59:59Z",
       "1969-12-31T23:59:59.999000Z"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(kube::FormatTime(c.t), c.time);
    EXPECT_EQ(FormatMicroTime(c.t), c.micro_time);
    // Both forms read back; the micro form keeps microseconds.
    EXPECT_EQ(*ParseTime(kube::FormatTime(c.t)), absl::FromUnixSeconds(absl::ToUnixSeconds(c.t)));
    EXPECT_EQ(*ParseTime(FormatMicroTime(c.t)), absl::FromUnixMicros(absl::ToUnixMicros(c.t)));
  }
}

}  // namespace
}  // namespace horizon::kube
