#include "kube/hpa_validation.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "kube/hpa.h"
#include "kube/hpa_defaults.h"
#include "kube/quantity.h"

namespace horizon::kube {

// Lets gtest print a FieldError in failure messages.
void PrintTo(const FieldError& e, std::ostream* os) { *os << "{" << e.ToString() << "}"; }

namespace {

// ---------------------------------------------------------------------------
// Builders.

MetricTarget Utilization(int32_t percent) {
  MetricTarget t;
  t.type = kUtilizationMetricType;
  t.average_utilization = percent;
  return t;
}

MetricTarget AverageValue(int64_t milli) {
  MetricTarget t;
  t.type = kAverageValueMetricType;
  t.average_value = Quantity::FromMilli(milli);
  return t;
}

MetricTarget Value(int64_t milli) {
  MetricTarget t;
  t.type = kValueMetricType;
  t.value = Quantity::FromMilli(milli);
  return t;
}

MetricSpec ResourceMetric(const std::string& name, const MetricTarget& target) {
  MetricSpec m;
  m.type = kResourceMetricSourceType;
  m.resource = ResourceMetricSource{name, target};
  return m;
}

MetricSpec ContainerMetric(const std::string& name, const std::string& container,
                           const MetricTarget& target) {
  MetricSpec m;
  m.type = kContainerResourceMetricSourceType;
  m.container_resource = ContainerResourceMetricSource{name, container, target};
  return m;
}

MetricSpec PodsMetric(const std::string& name, const MetricTarget& target) {
  MetricSpec m;
  m.type = kPodsMetricSourceType;
  PodsMetricSource pods;
  pods.metric.name = name;
  pods.target = target;
  m.pods = pods;
  return m;
}

MetricSpec ObjectMetric(const CrossVersionObjectReference& described, const std::string& name,
                        const MetricTarget& target) {
  MetricSpec m;
  m.type = kObjectMetricSourceType;
  ObjectMetricSource object;
  object.described_object = described;
  object.metric.name = name;
  object.target = target;
  m.object = object;
  return m;
}

MetricSpec ExternalMetric(const std::string& name, const MetricTarget& target) {
  MetricSpec m;
  m.type = kExternalMetricSourceType;
  ExternalMetricSource external;
  external.metric.name = name;
  LabelSelectorSpec selector;
  selector.match_labels["queue"] = "jobs";
  external.metric.selector = selector;
  external.target = target;
  m.external = external;
  return m;
}

HPAScalingPolicy Policy(const std::string& type, int32_t value, int32_t period_seconds) {
  HPAScalingPolicy p;
  p.type = type;
  p.value = value;
  p.period_seconds = period_seconds;
  return p;
}

const CrossVersionObjectReference kIngress = {"Ingress", "main", "networking.k8s.io/v1"};

// A valid, defaulted HPA without behavior.
HorizontalPodAutoscaler Valid() {
  HorizontalPodAutoscaler hpa;
  hpa.metadata.name = "web";
  hpa.metadata.namespace_ = "default";
  hpa.spec.scale_target_ref = {"Deployment", "web", "apps/v1"};
  hpa.spec.max_replicas = 10;
  SetDefaults(&hpa);
  return hpa;
}

// A valid, defaulted HPA with a (default) behavior.
HorizontalPodAutoscaler ValidWithBehavior() {
  HorizontalPodAutoscaler hpa = Valid();
  hpa.spec.behavior = HorizontalPodAutoscalerBehavior{};
  SetDefaults(&hpa);
  return hpa;
}

// ---------------------------------------------------------------------------
// Upstream's messages that are too long to repeat.

const char kSubdomainMsg[] =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char kLabelMsg[] =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
    "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char kLabelKeyNameMsg[] =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const char kSupportedSources[] =
    "supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"";
const char kScaleToZero[] =
    "must specify at least one Object or External metric to support scaling to zero replicas";

ValidationOptions WithoutScaleToZero() {
  ValidationOptions o;
  o.scale_to_zero = false;
  return o;
}

ValidationOptions WithSyncPeriod() {
  ValidationOptions o;
  o.configurable_sync_period = true;
  return o;
}

ValidationOptions WithoutTolerance() {
  ValidationOptions o;
  o.configurable_tolerance = false;
  return o;
}

// ---------------------------------------------------------------------------

struct ErrorCase {
  std::string name;
  std::function<void(HorizontalPodAutoscaler*)> mutate;  // applied to Valid()
  std::vector<FieldError> want;                          // exact list, in order
  ValidationOptions options = {};
  bool with_behavior = false;  // start from ValidWithBehavior() instead
};

TEST(ValidateHorizontalPodAutoscalerTest, Errors) {
  const std::vector<ErrorCase> cases = {
      // --- metadata
      {"metadata: name missing",
       [](HorizontalPodAutoscaler* h) { h->metadata.name = ""; },
       {{"metadata.name", kFieldValueRequired, "", "name or generateName is required"}}},
      {"metadata: namespace missing",
       [](HorizontalPodAutoscaler* h) { h->metadata.namespace_ = ""; },
       {{"metadata.namespace", kFieldValueRequired, "", ""}}},
      {"metadata: name not a DNS subdomain",
       [](HorizontalPodAutoscaler* h) { h->metadata.name = "Web_1"; },
       {{"metadata.name", kFieldValueInvalid, "\"Web_1\"", kSubdomainMsg}}},
      {"metadata: namespace with a dot",
       [](HorizontalPodAutoscaler* h) { h->metadata.namespace_ = "team.a"; },
       {{"metadata.namespace", kFieldValueInvalid, "\"team.a\"", "must not contain dots"}}},
      {"metadata: label key with a space",
       [](HorizontalPodAutoscaler* h) { h->metadata.labels["bad key"] = "v"; },
       {{"metadata.labels", kFieldValueInvalid, "\"bad key\"", kLabelKeyNameMsg}}},
      {"metadata: annotations over 256 KiB",
       [](HorizontalPodAutoscaler* h) { h->metadata.annotations["a"] = std::string(262144, 'x'); },
       {{"metadata.annotations", kFieldValueTooLong, "", "must have at most 262144 bytes"}}},

      // --- scaleTargetRef
      {"scaleTargetRef: kind missing",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.kind = ""; },
       // Without a kind the ReplicationController exception cannot apply, but
       // apps/v1 names a group, so only the kind is reported.
       {{"spec.scaleTargetRef.kind", kFieldValueRequired, "", ""}}},
      {"scaleTargetRef: name missing",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.name = ""; },
       {{"spec.scaleTargetRef.name", kFieldValueRequired, "", ""}}},
      {"scaleTargetRef: name '..'",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.name = ".."; },
       {{"spec.scaleTargetRef.name", kFieldValueInvalid, "\"..\"", "may not be '..'"}}},
      {"scaleTargetRef: kind with '/' and '%'",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.kind = "a/b%c"; },
       {{"spec.scaleTargetRef.kind", kFieldValueInvalid, "\"a/b%c\"", "may not contain '/'"},
        {"spec.scaleTargetRef.kind", kFieldValueInvalid, "\"a/b%c\"", "may not contain '%'"}}},
      {"scaleTargetRef: core-group apiVersion for a Deployment",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.api_version = "v1"; },
       {{"spec.scaleTargetRef.apiVersion", kFieldValueInvalid, "\"v1\"",
         "apiVersion must specify API group"}}},
      {"scaleTargetRef: apiVersion missing",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.api_version = ""; },
       {{"spec.scaleTargetRef.apiVersion", kFieldValueInvalid, "\"\"",
         "apiVersion must specify API group"}}},
      {"scaleTargetRef: apiVersion with two slashes",
       [](HorizontalPodAutoscaler* h) { h->spec.scale_target_ref.api_version = "apps/v1/beta"; },
       {{"spec.scaleTargetRef.apiVersion", kFieldValueInvalid, "\"apps/v1/beta\"",
         "unexpected GroupVersion string: apps/v1/beta"}}},

      // --- replica bounds
      {"minReplicas 0 without the scale-to-zero gate",
       [](HorizontalPodAutoscaler* h) { h->spec.min_replicas = 0; },
       {{"spec.minReplicas", kFieldValueInvalid, "0", "must be greater than or equal to 1"},
        {"spec.metrics", kFieldValueForbidden, "", kScaleToZero}},
       WithoutScaleToZero()},
      {"minReplicas 0 with only a Resource metric",
       [](HorizontalPodAutoscaler* h) { h->spec.min_replicas = 0; },
       {{"spec.metrics", kFieldValueForbidden, "", kScaleToZero}}},
      {"minReplicas 0 with Pods and ContainerResource metrics only",
       [](HorizontalPodAutoscaler* h) {
         h->spec.min_replicas = 0;
         h->spec.metrics = {PodsMetric("qps", AverageValue(1000)),
                            ContainerMetric("cpu", "app", Utilization(60))};
       },
       {{"spec.metrics", kFieldValueForbidden, "", kScaleToZero}}},
      {"minReplicas negative",
       [](HorizontalPodAutoscaler* h) { h->spec.min_replicas = -1; },
       {{"spec.minReplicas", kFieldValueInvalid, "-1", "must be greater than or equal to 0"}}},
      {"maxReplicas 0",
       [](HorizontalPodAutoscaler* h) { h->spec.max_replicas = 0; },
       {{"spec.maxReplicas", kFieldValueInvalid, "0", "must be greater than 0"},
        {"spec.maxReplicas", kFieldValueInvalid, "0",
         "must be greater than or equal to `minReplicas`"}}},
      {"maxReplicas below minReplicas",
       [](HorizontalPodAutoscaler* h) {
         h->spec.min_replicas = 5;
         h->spec.max_replicas = 3;
       },
       {{"spec.maxReplicas", kFieldValueInvalid, "3",
         "must be greater than or equal to `minReplicas`"}}},

      // --- metric sources
      {"metric: type missing",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].type = ""; },
       // Upstream reports the unsupported type twice (list check, then switch).
       {{"spec.metrics[0].type", kFieldValueRequired, "", "must specify a metric source type"},
        {"spec.metrics[0].type", kFieldValueNotSupported, "\"\"", kSupportedSources},
        {"spec.metrics[0].type", kFieldValueNotSupported, "\"\"", kSupportedSources}}},
      {"metric: unknown type",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].type = "Custom"; },
       {{"spec.metrics[0].type", kFieldValueNotSupported, "\"Custom\"", kSupportedSources},
        {"spec.metrics[0].type", kFieldValueNotSupported, "\"Custom\"", kSupportedSources}}},
      {"metric: type names a source that is not set",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].type = kPodsMetricSourceType; },
       {{"spec.metrics[0].pods", kFieldValueRequired, "",
         "must populate information for the given metric source"}}},
      {"metric: no source at all",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].resource.reset(); },
       {{"spec.metrics[0].resource", kFieldValueRequired, "",
         "must populate information for the given metric source"}}},
      {"metric: a second source set",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics[0].pods = PodsMetric("qps", AverageValue(1000)).pods;
       },
       {{"spec.metrics[0].pods", kFieldValueForbidden, "",
         "must populate the given metric source only"}}},
      {"metric: second metric's averageUtilization 0",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics.push_back(ResourceMetric("memory", Utilization(0)));
       },
       {{"spec.metrics[1].resource.target.averageUtilization", kFieldValueInvalid, "0",
         "must be greater than 0"}}},

      // --- Resource
      {"resource: name missing",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].resource->name = ""; },
       {{"spec.metrics[0].resource.name", kFieldValueRequired, "",
         "must specify a resource name"}}},
      {"resource: neither averageUtilization nor averageValue",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics[0].resource->target.average_utilization.reset();
       },
       {{"spec.metrics[0].resource.target.averageUtilization", kFieldValueRequired, "",
         "must set either a target raw value or a target utilization"}}},
      {"resource: both averageUtilization and averageValue",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics[0].resource->target.average_value = Quantity::FromMilli(500);
       },
       {{"spec.metrics[0].resource.target.averageValue", kFieldValueForbidden, "",
         "may not set both a target raw value and a target utilization"}}},
      {"target: unsupported type",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].resource->target.type = "Bogus"; },
       {{"spec.metrics[0].resource.target.type", kFieldValueInvalid, "\"Bogus\"",
         "must be either Utilization, Value, or AverageValue"}}},
      {"target: type missing",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics[0].resource->target.type = ""; },
       {{"spec.metrics[0].resource.target.type", kFieldValueRequired, "",
         "must specify a metric target type"},
        {"spec.metrics[0].resource.target.type", kFieldValueInvalid, "\"\"",
         "must be either Utilization, Value, or AverageValue"}}},

      // --- Pods
      {"pods: metric name missing",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics = {PodsMetric("", AverageValue(1000))}; },
       {{"spec.metrics[0].pods.metric.name", kFieldValueRequired, "",
         "must specify a metric name"}}},
      {"pods: metric name with '/'",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {PodsMetric("http/requests", AverageValue(1000))};
       },
       {{"spec.metrics[0].pods.metric.name", kFieldValueInvalid, "\"http/requests\"",
         "may not contain '/'"}}},
      {"pods: Value target instead of averageValue",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics = {PodsMetric("qps", Value(1000))}; },
       {{"spec.metrics[0].pods.target.averageValue", kFieldValueRequired, "",
         "must specify a positive target averageValue"}}},
      {"pods: averageValue 0",
       [](HorizontalPodAutoscaler* h) { h->spec.metrics = {PodsMetric("qps", AverageValue(0))}; },
       {{"spec.metrics[0].pods.target.averageValue", kFieldValueInvalid, "0", "must be positive"}}},

      // --- Object
      {"object: neither value nor averageValue",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric(kIngress, "rps", Utilization(50))};
       },
       {{"spec.metrics[0].object.target.averageValue", kFieldValueRequired, "",
         "must set either a target value or averageValue"}}},
      {"object: negative value",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric(kIngress, "rps", Value(-500))};
       },
       {{"spec.metrics[0].object.target.value", kFieldValueInvalid, "-500m", "must be positive"}}},
      {"object: describedObject kind missing",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric({"", "main", "networking.k8s.io/v1"}, "rps", Value(1000))};
       },
       {{"spec.metrics[0].object.describedObject.kind", kFieldValueRequired, "", ""}}},
      {"object: describedObject apiVersion with two slashes",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric({"Ingress", "main", "a/b/c"}, "rps", Value(1000))};
       },
       {{"spec.metrics[0].object.describedObject.apiVersion", kFieldValueInvalid, "\"a/b/c\"",
         "unexpected GroupVersion string: a/b/c"}}},

      // --- External
      {"external: both value and averageValue",
       [](HorizontalPodAutoscaler* h) {
         MetricSpec m = ExternalMetric("queue_depth", Value(30000));
         m.external->target.average_value = Quantity::FromInt(5);
         h->spec.metrics = {m};
       },
       {{"spec.metrics[0].external.target.value", kFieldValueForbidden, "",
         "may not set both a target value for metric and a per-pod target"}}},
      {"external: neither value nor averageValue",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ExternalMetric("queue_depth", Utilization(50))};
       },
       {{"spec.metrics[0].external.target.averageValue", kFieldValueRequired, "",
         "must set either a target value for metric or a per-pod target"}}},

      // --- ContainerResource
      {"containerResource: container missing",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("cpu", "", Utilization(60))};
       },
       {{"spec.metrics[0].containerResource.container", kFieldValueRequired, "",
         "must specify a container"}}},
      {"containerResource: container not a DNS label",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("cpu", "App_1", Utilization(60))};
       },
       {{"spec.metrics[0].containerResource.container", kFieldValueInvalid, "\"App_1\"",
         kLabelMsg}}},
      {"containerResource: name missing",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("", "app", Utilization(60))};
       },
       {{"spec.metrics[0].containerResource.name", kFieldValueRequired, "",
         "must specify a resource name"}}},
      {"containerResource: standard resource that containers cannot request",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("pods", "app", AverageValue(1000))};
       },
       {{"spec.metrics[0].containerResource.name", kFieldValueInvalid, "\"pods\"",
         "must be a standard resource for containers"}}},
      {"containerResource: unknown unqualified resource",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("gpu", "app", AverageValue(1000))};
       },
       {{"spec.metrics[0].containerResource.name", kFieldValueInvalid, "\"gpu\"",
         "must be a standard resource type or fully qualified"},
        {"spec.metrics[0].containerResource.name", kFieldValueInvalid, "\"gpu\"",
         "must be a standard resource for containers"}}},
      {"containerResource: extended resource with a quota prefix",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ContainerMetric("requests.example.com/gpu", "app", AverageValue(1000))};
       },
       {{"spec.metrics[0].containerResource.name", kFieldValueInvalid,
         "\"requests.example.com/gpu\"", "doesn't follow extended resource name standard"}}},

      // --- behavior
      {"behavior: unsupported selectPolicy",
       [](HorizontalPodAutoscaler* h) { h->spec.behavior->scale_up->select_policy = "Fastest"; },
       {{"spec.behavior.scaleUp.selectPolicy", kFieldValueNotSupported, "\"Fastest\"",
         "supported values: \"Disabled\", \"Max\", \"Min\""}},
       {},
       true},
      {"behavior: stabilization window over an hour",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior->scale_down->stabilization_window_seconds = 3601;
       },
       {{"spec.behavior.scaleDown.stabilizationWindowSeconds", kFieldValueInvalid, "3601",
         "must be less than or equal to 3600"}},
       {},
       true},
      {"behavior: negative stabilization window",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior->scale_up->stabilization_window_seconds = -1;
       },
       {{"spec.behavior.scaleUp.stabilizationWindowSeconds", kFieldValueInvalid, "-1",
         "must be greater than or equal to zero"}},
       {},
       true},
      {"behavior: explicit empty policy list",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior->scale_down->policies = std::vector<HPAScalingPolicy>{};
       },
       {{"spec.behavior.scaleDown.policies", kFieldValueRequired, "",
         "must specify at least one Policy"}},
       {},
       true},
      {"behavior: policies unset (object not defaulted)",
       [](HorizontalPodAutoscaler* h) {
         HPAScalingRules up;
         up.select_policy = "Min";
         h->spec.behavior = HorizontalPodAutoscalerBehavior{up, std::nullopt};
       },
       {{"spec.behavior.scaleUp.policies", kFieldValueRequired, "",
         "must specify at least one Policy"}}},
      {"policy: unknown type",
       [](HorizontalPodAutoscaler* h) { (*h->spec.behavior->scale_up->policies)[1].type = "hm"; },
       {{"spec.behavior.scaleUp.policies[1].type", kFieldValueNotSupported, "\"hm\"",
         "supported values: \"Percent\", \"Pods\""}},
       {},
       true},
      {"policy: zero value",
       [](HorizontalPodAutoscaler* h) { (*h->spec.behavior->scale_down->policies)[0].value = 0; },
       {{"spec.behavior.scaleDown.policies[0].value", kFieldValueInvalid, "0",
         "must be greater than zero"}},
       {},
       true},
      {"policy: zero period",
       [](HorizontalPodAutoscaler* h) {
         (*h->spec.behavior->scale_up->policies)[0].period_seconds = 0;
       },
       {{"spec.behavior.scaleUp.policies[0].periodSeconds", kFieldValueInvalid, "0",
         "must be greater than zero"}},
       {},
       true},
      {"policy: period over half an hour",
       [](HorizontalPodAutoscaler* h) {
         (*h->spec.behavior->scale_down->policies)[0].period_seconds = 1801;
       },
       {{"spec.behavior.scaleDown.policies[0].periodSeconds", kFieldValueInvalid, "1801",
         "must be less than or equal to 1800"}},
       {},
       true},
      {"tolerance: negative",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior->scale_up->tolerance = Quantity::FromMilli(-1);
       },
       {{"spec.behavior.scaleUp.tolerance", kFieldValueInvalid, "-1m",
         "must be greater or equal to zero"}},
       {},
       true},

      // --- syncPeriodSeconds
      {"syncPeriodSeconds below 3",
       [](HorizontalPodAutoscaler* h) { h->spec.sync_period_seconds = 2; },
       {{"spec.syncPeriodSeconds", kFieldValueInvalid, "2", "must be greater than or equal to 3"}},
       WithSyncPeriod()},
      {"syncPeriodSeconds over an hour",
       [](HorizontalPodAutoscaler* h) { h->spec.sync_period_seconds = 3601; },
       {{"spec.syncPeriodSeconds", kFieldValueInvalid, "3601",
         "must be less than or equal to 3600"}},
       WithSyncPeriod()},

      // --- several problems at once keep upstream's order
      {"errors reported in upstream's order",
       [](HorizontalPodAutoscaler* h) {
         h->metadata.name = "";
         h->spec.max_replicas = 0;
         h->spec.scale_target_ref.kind = "";
         h->spec.metrics[0].resource->target.average_utilization = -5;
         h->spec.behavior->scale_up->select_policy = "Fastest";
       },
       {{"metadata.name", kFieldValueRequired, "", "name or generateName is required"},
        {"spec.maxReplicas", kFieldValueInvalid, "0", "must be greater than 0"},
        {"spec.maxReplicas", kFieldValueInvalid, "0",
         "must be greater than or equal to `minReplicas`"},
        {"spec.scaleTargetRef.kind", kFieldValueRequired, "", ""},
        {"spec.metrics[0].resource.target.averageUtilization", kFieldValueInvalid, "-5",
         "must be greater than 0"},
        {"spec.behavior.scaleUp.selectPolicy", kFieldValueNotSupported, "\"Fastest\"",
         "supported values: \"Disabled\", \"Max\", \"Min\""}},
       {},
       true},
  };

  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    HorizontalPodAutoscaler hpa = c.with_behavior ? ValidWithBehavior() : Valid();
    c.mutate(&hpa);
    EXPECT_EQ(ValidateHorizontalPodAutoscaler(hpa, c.options), c.want);
  }
}

