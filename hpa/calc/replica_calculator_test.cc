#include "hpa/calc/replica_calculator.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace horizon::hpa::calc {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1767268800);  // 2026-01-01T12:00:00Z

struct PodSpec {
  std::string name;
  std::string phase = "Running";
  std::string ready = "True";  // "" = no Ready condition
  absl::Duration started_ago = absl::Hours(1);
  absl::Duration ready_ago = absl::Hours(1);
  bool deleted = false;
  int64_t request_milli = 1000;
};

kube::Pod MakePod(const PodSpec& s) {
  kube::Pod p;
  p.metadata.name = s.name;
  p.status.phase = s.phase;
  p.status.start_time = kNow - s.started_ago;
  if (!s.ready.empty()) {
    kube::PodCondition c;
    c.type = "Ready";
    c.status = s.ready;
    c.last_transition_time = kNow - s.ready_ago;
    p.status.conditions.push_back(c);
  }
  if (s.deleted) p.metadata.deletion_timestamp = kNow;
  kube::Container c;
  c.name = "app";
  c.resources.requests["cpu"] = kube::Quantity::FromMilli(s.request_milli);
  p.spec.containers.push_back(c);
  return p;
}

struct Case {
  std::string name;
  int32_t current;
  std::vector<PodSpec> pods;
  std::vector<std::pair<std::string, int64_t>> samples;  // pod -> milli
  int32_t target_utilization;
  int32_t want_replicas;
  int32_t want_utilization;
  int64_t want_raw;
  int32_t want_ready;
};

class ResourceUtilizationTest : public testing::TestWithParam<Case> {};

TEST_P(ResourceUtilizationTest, MatchesUpstreamArithmetic) {
  const Case& c = GetParam();
  std::vector<kube::Pod> pods;
  for (const PodSpec& s : c.pods) pods.push_back(MakePod(s));
  std::vector<const kube::Pod*> listed;
  for (const kube::Pod& p : pods) listed.push_back(&p);
  std::vector<PodSample> samples;
  for (const auto& [pod, milli] : c.samples) {
    samples.push_back(PodSample{pod, milli, kNow - absl::Seconds(10), absl::Seconds(30)});
  }
  PodMetricContext ctx;
  ctx.current_replicas = c.current;
  ctx.pods = &listed;
  ctx.now = kNow;
  absl::StatusOr<PodMetricResult> r =
      ResourceUtilizationReplicas(ctx, samples, "cpu", "", c.target_utilization);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->replicas, c.want_replicas);
  EXPECT_EQ(r->utilization, c.want_utilization);
  EXPECT_EQ(r->average_milli, c.want_raw);
  EXPECT_EQ(r->grouping.ready_count, c.want_ready);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ResourceUtilizationTest,
    testing::Values(
        // 3 × 800m of 1000m = 80 %, target 50 %: ratio 1.6, ceil(4.8) = 5.
        Case{"scale_up",
             3,
             {{"a"}, {"b"}, {"c"}},
             {{"a", 800}, {"b", 800}, {"c", 800}},
             50,
             5,
             80,
             800,
             3},
        // 55 % vs 50 %: ratio exactly 1.1 is within tolerance.
        Case{"tolerance_upper_boundary_holds",
             4,
             {{"a"}, {"b"}},
             {{"a", 550}, {"b", 550}},
             50,
             4,
             55,
             550,
             2},
        // 56 % vs 50 %: 1.12 is outside, ceil(1.12 × 2) = 3.
        Case{"just_outside_tolerance",
             2,
             {{"a"}, {"b"}},
             {{"a", 560}, {"b", 560}},
             50,
             3,
             56,
             560,
             2},
        // 45 % vs 50 %: 0.9 is within.
        Case{"tolerance_lower_boundary_holds",
             2,
             {{"a"}, {"b"}},
             {{"a", 450}, {"b", 450}},
             50,
             2,
             45,
             450,
             2},
        // Utilization truncates: 2999m of 3000m = 99.96 % -> 99.
        Case{"utilization_truncates",
             3,
             {{"a"}, {"b"}, {"c"}},
             {{"a", 1000}, {"b", 1000}, {"c", 999}},
             50,
             6,
             99,
             999,
             3},
        // Scale down: 20 % vs 50 %: ceil(0.4 × 4) = 2.
        Case{"scale_down",
             4,
             {{"a"}, {"b"}, {"c"}, {"d"}},
             {{"a", 200}, {"b", 200}, {"c", 200}, {"d", 200}},
             50,
             2,
             20,
             200,
             4},
        // Missing pod on a scale-up counts as 0: 900+900+0 of 3000 = 60 % -> 1.2, ceil(3.6) = 4.
        Case{"missing_pod_scale_up_counts_zero",
             3,
             {{"a"}, {"b"}, {"c"}},
             {{"a", 900}, {"b", 900}},
             50,
             4,
             90,
             900,
             2},
        // Missing pod on a scale-down counts as 100 %: (100+100+1000)/3000 = 40 % -> 0.8, ceil(2.4)
        // = 3.
        Case{"missing_pod_scale_down_counts_full_request",
             3,
             {{"a"}, {"b"}, {"c"}},
             {{"a", 100}, {"b", 100}},
             50,
             3,
             10,
             100,
             2},
        // Unready pod on a scale-up counts as 0: (1000+0)/2000 = 50 % -> within tolerance, stays 2.
        Case{"unready_pod_damps_scale_up",
             2,
             {{"a"}, {"b", "Running", "False", absl::Minutes(1), absl::Seconds(30)}},
             {{"a", 1000}, {"b", 1000}},
             50,
             2,
             100,
             1000,
             1},
        // Pending pod ignored on a scale-down: only ready pods count, 20 % -> ceil(0.4 × 2) = 1.
        Case{"pending_pod_not_counted_on_scale_down",
             3,
             {{"a"}, {"b"}, {"c", "Pending", ""}},
             {{"a", 200}, {"b", 200}},
             50,
             1,
             20,
             200,
             2},
        // A deleted pod is ignored entirely, even its metric.
        Case{"deleted_pod_ignored",
             3,
             {{"a"}, {"b"}, {"c", "Running", "True", absl::Hours(1), absl::Hours(1), true}},
             {{"a", 800}, {"b", 800}, {"c", 5000}},
             50,
             4,
             80,
             800,
             2}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ResourceUtilizationErrorsTest, MissingRequestNamesPodAndContainer) {
  kube::Pod pod = MakePod({"a"});
  pod.spec.containers[0].resources.requests.clear();
  std::vector<const kube::Pod*> listed{&pod};
  std::vector<PodSample> samples{PodSample{"a", 100, kNow, absl::Seconds(30)}};
  PodMetricContext ctx;
  ctx.current_replicas = 1;
  ctx.pods = &listed;
  ctx.now = kNow;
  absl::StatusOr<PodMetricResult> r = ResourceUtilizationReplicas(ctx, samples, "cpu", "", 50);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "missing request for cpu in container app of Pod a");
}

