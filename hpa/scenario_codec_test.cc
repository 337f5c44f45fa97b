#include "hpa/scenario_codec.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "kube/json.h"

namespace horizon::hpa {
namespace {

using nlohmann::json;

absl::Time At(const char* text) {
  absl::StatusOr<absl::Time> t = kube::ParseTime(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : absl::Time();
}

std::string ReadRunfile(const std::string& relative) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  const std::string path =
      absl::StrCat(srcdir ? srcdir : ".", "/", workspace ? workspace : "horizon", "/", relative);
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// gtest case names allow only letters, digits and underscores.
template <typename T>
std::string CaseName(const testing::TestParamInfo<T>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// A scenario that sets every section of the format, used by several cases.
constexpr char kFullScenario[] = R"json({
  "name": "everything",
  "now": "2026-01-01T12:00:00Z",
  "note": "informational",
  "behaviorAsSubmitted": {"scaleUp": {}},
  "hpa": {
    "apiVersion": "autoscaling/v2",
    "kind": "HorizontalPodAutoscaler",
    "metadata": {"name": "web", "namespace": "shop", "generation": 3},
    "spec": {
      "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
      "minReplicas": 2,
      "maxReplicas": 20,
      "metrics": [
        {"type": "Object", "object": {
          "describedObject": {"apiVersion": "v1", "kind": "Service", "name": "front"},
          "metric": {"name": "requests"},
          "target": {"type": "Value", "value": "100"}}},
        {"type": "External", "external": {
          "metric": {"name": "queue", "selector": {"matchLabels": {"q": "jobs"}}},
          "target": {"type": "AverageValue", "averageValue": "30"}}}
      ],
      "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}
    }
  },
  "scale": {"replicas": 4, "statusReplicas": 5, "selector": "app=web",
            "updateConflictsBeforeSuccess": 2, "updateError": "boom"},
  "pods": [
    {"name": "web-0", "phase": "Running", "ready": "True",
     "readyTransitionTime": "2026-01-01T11:00:00Z", "startTime": "2026-01-01T10:59:00Z",
     "labels": {"app": "web"},
     "containers": [{"name": "app", "requests": {"cpu": "500m", "memory": "1Gi"}}],
     "initContainers": [{"name": "proxy", "restartPolicy": "Always", "requests": {"cpu": "100m"}},
                        {"name": "setup"}],
     "resources": {"requests": {"cpu": "1"}}},
    {"name": "web-1", "phase": "Pending", "ready": "False",
     "deletionTimestamp": "2026-01-01T11:59:00Z"},
    {"name": "web-2", "phase": "Running", "deletionTimestamp": null}
  ],
  "metrics": {
    "resource": [{"pod": "web-0", "timestamp": "2026-01-01T11:59:30.5Z", "window": "1m30s",
                  "containers": [{"name": "app", "usage": {"cpu": "0.25"}}]}],
    "pods": [{"metric": "rps", "pod": "web-0", "value": "12", "window": "2m"},
             {"metric": "rps", "pod": "web-1", "value": 7, "timestamp": "2026-01-01T11:58:00Z"}],
    "object": [{"metric": "requests",
                "describedObject": {"apiVersion": "v1", "kind": "Service", "name": "front"},
                "value": "150", "selector": {"matchLabels": {"path": "/"}}}],
    "external": [{"metric": "queue", "selector": {"matchLabels": {"q": "jobs"}},
                  "values": ["30", "12"]}],
    "errors": {"pods": "custom metrics down"}
  },
  "otherHPAs": [{"namespace": "shop", "name": "other", "selector": "app=web"}],
  "history": {
    "recommendations": [{"time": "2026-01-01T11:58:00Z", "replicas": 6}],
    "scaleEvents": [{"time": "2026-01-01T11:57:00Z", "replicaChange": -2}],
    "lastScaleTime": "2026-01-01T11:57:00Z"
  },
  "controller": {
    "tolerance": 0.05,
    "cpuInitializationPeriod": "3m",
    "initialReadinessDelay": "45s",
    "downscaleStabilizationWindow": "1m30s",
    "syncPeriod": "500ms",
    "scaleUpLimitFactor": 3,
    "scaleUpLimitMinimum": 5.5,
    "featureGates": {"HPAScaleToZero": false, "HPAConfigurableTolerance": false,
                     "HPAGeneration": true, "PodLevelResources": false,
                     "HPAConfigurableSyncPeriod": true}
  },
  "expect": {"desiredReplicas": 6}
})json";

// The smallest valid scenario, with `extra` members spliced in.
std::string Minimal(const std::string& extra = "") {
  return absl::StrCat(R"({"now": "2026-01-01T12:00:00Z")", extra.empty() ? "" : ", ", extra, "}");
}

std::string InList(const std::vector<std::string>& scenarios) {
  std::string out = R"({"scenarios": [)";
  for (size_t i = 0; i < scenarios.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", scenarios[i]);
  }
  return absl::StrCat(out, "]}");
}

// ---------------------------------------------------------------------------
// Decoding errors.

struct ErrorCase {
  std::string name;
  std::string text;
  // The whole message, or (when `substring`) a part of it.
  std::string message;
  bool substring = false;
};

std::vector<ErrorCase> ErrorCases() {
  return {
      {"unknown top-level key", Minimal(R"("bogus": 1)"), "bogus: unknown field"},
      {"unknown key of a pod in a list",
       InList({Minimal(), Minimal(), Minimal(R"("pods": [{"name": "a", "redy": "True"}])")}),
       "scenarios[2].pods[0].redy: unknown field"},
      {"unknown key of a container",
       Minimal(R"("pods": [{"name": "a", "containers": [{"name": "c", "request": {}}]}])"),
       "pods[0].containers[0].request: unknown field"},
      {"unknown key deep in metrics",
       Minimal(
           R"("metrics": {"resource": [{"pod": "a", "containers": [{"name": "c", "usages": {}}]}]})"),
       "metrics.resource[0].containers[0].usages: unknown field"},
      {"unknown key in the hpa spec",
       InList({Minimal(R"("hpa": {"spec": {"maxReplicas": 3, "minReplica": 1}})")}),
       "scenarios[0].hpa.spec.minReplica: unknown field"},
      {"unknown feature gate", Minimal(R"("controller": {"featureGates": {"HPAFoo": true}})"),
       "controller.featureGates.HPAFoo: unknown field"},
      {"unknown key beside scenarios", R"({"scenarios": [], "extra": 1})", "extra: unknown field"},
      {"unknown key in history",
       Minimal(
           R"("history": {"recommendations": [{"time": "2026-01-01T11:00:00Z", "replicas": 1, "why": 1}]})"),
       "history.recommendations[0].why: unknown field"},
      {"replicas as a word", InList({Minimal(R"("scale": {"replicas": "three"})")}),
       R"(scenarios[0].scale.replicas: expected an integer, got "three")"},
      {"replicas as a fraction", Minimal(R"("scale": {"replicas": 2.5})"),
       "scale.replicas: expected an integer, got 2.5"},
      {"replicas beyond 32 bits", Minimal(R"("scale": {"replicas": 5000000000})"),
       "scale.replicas: expected a 32-bit integer, got 5000000000"},
      {"negative replicas", Minimal(R"("scale": {"replicas": -1})"),
       "scale.replicas: must not be negative, got -1"},
      {"ready as a word", Minimal(R"("pods": [{"name": "a", "ready": "yes"}])"),
       R"(pods[0].ready: expected "True", "False" or "Unknown", got "yes")"},
      {"unknown phase", Minimal(R"("pods": [{"name": "a", "phase": "Runing"}])"),
       R"(pods[0].phase: expected Pending, Running, Succeeded, Failed or Unknown, got "Runing")"},
      {"transition time without ready",
       Minimal(R"("pods": [{"name": "a", "readyTransitionTime": "2026-01-01T11:00:00Z"}])"),
       "pods[0].readyTransitionTime: set without ready"},
      {"duplicate pod name", Minimal(R"("pods": [{"name": "a"}, {"name": "a"}])"),
       R"(pods[1].name: duplicate pod name "a")"},
      {"sidecar policy other than Always",
       Minimal(
           R"("pods": [{"name": "a", "initContainers": [{"name": "i", "restartPolicy": "Never"}]}])"),
       R"(pods[0].initContainers[0].restartPolicy: expected "Always", got "Never")"},
      {"labels with a number", Minimal(R"("pods": [{"name": "a", "labels": {"v": 1}}])"),
       "pods[0].labels.v: expected a string, got 1"},
      {"missing now", R"({"name": "x"})", "now: required"},
      {"missing now in a list", InList({Minimal(), R"({"name": "x"})"}),
       "scenarios[1].now: required"},
      {"now not a time", R"({"now": "yesterday"})",
       R"(now: expected an RFC 3339 time, got "yesterday")"},
      {"duration in words", Minimal(R"("controller": {"syncPeriod": "5 minutes"})"),
       R"(controller.syncPeriod: expected a duration like "30s", got "5 minutes")"},
      {"duration as a number", Minimal(R"("controller": {"cpuInitializationPeriod": 300})"),
       R"(controller.cpuInitializationPeriod: expected a duration like "30s", got 300)"},
      {"negative duration", Minimal(R"("controller": {"initialReadinessDelay": "-30s"})"),
       R"(controller.initialReadinessDelay: must not be negative, got "-30s")"},
      {"metric window not a duration",
       Minimal(
           R"("metrics": {"pods": [{"metric": "m", "pod": "a", "value": "1", "window": "1x"}]})"),
       R"(metrics.pods[0].window: expected a duration like "30s", got "1x")"},
      {"feature gate not a bool",
       Minimal(R"("controller": {"featureGates": {"HPAScaleToZero": "yes"}})"),
       R"(controller.featureGates.HPAScaleToZero: expected true or false, got "yes")"},
      {"tolerance as text", Minimal(R"("controller": {"tolerance": "10%"})"),
       R"(controller.tolerance: expected a number, got "10%")"},
      {"pod metric without value", Minimal(R"("metrics": {"pods": [{"metric": "m", "pod": "a"}]})"),
       "metrics.pods[0].value: required"},
      {"bad quantity",
       Minimal(
           R"("metrics": {"resource": [{"pod": "a", "containers": [{"name": "c", "usage": {"cpu": "12zz"}}]}]})"),
       "metrics.resource[0].containers[0].usage.cpu", true},
      {"history recommendations not a list", Minimal(R"("history": {"recommendations": 3})"),
       "history.recommendations: expected an array, got 3"},
      {"pods not a list", Minimal(R"("pods": {"name": "a"})"),
       R"(pods: expected an array, got {"name":"a"})"},
      {"expect not an object", Minimal(R"("expect": [1])"), "expect: expected an object, got [1]"},
      {"empty scenario list", R"({"scenarios": []})", "scenarios: no scenarios in the list"},
      {"root is a list", "[1, 2]", "expected a scenario object or {\"scenarios\": [...]}", true},
      {"json syntax error", "{\"now\": ", "json:", true},
      {"yaml scalar root", "just text", "expected a scenario object", true},
  };
}

class DecodeErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(DecodeErrorTest, NamesThePath) {
  const ErrorCase& c = GetParam();
  absl::StatusOr<std::vector<ScenarioFile>> got = DecodeScenarios(c.text, "test.json");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  if (c.substring) {
    EXPECT_NE(std::string(got.status().message()).find(c.message), std::string::npos)
        << got.status().message();
  } else {
    EXPECT_EQ(got.status().message(), c.message);
  }
}

INSTANTIATE_TEST_SUITE_P(All, DecodeErrorTest, testing::ValuesIn(ErrorCases()),
                         CaseName<ErrorCase>);

// ---------------------------------------------------------------------------
// Successful decoding.

struct DecodeCase {
  std::string name;
  // The file's text; a value starting with "runfile:" names a data file instead.
  std::string text;
  std::function<void(const std::vector<ScenarioFile>&)> check;
};

std::string TextOf(const std::string& text) {
  constexpr char kRunfile[] = "runfile:";
  if (text.rfind(kRunfile, 0) == 0) return ReadRunfile(text.substr(sizeof(kRunfile) - 1));
  return text;
}

std::vector<DecodeCase> DecodeCases() {
  return {
      {"spec example file", "runfile:testdata/scenarios/spec/basic.json",
       [](const std::vector<ScenarioFile>& files) {
         ASSERT_EQ(files.size(), 4u);
         const Scenario& s = files[0].scenario;
         EXPECT_EQ(s.name, "cpu-utilization-scale-up");
         EXPECT_EQ(s.now, At("2026-01-01T12:00:00Z"));
         EXPECT_EQ(s.hpa.metadata.namespace_, "shop");
         EXPECT_EQ(s.hpa.spec.max_replicas, 10);
         ASSERT_EQ(s.hpa.spec.metrics.size(), 1u);
         ASSERT_TRUE(s.hpa.spec.metrics[0].resource.has_value());
         EXPECT_EQ(s.hpa.spec.metrics[0].resource->target.average_utilization, 50);
         EXPECT_EQ(s.scale.replicas, 3);
         EXPECT_EQ(s.scale.selector, "app=web");
         ASSERT_EQ(s.pods.size(), 3u);
         EXPECT_EQ(s.pods[1].metadata.name, "web-1");
         EXPECT_EQ(s.pods[1].metadata.namespace_, "shop");
         EXPECT_EQ(s.pods[1].status.phase, "Running");
         ASSERT_NE(s.pods[1].FindCondition("Ready"), nullptr);
         EXPECT_EQ(s.pods[1].FindCondition("Ready")->status, "True");
         EXPECT_EQ(s.pods[1].FindCondition("Ready")->last_transition_time,
                   At("2026-01-01T11:00:00Z"));
         EXPECT_FALSE(s.pods[1].metadata.deletion_timestamp.has_value());
         ASSERT_EQ(s.pods[1].spec.containers.size(), 1u);
         EXPECT_EQ(s.pods[1].spec.containers[0].resources.requests.at("cpu").MilliValue(), 500);
         ASSERT_EQ(s.metrics.resource.size(), 3u);
         EXPECT_EQ(s.metrics.resource[2].pod, "web-2");
         EXPECT_EQ(s.metrics.resource[2].window, absl::Seconds(30));
         EXPECT_EQ(s.metrics.resource[2].containers[0].usage.at("cpu").MilliValue(), 400);
         EXPECT_FALSE(s.controller.feature_gates.hpa_scale_to_zero);
         EXPECT_TRUE(s.controller.feature_gates.pod_level_resources);
         EXPECT_EQ(files[0].expect.at("desiredReplicas"), 5);
         EXPECT_EQ(files[0].raw.at("name"), "cpu-utilization-scale-up");
         EXPECT_EQ(files[1].scenario.name, "scale-down-held-by-fresh-memory");
         EXPECT_FALSE(files[1].scenario.history.recommendations.has_value());
         ASSERT_TRUE(files[2].scenario.history.recommendations.has_value());
         EXPECT_TRUE(files[2].scenario.history.recommendations->empty());
         EXPECT_EQ(files[3].scenario.metrics.resource.size(), 2u);
       }},
      {"yaml equivalent of a spec example",
       R"yaml(
name: cpu-utilization-scale-up
now: "2026-01-01T12:00:00Z"
hpa:
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web, namespace: shop}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
    minReplicas: 1
    maxReplicas: 10
    metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 50}
scale: {replicas: 3, selector: app=web}
pods:
- name: web-0
  phase: Running
  ready: "True"
  readyTransitionTime: "2026-01-01T11:00:00Z"
  startTime: "2026-01-01T11:00:00Z"
  deletionTimestamp: null
  labels: {app: web}
  containers:
  - name: app
    requests: {cpu: 500m}
metrics:
  resource:
  - pod: web-0
    timestamp: "2026-01-01T11:59:50Z"
    window: 30s
    containers:
    - name: app
      usage: {cpu: 400m, memory: 100Mi}
history:
  recommendations: []
expect:
  desiredReplicas: 5
)yaml",
       [](const std::vector<ScenarioFile>& files) {
         ASSERT_EQ(files.size(), 1u);
         const Scenario& s = files[0].scenario;
         EXPECT_EQ(s.name, "cpu-utilization-scale-up");
         EXPECT_EQ(s.hpa.spec.metrics[0].resource->target.average_utilization, 50);
         EXPECT_EQ(s.scale.replicas, 3);
         ASSERT_EQ(s.pods.size(), 1u);
         EXPECT_EQ(s.pods[0].metadata.labels.at("app"), "web");
         EXPECT_EQ(s.metrics.resource[0].timestamp, At("2026-01-01T11:59:50Z"));
         EXPECT_EQ(s.metrics.resource[0].containers[0].usage.at("memory").Value(),
                   100 * 1024 * 1024);
         ASSERT_TRUE(s.history.recommendations.has_value());
         EXPECT_TRUE(s.history.recommendations->empty());
         EXPECT_EQ(files[0].expect.at("desiredReplicas"), 5);
       }},
      {"statusReplicas defaults to replicas", Minimal(R"("scale": {"replicas": 7})"),
       [](const std::vector<ScenarioFile>& files) {
         EXPECT_EQ(files[0].scenario.scale.replicas, 7);
         EXPECT_EQ(files[0].scenario.scale.status_replicas, 7);
       }},
      {"statusReplicas kept when given",
       Minimal(R"("scale": {"replicas": 7, "statusReplicas": 9})"),
       [](const std::vector<ScenarioFile>& files) {
         EXPECT_EQ(files[0].scenario.scale.status_replicas, 9);
       }},
      {"history absent, null and empty",
       InList({Minimal(), Minimal(R"("history": {"recommendations": null})"),
               Minimal(R"("history": {"recommendations": []})")}),
       [](const std::vector<ScenarioFile>& files) {
         ASSERT_EQ(files.size(), 3u);
         EXPECT_FALSE(files[0].scenario.history.recommendations.has_value());
         EXPECT_FALSE(files[1].scenario.history.recommendations.has_value());
         ASSERT_TRUE(files[2].scenario.history.recommendations.has_value());
         EXPECT_TRUE(files[2].scenario.history.recommendations->empty());
       }},
      {"defaults for an empty scenario", Minimal(),
       [](const std::vector<ScenarioFile>& files) {
         const Scenario& s = files[0].scenario;
         EXPECT_EQ(s.name, "test.json");
         EXPECT_TRUE(files[0].expect.is_null());
         // API-server defaulting: minReplicas 1 and CPU at 80 %.
         EXPECT_EQ(s.hpa.spec.min_replicas, 1);
         ASSERT_EQ(s.hpa.spec.metrics.size(), 1u);
         EXPECT_EQ(s.hpa.spec.metrics[0].resource->name, "cpu");
         EXPECT_EQ(s.hpa.spec.metrics[0].resource->target.average_utilization, 80);
         EXPECT_FALSE(s.hpa.spec.behavior.has_value());
         EXPECT_EQ(s.controller.tolerance, 0.1);
         EXPECT_EQ(s.controller.sync_period, absl::Seconds(15));
         EXPECT_EQ(s.controller.downscale_stabilization_window, absl::Minutes(5));
         EXPECT_TRUE(s.controller.feature_gates.hpa_scale_to_zero);
         EXPECT_TRUE(s.controller.feature_gates.hpa_configurable_tolerance);
         EXPECT_FALSE(s.controller.feature_gates.hpa_generation);
         EXPECT_FALSE(s.controller.feature_gates.hpa_configurable_sync_period);
       }},
      {"unnamed scenarios in a list are named by position", InList({Minimal(), Minimal()}),
       [](const std::vector<ScenarioFile>& files) {
         EXPECT_EQ(files[0].scenario.name, "test.json[0]");
         EXPECT_EQ(files[1].scenario.name, "test.json[1]");
       }},
      {"every section set", kFullScenario,
       [](const std::vector<ScenarioFile>& files) {
         const Scenario& s = files[0].scenario;
         EXPECT_EQ(s.name, "everything");
         // A set behavior is filled in by defaulting.
         ASSERT_TRUE(s.hpa.spec.behavior.has_value());
         ASSERT_TRUE(s.hpa.spec.behavior->scale_up.has_value());
         EXPECT_EQ(s.hpa.spec.behavior->scale_down->stabilization_window_seconds, 60);
         EXPECT_EQ(s.hpa.spec.behavior->scale_down->select_policy, "Max");
         EXPECT_EQ(s.scale.status_replicas, 5);
         EXPECT_EQ(s.scale.update_conflicts_before_success, 2);
         EXPECT_EQ(s.scale.update_error, "boom");
         EXPECT_FALSE(s.scale.get_error.has_value());
         ASSERT_EQ(s.pods.size(), 3u);
         const kube::Pod& p0 = s.pods[0];
         EXPECT_EQ(p0.status.start_time, At("2026-01-01T10:59:00Z"));
         ASSERT_EQ(p0.spec.init_containers.size(), 2u);
         EXPECT_EQ(p0.spec.init_containers[0].restart_policy, "Always");
         EXPECT_FALSE(p0.spec.init_containers[1].restart_policy.has_value());
         ASSERT_TRUE(p0.spec.resources.has_value());
         EXPECT_EQ(p0.spec.resources->requests.at("cpu").MilliValue(), 1000);
         EXPECT_EQ(s.pods[1].metadata.deletion_timestamp, At("2026-01-01T11:59:00Z"));
         EXPECT_EQ(s.pods[1].FindCondition("Ready")->status, "False");
         EXPECT_EQ(s.pods[2].FindCondition("Ready"), nullptr);
         EXPECT_FALSE(s.pods[2].status.start_time.has_value());
         EXPECT_EQ(s.metrics.resource[0].timestamp,
                   At("2026-01-01T11:59:30Z") + absl::Milliseconds(500));
         EXPECT_EQ(s.metrics.resource[0].window, absl::Seconds(90));
         EXPECT_EQ(s.metrics.resource[0].containers[0].usage.at("cpu").MilliValue(), 250);
         ASSERT_EQ(s.metrics.pods.size(), 2u);
         // A sample without a timestamp is taken at `now`.
         EXPECT_EQ(s.metrics.pods[0].timestamp, s.now);
         EXPECT_EQ(s.metrics.pods[0].window, absl::Minutes(2));
         EXPECT_EQ(s.metrics.pods[1].value.Value(), 7);
         EXPECT_EQ(s.metrics.pods[1].window, absl::Minutes(1));
         ASSERT_EQ(s.metrics.object.size(), 1u);
         EXPECT_EQ(s.metrics.object[0].described_object.kind, "Service");
         EXPECT_EQ(s.metrics.object[0].selector->match_labels.at("path"), "/");
         ASSERT_EQ(s.metrics.external.size(), 1u);
         EXPECT_EQ(s.metrics.external[0].values.size(), 2u);
         EXPECT_EQ(s.metrics.external[0].values[1].Value(), 12);
         EXPECT_EQ(s.metrics.pods_error, "custom metrics down");
         EXPECT_FALSE(s.metrics.resource_error.has_value());
         ASSERT_EQ(s.other_hpas.size(), 1u);
         EXPECT_EQ(s.other_hpas[0].selector, "app=web");
         ASSERT_EQ(s.history.recommendations->size(), 1u);
         EXPECT_EQ((*s.history.recommendations)[0].replicas, 6);
         ASSERT_EQ(s.history.scale_events.size(), 1u);
         EXPECT_EQ(s.history.scale_events[0].replica_change, -2);
         EXPECT_EQ(s.last_scale_time, At("2026-01-01T11:57:00Z"));
         EXPECT_EQ(s.controller.tolerance, 0.05);
         EXPECT_EQ(s.controller.cpu_initialization_period, absl::Minutes(3));
         EXPECT_EQ(s.controller.initial_readiness_delay, absl::Seconds(45));
         EXPECT_EQ(s.controller.sync_period, absl::Milliseconds(500));
         EXPECT_EQ(s.controller.scale_up_limit_factor, 3.0);
         EXPECT_EQ(s.controller.scale_up_limit_minimum, 5.5);
       }},
      {"feature gates by their upstream names", kFullScenario,
       [](const std::vector<ScenarioFile>& files) {
         const FeatureGates& g = files[0].scenario.controller.feature_gates;
         EXPECT_FALSE(g.hpa_scale_to_zero);
         EXPECT_FALSE(g.hpa_configurable_tolerance);
         EXPECT_TRUE(g.hpa_generation);
         EXPECT_FALSE(g.pod_level_resources);
         EXPECT_TRUE(g.hpa_configurable_sync_period);
       }},
      {"yaml booleans for readiness",
       "now: 2026-01-01T12:00:00Z\npods:\n- {name: a, ready: true}\n",
       [](const std::vector<ScenarioFile>& files) {
         ASSERT_EQ(files[0].scenario.pods.size(), 1u);
         EXPECT_EQ(files[0].scenario.pods[0].FindCondition("Ready")->status, "True");
       }},
  };
}