struct ValidCase {
  std::string name;
  std::function<void(HorizontalPodAutoscaler*)> mutate;  // applied to Valid()
  ValidationOptions options = {};
};

TEST(ValidateHorizontalPodAutoscalerTest, AcceptsValidObjects) {
  const std::vector<ValidCase> cases = {
      {"defaulted cpu utilization", [](HorizontalPodAutoscaler*) {}},
      {"defaulted behavior",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior = HorizontalPodAutoscalerBehavior{};
         SetDefaults(h);
       }},
      {"every metric source kind",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {
             ResourceMetric("memory", AverageValue(512 * 1000)),
             ContainerMetric("cpu", "app", Utilization(60)),
             ContainerMetric("hugepages-2Mi", "app", AverageValue(1000)),
             ContainerMetric("example.com/gpu", "app", AverageValue(500)),
             PodsMetric("packets-per-second", AverageValue(1000 * 1000)),
             ObjectMetric(kIngress, "requests-per-second", Value(10 * 1000)),
             ObjectMetric(kIngress, "requests-per-second", AverageValue(1000)),
             ExternalMetric("queue_messages_ready", Value(30 * 1000)),
             ExternalMetric("queue_messages_ready", AverageValue(30)),
         };
       }},
      {"ReplicationController target without apiVersion",
       [](HorizontalPodAutoscaler* h) {
         h->spec.scale_target_ref = {"ReplicationController", "myrc", ""};
       }},
      {"ReplicationController target with apiVersion v1",
       [](HorizontalPodAutoscaler* h) {
         h->spec.scale_target_ref = {"ReplicationController", "myrc", "v1"};
       }},
      {"custom resource target",
       [](HorizontalPodAutoscaler* h) {
         h->spec.scale_target_ref = {"Rollout", "web", "argoproj.io/v1alpha1"};
       }},
      {"object metric described by a core-group object",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric({"Service", "web", "v1"}, "rps", Value(1000))};
       }},
      {"object metric described without apiVersion",
       [](HorizontalPodAutoscaler* h) {
         h->spec.metrics = {ObjectMetric({"Service", "web", ""}, "rps", Value(1000))};
       }},
      {"scale to zero with an External metric",
       [](HorizontalPodAutoscaler* h) {
         h->spec.min_replicas = 0;
         h->spec.metrics = {ResourceMetric("cpu", Utilization(70)),
                            ExternalMetric("queue_messages_ready", AverageValue(30))};
       }},
      {"scale to zero with an Object metric",
       [](HorizontalPodAutoscaler* h) {
         h->spec.min_replicas = 0;
         h->spec.metrics = {ObjectMetric(kIngress, "rps", Value(1000))};
       }},
      {"minReplicas equal to maxReplicas",
       [](HorizontalPodAutoscaler* h) {
         h->spec.min_replicas = 10;
         h->spec.max_replicas = 10;
       },
       WithoutScaleToZero()},
      {"behavior at its limits",
       [](HorizontalPodAutoscaler* h) {
         HPAScalingRules up;
         up.stabilization_window_seconds = 3600;
         up.select_policy = "Min";
         up.policies =
             std::vector<HPAScalingPolicy>{Policy("Percent", 10, 1), Policy("Pods", 1, 1800)};
         up.tolerance = Quantity::FromInt(0);
         HPAScalingRules down;
         down.stabilization_window_seconds = 0;
         down.select_policy = "Disabled";
         down.policies = std::vector<HPAScalingPolicy>{Policy("Pods", 1, 60)};
         down.tolerance = Quantity::FromMilli(50);
         h->spec.behavior = HorizontalPodAutoscalerBehavior{up, down};
       }},
      {"only one behavior direction given",
       [](HorizontalPodAutoscaler* h) {
         HPAScalingRules down;
         down.policies = std::vector<HPAScalingPolicy>{Policy("Percent", 10, 60)};
         h->spec.behavior = HorizontalPodAutoscalerBehavior{std::nullopt, down};
       }},
      {"negative tolerance ignored without its gate",
       [](HorizontalPodAutoscaler* h) {
         h->spec.behavior = HorizontalPodAutoscalerBehavior{};
         SetDefaults(h);
         h->spec.behavior->scale_down->tolerance = Quantity::FromMilli(-100);
       },
       WithoutTolerance()},
      {"syncPeriodSeconds at its limits",
       [](HorizontalPodAutoscaler* h) { h->spec.sync_period_seconds = 3; }, WithSyncPeriod()},
      {"syncPeriodSeconds 3600",
       [](HorizontalPodAutoscaler* h) { h->spec.sync_period_seconds = 3600; }, WithSyncPeriod()},
      {"syncPeriodSeconds ignored without its gate",
       [](HorizontalPodAutoscaler* h) { h->spec.sync_period_seconds = 0; }},
      {"generateName with a trailing dash",
       [](HorizontalPodAutoscaler* h) {
         h->metadata.generate_name = "web-";
         h->metadata.name = "web-x7k2p";
       }},
      {"labels and annotations",
       [](HorizontalPodAutoscaler* h) {
         h->metadata.labels["app.kubernetes.io/name"] = "web";
         h->metadata.labels["tier"] = "";
         h->metadata.annotations["Example.com/Owner"] = "team a: anything goes here";
       }},
  };

  for (const ValidCase& c : cases) {
    SCOPED_TRACE(c.name);
    HorizontalPodAutoscaler hpa = Valid();
    c.mutate(&hpa);
    EXPECT_EQ(ValidateHorizontalPodAutoscaler(hpa, c.options), std::vector<FieldError>{});
  }
}

