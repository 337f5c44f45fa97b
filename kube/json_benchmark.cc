// Decode throughput of the API codecs: text -> struct for a realistic
// HorizontalPodAutoscaler (three metrics, behavior, a controller-written
// status) and for a Pod as the API server serves it. The watch and list paths
// of the controller decode these two kinds far more than any other.
#include <string>

#include "benchmark/benchmark.h"
#include "kube/hpa.h"
#include "kube/json.h"
#include "kube/pod.h"

namespace horizon::kube {
namespace {

constexpr char kHpaJson[] = R"json({
  "apiVersion": "autoscaling/v2",
  "kind": "HorizontalPodAutoscaler",
  "metadata": {
    "name": "web",
    "namespace": "shop",
    "uid": "6f1d8a52-3c1b-4d0e-b7b4-3c2f8e5d9a01",
    "resourceVersion": "918273",
    "generation": 4,
    "creationTimestamp": "2025-12-01T09:00:00Z",
    "labels": {"app": "web", "team": "storefront"},
    "annotations": {"owner": "team-storefront"}
  },
  "spec": {
    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
    "minReplicas": 2,
    "maxReplicas": 50,
    "metrics": [
      {"type": "Resource",
       "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}},
      {"type": "Pods",
       "pods": {"metric": {"name": "http_requests_per_second"},
                "target": {"type": "AverageValue", "averageValue": "50"}}},
      {"type": "External",
       "external": {"metric": {"name": "queue_depth",
                               "selector": {"matchLabels": {"queue": "web-jobs"}}},
                    "target": {"type": "Value", "value": "200"}}}
    ],
    "behavior": {
      "scaleUp": {
        "stabilizationWindowSeconds": 0,
        "selectPolicy": "Max",
        "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15},
                     {"type": "Pods", "value": 4, "periodSeconds": 15}]
      },
      "scaleDown": {
        "stabilizationWindowSeconds": 300,
        "selectPolicy": "Max",
        "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}],
        "tolerance": "50m"
      }
    }
  },
  "status": {
    "observedGeneration": 4,
    "lastScaleTime": "2026-01-01T11:57:30Z",
    "currentReplicas": 4,
    "desiredReplicas": 6,
    "currentMetrics": [
      {"type": "Resource",
       "resource": {"name": "cpu", "current": {"averageValue": "371m", "averageUtilization": 74}}},
      {"type": "Pods",
       "pods": {"metric": {"name": "http_requests_per_second"},
                "current": {"averageValue": "61500m"}}},
      {"type": "External",
       "external": {"metric": {"name": "queue_depth",
                               "selector": {"matchLabels": {"queue": "web-jobs"}}},
                    "current": {"value": "180"}}}
    ],
    "conditions": [
      {"type": "AbleToScale", "status": "True", "lastTransitionTime": "2026-01-01T11:57:30Z",
       "reason": "SucceededRescale",
       "message": "the HPA controller was able to update the target scale to 6"},
      {"type": "ScalingActive", "status": "True", "lastTransitionTime": "2025-12-01T09:00:45Z",
       "reason": "ValidMetricFound",
       "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"},
      {"type": "ScalingLimited", "status": "False", "lastTransitionTime": "2025-12-01T09:00:45Z",
       "reason": "DesiredWithinRange", "message": "the desired count is within the acceptable range"}
    ]
  }
})json";