class DecodeTest : public testing::TestWithParam<DecodeCase> {};

TEST_P(DecodeTest, Decodes) {
  const DecodeCase& c = GetParam();
  absl::StatusOr<std::vector<ScenarioFile>> got = DecodeScenarios(TextOf(c.text), "test.json");
  ASSERT_TRUE(got.ok()) << got.status();
  c.check(*got);
}

INSTANTIATE_TEST_SUITE_P(All, DecodeTest, testing::ValuesIn(DecodeCases()), CaseName<DecodeCase>);

// ---------------------------------------------------------------------------
// Encoding.

struct RoundTripCase {
  std::string name;
  std::string text;  // as in DecodeCase
};

class RoundTripTest : public testing::TestWithParam<RoundTripCase> {};

TEST_P(RoundTripTest, DecodeEncodeDecode) {
  const RoundTripCase& c = GetParam();
  absl::StatusOr<std::vector<ScenarioFile>> first = DecodeScenarios(TextOf(c.text), "test.json");
  ASSERT_TRUE(first.ok()) << first.status();
  for (const ScenarioFile& file : *first) {
    SCOPED_TRACE(file.scenario.name);
    const json encoded = EncodeScenario(file.scenario);
    absl::StatusOr<std::vector<ScenarioFile>> second =
        DecodeScenarios(encoded.dump(), "again.json");
    ASSERT_TRUE(second.ok()) << second.status() << "\n" << encoded.dump(1);
    ASSERT_EQ(second->size(), 1u);
    const Scenario& s = (*second)[0].scenario;
    EXPECT_EQ(EncodeScenario(s), encoded);
    // Spot checks that the encoding carried the values, not just a shape.
    EXPECT_EQ(s.name, file.scenario.name);
    EXPECT_EQ(s.now, file.scenario.now);
    EXPECT_EQ(s.pods.size(), file.scenario.pods.size());
    EXPECT_EQ(s.history.recommendations.has_value(),
              file.scenario.history.recommendations.has_value());
    EXPECT_EQ(s.scale.status_replicas, file.scenario.scale.status_replicas);
    EXPECT_EQ(s.metrics.resource.size(), file.scenario.metrics.resource.size());
    EXPECT_EQ(s.controller.sync_period, file.scenario.controller.sync_period);
  }
}

