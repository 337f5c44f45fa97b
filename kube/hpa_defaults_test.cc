#include "kube/hpa_defaults.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "kube/hpa.h"
#include "kube/quantity.h"

namespace horizon::kube {
namespace {

// ---------------------------------------------------------------------------
// Builders: objects are assembled as structs, field by field.

HPAScalingPolicy Policy(const std::string& type, int32_t value, int32_t period_seconds) {
  HPAScalingPolicy policy;
  policy.type = type;
  policy.value = value;
  policy.period_seconds = period_seconds;
  return policy;
}

MetricSpec CpuUtilization(int32_t percent) {
  MetricSpec metric;
  metric.type = kResourceMetricSourceType;
  ResourceMetricSource resource;
  resource.name = "cpu";
  resource.target.type = kUtilizationMetricType;
  resource.target.average_utilization = percent;
  metric.resource = resource;
  return metric;
}

MetricSpec PodsAverage(const std::string& name, int64_t milli) {
  MetricSpec metric;
  metric.type = kPodsMetricSourceType;
  PodsMetricSource pods;
  pods.metric.name = name;
  pods.target.type = kAverageValueMetricType;
  pods.target.average_value = Quantity::FromMilli(milli);
  metric.pods = pods;
  return metric;
}

// An HPA as a user writes it: nothing optional set.
HorizontalPodAutoscaler Bare() {
  HorizontalPodAutoscaler hpa;
  hpa.metadata.name = "web";
  hpa.metadata.namespace_ = "default";
  hpa.spec.scale_target_ref = {"Deployment", "web", "apps/v1"};
  hpa.spec.max_replicas = 10;
  return hpa;
}

// `Bare()` as the API server returns it when the user sets nothing optional.
HorizontalPodAutoscaler BareDefaulted() {
  HorizontalPodAutoscaler hpa = Bare();
  hpa.spec.min_replicas = 1;
  hpa.spec.metrics = {CpuUtilization(80)};
  return hpa;
}

// ---------------------------------------------------------------------------
// A canonical text form of the spec, so a mismatch shows the whole difference.

std::string Opt(const std::optional<int32_t>& v) {
  return v.has_value() ? std::to_string(*v) : "<unset>";
}
std::string Opt(const std::optional<std::string>& v) { return v.has_value() ? *v : "<unset>"; }
std::string Opt(const std::optional<Quantity>& v) {
  return v.has_value() ? v->ToString() : "<unset>";
}

std::string DumpTarget(const MetricTarget& t) {
  return "{type=" + t.type + " value=" + Opt(t.value) + " averageValue=" + Opt(t.average_value) +
         " averageUtilization=" + Opt(t.average_utilization) + "}";
}

std::string DumpMetric(const MetricSpec& m) {
  std::string out = "type=" + m.type;
  if (m.resource)
    out += " resource{" + m.resource->name + " " + DumpTarget(m.resource->target) + "}";
  if (m.pods) out += " pods{" + m.pods->metric.name + " " + DumpTarget(m.pods->target) + "}";
  if (m.object) out += " object{" + m.object->metric.name + "}";
  if (m.external) out += " external{" + m.external->metric.name + "}";
  if (m.container_resource) out += " containerResource{" + m.container_resource->name + "}";
  return out;
}

std::string DumpRules(const std::optional<HPAScalingRules>& rules) {
  if (!rules.has_value()) return "<absent>";
  std::string out = "window=" + Opt(rules->stabilization_window_seconds) +
                    " select=" + Opt(rules->select_policy) + " tolerance=" + Opt(rules->tolerance) +
                    " policies=";
  if (!rules->policies.has_value()) return out + "<unset>";
  out += "[";
  for (const HPAScalingPolicy& p : *rules->policies) {
    out += p.type + " " + std::to_string(p.value) + "/" + std::to_string(p.period_seconds) + "s;";
  }
  return out + "]";
}

std::string Dump(const HorizontalPodAutoscalerSpec& spec) {
  std::string out = "minReplicas=" + Opt(spec.min_replicas) +
                    "\nmaxReplicas=" + std::to_string(spec.max_replicas) + "\nmetrics:";
  for (const MetricSpec& m : spec.metrics) out += "\n  " + DumpMetric(m);
  out += "\nbehavior:";
  if (!spec.behavior.has_value()) return out + " <absent>";
  out += "\n  scaleUp: " + DumpRules(spec.behavior->scale_up);
  out += "\n  scaleDown: " + DumpRules(spec.behavior->scale_down);
  return out;
}

// ---------------------------------------------------------------------------

struct DefaultingCase {
  std::string name;
  std::function<HorizontalPodAutoscaler()> input;
  std::function<HorizontalPodAutoscaler()> want;
};

TEST(SetDefaultsTest, Table) {
  const std::vector<DefaultingCase> cases = {
      {"nothing optional set: minReplicas 1, cpu 80% metric, behavior stays absent", Bare,
       BareDefaulted},
      {"explicit minReplicas kept",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         hpa.spec.min_replicas = 3;
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         hpa.spec.min_replicas = 3;
         return hpa;
       }},
      {"explicit minReplicas 0 kept (not treated as unset)",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         hpa.spec.min_replicas = 0;
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         hpa.spec.min_replicas = 0;
         return hpa;
       }},
      {"given metrics kept, no cpu metric added",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         hpa.spec.metrics = {PodsAverage("requests_per_second", 10000)};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         hpa.spec.metrics = {PodsAverage("requests_per_second", 10000)};
         return hpa;
       }},
      {"empty behavior: both directions filled from their defaults",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules up;
         up.stabilization_window_seconds = 0;
         up.select_policy = "Max";
         up.policies =
             std::vector<HPAScalingPolicy>{Policy("Pods", 4, 15), Policy("Percent", 100, 15)};
         HPAScalingRules down;
         down.select_policy = "Max";
         down.policies = std::vector<HPAScalingPolicy>{Policy("Percent", 100, 15)};
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, down};
         return hpa;
       }},
      {"scale-down window only: window kept, rest of scale-down and all of scale-up defaulted",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules down;
         down.stabilization_window_seconds = 600;
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{std::nullopt, down};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules down = DefaultScaleDownRules();
         down.stabilization_window_seconds = 600;
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{DefaultScaleUpRules(), down};
         return hpa;
       }},
      {"scale-up select policy and policies set: only the window is filled in",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules up;
         up.select_policy = "Min";
         up.policies = std::vector<HPAScalingPolicy>{Policy("Pods", 1, 60)};
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, std::nullopt};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules up;
         up.stabilization_window_seconds = 0;
         up.select_policy = "Min";
         up.policies = std::vector<HPAScalingPolicy>{Policy("Pods", 1, 60)};
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, DefaultScaleDownRules()};
         return hpa;
       }},
      {"explicit empty policy lists are kept empty (validation rejects them later)",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules empty_policies;
         empty_policies.policies = std::vector<HPAScalingPolicy>{};
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{empty_policies, empty_policies};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules up = DefaultScaleUpRules();
         up.policies = std::vector<HPAScalingPolicy>{};
         HPAScalingRules down = DefaultScaleDownRules();
         down.policies = std::vector<HPAScalingPolicy>{};
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, down};
         return hpa;
       }},
      {"tolerance kept; an unset tolerance stays unset",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules up;
         up.tolerance = Quantity::FromMilli(50);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, HPAScalingRules{}};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules up = DefaultScaleUpRules();
         up.tolerance = Quantity::FromMilli(50);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{up, DefaultScaleDownRules()};
         return hpa;
       }},
      {"zero tolerance is a value, not unset",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules down;
         down.tolerance = Quantity::FromInt(0);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{std::nullopt, down};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules down = DefaultScaleDownRules();
         down.tolerance = Quantity::FromInt(0);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{DefaultScaleUpRules(), down};
         return hpa;
       }},
      {"fully specified behavior unchanged",
       [] {
         HorizontalPodAutoscaler hpa = Bare();
         HPAScalingRules rules;
         rules.stabilization_window_seconds = 30;
         rules.select_policy = "Disabled";
         rules.policies = std::vector<HPAScalingPolicy>{Policy("Percent", 10, 60)};
         rules.tolerance = Quantity::FromMilli(20);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{rules, rules};
         return hpa;
       },
       [] {
         HorizontalPodAutoscaler hpa = BareDefaulted();
         HPAScalingRules rules;
         rules.stabilization_window_seconds = 30;
         rules.select_policy = "Disabled";
         rules.policies = std::vector<HPAScalingPolicy>{Policy("Percent", 10, 60)};
         rules.tolerance = Quantity::FromMilli(20);
         hpa.spec.behavior = HorizontalPodAutoscalerBehavior{rules, rules};
         return hpa;
       }},
  };

  for (const DefaultingCase& c : cases) {
    SCOPED_TRACE(c.name);
    HorizontalPodAutoscaler got = c.input();
    SetDefaults(&got);
    EXPECT_EQ(Dump(got.spec), Dump(c.want().spec));

    // Defaulting an already defaulted object changes nothing.
    HorizontalPodAutoscaler again = got;
    SetDefaults(&again);
    EXPECT_EQ(Dump(again.spec), Dump(got.spec));
  }
}