struct ToStringCase {
  std::string name;
  FieldError error;
  std::string want;
};

TEST(FieldErrorTest, ToStringMatchesUpstreamRendering) {
  const std::vector<ToStringCase> cases = {
      {"invalid integer",
       {"spec.metrics[1].resource.target.averageUtilization", kFieldValueInvalid, "0",
        "must be greater than 0"},
       "spec.metrics[1].resource.target.averageUtilization: Invalid value: 0: must be greater "
       "than 0"},
      {"required without detail",
       {"spec.scaleTargetRef.kind", kFieldValueRequired, "", ""},
       "spec.scaleTargetRef.kind: Required value"},
      {"required with detail",
       {"spec.behavior.scaleUp.policies", kFieldValueRequired, "",
        "must specify at least one Policy"},
       "spec.behavior.scaleUp.policies: Required value: must specify at least one Policy"},
      {"forbidden",
       {"spec.metrics[0].pods", kFieldValueForbidden, "",
        "must populate the given metric source only"},
       "spec.metrics[0].pods: Forbidden: must populate the given metric source only"},
      {"unsupported value",
       {"spec.behavior.scaleUp.selectPolicy", kFieldValueNotSupported, "\"incorrect\"",
        "supported values: \"Disabled\", \"Max\", \"Min\""},
       "spec.behavior.scaleUp.selectPolicy: Unsupported value: \"incorrect\": supported values: "
       "\"Disabled\", \"Max\", \"Min\""},
      {"too long hides the value",
       {"metadata.annotations", kFieldValueTooLong, "", "must have at most 262144 bytes"},
       "metadata.annotations: Too long: must have at most 262144 bytes"},
  };
  for (const ToStringCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.error.ToString(), c.want);
  }
}