INSTANTIATE_TEST_SUITE_P(All, RoundTripTest,
                         testing::ValuesIn(std::vector<RoundTripCase>{
                             {"spec example file", "runfile:testdata/scenarios/spec/basic.json"},
                             {"every section set", kFullScenario},
                             {"minimal", Minimal()},
                             {"history present and empty",
                              Minimal(R"("history": {"recommendations": []})")},
                         }),
                         CaseName<RoundTripCase>);

TEST(EncodeScenarioTest, WritesTheFileFormat) {
  absl::StatusOr<std::vector<ScenarioFile>> files = DecodeScenarios(kFullScenario, "x");
  ASSERT_TRUE(files.ok()) << files.status();
  // Non-const: operator[] on a missing member then yields null instead of UB.
  json j = EncodeScenario((*files)[0].scenario);
  EXPECT_EQ(j["now"], "2026-01-01T12:00:00Z");
  EXPECT_EQ(j["scale"]["statusReplicas"], 5);
  EXPECT_EQ(j["pods"][0]["ready"], "True");
  EXPECT_EQ(j["pods"][0]["initContainers"][0]["restartPolicy"], "Always");
  EXPECT_EQ(j["pods"][1]["deletionTimestamp"], "2026-01-01T11:59:00Z");
  EXPECT_EQ(j["metrics"]["resource"][0]["timestamp"], "2026-01-01T11:59:30.5Z");
  EXPECT_EQ(j["metrics"]["resource"][0]["window"], "1m30s");
  EXPECT_EQ(j["metrics"]["resource"][0]["containers"][0]["usage"]["cpu"], "250m");
  EXPECT_EQ(j["metrics"]["errors"]["pods"], "custom metrics down");
  EXPECT_EQ(j["history"]["scaleEvents"][0]["replicaChange"], -2);
  EXPECT_EQ(j["controller"]["syncPeriod"], "500ms");
  EXPECT_EQ(j["controller"]["featureGates"]["HPAGeneration"], true);
  EXPECT_FALSE(j.contains("expect"));
  EXPECT_FALSE(j.contains("note"));
}