// A served pod, with the server-managed metadata and the spec and status
// fields Horizon skips: decoding pays for walking past them.
constexpr char kPodJson[] = R"json({
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web-7d9c5b6f4d-x2lqp",
    "generateName": "web-7d9c5b6f4d-",
    "namespace": "shop",
    "uid": "5b1e3c0a-2f7d-4e9b-8c61-0a9d7f3e2b14",
    "resourceVersion": "918001",
    "creationTimestamp": "2026-01-01T11:00:00Z",
    "labels": {"app": "web", "pod-template-hash": "7d9c5b6f4d", "tier": "frontend"},
    "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9090"},
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d9c5b6f4d",
                         "uid": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "controller": true,
                         "blockOwnerDeletion": true}],
    "managedFields": [
      {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
       "time": "2026-01-01T11:00:00Z", "fieldsType": "FieldsV1",
       "fieldsV1": {"f:metadata": {"f:generateName": {}, "f:labels": {".": {}, "f:app": {}}},
                    "f:spec": {"f:containers": {"k:{\"name\":\"app\"}": {".": {}, "f:image": {}}}}}},
      {"manager": "kubelet", "operation": "Update", "apiVersion": "v1",
       "time": "2026-01-01T11:00:31Z", "fieldsType": "FieldsV1", "subresource": "status",
       "fieldsV1": {"f:status": {"f:conditions": {}, "f:podIP": {}, "f:startTime": {}}}}
    ]
  },
  "spec": {
    "volumes": [{"name": "kube-api-access-abcde",
                 "projected": {"sources": [{"serviceAccountToken": {"expirationSeconds": 3607,
                                                                    "path": "token"}}],
                               "defaultMode": 420}}],
    "initContainers": [
      {"name": "log-shipper", "image": "registry.example.com/shipper:2.1", "restartPolicy": "Always",
       "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
       "terminationMessagePath": "/dev/termination-log", "imagePullPolicy": "IfNotPresent"}
    ],
    "containers": [
      {"name": "app", "image": "registry.example.com/web:1.8.0",
       "ports": [{"containerPort": 8080, "protocol": "TCP"}],
       "env": [{"name": "MODE", "value": "production"}, {"name": "THREADS", "value": "8"}],
       "resources": {"requests": {"cpu": "500m", "memory": "512Mi"},
                     "limits": {"cpu": "1", "memory": "1Gi"}},
       "volumeMounts": [{"name": "kube-api-access-abcde", "readOnly": true,
                         "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
       "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
                          "periodSeconds": 5, "timeoutSeconds": 1, "successThreshold": 1,
                          "failureThreshold": 3},
       "terminationMessagePath": "/dev/termination-log", "imagePullPolicy": "IfNotPresent"},
      {"name": "metrics", "image": "registry.example.com/exporter:0.4",
       "resources": {"requests": {"cpu": "20m", "memory": "32Mi"}}}
    ],
    "restartPolicy": "Always",
    "terminationGracePeriodSeconds": 30,
    "dnsPolicy": "ClusterFirst",
    "serviceAccountName": "web",
    "nodeName": "node-b",
    "schedulerName": "default-scheduler",
    "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists",
                     "effect": "NoExecute", "tolerationSeconds": 300}],
    "priority": 0,
    "enableServiceLinks": true
  },
  "status": {
    "phase": "Running",
    "conditions": [
      {"type": "Initialized", "status": "True", "lastProbeTime": null,
       "lastTransitionTime": "2026-01-01T11:00:05Z"},
      {"type": "Ready", "status": "True", "lastProbeTime": null,
       "lastTransitionTime": "2026-01-01T11:00:31Z"},
      {"type": "ContainersReady", "status": "True", "lastProbeTime": null,
       "lastTransitionTime": "2026-01-01T11:00:31Z"},
      {"type": "PodScheduled", "status": "True", "lastProbeTime": null,
       "lastTransitionTime": "2026-01-01T11:00:00Z"}
    ],
    "hostIP": "192.168.10.12",
    "podIP": "10.244.1.17",
    "podIPs": [{"ip": "10.244.1.17"}],
    "startTime": "2026-01-01T11:00:02Z",
    "containerStatuses": [
      {"name": "app", "state": {"running": {"startedAt": "2026-01-01T11:00:06Z"}},
       "lastState": {}, "ready": true, "restartCount": 0,
       "image": "registry.example.com/web:1.8.0",
       "imageID": "registry.example.com/web@sha256:0123456789abcdef0123456789abcdef",
       "containerID": "containerd://89abcdef0123456789abcdef01234567", "started": true}
    ],
    "qosClass": "Burstable"
  }
})json";

template <typename T>
void DecodeText(benchmark::State& state, std::string_view text, const DecodeOptions& options) {
  for (auto _ : state) {
    absl::StatusOr<nlohmann::json> j = ParseJson(text);
    T out;
    const absl::Status status = j.ok() ? FromJson(*j, &out, "", options) : j.status();
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

// Text -> struct, the whole path a watch event takes.
void BM_HpaDecodeJson(benchmark::State& state) {
  DecodeText<HorizontalPodAutoscaler>(state, kHpaJson, {});
}
BENCHMARK(BM_HpaDecodeJson);

void BM_HpaDecodeJsonStrict(benchmark::State& state) {
  DecodeText<HorizontalPodAutoscaler>(state, kHpaJson, {true});
}
BENCHMARK(BM_HpaDecodeJsonStrict);

// The two halves of BM_HpaDecodeJson.
void BM_HpaParseJsonOnly(benchmark::State& state) {
  const std::string_view text = kHpaJson;
  for (auto _ : state) {
    absl::StatusOr<nlohmann::json> j = ParseJson(text);
    benchmark::DoNotOptimize(j);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_HpaParseJsonOnly);

void BM_HpaFromJsonOnly(benchmark::State& state) {
  const nlohmann::json j = *ParseJson(kHpaJson);
  for (auto _ : state) {
    HorizontalPodAutoscaler out;
    const absl::Status status = FromJson(j, &out);
    if (!status.ok()) state.SkipWithError(std::string(status.message()).c_str());
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HpaFromJsonOnly);

// Struct -> text, the status-write path.
void BM_HpaEncodeJson(benchmark::State& state) {
  HorizontalPodAutoscaler hpa;
  const absl::Status status = FromJson(*ParseJson(kHpaJson), &hpa);
  if (!status.ok()) state.SkipWithError(std::string(status.message()).c_str());
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = ToJson(hpa).dump();
    bytes += text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_HpaEncodeJson);

// Scenario files may be YAML; the same HPA through yaml-cpp.
void BM_HpaDecodeYaml(benchmark::State& state) {
  // JSON is YAML, so the same text exercises the YAML path.
  const std::string_view text = kHpaJson;
  for (auto _ : state) {
    absl::StatusOr<nlohmann::json> j = ParseYaml(text);
    HorizontalPodAutoscaler out;
    const absl::Status status = j.ok() ? FromJson(*j, &out) : j.status();
    if (!status.ok()) state.SkipWithError(std::string(status.message()).c_str());
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_HpaDecodeYaml);

void BM_PodDecodeJson(benchmark::State& state) { DecodeText<Pod>(state, kPodJson, {}); }
BENCHMARK(BM_PodDecodeJson);

}  // namespace
}  // namespace horizon::kube