TEST(ResourceUtilizationErrorsTest, NoPodsIsFailedPrecondition) {
  std::vector<const kube::Pod*> listed;
  PodMetricContext ctx;
  ctx.pods = &listed;
  absl::StatusOr<PodMetricResult> r = ResourceUtilizationReplicas(ctx, {}, "cpu", "", 50);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(PlainMetricTest, AverageTruncatesAndMissingPodsTakeTarget) {
  std::vector<kube::Pod> pods{MakePod({"a"}), MakePod({"b"}), MakePod({"c"})};
  std::vector<const kube::Pod*> listed{&pods[0], &pods[1], &pods[2]};
  // Average of 1000m and 1001m = 1000m (integer division); target 2000m.
  std::vector<PodSample> samples{PodSample{"a", 1000, kNow, absl::Minutes(1)},
                                 PodSample{"b", 1001, kNow, absl::Minutes(1)}};
  PodMetricContext ctx;
  ctx.current_replicas = 3;
  ctx.pods = &listed;
  ctx.now = kNow;
  absl::StatusOr<PodMetricResult> r = PlainMetricReplicas(ctx, samples, "", 2000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->average_milli, 1000);
  // Scale-down with a missing pod assumed at target: (1000+1001+2000)/3 = 1333 -> 0.6665, ceil(2.0)
  // = 2.
  EXPECT_EQ(r->replicas, 2);
  EXPECT_EQ(r->path, ProposalPath::kRebalanced);
}

TEST(UsageRatioTest, FromZeroIgnoresTolerance) {
  std::vector<const kube::Pod*> none;
  EXPECT_EQ(*UsageRatioReplicas(0, 1.05, Tolerances{}, none), 2);
  EXPECT_EQ(*UsageRatioReplicas(0, 0.0, Tolerances{}, none), 0);
}

TEST(UsageRatioTest, CountsOnlyRunningReadyPods) {
  std::vector<kube::Pod> pods{MakePod({"a"}), MakePod({"b", "Running", "False"}),
                              MakePod({"c", "Pending", "True"})};
  std::vector<const kube::Pod*> listed{&pods[0], &pods[1], &pods[2]};
  EXPECT_EQ(*UsageRatioReplicas(3, 2.0, Tolerances{}, listed), 2);
  EXPECT_EQ(*UsageRatioReplicas(3, 1.05, Tolerances{}, listed), 3);
}

TEST(PerPodTest, UsesStatusReplicas) {
  // 1000 over target 200 per replica with 3 replicas: ratio 1.67, ceil(5) = 5, avg ceil(333.3) =
  // 334.
  PerPodResult r = PerPodReplicas(3, 1000, 200, Tolerances{});
  EXPECT_EQ(r.replicas, 5);
  EXPECT_EQ(r.average_milli, 334);
}

TEST(CeilToReplicasTest, Saturates) {
  EXPECT_EQ(CeilToReplicas(1e300), 2147483647);
  EXPECT_EQ(CeilToReplicas(2.0000001), 3);
  EXPECT_EQ(CeilToReplicas(std::nan("")), 0);
}

}  // namespace
}  // namespace horizon::hpa::calc