TEST(EncodeDecisionTest, UsesTheResultFieldNames) {
  Decision d;
  d.name = "case";
  d.desired_replicas = 5;
  d.recommendation = 4;
  kube::MetricStatus metric;
  metric.type = "Resource";
  metric.resource = kube::ResourceMetricStatus{"cpu", {}};
  metric.resource->current.average_utilization = 80;
  d.current_metrics.push_back(metric);
  d.conditions.push_back({"AbleToScale", "True", At("2026-01-01T12:00:00Z"), "SucceededRescale",
                          "the HPA controller was able to update the target scale to 5"});
  d.reconcile_error = "partial";
  d.events.push_back({"Normal", "SuccessfulRescale", "New size: 5; reason: x"});
  d.scale_write = {true, 5, true, 1};
  d.status_updated = true;
  d.requeue_after = absl::Seconds(90);
  MetricExplanation m;
  m.type = "Resource";
  m.name = "cpu resource utilization (percentage of request)";
  m.pod_groups = PodGroups{2, {"web-2"}, {}, {"web-3"}};
  m.pod_requests_milli = {{"web-0", 500}, {"web-1", 500}};
  m.usage = "80% (400m avg)";
  m.target = "50%";
  m.ratio = 1.6;
  m.proposal = 5;
  d.explanation.metrics.push_back(m);
  MetricExplanation failed;
  failed.type = "Pods";
  failed.error = "no metrics";
  d.explanation.metrics.push_back(failed);
  d.explanation.stages.push_back({"min-max", 5, 5, "DesiredWithinRange", "within range"});

  const json j = EncodeDecision(d);
  const json want = json::parse(R"json({
    "name": "case",
    "desiredReplicas": 5,
    "recommendation": 4,
    "currentMetrics": [{"type": "Resource",
                        "resource": {"name": "cpu", "current": {"averageUtilization": 80}}}],
    "conditions": [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale",
                    "message": "the HPA controller was able to update the target scale to 5"}],
    "error": null,
    "reconcileError": "partial",
    "events": [{"type": "Normal", "reason": "SuccessfulRescale",
                "message": "New size: 5; reason: x"}],
    "scaleWrite": {"attempted": true, "replicas": 5, "succeeded": true, "conflicts": 1},
    "statusUpdated": true,
    "requeueAfter": "1m30s",
    "behavior": null,
    "explanation": {
      "metrics": [
        {"type": "Resource", "name": "cpu resource utilization (percentage of request)",
         "podGroups": {"readyCount": 2, "unready": ["web-2"], "missing": [], "ignored": ["web-3"]},
         "podRequests": {"web-0": 500, "web-1": 500},
         "usage": "80% (400m avg)", "target": "50%", "ratio": 1.6, "proposal": 5, "error": null},
        {"type": "Pods", "name": "", "podGroups": null, "podRequests": {}, "usage": "",
         "target": "", "ratio": null, "proposal": null, "error": "no metrics"}
      ],
      "stages": [{"stage": "min-max", "from": 5, "to": 5, "reason": "DesiredWithinRange",
                  "text": "within range"}]
    }
  })json");
  EXPECT_EQ(j, want) << j.dump(1);
}

