// Benchmarks Evaluate() on synthetic scenarios: 10, 1,000 and 10,000 pods,
// with one metric (CPU utilization) or three (CPU utilization, a Pods metric
// and an External metric), and a behavior with recommendation and scale-event
// history. Run: tools/dev bench (or bazel run -c opt //hpa/calc:evaluate_benchmark).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "hpa/evaluate.h"

namespace horizon::hpa {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1767268800);

Scenario MakeScenario(int pods, bool three_metrics) {
  Scenario s;
  s.name = "bench";
  s.now = kNow;
  s.hpa.metadata.name = "web";
  s.hpa.metadata.namespace_ = "shop";
  s.hpa.spec.scale_target_ref = {"Deployment", "web", "apps/v1"};
  s.hpa.spec.min_replicas = 1;
  s.hpa.spec.max_replicas = pods * 4;
  kube::MetricSpec cpu;
  cpu.type = kube::kResourceMetricSourceType;
  cpu.resource = kube::ResourceMetricSource{"cpu", {kube::kUtilizationMetricType, {}, {}, 50}};
  s.hpa.spec.metrics.push_back(cpu);
  if (three_metrics) {
    kube::MetricSpec rps;
    rps.type = kube::kPodsMetricSourceType;
    rps.pods = kube::PodsMetricSource{
        {"http_requests_per_second", {}},
        {kube::kAverageValueMetricType, {}, kube::Quantity::FromInt(10), {}}};
    s.hpa.spec.metrics.push_back(rps);
    kube::MetricSpec queue;
    queue.type = kube::kExternalMetricSourceType;
    queue.external = kube::ExternalMetricSource{
        {"queue_length", kube::LabelSelectorSpec{{{"queue", "orders"}}, {}}},
        {kube::kAverageValueMetricType, {}, kube::Quantity::FromInt(30), {}}};
    s.hpa.spec.metrics.push_back(queue);
  }
  kube::HorizontalPodAutoscalerBehavior behavior;
  behavior.scale_up = kube::HPAScalingRules{
      0,
      std::string("Max"),
      std::vector<kube::HPAScalingPolicy>{{"Pods", 4, 15}, {"Percent", 100, 15}},
      {}};
  behavior.scale_down = kube::HPAScalingRules{
      300, std::string("Max"), std::vector<kube::HPAScalingPolicy>{{"Percent", 100, 15}}, {}};
  s.hpa.spec.behavior = behavior;
  s.scale.replicas = pods;
  s.scale.status_replicas = pods;
  s.scale.selector = "app=web";
  s.controller.feature_gates.hpa_scale_to_zero = false;
  s.pods.reserve(pods);
  for (int i = 0; i < pods; ++i) {
    kube::Pod p;
    p.metadata.name = absl::StrCat("web-", i);
    p.metadata.labels["app"] = "web";
    p.status.phase = "Running";
    p.status.start_time = kNow - absl::Hours(1);
    p.status.conditions.push_back({"Ready", "True", kNow - absl::Hours(1), "", ""});
    kube::Container c;
    c.name = "app";
    c.resources.requests["cpu"] = kube::Quantity::FromMilli(500);
    p.spec.containers.push_back(c);
    s.pods.push_back(p);
    PodResourceMetrics m;
    m.pod = p.metadata.name;
    m.timestamp = kNow - absl::Seconds(10);
    m.containers.push_back({"app", {{"cpu", kube::Quantity::FromMilli(300 + i % 200)}}});
    s.metrics.resource.push_back(m);
    if (three_metrics) {
      s.metrics.pods.push_back(PodMetricValue{"http_requests_per_second", p.metadata.name,
                                              kube::Quantity::FromMilli(9000 + i % 3000),
                                              kNow - absl::Seconds(10), absl::Minutes(1)});
    }
  }
  if (three_metrics) {
    s.metrics.external.push_back(ExternalMetricValues{
        "queue_length",
        kube::LabelSelectorSpec{{{"queue", "orders"}}, {}},
        {kube::Quantity::FromInt(25LL * pods), kube::Quantity::FromInt(5LL * pods)},
        kNow - absl::Seconds(5)});
  }
  std::vector<TimestampedRecommendation> recs;
  for (int i = 0; i < 20; ++i) recs.push_back({kNow - absl::Seconds(15 * i), pods + (i % 3)});
  s.history.recommendations = recs;
  s.history.scale_events = {{kNow - absl::Seconds(30), 2}, {kNow - absl::Seconds(200), -1}};
  return s;
}

void BM_Evaluate(benchmark::State& state) {
  const Scenario s = MakeScenario(static_cast<int>(state.range(0)), state.range(1) == 3);
  int32_t desired = 0;
  for (auto _ : state) {
    Decision d = Evaluate(s, kNow);
    desired = d.desired_replicas;
    benchmark::DoNotOptimize(d);
  }
  state.counters["desired"] = desired;
  state.counters["pods"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Evaluate)
    ->ArgNames({"pods", "metrics"})
    ->Args({10, 1})
    ->Args({10, 3})
    ->Args({1000, 1})
    ->Args({1000, 3})
    ->Args({10000, 1})
    ->Args({10000, 3})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace horizon::hpa