TEST(SetDefaultsTest, ScaleUpDefaultsListPodsPolicyBeforePercent) {
  const HPAScalingRules up = DefaultScaleUpRules();
  ASSERT_TRUE(up.stabilization_window_seconds.has_value());
  EXPECT_EQ(*up.stabilization_window_seconds, 0);
  EXPECT_EQ(up.select_policy, std::optional<std::string>("Max"));
  EXPECT_FALSE(up.tolerance.has_value());
  ASSERT_TRUE(up.policies.has_value());
  ASSERT_EQ(up.policies->size(), 2u);
  EXPECT_EQ((*up.policies)[0].type, "Pods");
  EXPECT_EQ((*up.policies)[0].value, 4);
  EXPECT_EQ((*up.policies)[0].period_seconds, 15);
  EXPECT_EQ((*up.policies)[1].type, "Percent");
  EXPECT_EQ((*up.policies)[1].value, 100);
  EXPECT_EQ((*up.policies)[1].period_seconds, 15);
}

TEST(SetDefaultsTest, ScaleDownDefaultsLeaveWindowToTheController) {
  const HPAScalingRules down = DefaultScaleDownRules();
  EXPECT_FALSE(down.stabilization_window_seconds.has_value());
  EXPECT_EQ(down.select_policy, std::optional<std::string>("Max"));
  EXPECT_FALSE(down.tolerance.has_value());
  ASSERT_TRUE(down.policies.has_value());
  ASSERT_EQ(down.policies->size(), 1u);
  EXPECT_EQ((*down.policies)[0].type, "Percent");
  EXPECT_EQ((*down.policies)[0].value, 100);
  EXPECT_EQ((*down.policies)[0].period_seconds, 15);
}

TEST(SetDefaultsTest, MetadataAndStatusUntouched) {
  HorizontalPodAutoscaler hpa = Bare();
  hpa.metadata.labels["app"] = "web";
  hpa.status.current_replicas = 4;
  SetDefaults(&hpa);
  EXPECT_EQ(hpa.metadata.name, "web");
  EXPECT_EQ(hpa.metadata.labels.at("app"), "web");
  EXPECT_EQ(hpa.status.current_replicas, 4);
  EXPECT_EQ(hpa.spec.scale_target_ref.api_version, "apps/v1");
  EXPECT_FALSE(hpa.spec.sync_period_seconds.has_value());
}

TEST(SetDefaultsTest, NullIsIgnored) { SetDefaults(nullptr); }

}  // namespace
}  // namespace horizon::kube