TEST(EncodeDecisionTest, EncodesBehaviorAndNullRecommendation) {
  Decision d;
  d.behavior = kube::HorizontalPodAutoscalerBehavior{};
  d.behavior->scale_down = kube::HPAScalingRules{};
  d.behavior->scale_down->stabilization_window_seconds = 120;
  d.error = "failed to get cpu utilization";
  json j = EncodeDecision(d);
  EXPECT_TRUE(j["recommendation"].is_null());
  EXPECT_EQ(j["error"], "failed to get cpu utilization");
  EXPECT_EQ(j["behavior"]["scaleDown"]["stabilizationWindowSeconds"], 120);
  EXPECT_EQ(j["requeueAfter"], "15s");
  EXPECT_EQ(j["scaleWrite"]["attempted"], false);
}

// ---------------------------------------------------------------------------
// Go durations.

TEST(GoDurationTest, FormatsAsGoDoes) {
  struct Case {
    std::string name;
    absl::Duration in;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"zero", absl::ZeroDuration(), "0s"},
      {"seconds", absl::Seconds(15), "15s"},
      {"minutes and seconds", absl::Seconds(90), "1m30s"},
      {"whole minute", absl::Minutes(5), "5m0s"},
      {"hour", absl::Hours(1), "1h0m0s"},
      {"hours minutes seconds", absl::Hours(2) + absl::Minutes(3) + absl::Seconds(4), "2h3m4s"},
      {"fractional seconds", absl::Milliseconds(1500), "1.5s"},
      {"milliseconds", absl::Milliseconds(250), "250ms"},
      {"fractional milliseconds", absl::Microseconds(1500), "1.5ms"},
      {"microseconds", absl::Microseconds(2), "2\xC2\xB5s"},
      {"nanoseconds", absl::Nanoseconds(7), "7ns"},
      {"negative", -absl::Seconds(90), "-1m30s"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FormatGoDuration(c.in), c.want);
  }
}