TEST(FieldErrorTest, StringValuesAreGoQuoted) {
  HorizontalPodAutoscaler hpa = Valid();
  hpa.spec.metrics[0].resource->target.type = "a\"b\\c\n\x01";
  const std::vector<FieldError> errors = ValidateHorizontalPodAutoscaler(hpa);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].value, "\"a\\\"b\\\\c\\n\\x01\"");
  EXPECT_EQ(errors[0].ToString(),
            "spec.metrics[0].resource.target.type: Invalid value: \"a\\\"b\\\\c\\n\\x01\": must be "
            "either Utilization, Value, or AverageValue");
}

TEST(FieldErrorTest, Reason) {
  EXPECT_EQ((FieldError{"f", kFieldValueRequired, "", ""}.Reason()), "FieldValueRequired");
  EXPECT_EQ((FieldError{"f", kFieldValueInvalid, "1", ""}.Reason()), "FieldValueInvalid");
  EXPECT_EQ((FieldError{"f", kFieldValueNotSupported, "\"x\"", ""}.Reason()),
            "FieldValueNotSupported");
  EXPECT_EQ((FieldError{"f", kFieldValueForbidden, "", ""}.Reason()), "FieldValueForbidden");
  EXPECT_EQ((FieldError{"f", kFieldValueTooLong, "", ""}.Reason()), "FieldValueTooLong");
}