TEST(GoDurationTest, ParsesGoSyntax) {
  struct Case {
    std::string name;
    std::string in;
    bool ok;
    absl::Duration want;
  };
  const std::vector<Case> cases = {
      {"seconds", "30s", true, absl::Seconds(30)},
      {"go long form", "1h0m0s", true, absl::Hours(1)},
      {"fraction", "1.5s", true, absl::Milliseconds(1500)},
      {"micro sign", "2\xC2\xB5s", true, absl::Microseconds(2)},
      {"greek mu", "2\xCE\xBCs", true, absl::Microseconds(2)},
      {"ascii micro", "2us", true, absl::Microseconds(2)},
      {"bare zero", "0", true, absl::ZeroDuration()},
      {"empty", "", false, absl::ZeroDuration()},
      {"no unit", "30", false, absl::ZeroDuration()},
      {"words", "five minutes", false, absl::ZeroDuration()},
      {"infinite", "inf", false, absl::ZeroDuration()},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<absl::Duration> got = ParseGoDuration(c.in);
    ASSERT_EQ(got.ok(), c.ok) << got.status();
    if (c.ok) {
      EXPECT_EQ(*got, c.want);
      EXPECT_EQ(ParseGoDuration(FormatGoDuration(*got)).value(), *got);
    } else {
      EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace horizon::hpa