TEST(ToStatusTest, OkWithoutErrors) { EXPECT_TRUE(ToStatus({}).ok()); }

TEST(ToStatusTest, JoinsDistinctErrorsAsInvalidArgument) {
  HorizontalPodAutoscaler hpa = Valid();
  hpa.spec.max_replicas = 0;
  hpa.spec.metrics[0].type = "Custom";  // reported twice, listed once
  const absl::Status status = ToStatus(ValidateHorizontalPodAutoscaler(hpa));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "spec.maxReplicas: Invalid value: 0: must be greater than 0; "
            "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`; "
            "spec.metrics[0].type: Unsupported value: \"Custom\": supported values: "
            "\"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"");
}

struct DropCase {
  std::string name;
  ValidationOptions options;
  bool want_tolerance;
  bool want_sync_period;
};

TEST(DropDisabledFieldsTest, ClearsFieldsOfDisabledGates) {
  ValidationOptions all_on;
  all_on.configurable_sync_period = true;
  ValidationOptions all_off;
  all_off.configurable_tolerance = false;
  const std::vector<DropCase> cases = {
      {"gates on keep both fields", all_on, true, true},
      {"default gates drop only the sync period", ValidationOptions{}, true, false},
      {"gates off drop both fields", all_off, false, false},
  };
  for (const DropCase& c : cases) {
    SCOPED_TRACE(c.name);
    HorizontalPodAutoscaler hpa = ValidWithBehavior();
    hpa.spec.behavior->scale_up->tolerance = Quantity::FromMilli(50);
    hpa.spec.behavior->scale_down->tolerance = Quantity::FromMilli(20);
    hpa.spec.sync_period_seconds = 30;
    DropDisabledFields(&hpa, c.options);
    EXPECT_EQ(hpa.spec.behavior->scale_up->tolerance.has_value(), c.want_tolerance);
    EXPECT_EQ(hpa.spec.behavior->scale_down->tolerance.has_value(), c.want_tolerance);
    EXPECT_EQ(hpa.spec.sync_period_seconds.has_value(), c.want_sync_period);
    // Everything else is left alone.
    EXPECT_EQ(hpa.spec.behavior->scale_up->policies->size(), 2u);
  }
}

TEST(DropDisabledFieldsTest, NoBehaviorAndNullAreFine) {
  HorizontalPodAutoscaler hpa = Valid();
  ValidationOptions off;
  off.configurable_tolerance = false;
  DropDisabledFields(&hpa, off);
  EXPECT_FALSE(hpa.spec.behavior.has_value());
  DropDisabledFields(nullptr, off);
}

}  // namespace
}  // namespace horizon::kube
